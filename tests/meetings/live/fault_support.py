"""What the live session's fault tests share: a meeting ready to run, people speaking to a
real server process over HTTP, delegates' live sockets read in a thread, and a loopback
proxy that cuts a delegate's network at a chosen point.

A delegate's network is cut on purpose, not by timing: ``Proxy.cut_at_answer`` lets the
next request reach the server and drops the connection when the server's answer comes
back (the server did the work; the client never hears it), and ``Proxy.cut`` drops
every connection through it at once (the live socket with it).
"""

from __future__ import annotations

import json
import socket
import threading
from dataclasses import dataclass
from typing import Any

import httpx
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from eoffice.meetings.models import AgendaItem, Participant
from eoffice.server.protocol import HEADER, PROTOCOL_VERSION
from eoffice.store import Store
from eoffice.store.base import new_id
from eoffice.sync.live import live_url
from eoffice.sync.versioning import install_versioning
from tests.conftest import World
from tests.meetings.factories import MeetingRows, add_user, make_meeting
from tests.server.conftest import PASSWORD, give_passwords
from tests.waiting import PATIENCE, until

LIVE = "meeting.live"


@dataclass
class LiveMeeting:
    rows: MeetingRows
    items: list[str]
    #: Usernames of the voting members, the chair first.
    voters: list[str]


def live_meeting(store: Store, world: World, *, extra: int = 0, items: int = 4) -> LiveMeeting:
    """The factories' meeting (the leader chairs; the officer and "daibieu" vote) with
    ``extra`` more voting members ("daibieu2"...), ``items`` agenda items, passwords."""
    install_versioning(store)
    rows = make_meeting(store, world)
    names = [f"daibieu{n + 2}" for n in range(extra)]
    with store.write() as s:
        for name in names:
            user_id = add_user(s, world, name, f"Đại biểu {name[-1]}")
            participant = Participant(id=new_id(), meeting_id=rows.meeting_id, user_id=user_id, role="member",
                                      votes=True)
            s.add(participant)
            rows.participants[user_id] = participant.id
        item_ids = []
        for n in range(items):
            item = AgendaItem(id=new_id(), meeting_id=rows.meeting_id, sitting_id=rows.sitting_id, position=n,
                              title=f"Nội dung {n + 1}", planned_minutes=10)
            s.add(item)
            item_ids.append(item.id)
    voters = ["lanhdao", "chuyenvien", "daibieu", *names]
    give_passwords(store, *voters)
    return LiveMeeting(rows, item_ids, voters)


