"""The live session's HTTP routes (see ``meetings.live``' docstring for the list): thin
over the domain (``session``, ``attendance``, ``speakers``, ``snapshot``); each action
is one write transaction that also records its live event. Mounted under /api/v1
through ``server.routes.register_router``."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter
from pydantic import Field

from eoffice.meetings import passes
from eoffice.meetings.live import attendance, session as chairing, speakers
from eoffice.meetings.live.schemas import AttendanceRow, SessionSnapshot, SessionView, SpeakersView, SpeechView
from eoffice.meetings.live.snapshot import snapshot
from eoffice.meetings.pass_routes import server_key
from eoffice.server.deps import AUTH_RESPONSES, FORBIDDEN, CurrentUser, SettingsDep, StoreDep
from eoffice.server.errors import ServerError
from eoffice.server.routes import register_router
from eoffice.server.schemas import ErrorBody, RequestBody

router = APIRouter(prefix="/meetings", tags=["meetings"])

_RESPONSES: dict[int | str, dict[str, Any]] = {
    **AUTH_RESPONSES, **FORBIDDEN,
    404: {"model": ErrorBody, "description": "No such meeting (or not one the caller sees)"},
    409: {"model": ErrorBody, "description": "Not in this state of the session"},
}


class PassRefusedError(ServerError):
    """A check-in code that admits nobody here (forged, another meeting's, not invited)."""

    status = 409
    code = "pass_refused"


class OpenBody(RequestBody):
    sitting_id: str | None = None


class ShowBody(RequestBody):
    item_id: str | None = None
    document_id: str | None = None
    page: int | None = Field(default=None, ge=0)


class LimitBody(RequestBody):
    seconds: int = Field(ge=0, le=chairing.MAX_LIMIT)


class MarkBody(RequestBody):
    participant_id: str = Field(max_length=36)
    presence: str = Field(max_length=12)
    reason: str = Field(default="", max_length=1000)


class CheckInBody(RequestBody):
    online: bool = False


class PassBody(RequestBody):
    token: str = Field(max_length=passes.MAX_TOKEN)


class AskBody(RequestBody):
    kind: Literal["speech", "order"] = "speech"


class RefuseBody(RequestBody):
    reason: str = Field(default="", max_length=500)


class OrderBody(RequestBody):
    ids: list[str] = Field(max_length=1000)


@router.get("/{meeting_id}/session", response_model=SessionSnapshot, responses=_RESPONSES)
def get_session(meeting_id: str, user: CurrentUser, store: StoreDep, settings: SettingsDep) -> SessionSnapshot:
    """The whole session as the caller sees it, at its revision."""
    with store.read() as session:
        return snapshot(session, meeting_id, user, settings.clock())


# --------------------------------------------------------------------------- the chair


@router.post("/{meeting_id}/session/open", response_model=SessionView, responses=_RESPONSES)
def open_session(
    meeting_id: str, user: CurrentUser, store: StoreDep, settings: SettingsDep, body: OpenBody | None = None
) -> SessionView:
    with store.write() as session:
        return chairing.open_session(session, user.id, meeting_id, settings.clock(),
                                     body.sitting_id if body else None)


@router.post("/{meeting_id}/session/pause", response_model=SessionView, responses=_RESPONSES)
def pause_session(meeting_id: str, user: CurrentUser, store: StoreDep, settings: SettingsDep) -> SessionView:
    with store.write() as session:
        return chairing.pause(session, user.id, meeting_id, settings.clock())


@router.post("/{meeting_id}/session/resume", response_model=SessionView, responses=_RESPONSES)
def resume_session(meeting_id: str, user: CurrentUser, store: StoreDep, settings: SettingsDep) -> SessionView:
    with store.write() as session:
        return chairing.resume(session, user.id, meeting_id, settings.clock())


@router.post("/{meeting_id}/session/close", response_model=SessionView, responses=_RESPONSES)
def close_session(meeting_id: str, user: CurrentUser, store: StoreDep, settings: SettingsDep) -> SessionView:
    with store.write() as session:
        return chairing.close(session, user.id, meeting_id, settings.clock())


@router.post("/{meeting_id}/session/show", response_model=SessionView, responses=_RESPONSES)
def show(meeting_id: str, body: ShowBody, user: CurrentUser, store: StoreDep) -> SessionView:
    with store.write() as session:
        return chairing.show(session, user.id, meeting_id, item_id=body.item_id, document_id=body.document_id,
                             page=body.page)


@router.post("/{meeting_id}/session/speech-limit", response_model=SpeakersView, responses=_RESPONSES)
def speech_limit(
    meeting_id: str, body: LimitBody, user: CurrentUser, store: StoreDep, settings: SettingsDep
) -> SpeakersView:
    with store.write() as session:
        return chairing.set_speech_limit(session, user.id, meeting_id, body.seconds, settings.clock())


# --------------------------------------------------------------------------- attendance


@router.post("/{meeting_id}/attendance", response_model=AttendanceRow, responses=_RESPONSES)
def mark(meeting_id: str, body: MarkBody, user: CurrentUser, store: StoreDep, settings: SettingsDep) -> AttendanceRow:
    """The list: present, online, substitute, absent with the reason, left, undone."""
    with store.write() as session:
        return attendance.mark(session, user.id, meeting_id, body.participant_id, body.presence, settings.clock(),
                               body.reason)


@router.post("/{meeting_id}/check-in", response_model=AttendanceRow, responses=_RESPONSES)
def check_in(
    meeting_id: str, user: CurrentUser, store: StoreDep, settings: SettingsDep, body: CheckInBody | None = None
) -> AttendanceRow:
    with store.write() as session:
        return attendance.check_in(session, user.id, meeting_id, bool(body and body.online), settings.clock())


@router.post("/{meeting_id}/check-out", response_model=AttendanceRow, responses=_RESPONSES)
def check_out(meeting_id: str, user: CurrentUser, store: StoreDep, settings: SettingsDep) -> AttendanceRow:
    with store.write() as session:
        return attendance.check_out(session, user.id, meeting_id, settings.clock())


@router.post("/{meeting_id}/check-in/pass", response_model=AttendanceRow, responses=_RESPONSES)
def check_in_pass(
    meeting_id: str, body: PassBody, user: CurrentUser, store: StoreDep, settings: SettingsDep
) -> AttendanceRow:
    """The invitation's QR code at the door (409 ``pass_refused`` when it admits nobody)."""
    key = server_key(settings.data_dir).public_key()
    try:
        with store.write() as session:
            return attendance.check_in_pass(session, user.id, meeting_id, body.token, key, settings.clock())
    except passes.PassRefused as refused:
        raise PassRefusedError(refused.message_vi, refused.message_en) from refused


# --------------------------------------------------------------------------- speakers


@router.post("/{meeting_id}/speakers", response_model=SpeechView, responses=_RESPONSES)
def ask(meeting_id: str, user: CurrentUser, store: StoreDep, settings: SettingsDep,
        body: AskBody | None = None) -> SpeechView:
    with store.write() as session:
        return speakers.ask(session, user.id, meeting_id, body.kind if body else "speech", settings.clock())


@router.post("/{meeting_id}/speakers/next", response_model=SpeakersView, responses=_RESPONSES)
def next_speaker(meeting_id: str, user: CurrentUser, store: StoreDep, settings: SettingsDep) -> SpeakersView:
    with store.write() as session:
        return speakers.next_speaker(session, user.id, meeting_id, settings.clock())


@router.post("/{meeting_id}/speakers/order", response_model=SpeakersView, responses=_RESPONSES)
def order(meeting_id: str, body: OrderBody, user: CurrentUser, store: StoreDep, settings: SettingsDep) -> SpeakersView:
    with store.write() as session:
        return speakers.reorder(session, user.id, meeting_id, body.ids, settings.clock())


@router.post("/{meeting_id}/speakers/{speech_id}/refuse", response_model=SpeakersView, responses=_RESPONSES)
def refuse(
    meeting_id: str, speech_id: str, user: CurrentUser, store: StoreDep, settings: SettingsDep,
    body: RefuseBody | None = None,
) -> SpeakersView:
    with store.write() as session:
        return speakers.refuse(session, user.id, meeting_id, speech_id, settings.clock(), body.reason if body else "")


_ACTIONS = {
    "withdraw": speakers.withdraw, "accept": speakers.accept, "start": speakers.start,
    "pause": speakers.pause, "resume": speakers.resume, "end": speakers.end,
}


def _speech_route(action: str) -> None:
    act = _ACTIONS[action]

    def route(meeting_id: str, speech_id: str, user: CurrentUser, store: StoreDep,
              settings: SettingsDep) -> SpeakersView:
        with store.write() as session:
            return act(session, user.id, meeting_id, speech_id, settings.clock())

    route.__name__ = f"speech_{action}"
    route.__doc__ = f"The request to speak: {action}."
    router.post(f"/{{meeting_id}}/speakers/{{speech_id}}/{action}", response_model=SpeakersView,
                responses=_RESPONSES)(route)


for _action in _ACTIONS:
    _speech_route(_action)


register_router(router)
