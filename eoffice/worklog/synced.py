"""The work diary's synced tables: each row is read by its owner and the leaders who lead
them (``worklog.review.visible_to``), a clause built per request (the units a leader
leads are read from the database)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.sql.elements import ColumnElement

from eoffice.directory.models import User
from eoffice.sync.tables import SyncedTable, Visibility, register
from eoffice.worklog.models import WorklogComment, WorklogEntry, WorklogWeek
from eoffice.worklog.review import visible_to


def _readers_of(model: Any) -> Visibility:
    def visible(user: User) -> ColumnElement[bool]:
        return visible_to(user, model.user_id)

    return visible


register(*(
    SyncedTable(model, visible=_readers_of(model), stable=False, order=60 + i)
    for i, model in enumerate((WorklogEntry, WorklogWeek, WorklogComment))
))
