"""Tasks assigned in a meeting and their follow-up, in the life of a direction line:

    waiting ──start──▶ in_progress ──complete──▶ done
       │                   │
       ├──────return───────┴──▶ returned      (reason required)
       └──────forward──────┴──▶ forwarded     (a child task further down the org tree)

- The chair or the meeting's organisers (``access.organises``) assign a task: what, one
  lead (a unit or a person), coordinators, a deadline in working days (``workdays``),
  stored as the date it gives. A draft or cancelled meeting assigns nothing.
- The lead acts on it: the person named, or anyone of the unit named (as a unit's
  direction line). Coordinators see it and do not change its state.
- Forwarding (Chuyển xử lý) follows ``directions.forward_line``: to a unit below the
  task's unit or to a person of that unit or a unit below it (for a person's task, the
  tree starts at their unit). The child inherits the deadline unless it names one.
- A forwarded task is settled by its child: the child done makes it done (with the
  child's result note and reply); the child returned gives it back to its holder
  (in progress), who does it, forwards it again or returns it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.audit.chain import record
from eoffice.directory.access import load_actor
from eoffice.directory.models import Unit, User
from eoffice.documents.directions import forward_scope  # the org tree below a holder, as directions read it
from eoffice.documents.models import Document
from eoffice.documents.snapshot import snapshot
from eoffice.documents.types import LineState
from eoffice.documents.workdays import add_working_days, holidays
from eoffice.errors import NotFound, PermissionDenied, StateError, ValidationError
from eoffice.meetings import access
from eoffice.meetings.models import AgendaItem, Meeting, MeetingState
from eoffice.meetings.organising import meeting_of, not_organiser
from eoffice.meetings.task_models import MeetingTask
from eoffice.store.base import utcnow

#: Tasks someone still has to act on (or, when forwarded, someone below them).
OPEN_STATES = (LineState.WAITING.value, LineState.IN_PROGRESS.value, LineState.FORWARDED.value)
#: Tasks their holder can still act on.
ACTIONABLE_STATES = (LineState.WAITING.value, LineState.IN_PROGRESS.value)
#: A meeting that assigns tasks exists as a body: not a draft, not cancelled.
_ASSIGNING = frozenset({
    MeetingState.SCHEDULED.value, MeetingState.IN_SESSION.value, MeetingState.CLOSED.value,
    MeetingState.ARCHIVED.value, MeetingState.POSTPONED.value,
})
#: The longest deadline a task takes, in working days (ten years).
MAX_DAYS = 2_600

STATE_LABELS_VI = {
    LineState.WAITING.value: "chờ xử lý",
    LineState.IN_PROGRESS.value: "đang xử lý",
    LineState.DONE.value: "đã hoàn thành",
    LineState.RETURNED.value: "đã trả lại",
    LineState.FORWARDED.value: "đã chuyển xử lý",
}


@dataclass(frozen=True)
class Holder:
    """A unit or a person a task names (lead or coordinator)."""

    unit_id: str | None = None
    user_id: str | None = None

    @property
    def key(self) -> str:
        return f"unit:{self.unit_id}" if self.unit_id else f"user:{self.user_id}"

    @classmethod
    def from_key(cls, key: str) -> Holder:
        kind, _, ident = key.partition(":")
        return cls(unit_id=ident) if kind == "unit" else cls(user_id=ident)


def coordinators_of(task: MeetingTask) -> list[Holder]:
    return [Holder.from_key(str(k)) for k in json.loads(task.coordinators or "[]")]


def audience_of(task: MeetingTask) -> list[str]:
    return [str(k) for k in json.loads(task.audience or "[]")]


def lead_of(task: MeetingTask) -> Holder:
    return Holder(task.lead_unit_id, task.lead_user_id)


def task_of(session: Session, task_id: str) -> MeetingTask:
    task = session.get(MeetingTask, task_id)
    if task is None or task.deleted:
        raise NotFound("Không tìm thấy nhiệm vụ được giao.", "Task not found.")
    return task


def holds(user: User, task: MeetingTask) -> bool:
    """Whether ``user`` leads ``task``: its person, or anyone of its unit."""
    if task.lead_user_id is not None:
        return task.lead_user_id == user.id
    return task.lead_unit_id is not None and task.lead_unit_id == user.unit_id


def receives(user: User, task: MeetingTask) -> bool:
    """Whether the task is addressed to ``user`` (lead, coordinator, up the chain)."""
    keys = set(audience_of(task))
    return f"user:{user.id}" in keys or (user.unit_id is not None and f"unit:{user.unit_id}" in keys)


def _require_holder(user: User, task: MeetingTask) -> None:
    if not holds(user, task):
        raise PermissionDenied(
            "Bạn không phải người (hay đơn vị) chủ trì nhiệm vụ này.",
            "You are not the person (or unit) leading this task.",
        )


def _require_actionable(task: MeetingTask, action_vi: str, action_en: str) -> None:
    if task.state not in ACTIONABLE_STATES:
        raise StateError(
            f"Không thể {action_vi}: nhiệm vụ {STATE_LABELS_VI.get(task.state, task.state)}.",
            f"Cannot {action_en}: the task is {task.state.replace('_', ' ')}.",
        )


def _check_holder(session: Session, holder: Holder, field: str) -> None:
    if (holder.unit_id is None) == (holder.user_id is None):
        raise ValidationError(
            "Mỗi nhiệm vụ ghi một đơn vị hoặc một người chủ trì.",
            "A task names exactly one lead unit or person.",
            field=field,
        )
    if holder.unit_id is not None:
        unit = session.get(Unit, holder.unit_id)
        if unit is None or unit.deleted:
            raise ValidationError("Không tìm thấy đơn vị được giao.", "Unknown unit.", field=field)
    else:
        user = session.get(User, holder.user_id)
        if user is None or user.deleted:
            raise ValidationError("Không tìm thấy người được giao.", "Unknown user.", field=field)


def _check_people(session: Session, lead: Holder, coordinators: list[Holder]) -> None:
    _check_holder(session, lead, "lead")
    seen = {lead.key}
    for holder in coordinators:
        _check_holder(session, holder, "coordinators")
        if holder.key in seen:
            raise ValidationError(
                "Một đơn vị hay một người chỉ được ghi một lần trong nhiệm vụ.",
                "A unit or person appears twice in the task.",
                field="coordinators",
            )
        seen.add(holder.key)


def _what(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError("Cần ghi nội dung nhiệm vụ.", "Say what the task is.", field="what")
    return text


def deadline_after(session: Session, today: date, days: int) -> date:
    """The deadline ``days`` working days after ``today`` (weekends and holidays skipped)."""
    if days < 0 or days > MAX_DAYS:
        raise ValidationError(
            f"Hạn xử lý phải từ 0 đến {MAX_DAYS} ngày làm việc.",
            f"The deadline must be 0 to {MAX_DAYS} working days.",
            field="deadline_days",
        )
    return add_working_days(today, days, holidays(session))


def _set_state(session: Session, actor_id: str, task: MeetingTask, state: LineState, action: str,
               **changes: object) -> None:
    before = snapshot(task)
    task.state = state.value
    for name, value in changes.items():
        setattr(task, name, value)
    if state is LineState.DONE and task.completed_at is None:
        task.completed_at = utcnow()
        task.completed_by = task.completed_by or actor_id
    session.flush()
    record(session, actor_id=actor_id, action=action, target_type="meeting_task", target_id=task.id,
           before=before, after=snapshot(task))


def may_assign(session: Session, user: User, meeting: Meeting) -> bool:
    """The chair or the meeting's organisers assign its tasks."""
    return meeting.chair_id == user.id or access.organises(session, user, meeting)


