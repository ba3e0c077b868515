"""The work diary (nhật ký công việc): entries per person and day, weeks, leaders' comments.

Links to a document, a direction line or a meeting are plain ids checked when the entry
is made, not foreign keys: a pulled diary page may reach a client before the document it
names, and meetings have no table yet. The owner and the comment's author are foreign
keys (users always reach a client before anything they wrote).
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from eoffice.store.base import Base, Synced, utcnow


class Category(str, enum.Enum):
    """What kind of work an entry is (loại công việc)."""

    REGULAR = "regular"  # thường xuyên
    ADHOC = "adhoc"  # đột xuất
    DOCUMENT = "document"  # được giao qua văn bản
    MEETING = "meeting"  # họp


CATEGORY_LABELS_VI = {
    Category.REGULAR.value: "Nhiệm vụ thường xuyên",
    Category.ADHOC.value: "Nhiệm vụ đột xuất",
    Category.DOCUMENT.value: "Nhiệm vụ giao qua văn bản",
    Category.MEETING.value: "Họp, hội nghị",
}


class Conflict(str, enum.Enum):
    """Why an entry waits for its owner's choice instead of counting (empty: it counts)."""

    NONE = ""
    EDITED = "edited"  # the same entry was changed on another machine first
    DELETED = "deleted"  # the entry was deleted on another machine
    LOCKED = "locked"  # the week was approved before this change reached the server


class WeekState(str, enum.Enum):
    OPEN = "open"
    APPROVED = "approved"  # đã duyệt: locked


class WorklogEntry(Synced, Base):
    """One piece of a person's day: when or how long, what, of which kind, with what result.

    ``minutes`` is always the duration (``end_minute - start_minute`` when both are given).
    ``revision`` is the op_id of the operation that last wrote the entry: an update names
    the revision it was based on, and the server keeps a different base as a conflict copy
    (``conflict_of`` the original) rather than overwrite someone's other edit.
    ``source_key`` names the drafted action the entry came from; a dropped draft is kept
    as a deleted entry with its key, so it is never proposed again, on any machine.
    """

    __tablename__ = "worklog_entries"
    __table_args__ = (
        Index("ix_worklog_entries_user_day", "user_id", "day"),
        UniqueConstraint("user_id", "source_key"),
    )

    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    day: Mapped[date] = mapped_column(Date)
    #: Minutes after midnight, local time; None when only a duration was given.
    start_minute: Mapped[int | None] = mapped_column(Integer, nullable=True)
    end_minute: Mapped[int | None] = mapped_column(Integer, nullable=True)
    minutes: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(12), default=Category.REGULAR.value)
    result: Mapped[str] = mapped_column(Text, default="")  # kết quả
    document_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    direction_line_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    meeting_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    #: Repeated most days (giao ban, reading mail): offered by "copy yesterday's".
    recurring: Mapped[bool] = mapped_column(Boolean, default=False)
    source_key: Mapped[str | None] = mapped_column(String(160), nullable=True)
    revision: Mapped[str] = mapped_column(String(36), default="")
    conflict_of: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    conflict: Mapped[str] = mapped_column(String(10), default=Conflict.NONE.value)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    @property
    def counts(self) -> bool:
        """Whether the entry is part of the diary (not deleted, not waiting for a choice)."""
        return not self.deleted and not self.conflict


class WorklogWeek(Synced, Base):
    """A person's week (Monday first) as their leader reviewed it: open or approved.

    Its id is derived from the owner and the Monday (``weeks.week_id``), so two leaders
    approving the same week offline make the same row, never two.
    """

    __tablename__ = "worklog_weeks"
    __table_args__ = (UniqueConstraint("user_id", "week_start"),)

    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    week_start: Mapped[date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(10), default=WeekState.OPEN.value)
    approved_by: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    #: The counted minutes the leader approved (the report of that week stays explainable).
    approved_minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    reopened_by: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    reopened_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    reopen_reason: Mapped[str] = mapped_column(Text, default="")


class WorklogComment(Synced, Base):
    """A leader's (or the owner's reply) comment on a week of a diary or on one entry."""

    __tablename__ = "worklog_comments"
    __table_args__ = (Index("ix_worklog_comments_owner_week", "user_id", "week_start"),)

    #: Whose diary the comment is on.
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    week_start: Mapped[date] = mapped_column(Date)
    entry_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    author_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