def sign_in(base_url: str, username: str) -> str:
    """A new sign-in (as a new computer makes): its access token."""
    with httpx.Client(headers={HEADER: str(PROTOCOL_VERSION)}, timeout=PATIENCE) as c:
        response = c.post(f"{base_url}/api/v1/auth/login", json={"username": username, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return str(response.json()["access_token"])


class Api:
    """One person's requests about one meeting (``/api/v1/meetings/{id}``)."""

    def __init__(self, base_url: str, token: str, meeting_id: str) -> None:
        self.token = token
        self.client = httpx.Client(
            base_url=f"{base_url}/api/v1/meetings/{meeting_id}", timeout=PATIENCE,
            headers={HEADER: str(PROTOCOL_VERSION), "Authorization": f"Bearer {token}"},
        )

    def send(self, path: str, body: dict[str, Any] | None = None) -> httpx.Response:
        return self.client.post(path, json=body or {})

    def post(self, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        response = self.send(path, body)
        assert response.status_code == 200, f"POST {path}: {response.status_code} {response.text}"
        return response.json()  # type: ignore[no-any-return]

    def snapshot(self) -> dict[str, Any]:
        response = self.client.get("/session")
        assert response.status_code == 200, response.text
        return response.json()  # type: ignore[no-any-return]

    def close(self) -> None:
        self.client.close()


def key_of(payload: dict[str, Any]) -> str | None:
    """What a live event says the chair did: an item shown, a speech given the floor, a
    vote's state (as ``bench/meetings_live.py`` names them)."""
    part, data = payload.get("part"), payload.get("data") or {}
    if part == "session" and data.get("item_id"):
        return f"show:{data['item_id']}"
    if part == "speakers" and data.get("current"):
        return f"next:{data['current']['id']}"
    if part == "vote" and data.get("id"):
        return f"vote:{data.get('state')}:{data['id']}"
    return None


class Listener:
    """A delegate's live socket, read in a thread: every message kept in order."""

    def __init__(self, base_url: str, token: str, after: int | None = None) -> None:
        self._url = live_url(base_url, after)
        self._headers = {HEADER: str(PROTOCOL_VERSION), "Authorization": f"Bearer {token}"}
        self.ws: ClientConnection | None = None
        self.messages: list[dict[str, Any]] = []
        self.ready_id: int | None = None
        self.backlog: list[dict[str, Any]] = []  # the events sent before "ready"
        self.connected, self.closed = threading.Event(), threading.Event()
        self.failure: BaseException | None = None
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()
        until(lambda: self.connected.is_set() or self.closed.is_set(), "the live socket connects")
        if self.failure is not None:
            raise self.failure

    def _read(self) -> None:
        try:
            with connect(self._url, additional_headers=self._headers, open_timeout=PATIENCE) as ws:
                self.ws = ws
                self.connected.set()
                for raw in ws:
                    message = json.loads(raw)
                    if message.get("type") == "ready":
                        self.backlog = list(self.messages)
                        self.ready_id = int(message["id"])
                    self.messages.append(message)
        except (ConnectionClosed, OSError) as error:
            if not self.connected.is_set():
                self.failure = error
        finally:
            self.closed.set()

    @property
    def ready(self) -> bool:
        return self.ready_id is not None

    def events(self) -> list[dict[str, Any]]:
        """The meeting's live events received so far, in order."""
        return [m for m in list(self.messages) if m.get("type") == "event" and m.get("kind") == LIVE]

    def keys(self) -> list[str]:
        return [k for k in (key_of(e["payload"]) for e in self.events()) if k is not None]

    def has(self, key: str) -> bool:
        return key in self.keys()

    def last_id(self) -> int:
        ids = [int(m["id"]) for m in list(self.messages) if m.get("type") == "event"]
        return max(ids) if ids else (self.ready_id or 0)

    def close(self) -> None:
        if self.ws is not None:
            self.ws.close()
        self._thread.join(PATIENCE)


def in_order_once(listener: Listener, expected: list[str]) -> None:
    """Every event of ``expected`` reached the delegate, in that order, and no event came
    twice (by its id) or out of order. (Two events may say the same: pausing and resuming
    re-send the session with the item shown; each is an event of its own.)"""
    ids = [int(e["id"]) for e in listener.events()]
    assert ids == sorted(set(ids)), f"events twice or out of order: {ids}"
    keys = listener.keys()
    missing = [k for k in expected if k not in keys]
    assert not missing, f"never heard {missing}; heard {keys}"
    firsts = [keys.index(k) for k in expected]
    assert firsts == sorted(firsts), f"expected {expected} in this order, heard {keys}"


class Proxy:
    """A loopback TCP proxy to the server's port, whose connections the test cuts."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self._listener = socket.socket()
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen()
        self.port = int(self._listener.getsockname()[1])
        self._lock = threading.Lock()
        self._pairs: list[tuple[socket.socket, socket.socket]] = []
        self._armed = False
        self.swallowed = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def cut_at_answer(self) -> None:
        """The next bytes the server sends back are dropped with every connection."""
        with self._lock:
            self.swallowed.clear()
            self._armed = True

    def cut(self) -> None:
        """Every connection through the proxy is dropped now (new ones still pass)."""
        with self._lock:
            pairs, self._pairs = self._pairs, []
        for pair in pairs:
            for sock in pair:
                _drop(sock)

    def close(self) -> None:
        _drop(self._listener)
        self.cut()

    def _accept(self) -> None:
        while True:
            try:
                downstream, _ = self._listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port))
            except OSError:
                _drop(downstream)
                continue
            with self._lock:
                self._pairs.append((downstream, upstream))
            threading.Thread(target=self._pump, args=(downstream, upstream, False), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, downstream, True), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket, answers: bool) -> None:
        try:
            while data := source.recv(65536):
                if answers:
                    with self._lock:
                        armed, self._armed = self._armed, False
                    if armed:
                        self.swallowed.set()  # before the cut: the client learns of it by the cut
                        self.cut()
                        return
                target.sendall(data)
        except OSError:
            pass
        finally:
            _drop(source)
            _drop(target)


def _drop(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    sock.close()


def vote_body(title: str = "Biểu quyết thông qua tờ trình") -> dict[str, Any]:
    return {"title": title, "method": "yes_no", "secret": False, "rule_key": "majority"}

