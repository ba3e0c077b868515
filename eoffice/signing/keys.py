"""A key to sign with, from an e-card (PKCS#11) or a PKCS#12 file, as one value.

Both give a pyHanko signer, the signer's certificate and the CA chain to embed: the
issuing CAs found on the token, in the file or in the trust store, so that a verifier
holding only the root can build the path.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization

from eoffice.signing.errors import CertificateNotUsable, SigningError, WrongPasswordError
from eoffice.signing.tokens import common_name, open_token_key


@dataclass
class SigningKey:
    """What signing needs: a pyHanko signer and the certificates to embed."""

    signer: object  # pyhanko.sign.signers.Signer
    certificate: x509.Certificate
    chain: list[x509.Certificate] = field(default_factory=list)
    source: str = "pkcs12"  # or "pkcs11"
    description: str = ""

    @property
    def signer_name(self) -> str:
        return common_name(self.certificate)

    @property
    def organisation(self) -> str:
        from cryptography.x509.oid import NameOID

        values = self.certificate.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
        return str(values[0].value) if values else ""

    def check_usable(self, moment: datetime | None = None) -> None:
        """Refuse a certificate outside its validity: such a signature is worthless."""
        moment = moment or datetime.now(timezone.utc)
        cert = self.certificate
        if moment < cert.not_valid_before_utc:
            raise CertificateNotUsable(
                f"Chứng thư số của {self.signer_name} chưa đến ngày có hiệu lực "
                f"({cert.not_valid_before_utc:%d/%m/%Y}).",
                f"The certificate of {self.signer_name} is not valid before {cert.not_valid_before_utc:%Y-%m-%d}.",
            )
        if moment > cert.not_valid_after_utc:
            raise CertificateNotUsable(
                f"Chứng thư số của {self.signer_name} đã hết hạn ngày {cert.not_valid_after_utc:%d/%m/%Y}.",
                f"The certificate of {self.signer_name} expired on {cert.not_valid_after_utc:%Y-%m-%d}.",
            )


def _asn1(cert: x509.Certificate):  # type: ignore[no-untyped-def]
    from asn1crypto import x509 as asn1_x509

    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _issued(child: x509.Certificate, parent: x509.Certificate) -> bool:
    if child.issuer != parent.subject:
        return False
    try:
        child.verify_directly_issued_by(parent)
    except (ValueError, TypeError, InvalidSignature, UnsupportedAlgorithm):  # signature or algorithm mismatch
        return False
    return True


def build_chain(cert: x509.Certificate, pool: Iterable[x509.Certificate]) -> list[x509.Certificate]:
    """The issuers of ``cert`` found in ``pool``, nearest first, up to a self-signed root."""
    candidates = list(pool)
    chain: list[x509.Certificate] = []
    current = cert
    while current.issuer != current.subject and len(chain) < 8:
        parent = next((c for c in candidates if c not in chain and c != current and _issued(current, c)), None)
        if parent is None:
            break
        chain.append(parent)
        current = parent
    return chain


def load_certificates(data: bytes) -> list[x509.Certificate]:
    """Every certificate in PEM (one or many) or DER ``data``."""
    if b"-----BEGIN" in data:
        return x509.load_pem_x509_certificates(data)
    return [x509.load_der_x509_certificate(data)]


def open_pkcs12(path: Path, password: str, trust_store: Iterable[x509.Certificate] = ()) -> SigningKey:
    """The key in a PKCS#12 file (.p12/.pfx)."""
    from asn1crypto import keys as asn1_keys
    from cryptography.hazmat.primitives.serialization import pkcs12
    from pyhanko.sign.signers import SimpleSigner
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise SigningError(
            f"Không đọc được tệp chứng thư số “{Path(path).name}”; hãy chọn lại tệp.",
            f"Cannot read the certificate file “{Path(path).name}”; choose it again.",
            detail=f"{path}: {err.strerror}",
        ) from err
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(data, password.encode("utf-8"))
    except ValueError:
        raise WrongPasswordError(str(path)) from None
    if key is None or cert is None:
        raise SigningError(
            f"Tệp “{Path(path).name}” không chứa chứng thư số dùng để ký.",
            f"The file “{Path(path).name}” holds no certificate to sign with.",
            detail=f"{path}: no private key with a certificate",
        )
    chain = build_chain(cert, [*extra, *trust_store])
    key_der = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )

    class _LoadedKeySigner(SimpleSigner):
        """SimpleSigner that keeps the loaded key: pyHanko parses it again (~0.1 s) per signature."""

        def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
            from cryptography.hazmat.primitives.asymmetric import ec, rsa
            from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
            from pyhanko_certvalidator.util import get_pyca_cryptography_hash

            mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
            hash_algo = get_pyca_cryptography_hash(digest_algorithm)
            if mechanism == "rsassa_pkcs1v15" and isinstance(key, rsa.RSAPrivateKey):
                return key.sign(data, PKCS1v15(), hash_algo)
            if mechanism == "ecdsa" and isinstance(key, ec.EllipticCurvePrivateKey):
                return key.sign(data, ec.ECDSA(hash_algo))
            return super().sign_raw(data, digest_algorithm)

    signer = _LoadedKeySigner(
        signing_cert=_asn1(cert),
        signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
        cert_registry=SimpleCertificateStore.from_certs([_asn1(c) for c in chain]),
    )
    return SigningKey(signer, cert, chain, "pkcs12", str(path))


