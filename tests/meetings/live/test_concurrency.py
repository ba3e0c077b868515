"""Two check-ins at the same moment on a meeting whose session was never used: both are
recorded (the first use makes the session's row once), and the revisions they take
follow one another."""

from __future__ import annotations

import threading

from eoffice.meetings.live import attendance
from eoffice.meetings.live.models import MeetingSession
from eoffice.store import Store
from tests.conftest import World
from tests.meetings.factories import MeetingRows
from tests.meetings.live.conftest import at, told


def test_two_first_check_ins_at_once_are_both_recorded(store: Store, world: World, meeting: MeetingRows):
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def check_in(user_id: str) -> None:
        try:
            start.wait()
            with store.write() as s:
                attendance.check_in(s, user_id, meeting.meeting_id, False, at(0))
        except BaseException as error:  # noqa: BLE001  (reported by the test)
            errors.append(error)

    threads = [threading.Thread(target=check_in, args=(u,)) for u in (world.officer_id, meeting.delegate_id)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with store.read() as s:
        assert attendance.attendance_view(s, meeting.meeting_id).hall == 2
        row = s.get(MeetingSession, meeting.meeting_id)
        assert row is not None and row.revision == 2
    assert sorted(e["revision"] for e in told(store, meeting.meeting_id)) == [1, 2]
