"""A written opinion signed with the member's e-card (optional): the answer's own words,
signed as a detached CMS signature, checked by the server.

What is signed is a short text that names the poll, the member, the choice and the
opinion's text (``signed_text``): a signature lifted from one answer cannot pass for
another, nor for another member's. The server (the authority) checks that the signature
is intact, that its certificate chains to one of the province's trusted roots and was
valid when checked, and that it is the member's own (``signing.ownership``: registered to
them, or naming them); it then keeps the signature and the signer's name on the answer.
A desk offline keeps the signature unchecked: the name appears when the server's row
comes back.
"""

from __future__ import annotations

import asyncio
import base64
import binascii

from cryptography import x509
from sqlalchemy.orm import Session

from eoffice.directory.models import User
from eoffice.errors import ValidationError
from eoffice.signing.keys import SigningKey
from eoffice.signing.ownership import CertificateIdentity, check_signature_certificate
from eoffice.signing.trust import trusted_roots

#: The kind of signature whose certificate must be the acting person's own (``signing.ownership``).
SIGNER = "signer"
#: The bound of a signature as an operation carries it (base64 of a CMS with its chain).
MAX_SIGNATURE = 40_000


def signed_text(poll_id: str, user_id: str, choice: str, text: str) -> bytes:
    """The bytes a member signs for an answer (UTF-8, one field per line)."""
    lines = ["eOffice: phiếu lấy ý kiến", f"poll: {poll_id}", f"member: {user_id}", f"choice: {choice}",
             f"text: {text.strip()}"]
    return "\n".join(lines).encode("utf-8")


def sign_answer(key: SigningKey, poll_id: str, user_id: str, choice: str, text: str) -> str:
    """The answer signed with ``key`` (an e-card or a certificate file), as base64 of the
    CMS signature (detached, SHA-256, with the certificate's chain)."""
    from pyhanko.sign.signers import Signer

    signer = key.signer
    assert isinstance(signer, Signer)
    data = signed_text(poll_id, user_id, choice, text)
    signed = asyncio.run(signer.async_sign_general_data(data, "sha256", detached=True))
    return base64.b64encode(signed.dump()).decode("ascii")


def _invalid(reason_vi: str, reason_en: str) -> ValidationError:
    return ValidationError(
        f"Chữ ký số trên ý kiến không hợp lệ: {reason_vi}.",
        f"The answer's digital signature is not valid: {reason_en}.", field="signature",
    )


def check_signed_answer(
    session: Session, actor: User, poll_id: str, choice: str, text: str, signature: str
) -> str:
    """The signer's name when ``signature`` is ``actor``'s valid signature of this answer;
    a ValidationError (or ``CertificateNotOwned``) saying why not."""
    from asn1crypto import cms
    from pyhanko.sign.validation import async_validate_detached_cms
    from pyhanko_certvalidator import ValidationContext

    try:
        raw = base64.b64decode(signature, validate=True)
        content = cms.ContentInfo.load(raw)
        signed_data = content["content"]
        signed_data.native  # noqa: B018  (parses it all: a damaged structure fails here)
    except (binascii.Error, ValueError, TypeError, KeyError):
        raise _invalid("không đọc được chữ ký", "it cannot be read") from None
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding

    roots = [asn1_x509.Certificate.load(c.public_bytes(Encoding.DER)) for c in trusted_roots(session)]
    context = ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")
    data = signed_text(poll_id, actor.id, choice, text)
    try:
        status = asyncio.run(async_validate_detached_cms(data, signed_data, signer_validation_context=context))
    except Exception:  # noqa: BLE001  (pyHanko refuses a malformed SignedData in many ways)
        raise _invalid("không đọc được chữ ký", "it cannot be read") from None
    if not (status.intact and status.valid):
        raise _invalid("nội dung ký không khớp với ý kiến", "it does not cover this answer")
    if not status.trusted:
        raise _invalid(
            "chứng thư số không thuộc tổ chức cung cấp dịch vụ chứng thực được tin cậy hoặc đã hết hạn",
            "the certificate is not from a trusted authority, or it has expired",
        )
    cert = x509.load_der_x509_certificate(status.signing_cert.dump())
    identity = CertificateIdentity.of(cert)
    check_signature_certificate(session, actor, actor.organisation_id, SIGNER, identity)  # a person's
    return identity.common_name
