"""The org chart: who works where and in which role."""

from __future__ import annotations

import enum

from datetime import date

from sqlalchemy import Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eoffice.store.base import Base, Synced


class Role(str, enum.Enum):
    """What a user may do. One user may hold several roles."""

    CLERK = "clerk"  # văn thư
    OFFICER = "officer"  # chuyên viên
    LEADER = "leader"  # lãnh đạo
    ADMIN = "admin"  # quản trị


class Organisation(Synced, Base):
    """An agency (cơ quan, tổ chức) with its 13-character identifier (mã định danh)."""

    __tablename__ = "organisations"

    organ_id: Mapped[str] = mapped_column(String(13), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    abbreviation: Mapped[str] = mapped_column(String(30))  # e.g. UBND, SNV
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("organisations.id"), nullable=True)
    #: SHA-256 of the seal image (hình con dấu, a transparent PNG) in the blob store: the
    #: agency signature's appearance. Public, like the seal printed on every document.
    seal_digest: Mapped[str | None] = mapped_column(String(64), nullable=True)
    #: How many people a draft goes to before it is signed (quy trình trình ký): 1, the
    #: drafter submits to the leader who signs; 2, the head of the drafting unit (trưởng
    #: đơn vị) reviews it first and passes it on or returns it. Set by the server's admin.
    draft_review_levels: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    units: Mapped[list[Unit]] = relationship(back_populates="organisation")


class Unit(Synced, Base):
    """A unit inside an organisation (phòng, ban); units form a tree."""

    __tablename__ = "units"
    __table_args__ = (
        UniqueConstraint("organisation_id", "code"),
        Index("ix_units_org_version", "organisation_id", "server_version"),  # pull pages
    )

    organisation_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), index=True)
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("units.id"), nullable=True)
    code: Mapped[str] = mapped_column(String(30))  # abbreviation used in notations, e.g. VP
    name: Mapped[str] = mapped_column(String(300))
    #: The head of the unit (trưởng đơn vị, trưởng phòng), who reviews the unit's drafts
    #: when the organisation reviews in two levels. No foreign key: units sync before users,
    #: and a unit's row must load before the user who heads it has arrived.
    head_user_id: Mapped[str | None] = mapped_column(String(36), nullable=True)

    organisation: Mapped[Organisation] = relationship(back_populates="units")


class User(Synced, Base):
    """A person who signs in; ``position`` is the title printed under a signature."""

    __tablename__ = "users"
    __table_args__ = (Index("ix_users_org_version", "organisation_id", "server_version"),)  # pull pages

    username: Mapped[str] = mapped_column(String(80), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    organisation_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), index=True)
    unit_id: Mapped[str | None] = mapped_column(ForeignKey("units.id"), nullable=True, index=True)
    position: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str | None] = mapped_column(String(300), nullable=True)
    #: SHA-256 of the user's signature image (hình chữ ký, a transparent PNG) in the blob
    #: store, set from their profile; it follows them to every computer they sign in on.
    signature_digest: Mapped[str | None] = mapped_column(String(64), nullable=True)

    role_rows: Mapped[list[UserRole]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def roles(self) -> set[Role]:
        return {Role(r.role) for r in self.role_rows}

    def has_role(self, role: Role) -> bool:
        return any(r.role == role.value for r in self.role_rows)


class UserRole(Base):
    __tablename__ = "user_roles"

    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(20), primary_key=True)


class Holiday(Base):
    """A configured public holiday or compensatory day off; skipped by deadlines."""

    __tablename__ = "holidays"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