# --------------------------------------------------------------------------- operations


def assign(
    session: Session,
    actor_id: str,
    task_id: str,
    meeting_id: str,
    what: str,
    lead: Holder,
    coordinators: list[Holder],
    deadline_days: int,
    *,
    item_id: str | None = None,
    today: date | None = None,
) -> MeetingTask:
    """The chair (or an organiser) gives a task; the lead finds it waiting."""
    actor = load_actor(session, actor_id)
    meeting = meeting_of(session, meeting_id)
    if not may_assign(session, actor, meeting):
        raise not_organiser()
    if meeting.state not in _ASSIGNING:
        raise StateError(
            "Cuộc họp chưa được mời họp hoặc đã hủy; chưa giao nhiệm vụ được.",
            "The meeting is not scheduled or is cancelled; it assigns no task.",
        )
    if item_id is not None:
        item = session.get(AgendaItem, item_id)
        if item is None or item.deleted or item.meeting_id != meeting.id:
            raise ValidationError(
                "Không tìm thấy nội dung trong chương trình họp.", "Agenda item not found.", field="item_id"
            )
    if session.get(MeetingTask, task_id) is not None:
        raise StateError("Nhiệm vụ này đã được giao.", "This task was assigned already.")
    text = _what(what)
    _check_people(session, lead, coordinators)
    deadline = deadline_after(session, today or date.today(), deadline_days)
    keys = [lead.key, *(c.key for c in coordinators)]
    task = MeetingTask(
        id=task_id, meeting_id=meeting.id, meeting_title=meeting.title, item_id=item_id, what=text,
        lead_unit_id=lead.unit_id, lead_user_id=lead.user_id,
        coordinators=json.dumps([c.key for c in coordinators]), audience=json.dumps(keys),
        deadline=deadline, state=LineState.WAITING.value, assigned_by=actor.id, assigned_at=utcnow(),
    )
    session.add(task)
    session.flush()
    record(session, actor_id=actor.id, action="meeting_task.assign", target_type="meeting_task",
           target_id=task.id, after=snapshot(task))
    return task


