"""Taking a document's row lock before changing its state."""

from __future__ import annotations

from sqlalchemy import bindparam, select
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
    query = _LOCK_WITH_FILES if files else _LOCK_WITHOUT_FILES
    return session.scalars(query, {"document_id": document_id}).first()


# Built once: a statement's cache key is worked out anew for every new statement object,
# and every change of a document's state comes here.
_LOCK_WITH_FILES = (
    select(Document).where(Document.id == bindparam("document_id")).with_for_update()
    .execution_options(populate_existing=True)
)
_LOCK_WITHOUT_FILES = _LOCK_WITH_FILES.options(lazyload(Document.files))
