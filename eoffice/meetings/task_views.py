"""What the desk shows of the meetings' tasks: "Việc được giao từ cuộc họp" with its
counts (waiting for me, due soon, overdue), the filters of that list, and a meeting's
progress (done n/m, overdue).

Due soon and overdue follow the documents' follow-up (``documents.followup``): a deadline
within ``soon_days`` working days from today is due soon, one before today is overdue
(the deadline day itself is still in time). A forwarded task is not counted: its child
carries the work, as a forwarded direction line's children do.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from eoffice.directory.models import User
from eoffice.documents.followup import FollowupItem, FollowupSource, FollowupTally, due_soon_until
from eoffice.documents.types import LineState
from eoffice.meetings.models import Meeting
from eoffice.meetings.task_models import MeetingTask
from eoffice.meetings.tasks import ACTIONABLE_STATES, OPEN_STATES, Holder, coordinators_of, holder_name, lead_of


#: Working days ahead that count as "due soon": the documents' boxes' number (``boxes.SOON_DAYS``).
SOON_DAYS = 3


class TaskFilter(str, enum.Enum):
    """The lists of the view: mine to handle, mine to coordinate, from meetings I chaired,
    and those I assigned or forwarded."""

    MINE = "mine"  # chờ tôi xử lý
    COORDINATING = "coordinating"  # tôi phối hợp
    CHAIRED = "chaired"  # cuộc họp tôi chủ trì (open tasks)
    ASSIGNED = "assigned"  # tôi đã giao / đã chuyển xử lý
    DONE = "done"  # đã hoàn thành (mine)


#: The view's numbers: tasks waiting for me (waiting or in progress), of which due soon,
#: and overdue; the documents' boxes add the same numbers (``FOLLOWUP``).
TaskCounts = FollowupTally


@dataclass(frozen=True)
class TaskRow:
    """One task as a list shows it."""

    id: str
    meeting_id: str
    meeting_title: str
    what: str
    lead: str
    coordinators: str
    deadline: date | None
    state: str
    overdue: bool
    due_soon: bool
    result_note: str
    return_reason: str
    reply_document_id: str | None
    parent_id: str | None
    item_id: str | None
    held: bool
    #: Whether this desk holds the meeting (an assignee who is not a participant does not).
    meeting_seen: bool = True


@dataclass(frozen=True)
class Progress:
    """A meeting's tasks as assigned: how many, how many done, how many overdue."""

    total: int
    done: int
    overdue: int


def held_by(user: User) -> ColumnElement[bool]:
    """SQL: tasks ``user`` leads (their own, or their unit's)."""
    if user.unit_id is None:
        return MeetingTask.lead_user_id == user.id
    return or_(MeetingTask.lead_user_id == user.id,
               and_(MeetingTask.lead_user_id.is_(None), MeetingTask.lead_unit_id == user.unit_id))


def coordinated_by(user: User) -> ColumnElement[bool]:
    mine = MeetingTask.coordinators.contains(f'"user:{user.id}"')
    if user.unit_id is None:
        return mine
    return or_(mine, MeetingTask.coordinators.contains(f'"unit:{user.unit_id}"'))


def _actionable() -> ColumnElement[bool]:
    return and_(MeetingTask.state.in_(ACTIONABLE_STATES), MeetingTask.deleted.is_(False))


def counts(session: Session, user: User, today: date, soon_days: int = SOON_DAYS) -> TaskCounts:
    """The numbers beside "Việc được giao từ cuộc họp" (``documents.followup``'s rule)."""
    until = due_soon_until(session, today, soon_days)
    mine = and_(_actionable(), held_by(user))
    waiting, soon, late = session.execute(
        select(
            func.count(),
            func.count().filter(and_(MeetingTask.deadline >= today, MeetingTask.deadline <= until)),
            func.count().filter(and_(MeetingTask.deadline.is_not(None), MeetingTask.deadline < today)),
        ).where(mine)
    ).one()
    return TaskCounts(int(waiting or 0), int(soon or 0), int(late or 0))


