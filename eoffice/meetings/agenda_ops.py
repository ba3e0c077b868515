"""The agenda, documents, comments, private notes and read receipts as operations: how
each kind of ``meetings.operations`` applies, what the server checks before, what a
rejection undoes on the client, how it reads in both languages.

Files: an operation names a PDF by ``FileRef``; the server's generic check
(``sync.blobaccess.check_named``) makes sure its pusher uploaded those bytes (or may read
them) and that the declared page count is the one it measured, and the domain refuses a
file of no pages (not a PDF, or damaged). So no bytes need a further proof here.

Access changes need the server's authority: on a client ``SetDocumentAccess`` changes
nothing (``local_effect=False``); with authority it re-versions the document's versions,
so that people newly allowed to read it receive them.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from eoffice.directory.models import User
from eoffice.documents.permissions import check_names
from eoffice.errors import PermissionDenied
from eoffice.meetings import access, agenda, comments, meeting_files, notes, receipts
from eoffice.meetings import operations as mo
from eoffice.meetings.models import (
    AgendaItem,
    Meeting,
    MeetingComment,
    MeetingDocument,
    MeetingDocumentVersion,
    PrivateNote,
    ReadReceipt,
)
from eoffice.meetings.organising import document_of, not_organiser, not_reader
from eoffice.meetings.values import moment
from eoffice.ops.operation import AppliedResult, Operation
from eoffice.ops.registry import register
from eoffice.ops.values import FileRef, Id
from eoffice.store.base import new_id, utcnow

ITEMS = AgendaItem.__tablename__
DOCUMENTS = MeetingDocument.__tablename__
VERSIONS = MeetingDocumentVersion.__tablename__
COMMENTS = MeetingComment.__tablename__
NOTES = PrivateNote.__tablename__
RECEIPTS = ReadReceipt.__tablename__


def _fields(op: mo.ItemValues) -> agenda.ItemFields:
    return agenda.ItemFields(op.title, op.presenter_id, op.presenter_unit_id, op.planned_minutes, op.decision,
                             op.vote_rule)


def _access(op: mo.AccessValues) -> meeting_files.Access:
    release = moment(op.release_at, "release_at") if op.release_at else None
    return meeting_files.Access(op.audience, tuple(op.readers), release)


# --------------------------------------------------------------------------- applying


def _add_item(session: Session, actor_id: str, op: mo.AddAgendaItem, authority: bool) -> AppliedResult:
    item = agenda.add_item(session, actor_id, op.item_id, op.meeting_id, op.sitting_id, _fields(op),
                           op.parent_id, op.position)
    return AppliedResult(op.kind, {"item_id": item.id, "position": item.position})


def _update_item(session: Session, actor_id: str, op: mo.UpdateAgendaItem, authority: bool) -> AppliedResult:
    item = agenda.update_item(session, actor_id, op.item_id, _fields(op))
    return AppliedResult(op.kind, {"item_id": item.id})


def _move_item(session: Session, actor_id: str, op: mo.MoveAgendaItem, authority: bool) -> AppliedResult:
    item = agenda.move_item(session, actor_id, op.item_id, op.parent_id, op.position, op.sitting_id)
    return AppliedResult(op.kind, {"item_id": item.id, "position": item.position, "parent_id": item.parent_id})


def _remove_item(session: Session, actor_id: str, op: mo.RemoveAgendaItem, authority: bool) -> AppliedResult:
    return AppliedResult(op.kind, {"item_ids": agenda.remove_item(session, actor_id, op.item_id)})


def _add_document(session: Session, actor_id: str, op: mo.AddMeetingDocument, authority: bool) -> AppliedResult:
    doc = meeting_files.add_document(
        session, actor_id, op.document_id, op.version_id, op.meeting_id, op.item_id, op.title, op.file,
        _access(op), op.source_document_id,
    )
    return AppliedResult(op.kind, {"document_id": doc.id, "version": doc.version})


def _replace_document(
    session: Session, actor_id: str, op: mo.ReplaceMeetingDocument, authority: bool
) -> AppliedResult:
    row = meeting_files.replace_document(session, actor_id, op.document_id, op.version_id, op.file)
    return AppliedResult(op.kind, {"document_id": op.document_id, "version": row.version})


def _reversion_versions(session: Session, document_id: str) -> None:
    """With authority: the document's versions and comments take this transaction's
    version, so that a reader newly in its audience pulls them (their rows did not change)."""
    from eoffice.sync.versioning import reserve_version

    version = reserve_version(session)
    for model in (MeetingDocumentVersion, MeetingComment):
        session.execute(
            update(model).where(model.meeting_document_id == document_id).values(server_version=version)
            .execution_options(synchronize_session=False)
        )


def _set_access(session: Session, actor_id: str, op: mo.SetDocumentAccess, authority: bool) -> AppliedResult:
    if not authority:
        document_of(session, op.document_id)  # NotFound at once rather than on the server
        return AppliedResult(op.kind, {"document_id": op.document_id, "pending": True})
    doc = meeting_files.set_access(session, actor_id, op.document_id, _access(op))
    _reversion_versions(session, doc.id)
    return AppliedResult(op.kind, {"document_id": doc.id, "audience": doc.audience})


def _remove_document(
    session: Session, actor_id: str, op: mo.RemoveMeetingDocument, authority: bool
) -> AppliedResult:
    doc = meeting_files.remove_document(session, actor_id, op.document_id)
    return AppliedResult(op.kind, {"document_id": doc.id})


def _comment(session: Session, actor_id: str, op: mo.CommentDocument, authority: bool) -> AppliedResult:
    row = comments.add_comment(session, actor_id, op.comment_id, op.document_id, op.text, op.page, utcnow())
    return AppliedResult(op.kind, {"comment_id": row.id})


def _add_note(session: Session, actor_id: str, op: mo.AddNote, authority: bool) -> AppliedResult:
    note = notes.add_note(session, actor_id, op.note_id, op.document_id, op.version, op.page, op.note_kind,
                          op.shape, op.text, op.color)
    return AppliedResult(op.kind, {"note_id": note.id})


def _update_note(session: Session, actor_id: str, op: mo.UpdateNote, authority: bool) -> AppliedResult:
    note = notes.update_note(session, actor_id, op.note_id, op.shape, op.text, op.color)
    return AppliedResult(op.kind, {"note_id": note.id})


def _delete_note(session: Session, actor_id: str, op: mo.DeleteNote, authority: bool) -> AppliedResult:
    note = notes.delete_note(session, actor_id, op.note_id)
    return AppliedResult(op.kind, {"note_id": note.id})


def _record_read(session: Session, actor_id: str, op: mo.RecordRead, authority: bool) -> AppliedResult:
    row = receipts.record_read(session, actor_id, op.document_id, op.version, moment(op.opened_at, "opened_at"),
                               utcnow())
    return AppliedResult(op.kind, {"receipt_id": row.id})


# --------------------------------------------------------------------------- the server's check


def _organises(session: Session, actor: User, meeting_id: str | None) -> None:
    meeting = session.get(Meeting, meeting_id) if meeting_id else None
    if meeting is not None and not access.organises(session, actor, meeting):
        raise not_organiser()


def _item_meeting(session: Session, item_id: str) -> str | None:
    item = session.get(AgendaItem, item_id)
    return item.meeting_id if item is not None else None


def _document(session: Session, document_id: str) -> MeetingDocument | None:
    return session.get(MeetingDocument, document_id)


def _check_add_item(session: Session, actor: User, op: mo.AddAgendaItem) -> None:
    _organises(session, actor, op.meeting_id)


def _check_item(session: Session, actor: User, op: Any) -> None:
    _organises(session, actor, _item_meeting(session, op.item_id))


def _check_add_document(session: Session, actor: User, op: mo.AddMeetingDocument) -> None:
    _organises(session, actor, op.meeting_id)
    if op.source_document_id is not None:
        check_names(session, actor, documents=[op.source_document_id])


def _check_document(session: Session, actor: User, op: Any) -> None:
    doc = _document(session, op.document_id)
    _organises(session, actor, doc.meeting_id if doc is not None else None)


def _check_replace(session: Session, actor: User, op: mo.ReplaceMeetingDocument) -> None:
    doc = _document(session, op.document_id)
    if doc is None:
        return
    item = session.get(AgendaItem, doc.item_id)
    if item is None or item.presenter_id != actor.id:
        _organises(session, actor, doc.meeting_id)


def _check_reader(session: Session, actor: User, op: Any) -> None:
    """Comments, notes and receipts only on a document the actor may read now."""
    doc = _document(session, op.document_id)
    if doc is not None and not access.reads(session, actor, doc, utcnow()):
        raise not_reader()


def _not_yours() -> PermissionDenied:
    return PermissionDenied("Ghi chú riêng chỉ do chính người viết sửa hoặc xóa.",
                            "A private note is changed only by its owner.")


def _check_own_note(session: Session, actor: User, op: Any) -> None:
    note = session.get(PrivateNote, op.note_id)
    if note is not None and note.user_id != actor.id:
        raise _not_yours()


def _check_add_note(session: Session, actor: User, op: mo.AddNote) -> None:
    _check_own_note(session, actor, op)
    _check_reader(session, actor, op)


# --------------------------------------------------------------------------- a rejection, on the client


def _delete_unsynced(session: Session, made: list[tuple[type[Any], str]]) -> None:
    """Delete the rows a rejected op made that the server never had (no server version)."""
    for model, row_id in made:
        row = session.get(model, row_id)
        if row is not None and row.server_version is None:
            session.delete(row)
    session.flush()


def _discard_item(session: Session, op: mo.AddAgendaItem) -> None:
    _delete_unsynced(session, [(AgendaItem, op.item_id)])


def _discard_document(session: Session, op: mo.AddMeetingDocument) -> None:
    _delete_unsynced(session, [(MeetingDocumentVersion, op.version_id), (MeetingDocument, op.document_id)])


def _discard_version(session: Session, op: mo.ReplaceMeetingDocument) -> None:
    _delete_unsynced(session, [(MeetingDocumentVersion, op.version_id)])
    doc = session.get(MeetingDocument, op.document_id)
    if doc is not None:
        kept = [v.version for v in meeting_files.versions_of(session, doc.id)]
        doc.version = max(kept, default=1)
        session.flush()


def _discard_comment(session: Session, op: mo.CommentDocument) -> None:
    _delete_unsynced(session, [(MeetingComment, op.comment_id)])


def _discard_note(session: Session, op: mo.AddNote) -> None:
    _delete_unsynced(session, [(PrivateNote, op.note_id)])


def _discard_receipt(session: Session, op: mo.RecordRead) -> None:
    """The unsynced receipt of the document (a desk makes only its own user's)."""
    ids = session.scalars(select(ReadReceipt.id).where(ReadReceipt.meeting_document_id == op.document_id))
    _delete_unsynced(session, [(ReadReceipt, i) for i in ids])


def _discard_nothing(session: Session, op: Operation) -> None:
    session.flush()


# --------------------------------------------------------------------------- registration


def _id() -> Id:
    return Id(new_id())


def _file() -> FileRef:
    return FileRef("a" * 64, "to-trinh.pdf", 120_000, 3, "Tờ trình")


_AT = "2026-12-07T08:00:00+07:00"

register(
    mo.AddAgendaItem, apply=_add_item, check=_check_add_item, discard=_discard_item,
    label_vi="Thêm nội dung chương trình họp", label_en="Add agenda item", tables=(ITEMS,),
    example=lambda: mo.AddAgendaItem(
        op_id=_id(), item_id=_id(), meeting_id=_id(), sitting_id=_id(), parent_id=_id(), position=2,
        title="Tờ trình dự thảo Nghị quyết", presenter_id=_id(), presenter_unit_id=_id(), planned_minutes=20,
        decision="vote", vote_rule="majority",
    ),
)
register(
    mo.UpdateAgendaItem, apply=_update_item, check=_check_item, discard=_discard_nothing,
    label_vi="Sửa nội dung chương trình họp", label_en="Edit agenda item", tables=(ITEMS,),
    example=lambda: mo.UpdateAgendaItem(op_id=_id(), item_id=_id(), title="Báo cáo tình hình kinh tế - xã hội",
                                        planned_minutes=30, decision="discussion"),
)
register(
    mo.MoveAgendaItem, apply=_move_item, check=_check_item, discard=_discard_nothing,
    label_vi="Sắp xếp chương trình họp", label_en="Move agenda item", tables=(ITEMS,),
    example=lambda: mo.MoveAgendaItem(_id(), _id(), _id(), 0, _id()),
)
register(
    mo.RemoveAgendaItem, apply=_remove_item, check=_check_item, discard=_discard_nothing,
    label_vi="Bỏ nội dung khỏi chương trình họp", label_en="Remove agenda item", tables=(ITEMS, DOCUMENTS),
    example=lambda: mo.RemoveAgendaItem(_id(), _id()),
)
register(
    mo.AddMeetingDocument, apply=_add_document, check=_check_add_document, discard=_discard_document,
    label_vi="Thêm tài liệu họp", label_en="Add meeting document", tables=(DOCUMENTS, VERSIONS),
    example=lambda: mo.AddMeetingDocument(
        op_id=_id(), document_id=_id(), version_id=_id(), meeting_id=_id(), item_id=_id(),
        title="Dự thảo Nghị quyết", file=_file(), source_document_id=_id(), audience="named",
        readers=(_id(), _id()), release_at=_AT,
    ),
)
register(
    mo.ReplaceMeetingDocument, apply=_replace_document, check=_check_replace, discard=_discard_version,
    label_vi="Cập nhật tài liệu họp", label_en="Replace meeting document", tables=(DOCUMENTS, VERSIONS),
    example=lambda: mo.ReplaceMeetingDocument(_id(), _id(), _id(), _file()),
)
register(
    mo.SetDocumentAccess, apply=_set_access, check=_check_document, discard=_discard_nothing,
    local_effect=False,
    label_vi="Phân quyền đọc tài liệu họp", label_en="Set who reads a meeting document",
    tables=(DOCUMENTS, VERSIONS, COMMENTS),
    example=lambda: mo.SetDocumentAccess(op_id=_id(), document_id=_id(), audience="voting", release_at=_AT),
)
register(
    mo.RemoveMeetingDocument, apply=_remove_document, check=_check_document, discard=_discard_nothing,
    label_vi="Bỏ tài liệu họp", label_en="Remove meeting document", tables=(DOCUMENTS,),
    example=lambda: mo.RemoveMeetingDocument(_id(), _id()),
)
register(
    mo.CommentDocument, apply=_comment, check=_check_reader, discard=_discard_comment,
    label_vi="Góp ý dự thảo", label_en="Comment on a draft", tables=(COMMENTS,),
    example=lambda: mo.CommentDocument(_id(), _id(), _id(), "Đề nghị bổ sung số liệu năm 2025", 2),
)
register(
    mo.AddNote, apply=_add_note, check=_check_add_note, discard=_discard_note,
    label_vi="Ghi chú riêng trên tài liệu", label_en="Add a private note", tables=(NOTES,),
    example=lambda: mo.AddNote(_id(), _id(), _id(), 1, 2, "highlight", '{"rects":[[72,700,300,714]]}',
                               "Xem lại số liệu", "#ffeb3b"),
)
register(
    mo.UpdateNote, apply=_update_note, check=_check_own_note, discard=_discard_nothing,
    label_vi="Sửa ghi chú riêng", label_en="Edit a private note", tables=(NOTES,),
    example=lambda: mo.UpdateNote(_id(), _id(), '{"at":[72,700]}', "Hỏi Sở Tài chính", "#ff0000"),
)
register(
    mo.DeleteNote, apply=_delete_note, check=_check_own_note, discard=_discard_nothing,
    label_vi="Xóa ghi chú riêng", label_en="Delete a private note", tables=(NOTES,),
    example=lambda: mo.DeleteNote(_id(), _id()),
)
register(
    mo.RecordRead, apply=_record_read, check=_check_reader, discard=_discard_receipt,
    label_vi="Đã mở tài liệu họp", label_en="Opened a meeting document", tables=(RECEIPTS,),
    example=lambda: mo.RecordRead(_id(), _id(), 1, _AT),
)

#: The kinds this module applies (the tests try every one).
KINDS = (
    mo.AddAgendaItem, mo.UpdateAgendaItem, mo.MoveAgendaItem, mo.RemoveAgendaItem, mo.AddMeetingDocument,
    mo.ReplaceMeetingDocument, mo.SetDocumentAccess, mo.RemoveMeetingDocument, mo.CommentDocument, mo.AddNote,
    mo.UpdateNote, mo.DeleteNote, mo.RecordRead,
)
