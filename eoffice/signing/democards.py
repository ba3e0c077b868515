"""Soft e-cards for the demo: a demo CA, a PKCS#12 per person and per organisation.

So that a newcomer can sign and verify without hardware. Everything lives in one folder
and is made once: running again reuses the CA and every card already there, and adds
cards for new people only. The demo trusts ``root.pem``; nothing else should.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from datetime import datetime, timedelta, timezone
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from eoffice.signing import images, pki

#: The PIN / password of every demo card (the demo is no secret).
DEMO_PASSWORD = "123456"
ORGANISATION = "eoffice — bản dùng thử"


@dataclass(frozen=True)
class DemoCard:
    """One soft e-card: a person's, or an organisation's (for the agency signature)."""

    username: str  # "" for an organisation's card
    full_name: str  # the person's or the organisation's name (the certificate's CN)
    pkcs12: Path
    password: str
    image: Path  # the signature image (a person) or the seal image (an organisation)

    @property
    def certificate_pem(self) -> bytes:
        """The card's certificate, kept beside it (readable without the password)."""
        return self.pkcs12.with_suffix(".crt.pem").read_bytes()


@dataclass(frozen=True)
class DemoCards:
    root_pem: Path
    people: dict[str, DemoCard]  # by username
    organisations: dict[str, DemoCard]  # by organisation name


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = ascii_text.encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:40]
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    return f"{slug}-{digest}" if slug else digest


def _write_private(path: Path, data: bytes) -> None:
    partial = path.with_suffix(path.suffix + f".{os.getpid()}.part")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.replace(partial, path)


def _load_or_make(folder: Path, stem: str, make) -> pki.Issued:  # type: ignore[no-untyped-def]
    cert_file, key_file = folder / f"{stem}.pem", folder / f"{stem}.key"
    if cert_file.is_file() and key_file.is_file():
        cert = x509.load_pem_x509_certificate(cert_file.read_bytes())
        key = serialization.load_pem_private_key(key_file.read_bytes(), password=None)
        return pki.Issued(cert, key)  # type: ignore[arg-type]
    issued: pki.Issued = make()
    assert issued.key is not None
    _write_private(key_file, pki.key_pem(issued.key))
    _write_private(cert_file, issued.pem)
    return issued


def _card_fresh(path: Path, ca: pki.Issued) -> bool:
    """A card exists beside its certificate, issued by this CA and valid for a month more.

    The certificate beside the file is read, not the PKCS#12 (its key derivation is slow
    on purpose, and the demo checks every card at start).
    """
    cert_file = path.with_suffix(".crt.pem")
    if not (path.is_file() and cert_file.is_file()):
        return False
    try:
        cert = x509.load_pem_x509_certificate(cert_file.read_bytes())
    except ValueError:
        return False
    if cert.issuer != ca.cert.subject:
        return False
    return cert.not_valid_after_utc > datetime.now(timezone.utc) + timedelta(days=30)


def _card(
    folder: Path, stem: str, subject: x509.Name, ca: pki.Issued, image: Callable[[], bytes], name: str, username: str
) -> DemoCard:
    p12 = folder / f"{stem}.p12"
    png = folder / f"{stem}.png"
    if not _card_fresh(p12, ca):
        issued = pki.issue_signer(ca, subject)
        _write_private(p12, pki.pkcs12_bytes(issued, [ca.cert], DEMO_PASSWORD, name))
        _write_private(p12.with_suffix(".crt.pem"), issued.pem)
    if not png.is_file():
        _write_private(png, image())
    return DemoCard(username, name, p12, DEMO_PASSWORD, png)


def make_demo_cards(folder: Path, people: Iterable[tuple[str, str, str, str]]) -> DemoCards:
    """Cards for ``people`` as (username, full name, position, organisation name).

    Makes ``folder``/root.pem (trust it), an intermediate CA, ``<username>.p12`` with a
    blue signature image per person, and ``org-<slug>.p12`` with a red seal image per
    organisation; all with the password ``DEMO_PASSWORD``.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    root = _load_or_make(folder, "root", lambda: pki.make_root(pki.name("eoffice Demo Root CA", ORGANISATION)))
    ca = _load_or_make(
        folder, "intermediate", lambda: pki.make_intermediate(root, pki.name("eoffice Demo Signing CA", ORGANISATION))
    )
    cards: dict[str, DemoCard] = {}
    organisations: dict[str, DemoCard] = {}
    for username, full_name, position, organisation in people:
        username = username.strip().lower()
        subject = x509.Name([
            x509.NameAttribute(x509.oid.NameOID.COUNTRY_NAME, "VN"),
            *([x509.NameAttribute(x509.oid.NameOID.ORGANIZATION_NAME, organisation)] if organisation else []),
            *([x509.NameAttribute(x509.oid.NameOID.TITLE, position)] if position else []),
            x509.NameAttribute(x509.oid.NameOID.USER_ID, username),
            x509.NameAttribute(x509.oid.NameOID.COMMON_NAME, full_name),
        ])
        cards[username] = _card(
            folder,
            _slug(username),
            subject,
            ca,
            partial(images.signature_image, full_name),
            full_name,
            username,
        )
        if organisation and organisation not in organisations:
            stem = "org-" + _slug(organisation)
            organisations[organisation] = _card(
                folder, stem, pki.name(organisation, organisation), ca,
                partial(images.seal_image, organisation), organisation, "",
            )
    return DemoCards(folder / "root.pem", cards, organisations)
