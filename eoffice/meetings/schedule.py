"""The leaders' weekly work schedule (lịch công tác tuần), which an office prints and
publishes every Friday: one landscape table, Monday to Sunday, of the meetings of the
organisation that its leaders chair or attend.

What it lists: every sitting in the week of a meeting of the organisation that is
announced (scheduled, in session, closed, archived; a postponed one marked "Hoãn"), not
a draft (not yet invited) nor a cancelled one, and not a secret meeting (a published
schedule must not name it). Times are Vietnam's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from sqlalchemy import and_, exists, or_, select
from sqlalchemy.orm import Session

from eoffice.directory.models import Organisation, Role, User, UserRole
from eoffice.meetings.models import Meeting, MeetingState, Participant, Room, Sitting
from eoffice.meetings.paper import WEEKDAYS, clock_text, header, parent_name, person
from eoffice.meetings.values import VIETNAM, vietnam

SHOWN_STATES = (
    MeetingState.SCHEDULED.value, MeetingState.IN_SESSION.value, MeetingState.CLOSED.value,
    MeetingState.ARCHIVED.value, MeetingState.POSTPONED.value,
)

#: Columns (mm) of the A4 landscape table, 277 mm between 10 mm margins.
COLUMNS: list[tuple[str, float]] = [
    ("Thứ, ngày", 26),
    ("Thời gian", 26),
    ("Nội dung", 95),
    ("Chủ trì", 40),
    ("Thành phần", 55),
    ("Địa điểm", 35),
]
MARGIN = 10.0


@dataclass(frozen=True)
class Entry:
    """One sitting in the schedule."""

    day: date
    starts: datetime
    ends: datetime
    content: str
    chair: str
    attendees: str
    venue: str


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _leaders(organisation_id: str) -> Any:
    return select(UserRole.user_id).join(User, User.id == UserRole.user_id).where(
        User.organisation_id == organisation_id, UserRole.role == Role.LEADER.value, User.deleted.is_(False)
    )


def week_entries(session: Session, organisation_id: str, week_of: date) -> list[Entry]:
    """The sittings of the week of ``week_of`` (Monday–Sunday, Vietnam's time) of the
    organisation's announced meetings that one of its leaders chairs or attends."""
    monday = monday_of(week_of)
    # Bounds in UTC: SQLite keeps the wall time it was given, and the rows are UTC.
    start = datetime.combine(monday, time(0), VIETNAM).astimezone(timezone.utc)
    end = start + timedelta(days=7)
    leaders = _leaders(organisation_id)
    led = or_(
        Meeting.chair_id.in_(leaders),
        exists().where(
            Participant.meeting_id == Meeting.id, Participant.deleted.is_(False), Participant.user_id.in_(leaders)
        ),
    )
    rows = session.execute(
        select(Sitting, Meeting).join(Meeting, Meeting.id == Sitting.meeting_id).where(
            Meeting.organisation_id == organisation_id, Meeting.deleted.is_(False), Meeting.secret.is_(False),
            Meeting.state.in_(SHOWN_STATES), Sitting.deleted.is_(False),
            and_(Sitting.starts_at >= start, Sitting.starts_at < end), led,
        ).order_by(Sitting.starts_at, Meeting.title)
    ).all()
    leader_ids = set(session.scalars(leaders))
    entries = []
    for sitting, meeting in rows:
        chair = session.get(User, meeting.chair_id) if meeting.chair_id else None
        people = session.execute(
            select(User).join(Participant, Participant.user_id == User.id).where(
                Participant.meeting_id == meeting.id, Participant.deleted.is_(False)
            ).order_by(User.full_name)
        ).scalars().all()
        named = [person(u) for u in people if u.id in leader_ids and u.id != meeting.chair_id]
        others = sum(1 for u in people if u.id not in leader_ids and u.id != meeting.chair_id)
        attendees = "; ".join(named)
        if others:
            attendees += ("; " if attendees else "") + f"và {others} đại biểu"
        content = meeting.title
        if sitting.title:
            content += f" ({sitting.title})"
        if meeting.state == MeetingState.POSTPONED.value:
            content += " — Hoãn" + (f": {meeting.state_reason}" if meeting.state_reason else "")
        entries.append(Entry(
            vietnam(sitting.starts_at).date(), sitting.starts_at, sitting.ends_at, content,
            person(chair), attendees, _venue(session, sitting, meeting),
        ))
    return entries


def _venue(session: Session, sitting: Sitting, meeting: Meeting) -> str:
    room_id = sitting.room_id or meeting.room_id
    room = session.get(Room, room_id) if room_id else None
    if room is not None and not room.deleted:
        return room.name
    return sitting.place or meeting.place


def _day_cell(day: date) -> str:
    return f"{WEEKDAYS[day.weekday()]}\n{day.day:02d}/{day.month:02d}/{day.year}"


def render_schedule(session: Session, organisation_id: str, week_of: date) -> bytes:
    """The schedule of the week of ``week_of`` as an A4 landscape PDF in the embedded font."""
    from eoffice.printing.fonts import new_pdf
    from eoffice.printing.tables import Column, GridWriter

    org = session.get(Organisation, organisation_id)
    if org is None:
        raise ValueError("unknown organisation")
    entries = week_entries(session, organisation_id, week_of)
    monday = monday_of(week_of)
    sunday = monday + timedelta(days=6)
    pdf = new_pdf("L")
    pdf.set_margins(MARGIN, 10, MARGIN)
    pdf.set_auto_page_break(True, margin=12)
    pdf.add_page()
    header(
        pdf, organisation=org.name, parent=parent_name(session, org), number_line="", place_date="",
        left_x=MARGIN, right_x=297 - MARGIN - 105,
    )
    pdf.ln(6)
    pdf.set_font("Body", "B", 14)
    pdf.multi_cell(0, 7, f"LỊCH CÔNG TÁC TUẦN CỦA LÃNH ĐẠO {org.name.upper()}", align="C",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Body", "", 12)
    pdf.cell(0, 6, f"(Từ ngày {monday:%d/%m/%Y} đến ngày {sunday:%d/%m/%Y})", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    grid = GridWriter(pdf, [Column(name, width) for name, width in COLUMNS], size=10, line_height=4.6, numbered=False)
    grid.headings()
    for offset in range(7):
        day = monday + timedelta(days=offset)
        today = [e for e in entries if e.day == day]
        if not today:
            grid.row([_day_cell(day), "", "", "", "", ""])
            continue
        grid.block([
            _day_cell(day),
            [f"{clock_text(e.starts)} - {clock_text(e.ends)}" for e in today],
            [e.content for e in today],
            [e.chair for e in today],
            [e.attendees for e in today],
            [e.venue for e in today],
        ])
    return bytes(pdf.output())
