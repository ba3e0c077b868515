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


def _pending_tasks(session: Session) -> set[str]:
    """The tasks this desk changed and has not sent yet (and the children it forwarded to):
    a pull keeps them as the desk shows them until the server has applied the change."""
    from eoffice.sync.client_state import pending_payloads

    found: set[str] = set()
    for data in pending_payloads(session):
        if str(data.get("kind", "")).startswith("meeting_task_"):
            found.update(v for k in ("task_id", "child_id") if isinstance(v := data.get(k), str))
    return found


register_subject(TASK, visible)
register(SyncedTable(MeetingTask, visible=tasks_visible, stable=False, local_work=_pending_tasks, order=94))
