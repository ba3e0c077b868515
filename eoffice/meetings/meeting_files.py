"""A meeting's documents (tài liệu họp): PDFs per agenda item, every version kept, each
with who may read it and from when.

A file comes from disk (checked as a usable PDF by ``prepare_pdf`` before anything is
stored: a non-PDF, a damaged or an encrypted file is refused with a clear message) or
from a document already in the registers (its main file is referenced, not copied: the
blob store keeps one copy of a digest). Replacing a file adds a version; the old one
stays for those who annotated it. Access (audience, named readers, release time) is
changed only with the server's authority: a client offline cannot grant itself a read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice.audit.chain import record
from eoffice.documents.incoming import prepare_files
from eoffice.documents.models import Document, DocumentFile
from eoffice.documents.visibility import visible_documents
from eoffice.errors import InvalidFileError, NotFound, PermissionDenied, ValidationError
from eoffice.meetings import access
from eoffice.meetings.models import (
    AgendaItem,
    Audience,
    Meeting,
    MeetingDocument,
    MeetingDocumentVersion,
    Participant,
)
from eoffice.meetings.organising import document_of, item_of, meeting_of, not_reader, organiser, still_open
from eoffice.meetings.values import aware
from eoffice.ops.values import FileRef
from eoffice.store.blobs import BlobStore


@dataclass(frozen=True)
class Access:
    """Who may read a document (besides organisers and the presenter) and from when."""

    audience: str = Audience.ALL.value
    readers: tuple[str, ...] = ()
    release_at: datetime | None = None


def prepare_pdf(path: Path, blobs: BlobStore) -> FileRef:
    """Check ``path`` is a usable PDF and put it in the blob store; its reference.

    Outside any transaction (parsing a large PDF takes a moment); raises InvalidFileError
    before storing anything.
    """
    [prepared] = prepare_files([Path(path)], blobs)
    return FileRef(prepared.digest, prepared.filename, prepared.size, prepared.page_count, prepared.text)


def register_file(session: Session, actor_id: str, source_document_id: str) -> FileRef:
    """The main file of a document in the registers the actor may see, as a reference."""
    from eoffice.directory.access import load_actor

    actor = load_actor(session, actor_id)
    found = session.scalars(
        select(DocumentFile).join(Document, Document.id == DocumentFile.document_id)
        .where(Document.id == source_document_id, Document.deleted.is_(False), visible_documents(actor, session))
        .order_by(DocumentFile.is_main.desc(), DocumentFile.position)
    ).first()
    if found is None:
        raise NotFound("Không tìm thấy văn bản trong sổ (hoặc bạn không được xem).",
                       "Document not found in the registers (or not visible to you).")
    return FileRef(found.digest, found.filename, found.size, found.page_count)


def _check_file(file: FileRef) -> None:
    """A file must be a PDF with pages (the server measured its pages on upload and the
    reference must agree: ``sync.blobaccess.check_named``)."""
    if file.page_count < 1:
        raise InvalidFileError(
            f"Tệp “{file.filename}” không phải là tệp PDF hoặc bị hỏng, không dùng làm tài liệu họp được.",
            f"{file.filename} is not a PDF or is damaged; it cannot be a meeting document.",
        )


def _check_source(session: Session, actor_id: str, source_document_id: str, file: FileRef) -> None:
    """A document from the registers: one the actor may see, and the file one of its own."""
    from eoffice.directory.access import load_actor

    actor = load_actor(session, actor_id)
    visible = session.scalar(
        select(func.count()).select_from(Document)
        .where(Document.id == source_document_id, Document.deleted.is_(False), visible_documents(actor, session))
    )
    if not visible:
        raise PermissionDenied("Bạn không được xem văn bản này trong sổ.",
                               "You may not see that document in the registers.")
    own = session.scalar(
        select(func.count()).select_from(DocumentFile)
        .where(DocumentFile.document_id == source_document_id, DocumentFile.digest == file.digest)
    )
    if not own:
        raise ValidationError("Tệp không thuộc văn bản được chọn trong sổ.",
                              "The file is not one of the chosen document's files.", field="file")


def check_access(session: Session, meeting: Meeting, wanted: Access) -> Access:
    """Audience known; named readers are the meeting's participants; released before the meeting ends."""
    try:
        audience = Audience(wanted.audience)
    except ValueError:
        raise ValidationError("Phạm vi người đọc không hợp lệ.", "Unknown audience.", field="audience") from None
    readers = tuple(dict.fromkeys(wanted.readers))
    if audience is Audience.NAMED:
        if not readers:
            raise ValidationError("Hãy chọn ít nhất một người được đọc tài liệu.",
                                  "Name at least one reader.", field="readers")
        known = set(session.scalars(
            select(Participant.user_id).where(
                Participant.meeting_id == meeting.id, Participant.deleted.is_(False),
                Participant.user_id.in_(readers),
            )
        )) | set(session.scalars(
            select(Participant.substitute_id).where(
                Participant.meeting_id == meeting.id, Participant.deleted.is_(False),
                Participant.substitute_id.in_(readers),
            )
        ))
        if set(readers) - known:
            raise ValidationError("Người được đọc tài liệu phải là người dự họp.",
                                  "Named readers must be the meeting's participants.", field="readers")
    else:
        readers = ()
    release = wanted.release_at
    if release is not None and release > aware(meeting.ends_at):
        raise ValidationError(
            "Thời điểm phát hành tài liệu không được sau khi cuộc họp kết thúc.",
            "A document cannot be released after the meeting ends.", field="release_at",
        )
    return Access(audience.value, readers, release)


