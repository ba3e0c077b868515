"""What the agenda, documents, comments, notes and receipts share: finding a meeting's
rows for someone who may act on them, and reading the times operations carry.

Times are read with ``meetings.values`` (``moment``, ``aware``).
"""

from __future__ import annotations


from sqlalchemy.orm import Session

from eoffice.directory.access import load_actor
from eoffice.directory.models import User
from eoffice.errors import NotFound, PermissionDenied, StateError
from eoffice.meetings import access
from eoffice.meetings.models import AgendaItem, Meeting, MeetingDocument, MeetingState

#: States in which a meeting's agenda and documents no longer change.
_FINISHED = (MeetingState.CLOSED.value, MeetingState.ARCHIVED.value, MeetingState.CANCELLED.value)


def meeting_of(session: Session, meeting_id: str) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.deleted:
        raise NotFound("Không tìm thấy cuộc họp.", "Meeting not found.")
    return meeting


def not_organiser() -> PermissionDenied:
    return PermissionDenied(
        "Chỉ người tổ chức cuộc họp (chủ trì, thư ký, văn phòng) mới được làm việc này.",
        "Only the meeting's organisers (chair, secretary, office) may do this.",
    )


def organiser(session: Session, actor_id: str, meeting_id: str) -> tuple[User, Meeting]:
    """The actor and the meeting they organise; NotFound or PermissionDenied otherwise."""
    actor = load_actor(session, actor_id)
    meeting = meeting_of(session, meeting_id)
    if not access.organises(session, actor, meeting):
        raise not_organiser()
    return actor, meeting


def still_open(meeting: Meeting) -> None:
    """A finished (closed, archived or cancelled) meeting's agenda and documents stay as they were."""
    if meeting.state in _FINISHED:
        raise StateError(
            "Cuộc họp đã kết thúc hoặc đã hủy; không sửa được chương trình và tài liệu.",
            "The meeting is over or cancelled; its agenda and documents no longer change.",
        )


def item_of(session: Session, item_id: str) -> AgendaItem:
    item = session.get(AgendaItem, item_id)
    if item is None or item.deleted:
        raise NotFound("Không tìm thấy nội dung trong chương trình họp.", "Agenda item not found.")
    return item


def document_of(session: Session, document_id: str) -> MeetingDocument:
    doc = session.get(MeetingDocument, document_id)
    if doc is None or doc.deleted:
        raise NotFound("Không tìm thấy tài liệu họp.", "Meeting document not found.")
    return doc


def not_reader() -> PermissionDenied:
    return PermissionDenied(
        "Bạn không được đọc tài liệu họp này (hoặc tài liệu chưa đến giờ phát hành).",
        "You may not read this meeting document (or it is not released yet).",
    )
