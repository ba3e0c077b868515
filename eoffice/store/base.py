"""Declarative base and the columns every synced row carries."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone
from typing import TYPE_CHECKING, ClassVar

from sqlalchemy import BigInteger, Boolean, DateTime, MetaData, String, Table
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    """A UUID made where the row is born (client or server), as text."""
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)

    if TYPE_CHECKING:
        # Every model maps one plain Table (none maps a join or a select), which is what
        # insert() and update() take; SQLAlchemy declares the wider FromClause.
        __table__: ClassVar[Table]


class UUIDPk:
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)


class Synced(UUIDPk):
    """A row that syncs: a server change number and a soft-delete tombstone."""

    server_version: Mapped[int | None] = mapped_column(BigInteger, nullable=True, index=True)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow, nullable=False
    )
