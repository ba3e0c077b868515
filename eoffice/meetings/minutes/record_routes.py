"""``GET /meetings/{id}/record``: the session's record the minutes are written from."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from eoffice.meetings.minutes.record import meeting_record
from eoffice.meetings.minutes.schemas import MeetingRecord
from eoffice.server.deps import AUTH_RESPONSES, CurrentUser, SettingsDep, StoreDep
from eoffice.server.routes import register_router
from eoffice.server.schemas import ErrorBody

router = APIRouter(prefix="/meetings", tags=["meetings"])

_RESPONSES: dict[int | str, dict[str, Any]] = {
    **AUTH_RESPONSES,
    404: {"model": ErrorBody, "description": "No such meeting (or not one the caller sees)"},
}


@router.get("/{meeting_id}/record", response_model=MeetingRecord, responses=_RESPONSES)
def get_record(meeting_id: str, user: CurrentUser, store: StoreDep, settings: SettingsDep) -> MeetingRecord:
    """Times, attendance with its log, speeches and counted votes of the meeting's session."""
    with store.read() as session:
        return meeting_record(session, meeting_id, user, settings.clock())


register_router(router)
