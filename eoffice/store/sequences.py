"""Named counters taken inside the caller's transaction (gapless, row-locked)."""

from __future__ import annotations

from sqlalchemy import BigInteger, String, text
from sqlalchemy.orm import Mapped, Session, mapped_column

from eoffice.store.base import Base


class Counter(Base):
    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


def next_value(session: Session, name: str, step: int = 1) -> int:
    """Add ``step`` to counter ``name`` and return the new value; the row stays locked
    until commit. ``step`` reserves that many values at once (the last one is returned).

    One upsert ``… RETURNING`` (a counter's first use starts it at ``step``): PostgreSQL
    row-locks it, SQLite runs it inside the ``BEGIN IMMEDIATE`` write transaction. A
    rollback undoes it, so a failed operation never burns a value.
    """
    return int(
        session.execute(
            text(
                "INSERT INTO counters(name, value) VALUES (:n, :step) "
                "ON CONFLICT (name) DO UPDATE SET value = counters.value + :step RETURNING value"
            ),
            {"n": name, "step": step},
        ).scalar_one()
    )
