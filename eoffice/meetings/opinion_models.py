"""Written opinions between meetings (phiếu lấy ý kiến thành viên): the poll the chair
sends, its documents, and one answer per member asked.

A poll belongs to a meeting: the body whose members in office are asked (the UBND of
the monthly meeting, the council of a session), and whose vote rules decide it. ``asked``
is the JSON list of the user ids asked, frozen when it is sent: the denominator of its
percentages, as the members in office are for a vote. ``rule`` is the JSON of the vote
rule it is decided by, copied from the meeting's rules so that a later change of them
never changes a past verdict. ``result`` is the JSON of the counted result, written by the
server when the poll is closed (by the chair, or at the deadline's first look after it):
members receive the result with the poll row, never the others' answers.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from eoffice.store.base import Base, Synced, utcnow


class PollState(str, enum.Enum):
    OPEN = "open"  # đang lấy ý kiến
    CLOSED = "closed"  # đã kết thúc (result counted)


class Choice(str, enum.Enum):
    """A member's answer on the form: đồng ý / không đồng ý / ý kiến khác."""

    AGREE = "agree"
    DISAGREE = "disagree"
    OTHER = "other"


class OpinionPoll(Synced, Base):
    """A written question to the members of a meeting's body, with its deadline (hạn trả lời)."""

    __tablename__ = "meeting_opinion_polls"
    __table_args__ = (Index("ix_meeting_opinion_polls_meeting", "meeting_id", "deadline"),)

    meeting_id: Mapped[str] = mapped_column(String(36))
    organisation_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"))
    question: Mapped[str] = mapped_column(String(1000))
    #: The explanation sent with the question (nội dung xin ý kiến).
    details: Mapped[str] = mapped_column(Text, default="")
    deadline: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    rule: Mapped[str] = mapped_column(Text, default="{}")
    asked: Mapped[str] = mapped_column(Text, default="[]")
    state: Mapped[str] = mapped_column(String(8), default=PollState.OPEN.value)
    result: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class OpinionDocument(Synced, Base):
    """A file sent with the poll (văn bản kèm theo): a new PDF, or a meeting document's
    current version named again (same digest, no copy of the bytes)."""

    __tablename__ = "meeting_opinion_documents"
    __table_args__ = (Index("ix_meeting_opinion_documents_poll", "poll_id", "position"),)

    poll_id: Mapped[str] = mapped_column(String(36))
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(500))
    filename: Mapped[str] = mapped_column(String(300))
    digest: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    page_count: Mapped[int] = mapped_column(Integer, default=0)


class OpinionAnswer(Synced, Base):
    """A member's answer (phiếu trả lời); its id is derived from the poll and the member
    (``opinions.answer_id``), so answering on two computers offline makes one row. Given
    signed in with the account, optionally signed with the member's e-card as well."""

    __tablename__ = "meeting_opinion_answers"
    __table_args__ = (
        UniqueConstraint("poll_id", "user_id"),
        Index("ix_meeting_opinion_answers_user", "user_id"),
    )

    poll_id: Mapped[str] = mapped_column(String(36))
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    choice: Mapped[str] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text, default="")
    answered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    #: The member's e-card signature of the answer (``opinion_signing``), base64; "" for none.
    signature: Mapped[str] = mapped_column(Text, default="")
    #: Whose certificate the server found the signature made with ("" until it checked one).
    signed_by: Mapped[str] = mapped_column(String(200), default="")
