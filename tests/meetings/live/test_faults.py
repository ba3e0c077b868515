"""The live session under faults, with real processes: a delegate's network cut in the
middle of a ballot, the chair's app killed, the server killed mid-vote, and two server
processes sharing one PostgreSQL database.

The server is ``eoffice server`` in its own process (``tests.sync.server_process``); the
chair's computer A is a process of its own (``chair_app``), killed with SIGKILL. Faults
hit their point on purpose: the delegate's ballot reaches the server and only its answer
is lost (``Proxy.cut_at_answer``); the chair's app is killed once its action was heard;
the server is killed between an acknowledged ballot and the next ones.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from eoffice.store import Store
from tests.conftest import _pg_database, make_world
from tests.meetings.live.fault_support import (
    Api,
    Listener,
    Proxy,
    in_order_once,
    live_meeting,
    sign_in,
    vote_body,
)
from tests.processes import die_with_parent
from tests.sync.server_process import ServerProcess
from tests.waiting import PATIENCE, until

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def server(store: Store, tmp_path: Path) -> Iterator[ServerProcess]:
    process = ServerProcess(store.url, tmp_path / "server", tmp_path / "logs")
    try:
        yield process
    finally:
        process.stop()


def seated(base_url: str, meeting_id: str, usernames: list[str], sitting_id: str | None = None) -> dict[str, Api]:
    """Each signed in; the chair (the first) opens the session; everyone checks in online."""
    people = {name: Api(base_url, sign_in(base_url, name), meeting_id) for name in usernames}
    chair = people[usernames[0]]
    chair.post("/session/open", {"sitting_id": sitting_id} if sitting_id else {})
    for api in people.values():
        api.post("/check-in", {"online": True})
    return people


def opened_vote(chair: Api) -> tuple[str, str]:
    """A yes/no vote prepared and opened by the chair: its id and the first option's key."""
    vote = chair.post("/votes", vote_body())
    opened = chair.post(f"/votes/{vote['id']}/open", {"without_quorum": True})
    assert opened["state"] == "open", opened
    return str(vote["id"]), str(opened["options"][0]["key"])


def vote_in(snapshot: dict[str, Any], vote_id: str) -> dict[str, Any]:
    return next(v for v in snapshot["votes"] if v["id"] == vote_id)


def test_a_delegate_cut_off_mid_ballot_is_counted_once_and_hears_what_it_missed(
    store: Store, tmp_path: Path, server: ServerProcess
):
    world = make_world(store)
    meeting = live_meeting(store, world)
    server.start()
    mid = meeting.rows.meeting_id
    people = seated(server.url, mid, meeting.voters, meeting.rows.sitting_id)
    chair, officer = people["lanhdao"], people["chuyenvien"]
    token = people["daibieu"].token
    # The delegate's computer reaches the server through a network the test cuts.
    http_net, live_net = Proxy(server.port), Proxy(server.port)
    try:
        delegate = Api(http_net.url, token, mid)
        heard = Listener(live_net.url, token)
        until(lambda: heard.ready, "the delegate's live socket is ready")
        vote_id, yes = opened_vote(chair)
        until(lambda: heard.has(f"vote:open:{vote_id}"), "the delegate hears the vote open")

        # The ballot reaches the server; its answer is lost with the whole network.
        http_net.cut_at_answer()
        with pytest.raises(httpx.TransportError):
            delegate.send(f"/votes/{vote_id}/ballot", {"choice": [yes]})
        assert http_net.swallowed.is_set()
        live_net.cut()
        until(heard.closed.is_set, "the delegate's live socket is cut")
        last = heard.last_id()

        # While the delegate is away: the chair moves on, the officer votes.
        chair.post("/session/show", {"item_id": meeting.items[1]})
        officer.post(f"/votes/{vote_id}/ballot", {"choice": [yes]})

        # Back: the ballot sent again is refused (it was counted), the socket resumes.
        again = delegate.send(f"/votes/{vote_id}/ballot", {"choice": [yes]})
        assert again.status_code == 409, again.text
        assert again.json()["error"] == "already_voted"
        resumed = Listener(live_net.url, token, after=last)
        until(lambda: resumed.ready, "the resumed socket is ready")
        missed = [e for e in resumed.backlog if e.get("type") == "event"]
        assert all(int(e["id"]) > last for e in missed), [e["id"] for e in missed]
        assert f"show:{meeting.items[1]}" in resumed.keys(), resumed.keys()
        assert int(resumed.ready_id or 0) >= max(int(e["id"]) for e in missed)

        mine = delegate.snapshot()["me"]
        assert vote_id in mine["voted"] and vote_id not in mine["may_vote"], mine
        chair.post(f"/votes/{vote_id}/close")
        result = chair.post(f"/votes/{vote_id}/publish")["result"]
        assert result["returned"] == 2, result
        assert result["counts"][yes] == 2, result
        until(lambda: resumed.has(f"vote:published:{vote_id}"), "the delegate hears the result")
        in_order_once(resumed, [f"show:{meeting.items[1]}", f"vote:published:{vote_id}"])
        resumed.close()
        delegate.close()
        for api in people.values():
            api.close()
    finally:
        http_net.close()
        live_net.close()
    server.assert_no_errors()


