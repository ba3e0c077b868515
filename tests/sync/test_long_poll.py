"""Long polls: a pull that waits on the server answers when a change for its user commits.

A client whose live channel cannot connect still sees a direction as it is made: its
``PullWatcher`` holds a ``/changes?wait=`` open and wakes the engine when it answers.
"""

from __future__ import annotations

import threading
import time
from datetime import timedelta

from sqlalchemy import text

from eoffice.server import events
from eoffice.server.routes.sync import MAX_WAIT
from eoffice.sync.changes import ChangePage, apply_page
from eoffice.sync.client_state import get_cursor
from eoffice.sync.watch import PullWatcher
from tests.server.live_helpers import direct_op, registered
from tests.sync.http_support import Device, Province
from tests.waiting import PATIENCE, until


def _caught_up(device: Device) -> int:
    """Pull everything there is now; the device's cursor after it."""
    with device.store.read() as s:
        cursor = get_cursor(s)
    while True:
        page = device.client.pull(cursor)
        with device.store.write() as s:
            apply_page(s, page)
        cursor = page.next_cursor
        if not page.more:
            return cursor


def _once_a_pull_waits(province: Province, fn) -> threading.Thread:  # type: ignore[no-untyped-def]
    """Calls ``fn`` in a thread as soon as a long poll is held on the server."""
    def run() -> None:
        province.until_a_pull_waits()
        fn()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def _heard_so_far(province: Province) -> None:
    """Until the hub has counted every commit made before now, its own and (PostgreSQL)
    those whose NOTIFY comes back through its listener: a NOTIFY from "another process"
    sent now arrives after them all (PostgreSQL delivers in commit order), so once the
    listener passed it on and the loop ran what came before, nothing earlier is left."""
    hub = province.hub
    if hub.listen:
        heard = hub.heard
        with province.store.write() as s:
            s.execute(text("SELECT pg_notify(:channel, '0 a-test-elsewhere')"), {"channel": events.CHANNEL})
        until(lambda: hub.heard > heard, "the listener hears a NOTIFY sent after the commits")
    assert hub.settled(PATIENCE), "the hub's loop ran what it was handed"


def test_a_waiting_pull_answers_with_the_direction_pushed_meanwhile(province: Province):
    w = province.world
    officer = province.device("chuyenvien", w.officer_id)
    leader = province.device("lanhdao", w.leader_id)
    doc = registered(province.store, w, "Về việc chuẩn bị họp")
    cursor = _caught_up(officer)
    op = direct_op(doc, user_id=w.officer_id)

    pusher = _once_a_pull_waits(province, lambda: leader.client.push([op]))
    page = officer.client.pull(cursor, wait=MAX_WAIT)  # held on the server until the push commits
    pusher.join(PATIENCE)

    lines = {row["id"]: row for row in page.rows.get("direction_lines", [])}
    assert op.lines[0].line_id in lines
    assert lines[op.lines[0].line_id]["user_id"] == w.officer_id
    assert any(row["id"] == doc for row in page.rows.get("documents", []))
    assert page.next_cursor > cursor


def test_a_pull_with_rows_waiting_answers_at_once(province: Province):
    w = province.world
    officer = province.device("chuyenvien", w.officer_id)
    with officer.store.read() as s:
        cursor = get_cursor(s)
    # Nothing pulled yet: the directory and the officer's own rows are there to take.
    page = officer.client.pull(cursor, wait=20)
    assert page.count() > 0


def test_a_change_the_user_may_not_see_does_not_end_the_wait(province: Province):
    w = province.world
    province.settings.long_poll_max = timedelta(seconds=MAX_WAIT)  # only the stop below ends it
    other = province.device("chuyenvien2", w.officer2_id)  # another unit's officer
    leader = province.device("lanhdao", w.leader_id)
    doc = registered(province.store, w)
    cursor = _caught_up(other)
    op = direct_op(doc, user_id=w.officer_id)  # for the first unit's officer only
    answers: list[ChangePage] = []
    poller = threading.Thread(target=lambda: answers.append(other.client.pull(cursor, wait=MAX_WAIT)), daemon=True)
    poller.start()

    province.until_a_pull_waits()
    assert leader.client.push([op])[0].accepted
    # Woken by the direction's commit, the pull looked, found nothing for this user, and
    # went back to waiting (had it answered, it would not wait a second time).
    until(lambda: province.hub.waits >= 2, "the pull waits again after a change it may not see")
    assert not answers
    province.server.stop()  # ends the wait now (its end at the limit: the next test)
    poller.join(PATIENCE)
    province.restart()  # for the fixture's teardown

    [page] = answers
    # Nothing to take; the document is named to drop, should this computer hold it.
    assert page.count() == 0 and page.revoked == [doc] and not page.more
    # The direction's version was passed over, not left to be read again by every poll.
    with province.store.read() as s:
        from eoffice.sync.versioning import current_version

        assert page.next_cursor == current_version(s) > cursor


