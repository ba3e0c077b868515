"""The trusted CA roots (chứng thư số gốc) the admin keeps in the database.

The server's table is the province's list; it syncs to every client (a root certificate
is public), so a desktop verifies against the same roots as the server, offline too.
A root's id is derived from its fingerprint, so the same certificate has the same row on
every computer whoever added it; removing one leaves a tombstone that clients follow.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.errors import DuplicateError, NotFound, ValidationError
from eoffice.signing.models import TrustedRoot

#: Namespace of trusted roots' ids (uuid5 of the SHA-256 fingerprint).
ROOT_NAMESPACE = uuid.UUID("6f2d8a4e-0d0b-5c1e-9a57-3c9b1e2f7a10")
MAX_PEM = 20_000


@dataclass(frozen=True)
class TrustedRootInfo:
    id: str
    subject: str
    fingerprint_sha256: str
    added_at: datetime
    not_after: datetime


def root_id_for(fingerprint: str) -> str:
    """The id a root with this SHA-256 fingerprint has everywhere."""
    return str(uuid.uuid5(ROOT_NAMESPACE, fingerprint))


def parse_root(pem: bytes) -> tuple[x509.Certificate, str]:
    """The CA certificate in ``pem`` and its fingerprint; refuses anything that is not a CA."""
    if len(pem) > MAX_PEM:
        raise ValidationError("Tệp chứng thư quá lớn.", "The certificate file is too large.", field="pem")
    try:
        cert = x509.load_pem_x509_certificate(pem)
    except ValueError:
        raise ValidationError(
            "Tệp không phải chứng thư số dạng PEM.", "The file is not a PEM certificate.", field="pem"
        ) from None
    try:
        is_ca = cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    except x509.ExtensionNotFound:
        is_ca = False
    try:
        can_sign_certs = cert.extensions.get_extension_for_class(x509.KeyUsage).value.key_cert_sign
    except x509.ExtensionNotFound:
        can_sign_certs = True
    if not (is_ca and can_sign_certs):
        subject = cert.subject.rfc4514_string()
        raise ValidationError(
            f"Chứng thư “{subject}” không phải của tổ chức cung cấp dịch vụ chứng thực (CA).",
            f"Certificate “{subject}” is not a CA certificate.",
            field="pem",
        )
    return cert, hashlib.sha256(cert.public_bytes(Encoding.DER)).hexdigest()


def _info(row: TrustedRoot) -> TrustedRootInfo:
    return TrustedRootInfo(
        row.id, row.subject, row.fingerprint_sha256, row.added_at,
        x509.load_pem_x509_certificate(row.pem.encode("ascii")).not_valid_after_utc,
    )


def trusted_roots(session: Session) -> list[x509.Certificate]:
    """Every trusted root, for ``verify_pdf``."""
    pems = session.scalars(select(TrustedRoot.pem).where(TrustedRoot.deleted.is_(False)))
    return [x509.load_pem_x509_certificate(pem.encode("ascii")) for pem in pems]


def list_trusted_roots(session: Session) -> list[TrustedRootInfo]:
    rows = session.scalars(
        select(TrustedRoot).where(TrustedRoot.deleted.is_(False)).order_by(TrustedRoot.subject)
    ).all()
    return [_info(r) for r in rows]


def add_trusted_root(session: Session, pem: bytes, *, actor_id: str | None = None) -> TrustedRootInfo:
    """Trust a CA certificate (PEM); refuses a non-CA and a duplicate; audited.

    A root removed before is trusted again in its old row (its tombstone comes back to life).
    """
    from eoffice.audit.chain import record
    from eoffice.store.base import utcnow

    cert, fingerprint = parse_root(pem)
    subject = cert.subject.rfc4514_string()
    row = session.scalars(select(TrustedRoot).where(TrustedRoot.fingerprint_sha256 == fingerprint)).first()
    if row is not None and not row.deleted:
        raise DuplicateError(
            f"Chứng thư gốc “{subject}” đã có trong danh sách tin cậy.", f"Root “{subject}” is already trusted."
        )
    if row is None:
        row = TrustedRoot(
            id=root_id_for(fingerprint), subject=subject[:1000], fingerprint_sha256=fingerprint,
            pem=cert.public_bytes(Encoding.PEM).decode("ascii"), added_at=utcnow(),
        )
        session.add(row)
    else:
        row.deleted = False
        row.added_at = utcnow()
    session.flush()
    record(
        session, actor_id=actor_id, action="trusted_root.add", target_type="trusted_root", target_id=row.id,
        after={"subject": row.subject, "fingerprint_sha256": fingerprint},
    )
    return _info(row)


def remove_trusted_root(session: Session, root_id: str, *, actor_id: str | None = None) -> None:
    """Stop trusting a root (a tombstone, so clients drop it too); audited."""
    from eoffice.audit.chain import record

    row = session.get(TrustedRoot, root_id)
    if row is None or row.deleted:
        raise NotFound("Không có chứng thư gốc này.", "No such trusted root.")
    record(
        session, actor_id=actor_id, action="trusted_root.remove", target_type="trusted_root", target_id=row.id,
        before={"subject": row.subject, "fingerprint_sha256": row.fingerprint_sha256},
    )
    row.deleted = True
    session.flush()
