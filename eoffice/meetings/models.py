"""Paperless meetings: rooms, meetings and their sittings, participants, the agenda tree,
the documents per item (with every version kept), comments on drafts, private notes and
read receipts.

References to users are foreign keys (users always reach a client before anything that
names them); references between meeting rows are plain ids, because a pull may bring an
agenda item before its meeting or a version before its document (each table has its own
visibility and cursor). A document in the registers is named by id, never a foreign key:
a participant may read a meeting's copy of a document they cannot see in the registers.

Every time is stored timezone-aware (UTC); the screens show local time.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from eoffice.store.base import Base, Synced, utcnow


class MeetingKind(str, enum.Enum):
    """The kinds of MEETINGS.md; each has default vote rules (``meetings.rules``)."""

    UBND_REGULAR = "ubnd_regular"  # phiên họp UBND thường kỳ
    UBND_TOPICAL = "ubnd_topical"  # phiên họp UBND chuyên đề
    HDND_SESSION = "hdnd_session"  # kỳ họp HĐND
    BRIEFING = "briefing"  # họp giao ban
    AGENCY = "agency"  # họp cơ quan, họp chuyên môn
    CONFERENCE = "conference"  # hội nghị


class MeetingState(str, enum.Enum):
    DRAFT = "draft"  # dự kiến: being prepared, invitations not out
    SCHEDULED = "scheduled"  # đã mời: the invitation was issued
    IN_SESSION = "in_session"  # đang họp
    CLOSED = "closed"  # đã kết thúc
    ARCHIVED = "archived"  # đã lưu trữ
    POSTPONED = "postponed"  # hoãn (with a reason; may be scheduled again)
    CANCELLED = "cancelled"  # hủy (with a reason)


class ParticipantRole(str, enum.Enum):
    CHAIR = "chair"  # chủ trì / chủ tọa
    SECRETARY = "secretary"  # thư ký
    MEMBER = "member"  # thành viên / đại biểu (votes)
    GUEST = "guest"  # khách mời (no vote)
    STAFF = "staff"  # phục vụ, check-in


class Answer(str, enum.Enum):
    PENDING = "pending"  # chưa trả lời
    ATTEND = "attend"  # sẽ tham dự
    ABSENT = "absent"  # vắng, with a reason
    SUBSTITUTE = "substitute"  # cử người dự thay


class Decision(str, enum.Enum):
    """What an agenda item expects of the meeting."""

    INFORMATION = "information"  # thông tin
    DISCUSSION = "discussion"  # thảo luận
    VOTE = "vote"  # biểu quyết


class Audience(str, enum.Enum):
    """Who may read a meeting document (besides the organisers, who read all)."""

    ALL = "all"  # every participant
    VOTING = "voting"  # members with a vote
    NAMED = "named"  # the people named in ``MeetingDocument.readers``


class NoteKind(str, enum.Enum):
    HIGHLIGHT = "highlight"
    PEN = "pen"
    TEXT = "text"


class Room(Synced, Base):
    """A meeting room of an organisation (phòng họp), booked by meetings."""

    __tablename__ = "meeting_rooms"
    __table_args__ = (Index("ix_meeting_rooms_org_version", "organisation_id", "server_version"),)

    organisation_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"))
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(300), default="")
    capacity: Mapped[int] = mapped_column(Integer, default=0)


class Meeting(Synced, Base):
    """A meeting (cuộc họp) or a council session (kỳ họp) with one or more sittings.

    ``starts_at``/``ends_at`` span the whole meeting (the first sitting's start to the last
    one's end). ``vote_rules`` is the JSON of the rules this meeting uses
    (``meetings.rules``), copied from its kind's defaults when it is made so a later change
    of the defaults never changes a past verdict. ``state_reason`` says why a meeting was
    postponed or cancelled; ``invitation_document_id`` is the outgoing GM draft made from it.
    """

    __tablename__ = "meetings"
    __table_args__ = (
        Index("ix_meetings_org_start", "organisation_id", "starts_at"),
        Index("ix_meetings_start", "starts_at"),
        Index("ix_meetings_org_version", "organisation_id", "server_version"),
    )

    organisation_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"))
    unit_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    title: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(12), default=MeetingState.DRAFT.value)
    state_reason: Mapped[str] = mapped_column(String(1000), default="")
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    room_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    #: Where, when it is not one of the rooms (or the room's name as printed).
    place: Mapped[str] = mapped_column(String(300), default="")
    online_link: Mapped[str] = mapped_column(String(500), default="")
    chair_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    secretary_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    secret: Mapped[bool] = mapped_column(Boolean, default=False)
    vote_rules: Mapped[str] = mapped_column(Text, default="{}")
    #: Notes printed on the invitation (các vấn đề cần lưu ý).
    notes: Mapped[str] = mapped_column(Text, default="")
    invitation_document_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    #: The outgoing drafts made from the minutes (type BB) and the conclusions (type TB).
    minutes_document_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    conclusions_document_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    created_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Sitting(Synced, Base):
    """A sitting (phiên họp) of a meeting: every meeting has at least one; a kỳ họp HĐND
    has one per half-day over several days. Each has its own agenda."""

    __tablename__ = "meeting_sittings"
    __table_args__ = (
        Index("ix_meeting_sittings_meeting", "meeting_id", "number"),
        Index("ix_meeting_sittings_room", "room_id", "starts_at"),
    )

    meeting_id: Mapped[str] = mapped_column(String(36))
    number: Mapped[int] = mapped_column(Integer, default=1)
    title: Mapped[str] = mapped_column(String(300), default="")
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    room_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    place: Mapped[str] = mapped_column(String(300), default="")


class Participant(Synced, Base):
    """A person in a meeting, their role, whether they vote, and their answer to the
    invitation (with the reason and when it was given, HĐND Đ.93)."""

    __tablename__ = "meeting_participants"
    __table_args__ = (
        UniqueConstraint("meeting_id", "user_id"),
        Index("ix_meeting_participants_user", "user_id", "meeting_id"),
        Index("ix_meeting_participants_substitute", "substitute_id"),
    )

    meeting_id: Mapped[str] = mapped_column(String(36))
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    role: Mapped[str] = mapped_column(String(12), default=ParticipantRole.MEMBER.value)
    votes: Mapped[bool] = mapped_column(Boolean, default=True)
    answer: Mapped[str] = mapped_column(String(12), default=Answer.PENDING.value)
    answer_reason: Mapped[str] = mapped_column(String(1000), default="")
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    #: The substitute sent (người dự thay): a user of the province, or a name when not one.
    substitute_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    substitute_name: Mapped[str] = mapped_column(String(200), default="")
    #: Set by the server when the session closes (``live.attendance.stamp_attended``): from
    #: the first arrival to the close or the departure. The work diary drafts "Dự họp"
    #: from them on every desk (the live attendance is the server's alone).
    attended_from: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    attended_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class AgendaItem(Synced, Base):
    """An item of a sitting's agenda; ``parent_id`` makes the tree, ``position`` the order
    among siblings. Numbers ("1", "1.2") and planned times are computed, never stored."""

    __tablename__ = "meeting_agenda_items"
    __table_args__ = (Index("ix_meeting_agenda_meeting", "meeting_id", "sitting_id", "position"),)

    meeting_id: Mapped[str] = mapped_column(String(36))
    sitting_id: Mapped[str] = mapped_column(String(36))
    parent_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(500))
    presenter_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    #: The presenting unit (đơn vị trình), which collects the comments on its drafts.
    presenter_unit_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    planned_minutes: Mapped[int] = mapped_column(Integer, default=0)
    decision: Mapped[str] = mapped_column(String(12), default=Decision.INFORMATION.value)
    #: For a vote: the key of the rule in the meeting's ``vote_rules``.
    vote_rule: Mapped[str] = mapped_column(String(40), default="")


class MeetingDocument(Synced, Base):
    """A document of an agenda item (tờ trình, dự thảo nghị quyết, báo cáo); its file is the
    newest of its versions. ``readers`` is a JSON list of user ids for ``Audience.NAMED``;
    ``release_at`` is when participants may read it (None: at once); the organisers and
    the presenter read it before. ``source_document_id`` names the register's document it
    was taken from, if any."""

    __tablename__ = "meeting_documents"
    __table_args__ = (Index("ix_meeting_documents_meeting", "meeting_id", "item_id", "position"),)

    meeting_id: Mapped[str] = mapped_column(String(36))
    item_id: Mapped[str] = mapped_column(String(36))
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(500))
    audience: Mapped[str] = mapped_column(String(8), default=Audience.ALL.value)
    readers: Mapped[str] = mapped_column(Text, default="[]")
    release_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    source_document_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    #: The newest version's number (1 for the first file).
    version: Mapped[int] = mapped_column(Integer, default=1)
    added_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class MeetingDocumentVersion(Synced, Base):
    """One file of a meeting document; replacing the file adds a version, never overwrites."""

    __tablename__ = "meeting_document_versions"
    __table_args__ = (
        UniqueConstraint("meeting_document_id", "version"),
        Index("ix_meeting_document_versions_digest", "digest"),
        Index("ix_meeting_document_versions_meeting", "meeting_id"),
    )

    meeting_id: Mapped[str] = mapped_column(String(36))
    meeting_document_id: Mapped[str] = mapped_column(String(36))
    version: Mapped[int] = mapped_column(Integer)
    filename: Mapped[str] = mapped_column(String(300))
    digest: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    page_count: Mapped[int] = mapped_column(Integer, default=0)
    added_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class MeetingComment(Synced, Base):
    """A participant's opinion on a draft before the meeting (góp ý dự thảo), on a page or
    on the whole document; collected for the presenting unit."""

    __tablename__ = "meeting_comments"
    __table_args__ = (Index("ix_meeting_comments_document", "meeting_document_id", "created_at"),)

    meeting_id: Mapped[str] = mapped_column(String(36), index=True)
    meeting_document_id: Mapped[str] = mapped_column(String(36))
    version: Mapped[int] = mapped_column(Integer, default=1)
    author_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    page: Mapped[int | None] = mapped_column(Integer, nullable=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class PrivateNote(Synced, Base):
    """A user's own mark on a meeting document's version: a highlight, a pen stroke or a
    text note pinned to a page. Synced only between that user's computers.

    ``shape`` is JSON in PDF points of the page: a highlight's rectangles, a pen's points,
    a text note's anchor.
    """

    __tablename__ = "meeting_private_notes"
    __table_args__ = (Index("ix_meeting_private_notes_owner", "user_id", "meeting_document_id"),)

    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    meeting_id: Mapped[str] = mapped_column(String(36))
    meeting_document_id: Mapped[str] = mapped_column(String(36))
    version: Mapped[int] = mapped_column(Integer)
    page: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10))
    shape: Mapped[str] = mapped_column(Text, default="{}")
    text: Mapped[str] = mapped_column(Text, default="")
    color: Mapped[str] = mapped_column(String(9), default="#ffeb3b")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ReadReceipt(Synced, Base):
    """The first time a participant opened a meeting document (any version). Its id is
    derived from the document and the reader (``meetings.receipts.receipt_id``), so opening
    it on two computers offline makes one row; the earlier time wins."""

    __tablename__ = "meeting_read_receipts"
    __table_args__ = (
        UniqueConstraint("meeting_document_id", "user_id"),
        #: Covers the who-has-read table: a meeting's receipts read from the index alone.
        Index("ix_meeting_read_receipts_meeting", "meeting_id", "user_id", "meeting_document_id", "first_opened_at",
              "version", "deleted"),
    )

    meeting_id: Mapped[str] = mapped_column(String(36))
    meeting_document_id: Mapped[str] = mapped_column(String(36))
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)
    first_opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


# The live session's tables (server-only), so that ``Base.metadata`` knows them too.
from eoffice.meetings.live import models as _live_models  # noqa: E402,F401
from eoffice.meetings.minutes import models as _minutes_models  # noqa: E402,F401
from eoffice.meetings import opinion_models as _opinion_models  # noqa: E402,F401
from eoffice.meetings import task_models as _task_models  # noqa: E402,F401
