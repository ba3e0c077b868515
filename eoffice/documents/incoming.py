"""Registering incoming documents (văn bản đến) in the incoming register."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import and_, exists, false, func, not_, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from eoffice.audit.chain import record
from eoffice.directory.access import load_actor, require_role
from eoffice.directory.models import Role, User
from eoffice.documents.fields import DocumentFields, clean
from eoffice.documents.indexing import index_document
from eoffice.documents.models import Document, DocumentFile
from eoffice.documents.numbering import format_number, register_for, take_number
from eoffice.documents.pdffiles import inspect_pdf
from eoffice.documents.snapshot import snapshot
from eoffice.documents.types import Direction, DocState
from eoffice.documents.visibility import visible_documents
from eoffice.errors import DuplicateError, ValidationError
from eoffice.store.base import new_id
from eoffice.store.blobs import BlobStore
from eoffice.store.sequences import next_value


@dataclass(frozen=True)
class PreparedFile:
    """A PDF checked and copied into the blob store, ready to attach to a document."""

    digest: str
    filename: str
    size: int
    page_count: int
    text: str


def prepare_files(paths: list[Path], blobs: BlobStore) -> list[PreparedFile]:
    """Check every file is a usable PDF, then store them; the first is the main file.

    Done outside the database transaction: PDF parsing is slow and must not hold the lock.
    Any bad file raises before anything is stored.
    """
    if not paths:
        raise ValidationError("Cần ít nhất một tệp PDF của văn bản.", "At least one PDF is required.")
    infos = [inspect_pdf(Path(p)) for p in paths]
    prepared = []
    for path, info in zip(paths, infos, strict=True):
        digest, size = blobs.put_file(Path(path))
        prepared.append(PreparedFile(digest, Path(path).name, size, info.page_count, info.text))
    return prepared


#: What a clerk is told of a duplicate they may not see: that it exists, and whom to ask.
UNSEEN_DUPLICATE = (
    "Văn bản cùng số, ký hiệu và cơ quan ban hành (hoặc cùng tệp) đã được vào sổ, trong sổ mà bạn "
    "không được xem; hãy hỏi văn thư đã vào sổ văn bản đó hoặc lãnh đạo cơ quan.",
    "A document with the same number, notation and issuing body (or the same file) is already "
    "registered, in a register you may not read; ask the clerk who registered it or your leader.",
)


@dataclass(frozen=True)
class Duplicates:
    """What ``find_duplicates`` found: the documents the clerk may see, and whether there
    are others they may not (of which nothing is loaded, so nothing can be told)."""

    seen: list[Document]
    unseen: bool

    def __bool__(self) -> bool:
        return bool(self.seen) or self.unseen


class DuplicateWarning(DuplicateError):
    """Registering would duplicate these documents; pass ``allow_duplicate`` to go on.

    The documents the clerk may see are named (number, số đến); one they may not see
    (a secret document another clerk registered) is only said to exist: its number, số
    đến, subject and id would tell them what the visibility rule keeps from them.
    """

    def __init__(self, duplicates: list[Document], unseen: bool = False) -> None:
        labels = "; ".join(
            f"{d.number_label} ({'số đến ' + format_number(d.arrival_number) if d.arrival_number else d.state})"
            for d in duplicates[:3]
        )
        vi = [f"Văn bản có thể đã được vào sổ: {labels}."] if duplicates else []
        en = [f"This document may already be registered: {labels}."] if duplicates else []
        if unseen:
            vi.append(UNSEEN_DUPLICATE[0])
            en.append(UNSEEN_DUPLICATE[1])
        super().__init__(" ".join(vi), " ".join(en))
        self.duplicates = duplicates
        self.unseen = unseen


def find_duplicates(
    session: Session,
    viewer: User,
    fields: DocumentFields,
    digests: list[str],
) -> Duplicates:
    """Same số + ký hiệu + issuing organ, or the same file, already in ``viewer``'s
    organisation: those they may see (``visibility.visible_documents``, the pull's rule),
    and whether any other exists."""
    conditions: list[ColumnElement[bool]] = []
    if fields.code_number and fields.code_notation:
        same_number = (Document.code_number == fields.code_number) & (
            Document.code_notation == fields.code_notation
        )
        if fields.organ_id:
            conditions.append(same_number & (Document.organ_id == fields.organ_id))
        else:
            conditions.append(same_number & (Document.organ_name == fields.organ_name))
    if digests:
        conditions.append(
            Document.id.in_(select(DocumentFile.document_id).where(DocumentFile.digest.in_(digests)))
        )
    if not conditions:
        return Duplicates([], False)
    same = and_(
        Document.organisation_id == viewer.organisation_id,
        Document.direction == Direction.INCOMING.value,
        Document.deleted.is_(False),
        or_(*conditions),
    )
    visible = visible_documents(viewer, session)
    seen = list(session.scalars(select(Document).where(same, visible).order_by(Document.sort_key).limit(10)))
    # NULL (a nullable column compared) is "not visible" too, as in the pull.
    unseen = session.scalar(select(exists().where(same, not_(func.coalesce(visible, false())))))
    return Duplicates(seen, bool(unseen))


def attach_files(doc: Document, files: Sequence[PreparedFile | DocumentFile]) -> None:
    """File rows for ``doc`` pointing at stored digests; the first file is the main one."""
    for position, f in enumerate(files):
        doc.files.append(
            DocumentFile(
                id=new_id(),
                digest=f.digest,
                filename=f.filename,
                size=f.size,
                page_count=f.page_count,
                is_main=position == 0,
                position=position,
            )
        )


def enter_incoming(
    session: Session,
    *,
    organisation_id: str,
    created_by: str,
    arrival_date: date,
    values: dict[str, Any],
    requested_number: int | None = None,
    document_id: str | None = None,
    source_document_id: str | None = None,
    assign_number: bool = True,
) -> Document:
    """A new incoming Document numbered in the organisation's register (not yet added).

    ``values`` are the document's own fields; a secret one takes the secret series.
    Shared by registration and internal delivery, which differ only in who checks what.
    With ``assign_number`` False (a client offline) the document waits for the server's
    number: register, year and số đến stay None ("chờ cấp số").
    """
    register_id: str | None = None
    year: int | None = None
    number: int | None = None
    if assign_number:
        secret = values.get("secrecy", "none") != "none"
        register = register_for(session, organisation_id, Direction.INCOMING.value, secret)
        number = take_number(session, register.id, arrival_date.year, requested_number)
        register_id, year = register.id, arrival_date.year
    return Document(
        id=document_id or new_id(),
        organisation_id=organisation_id,
        direction=Direction.INCOMING.value,
        state=DocState.REGISTERED.value,
        register_id=register_id,
        year=year,
        register_number=number,
        arrival_number=number,
        arrival_date=arrival_date,
        sort_key=next_value(session, "documents.sort_key"),
        created_by=created_by,
        source_document_id=source_document_id,
        **values,
    )


def register_incoming(
    session: Session,
    actor_id: str,
    fields: DocumentFields,
    files: list[PreparedFile],
    *,
    arrival_date: date,
    allow_duplicate: bool = False,
    requested_number: int | None = None,
    document_id: str | None = None,
    source_document_id: str | None = None,
    today: date | None = None,
    assign_number: bool = True,
) -> Document:
    """Enter a received document in the incoming register and give it its số đến.

    Secret documents go to the secret register's own series. Raises DuplicateWarning when
    the same document seems registered already, unless ``allow_duplicate``.
    ``assign_number`` False registers it without a số đến (a client offline; the server
    numbers it when the operation reaches it).
    """
    actor = load_actor(session, actor_id)
    require_role(actor, Role.CLERK)
    fields = clean(fields, incoming=True)
    if not files:
        raise ValidationError("Cần ít nhất một tệp PDF của văn bản.", "At least one PDF is required.")
    if fields.issued_date and arrival_date < fields.issued_date:
        raise ValidationError(
            "Ngày đến không thể trước ngày ban hành.",
            "The arrival date cannot be before the issued date.",
            field="arrival_date",
        )
    today = today or date.today()
    if arrival_date > today:
        raise ValidationError(
            f"Ngày đến {arrival_date:%d/%m/%Y} ở tương lai; hãy kiểm tra lại (hôm nay là {today:%d/%m/%Y}).",
            f"The arrival date {arrival_date.isoformat()} is in the future.",
            field="arrival_date",
        )
    if not allow_duplicate:
        duplicates = find_duplicates(session, actor, fields, [f.digest for f in files])
        if duplicates:
            raise DuplicateWarning(duplicates.seen, duplicates.unseen)

    doc = enter_incoming(
        session,
        organisation_id=actor.organisation_id,
        created_by=actor.id,
        arrival_date=arrival_date,
        values=fields.as_dict(),
        requested_number=requested_number,
        document_id=document_id,
        source_document_id=source_document_id,
        assign_number=assign_number,
    )
    attach_files(doc, files)
    session.add(doc)
    session.flush()
    index_document(session, doc, "\n".join(f.text for f in files))
    record(
        session,
        actor_id=actor.id,
        action="document.register_incoming",
        target_type="document",
        target_id=doc.id,
        after=snapshot(doc),
    )
    return doc


def open_document(session: Session, actor_id: str, document_id: str) -> Document:
    """Load a document for reading and log the opening in the audit chain."""
    from eoffice.errors import NotFound

    doc = session.get(Document, document_id)
    if doc is None or doc.deleted:
        raise NotFound("Không tìm thấy văn bản.", "Document not found.")
    record(session, actor_id=actor_id, action="document.open", target_type="document", target_id=doc.id)
    return doc
