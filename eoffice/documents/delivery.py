"""Delivering an issued document to internal recipient organisations (chuyển, phát hành).

Each recipient organisation gets its own incoming document, entered in its own incoming
register with its own arrival number (số đến) and linked to the original by
``source_document_id``. The sender's clerk acts: the recipient's clerk check of
``register_incoming`` does not apply, so the entry is made here with the same steps.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.audit.chain import record
from eoffice.directory.access import load_actor, require_role
from eoffice.directory.models import Organisation, Role
from eoffice.documents.incoming import attach_files, enter_incoming
from eoffice.documents.indexing import index_document
from eoffice.documents.locks import lock_document
from eoffice.documents.models import Document, DocumentSearch
from eoffice.documents.snapshot import snapshot
from eoffice.documents.types import Direction, DocState
from eoffice.errors import (
    DuplicateError,
    NotFound,
    PermissionDenied,
    StateError,
    ValidationError,
)

#: Fields an incoming copy takes from the original as they are.
COPIED_FIELDS = (
    "code_number",
    "code_notation",
    "issued_date",
    "type_name",
    "subject",
    "signer_position",
    "signer_full_name",
    "priority",
    "secrecy",
    "page_amount",
    "issued_amount",
    "due_date",
    "to_places",
)


def deliver(
    session: Session,
    actor_id: str,
    document_id: str,
    recipient_organisation_ids: list[str],
    *,
    arrival_date: date | None = None,
    copy_ids: list[str] | None = None,
) -> list[Document]:
    """Enter an issued document in each recipient organisation's incoming register.

    Returns the incoming copies, in the order of ``recipient_organisation_ids``. A
    recipient that already received this document is refused (DuplicateError).
    ``copy_ids`` (one per recipient, same order) are the copies' ids chosen by the caller.
    """
    actor = load_actor(session, actor_id)
    require_role(actor, Role.CLERK)
    # Locked: two deliveries of the same document at once must not both pass the
    # "already received" check.
    original = lock_document(session, document_id)
    if original is None or original.deleted or original.direction != Direction.OUTGOING.value:
        raise NotFound("Không tìm thấy văn bản đi.", "Outgoing document not found.")
    if original.organisation_id != actor.organisation_id:
        raise PermissionDenied("Văn bản thuộc cơ quan khác.", "The document belongs to another organisation.")
    if original.state != DocState.ISSUED.value:
        raise StateError(
            "Chỉ gửi được văn bản đã ban hành (đã cấp số).",
            "Only an issued (numbered) document can be delivered.",
        )
    if not recipient_organisation_ids:
        raise ValidationError("Cần chọn ít nhất một nơi nhận.", "Choose at least one recipient.", field="recipients")
    if len(set(recipient_organisation_ids)) != len(recipient_organisation_ids):
        raise ValidationError("Một nơi nhận được chọn hai lần.", "A recipient is listed twice.", field="recipients")
    if copy_ids is not None and len(copy_ids) != len(recipient_organisation_ids):
        raise ValidationError(
            "Số mã bản sao không khớp số nơi nhận.", "One copy id is needed per recipient.", field="recipients"
        )
    arrival = arrival_date or date.today()
    if original.issued_date and arrival < original.issued_date:
        raise ValidationError(
            "Ngày đến không thể trước ngày ban hành.",
            "The arrival date cannot be before the issued date.",
            field="arrival_date",
        )
    sender = session.get(Organisation, original.organisation_id)
    assert sender is not None
    source_search = session.scalar(select(DocumentSearch).where(DocumentSearch.document_id == original.id))
    copies = []
    for position, org_id in enumerate(recipient_organisation_ids):
        recipient = session.get(Organisation, org_id)
        if recipient is None or recipient.deleted:
            raise ValidationError(
                "Không tìm thấy cơ quan nhận.", "Recipient organisation not found.", field="recipients"
            )
        if recipient.id == sender.id:
            raise ValidationError(
                "Không gửi văn bản cho chính cơ quan ban hành.",
                "A document is not delivered to its own organisation.",
                field="recipients",
            )
        already = session.scalar(
            select(Document.id).where(
                Document.organisation_id == recipient.id,
                Document.source_document_id == original.id,
                Document.deleted.is_(False),
            )
        )
        if already is not None:
            raise DuplicateError(
                f"{recipient.name} đã nhận văn bản này.",
                f"{recipient.name} has already received this document.",
                field="recipients",
            )
        copy_id = copy_ids[position] if copy_ids is not None else None
        copies.append(
            _enter_copy(session, actor.id, original, sender, recipient, arrival, source_search, copy_id)
        )
    record(
        session, actor_id=actor.id, action="document.deliver", target_type="document", target_id=original.id,
        after={"recipients": [c.organisation_id for c in copies], "copies": [c.id for c in copies]},
    )
    return copies


def _enter_copy(
    session: Session,
    actor_id: str,
    original: Document,
    sender: Organisation,
    recipient: Organisation,
    arrival: date,
    source_search: DocumentSearch | None,
    copy_id: str | None = None,
) -> Document:
    copy = enter_incoming(
        session,
        organisation_id=recipient.id,
        created_by=actor_id,
        arrival_date=arrival,
        values={
            "organ_name": sender.name,
            "organ_id": sender.organ_id,
            **{name: getattr(original, name) for name in COPIED_FIELDS},
        },
        source_document_id=original.id,
        document_id=copy_id,
    )
    attach_files(copy, list(original.files))
    session.add(copy)
    session.flush()
    # The body text is already folded; folding is idempotent.
    index_document(session, copy, source_search.body_text if source_search is not None else "")
    record(
        session, actor_id=actor_id, action="document.receive", target_type="document", target_id=copy.id,
        after=snapshot(copy),
    )
    return copy
