"""The server's meeting-pass routes (mounted under /api/v1 through
``server.routes.register_router``, which names no capability):

- ``GET /meetings/pass-key``: the public key that verifies passes, for anyone signed in
  (a check-in desk keeps it and verifies offline).
- ``GET /meetings/{meeting_id}/passes``: every participant's pass, for the meeting's
  organisers only; the desk prints them on the attendance cards (``passes.attendance_cards``).

The passes are computed on request from the server's key (``passes.load_or_create_key``),
never stored: the same participant gets the same pass every time (Ed25519 is deterministic).
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import select

from eoffice.errors import NotFound, PermissionDenied
from eoffice.meetings import access, passes
from eoffice.meetings.models import Meeting, Participant
from eoffice.server.deps import AUTH_RESPONSES, FORBIDDEN, CurrentUser, SettingsDep, StoreDep
from eoffice.server.routes import register_router
from eoffice.server.schemas import ErrorBody

router = APIRouter(prefix="/meetings", tags=["meetings"])

_keys: dict[Path, Ed25519PrivateKey] = {}


def server_key(data_dir: Path) -> Ed25519PrivateKey:
    """The pass key of the server whose data dir this is (read once per process)."""
    key = _keys.get(data_dir)
    if key is None:
        key = _keys[data_dir] = passes.load_or_create_key(data_dir)
    return key


class PassKey(BaseModel):
    algorithm: str = "Ed25519"
    #: The 32 raw bytes of the public key, base64url without padding.
    public_key: str


class MeetingPass(BaseModel):
    participant_id: str
    user_id: str
    token: str


@router.get("/pass-key", response_model=PassKey, responses=AUTH_RESPONSES)
def pass_key(user: CurrentUser, settings: SettingsDep) -> PassKey:
    """The public key that verifies meeting passes."""
    return PassKey(public_key=passes.public_key_text(server_key(settings.data_dir)))


@router.get(
    "/{meeting_id}/passes", response_model=list[MeetingPass],
    responses={**AUTH_RESPONSES, **FORBIDDEN, 404: {"model": ErrorBody, "description": "No such meeting"}},
)
def meeting_passes(meeting_id: str, user: CurrentUser, store: StoreDep, settings: SettingsDep) -> list[MeetingPass]:
    """The pass of every participant of a meeting (its organisers only)."""
    with store.read() as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None or meeting.deleted or not access.sees(session, user, meeting):
            raise NotFound("Không tìm thấy cuộc họp.", "Meeting not found.")
        if not access.organises(session, user, meeting):
            raise PermissionDenied(
                "Chỉ người tổ chức cuộc họp mới lấy được mã QR điểm danh.",
                "Only the meeting's organisers may get its check-in codes.",
            )
        people = session.execute(
            select(Participant.id, Participant.user_id).where(
                Participant.meeting_id == meeting_id, Participant.deleted.is_(False)
            ).order_by(Participant.id)
        ).all()
    key = server_key(settings.data_dir)
    return [
        MeetingPass(participant_id=pid, user_id=uid, token=passes.issue_pass(key, meeting_id, uid))
        for pid, uid in people
    ]


register_router(router)