def _version(session: Session, doc: MeetingDocument, version_id: str, number: int, file: FileRef,
             actor_id: str) -> MeetingDocumentVersion:
    if session.get(MeetingDocumentVersion, version_id) is not None:
        raise ValidationError("Phiên bản tài liệu này đã có.", "That document version already exists.")
    row = MeetingDocumentVersion(
        id=version_id, meeting_id=doc.meeting_id, meeting_document_id=doc.id, version=number,
        filename=file.filename, digest=file.digest, size=file.size, page_count=file.page_count, added_by=actor_id,
    )
    session.add(row)
    return row


def _snapshot(doc: MeetingDocument) -> dict[str, object]:
    return {
        "item_id": doc.item_id, "title": doc.title, "audience": doc.audience, "readers": json.loads(doc.readers),
        "release_at": aware(doc.release_at).isoformat() if doc.release_at else None, "version": doc.version,
        "source_document_id": doc.source_document_id, "deleted": doc.deleted,
    }


def _audit(session: Session, actor_id: str, action: str, doc: MeetingDocument,
           before: dict[str, object] | None, **extra: object) -> None:
    record(session, actor_id=actor_id, action=f"meeting.{action}", target_type="meeting_document",
           target_id=doc.id, before=before, after={**_snapshot(doc), **extra})


def add_document(
    session: Session, actor_id: str, document_id: str, version_id: str, meeting_id: str, item_id: str,
    title: str, file: FileRef, wanted: Access, source_document_id: str | None = None,
) -> MeetingDocument:
    """A document of an agenda item, its file as version 1."""
    _, meeting = organiser(session, actor_id, meeting_id)
    still_open(meeting)
    item = item_of(session, item_id)
    if item.meeting_id != meeting.id:
        raise ValidationError("Nội dung này không thuộc cuộc họp.", "That item belongs to another meeting.",
                              field="item_id")
    if session.get(MeetingDocument, document_id) is not None:
        raise ValidationError("Tài liệu này đã có trong cuộc họp.", "That meeting document already exists.")
    if not title.strip():
        raise ValidationError("Hãy nhập tên tài liệu.", "The document needs a title.", field="title")
    _check_file(file)
    if source_document_id is not None:
        _check_source(session, actor_id, source_document_id, file)
    allowed = check_access(session, meeting, wanted)
    position = session.scalar(
        select(func.count()).select_from(MeetingDocument)
        .where(MeetingDocument.item_id == item.id, MeetingDocument.deleted.is_(False))
    ) or 0
    doc = MeetingDocument(
        id=document_id, meeting_id=meeting.id, item_id=item.id, position=position, title=title.strip(),
        audience=allowed.audience, readers=json.dumps(list(allowed.readers)), release_at=allowed.release_at,
        source_document_id=source_document_id, version=1, added_by=actor_id,
    )
    session.add(doc)
    _version(session, doc, version_id, 1, file, actor_id)
    session.flush()
    _audit(session, actor_id, "document_add", doc, None, digest=file.digest)
    return doc


