"""Named counters taken inside the caller's transaction (gapless, row-locked)."""

from __future__ import annotations

from sqlalchemy import BigInteger, String, text
from sqlalchemy.orm import Mapped, Session, mapped_column

from eoffice.store.base import Base


class Counter(Base):
    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


def next_value(session: Session, name: str) -> int:
    """Increment and return counter ``name``; the row stays locked until commit.

    The increment is a single ``UPDATE … RETURNING``: PostgreSQL row-locks it, SQLite
    runs it inside the ``BEGIN IMMEDIATE`` write transaction. A rollback undoes it, so a
    failed operation never burns a value.
    """
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        session.execute(text("INSERT OR IGNORE INTO counters(name, value) VALUES (:n, 0)"), {"n": name})
    else:
        session.execute(
            text("INSERT INTO counters(name, value) VALUES (:n, 0) ON CONFLICT (name) DO NOTHING"),
            {"n": name},
        )
    return int(
        session.execute(
            text("UPDATE counters SET value = value + 1 WHERE name = :n RETURNING value"), {"n": name}
        ).scalar_one()
    )
