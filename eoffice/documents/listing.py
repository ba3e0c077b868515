"""Light rows for document lists (boxes, search results): only what a list shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, select

from eoffice.documents.models import Document

#: Columns read for a list row, in DocumentRow's order.
ROW_COLUMNS = (
    Document.id,
    Document.sort_key,
    Document.direction,
    Document.state,
    Document.code_number,
    Document.code_notation,
    Document.arrival_number,
    Document.arrival_date,
    Document.issued_date,
    Document.organ_name,
    Document.type_name,
    Document.subject,
    Document.priority,
    Document.secrecy,
    Document.due_date,
)


@dataclass(frozen=True, slots=True)
class DocumentRow:
    id: str
    sort_key: int
    direction: str
    state: str
    code_number: str | None
    code_notation: str
    arrival_number: int | None
    arrival_date: date | None
    issued_date: date | None
    organ_name: str
    type_name: str
    subject: str
    priority: str
    secrecy: str
    due_date: date | None

    @property
    def number_label(self) -> str:
        if self.code_number is None:
            return "chờ cấp số"
        return f"{self.code_number}/{self.code_notation}" if self.code_notation else self.code_number

    @classmethod
    def from_tuple(cls, row: Any) -> DocumentRow:
        return cls(*row)


def row_select() -> Select[*tuple[Any, ...]]:
    """``SELECT`` of the list columns; callers add WHERE, ORDER BY and LIMIT."""
    return select(*ROW_COLUMNS)