def _condition(user: User, which: TaskFilter) -> ColumnElement[bool]:
    live = MeetingTask.deleted.is_(False)
    if which is TaskFilter.MINE:
        return and_(_actionable(), held_by(user))
    if which is TaskFilter.COORDINATING:
        return and_(live, MeetingTask.state.in_(OPEN_STATES), coordinated_by(user))
    if which is TaskFilter.CHAIRED:
        chaired = select(Meeting.id).where(Meeting.chair_id == user.id).scalar_subquery()
        return and_(live, MeetingTask.state.in_(OPEN_STATES), MeetingTask.meeting_id.in_(chaired))
    if which is TaskFilter.ASSIGNED:
        return and_(live, MeetingTask.assigned_by == user.id)
    return and_(live, MeetingTask.state == LineState.DONE.value, held_by(user))


def rows(session: Session, user: User, which: TaskFilter, today: date, soon_days: int = SOON_DAYS) -> list[TaskRow]:
    """The tasks of one filter, the nearest deadline first (none last)."""
    found = session.scalars(
        select(MeetingTask).where(_condition(user, which))
        .order_by(MeetingTask.deadline.is_(None), MeetingTask.deadline, MeetingTask.assigned_at, MeetingTask.id)
    ).all()
    return _rows(session, list(found), user, today, soon_days)


def meeting_rows(
    session: Session, meeting_id: str, user: User, today: date, soon_days: int = SOON_DAYS
) -> list[TaskRow]:
    """Every task of the meeting this desk holds, assigned ones first, each followed by
    what it was forwarded to."""
    found = list(session.scalars(
        select(MeetingTask).where(MeetingTask.meeting_id == meeting_id, MeetingTask.deleted.is_(False))
        .order_by(MeetingTask.assigned_at, MeetingTask.id)
    ))
    by_parent: dict[str | None, list[MeetingTask]] = {}
    ids = {t.id for t in found}
    for task in found:
        by_parent.setdefault(task.parent_id if task.parent_id in ids else None, []).append(task)
    ordered: list[MeetingTask] = []

    def walk(parent: str | None) -> None:
        for task in by_parent.get(parent, []):
            ordered.append(task)
            walk(task.id)

    walk(None)
    return _rows(session, ordered, user, today, soon_days)


def progress(session: Session, meeting_id: str, today: date) -> Progress:
    """Of the tasks the meeting assigned: how many, done, and overdue (open, past the deadline)."""
    top = and_(MeetingTask.meeting_id == meeting_id, MeetingTask.parent_id.is_(None), MeetingTask.deleted.is_(False))
    total, done, late = session.execute(
        select(
            func.count(),
            func.count().filter(MeetingTask.state == LineState.DONE.value),
            func.count().filter(and_(MeetingTask.state.in_(OPEN_STATES), MeetingTask.deadline < today)),
        ).where(top)
    ).one()
    return Progress(int(total or 0), int(done or 0), int(late or 0))


def _rows(session: Session, found: list[MeetingTask], user: User, today: date, soon_days: int) -> list[TaskRow]:
    until = due_soon_until(session, today, soon_days) if found else today
    names: dict[str, str] = {}

    def name(holder: Holder) -> str:
        if holder.key not in names:
            names[holder.key] = holder_name(session, holder)
        return names[holder.key]

    meeting_ids = sorted({t.meeting_id for t in found})
    seen = set(session.scalars(
        select(Meeting.id).where(Meeting.id.in_(meeting_ids), Meeting.deleted.is_(False)))) if found else set()
    out = []
    for task in found:
        open_ = task.state in OPEN_STATES
        out.append(TaskRow(
            id=task.id, meeting_id=task.meeting_id, meeting_title=task.meeting_title, what=task.what,
            lead=name(lead_of(task)), coordinators=", ".join(name(c) for c in coordinators_of(task)),
            deadline=task.deadline, state=task.state,
            overdue=open_ and task.deadline is not None and task.deadline < today,
            due_soon=open_ and task.deadline is not None and today <= task.deadline <= until,
            result_note=task.result_note, return_reason=task.return_reason,
            reply_document_id=task.reply_document_id, parent_id=task.parent_id, item_id=task.item_id,
            held=task.state in ACTIONABLE_STATES and (
                task.lead_user_id == user.id
                or (task.lead_user_id is None and task.lead_unit_id is not None and task.lead_unit_id == user.unit_id)
            ),
            meeting_seen=task.meeting_id in seen,
        ))
    return out


