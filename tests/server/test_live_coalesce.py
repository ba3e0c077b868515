"""Coalescing events (a vote's progress): of several sent at once only the newest of each
key reaches a client, live or from its backlog; every other event still arrives, in order."""

from __future__ import annotations

from eoffice.server import events
from tests.server.conftest import Running
from tests.server.live_helpers import live_socket, receive, until_ready


def _burst(running: Running, user_id: str) -> None:
    """One transaction: progress 1, a normal event, progress 2, another key's progress, progress 3."""
    to = events.person(user_id)
    assert to is not None
    with running.store.write() as s:
        events.record_event(s, "test.progress", {"n": 1}, to=to, about=None, coalesce="vote:a")
        events.record_event(s, "test.step", {"n": 0}, to=to, about=None)
        events.record_event(s, "test.progress", {"n": 2}, to=to, about=None, coalesce="vote:a")
        events.record_event(s, "test.progress", {"n": 7}, to=to, about=None, coalesce="vote:b")
        events.record_event(s, "test.progress", {"n": 3}, to=to, about=None, coalesce="vote:a")
        events.record_event(s, "test.step", {"n": 9}, to=to, about=None)


def _seen(ws, count: int) -> list[tuple[str, int]]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(count):
        message = receive(ws)
        out.append((message["kind"], message["payload"]["n"]))
    return out


EXPECTED = [("test.step", 0), ("test.progress", 7), ("test.progress", 3), ("test.step", 9)]


def test_a_burst_committed_at_once_reaches_a_live_client_with_only_the_newest_progress(running: Running):
    token = str(running.login("chuyenvien")["access_token"])
    with live_socket(running.server.url, token) as ws:
        until_ready(ws)
        _burst(running, running.world.officer_id)
        assert _seen(ws, 4) == EXPECTED
        # Nothing else was queued: the next event is a new one.
        with running.store.write() as s:
            to = events.person(running.world.officer_id)
            assert to is not None
            events.record_event(s, "test.step", {"n": 10}, to=to, about=None)
        assert _seen(ws, 1) == [("test.step", 10)]


def test_a_reconnecting_client_gets_only_the_newest_progress_in_its_backlog(running: Running):
    token = str(running.login("chuyenvien")["access_token"])
    with live_socket(running.server.url, token) as ws:
        _, last = until_ready(ws)
    _burst(running, running.world.officer_id)
    with live_socket(running.server.url, token, after=last) as ws:
        missed, _ = until_ready(ws)
    assert [(m["kind"], m["payload"]["n"]) for m in missed] == EXPECTED