def start(session: Session, actor_id: str, task_id: str) -> MeetingTask:
    """The lead starts on it (waiting → in progress)."""
    actor = load_actor(session, actor_id)
    task = task_of(session, task_id)
    _require_holder(actor, task)
    if task.state != LineState.WAITING.value:
        raise StateError(
            f"Chỉ bắt đầu được nhiệm vụ đang chờ xử lý; nhiệm vụ này {STATE_LABELS_VI.get(task.state, task.state)}.",
            f"Only a waiting task can be started; this one is {task.state.replace('_', ' ')}.",
        )
    _set_state(session, actor.id, task, LineState.IN_PROGRESS, "meeting_task.start")
    return task


def complete(
    session: Session, actor_id: str, task_id: str, result_note: str = "", reply_document_id: str | None = None
) -> MeetingTask:
    """The lead reports it done, with a result note and optionally the reply document."""
    actor = load_actor(session, actor_id)
    task = task_of(session, task_id)
    _require_holder(actor, task)
    _require_actionable(task, "hoàn thành", "complete")
    if reply_document_id is not None:
        reply = session.get(Document, reply_document_id)
        if reply is None or reply.deleted:
            raise ValidationError(
                "Không tìm thấy văn bản trả lời.", "Reply document not found.", field="reply_document_id"
            )
    _set_state(session, actor.id, task, LineState.DONE, "meeting_task.complete",
               result_note=(result_note or "").strip(), reply_document_id=reply_document_id, completed_by=actor.id)
    _settle(session, actor.id, task)
    return task


def return_task(session: Session, actor_id: str, task_id: str, reason: str) -> MeetingTask:
    """The lead hands it back (trả lại) with a reason."""
    actor = load_actor(session, actor_id)
    task = task_of(session, task_id)
    _require_holder(actor, task)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Cần ghi lý do trả lại.", "A reason is required to return the task.", field="reason")
    _require_actionable(task, "trả lại", "return")
    _set_state(session, actor.id, task, LineState.RETURNED, "meeting_task.return", return_reason=reason)
    _settle(session, actor.id, task)
    return task


