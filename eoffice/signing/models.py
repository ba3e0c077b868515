"""The trusted CA roots (chứng thư số gốc) as rows: the admin's list, synced to every client.

Every desktop verifies signatures against the same roots as the server, offline too, so
the roots travel with a pull like the org chart does (a root certificate is public).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from eoffice.store.base import Base, Synced, utcnow


class TrustedRoot(Synced, Base):
    """A CA certificate the admin trusts for signature verification (chứng thư số gốc).

    Removing one leaves a tombstone (``deleted``), so that clients drop it too.
    """

    __tablename__ = "trusted_roots"

    subject: Mapped[str] = mapped_column(String(1000))
    fingerprint_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    pem: Mapped[str] = mapped_column(Text)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
