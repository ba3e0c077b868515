"""The live session's tables: kept by the server only, never synced row by row.

A session is run online: the server holds its state, every action is an HTTP request
that changes these rows in one transaction and tells the participants live
(``meetings.live.telling``). Clients hold what they were told in memory and ask for a
snapshot (``GET /meetings/{id}/session``) when they open the session or reconnect.

Secret ballots: ``VoteVoter`` says who was issued and who returned a ballot;
``VoteTally`` holds only counts per option. No row anywhere holds a secret ballot's
content with anything about its voter, its time or its order (see ``votes``).
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from eoffice.store.base import Base, UUIDPk, utcnow


class SessionState(str, enum.Enum):
    WAITING = "waiting"  # chưa khai mạc
    RUNNING = "running"  # đang họp
    PAUSED = "paused"  # tạm dừng
    CLOSED = "closed"  # bế mạc


class Presence(str, enum.Enum):
    """A participant's attendance now."""

    NOT_ARRIVED = "not_arrived"  # chưa điểm danh
    HALL = "hall"  # có mặt tại hội trường
    ONLINE = "online"  # dự trực tuyến
    ABSENT = "absent"  # vắng, with a reason
    SUBSTITUTE = "substitute"  # người dự thay có mặt
    LEFT = "left"  # đã rời cuộc họp (may come back)


PRESENT = frozenset({Presence.HALL.value, Presence.ONLINE.value, Presence.SUBSTITUTE.value})


class CheckInMethod(str, enum.Enum):
    LIST = "list"  # staff ticked the list
    SELF = "self"  # the delegate, in the app
    PASS = "pass"  # the invitation's QR code at the door
    CARD = "card"  # the e-card, a signed challenge


class SpeechKind(str, enum.Enum):
    SPEECH = "speech"  # phát biểu
    POINT_OF_ORDER = "order"  # ý kiến về thủ tục: ahead of the queue


class SpeechState(str, enum.Enum):
    WAITING = "waiting"  # đăng ký, chờ chủ tọa
    ACCEPTED = "accepted"  # in the queue
    SPEAKING = "speaking"
    DONE = "done"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


class VoteMethod(str, enum.Enum):
    YES_NO = "yes_no"  # tán thành / không tán thành / không biểu quyết
    CHOICES = "choices"  # elect k of n candidates
    CONFIDENCE = "confidence"  # lấy phiếu tín nhiệm: three levels per person assessed


class VoteState(str, enum.Enum):
    PREPARED = "prepared"
    OPEN = "open"
    CLOSED = "closed"
    PUBLISHED = "published"


class MeetingSession(Base):
    """The live state of a meeting's session: what the chair shows now.

    ``revision`` grows by one with every change the participants are told of; an event
    carries it, so a client that took a snapshot at revision R ignores older events.
    """

    __tablename__ = "meeting_sessions"

    meeting_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    state: Mapped[str] = mapped_column(String(10), default=SessionState.WAITING.value)
    sitting_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    item_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    document_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    page: Mapped[int] = mapped_column(Integer, default=0)
    speech_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    #: Each speech's time limit (the meeting's setting; 0: none).
    speech_limit_seconds: Mapped[int] = mapped_column(Integer, default=300)
    revision: Mapped[int] = mapped_column(Integer, default=0)
    opened_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    paused_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class Attendance(UUIDPk, Base):
    """A participant's attendance at the session (one row per participant once known)."""

    __tablename__ = "meeting_attendance"
    __table_args__ = (
        UniqueConstraint("meeting_id", "participant_id"),
        Index("ix_meeting_attendance_meeting", "meeting_id", "presence"),
    )

    meeting_id: Mapped[str] = mapped_column(String(36))
    participant_id: Mapped[str] = mapped_column(String(36))
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    presence: Mapped[str] = mapped_column(String(12), default=Presence.NOT_ARRIVED.value)
    reason: Mapped[str] = mapped_column(String(1000), default="")
    #: When the reason for an absence was reported (HĐND Đ.93).
    reported_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    arrived_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    left_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    method: Mapped[str] = mapped_column(String(8), default="")
    by_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class AttendanceEntry(UUIDPk, Base):
    """The attendance log: every arrival, departure, return and absence, with its time
    (for the minutes: who left early, who came back)."""

    __tablename__ = "meeting_attendance_log"
    __table_args__ = (Index("ix_meeting_attendance_log_meeting", "meeting_id", "at"),)

    meeting_id: Mapped[str] = mapped_column(String(36))
    participant_id: Mapped[str] = mapped_column(String(36))
    presence: Mapped[str] = mapped_column(String(12))
    reason: Mapped[str] = mapped_column(String(1000), default="")
    method: Mapped[str] = mapped_column(String(8), default="")
    by_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Speech(UUIDPk, Base):
    """A request to speak and, once given the floor, the speech (start, end, pauses)."""

    __tablename__ = "meeting_speeches"
    __table_args__ = (Index("ix_meeting_speeches_meeting", "meeting_id", "state", "position"),)

    meeting_id: Mapped[str] = mapped_column(String(36))
    item_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(8), default=SpeechKind.SPEECH.value)
    state: Mapped[str] = mapped_column(String(10), default=SpeechState.WAITING.value)
    #: Order in the queue (smaller first); a point of order takes one below the head.
    position: Mapped[int] = mapped_column(Integer, default=0)
    requested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    #: While paused: since when; ``paused_seconds`` sums the pauses that ended.
    paused_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    paused_seconds: Mapped[int] = mapped_column(Integer, default=0)
    limit_seconds: Mapped[int] = mapped_column(Integer, default=0)
    reason: Mapped[str] = mapped_column(String(500), default="")


