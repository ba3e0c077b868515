"""Register numbers under NĐ 30/2020: per register and year, from 01, no gaps, no repeats.

The counter row is incremented in the caller's transaction; a failed registration rolls
the increment back with everything else, so no number is ever burnt or given twice.
"""

from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from eoffice.documents.models import Document, Register
from eoffice.documents.types import DOCUMENT_TYPES
from eoffice.errors import NumberTakenError, ValidationError


def format_number(number: int) -> str:
    """Numbers below 10 carry a leading zero: 1 → "01"."""
    return f"{number:02d}"


def notation(type_name: str, organisation_abbreviation: str, unit_code: str = "") -> str:
    """Ký hiệu of an outgoing document: ``QĐ-UBND``; a công văn: ``UBND-VP``.

    Groups are joined by "-" with no spaces; the type abbreviation is left out for a công văn.
    """
    if type_name not in DOCUMENT_TYPES:
        raise ValidationError(
            f"Loại văn bản “{type_name}” không có trong danh mục (Phụ lục III).",
            f"Unknown document type “{type_name}”.",
            field="type_name",
        )
    groups = [DOCUMENT_TYPES[type_name], organisation_abbreviation, unit_code]
    return "-".join(g.strip().replace(" ", "") for g in groups if g and g.strip())


def number_label(number: int, code_notation: str) -> str:
    """``12/QĐ-UBND``."""
    return f"{format_number(number)}/{code_notation}"


def _lock_counter(session: Session, register_id: str, year: int) -> int:
    dialect = session.get_bind().dialect.name
    params = {"r": register_id, "y": year}
    if dialect == "sqlite":
        session.execute(
            text("INSERT OR IGNORE INTO register_counters(register_id, year, last_number) VALUES (:r, :y, 0)"),
            params,
        )
    else:
        session.execute(
            text(
                "INSERT INTO register_counters(register_id, year, last_number) VALUES (:r, :y, 0) "
                "ON CONFLICT (register_id, year) DO NOTHING"
            ),
            params,
        )
    # A no-op update takes the row lock (PostgreSQL) before we read the value.
    return int(
        session.execute(
            text(
                "UPDATE register_counters SET last_number = last_number "
                "WHERE register_id = :r AND year = :y RETURNING last_number"
            ),
            params,
        ).scalar_one()
    )


def take_number(
    session: Session, register_id: str, year: int, requested: int | None = None
) -> int:
    """Give the next number of ``register_id`` in ``year``.

    ``requested`` lets a clerk type the number from a paper register; it must be exactly
    the next one (anything lower is taken, anything higher would leave a gap).
    """
    last = _lock_counter(session, register_id, year)
    number = last + 1
    if requested is not None and requested != number:
        if requested <= last:
            raise NumberTakenError(
                f"Số {format_number(requested)} đã được cấp trong sổ năm {year}; "
                f"số tiếp theo là {format_number(number)}.",
                f"Number {format_number(requested)} is already taken in {year}; the next is {format_number(number)}.",
                field="number",
            )
        raise ValidationError(
            f"Không thể cấp số {format_number(requested)}: số phải liên tục, số tiếp theo là {format_number(number)}.",
            f"Cannot give {format_number(requested)}: numbers are gapless, the next is {format_number(number)}.",
            field="number",
        )
    session.execute(
        text(
            "UPDATE register_counters SET last_number = :n WHERE register_id = :r AND year = :y"
        ),
        {"n": number, "r": register_id, "y": year},
    )
    return number


def register_for(session: Session, organisation_id: str, kind: str, secret: bool) -> Register:
    """The organisation's register of that kind; secret documents have their own series."""
    register = session.scalars(
        select(Register).where(
            Register.organisation_id == organisation_id,
            Register.kind == kind,
            Register.secret == secret,
            Register.deleted.is_(False),
        )
    ).first()
    if register is None:
        kind_vi = "đến" if kind == "incoming" else "đi"
        raise ValidationError(
            f"Cơ quan chưa có sổ văn bản {kind_vi}{' mật' if secret else ''}.",
            f"The organisation has no {'secret ' if secret else ''}{kind} register.",
        )
    return register


def numbers_in_use(session: Session, register_id: str, year: int) -> list[int]:
    """All numbers given in a register and year, ascending (for checks and reports)."""
    return list(
        session.scalars(
            select(Document.register_number)
            .where(Document.register_id == register_id, Document.year == year)
            .where(Document.register_number.is_not(None))
            .order_by(Document.register_number)
        )
    )