def test_a_wait_is_cut_to_the_servers_limit(province: Province):
    province.settings.long_poll_max = timedelta(seconds=1)  # the server's own limit on a wait
    officer = province.device("chuyenvien", province.world.officer_id)
    cursor = _caught_up(officer)
    started = time.monotonic()
    page = officer.client.pull(cursor, wait=MAX_WAIT)
    held = time.monotonic() - started
    assert page.count() == 0 and page.next_cursor == cursor and not page.more
    assert held < MAX_WAIT / 2  # cut to the server's limit (1 s), not the 60 s asked


def test_stopping_the_server_answers_the_waiting_pulls(province: Province):
    w = province.world
    officer = province.device("chuyenvien", w.officer_id)
    cursor = _caught_up(officer)
    answers: list[object] = []

    def poll() -> None:
        try:
            answers.append(officer.client.pull(cursor, wait=20))
        except Exception as error:  # noqa: BLE001 - whatever failed, the test's assertion shows it
            answers.append(error)

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    province.until_a_pull_waits()
    province.server.stop()
    poller.join(PATIENCE)
    province.restart()  # for the fixture's teardown

    assert len(answers) == 1
    page = answers[0]
    assert not isinstance(page, Exception), page
    assert page.count() == 0 and page.next_cursor == cursor  # type: ignore[attr-defined]


def test_the_watcher_wakes_the_engine_for_a_change_and_not_while_paused(province: Province):
    w = province.world
    officer = province.device("chuyenvien", w.officer_id)
    leader = province.device("lanhdao", w.leader_id)
    cursor = _caught_up(officer)
    local = {"cursor": cursor}
    woken = threading.Event()
    paused = threading.Event()
    paused.set()  # as while the live channel is connected
    asked: list[bool] = []  # each time the watcher asked whether it is paused

    def is_paused() -> bool:
        asked.append(paused.is_set())
        return paused.is_set()

    watcher = PullWatcher(
        officer.client, lambda: local["cursor"], woken.set, paused=is_paused, wait=MAX_WAIT
    ).start()
    try:
        first = direct_op(registered(province.store, w), user_id=w.officer_id)
        assert leader.client.push([first])[0].accepted
        # Paused, the live channel does the waking: the watcher goes round its loop, asks
        # again, and neither polls nor wakes the engine.
        seen = len(asked)
        until(lambda: len(asked) >= seen + 2, "the watcher asks twice more whether it is paused")
        assert not woken.is_set() and watcher.wakes == 0

        paused.clear()  # the live channel went down: the watcher polls from the cursor
        assert woken.wait(PATIENCE)
        assert watcher.wakes == 1
        woken.clear()
        local["cursor"] = _caught_up(officer)  # the engine's round moved the cursor

        second = direct_op(registered(province.store, w), user_id=w.officer_id)
        _once_a_pull_waits(province, lambda: leader.client.push([second]))
        assert woken.wait(PATIENCE)  # a change made while the watcher waits on the server
        assert watcher.wakes == 2
    finally:
        watcher.stop()


def test_each_commit_wakes_the_waiting_pulls_once(province: Province):
    """A commit is counted once in the process that made it: its CommitSignal tells the
    hub at the commit, and the same commit's NOTIFY, coming back through the listener on
    PostgreSQL, is not counted again (every waiting pull would read its page twice)."""
    w = province.world
    officer = province.device("chuyenvien", w.officer_id)
    leader = province.device("lanhdao", w.leader_id)
    cursor = _caught_up(officer)
    officer.client.pull(cursor, wait=0.2)  # a long poll starts the server's hub
    hub = province.hub
    if hub.listen:
        assert hub.listening.wait(PATIENCE)
    for _ in range(3):
        op = direct_op(registered(province.store, w), user_id=w.officer_id)
        _heard_so_far(province)  # the registration's own commit, and its NOTIFY if it counts
        before = hub.commits
        assert leader.client.push([op])[0].accepted
        _heard_so_far(province)
        assert hub.commits == before + 1
