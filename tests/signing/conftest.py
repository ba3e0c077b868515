"""A test PKI and a SoftHSM2 token, both made at test time.

The PKI: a root, an intermediate, signers (valid, expired, revoked — with a CRL), an
agency, a timestamp authority, and a second root nobody trusts. The token: a SoftHSM2
token in a temporary dir with one key generated on the token and one imported, whose
labels differ from their certificates' (matched by CKA_ID, as on vendors' tokens), and
the intermediate CA certificate beside them.
"""

from __future__ import annotations

import http.server
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID

from eoffice.signing import pki
from tests.conftest import need

SOFTHSM_LIB = "/usr/lib/softhsm/libsofthsm2.so"
SPY_LIB = "/usr/lib/x86_64-linux-gnu/pkcs11/pkcs11-spy.so"
TOKEN_LABEL = "Thẻ ký số thử"
USER_PIN = "246810"
SO_PIN = "13579246"
PASSWORD = "mật-khẩu-thử"


@dataclass(frozen=True)
class Pki:
    folder: Path
    root: pki.Issued
    intermediate: pki.Issued
    signer: pki.Issued
    agency: pki.Issued
    expired: pki.Issued
    revoked: pki.Issued
    stranger_root: pki.Issued
    stranger: pki.Issued
    tsa: pki.Issued
    crl_root: x509.CertificateRevocationList
    crl_intermediate: x509.CertificateRevocationList

    def p12(self, who: str) -> Path:
        return self.folder / f"{who}.p12"

    @property
    def root_pem(self) -> Path:
        return self.folder / "root.pem"

    @property
    def crl_files(self) -> list[Path]:
        return [self.folder / "root.crl", self.folder / "intermediate.crl"]

    def crl_bytes(self) -> tuple[bytes, ...]:
        return tuple(p.read_bytes() for p in self.crl_files)


