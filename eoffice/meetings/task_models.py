"""Tasks assigned in a meeting (nhiệm vụ được giao tại cuộc họp), followed up like a
direction line: one row per holder, forwarded down the org tree as child rows.

A task names what is to be done, who leads it (a unit or a person, ``lead_unit_id`` /
``lead_user_id``), who coordinates (``coordinators``: the JSON list of "unit:<id>" and
"user:<id>" keys) and its deadline (hạn xử lý), a date counted in working days when it
was assigned. Its ``state`` is a ``documents.types.LineState`` value, with the same life.

``audience`` is the JSON list of the keys ("unit:<id>", "user:<id>") of who receives the
row besides the meeting's organisers: its own lead and coordinators, and everyone up the
forwarding chain (the holders of its ancestors and those who forwarded it), frozen when
the row is made, so that the pull's rule is one ``LIKE`` per key. ``meeting_title`` is
copied from the meeting, for an assignee who is not a participant and never receives it.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from eoffice.store.base import Base, Synced, utcnow


class MeetingTask(Synced, Base):
    """A task from a meeting: what, who leads, who coordinates, until when (hạn xử lý)."""

    __tablename__ = "meeting_tasks"
    __table_args__ = (
        Index("ix_meeting_tasks_meeting", "meeting_id", "parent_id"),
        Index("ix_meeting_tasks_user_state", "lead_user_id", "state"),
        Index("ix_meeting_tasks_unit_state", "lead_unit_id", "state"),
    )

    meeting_id: Mapped[str] = mapped_column(String(36))
    meeting_title: Mapped[str] = mapped_column(String(500), default="")
    #: The agenda item it was assigned under (None: the meeting as a whole).
    item_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    #: The task it was forwarded from (Chuyển xử lý); None for one the chair assigned.
    parent_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    what: Mapped[str] = mapped_column(String(2000))
    lead_unit_id: Mapped[str | None] = mapped_column(ForeignKey("units.id"), nullable=True)
    lead_user_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    coordinators: Mapped[str] = mapped_column(Text, default="[]")
    audience: Mapped[str] = mapped_column(Text, default="[]")
    deadline: Mapped[date | None] = mapped_column(Date, nullable=True)
    state: Mapped[str] = mapped_column(String(12), default="waiting")  # LineState
    return_reason: Mapped[str] = mapped_column(Text, default="")
    result_note: Mapped[str] = mapped_column(Text, default="")
    #: The reply (văn bản trả lời) the holder linked when completing it.
    reply_document_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    #: Nullable: a desk that may not see the assigner (another organisation's chair)
    #: receives it as null (``sync.changes``: a reference to an unseen row).
    assigned_by: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    assigned_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    completed_by: Mapped[str | None] = mapped_column(String(36), nullable=True)
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