class Vote(UUIDPk, Base):
    """A vote on an agenda item (biểu quyết), from prepared to published.

    ``options``: JSON list of ``{"key", "label"}``; ``subjects``: for a vote of confidence,
    JSON list of ``{"id", "name"}`` (the people assessed); ``rule``: the JSON of the
    ``meetings.rules.Rule`` it is decided by, copied when prepared. At close the server
    freezes ``members`` (in office), ``present``, ``issued`` and ``returned`` and writes
    ``result`` (JSON: counts, percentages, verdict; see ``votes``).
    """

    __tablename__ = "meeting_votes"
    __table_args__ = (Index("ix_meeting_votes_meeting", "meeting_id", "state"),)

    meeting_id: Mapped[str] = mapped_column(String(36))
    item_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    title: Mapped[str] = mapped_column(String(500))
    method: Mapped[str] = mapped_column(String(12), default=VoteMethod.YES_NO.value)
    secret: Mapped[bool] = mapped_column(Boolean, default=False)
    options: Mapped[str] = mapped_column(Text, default="[]")
    subjects: Mapped[str] = mapped_column(Text, default="[]")
    max_choices: Mapped[int] = mapped_column(Integer, default=1)
    rule: Mapped[str] = mapped_column(Text, default="{}")
    show_tally: Mapped[bool] = mapped_column(Boolean, default=False)
    state: Mapped[str] = mapped_column(String(10), default=VoteState.PREPARED.value)
    time_limit_seconds: Mapped[int] = mapped_column(Integer, default=0)
    opened_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    closes_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    members: Mapped[int] = mapped_column(Integer, default=0)
    present: Mapped[int] = mapped_column(Integer, default=0)
    issued: Mapped[int] = mapped_column(Integer, default=0)
    returned: Mapped[int] = mapped_column(Integer, default=0)
    result: Mapped[str] = mapped_column(Text, default="{}")
    created_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class VoteVoter(Base):
    """Who was issued a ballot and whether they returned it (one row per member entitled).

    ``cast_by`` is who pressed the button (the member, or their substitute where the rules
    let substitutes vote). ``choice`` (JSON) is kept for a named vote only; for a secret
    vote it stays NULL and nothing else here says what was chosen. No time is kept.
    """

    __tablename__ = "meeting_vote_voters"

    vote_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    voter_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    returned: Mapped[bool] = mapped_column(Boolean, default=False)
    cast_by: Mapped[str | None] = mapped_column(String(36), nullable=True)
    choice: Mapped[str | None] = mapped_column(Text, nullable=True)


class VoteTally(Base):
    """How many ballots chose ``option`` (for a vote of confidence ``"<subject>:<level>"``);
    the only trace a secret ballot leaves.

    Each option's count is spread over a few rows (``shard``): a ballot adds one to a row
    picked at random, and the count is their sum. With one row per option, every ballot
    for "tán thành" waited for the previous one's commit on that row (PostgreSQL: 500
    ballots in a queue). The shard is chosen by chance, so it says nothing of the voter.
    """

    __tablename__ = "meeting_vote_tallies"

    vote_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    option: Mapped[str] = mapped_column(String(80), primary_key=True)
    shard: Mapped[int] = mapped_column(Integer, primary_key=True, default=0)
    count: Mapped[int] = mapped_column(Integer, default=0)
