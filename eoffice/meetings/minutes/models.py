"""What the secretary writes into the minutes: one synced row per (meeting, part).

A part names where the text goes (``texts.PARTS``): the opening, the guests line, per
agenda item the summary and the conclusion, per speech its summary, the closing. The
row's id is derived from the meeting and the part (``texts.text_id``), so two computers
of the same secretary writing offline end on the same row, the later write winning.
Only the organisers (chair, secretary, the office) receive these rows: the minutes are
read by the participants once issued, as an outgoing document.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from eoffice.store.base import Base, Synced


class MinutesText(Synced, Base):
    __tablename__ = "meeting_minutes_texts"
    __table_args__ = (
        UniqueConstraint("meeting_id", "part"),
        Index("ix_meeting_minutes_texts_version", "meeting_id", "server_version"),
    )

    meeting_id: Mapped[str] = mapped_column(String(36))
    part: Mapped[str] = mapped_column(String(80))
    text: Mapped[str] = mapped_column(Text, default="")
    #: Nullable: a reference to a user the reader's desk may not see arrives as null.
    written_by: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)
