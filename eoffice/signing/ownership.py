"""Whose certificate a signature may be made with: the rule, and the registered certificates.

A signature says who signed only if the certificate is the signer's. The rule, the same on
the server (which decides) and on the desktop (which refuses another's card before its
PIN is asked):

- a **signer** signature (``signer``: the leader approving a draft) must be made with a
  certificate of the acting user; a **seal** (``agency``, and the ``attachment`` stamp)
  with a certificate of the document's organisation;
- **registered certificates decide.** The admin registers each e-card's certificate to
  its holder (``eoffice admin register-certificate``; the demo registers every soft
  card), kept in ``signing_certificates`` by SHA-256 fingerprint with its issuer and
  serial. When the holder has any registered certificate, only those are theirs; a
  certificate registered to anyone is that holder's and nobody else's;
- **the subject rule** holds only for a holder with no registered certificate (a
  province that has not registered its cards yet): a person's certificate names them
  by its common name (CN equal to their full name, compared without case, accents kept,
  spaces collapsed) and, if it carries a user id (UID), that id is not another user's
  account name; an organisation's certificate has the organisation's name as its CN and
  no UID (a person's card never passes for the agency's).

A certificate is identified as the verifier reports it (issuer and serial: unique for a
CA, and the chain is checked to a trusted root before this rule is asked), so a signature
is matched to its registration without its bytes; the desktop compares the same pair.
"""

from __future__ import annotations

import hashlib
import unicodedata
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from eoffice.directory.models import Organisation, User
from eoffice.errors import DuplicateError, NotFound, PermissionDenied, ValidationError
from eoffice.signing.models import SigningCertificate

#: Namespace of registered certificates' ids (uuid5 of the SHA-256 fingerprint).
CERTIFICATE_NAMESPACE = uuid.UUID("0c6a3f5e-58a1-5b7e-8d3c-2a9e41f0b7d4")
MAX_PEM = 20_000
PERSON = "person"
ORGANISATION = "organisation"


class CertificateNotOwned(PermissionDenied):
    """The signature's certificate is not the acting user's (or not the organisation's)."""


@dataclass(frozen=True)
class CertificateIdentity:
    """A certificate as the verifier reports it: subject and issuer (RFC 4514), serial (hex)."""

    subject: str
    issuer: str
    serial: str

    @classmethod
    def of(cls, cert: x509.Certificate) -> CertificateIdentity:
        return cls(cert.subject.rfc4514_string(), cert.issuer.rfc4514_string(), format(cert.serial_number, "x"))

    @property
    def key(self) -> tuple[str, str]:
        return (self.issuer, self.serial.lower().lstrip("0") or "0")

    @cached_property
    def _name(self) -> x509.Name | None:
        try:
            return x509.Name.from_rfc4514_string(self.subject)
        except ValueError:
            return None

    def attribute(self, oid: x509.ObjectIdentifier) -> list[str]:
        """The subject's values of ``oid`` (none when the subject cannot be read: fails closed)."""
        if self._name is None:
            return []
        return [str(a.value) for a in self._name.get_attributes_for_oid(oid)]

    @property
    def common_name(self) -> str:
        names = self.attribute(NameOID.COMMON_NAME)
        return names[0] if names else self.subject


@dataclass(frozen=True)
class Holder:
    """Whom a certificate is registered to, or whose account its UID names."""

    name: str  # the person's full name, or the organisation's name
    user_id: str | None  # None: the organisation itself
    organisation_id: str

    def describe(self, language: str = "vi") -> str:
        if self.user_id is not None:
            return self.name
        return f"cơ quan {self.name}" if language != "en" else f"the organisation {self.name}"


