"""Server-side rows: refresh tokens and the limits on failed sign-ins.

They live apart from ``users`` on purpose: sign-in state changes on every login and
never syncs to clients. The trusted CA roots, which do sync, are ``eoffice.signing.models``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from eoffice.store.base import Base, UUIDPk, utcnow


class RefreshToken(UUIDPk, Base):
    """A long-lived sign-in; only the SHA-256 of the token is kept.

    Every refresh replaces the token with a new one of the same ``family_id`` (one
    sign-in on one device). A replaced token shown again means it was stolen: the whole
    family is revoked.
    """

    __tablename__ = "refresh_tokens"

    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    family_id: Mapped[str] = mapped_column(String(36), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    replaced_by: Mapped[str | None] = mapped_column(String(36), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class LoginLimit(Base):
    """Failed sign-ins counted for one source address, one account, or one account from
    one source (``scope``), and what they cost now.

    The source's count blocks an address that guesses at many accounts; the pair's
    count locks that address out of that account; the account's count only spaces out
    guesses from everywhere (a delay, never a lock), so that no stranger can lock the
    account's owner out. Kept in the database, not in a process, so that several server
    processes on one PostgreSQL database count together.
    """

    __tablename__ = "login_limits"

    #: ``scope|source|username`` (the part that does not apply is empty).
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    scope: Mapped[str] = mapped_column(String(10))  # source, account, pair
    source: Mapped[str] = mapped_column(String(100), default="")
    username: Mapped[str] = mapped_column(String(80), default="", index=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    #: When the failures being counted began (a source's count starts over after a window).
    window_start: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    last_failure_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