def test_the_chair_s_app_killed_the_chair_goes_on_from_another_computer(
    store: Store, tmp_path: Path, server: ServerProcess
):
    world = make_world(store)
    meeting = live_meeting(store, world)
    server.start()
    mid = meeting.rows.meeting_id
    officer = Api(server.url, sign_in(server.url, "chuyenvien"), mid)
    heard = Listener(server.url, officer.token)
    until(lambda: heard.ready, "the officer's live socket is ready")

    # Computer A: opens the session, shows the first item, and is killed once it heard it.
    computer_a = subprocess.Popen(
        [sys.executable, "-m", "tests.meetings.live.chair_app", server.url, mid, meeting.items[0]],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, preexec_fn=die_with_parent,
    )
    try:
        assert computer_a.stdout is not None
        line = computer_a.stdout.readline()
        assert line.startswith("shown "), f"computer A said {line!r}"
    finally:
        os.kill(computer_a.pid, signal.SIGKILL)
        computer_a.wait(PATIENCE)
        for pipe in (computer_a.stdin, computer_a.stdout):
            if pipe is not None:
                pipe.close()
    assert computer_a.returncode == -signal.SIGKILL

    # Computer B: a new sign-in; the snapshot is where A left the session.
    chair = Api(server.url, sign_in(server.url, "lanhdao"), mid)
    snapshot = chair.snapshot()
    assert snapshot["session"]["state"] == "running", snapshot["session"]
    assert snapshot["session"]["item_id"] == meeting.items[0]
    assert snapshot["me"]["organiser"] is True
    chair.post("/session/show", {"item_id": meeting.items[1]})
    speech = officer.post("/speakers", {"kind": "speech"})
    chair.post(f"/speakers/{speech['id']}/accept")
    speakers = chair.post("/speakers/next")
    assert speakers["current"]["id"] == speech["id"], speakers
    assert chair.post("/session/pause")["state"] == "paused"
    assert chair.post("/session/resume")["state"] == "running"

    until(lambda: heard.has(f"next:{speech['id']}"), "the officer hears the floor given")
    in_order_once(heard, [f"show:{meeting.items[0]}", f"show:{meeting.items[1]}", f"next:{speech['id']}"])
    heard.close()
    chair.close()
    officer.close()
    server.assert_no_errors()


def test_the_server_killed_mid_vote_loses_no_ballot_and_the_vote_goes_on(
    store: Store, tmp_path: Path, server: ServerProcess
):
    world = make_world(store)
    meeting = live_meeting(store, world, extra=1)
    server.start()
    mid = meeting.rows.meeting_id
    people = seated(server.url, mid, meeting.voters, meeting.rows.sitting_id)
    chair = people["lanhdao"]
    heard = Listener(server.url, people["daibieu"].token)
    until(lambda: heard.ready, "the delegate's live socket is ready")
    vote_id, yes = opened_vote(chair)
    receipt = people["chuyenvien"].post(f"/votes/{vote_id}/ballot", {"choice": [yes]})
    assert receipt["returned"] == 1, receipt
    until(lambda: heard.has(f"vote:open:{vote_id}"), "the delegate hears the vote open")
    last = heard.last_id()

    # Between an acknowledged ballot and the others: SIGKILL, then the same server again.
    server.kill()
    until(heard.closed.is_set, "the delegate's socket ends with the server")
    for api in people.values():
        api.close()
    server.start()
    people = {name: Api(server.url, api.token, mid) for name, api in people.items()}  # the apps reconnect
    chair = people["lanhdao"]
    resumed = Listener(server.url, people["daibieu"].token, after=last)
    until(lambda: resumed.ready, "the delegate's socket is back")

    vote = vote_in(chair.snapshot(), vote_id)
    assert vote["state"] == "open", vote
    assert vote["returned"] == 1, vote
    again = people["chuyenvien"].send(f"/votes/{vote_id}/ballot", {"choice": [yes]})
    assert again.status_code == 409 and again.json()["error"] == "already_voted", again.text
    for name in ("lanhdao", "daibieu", "daibieu2"):
        people[name].post(f"/votes/{vote_id}/ballot", {"choice": [yes]})
    chair.post(f"/votes/{vote_id}/close")
    result = chair.post(f"/votes/{vote_id}/publish")["result"]
    assert result["returned"] == 4, result
    assert result["counts"][yes] == 4, result
    until(lambda: resumed.has(f"vote:published:{vote_id}"), "the delegate hears the result")
    in_order_once(resumed, [f"vote:published:{vote_id}"])
    resumed.close()
    for api in people.values():
        api.close()
    server.assert_no_errors()