@dataclass(frozen=True)
class CertificateOwner:
    """Who must hold the certificate of a signature, with what the rule needs about them.

    Plain data, so that the desktop reads it once with the signing plan and judges each
    key the user picks without a database session.
    """

    kind: str  # PERSON or ORGANISATION
    organisation_id: str
    name: str  # the person's full name or the organisation's name
    user_id: str | None = None
    #: The holder's registered certificates (issuer, serial): when any, only these.
    registered: frozenset[tuple[str, str]] = frozenset()
    #: Certificates registered to others, and accounts a UID may name, as known here
    #: (the desktop's view of its organisation; the server asks the database instead).
    others: Mapping[tuple[str, str], Holder] = field(default_factory=dict)
    usernames: Mapping[str, Holder] = field(default_factory=dict)

    def describe(self, language: str = "vi") -> str:
        return Holder(self.name, self.user_id if self.kind == PERSON else None, self.organisation_id).describe(language)

    def check(self, identity: CertificateIdentity) -> None:
        """Refuse ``identity`` unless it is this holder's (the desktop, with what it knows)."""
        uid = next(iter(identity.attribute(NameOID.USER_ID)), "")
        judge(self, identity, self.others.get(identity.key), self.usernames.get(_norm(uid)) if uid else None)


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def judge(
    owner: CertificateOwner, identity: CertificateIdentity, registered_to: Holder | None, uid_names: Holder | None
) -> None:
    """The rule (see the module): raises CertificateNotOwned saying whose certificate it is.

    ``registered_to``: the holder the certificate is registered to, if any;
    ``uid_names``: the user whose account name the certificate's UID is, if any.
    """
    if identity.key in owner.registered:
        return
    if registered_to is not None:
        raise _not_owned(owner, identity, registered_to)
    if owner.registered:
        cn, serial = identity.common_name, identity.serial
        raise CertificateNotOwned(
            f"Không chấp nhận chứng thư số “{cn}” (số sê-ri {serial}): đây không phải chứng thư số đã đăng ký cho "
            f"{owner.describe('vi')}. Hãy dùng thẻ ký số đã đăng ký, hoặc đề nghị quản trị đăng ký thẻ mới.",
            f"The certificate “{cn}” (serial {serial}) is not accepted: it is not one registered to "
            f"{owner.describe('en')}. Use the registered e-card, or ask the admin to register the new one.",
            field="certificate",
        )
    named = bool(identity.attribute(NameOID.COMMON_NAME)) and _norm(identity.common_name) == _norm(owner.name)
    if owner.kind == PERSON:
        if uid_names is not None and uid_names.user_id != owner.user_id:
            raise _not_owned(owner, identity, uid_names)
        if named:
            return
    elif named and not identity.attribute(NameOID.USER_ID):
        return
    raise _not_owned(owner, identity, None)


def _not_owned(owner: CertificateOwner, identity: CertificateIdentity, holder: Holder | None) -> CertificateNotOwned:
    cn = identity.common_name
    if owner.kind == PERSON:
        rule_vi = "Người ký phải ký bằng thẻ ký số (chứng thư số) của chính mình."
        rule_en = "A signer signs with their own e-card (certificate)."
    else:
        rule_vi = "Chữ ký số của cơ quan (đóng dấu) phải dùng chứng thư số của cơ quan, không dùng thẻ cá nhân."
        rule_en = "The agency signature (seal) is made with the organisation's certificate, not a personal card."
    whose_vi = f" của {holder.describe('vi')}" if holder is not None else ""
    whose_en = f" of {holder.describe('en')}" if holder is not None else ""
    return CertificateNotOwned(
        f"Không chấp nhận chứng thư số “{cn}”{whose_vi}: đây không phải chứng thư số của {owner.describe('vi')}. "
        f"{rule_vi}",
        f"The certificate “{cn}”{whose_en} is not accepted: it is not {owner.describe('en')}'s. {rule_en}",
        field="certificate",
    )


# --------------------------------------------------------------------------- who must hold it


def _active() -> ColumnElement[bool]:
    return SigningCertificate.deleted.is_(False)


def _holder(session: Session, row: SigningCertificate) -> Holder:
    if row.user_id is not None:
        user = session.get(User, row.user_id)
        return Holder(user.full_name if user else row.user_id, row.user_id, row.organisation_id)
    org = session.get(Organisation, row.organisation_id)
    return Holder(org.name if org else row.organisation_id, None, row.organisation_id)


#: Signatures made with a person's own certificate: the approver's and a co-signer's.
PERSONAL_KINDS = ("signer", "cosigner")