def followup_items(session: Session, user: User, today: date, soon_days: int = SOON_DAYS) -> list[FollowupItem]:
    """The tasks waiting for ``user`` as the documents' boxes list them (``FOLLOWUP``)."""
    return [
        FollowupItem(
            source=FOLLOWUP_NAME, id=row.id, what=row.what, origin=row.meeting_title, deadline=row.deadline,
            state=row.state, due_soon=row.due_soon, overdue=row.overdue,
        )
        for row in rows(session, user, TaskFilter.MINE, today, soon_days)
    ]


#: The source's name: the UI's view of it is registered under it too.
FOLLOWUP_NAME = "meeting_tasks"
#: A task is followed up like a direction line: it is in "Chờ tôi xử lý", "Sắp đến hạn"
#: and "Quá hạn" of its holder (registered by ``meetings.capability``).
FOLLOWUP = FollowupSource(
    name=FOLLOWUP_NAME, tables=frozenset({MeetingTask.__tablename__}), tally=counts, items=followup_items
)


# --------------------------------------------------------------------------- the dialogs' choices


@dataclass(frozen=True)
class Choice:
    """A unit or a person a dialog offers (``label``: "Phòng Tài chính" / "Lê Minh Anh — Chuyên viên")."""

    holder: Holder
    label: str
    unit: bool


@dataclass(frozen=True)
class AssignChoices:
    """What "Giao nhiệm vụ…" offers: the agenda items (numbered), units and people."""

    items: list[tuple[str, str]]  # (item id, "1. title")
    people: list[Choice]


def _choices(session: Session, unit_ids: set[str] | None = None, user_filter: set[str] | None = None) -> list[Choice]:
    from eoffice.directory.models import Unit

    units = session.scalars(select(Unit).where(Unit.deleted.is_(False)).order_by(Unit.name)).all()
    users = session.scalars(select(User).where(User.deleted.is_(False)).order_by(User.full_name)).all()
    out = [Choice(Holder(unit_id=u.id), u.name, True) for u in units if unit_ids is None or u.id in unit_ids]
    out += [
        Choice(Holder(user_id=u.id), f"{u.full_name} — {u.position}" if u.position else u.full_name, False)
        for u in users if user_filter is None or u.id in user_filter
    ]
    return out


def assign_choices(session: Session, meeting_id: str) -> AssignChoices:
    from eoffice.meetings.minutes.compose import agenda_items

    items = [(item.id, f"{number} {item.title}") for number, item in agenda_items(session, meeting_id)]
    return AssignChoices(items, _choices(session))


def forward_choices(session: Session, task_id: str) -> list[Choice]:
    """The units below the task's unit and the people of its subtree (``tasks.forward``'s rule)."""
    from eoffice.documents.directions import forward_scope

    task = session.get(MeetingTask, task_id)
    if task is None:
        return []
    scope = forward_scope(session, task.lead_unit_id, task.lead_user_id)
    if scope is None:
        return []
    people = set(session.scalars(select(User.id).where(User.unit_id.in_(scope.subtree))))
    people.discard(task.lead_user_id or "")
    return _choices(session, set(scope.below), people)


def reply_choices(session: Session, user: User, limit: int = 50) -> list[tuple[str, str]]:
    """The documents the user may link as the reply: their own and their unit's outgoing
    ones (drafts too), newest first, as (id, "số, ký hiệu — trích yếu")."""
    from eoffice.documents.models import Document

    mine = Document.created_by == user.id
    if user.unit_id is not None:
        mine = or_(mine, Document.drafting_unit_id == user.unit_id)
    found = session.scalars(
        select(Document).where(mine, Document.direction == "outgoing", Document.deleted.is_(False))
        .order_by(Document.sort_key.desc()).limit(limit)
    ).all()
    return [(d.id, f"{d.number_label} — {d.subject}" if d.number_label else d.subject) for d in found]
