"""What the diary screens show: a person's week (or day), and a leader's view of a unit.

Plain values read in one short session, so the UI never holds ORM objects across
threads. Warnings are facts (which entries overlap, which day passes 24 hours); the UI
words them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice.directory.access import load_actor
from eoffice.directory.models import Unit, User
from eoffice.errors import NotFound, PermissionDenied
from eoffice.worklog import review
from eoffice.worklog.drafting import document_labels
from eoffice.worklog.models import WeekState, WorklogComment, WorklogEntry, WorklogWeek
from eoffice.worklog.weeks import week_days, week_id, week_start

DAY = 24 * 60


@dataclass(frozen=True)
class EntryView:
    id: str
    day: date
    start_minute: int | None
    end_minute: int | None
    minutes: int
    text: str
    category: str
    result: str
    document_id: str | None
    document_label: str
    direction_line_id: str | None
    meeting_id: str | None
    recurring: bool
    revision: str
    source_key: str | None
    conflict: str
    conflict_of: str | None
    comments: int = 0


@dataclass(frozen=True)
class TimeWarning:
    """``kind`` "overlap" (``entry_ids`` are two entries whose times cross) or "over_day"
    (the day's counted minutes pass 24 hours)."""

    kind: str
    day: date
    entry_ids: tuple[str, ...] = ()
    minutes: int = 0


@dataclass(frozen=True)
class CommentView:
    id: str
    author_id: str
    author_name: str
    entry_id: str | None
    text: str
    created_at: datetime


@dataclass
class WeekView:
    owner_id: str
    owner_name: str
    monday: date
    entries: list[EntryView] = field(default_factory=list)
    day_minutes: dict[date, int] = field(default_factory=dict)
    minutes: int = 0
    warnings: list[TimeWarning] = field(default_factory=list)
    state: str = WeekState.OPEN.value
    approved_by_name: str = ""
    approved_at: datetime | None = None
    reopen_reason: str = ""
    reopened_by_name: str = ""
    comments: list[CommentView] = field(default_factory=list)
    #: The viewer writes this diary (and the week is open).
    editable: bool = False
    #: The viewer leads the owner: may approve, reopen, comment.
    reviewable: bool = False

    @property
    def days(self) -> list[date]:
        return week_days(self.monday)

    @property
    def conflicts(self) -> list[EntryView]:
        return [e for e in self.entries if e.conflict]

    def on(self, day: date) -> list[EntryView]:
        return [e for e in self.entries if e.day == day]


def _owner(session: Session, viewer: User, owner_id: str) -> User:
    owner = session.get(User, owner_id)
    if owner is None:
        raise NotFound("Không tìm thấy người viết nhật ký.", "Diary owner not found.")
    if not review.may_read(session, viewer, owner):
        raise PermissionDenied("Bạn không xem được nhật ký của người này.", "You may not read this person's diary.")
    return owner


def entry_view(entry: WorklogEntry, label: str = "", comments: int = 0) -> EntryView:
    return EntryView(
        entry.id, entry.day, entry.start_minute, entry.end_minute, entry.minutes, entry.text, entry.category,
        entry.result, entry.document_id, label, entry.direction_line_id, entry.meeting_id, entry.recurring,
        entry.revision, entry.source_key, entry.conflict, entry.conflict_of, comments,
    )


def warnings_for(entries: list[EntryView]) -> list[TimeWarning]:
    """Overlapping times and days over 24 hours, among the entries that count."""
    out: list[TimeWarning] = []
    by_day: dict[date, list[EntryView]] = defaultdict(list)
    for e in entries:
        if not e.conflict:
            by_day[e.day].append(e)
    for day in sorted(by_day):
        timed = sorted((e for e in by_day[day] if e.start_minute is not None and e.end_minute is not None),
                       key=lambda e: (e.start_minute, e.end_minute))
        for i, a in enumerate(timed):
            for b in timed[i + 1 :]:
                if b.start_minute >= a.end_minute:  # type: ignore[operator]
                    break
                out.append(TimeWarning("overlap", day, (a.id, b.id)))
        total = sum(e.minutes for e in by_day[day])
        if total > DAY:
            out.append(TimeWarning("over_day", day, tuple(e.id for e in by_day[day]), total))
    return out


def week_view(session: Session, viewer_id: str, owner_id: str, day: date) -> WeekView:
    """The week of ``day`` in ``owner_id``'s diary, as ``viewer_id`` may see it."""
    viewer = load_actor(session, viewer_id)
    owner = _owner(session, viewer, owner_id)
    monday = week_start(day)
    sunday = monday + timedelta(days=6)
    rows = list(
        session.scalars(
            select(WorklogEntry)
            .where(
                WorklogEntry.user_id == owner.id, WorklogEntry.day >= monday, WorklogEntry.day <= sunday,
                WorklogEntry.deleted.is_(False),
            )
            .order_by(WorklogEntry.day, WorklogEntry.start_minute.is_(None), WorklogEntry.start_minute,
                      WorklogEntry.created_at)
        )
    )
    comment_rows = list(
        session.execute(
            select(WorklogComment, User.full_name)
            .join(User, User.id == WorklogComment.author_id)
            .where(WorklogComment.user_id == owner.id, WorklogComment.week_start == monday,
                   WorklogComment.deleted.is_(False))
            .order_by(WorklogComment.created_at)
        ).all()
    )
    per_entry: dict[str, int] = defaultdict(int)
    for comment, _name in comment_rows:
        if comment.entry_id:
            per_entry[comment.entry_id] += 1
    labels = document_labels(session, sorted({r.document_id for r in rows if r.document_id}))
    view = WeekView(owner.id, owner.full_name, monday)
    view.entries = [entry_view(r, labels.get(r.document_id or "", ("", ""))[0], per_entry[r.id]) for r in rows]
    view.day_minutes = {d: 0 for d in view.days}
    for e in view.entries:
        if not e.conflict:
            view.day_minutes[e.day] += e.minutes
    view.minutes = sum(view.day_minutes.values())
    view.warnings = warnings_for(view.entries)
    view.comments = [
        CommentView(c.id, c.author_id, name, c.entry_id, c.text, c.created_at) for c, name in comment_rows
    ]
    week = session.get(WorklogWeek, week_id(owner.id, monday))
    if week is not None:
        view.state = week.state
        names = dict(
            session.execute(
                select(User.id, User.full_name).where(
                    User.id.in_([i for i in (week.approved_by, week.reopened_by) if i])
                )
            ).all()
        )
        view.approved_by_name = names.get(week.approved_by or "", "")
        view.approved_at = week.approved_at
        view.reopen_reason = week.reopen_reason
        view.reopened_by_name = names.get(week.reopened_by or "", "")
    view.editable = viewer.id == owner.id and view.state != WeekState.APPROVED.value
    view.reviewable = review.leads(session, viewer, owner)
    return view


@dataclass(frozen=True)
class PersonWeek:
    """One line of a leader's unit view: a person's week at a glance."""

    user_id: str
    full_name: str
    position: str
    unit_name: str
    day_minutes: tuple[int, ...]
    minutes: int
    entries: int
    conflicts: int
    state: str


def unit_week(session: Session, leader_id: str, day: date, unit_id: str | None = None) -> list[PersonWeek]:
    """The week of every person the leader leads (of one unit and those below it, if given)."""
    leader = load_actor(session, leader_id)
    people = review.led_people(session, leader)
    if unit_id is not None:
        subtree = review.unit_subtree(session, unit_id)
        people = [p for p in people if p.unit_id in subtree]
    monday = week_start(day)
    days = week_days(monday)
    ids = [p.id for p in people]
    sums: dict[tuple[str, date], int] = defaultdict(int)
    counts: dict[str, int] = defaultdict(int)
    conflicts: dict[str, int] = defaultdict(int)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for user_id, entry_day, conflict, minutes, n in session.execute(
            select(
                WorklogEntry.user_id,
                WorklogEntry.day,
                WorklogEntry.conflict,
                func.sum(WorklogEntry.minutes),
                func.count(),
            )
            .where(
                WorklogEntry.user_id.in_(chunk),
                WorklogEntry.day >= monday,
                WorklogEntry.day <= days[-1],
                WorklogEntry.deleted.is_(False),
            )
            .group_by(WorklogEntry.user_id, WorklogEntry.day, WorklogEntry.conflict)
        ):
            if conflict:
                conflicts[user_id] += int(n)
            else:
                sums[(user_id, entry_day)] += int(minutes or 0)
                counts[user_id] += int(n)
    states = dict(
        session.execute(
            select(WorklogWeek.user_id, WorklogWeek.state).where(
                WorklogWeek.week_start == monday, WorklogWeek.user_id.in_(ids or [""])
            )
        ).all()
    )
    units = dict(session.execute(select(Unit.id, Unit.name)).all())
    out = []
    for p in people:
        per_day = tuple(sums[(p.id, d)] for d in days)
        out.append(
            PersonWeek(
                p.id, p.full_name, p.position, units.get(p.unit_id or "", ""), per_day, sum(per_day), counts[p.id],
                conflicts[p.id], states.get(p.id, WeekState.OPEN.value),
            )
        )
    return out


def diary_people(session: Session, viewer_id: str) -> list[tuple[str, str, str]]:
    """Whose diaries the viewer may open: themselves first, then the people they lead
    (id, name, unit name)."""
    viewer = load_actor(session, viewer_id)
    units = dict(session.execute(select(Unit.id, Unit.name)).all())
    people = [viewer, *review.led_people(session, viewer)]
    return [(p.id, p.full_name, units.get(p.unit_id or "", "")) for p in people]
