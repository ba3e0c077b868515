"""A meeting's tasks as operations (``meetings.tasks``): assign, start, forward (Chuyển xử
lý), return, complete; what the server checks before, what a refusal undoes on the desk,
who is told live.

Every kind is offline-first: the desk applies it at once and it waits in the outbox. A
deadline is counted from the day the operation says it was made (``on_date``, checked
plausible by the server as for a direction), so the desk and the server count the same.
A refused assignment or forward leaves the desk (its rows never reached the server); a
refused change of state puts the task back as the desk's audit chain recorded it before.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.audit.models import AuditEvent
from eoffice.directory.models import User
from eoffice.documents.operations import acted_on
from eoffice.documents.permissions import check_names
from eoffice.errors import PermissionDenied
from eoffice.meetings import tasks
from eoffice.meetings.models import Meeting
from eoffice.meetings.operations import (
    AssignMeetingTask,
    CompleteMeetingTask,
    ForwardMeetingTask,
    ReturnMeetingTask,
    StartMeetingTask,
    TaskHolder,
)
from eoffice.meetings.organising import not_organiser
from eoffice.meetings.task_models import MeetingTask
from eoffice.meetings.task_synced import TASK
from eoffice.ops.operation import AppliedResult
from eoffice.ops.registry import register
from eoffice.ops.values import Id, ISODate
from eoffice.server.events import AudienceKey, Telling, on_operation, person
from eoffice.store.base import new_id

#: Event kinds: a task for me (assigned or forwarded to me or my unit); a task I gave or
#: forwarded is done or came back.
TASK_ASSIGNED = "meeting.task_assigned"
TASK_SETTLED = "meeting.task_settled"

TASKS = MeetingTask.__tablename__


def _holder(value: TaskHolder) -> tasks.Holder:
    return tasks.Holder(value.unit_id, value.user_id)


def _day(op: Any, authority: bool) -> date | None:
    return acted_on(op.on_date, authority=authority)


# --------------------------------------------------------------------------- applying


def _assign(session: Session, actor_id: str, op: AssignMeetingTask, authority: bool) -> AppliedResult:
    task = tasks.assign(
        session, actor_id, op.task_id, op.meeting_id, op.what, _holder(op.lead),
        [_holder(c) for c in op.coordinators], op.deadline_days, item_id=op.item_id, today=_day(op, authority),
    )
    return AppliedResult(op.kind, {"task_id": task.id, "meeting_id": task.meeting_id,
                                   "deadline": task.deadline.isoformat() if task.deadline else None})


def _start(session: Session, actor_id: str, op: StartMeetingTask, authority: bool) -> AppliedResult:
    task = tasks.start(session, actor_id, op.task_id)
    return AppliedResult(op.kind, {"task_id": task.id, "state": task.state})


def _forward(session: Session, actor_id: str, op: ForwardMeetingTask, authority: bool) -> AppliedResult:
    child = tasks.forward(
        session, actor_id, op.task_id, op.child_id, _holder(op.lead), [_holder(c) for c in op.coordinators],
        op.deadline_days, today=_day(op, authority),
    )
    return AppliedResult(op.kind, {"task_id": op.task_id, "child_id": child.id})


def _return(session: Session, actor_id: str, op: ReturnMeetingTask, authority: bool) -> AppliedResult:
    task = tasks.return_task(session, actor_id, op.task_id, op.reason)
    return AppliedResult(op.kind, {"task_id": task.id, "state": task.state})


def _complete(session: Session, actor_id: str, op: CompleteMeetingTask, authority: bool) -> AppliedResult:
    task = tasks.complete(session, actor_id, op.task_id, op.result_note, op.reply_document_id)
    return AppliedResult(op.kind, {"task_id": task.id, "state": task.state})


# --------------------------------------------------------------------------- the server's check


def _check_assign(session: Session, actor: User, op: AssignMeetingTask) -> None:
    """Only the chair and the organisers assign (the people named are the domain's to check)."""
    meeting = session.get(Meeting, op.meeting_id)
    if meeting is None or meeting.deleted:
        return  # the domain says it is not found
    if not tasks.may_assign(session, actor, meeting):
        raise not_organiser()


def _check_holder(session: Session, actor: User, task_id: str) -> None:
    """A task's state changes only in the hands of its lead (person, or one of its unit)."""
    task = session.get(MeetingTask, task_id)
    if task is not None and not tasks.holds(actor, task):
        raise PermissionDenied(
            "Bạn không phải người (hay đơn vị) chủ trì nhiệm vụ này.",
            "You are not the person (or unit) leading this task.",
        )


def _check_state(session: Session, actor: User, op: Any) -> None:
    _check_holder(session, actor, op.task_id)


def _check_complete(session: Session, actor: User, op: CompleteMeetingTask) -> None:
    _check_holder(session, actor, op.task_id)
    check_names(session, actor, documents=[op.reply_document_id] if op.reply_document_id else [])


# --------------------------------------------------------------------------- a refusal, on the desk


def _delete_unsynced(session: Session, task_id: str) -> None:
    row = session.get(MeetingTask, task_id)
    if row is not None and row.server_version is None:
        session.delete(row)
    session.flush()


def _restore(session: Session, task_id: str) -> None:
    """Put the task back as the server last sent it, before this desk's first change of it
    since (its audit chain holds the row as it was, ``server_version`` included); a task the
    server never had leaves the desk instead.

    The first change, not the last: when a start and a completion are both refused, the
    task waits again. A change the server accepted meanwhile comes back with the pull that
    follows the push, with its newer version."""
    row = session.get(MeetingTask, task_id)
    if row is None:
        return
    if row.server_version is None:
        _delete_unsynced(session, task_id)
        return
    befores = [json.loads(text) for text in session.scalars(
        select(AuditEvent.before_json).where(
            AuditEvent.target_type == "meeting_task", AuditEvent.target_id == task_id, AuditEvent.before_json != ""
        ).order_by(AuditEvent.seq)
    )]
    before = next((b for b in befores if b.get("server_version") == row.server_version), befores[-1] if befores
                  else {})
    for name in ("state", "result_note", "reply_document_id", "return_reason", "completed_by"):
        if name in before:
            setattr(row, name, before[name])
    if "completed_at" in before:
        row.completed_at = datetime.fromisoformat(before["completed_at"]) if before["completed_at"] else None
    session.flush()


def _discard_assign(session: Session, op: AssignMeetingTask) -> None:
    _delete_unsynced(session, op.task_id)


def _discard_state(session: Session, op: Any) -> None:
    parent_id = None
    row = session.get(MeetingTask, op.task_id)
    if row is not None:
        parent_id = row.parent_id
    _restore(session, op.task_id)
    if parent_id is not None and isinstance(op, (CompleteMeetingTask, ReturnMeetingTask)):
        parent = session.get(MeetingTask, parent_id)
        if parent is not None and parent.state != "forwarded":
            _restore(session, parent_id)


def _discard_forward(session: Session, op: ForwardMeetingTask) -> None:
    _delete_unsynced(session, op.child_id)
    _restore(session, op.task_id)


# --------------------------------------------------------------------------- live


def _to(task: MeetingTask) -> list[AudienceKey | None]:
    from eoffice.directory.events import unit

    lead = person(task.lead_user_id) if task.lead_user_id else unit(task.lead_unit_id)
    return [lead, *(person(c.user_id) if c.user_id else unit(c.unit_id) for c in tasks.coordinators_of(task))]


def _summary(task: MeetingTask) -> dict[str, Any]:
    """The event's payload; the meeting named as ``of_meeting_id``, not ``meeting_id``: an
    event carrying that key is about the meeting too, and an assignee who is not one of its
    participants would not be told."""
    return {
        "meeting_task_id": task.id, "of_meeting_id": task.meeting_id, "meeting_title": task.meeting_title,
        "what": task.what, "deadline": task.deadline.isoformat() if task.deadline else None, "state": task.state,
    }


@on_operation(AssignMeetingTask.kind, ForwardMeetingTask.kind)
def _assigned(telling: Telling, op: Any, result: Any) -> None:
    """A new task, assigned or forwarded (the child), is told to its holders."""
    task = telling.session.get(MeetingTask, op.child_id if isinstance(op, ForwardMeetingTask) else op.task_id)
    if task is not None:
        for to in _to(task):
            telling.tell(TASK_ASSIGNED, _summary(task), to=to, about=(TASK, task.id))


@on_operation(CompleteMeetingTask.kind, ReturnMeetingTask.kind)
def _settled(telling: Telling, op: Any, result: Any) -> None:
    """Whoever gave the task (the chair, or the holder who forwarded it) hears it is done or
    back; a completion that settles the tasks above it reaches their givers as well."""
    task = telling.session.get(MeetingTask, op.task_id)
    told: set[str] = set()
    while task is not None and task.assigned_by is not None and task.assigned_by not in told:
        told.add(task.assigned_by)
        telling.tell(TASK_SETTLED, {**_summary(task), "reason": task.return_reason}, to=person(task.assigned_by),
                     about=(TASK, task.id))
        parent = telling.session.get(MeetingTask, task.parent_id) if task.parent_id else None
        task = parent if parent is not None and parent.state == "done" and task.state == "done" else None


# --------------------------------------------------------------------------- registration


def _id() -> Id:
    return Id(new_id())


register(
    AssignMeetingTask, apply=_assign, check=_check_assign, discard=_discard_assign,
    label_vi="Giao nhiệm vụ tại cuộc họp", label_en="Assign meeting task", tables=(TASKS,),
    example=lambda: AssignMeetingTask(
        _id(), _id(), _id(), "Hoàn thiện dự thảo Nghị quyết, trình HĐND tỉnh", TaskHolder(unit_id=_id()), 10,
        (TaskHolder(user_id=_id()),), _id(), ISODate("2026-12-07"),
    ),
)
register(
    StartMeetingTask, apply=_start, check=_check_state, discard=_discard_state,
    label_vi="Bắt đầu xử lý nhiệm vụ", label_en="Start meeting task", tables=(TASKS,),
    example=lambda: StartMeetingTask(_id(), _id()),
)
register(
    ForwardMeetingTask, apply=_forward, check=_check_state, discard=_discard_forward,
    label_vi="Chuyển xử lý nhiệm vụ", label_en="Forward meeting task", tables=(TASKS,),
    example=lambda: ForwardMeetingTask(_id(), _id(), _id(), TaskHolder(user_id=_id()), (), 5, ISODate("2026-12-08")),
)
register(
    ReturnMeetingTask, apply=_return, check=_check_state, discard=_discard_state,
    label_vi="Trả lại nhiệm vụ", label_en="Return meeting task", tables=(TASKS,),
    example=lambda: ReturnMeetingTask(_id(), _id(), "Không thuộc chức năng, nhiệm vụ của đơn vị"),
)
register(
    CompleteMeetingTask, apply=_complete, check=_check_complete, discard=_discard_state,
    label_vi="Hoàn thành nhiệm vụ", label_en="Complete meeting task", tables=(TASKS,),
    example=lambda: CompleteMeetingTask(_id(), _id(), "Đã trình UBND tỉnh dự thảo", _id()),
)

#: The kinds of this module (the tests try every one).
KINDS = (AssignMeetingTask, StartMeetingTask, ForwardMeetingTask, ReturnMeetingTask, CompleteMeetingTask)
