"""The demo's diaries: weeks of plausible entries, earlier weeks reviewed and locked."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from eoffice.demo.diaries import seed_diaries
from eoffice.demo.seed import ORGCHART
from eoffice.directory.models import User
from eoffice.directory.orgchart import import_orgchart
from eoffice.worklog.entries import is_locked
from eoffice.worklog.models import WorklogEntry
from eoffice.worklog.views import week_view


def test_officers_get_weeks_of_diary_and_earlier_weeks_are_approved(sqlite_store):
    store = sqlite_store
    with store.write() as s:
        import_orgchart(s, ORGCHART)
    today = date(2026, 11, 19)  # a Thursday
    written = seed_diaries(store, today=today, weeks=3)
    with store.read() as s:
        assert written == s.scalar(select(func.count()).select_from(WorklogEntry)) and written > 500
        officer = s.scalar(select(User).where(User.username == "snv.cv.cchc"))
        head = s.scalar(select(User).where(User.username == "snv.tp.cchc"))
        this_week = week_view(s, officer.id, officer.id, today)
        assert this_week.state == "open" and this_week.editable and this_week.minutes > 0
        assert this_week.warnings == []  # no overlaps, no day over 24 hours
        assert all(d > today or this_week.day_minutes[d] <= 10 * 60 for d in this_week.days)
        last_week = week_view(s, head.id, officer.id, today - timedelta(days=7))
        assert last_week.state == "approved" and last_week.approved_by_name
        assert is_locked(s, officer.id, today - timedelta(days=7))
