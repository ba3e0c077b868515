"""Keeping the folded search text of a document up to date."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from eoffice.documents.folding import fold
from eoffice.documents.models import Document, DocumentSearch


#: The document's fields a clerk may search by (``fields_text``).
_SEARCHED = (
    "code_number", "code_notation", "arrival_number", "organ_id", "organ_name", "type_name", "subject",
    "signer_position", "signer_full_name", "to_places", "recipients_note", "note", "issued_date",
)


def fields_text(doc: Document) -> str:
    """Every input field a clerk may search by, folded, in one string."""
    return fields_text_of({name: getattr(doc, name) for name in _SEARCHED})


def fields_text_of(row: Mapping[str, Any]) -> str:
    """``fields_text`` of a document's values: a Document's, or a pulled row's (a first
    sync folds a hundred thousand of them: no object per row, the issue date sliced from
    its ISO text). The number is labelled as ``Document.number_label`` does, and left out
    while pending."""
    number, notation = row["code_number"], row["code_notation"]
    issued = row["issued_date"]
    if isinstance(issued, str) and len(issued) == 10 and issued[0] != "0":
        issued = f"{issued[8:10]}/{issued[5:7]}/{issued[:4]}"
    elif issued:
        issued = (date.fromisoformat(issued) if isinstance(issued, str) else issued).strftime("%d/%m/%Y")
    parts = (
        ((f"{number}/{notation}" if notation else number) if number else ""), notation,
        str(row["arrival_number"] or ""), row["organ_id"], row["organ_name"], row["type_name"], row["subject"],
        row["signer_position"], row["signer_full_name"], row["to_places"], row["recipients_note"], row["note"],
        issued or "",
    )
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
