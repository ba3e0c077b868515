"""The audit event row, and the tally of repeated refusals not yet written as one."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, Index, Integer, String, Text
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


class AuditTally(Base):
    """Repeats of one refusal inside a window, counted here instead of chained one by one.

    The first refusal of a window is an audit event at once; the ones that repeat it
    (same action, actor and key details) only add to ``repeats``, and when the window
    closes they become one event with their count (``eoffice.audit.repeats``). A row
    lives until its window closes and its count is written.
    """

    __tablename__ = "audit_tallies"

    #: SHA-256 of what makes two refusals "the same".
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    window_end: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    repeats: Mapped[int] = mapped_column(Integer, default=0)
    first_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    last_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    actor_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    action: Mapped[str] = mapped_column(String(60))
    target_type: Mapped[str] = mapped_column(String(40))
    target_id: Mapped[str] = mapped_column(String(36))
    after_json: Mapped[str] = mapped_column(Text, default="")
