"""The invitation's operation and its effect: ``meeting_link_invitation`` names a GM draft
on its meeting; when that document is issued ("Đã ban hành"), the meeting becomes
scheduled.

The documents capability never names meetings: the meetings react to its ``issue`` (a
document signed on paper is issued when numbered) and ``sign_file`` (a digitally signed
one is issued by the agency's seal) through ``ops.registry.on_applied``, with authority
only (the server, or a standalone desk): a client offline shows the meeting as it was
until the server's row arrives. On the server each participant (and a named substitute)
is then told on the live channel (``meeting.scheduled``); the reaction hands the meetings
it scheduled to that rule through the session (``_SCHEDULED``), keyed by the operation.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.audit.chain import record
from eoffice.directory.access import load_actor
from eoffice.directory.models import User
from eoffice.documents.models import Document
from eoffice.documents.permissions import check_names
from eoffice.documents.types import Direction, DocState
from eoffice.errors import PermissionDenied, StateError, ValidationError
from eoffice.meetings import access
from eoffice.meetings.invitation import TYPE_NAME
from eoffice.meetings.meetings import reveal
from eoffice.meetings.models import Meeting, MeetingState, Participant
from eoffice.meetings.operations import LinkInvitation
from eoffice.meetings.organising import meeting_of
from eoffice.ops.changes import Changes
from eoffice.ops.operation import AppliedResult, Operation
from eoffice.ops.registry import on_applied, register
from eoffice.ops.values import Id
from eoffice.server.events import Telling, on_operation, person
from eoffice.store.base import new_id

MEETINGS = Meeting.__tablename__
#: The live event a participant gets when the invitation is issued.
MEETING_SCHEDULED = "meeting.scheduled"
#: ``session.info`` key: op_id → ids of the meetings that operation scheduled.
_SCHEDULED = "eoffice.meetings.scheduled"
#: A meeting whose invitation may still be (re)made and whose issuing schedules it.
_BEFORE_INVITING = (MeetingState.DRAFT.value, MeetingState.POSTPONED.value)


def _denied() -> PermissionDenied:
    return PermissionDenied(
        "Chỉ người tổ chức cuộc họp mới được làm giấy mời.", "Only the meeting's organisers may make its invitation."
    )


def link_invitation(session: Session, actor_id: str, meeting_id: str, document_id: str) -> Meeting:
    """Name the outgoing GM draft ``document_id`` as the meeting's invitation (an organiser,
    before the meeting is scheduled; a new draft replaces an earlier one)."""
    actor = load_actor(session, actor_id)
    meeting = meeting_of(session, meeting_id)
    if not access.organises(session, actor, meeting):
        raise _denied()
    if meeting.state not in _BEFORE_INVITING:
        raise StateError(
            "Cuộc họp đã có giấy mời được ban hành.", "The meeting's invitation was already issued."
        )
    doc = session.get(Document, document_id)
    if (
        doc is None or doc.deleted or doc.direction != Direction.OUTGOING.value
        or doc.type_name != TYPE_NAME or doc.organisation_id != meeting.organisation_id
    ):
        raise ValidationError(
            "Giấy mời phải là một văn bản đi loại Giấy mời của cơ quan tổ chức cuộc họp.",
            "The invitation must be an outgoing document of type Giấy mời of the organising organisation.",
            field="document_id",
        )
    before = {"invitation_document_id": meeting.invitation_document_id}
    meeting.invitation_document_id = doc.id
    session.flush()
    record(
        session, actor_id=actor.id, action="meeting.link_invitation", target_type="meeting", target_id=meeting.id,
        before=before, after={"invitation_document_id": doc.id},
    )
    return meeting


def _apply_link(session: Session, actor_id: str, op: LinkInvitation, authority: bool) -> AppliedResult:
    meeting = link_invitation(session, actor_id, op.meeting_id, op.document_id)
    return AppliedResult(op.kind, {"meeting_id": meeting.id, "document_id": op.document_id})


def _check_link(session: Session, actor: User, op: LinkInvitation) -> None:
    meeting = session.get(Meeting, op.meeting_id)
    if meeting is not None and not access.sees(session, actor, meeting):
        raise _denied()
    check_names(session, actor, documents=[op.document_id])


def _discard_link(session: Session, op: Operation) -> None:
    """A refused link leaves the meeting as the server has it: without this draft."""
    assert isinstance(op, LinkInvitation)
    meeting = session.get(Meeting, op.meeting_id)
    if meeting is not None and meeting.invitation_document_id == op.document_id:
        meeting.invitation_document_id = None


def schedule_invited(session: Session, actor_id: str, document_id: str) -> list[Meeting]:
    """The meetings whose invitation ``document_id`` is, made scheduled (it was just issued)."""
    meetings = session.scalars(
        select(Meeting).where(
            Meeting.invitation_document_id == document_id,
            Meeting.deleted.is_(False),
            Meeting.state.in_(_BEFORE_INVITING),
        )
    ).all()
    for meeting in meetings:
        before = {"state": meeting.state, "state_reason": meeting.state_reason}
        meeting.state = MeetingState.SCHEDULED.value
        meeting.state_reason = ""
        reveal(session, meeting)  # its participants receive it now, with every row on it
        record(
            session, actor_id=actor_id, action="meeting.scheduled", target_type="meeting", target_id=meeting.id,
            before=before, after={"state": meeting.state, "invitation_document_id": document_id},
        )
    return list(meetings)


@on_applied("issue", "sign_file")
def _after_issuing(
    session: Session, actor_id: str, op: Operation, result: AppliedResult, authority: bool
) -> Changes | None:
    """An issued invitation schedules its meeting (with authority only). Of the signatures,
    only the agency's seal issues a document: a later stamp on an attachment of an issued
    invitation must not schedule a meeting postponed since."""
    if not authority or result.data.get("state") != DocState.ISSUED.value:
        return None
    if op.kind == "sign_file" and getattr(op, "signature", "") != "agency":
        return None
    document_id = result.data.get("document_id")
    scheduled = schedule_invited(session, actor_id, str(document_id)) if document_id else []
    if not scheduled:
        return None
    session.info.setdefault(_SCHEDULED, {})[op.op_id] = [m.id for m in scheduled]
    return Changes.of(MEETINGS)


@on_operation("issue", "sign_file")
def _tell_participants(telling: Telling, op: Any, result: Any) -> None:
    """Each participant of a meeting this operation scheduled hears of it, live."""
    for meeting_id in telling.session.info.get(_SCHEDULED, {}).pop(op.op_id, []):
        meeting = telling.session.get(Meeting, meeting_id)
        if meeting is None:
            continue
        people = telling.session.execute(
            select(Participant.user_id, Participant.substitute_id).where(
                Participant.meeting_id == meeting_id, Participant.deleted.is_(False)
            )
        ).all()
        payload = {
            "meeting_id": meeting.id, "title": meeting.title, "starts_at": meeting.starts_at.isoformat(),
            "invitation_document_id": meeting.invitation_document_id,
        }
        for user_id in sorted({uid for row in people for uid in row if uid}):
            telling.tell(MEETING_SCHEDULED, payload, to=person(user_id), about=None)


register(
    LinkInvitation, apply=_apply_link, check=_check_link, discard=_discard_link,
    label_vi="Gắn giấy mời vào cuộc họp", label_en="Link the invitation to the meeting", tables=(MEETINGS,),
    example=lambda: LinkInvitation(Id(new_id()), Id(new_id()), Id(new_id())),
)