def forward(
    session: Session,
    actor_id: str,
    task_id: str,
    child_id: str,
    lead: Holder,
    coordinators: list[Holder] | None = None,
    deadline_days: int | None = None,
    *,
    today: date | None = None,
) -> MeetingTask:
    """Pass the task down the org tree (Chuyển xử lý): a child task for one lead below."""
    actor = load_actor(session, actor_id)
    task = task_of(session, task_id)
    _require_holder(actor, task)
    _require_actionable(task, "chuyển xử lý", "forward")
    coordinators = coordinators or []
    _check_people(session, lead, coordinators)
    scope = forward_scope(session, task.lead_unit_id, task.lead_user_id)
    if scope is None:
        raise ValidationError(
            "Người chủ trì không thuộc đơn vị nào, không chuyển xử lý được.",
            "The lead belongs to no unit; nothing is below them.",
        )
    for holder in (lead, *coordinators):
        if holder.unit_id is not None and not scope.takes_unit(holder.unit_id):
            raise ValidationError(
                "Chỉ chuyển xử lý cho các đơn vị trực thuộc.",
                "A task can only be forwarded to units below its unit.",
                field="lead",
            )
        if holder.user_id is not None and not scope.takes_person(session.get(User, holder.user_id)):
            raise ValidationError(
                "Chỉ chuyển xử lý cho người trong đơn vị mình hoặc đơn vị trực thuộc.",
                "A task can only be forwarded to people of its unit or the units below.",
                field="lead",
            )
    if session.get(MeetingTask, child_id) is not None:
        raise StateError("Nhiệm vụ này đã được chuyển xử lý.", "This task was forwarded already.")
    deadline = task.deadline if deadline_days is None else deadline_after(session, today or date.today(),
                                                                          deadline_days)
    keys = list(dict.fromkeys([lead.key, *(c.key for c in coordinators), *audience_of(task), f"user:{actor.id}"]))
    child = MeetingTask(
        id=child_id, meeting_id=task.meeting_id, meeting_title=task.meeting_title, item_id=task.item_id,
        parent_id=task.id, what=task.what, lead_unit_id=lead.unit_id, lead_user_id=lead.user_id,
        coordinators=json.dumps([c.key for c in coordinators]), audience=json.dumps(keys), deadline=deadline,
        state=LineState.WAITING.value, assigned_by=actor.id, assigned_at=utcnow(),
    )
    session.add(child)
    session.flush()
    record(session, actor_id=actor.id, action="meeting_task.assign", target_type="meeting_task",
           target_id=child.id, after=snapshot(child))
    _set_state(session, actor.id, task, LineState.FORWARDED, "meeting_task.forward")
    return child


def _settle(session: Session, actor_id: str, changed: MeetingTask) -> None:
    """After ``changed`` closed (done or returned), settle the task it was forwarded from."""
    if changed.parent_id is None:
        return
    parent = session.get(MeetingTask, changed.parent_id)
    if parent is None or parent.state != LineState.FORWARDED.value:
        return
    open_children = session.scalar(
        select(MeetingTask.id).where(
            MeetingTask.parent_id == parent.id, MeetingTask.deleted.is_(False),
            MeetingTask.state.in_(OPEN_STATES), MeetingTask.id != changed.id,
        ).limit(1)
    )
    if open_children is not None:
        return
    if changed.state == LineState.DONE.value:
        _set_state(session, actor_id, parent, LineState.DONE, "meeting_task.complete",
                   result_note=changed.result_note, reply_document_id=changed.reply_document_id,
                   completed_by=changed.completed_by)
        _settle(session, actor_id, parent)
    elif changed.state == LineState.RETURNED.value:
        _set_state(session, actor_id, parent, LineState.IN_PROGRESS, "meeting_task.reopen")


def tasks_of_meeting(session: Session, meeting_id: str) -> list[MeetingTask]:
    """The meeting's tasks as assigned (not their forwarded children), oldest first."""
    return list(session.scalars(
        select(MeetingTask).where(
            MeetingTask.meeting_id == meeting_id, MeetingTask.parent_id.is_(None), MeetingTask.deleted.is_(False)
        ).order_by(MeetingTask.assigned_at, MeetingTask.id)
    ))


def children_of(session: Session, task_id: str) -> list[MeetingTask]:
    return list(session.scalars(
        select(MeetingTask).where(MeetingTask.parent_id == task_id, MeetingTask.deleted.is_(False))
        .order_by(MeetingTask.assigned_at, MeetingTask.id)
    ))


def holder_name(session: Session, holder: Holder) -> str:
    """The unit's or the person's name, as a list of tasks shows it."""
    if holder.unit_id is not None:
        unit = session.get(Unit, holder.unit_id)
        return unit.name if unit is not None else ""
    user = session.get(User, holder.user_id)
    return user.full_name if user is not None else ""
