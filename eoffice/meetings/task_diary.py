"""The work diary's drafts from a meeting's tasks: a task the user completed that day
proposes "Hoàn thành nhiệm vụ được giao tại cuộc họp …" with its result note.

The facts come from the tasks themselves (``completed_by``, ``completed_at``), not from
the audit chain's ``meeting_task.complete`` events: those are also written for the task a
completed child settles upwards, which its holder did not do by hand. The source's action
(``meeting_task.done``) is one no audit event carries, so nothing is proposed twice.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.directory.models import User
from eoffice.documents.types import LineState
from eoffice.meetings.task_models import MeetingTask
from eoffice.worklog.drafting import Fact, Source, day_bounds, register_finder, register_source
from eoffice.worklog.models import Category

DONE = "meeting_task.done"

register_source(Source(DONE, "Hoàn thành nhiệm vụ được giao tại cuộc họp", Category.MEETING.value, 60,
                       group="meeting_task", rank=1))


@register_finder
def tasks_done(session: Session, user: User, day: date) -> list[Fact]:
    """The tasks ``user`` completed on ``day`` (by their own hand, not settled by a child)."""
    start, end = day_bounds(day)
    found = session.scalars(
        select(MeetingTask).where(
            MeetingTask.completed_by == user.id, MeetingTask.state == LineState.DONE.value,
            MeetingTask.completed_at >= start, MeetingTask.completed_at < end, MeetingTask.deleted.is_(False),
        ).order_by(MeetingTask.completed_at)
    ).all()
    children = {t.parent_id for t in found if t.parent_id}
    facts = []
    for task in found:
        if task.id in children:  # settled by the child this user completed: one entry
            continue
        assert task.completed_at is not None
        at = task.completed_at if task.completed_at.tzinfo else task.completed_at.replace(tzinfo=start.tzinfo)
        facts.append(Fact(DONE, at, meeting_id=task.meeting_id,
                          text=f"{task.meeting_title}: {task.what}", result=task.result_note))
    return facts