def _may_replace(session: Session, actor_id: str, doc: MeetingDocument) -> Meeting:
    """The organisers and the item's presenter (who prepares the draft) replace its file."""
    meeting = meeting_of(session, doc.meeting_id)
    item = session.get(AgendaItem, doc.item_id)
    if item is None or item.presenter_id != actor_id:
        organiser(session, actor_id, doc.meeting_id)
    return meeting


def replace_document(
    session: Session, actor_id: str, document_id: str, version_id: str, file: FileRef
) -> MeetingDocumentVersion:
    """A new version of the file (number + 1); the old versions stay."""
    doc = document_of(session, document_id)
    meeting = _may_replace(session, actor_id, doc)
    still_open(meeting)
    _check_file(file)
    before = _snapshot(doc)
    newest = session.scalar(
        select(func.max(MeetingDocumentVersion.version)).where(MeetingDocumentVersion.meeting_document_id == doc.id)
    ) or 0
    number = max(newest, doc.version) + 1
    row = _version(session, doc, version_id, number, file, actor_id)
    doc.version = number
    session.flush()
    _audit(session, actor_id, "document_replace", doc, before, digest=file.digest)
    return row


def set_access(session: Session, actor_id: str, document_id: str, wanted: Access) -> MeetingDocument:
    """Who may read the document and from when (applied with the server's authority)."""
    doc = document_of(session, document_id)
    _, meeting = organiser(session, actor_id, doc.meeting_id)
    still_open(meeting)
    allowed = check_access(session, meeting, wanted)
    before = _snapshot(doc)
    doc.audience, doc.readers, doc.release_at = allowed.audience, json.dumps(list(allowed.readers)), allowed.release_at
    session.flush()
    _audit(session, actor_id, "document_access", doc, before)
    return doc


def remove_document(session: Session, actor_id: str, document_id: str) -> MeetingDocument:
    doc = document_of(session, document_id)
    _, meeting = organiser(session, actor_id, doc.meeting_id)
    still_open(meeting)
    before = _snapshot(doc)
    doc.deleted = True
    others = session.scalars(
        select(MeetingDocument).where(
            MeetingDocument.item_id == doc.item_id, MeetingDocument.deleted.is_(False), MeetingDocument.id != doc.id
        ).order_by(MeetingDocument.position, MeetingDocument.id)
    )
    for index, row in enumerate(others):
        if row.position != index:
            row.position = index
    session.flush()
    _audit(session, actor_id, "document_remove", doc, before)
    return doc


# --------------------------------------------------------------------------- reading


def versions_of(session: Session, document_id: str) -> list[MeetingDocumentVersion]:
    """Every version of a document, newest first: readers compare page counts and dates."""
    return list(session.scalars(
        select(MeetingDocumentVersion)
        .where(MeetingDocumentVersion.meeting_document_id == document_id, MeetingDocumentVersion.deleted.is_(False))
        .order_by(MeetingDocumentVersion.version.desc())
    ))


def version_of(session: Session, document_id: str, number: int) -> MeetingDocumentVersion:
    found = session.scalars(
        select(MeetingDocumentVersion).where(
            MeetingDocumentVersion.meeting_document_id == document_id, MeetingDocumentVersion.version == number,
            MeetingDocumentVersion.deleted.is_(False),
        )
    ).first()
    if found is None:
        raise NotFound("Không tìm thấy phiên bản này của tài liệu.", "Document version not found.")
    return found


def readable_file(session: Session, actor_id: str, document_id: str, now: datetime,
                  number: int | None = None) -> MeetingDocumentVersion:
    """The version ``actor_id`` opens (the newest by default), if they may read it at ``now``."""
    from eoffice.directory.access import load_actor

    actor = load_actor(session, actor_id)
    doc = document_of(session, document_id)
    if not access.reads(session, actor, doc, now):
        raise not_reader()
    return version_of(session, doc.id, number or doc.version)


def is_updated(doc: MeetingDocument) -> bool:
    """Whether readers see "đã cập nhật" (a file replaced since the first)."""
    return doc.version > 1

