"""The trusted CA roots (chứng thư số gốc) the admin keeps in the database.

Adding one reuses the server admin's checks (a CA certificate, no duplicate, audited);
this module lists them for verification and removes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cryptography import x509
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.errors import NotFound


@dataclass(frozen=True)
class TrustedRootInfo:
    id: str
    subject: str
    fingerprint_sha256: str
    added_at: datetime
    not_after: datetime


def trusted_roots(session: Session) -> list[x509.Certificate]:
    """Every trusted root, for ``verify_pdf``."""
    from eoffice.server.models import TrustedRoot

    return [x509.load_pem_x509_certificate(pem.encode("ascii")) for pem in session.scalars(select(TrustedRoot.pem))]


def list_trusted_roots(session: Session) -> list[TrustedRootInfo]:
    from eoffice.server.models import TrustedRoot

    rows = session.scalars(select(TrustedRoot).order_by(TrustedRoot.subject)).all()
    return [
        TrustedRootInfo(
            r.id, r.subject, r.fingerprint_sha256, r.added_at,
            x509.load_pem_x509_certificate(r.pem.encode("ascii")).not_valid_after_utc,
        )
        for r in rows
    ]


def add_trusted_root(session: Session, pem: bytes, *, actor_id: str | None = None) -> TrustedRootInfo:
    """Trust a CA certificate (PEM); refuses a non-CA and a duplicate."""
    from eoffice.server.admin import add_trusted_root as add

    row = add(session, pem, actor_id=actor_id)
    return TrustedRootInfo(
        row.id, row.subject, row.fingerprint_sha256, row.added_at,
        x509.load_pem_x509_certificate(row.pem.encode("ascii")).not_valid_after_utc,
    )


def remove_trusted_root(session: Session, root_id: str, *, actor_id: str | None = None) -> None:
    from eoffice.audit.chain import record
    from eoffice.server.models import TrustedRoot

    row = session.get(TrustedRoot, root_id)
    if row is None:
        raise NotFound("Không có chứng thư gốc này.", "No such trusted root.")
    record(
        session, actor_id=actor_id, action="trusted_root.remove", target_type="trusted_root", target_id=row.id,
        before={"subject": row.subject, "fingerprint_sha256": row.fingerprint_sha256},
    )
    session.delete(row)
    session.flush()
