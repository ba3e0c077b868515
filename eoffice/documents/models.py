"""Documents, their files, registers, number counters and directions.

Field names follow the decree's electronic input fields (NĐ 30/2020, Phụ lục VI) and EdXML.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eoffice.store.base import Base, Synced, utcnow


class Register(Synced, Base):
    """A register (sổ đăng ký): incoming or outgoing, ordinary or secret, of one organisation.

    Numbers run per register and calendar year (see ``RegisterCounter``).
    """

    __tablename__ = "registers"
    __table_args__ = (
        UniqueConstraint("organisation_id", "kind", "secret"),
        Index("ix_registers_org_version", "organisation_id", "server_version"),  # pull pages
    )

    organisation_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # Direction value
    secret: Mapped[bool] = mapped_column(Boolean, default=False)
    name: Mapped[str] = mapped_column(String(200))


class RegisterCounter(Base):
    """The last number given in a register for a year; row-locked while a number is taken."""

    __tablename__ = "register_counters"

    register_id: Mapped[str] = mapped_column(ForeignKey("registers.id"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer, default=0)


class Document(Synced, Base):
    """An official document (văn bản), incoming (đến) or outgoing (đi).

    For an incoming document ``code_number``/``code_notation`` are the sender's số and ký
    hiệu and ``arrival_number`` is ours (số đến). For an outgoing one ``code_number`` is the
    number our register gave (None while it waits: "chờ cấp số").
    """

    __tablename__ = "documents"
    __table_args__ = (
        UniqueConstraint("register_id", "year", "register_number"),
        Index("ix_documents_dup", "organ_id", "code_number", "code_notation"),
        Index("ix_documents_box", "organisation_id", "direction", "sort_key"),
        Index("ix_documents_state", "organisation_id", "direction", "state", "sort_key"),
        #: Search filtered by year: its sort_key range, and the year's list newest first.
        Index("ix_documents_year", "organisation_id", "year", "sort_key"),
        #: A pull's pages: the organisation's rows in version order.
        Index("ix_documents_org_version", "organisation_id", "server_version"),
        #: The drafts awaiting a co-signer (the few that name one): their "to approve" count.
        Index("ix_documents_cosigner", "cosigner_id", sqlite_where=text("cosigner_id IS NOT NULL"),
              postgresql_where=text("cosigner_id IS NOT NULL")),
    )

    organisation_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"))
    direction: Mapped[str] = mapped_column(String(10))
    state: Mapped[str] = mapped_column(String(20))
    register_id: Mapped[str | None] = mapped_column(ForeignKey("registers.id"), nullable=True)
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    #: Our register's number (số đến for incoming, số for outgoing); None while pending.
    register_number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    #: Increasing key for newest-first lists and the search index (local to a database).
    sort_key: Mapped[int] = mapped_column(BigInteger, index=True)

    code_number: Mapped[str | None] = mapped_column(String(20), nullable=True)  # số
    code_notation: Mapped[str] = mapped_column(String(100), default="")  # ký hiệu
    arrival_number: Mapped[int | None] = mapped_column(Integer, nullable=True)  # số đến
    arrival_date: Mapped[date | None] = mapped_column(Date, nullable=True)  # ngày đến
    issued_date: Mapped[date | None] = mapped_column(Date, nullable=True)  # ngày ban hành
    organ_id: Mapped[str] = mapped_column(String(13), default="")  # mã định danh nơi ban hành
    organ_name: Mapped[str] = mapped_column(String(300), default="")  # tác giả / nơi ban hành
    type_name: Mapped[str] = mapped_column(String(50))  # tên loại
    subject: Mapped[str] = mapped_column(String(500))  # trích yếu
    signer_position: Mapped[str] = mapped_column(String(200), default="")
    signer_full_name: Mapped[str] = mapped_column(String(200), default="")
    priority: Mapped[str] = mapped_column(String(20), default="normal")
    secrecy: Mapped[str] = mapped_column(String(20), default="none")
    page_amount: Mapped[int | None] = mapped_column(Integer, nullable=True)
    issued_amount: Mapped[int | None] = mapped_column(Integer, nullable=True)
    due_date: Mapped[date | None] = mapped_column(Date, nullable=True)  # hạn xử lý
    to_places: Mapped[str] = mapped_column(Text, default="")  # nơi nhận
    recipients_note: Mapped[str] = mapped_column(Text, default="")  # đơn vị/người nhận
    note: Mapped[str] = mapped_column(Text, default="")  # ghi chú

    created_by: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: Outgoing: the drafting officer's unit (its code goes in công văn notations).
    drafting_unit_id: Mapped[str | None] = mapped_column(ForeignKey("units.id"), nullable=True)
    #: Outgoing draft: whom it waits for: the head of the drafting unit while reviewed, then
    #: the leader it is submitted to; the leader who approved it.
    approver_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    review_comment: Mapped[str] = mapped_column(Text, default="")
    #: Outgoing draft: the leader who is to sign it, chosen when it is submitted. With a
    #: two-level review it first waits for the head of the drafting unit (``approver_id``
    #: names them, state "reviewing"), who passes it on to this leader.
    signer_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    #: Outgoing draft: who signs it before the leader (người ký trước: the secretary of a
    #: meeting's minutes, whose block THƯ KÝ is beside the chair's), if anyone; their
    #: signature comes first (``documents.signing``, kind ``cosigner``).
    cosigner_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    #: The title printed over the co-signer's block, which their signature is placed by
    #: ("THƯ KÝ"); empty: their position.
    cosigner_position: Mapped[str] = mapped_column(String(200), default="")
    #: Outgoing reply: the incoming document it answers (closes its follow-up line).
    reply_to_id: Mapped[str | None] = mapped_column(ForeignKey("documents.id"), nullable=True)
    #: Incoming copy made by internal delivery: the outgoing original.
    source_document_id: Mapped[str | None] = mapped_column(
        ForeignKey("documents.id"), nullable=True
    )
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    return_reason: Mapped[str] = mapped_column(Text, default="")

    files: Mapped[list[DocumentFile]] = relationship(
        back_populates="document",
        cascade="all, delete-orphan",
        order_by="DocumentFile.position",
        lazy="selectin",
    )

    @property
    def is_secret(self) -> bool:
        return self.secrecy != "none"

    @property
    def number_label(self) -> str:
        """Số/ký hiệu as printed, e.g. ``12/QĐ-UBND``; "chờ cấp số" while pending."""
        if self.code_number is None:
            return "chờ cấp số"
        return f"{self.code_number}/{self.code_notation}" if self.code_notation else self.code_number


class DocumentFile(Base):
    """A PDF of a document: the main file or an attachment, stored by SHA-256."""

    __tablename__ = "document_files"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    digest: Mapped[str] = mapped_column(String(64), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(BigInteger)
    page_count: Mapped[int] = mapped_column(Integer, default=0)
    is_main: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)
    #: The signatures eoffice added to this file, in order (``signer,agency``; see
    #: ``documents.signing``): what a user may still sign on it without opening the PDF.
    signed_kinds: Mapped[str] = mapped_column(String(60), default="")

    document: Mapped[Document] = relationship(back_populates="files")


class DocumentDirection(Synced, Base):
    """A leader's direction (bút phê) on an incoming document: free text plus lines."""

    __tablename__ = "document_directions"
    #: The documents a person directed (``visibility.names_user``).
    #: Read from the index alone: with one leader directing everything a table scan
    #: looked cheaper to SQLite than the index without ``deleted`` and ``document_id``.
    __table_args__ = (Index("ix_directions_leader", "leader_id", "deleted", "document_id"),)

    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    leader_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DirectionLine(Synced, Base):
    """One recipient of a direction: a unit or a person, their part, deadline and state.

    ``parent_line_id`` links a line forwarded down the org tree to the line it came from.
    """

    __tablename__ = "direction_lines"
    __table_args__ = (
        Index("ix_lines_user_state", "user_id", "state"),
        Index("ix_lines_unit_state", "unit_id", "state"),
        #: Due-soon / overdue lists of a whole organisation (clerks, leaders).
        Index("ix_lines_state_deadline", "state", "deadline", "document_id"),
    )

    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    direction_id: Mapped[str] = mapped_column(ForeignKey("document_directions.id"))
    parent_line_id: Mapped[str | None] = mapped_column(
        ForeignKey("direction_lines.id"), nullable=True
    )
    role: Mapped[str] = mapped_column(String(12))  # LineRole
    unit_id: Mapped[str | None] = mapped_column(ForeignKey("units.id"), nullable=True)
    user_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    deadline: Mapped[date | None] = mapped_column(Date, nullable=True)
    state: Mapped[str] = mapped_column(String(12), default="waiting")  # LineState
    return_reason: Mapped[str] = mapped_column(Text, default="")
    result_note: Mapped[str] = mapped_column(Text, default="")
    reply_document_id: Mapped[str | None] = mapped_column(
        ForeignKey("documents.id"), nullable=True
    )
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class SavedSearch(Base):
    """A user's named search: the query text and filters as JSON."""

    __tablename__ = "saved_searches"
    __table_args__ = (UniqueConstraint("user_id", "name"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    query: Mapped[str] = mapped_column(Text, default="")
    filters_json: Mapped[str] = mapped_column(Text, default="{}")


class DocumentSearch(Base):
    """Diacritic-folded text of a document's fields and PDFs, fed to the full-text index.

    ``seq`` equals the document's ``sort_key``, so the index yields newest-first order
    without sorting its matches. SQLite indexes it with FTS5, PostgreSQL with a GIN index.
    """

    __tablename__ = "document_search"

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), unique=True)
    fields_text: Mapped[str] = mapped_column(Text, default="")
    body_text: Mapped[str] = mapped_column(Text, default="")


# The delegations (ủy quyền) live with their rules; imported here so that the documents'
# tables are all known wherever this module is.
from eoffice.documents.delegations import Delegation  # noqa: E402, F401

