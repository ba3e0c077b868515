"""Making certificates: a CA, an intermediate, signing certificates, a CRL, a PKCS#12.

Used by the demo's soft e-cards and by the tests' PKI. Real e-cards come from a
licensed CA; nothing here is meant to replace one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
PublicKey = rsa.RSAPublicKey | ec.EllipticCurvePublicKey


@dataclass(frozen=True)
class Issued:
    """A certificate with its private key (None when the key lives on a token)."""

    cert: x509.Certificate
    key: PrivateKey | None

    @property
    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)


def new_rsa_key(bits: int = 2048) -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=bits)


def name(common_name: str, organisation: str = "", *, country: str = "VN", locality: str = "") -> x509.Name:
    parts = [x509.NameAttribute(NameOID.COUNTRY_NAME, country)]
    if locality:
        parts.append(x509.NameAttribute(NameOID.LOCALITY_NAME, locality))
    if organisation:
        parts.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    parts.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name))
    return x509.Name(parts)


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def _ca_usage() -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True, content_commitment=False, key_encipherment=False, data_encipherment=False,
        key_agreement=False, key_cert_sign=True, crl_sign=True, encipher_only=False, decipher_only=False,
    )


def _signer_usage() -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True, content_commitment=True, key_encipherment=False, data_encipherment=False,
        key_agreement=False, key_cert_sign=False, crl_sign=False, encipher_only=False, decipher_only=False,
    )


def _sign(builder: x509.CertificateBuilder, issuer_key: PrivateKey) -> x509.Certificate:
    return builder.sign(issuer_key, hashes.SHA256())


def make_root(subject: x509.Name, *, key: PrivateKey | None = None, days: int = 3650) -> Issued:
    """A self-signed root CA."""
    key = key or new_rsa_key()
    now = _now()
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(_ca_usage(), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    return Issued(_sign(builder, key), key)


def _issued_by(
    issuer: Issued, subject: x509.Name, public_key: PublicKey, not_before: datetime, not_after: datetime,
    crl_url: str | None,
) -> x509.CertificateBuilder:
    assert issuer.key is not None, "the issuer's key is needed to issue"
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.cert.subject)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.cert.public_key()),  # type: ignore[arg-type]
            critical=False,
        )
    )
    if crl_url:
        builder = builder.add_extension(
            x509.CRLDistributionPoints(
                [x509.DistributionPoint([x509.UniformResourceIdentifier(crl_url)], None, None, None)]
            ),
            critical=False,
        )
    return builder


def make_intermediate(
    issuer: Issued, subject: x509.Name, *, key: PrivateKey | None = None, days: int = 3650, crl_url: str | None = None
) -> Issued:
    key = key or new_rsa_key()
    now = _now()
    builder = (
        _issued_by(issuer, subject, key.public_key(), now - timedelta(days=1), now + timedelta(days=days), crl_url)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_ca_usage(), critical=True)
    )
    assert issuer.key is not None
    return Issued(_sign(builder, issuer.key), key)


def issue_signer(
    issuer: Issued,
    subject: x509.Name,
    *,
    key: PrivateKey | None = None,
    public_key: PublicKey | None = None,
    not_before: datetime | None = None,
    not_after: datetime | None = None,
    crl_url: str | None = None,
) -> Issued:
    """A certificate for signing documents (digitalSignature + nonRepudiation).

    Give ``public_key`` alone for a key generated on a token: the result has no key.
    """
    if public_key is None:
        key = key or new_rsa_key()
        public_key = key.public_key()
    now = _now()
    builder = (
        _issued_by(
            issuer, subject, public_key, not_before or now - timedelta(days=1),
            not_after or now + timedelta(days=730), crl_url,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_signer_usage(), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION, ExtendedKeyUsageOID.CLIENT_AUTH]),
            critical=False,
        )
    )
    assert issuer.key is not None
    return Issued(_sign(builder, issuer.key), key)


def make_crl(
    issuer: Issued, revoked: list[tuple[x509.Certificate, datetime]], *, days: int = 7
) -> x509.CertificateRevocationList:
    """A CRL by ``issuer`` listing ``revoked`` (certificate, revocation time)."""
    assert issuer.key is not None
    now = _now()
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(issuer.cert.subject)
        .last_update(now - timedelta(minutes=5))
        .next_update(now + timedelta(days=days))
        .add_extension(x509.CRLNumber(1), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.cert.public_key()),  # type: ignore[arg-type]
            critical=False,
        )
    )
    for cert, when in revoked:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder().serial_number(cert.serial_number).revocation_date(when).build()
        )
    return builder.sign(issuer.key, hashes.SHA256())


def pkcs12_bytes(issued: Issued, chain: list[x509.Certificate], password: str, friendly_name: str = "") -> bytes:
    """A PKCS#12 file holding the key, its certificate and the CA chain (AES, PBKDF2)."""
    assert issued.key is not None
    encryption = (
        serialization.PrivateFormat.PKCS12.encryption_builder()
        .kdf_rounds(50_000)
        .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC)
        .hmac_hash(hashes.SHA256())
        .build(password.encode("utf-8"))
    )
    return pkcs12.serialize_key_and_certificates(
        (friendly_name or "eoffice").encode("utf-8"), issued.key, issued.cert, chain, encryption
    )


def key_pem(key: PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
