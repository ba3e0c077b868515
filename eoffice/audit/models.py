"""The audit event row."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from eoffice.store.base import Base


class AuditEvent(Base):
    """Who did what to which object, when, with the state before and after.

    ``hash`` covers the event's content and ``prev_hash``; editing or deleting any earlier
    event breaks every later hash, which ``eoffice.audit.chain.verify_chain`` reports.
    """

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_target", "target_type", "target_id", "seq"),)

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    action: Mapped[str] = mapped_column(String(60))
    target_type: Mapped[str] = mapped_column(String(40))
    target_id: Mapped[str] = mapped_column(String(36))
    before_json: Mapped[str] = mapped_column(Text, default="")
    after_json: Mapped[str] = mapped_column(Text, default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
