"""The chair's computer A, a process of its own for the fault tests to kill.

    python -m tests.meetings.live.chair_app BASE_URL MEETING_ID ITEM_ID

Signs in as the chair (a sign-in of this computer), opens its live socket as the app
does, opens the session if it waits, shows ``ITEM_ID`` to the meeting, prints ``shown <event id heard>`` once its own
socket heard the event, then waits (for the SIGKILL) with the socket and its HTTP
connection still open.
"""

from __future__ import annotations

import sys

from tests.meetings.live.fault_support import Api, Listener, sign_in
from tests.waiting import until


def main(base_url: str, meeting_id: str, item_id: str) -> None:
    token = sign_in(base_url, "lanhdao")
    listener = Listener(base_url, token)
    until(lambda: listener.ready, "computer A's live socket is ready")
    api = Api(base_url, token, meeting_id)
    if api.snapshot()["session"]["state"] == "waiting":
        api.post("/session/open")
    api.post("/session/show", {"item_id": item_id})
    key = f"show:{item_id}"
    until(lambda: listener.has(key), "computer A hears its own action")
    print("shown", listener.last_id(), flush=True)
    sys.stdin.read()  # held open until killed


if __name__ == "__main__":
    main(*sys.argv[1:4])
