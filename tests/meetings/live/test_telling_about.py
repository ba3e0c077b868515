"""A live event of a session names its meeting and is about nothing: its audience (the
meeting's participants) hears it without each of them being asked, one by one, whether
they may see the meeting (what made a chair's action take 800 ms to reach 500 delegates)."""

from __future__ import annotations

from eoffice.meetings.live.telling import SESSION, announce
from eoffice.server import events
from tests.conftest import World
from tests.meetings.factories import make_meeting


def test_a_live_event_names_its_meeting_yet_is_about_nothing(world: World):
    store = world.store
    rows = make_meeting(store, world)
    with store.write() as s:
        seq = announce(s, rows.meeting_id, SESSION, {"state": "running"}).seq
    with store.read() as s:
        ev = s.get(events.LiveEvent, seq)
        assert ev is not None
        assert ev.payload()["meeting_id"] == rows.meeting_id
        assert list(ev.about()) == []
        heard = events.deliveries(s, [ev], {world.officer_id, rows.guest_id, world.officer2_id, world.leader_id})
    assert set(heard) == {world.officer_id, rows.guest_id, world.leader_id}  # not the officer of another unit