def owner_for(
    session: Session, actor: User, organisation_id: str, kind: str, *, with_others: bool = False
) -> CertificateOwner:
    """Who must hold the certificate of a ``kind`` signature (``signer`` or ``cosigner``:
    the actor's own; ``agency``, ``attachment``: the organisation's) that ``actor`` adds to
    a document of ``organisation_id``.

    ``with_others``: also the organisation's certificates registered to others and its
    accounts (the desktop's plan, judged later without a session).
    """
    if kind in PERSONAL_KINDS:
        rows = session.scalars(select(SigningCertificate).where(SigningCertificate.user_id == actor.id, _active()))
        owner = CertificateOwner(
            PERSON, actor.organisation_id, actor.full_name, actor.id, frozenset(_key(r) for r in rows),
        )
    else:
        org = session.get(Organisation, organisation_id)
        if org is None:
            raise NotFound("Không tìm thấy cơ quan.", "Organisation not found.")
        rows = session.scalars(select(SigningCertificate).where(
            SigningCertificate.organisation_id == organisation_id, SigningCertificate.user_id.is_(None), _active(),
        ))
        owner = CertificateOwner(ORGANISATION, org.id, org.name, registered=frozenset(_key(r) for r in rows))
    if not with_others:
        return owner
    others = {
        _key(r): _holder(session, r)
        for r in session.scalars(select(SigningCertificate).where(
            SigningCertificate.organisation_id == owner.organisation_id, _active()
        ))
        if _key(r) not in owner.registered
    }
    usernames = {
        _norm(u.username): Holder(u.full_name, u.id, u.organisation_id)
        for u in session.scalars(select(User).where(User.organisation_id == owner.organisation_id))
    }
    return CertificateOwner(
        owner.kind, owner.organisation_id, owner.name, owner.user_id, owner.registered, others, usernames
    )


def _key(row: SigningCertificate) -> tuple[str, str]:
    return CertificateIdentity(row.subject, row.issuer, row.serial).key


def check_signature_certificate(
    session: Session, actor: User, organisation_id: str, kind: str, identity: CertificateIdentity | None
) -> None:
    """The server's (the authority's) check of a new signature's certificate: the rule,
    with every registration and account of the database. Raises CertificateNotOwned."""
    if identity is None:
        raise CertificateNotOwned(
            "Máy chủ không xác định được chứng thư số của chữ ký mới.",
            "The server could not tell the new signature's certificate.",
            field="certificate",
        )
    owner = owner_for(session, actor, organisation_id, kind)
    issuer, serial = identity.key
    row = session.scalars(select(SigningCertificate).where(
        SigningCertificate.serial == serial, SigningCertificate.issuer == issuer, _active()
    )).first()
    uid = next(iter(identity.attribute(NameOID.USER_ID)), "")
    named = None
    if uid:
        user = session.scalars(select(User).where(User.username == _norm(uid))).first()
        named = Holder(user.full_name, user.id, user.organisation_id) if user is not None else None
    judge(owner, identity, _holder(session, row) if row is not None else None, named)


# --------------------------------------------------------------------------- registering


@dataclass(frozen=True)
class RegisteredCertificate:
    id: str
    holder: str
    subject: str
    fingerprint_sha256: str


def certificate_id_for(fingerprint: str) -> str:
    """The id a registered certificate with this SHA-256 fingerprint has everywhere."""
    return str(uuid.uuid5(CERTIFICATE_NAMESPACE, fingerprint))


def parse_certificate(data: bytes) -> x509.Certificate:
    """A signing (end-entity) certificate from PEM or DER; refuses a CA certificate."""
    if len(data) > MAX_PEM:
        raise ValidationError("Tệp chứng thư quá lớn.", "The certificate file is too large.", field="pem")
    try:
        cert = x509.load_pem_x509_certificate(data) if b"-----BEGIN" in data else x509.load_der_x509_certificate(data)
    except ValueError:
        raise ValidationError(
            "Tệp không phải chứng thư số (PEM hoặc DER).", "The file is not a certificate (PEM or DER).", field="pem"
        ) from None
    try:
        is_ca = cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    except x509.ExtensionNotFound:
        is_ca = False
    if is_ca:
        raise ValidationError(
            "Chứng thư của tổ chức chứng thực (CA) không đăng ký cho người ký; hãy dùng chứng thư trên thẻ ký số.",
            "A CA certificate is not registered to a signer; use the e-card's certificate.",
            field="pem",
        )
    return cert


