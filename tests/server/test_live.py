"""The live channel on a real server: events reach the right people, once, in order."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from websockets.exceptions import ConnectionClosed

from eoffice.server.embedded import EmbeddedServer
from eoffice.store.blobs import BlobStore
from eoffice.sync.live import ONLINE, LiveClient
from tests.server.conftest import Running
from tests.server.live_helpers import (
    WAIT,
    direct,
    live_socket,
    receive,
    registered,
    until_ready,
)


def _token(running: Running, username: str) -> str:
    return str(running.login(username)["access_token"])


def test_a_direction_reaches_its_officer_live_and_no_one_of_another_unit(running: Running):
    w = running.world
    with (
        live_socket(running.server.url, _token(running, "chuyenvien")) as officer,
        live_socket(running.server.url, _token(running, "chuyenvien2")) as other_unit,
    ):
        assert until_ready(officer) == ([], 0)
        assert until_ready(other_unit) == ([], 0)
        doc = registered(running.store, w, "Về việc kiểm tra tài chính")
        op = direct(running.store, w, doc, user_id=w.officer_id)

        event = receive(officer)
        assert event["type"] == "event" and event["kind"] == "direction.assigned"
        assert event["payload"]["document_id"] == doc
        assert event["payload"]["line_id"] == op.lines[0].line_id
        assert event["payload"]["subject"] == "Về việc kiểm tra tài chính"
        assert event["payload"]["by"] == "Nguyễn Văn Đức"

        # The other unit's officer heard nothing of it: the first event they get is their own.
        mine = direct(running.store, w, registered(running.store, w), user_id=w.officer2_id)
        event2 = receive(other_unit)
        assert (event2["kind"], event2["payload"]["line_id"]) == ("direction.assigned", mine.lines[0].line_id)
        assert event2["id"] > event["id"]


def test_a_line_for_a_unit_reaches_its_members_only(running: Running):
    w = running.world
    with (
        live_socket(running.server.url, _token(running, "chuyenvien")) as office,
        live_socket(running.server.url, _token(running, "chuyenvien2")) as finance,
    ):
        until_ready(office), until_ready(finance)
        to_finance = direct(running.store, w, registered(running.store, w), unit_id=w.finance_unit_id)
        to_officer = direct(running.store, w, registered(running.store, w), user_id=w.officer_id)
        assert receive(finance)["payload"]["line_id"] == to_finance.lines[0].line_id
        assert receive(office)["payload"]["line_id"] == to_officer.lines[0].line_id


def test_a_reconnecting_client_gets_exactly_what_it_missed_in_order(running: Running):
    w = running.world
    token = _token(running, "chuyenvien")
    with live_socket(running.server.url, token) as ws:
        until_ready(ws)
        direct(running.store, w, registered(running.store, w), user_id=w.officer_id)
        last = receive(ws)["id"]

    missed = []
    for _ in range(3):
        missed.append(direct(running.store, w, registered(running.store, w), user_id=w.officer_id))
        direct(running.store, w, registered(running.store, w), user_id=w.officer2_id)  # not theirs

    with live_socket(running.server.url, token, after=last) as ws:
        got, ready_id = until_ready(ws)
        assert [e["payload"]["line_id"] for e in got] == [op.lines[0].line_id for op in missed]
        ids = [e["id"] for e in got]
        assert ids == sorted(set(ids)) and ids[0] > last
        assert ready_id >= ids[-1]
        # And live again afterwards, without repeating anything.
        after = direct(running.store, w, registered(running.store, w), user_id=w.officer_id)
        event = receive(ws)
        assert event["payload"]["line_id"] == after.lines[0].line_id and event["id"] > ids[-1]

    with live_socket(running.server.url, token) as ws:  # no "after": nothing old, just where we are
        got, ready_id = until_ready(ws)
        assert got == [] and ready_id >= event["id"]


def test_live_client_resumes_after_the_server_restarts(running: Running, tmp_path):
    w = running.world
    tokens = {"access": _token(running, "chuyenvien")}
    seen: list[dict] = []
    arrived = threading.Condition()

    def on_event(event: dict) -> None:
        with arrived:
            seen.append(event)
            arrived.notify_all()

    def wait_for(count: int) -> None:
        with arrived:
            assert arrived.wait_for(lambda: len(seen) >= count, timeout=WAIT), seen

    client = LiveClient(running.server.url, lambda: tokens["access"], None, on_event, min_backoff=0.05, max_backoff=0.5)
    client.start()
    restarted: EmbeddedServer | None = None
    try:
        assert client.ready.wait(WAIT) and client.state == ONLINE
        first = direct(running.store, w, registered(running.store, w), user_id=w.officer_id)
        wait_for(1)

        port = running.server.port
        running.server.stop()
        during = [direct(running.store, w, registered(running.store, w), user_id=w.officer_id) for _ in range(2)]
        restarted = EmbeddedServer(
            running.store, BlobStore(tmp_path / "server" / "blobs"), running.settings, port=port
        ).start()
        wait_for(3)
        later = direct(running.store, w, registered(running.store, w), user_id=w.officer_id)
        wait_for(4)
    finally:
        client.stop()
        if restarted is not None:
            restarted.stop()
    line_ids = [e["payload"]["line_id"] for e in seen]
    assert line_ids == [op.lines[0].line_id for op in [first, *during, later]]
    assert client.last_event_id == seen[-1]["id"]


@pytest.mark.parametrize("case", ["none", "garbage", "expired"])
def test_a_bad_token_is_refused_with_4401_and_audited(running: Running, case: str):
    token = {"none": None, "garbage": "not-a-token"}.get(case)
    if case == "expired":
        token = _token(running, "chuyenvien")
        running.clock.advance(hours=1)
    before = len(running.audit("access.denied"))
    with live_socket(running.server.url, token) as ws:
        refusal = receive(ws)
        with pytest.raises(ConnectionClosed) as closed:
            receive(ws)
    assert refusal["type"] == "error" and refusal["message"]
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4401
    denied = running.audit("access.denied")
    assert len(denied) == before + 1
    assert denied[-1].after_json and "/live" in denied[-1].after_json


def test_the_channel_closes_with_4401_when_the_token_expires(running: Running):
    running.settings.access_token_ttl = timedelta(seconds=1)
    with live_socket(running.server.url, _token(running, "chuyenvien")) as ws:
        until_ready(ws)
        ending = receive(ws)
        with pytest.raises(ConnectionClosed) as closed:
            receive(ws)
    assert ending["error"] == "token_expired"
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4401


def test_signing_out_closes_an_open_channel_with_4401_and_audits_it(running: Running):
    """The live channel does not outlive the sign-in: events stop when the user signs out."""
    running.settings.live_recheck = timedelta(seconds=0.2)
    tokens = running.login("chuyenvien")
    with live_socket(running.server.url, str(tokens["access_token"])) as ws:
        until_ready(ws)
        before = len(running.audit("access.denied"))
        with running.client() as c:
            assert c.post("/auth/logout", json={"refresh_token": tokens["refresh_token"]}).status_code == 204
        ending = receive(ws)
        with pytest.raises(ConnectionClosed) as closed:
            receive(ws)
    assert ending["type"] == "error" and ending["error"] == "token_revoked" and ending["message"]
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4401
    assert len(running.audit("access.denied")) == before + 1


def test_ping_is_answered(running: Running):
    with live_socket(running.server.url, _token(running, "chuyenvien")) as ws:
        until_ready(ws)
        ws.send('{"type": "ping"}')
        assert receive(ws) == {"type": "pong"}


def test_a_live_client_of_another_protocol_is_told_so_not_crashed(running: Running, monkeypatch):
    from eoffice.sync import live

    monkeypatch.setattr(live, "PROTOCOL_VERSION", 99)
    statuses: list[tuple[str, str]] = []
    told = threading.Event()

    def on_status(state: str, message: str) -> None:
        statuses.append((state, message))
        if state == live.PROTOCOL_MISMATCH:
            told.set()

    client = LiveClient(
        running.server.url, lambda: _token(running, "chuyenvien"), None, lambda e: None,
        on_status=on_status, min_backoff=5, max_backoff=5,
    ).start()
    try:
        assert told.wait(WAIT), statuses
    finally:
        client.stop()
    message = next(m for s, m in statuses if s == live.PROTOCOL_MISMATCH)
    assert "giao thức" in message


def test_a_live_client_refused_for_an_expired_token_asks_for_a_new_one(running: Running):
    stale = _token(running, "chuyenvien")
    running.clock.advance(hours=1)
    fresh = _token(running, "chuyenvien")
    given: list[str] = []

    def token() -> str:
        given.append(stale if not given else fresh)
        return given[-1]

    states: list[str] = []
    client = LiveClient(
        running.server.url, token, None, lambda e: None,
        on_status=lambda state, _m: states.append(state), min_backoff=0.05, max_backoff=0.5,
    ).start()
    try:
        assert client.ready.wait(WAIT), states
    finally:
        client.stop()
    assert given[:2] == [stale, fresh]
    assert "unauthorized" in states and states.index("unauthorized") < states.index("online")


def test_an_id_from_another_database_starts_the_client_from_now(running: Running):
    w = running.world
    with live_socket(running.server.url, _token(running, "chuyenvien"), after=10_000) as ws:
        assert until_ready(ws) == ([], 0)
        op = direct(running.store, w, registered(running.store, w), user_id=w.officer_id)
        event = receive(ws)
        assert (event["id"], event["payload"]["line_id"]) == (1, op.lines[0].line_id)
