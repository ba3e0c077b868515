"""Who receives a meeting's tasks (``meetings.tasks``): the meeting's organisers (its chair
among them), and the task's ``audience`` — its lead person, the members of its lead unit,
its coordinators (people, and the members of the units named) and everyone up the
forwarding chain (the holders of the tasks it came from and those who forwarded it).

An assignee who is not a participant receives the task and not the meeting: the row
carries the meeting's title for them.
"""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from eoffice.directory.models import User
from eoffice.meetings.access import organised
from eoffice.meetings.task_models import MeetingTask
from eoffice.server.events import register_subject
from eoffice.sync.tables import SyncedTable, register

#: Live events about a task reach whoever receives its row (``about=(TASK, id)``).
TASK = "meeting_task"


def addressed(user: User) -> ColumnElement[bool]:
    """SQL over ``MeetingTask``: the tasks addressed to ``user`` (not as an organiser)."""
    mine = MeetingTask.audience.contains(f'"user:{user.id}"')
    if user.unit_id is None:
        return mine
    return or_(mine, MeetingTask.audience.contains(f'"unit:{user.unit_id}"'))


def tasks_visible(user: User) -> ColumnElement[bool]:
    return or_(MeetingTask.meeting_id.in_(organised(user)), addressed(user))


def visible(session: Session, user: User, ids: set[str]) -> set[str]:
    """Which of the tasks ``ids`` the pull would send ``user`` now."""
    return set(session.scalars(select(MeetingTask.id).where(MeetingTask.id.in_(sorted(ids)), tasks_visible(user))))


register_subject(TASK, visible)
register(SyncedTable(MeetingTask, visible=tasks_visible, stable=False, order=94))
