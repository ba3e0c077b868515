"""Keeping the folded search text of a document up to date."""

from __future__ import annotations

from sqlalchemy.orm import Session

from eoffice.documents.folding import fold
from eoffice.documents.models import Document, DocumentSearch


def fields_text(doc: Document) -> str:
    """Every input field a clerk may search by, folded, in one string."""
    parts = [
        doc.number_label if doc.code_number else "",
        doc.code_notation,
        str(doc.arrival_number or ""),
        doc.organ_id,
        doc.organ_name,
        doc.type_name,
        doc.subject,
        doc.signer_position,
        doc.signer_full_name,
        doc.to_places,
        doc.recipients_note,
        doc.note,
        doc.issued_date.strftime("%d/%m/%Y") if doc.issued_date else "",
    ]
    return fold(" ".join(p for p in parts if p))


def index_document(session: Session, doc: Document, body_text: str | None = None) -> None:
    """Write (or refresh) the document's row in the search table.

    ``body_text`` is the PDFs' extracted text; None keeps what was indexed before.
    """
    row = session.get(DocumentSearch, doc.sort_key)
    if row is None:
        session.add(
            DocumentSearch(
                seq=doc.sort_key,
                document_id=doc.id,
                fields_text=fields_text(doc),
                body_text=fold(body_text or ""),
            )
        )
    else:
        row.fields_text = fields_text(doc)
        if body_text is not None:
            row.body_text = fold(body_text)