def issue_tsa(issuer: pki.Issued) -> pki.Issued:
    key = pki.new_rsa_key()
    now = datetime.now(timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(pki.name("TSA thử nghiệm", "Bộ thử"))
        .issuer_name(issuer.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(issuer.key, hashes.SHA256())  # type: ignore[arg-type]
    )
    return pki.Issued(cert, key)


def make_pki(folder: Path) -> Pki:
    folder.mkdir(parents=True, exist_ok=True)
    root = pki.make_root(pki.name("CA gốc thử nghiệm", "Bộ thử"))
    inter = pki.make_intermediate(root, pki.name("CA cấp hai thử nghiệm", "Bộ thử"), crl_url="http://127.0.0.1:9/root.crl")
    crl_url = "http://127.0.0.1:9/intermediate.crl"
    signer = pki.issue_signer(inter, pki.name("Nguyễn Văn Đức", "UBND tỉnh Nghệ An"), crl_url=crl_url)
    agency = pki.issue_signer(inter, pki.name("Ủy ban nhân dân tỉnh Nghệ An", "UBND tỉnh Nghệ An"), crl_url=crl_url)
    now = datetime.now(timezone.utc)
    expired = pki.issue_signer(
        inter, pki.name("Lê Hết Hạn", "UBND tỉnh Nghệ An"), not_before=now - timedelta(days=400),
        not_after=now - timedelta(days=35), crl_url=crl_url,
    )
    revoked = pki.issue_signer(inter, pki.name("Phạm Bị Thu Hồi", "UBND tỉnh Nghệ An"), crl_url=crl_url)
    stranger_root = pki.make_root(pki.name("CA không tin cậy", "Nơi khác"))
    stranger = pki.issue_signer(stranger_root, pki.name("Người Lạ", "Nơi khác"))
    tsa = issue_tsa(root)
    crl_root = pki.make_crl(root, [])
    crl_inter = pki.make_crl(inter, [(revoked.cert, now - timedelta(days=1))])
    (folder / "root.pem").write_bytes(root.pem)
    (folder / "intermediate.pem").write_bytes(inter.pem)
    (folder / "stranger-root.pem").write_bytes(stranger_root.pem)
    (folder / "root.crl").write_bytes(crl_root.public_bytes(serialization.Encoding.DER))
    (folder / "intermediate.crl").write_bytes(crl_inter.public_bytes(serialization.Encoding.DER))
    for who, issued, chain in [
        ("signer", signer, [inter.cert]),
        ("agency", agency, [inter.cert]),
        ("expired", expired, [inter.cert]),
        ("revoked", revoked, [inter.cert]),
        ("stranger", stranger, []),
    ]:
        (folder / f"{who}.p12").write_bytes(pki.pkcs12_bytes(issued, chain, PASSWORD, who))
    return Pki(folder, root, inter, signer, agency, expired, revoked, stranger_root, stranger, tsa, crl_root, crl_inter)


#: The session's PKI and token, made once: tests/ui/signing imports these fixtures into its
#: own conftest, and pytest would otherwise run a session fixture once per conftest.
_SESSION: dict[str, object] = {}


@pytest.fixture(scope="session")
def test_pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    if "pki" not in _SESSION:
        _SESSION["pki"] = make_pki(tmp_path_factory.mktemp("pki"))
    return _SESSION["pki"]  # type: ignore[return-value]


@pytest.fixture(scope="session")
def decree(tmp_path_factory: pytest.TempPathFactory, test_pki: Pki):  # type: ignore[no-untyped-def]
    """A decision drafted, signed by the leader and sealed by the clerk with ``eoffice sign``,
    with the attacker's preparations of it; see ``tests.signing.attacks``."""
    need(have_font(), "no Vietnamese font (apt install fonts-liberation2)")
    if "decree" not in _SESSION:
        from tests.signing.attacks import build_decree

        _SESSION["decree"] = build_decree(
            tmp_path_factory.mktemp("decree"), test_pki.p12("signer"), test_pki.p12("agency"), PASSWORD
        )
    return _SESSION["decree"]


# -- SoftHSM2 ---------------------------------------------------------------------------


def have_softhsm() -> bool:
    return bool(shutil.which("softhsm2-util")) and Path(SOFTHSM_LIB).is_file()


def softhsm_conf(folder: Path) -> Path:
    tokens = folder / "tokens"
    tokens.mkdir(parents=True, exist_ok=True)
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n")
    return conf


def init_token(conf: Path, label: str = TOKEN_LABEL, pin: str = USER_PIN) -> None:
    subprocess.run(
        ["softhsm2-util", "--init-token", "--free", "--label", label, "--so-pin", SO_PIN, "--pin", pin],
        check=True, capture_output=True, env={**os.environ, "SOFTHSM2_CONF": str(conf)},
    )


@dataclass(frozen=True)
class Token:
    module: str
    label: str
    pin: str
    generated_id: bytes  # the key made on the token
    imported_id: bytes  # the key imported from outside
    generated_cert: x509.Certificate
    imported_cert: x509.Certificate


def _store_cert(session, cert: x509.Certificate, label: str, key_id: bytes) -> None:  # type: ignore[no-untyped-def]
    from pkcs11 import Attribute, CertificateType, ObjectClass

    session.create_object({
        Attribute.CLASS: ObjectClass.CERTIFICATE,
        Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
        Attribute.TOKEN: True,
        Attribute.LABEL: label,
        Attribute.ID: key_id,
        Attribute.SUBJECT: cert.subject.public_bytes(),
        Attribute.ISSUER: cert.issuer.public_bytes(),
        Attribute.VALUE: cert.public_bytes(serialization.Encoding.DER),
    })


def fill_token(module: str, label: str, pin: str, ca: Pki) -> Token:
    """One key generated on the token, one imported; labels unlike their certificates'."""
    import pkcs11
    from pkcs11 import Attribute, KeyType, ObjectClass
    from pkcs11.util.rsa import decode_rsa_private_key

    token = pkcs11.lib(module).get_token(token_label=label)
    with token.open(rw=True, user_pin=pin) as session:
        generated_id, imported_id = b"\x0a\x01", b"\x0b\x02"
        public, _private = session.generate_keypair(
            KeyType.RSA, 2048, store=True, label="Khóa bí mật", id=generated_id,
            private_template={Attribute.SIGN: True, Attribute.SENSITIVE: True, Attribute.EXTRACTABLE: False},
        )
        numbers = rsa.RSAPublicNumbers(
            int.from_bytes(public[Attribute.PUBLIC_EXPONENT], "big"), int.from_bytes(public[Attribute.MODULUS], "big")
        )
        generated = pki.issue_signer(
            ca.intermediate, pki.name("Trần Thị Thẻ", "UBND tỉnh Nghệ An"), public_key=numbers.public_key()
        )
        _store_cert(session, generated.cert, "Chứng thư ký số của Trần Thị Thẻ", generated_id)

        outside = pki.new_rsa_key()
        imported = pki.issue_signer(ca.intermediate, pki.name("Văn thư Nhập Khóa", "UBND tỉnh Nghệ An"), key=outside)
        der = outside.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
        )
        attrs = decode_rsa_private_key(der)
        attrs.update({
            Attribute.TOKEN: True, Attribute.LABEL: "Private Key", Attribute.ID: imported_id, Attribute.SIGN: True,
            Attribute.PRIVATE: True, Attribute.SENSITIVE: True, Attribute.CLASS: ObjectClass.PRIVATE_KEY,
        })
        session.create_object(attrs)
        _store_cert(session, imported.cert, "Certificate", imported_id)
        _store_cert(session, ca.intermediate.cert, "CA cấp hai", b"\xca")
    return Token(module, label, pin, generated_id, imported_id, generated.cert, imported.cert)


