"""The documents' files as holders of blobs: who may read a file, which files are used.

Registered with ``eoffice.sync.blobaccess`` (the one rule for naming and reading blobs):
a document's file is readable by whoever may see the document
(``eoffice.documents.visibility``), and its row keeps the page count measured when the
file was registered, for blobs stored before the server measured uploads.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.directory.models import User
from eoffice.documents.models import Document, DocumentFile
from eoffice.documents.visibility import visible_documents
from eoffice.sync.blobaccess import Holder, register_holder


def _referencing(session: Session, digests: list[str]) -> set[str]:
    return set(session.scalars(select(DocumentFile.digest).where(DocumentFile.digest.in_(digests)).distinct()))


def _visible_file(session: Session, actor: User, digest: str) -> bool:
    found = session.scalar(
        select(DocumentFile.id)
        .join(Document, Document.id == DocumentFile.document_id)
        .where(DocumentFile.digest == digest, visible_documents(actor, session))
        .limit(1)
    )
    return found is not None


def _pages(session: Session, digest: str) -> int | None:
    return session.scalar(select(DocumentFile.page_count).where(DocumentFile.digest == digest).limit(1))


def _kept(session: Session, _user_id: str) -> list[str]:
    """A client keeps the files of every document it holds (it holds only those its user
    may see), for reading offline."""
    return list(
        session.scalars(
            select(DocumentFile.digest)
            .join(Document, Document.id == DocumentFile.document_id)
            .where(Document.deleted.is_(False))
            .distinct()
        )
    )


register_holder(Holder("document_files", _referencing, _visible_file, _pages, _kept))
