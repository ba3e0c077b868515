"""The minutes as operations: writing a part (autosaved, offline too) and naming the
outgoing drafts made from them (the minutes, type BB; the conclusions notice, type TB)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from eoffice.audit.chain import record
from eoffice.directory.access import load_actor
from eoffice.directory.models import User
from eoffice.documents.models import Document
from eoffice.documents.types import Direction
from eoffice.documents.permissions import check_names
from eoffice.errors import ValidationError
from eoffice.meetings import access
from eoffice.meetings.minutes import texts
from eoffice.meetings.minutes.models import MinutesText
from eoffice.meetings.models import Meeting
from eoffice.meetings.operations import LinkMinutes, WriteMinutes
from eoffice.meetings.organising import meeting_of
from eoffice.ops.operation import AppliedResult
from eoffice.ops.registry import register
from eoffice.ops.values import Id
from eoffice.store.base import new_id

TEXTS = MinutesText.__tablename__
MEETINGS = Meeting.__tablename__
#: What each paper is, as a document type: its field on the meeting and its type's name.
PAPERS: dict[str, tuple[str, str]] = {
    "minutes": ("minutes_document_id", "Biên bản"),
    "conclusions": ("conclusions_document_id", "Thông báo"),
}


def link_paper(session: Session, actor_id: str, meeting_id: str, document_id: str, paper: str) -> Meeting:
    """Name ``document_id`` as the meeting's minutes or conclusions (a new draft replaces
    an earlier one, say after the secretary rewrote the minutes)."""
    if paper not in PAPERS:
        raise ValidationError("Loại văn bản của cuộc họp không hợp lệ.", "Unknown paper.", field="paper")
    field, type_name = PAPERS[paper]
    actor = load_actor(session, actor_id)
    meeting = meeting_of(session, meeting_id)
    if not access.organises(session, actor, meeting):
        raise texts.denied()
    doc = session.get(Document, document_id)
    if (
        doc is None or doc.deleted or doc.direction != Direction.OUTGOING.value
        or doc.type_name != type_name or doc.organisation_id != meeting.organisation_id
    ):
        raise ValidationError(
            f"Văn bản phải là một văn bản đi loại {type_name} của cơ quan tổ chức cuộc họp.",
            f"The document must be an outgoing {type_name} of the organising organisation.",
            field="document_id",
        )
    before = {field: getattr(meeting, field)}
    setattr(meeting, field, doc.id)
    session.flush()
    record(session, actor_id=actor.id, action=f"meeting.link_{paper}", target_type="meeting",
           target_id=meeting.id, before=before, after={field: doc.id})
    return meeting


def _id() -> Id:
    return Id(new_id())


def _write(session: Session, actor_id: str, op: WriteMinutes, authority: bool) -> AppliedResult:
    row = texts.write_text(session, actor_id, op.meeting_id, op.part, op.text)
    return AppliedResult(op.kind, {"text_id": row.id})


def _link(session: Session, actor_id: str, op: LinkMinutes, authority: bool) -> AppliedResult:
    meeting = link_paper(session, actor_id, op.meeting_id, op.document_id, op.paper)
    return AppliedResult(op.kind, {"meeting_id": meeting.id, "document_id": op.document_id})


def _check_write(session: Session, actor: User, op: WriteMinutes) -> None:
    texts.check_part(op.part)
    meeting = session.get(Meeting, op.meeting_id)
    if meeting is not None and not access.organises(session, actor, meeting):
        raise texts.denied()


def _check_link(session: Session, actor: User, op: LinkMinutes) -> None:
    meeting = session.get(Meeting, op.meeting_id)
    if meeting is not None and not access.organises(session, actor, meeting):
        raise texts.denied()
    check_names(session, actor, documents=[op.document_id])


def _discard_write(session: Session, op: Any) -> None:
    """A refused write leaves the part as the server has it (a row it never had goes)."""
    row = session.get(MinutesText, texts.text_id(op.meeting_id, op.part))
    if row is not None and row.server_version is None:
        session.delete(row)
    session.flush()


def _discard_link(session: Session, op: Any) -> None:
    meeting = session.get(Meeting, op.meeting_id)
    field = PAPERS.get(op.paper, ("", ""))[0]
    if meeting is not None and field and getattr(meeting, field) == op.document_id:
        setattr(meeting, field, None)


register(
    WriteMinutes, apply=_write, check=_check_write, discard=_discard_write,
    label_vi="Viết biên bản cuộc họp", label_en="Write the meeting's minutes", tables=(TEXTS,),
    example=lambda: WriteMinutes(_id(), _id(), f"item:{new_id()}:conclusion",
                                 "Thống nhất thông qua Tờ trình số 12/TTr-SKHĐT."),
)
register(
    LinkMinutes, apply=_link, check=_check_link, discard=_discard_link,
    label_vi="Gắn dự thảo biên bản, thông báo kết luận vào cuộc họp",
    label_en="Link the minutes' or conclusions' draft to the meeting", tables=(MEETINGS,),
    example=lambda: LinkMinutes(_id(), _id(), _id(), "minutes"),
)