@pytest.fixture(scope="session")
def softhsm_token(tmp_path_factory: pytest.TempPathFactory, test_pki: Pki) -> Token:
    """The session's token; SOFTHSM2_CONF is set before the module is first loaded."""
    need(have_softhsm(), "SoftHSM2 is not installed (apt install softhsm2)")
    if "token" not in _SESSION:
        folder = tmp_path_factory.mktemp("softhsm")
        conf = softhsm_conf(folder)
        init_token(conf)
        os.environ["SOFTHSM2_CONF"] = str(conf)
        _SESSION["token"] = fill_token(SOFTHSM_LIB, TOKEN_LABEL, USER_PIN, test_pki)
    return _SESSION["token"]  # type: ignore[return-value]


# -- a timestamp authority on loopback ----------------------------------------------------


@pytest.fixture
def tsa_url(test_pki: Pki) -> Iterator[str]:
    """An RFC 3161 server on 127.0.0.1 (pyHanko's DummyTimeStamper behind http.server)."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import tsp
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    tsa = test_pki.tsa
    assert tsa.key is not None
    stamper = DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(tsa.cert.public_bytes(serialization.Encoding.DER)),
        tsa_key=asn1_keys.PrivateKeyInfo.load(
            tsa.key.private_bytes(
                serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        ),
    )
    requests: list[int] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            response = stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
            requests.append(len(body))
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(response)))
            self.end_headers()
            self.wfile.write(response)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/tsa"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
    assert requests, "the timestamp server was never asked"


# -- independent checks -----------------------------------------------------------------------


def pdfsig(path: Path) -> list[dict[str, object]]:
    """poppler's view of each signature: valid or not, and whether it covers the whole file."""
    need(shutil.which("pdfsig") is not None, "pdfsig is not installed (apt install poppler-utils)")
    done = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True)
    # an empty signature field (the seal's, left open by the leader's certification) is no signature
    blocks = [b for b in done.stdout.split("Signature #")[1:] if "form field is not signed" not in b]
    return [
        {
            "valid": "Signature Validation: Signature is Valid." in block,
            "total": "Total document signed" in block,
            "name": next((line.split(": ", 1)[1] for line in block.splitlines() if "Common Name:" in line), ""),
        }
        for block in blocks
    ]


def assert_pdfsig_valid(path: Path, count: int) -> None:
    sigs = pdfsig(path)
    assert len(sigs) == count, sigs
    assert all(s["valid"] for s in sigs), sigs
    assert sigs[-1]["total"], sigs
    assert not any(s["total"] for s in sigs[:-1]), sigs


def qpdf_check(path: Path) -> None:
    need(shutil.which("qpdf") is not None, "qpdf is not installed (apt install qpdf)")
    done = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def have_font() -> bool:
    from eoffice.printing.fonts import FontMissingError, find_font

    try:
        find_font()
    except FontMissingError:
        return False
    return True


@pytest.fixture
def document(tmp_path: Path) -> Path:
    """A one-page official letter whose signature block reads GIÁM ĐỐC / Nguyễn Văn Đức."""
    need(have_font(), "no Vietnamese font (apt install fonts-liberation2)")
    from eoffice.demo.pdfs import write_document

    return write_document(
        tmp_path / "cong-van.pdf", organ_name="Ủy ban nhân dân tỉnh Nghệ An", number_label="12/UBND-VP",
        type_name="Công văn", subject="Về việc chuyển đổi số", body="Nội dung văn bản thử nghiệm. " * 8,
        signer_position="Giám đốc", signer_full_name="Nguyễn Văn Đức",
    )
