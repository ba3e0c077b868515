"""The work diary drafts "Dự họp" for a meeting attended, with the time from the check-in
to the close (or the departure): the server writes it on the participant's synced row
when the session closes."""

from __future__ import annotations

from sqlalchemy import select

from eoffice.meetings.live import attendance, session as chairing
from eoffice.meetings.models import Participant
from eoffice.meetings.values import aware
from eoffice.store import Store
from eoffice.worklog.drafting import propose
from tests.conftest import World
from tests.meetings.minutes.story import at, run_story


def _times(store: Store, meeting_id: str) -> dict[str, tuple]:
    with store.read() as s:
        rows = s.execute(select(Participant.user_id, Participant.attended_from, Participant.attended_until,
                                Participant.server_version).where(Participant.meeting_id == meeting_id))
        return {u: (aware(a) if a else None, aware(b) if b else None, v) for u, a, b, v in rows}


def test_the_close_stamps_who_came_and_the_diary_proposes_the_meeting(store: Store, world: World):
    story = run_story(store, world, close=False)
    _chair, officer, delegate, online, absent = story.members
    before = _times(store, story.meeting_id)
    assert all(a is None and b is None for a, b, _v in before.values())
    with store.write() as s:
        attendance.check_out(s, delegate, story.meeting_id, at(60))
    with store.write() as s:
        chairing.close(s, world.leader_id, story.meeting_id, at(90))
    after = _times(store, story.meeting_id)
    assert after[officer][:2] == (at(1), at(90)) and after[online][:2] == (at(1), at(90))
    assert after[delegate][:2] == (at(1), at(60))  # left before the close
    assert after[absent][:2] == (None, None)
    assert after[officer][2] is not None and after[officer][2] != before[officer][2]  # re-versioned: it syncs

    day = at(1).astimezone().date()
    with store.read() as s:
        drafts = [d for d in propose(s, officer, day) if d.meeting_id == story.meeting_id]
        [left_early] = [d for d in propose(s, delegate, day) if d.meeting_id == story.meeting_id]
        assert [d for d in propose(s, absent, day) if d.meeting_id == story.meeting_id] == []
    [draft] = drafts
    assert draft.text == "Dự họp Phiên họp UBND tỉnh thường kỳ tháng 12"
    assert draft.minutes == 89 and draft.category == "meeting"
    assert left_early.minutes == 59