def fingerprint(cert: x509.Certificate) -> str:
    return hashlib.sha256(cert.public_bytes(Encoding.DER)).hexdigest()


def register_certificate(
    session: Session, data: bytes, *, user_id: str | None = None, organisation_id: str | None = None,
    actor_id: str | None = None,
) -> RegisteredCertificate:
    """Register a certificate to a person's e-card (``user_id``) or to an organisation
    (``organisation_id``: its agency certificate); audited. One certificate has one holder:
    one registered to another is refused (remove it there first)."""
    from eoffice.audit.chain import record
    from eoffice.store.base import utcnow

    if (user_id is None) == (organisation_id is None):
        raise ValueError("register a certificate to a user or to an organisation")
    cert = parse_certificate(data)
    if user_id is not None:
        user = session.get(User, user_id)
        if user is None or user.deleted:
            raise NotFound("Không có người dùng này.", "No such user.")
        org_id, holder = user.organisation_id, Holder(user.full_name, user.id, user.organisation_id)
    else:
        org = session.get(Organisation, organisation_id)
        if org is None or org.deleted:
            raise NotFound("Không có cơ quan này.", "No such organisation.")
        org_id, holder = org.id, Holder(org.name, None, org.id)
    identity = CertificateIdentity.of(cert)
    print_ = fingerprint(cert)
    row = session.scalars(select(SigningCertificate).where(SigningCertificate.fingerprint_sha256 == print_)).first()
    if row is not None and not row.deleted:
        taken, cn = _holder(session, row), identity.common_name
        raise DuplicateError(
            f"Chứng thư số “{cn}” đã được đăng ký cho {taken.describe('vi')}.",
            f"The certificate “{cn}” is already registered to {taken.describe('en')}.",
            field="pem",
        )
    if row is None:
        row = SigningCertificate(id=certificate_id_for(print_), fingerprint_sha256=print_)
        session.add(row)
    row.organisation_id, row.user_id, row.deleted = org_id, user_id, False
    row.subject, row.issuer, row.serial = identity.subject[:1000], identity.issuer[:1000], identity.key[1]
    row.pem = cert.public_bytes(Encoding.PEM).decode("ascii")
    row.not_after, row.added_at = cert.not_valid_after_utc, utcnow()
    session.flush()
    record(
        session, actor_id=actor_id, action="signing_certificate.register", target_type="signing_certificate",
        target_id=row.id, after={
            "holder": holder.describe(), "user_id": user_id, "organisation_id": org_id, "subject": row.subject,
            "fingerprint_sha256": print_,
        },
    )
    return RegisteredCertificate(row.id, holder.describe(), row.subject, print_)


def unregister_certificate(session: Session, data: bytes, *, actor_id: str | None = None) -> RegisteredCertificate:
    """Stop binding a certificate to its holder (a lost or replaced card); audited."""
    from eoffice.audit.chain import record

    cert = parse_certificate(data)
    print_ = fingerprint(cert)
    row = session.scalars(select(SigningCertificate).where(SigningCertificate.fingerprint_sha256 == print_)).first()
    if row is None or row.deleted:
        raise NotFound("Chứng thư số này chưa được đăng ký.", "This certificate is not registered.")
    holder = _holder(session, row)
    record(
        session, actor_id=actor_id, action="signing_certificate.remove", target_type="signing_certificate",
        target_id=row.id, before={"holder": holder.describe(), "subject": row.subject, "fingerprint_sha256": print_},
    )
    row.deleted = True
    session.flush()
    return RegisteredCertificate(row.id, holder.describe(), row.subject, print_)


def registered_certificates(
    session: Session, *, user_id: str | None = None, organisation_id: str | None = None
) -> list[x509.Certificate]:
    """The certificates registered to a user, or to an organisation itself."""
    where = SigningCertificate.user_id == user_id if user_id is not None else (
        (SigningCertificate.organisation_id == organisation_id) & SigningCertificate.user_id.is_(None)
    )
    pems: Iterable[str] = session.scalars(select(SigningCertificate.pem).where(where, _active()))
    return [x509.load_pem_x509_certificate(p.encode("ascii")) for p in pems]