@pytest.mark.postgres
def test_delegates_on_two_server_processes_hear_every_event_once_in_order(tmp_path: Path):
    gen = _pg_database()  # skips (or fails under EOFFICE_TEST_REQUIRE_ALL) without PostgreSQL
    url = next(gen)
    store = Store(url)
    servers: list[ServerProcess] = []
    listeners: list[Listener] = []
    try:
        store.migrate()
        world = make_world(store)
        meeting = live_meeting(store, world, extra=2)
        mid = meeting.rows.meeting_id
        # One data folder: both processes sign tokens with one key (A makes it first).
        a = ServerProcess(url, tmp_path / "server", tmp_path / "logs-a").start()
        servers.append(a)
        b = ServerProcess(url, tmp_path / "server", tmp_path / "logs-b").start()
        servers.append(b)
        home = {"lanhdao": a, "chuyenvien": a, "daibieu": b, "daibieu2": a, "daibieu3": b}
        people = {name: Api(home[name].url, sign_in(home[name].url, name), mid) for name in home}
        chair = people["lanhdao"]
        chair_on_b = Api(b.url, chair.token, mid)  # the secretary's console, say, on the other process
        for name in ("chuyenvien", "daibieu", "daibieu2", "daibieu3"):
            listeners.append(Listener(home[name].url, people[name].token))
        until(lambda: all(x.ready for x in listeners), "every delegate's socket is ready")

        chair.post("/session/open", {"sitting_id": meeting.rows.sitting_id})
        for api in people.values():
            api.post("/check-in", {"online": True})
        chair.post("/session/show", {"item_id": meeting.items[0]})
        chair_on_b.post("/session/show", {"item_id": meeting.items[1]})
        speech = people["daibieu"].post("/speakers", {"kind": "speech"})
        chair.post(f"/speakers/{speech['id']}/accept")
        chair.post("/speakers/next")
        vote_id, yes = opened_vote(chair)
        for name in home:
            people[name].post(f"/votes/{vote_id}/ballot", {"choice": [yes]})
        chair_on_b.post(f"/votes/{vote_id}/close")
        result = chair_on_b.post(f"/votes/{vote_id}/publish")["result"]
        assert result["returned"] == 5 and result["counts"][yes] == 5, result

        expected = [
            f"show:{meeting.items[0]}", f"show:{meeting.items[1]}", f"next:{speech['id']}",
            f"vote:open:{vote_id}", f"vote:published:{vote_id}",
        ]
        published = expected[-1]
        until(lambda: all(x.has(published) for x in listeners), "every delegate hears the result")
        for listener in listeners:
            in_order_once(listener, expected)
        # The same events, whichever process a delegate is connected to.
        def chair_ids(listener: Listener) -> list[int]:
            return [int(e["id"]) for e in listener.events() if e["payload"].get("part") == "session"]

        assert len({tuple(chair_ids(x)) for x in listeners}) == 1, [chair_ids(x) for x in listeners]
        for api in [*people.values(), chair_on_b]:
            api.close()
    finally:
        for listener in listeners:
            listener.close()
        for process in servers:
            process.stop()
        store.dispose()
        gen.close()
    for process in servers:
        process.assert_no_errors()
