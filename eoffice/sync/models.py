"""Sync bookkeeping rows: operations the server applied, the client's cursor and outbox."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from eoffice.store.base import Base, utcnow


class AppliedOperation(Base):
    """An operation the server has seen, with its outcome: a retried op_id replays it.

    No foreign key to ``users``: the row must survive whatever happens to the user, and
    a forged op for an unknown user is still remembered as rejected.
    """

    __tablename__ = "applied_operations"

    op_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(36), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    applied_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    outcome: Mapped[str] = mapped_column(String(10))  # "accepted" / "rejected"
    reason_vi: Mapped[str] = mapped_column(Text, default="")
    reason_en: Mapped[str] = mapped_column(Text, default="")
    result_json: Mapped[str] = mapped_column(Text, default="{}")


class SyncState(Base):
    """The client's pull cursor (one row per name, e.g. the server it syncs with)."""

    __tablename__ = "sync_state"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    cursor: Mapped[int] = mapped_column(BigInteger, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class OutboxEntry(Base):
    """An operation made on the client, waiting to be pushed (in ``seq`` order)."""

    __tablename__ = "sync_outbox"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    op_id: Mapped[str] = mapped_column(String(36), unique=True)
    user_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(40))
    payload_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: "pending" until the server answers, then "accepted" or "rejected".
    state: Mapped[str] = mapped_column(String(10), default="pending", index=True)
    reason_vi: Mapped[str] = mapped_column(Text, default="")
    reason_en: Mapped[str] = mapped_column(Text, default="")


class BlobUpload(Base):
    """One user's upload of a blob the server verified (``PUT /blobs``), with its facts.

    The proof that the user holds those bytes: an operation may name a blob its user
    uploaded (``eoffice.sync.blobaccess``). ``size`` and ``page_count`` are the blob's own,
    measured by the server, which a file named in an operation must declare. ``claimed``
    once an accepted operation named the digest: from then on rows decide who reads it,
    and it is never swept; an upload nobody claims is removed after a grace period.
    """

    __tablename__ = "blob_uploads"

    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    uploaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    size: Mapped[int] = mapped_column(BigInteger)
    page_count: Mapped[int] = mapped_column(Integer)
    claimed: Mapped[bool] = mapped_column(Boolean, default=False)
