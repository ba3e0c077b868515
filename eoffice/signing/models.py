"""The trusted CA roots (chứng thư số gốc) and the certificates registered to their holders.

Every desktop verifies signatures against the same roots as the server, offline too, so
the roots travel with a pull like the org chart does (a root certificate is public). The
registered certificates say whose e-card (or which organisation's) each certificate is.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, String, Text
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


class SigningCertificate(Synced, Base):
    """A certificate registered to a person's e-card, or to an organisation (the agency's).

    The binding of ``eoffice.signing.ownership``: a signer signature must be made with a
    certificate registered to the signer, a seal with one registered to the organisation.
    One certificate belongs to one holder (``fingerprint_sha256`` is unique). Issuer and
    serial are kept as the verifier reports them (RFC 4514 text, hex), so that a signature
    is matched to its row without the certificate's bytes. The rows of an organisation
    (its people's and its own) travel to that organisation's desktops, which refuse a
    card that is not the user's before its PIN is asked; removing one leaves a tombstone.
    """

    __tablename__ = "signing_certificates"
    __table_args__ = (
        Index("ix_signing_certificates_issuer_serial", "serial", "issuer"),
        Index("ix_signing_certificates_org_version", "organisation_id", "server_version"),  # pull pages
    )

    #: The holder's organisation (the organisation itself for an agency certificate).
    organisation_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"))
    #: The person whose e-card it is; None for the organisation's own (agency) certificate.
    user_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True, index=True)
    fingerprint_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    subject: Mapped[str] = mapped_column(String(1000))
    issuer: Mapped[str] = mapped_column(String(1000))
    serial: Mapped[str] = mapped_column(String(80))
    pem: Mapped[str] = mapped_column(Text)
    not_after: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