@contextmanager
def open_pkcs11(
    module: str,
    token_label: str,
    pin: str | None,
    *,
    key_id: bytes | None = None,
    confirm_final_try: bool = False,
    trust_store: Iterable[x509.Certificate] = (),
) -> Iterator[SigningKey]:
    """Log in to the token once and yield its key; the session lasts for the block (batch)."""
    from pyhanko.sign.pkcs11 import PKCS11Signer

    store = list(trust_store)
    with open_token_key(module, token_label, pin, key_id=key_id, confirm_final_try=confirm_final_try) as tk:
        chain = build_chain(tk.certificate, [*tk.ca_certificates, *store])
        signer = PKCS11Signer(
            tk.session,  # type: ignore[arg-type]
            signing_cert=_asn1(tk.certificate),
            ca_chain=[_asn1(c) for c in chain],
            key_id=tk.key_id,
            other_certs_to_pull=(),
        )
        yield SigningKey(signer, tk.certificate, chain, "pkcs11", f"{tk.token_label} ({tk.key_id.hex()})")


@dataclass(frozen=True)
class KeyChoice:
    """One key the user can pick: a certificate on a token, or a PKCS#12 file."""

    kind: str  # "pkcs11" or "pkcs12"
    name: str  # the certificate's common name
    issuer: str = ""
    not_after: datetime | None = None
    module: str = ""
    token_label: str = ""
    key_id: str = ""  # hex CKA_ID
    path: Path | None = None  # the PKCS#12 file
    certificate_der: bytes = field(default=b"", repr=False)  # read without the PIN, when it can be

    @property
    def expired(self) -> bool:
        return self.not_after is not None and self.not_after < datetime.now(timezone.utc)

    @property
    def certificate(self) -> x509.Certificate | None:
        """The certificate known before the PIN: a token's (public on the card), or the one
        beside a PKCS#12 file; None when only the password opens it."""
        if not self.certificate_der:
            return None
        return x509.load_der_x509_certificate(self.certificate_der)


def token_choices(tokens: Iterable[object]) -> list[KeyChoice]:
    """A choice per signing certificate on the tokens (``list_tokens`` output)."""
    out = []
    for token in tokens:
        for cert in token.signing_certificates:  # type: ignore[attr-defined]
            out.append(KeyChoice(
                "pkcs11", cert.common_name, cert.issuer, cert.not_after, token.module, token.label,  # type: ignore[attr-defined]
                cert.key_id, certificate_der=cert.der,
            ))
    return out


#: Where a PKCS#12 file's certificate may lie beside it (``card.p12`` → ``card.crt.pem``…).
BESIDE = (".crt.pem", ".pem", ".crt", ".cer")


def pkcs12_choice(path: Path) -> KeyChoice:
    """A PKCS#12 file as a choice. Its certificate is inside, encrypted with the password;
    a copy beside the file (as CAs hand them out, and the demo's cards) is read now, so
    that the holder can be checked before the password is asked."""
    path = Path(path)
    for suffix in BESIDE:
        beside = path.with_suffix(suffix)
        try:
            cert = load_certificates(beside.read_bytes())[0]
        except (OSError, ValueError, IndexError):
            continue
        der = cert.public_bytes(serialization.Encoding.DER)
        return KeyChoice(
            "pkcs12", path.stem, common_name(cert, "issuer"), cert.not_valid_after_utc, path=path, certificate_der=der
        )
    return KeyChoice("pkcs12", path.stem, path=path)


@contextmanager
def open_key(
    choice: KeyChoice, pin: str | None, *, confirm_final_try: bool = False, trust_store: Iterable[x509.Certificate] = ()
) -> Iterator[SigningKey]:
    """The key behind ``choice``, logged in with ``pin`` once, for the ``with`` block."""
    if choice.kind == "pkcs12":
        assert choice.path is not None
        yield open_pkcs12(choice.path, pin or "", trust_store)
        return
    key_id = bytes.fromhex(choice.key_id) if choice.key_id else None
    with open_pkcs11(
        choice.module, choice.token_label, pin, key_id=key_id, confirm_final_try=confirm_final_try,
        trust_store=trust_store,
    ) as key:
        yield key
