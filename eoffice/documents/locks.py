"""Taking a document's row lock before changing its state."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, lazyload

from eoffice.documents.models import Document


def lock_document(session: Session, document_id: str, *, files: bool = True) -> Document | None:
    """The document, re-read and row-locked until the transaction ends (None if absent).

    On PostgreSQL (READ COMMITTED) two writers changing one document's state must see each
    other's work: without the lock, two clerks could both number it, or two officers
    completing the last two lines could both think the other still open. SQLite writers
    are serialised by ``BEGIN IMMEDIATE`` already and ignore the lock. ``files=False``
    leaves the files to a lazy load, for callers that do not read them.
    """
    query = select(Document).where(Document.id == document_id).with_for_update()
    if not files:
        query = query.options(lazyload(Document.files))
    return session.scalars(query.execution_options(populate_existing=True)).first()
