"""Verification catches tampering, untrusted and expired or revoked certificates."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from eoffice.signing.appearance import Appearance, Kind
from eoffice.signing.errors import UnreadablePdfError
from eoffice.signing.keys import open_pkcs12
from eoffice.signing.pades import SigningOptions, _context, _sign_one, sign_pdf
from eoffice.signing.verify import verify_pdf
from tests.signing.conftest import PASSWORD, Pki


@pytest.fixture
def signed(document: Path, test_pki: Pki, tmp_path: Path) -> Path:
    key = open_pkcs12(test_pki.p12("signer"), PASSWORD)
    return sign_pdf(document, tmp_path / "signed.pdf", key, Appearance(Kind.SIGNER)).output


def _codes(path: Path, pki: Pki, **kw) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[p.code for p in s.problems] for s in verify_pdf(path, [pki.root.cert], **kw).signatures]


def test_a_signed_file_verifies(signed: Path, test_pki: Pki):
    report = verify_pdf(signed, [test_pki.root.cert])
    assert report.ok
    [sig] = report.signatures
    assert sig.intact and sig.trusted and sig.valid_at_signing and not sig.revoked
    assert sig.coverage == "whole_file" and sig.changes_after == "none"
    assert sig.signing_time is not None and sig.time_source == "claimed"
    assert sig.covered_bytes == signed.stat().st_size - _contents_len(signed)  # all but the signature itself


def _contents_len(path: Path) -> int:
    from pyhanko.pdf_utils.reader import PdfFileReader

    with open(path, "rb") as f:
        [sig] = PdfFileReader(f).embedded_regular_signatures
        br = sig.byte_range
        return int(br[2]) - int(br[1])


def test_a_flipped_byte_inside_the_signed_range_is_caught(signed: Path, test_pki: Pki):
    data = bytearray(signed.read_bytes())
    at = data.index(b"stream", 200) + 40  # inside the first page's compressed content
    data[at] ^= 0x01
    signed.write_bytes(bytes(data))
    report = verify_pdf(signed, [test_pki.root.cert])
    assert not report.ok
    [sig] = report.signatures
    assert not sig.intact and "not_intact" in [p.code for p in sig.problems]


def _update(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    with open(path, "r+b") as f:
        writer = IncrementalPdfFileWriter(f)
        change(writer)
        writer.write_in_place()


def test_an_added_page_after_signing_is_caught(signed: Path, test_pki: Pki):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name

    def add_page(writer) -> None:  # type: ignore[no-untyped-def]
        page = generic.DictionaryObject({
            pdf_name("/Type"): pdf_name("/Page"),
            pdf_name("/MediaBox"): generic.ArrayObject([generic.NumberObject(n) for n in (0, 0, 595, 842)]),
            pdf_name("/Contents"): writer.add_object(generic.StreamObject(stream_data=b"BT ET")),
            pdf_name("/Resources"): generic.DictionaryObject(),
        })
        writer.insert_page(page)

    _update(signed, add_page)
    [codes] = _codes(signed, test_pki)
    assert "changed_after" in codes
    assert verify_pdf(signed, [test_pki.root.cert]).signatures[0].changes_after == "other"


def test_overlaid_content_after_signing_is_caught(signed: Path, test_pki: Pki):
    from pyhanko.pdf_utils import generic

    def overlay(writer) -> None:  # type: ignore[no-untyped-def]
        overlay_stream = generic.StreamObject(stream_data=b"q 1 1 1 rg 80 400 440 200 re f Q")
        writer.add_stream_to_page(0, writer.add_object(overlay_stream))

    _update(signed, overlay)
    [sig] = verify_pdf(signed, [test_pki.root.cert]).signatures
    assert sig.intact  # the signed bytes are untouched ...
    assert sig.changes_after == "other" and not sig.ok  # ... but what is shown changed


def test_changed_text_after_signing_is_caught(signed: Path, test_pki: Pki):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name

    def retext(writer) -> None:  # type: ignore[no-untyped-def]
        page_ref = writer.root["/Pages"].raw_get("/Kids")[0]
        page = page_ref.get_object()
        page[pdf_name("/Contents")] = writer.add_object(
            generic.StreamObject(stream_data=b"BT /F1 13 Tf 90 650 Td (Noi dung da bi sua) Tj ET")
        )
        writer.update_container(page)

    _update(signed, retext)
    [sig] = verify_pdf(signed, [test_pki.root.cert]).signatures
    assert sig.changes_after == "other" and not sig.ok


def test_a_signature_by_an_untrusted_certificate(document: Path, test_pki: Pki, tmp_path: Path):
    key = open_pkcs12(test_pki.p12("stranger"), PASSWORD)
    out = sign_pdf(document, tmp_path / "s.pdf", key, Appearance(Kind.SIGNER)).output
    [sig] = verify_pdf(out, [test_pki.root.cert]).signatures
    assert sig.intact and not sig.trusted and [p.code for p in sig.problems] == ["untrusted"]
    # trusting the stranger's root makes it valid: it is the trust list that decides
    assert verify_pdf(out, [test_pki.stranger_root.cert]).ok


def _sign_anyway(src: Path, dst: Path, who: str, pki: Pki) -> Path:
    """Sign with a certificate our signer refuses (expired), as another program might."""
    key = open_pkcs12(pki.p12(who), PASSWORD)
    key.check_usable = lambda moment=None: None  # type: ignore[method-assign]
    return _sign_one(src, dst, Appearance(Kind.SIGNER), _context(key, SigningOptions())).output


def test_a_signature_by_an_expired_certificate(document: Path, test_pki: Pki, tmp_path: Path):
    out = _sign_anyway(document, tmp_path / "e.pdf", "expired", test_pki)
    [sig] = verify_pdf(out, [test_pki.root.cert]).signatures
    assert sig.intact and not sig.trusted and not sig.valid_at_signing
    assert "expired" in [p.code for p in sig.problems]


def test_a_signature_by_a_revoked_certificate_with_the_crl(document: Path, test_pki: Pki, tmp_path: Path):
    key = open_pkcs12(test_pki.p12("revoked"), PASSWORD)
    out = sign_pdf(document, tmp_path / "r.pdf", key, Appearance(Kind.SIGNER)).output
    [sig] = verify_pdf(out, [test_pki.root.cert], crls=test_pki.crl_bytes()).signatures
    assert sig.revoked and not sig.valid_at_signing and "revoked" in [p.code for p in sig.problems]
    # the good signer against the same CRL is fine
    signer = open_pkcs12(test_pki.p12("signer"), PASSWORD)
    good = sign_pdf(document, tmp_path / "g.pdf", signer, Appearance(Kind.SIGNER))
    assert verify_pdf(good.output, [test_pki.root.cert], crls=test_pki.crl_bytes()).ok


def test_an_unreadable_file_and_an_unsigned_one(tmp_path: Path, test_pki: Pki, document: Path):
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"not a pdf at all")
    with pytest.raises(UnreadablePdfError):
        verify_pdf(junk, [test_pki.root.cert])
    report = verify_pdf(document, [test_pki.root.cert])
    assert report.signatures == () and not report.ok


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "eoffice", *args], capture_output=True, text=True)


def test_cli_verify_exit_codes_and_json(signed: Path, test_pki: Pki, tmp_path: Path):
    ok = _cli("verify", str(signed), "--trust", str(test_pki.root_pem), "--json")
    assert ok.returncode == 0, ok.stderr
    data = json.loads(ok.stdout)
    assert data["ok"] and data["signatures"][0]["signer"] == "Nguyễn Văn Đức"
    assert data["signatures"][0]["signing_time"].endswith("+07:00")

    untrusted = _cli("verify", str(signed), "--trust", str(test_pki.folder / "stranger-root.pem"))
    assert untrusted.returncode == 1 and "KHÔNG HỢP LỆ" in untrusted.stdout

    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"garbage")
    assert _cli("verify", str(junk), "--trust", str(test_pki.root_pem)).returncode == 2


def test_cli_sign_batch_with_pkcs12(document: Path, test_pki: Pki, tmp_path: Path):
    import os

    copies = []
    for n in range(3):
        copy = tmp_path / f"vb{n}.pdf"
        copy.write_bytes(document.read_bytes())
        copies.append(str(copy))
    done = subprocess.run(
        [sys.executable, "-m", "eoffice", "sign", *copies, "--output-dir", str(tmp_path / "out"),
         "--pkcs12", str(test_pki.p12("signer")), "--pin-env", "P12_PASSWORD", "--appearance", "signer",
         "--title", "Giám đốc", "--name", "Nguyễn Văn Đức", "--reason", "Ký ban hành"],
        capture_output=True, text=True, env={**os.environ, "P12_PASSWORD": PASSWORD},
    )
    assert done.returncode == 0, done.stderr
    outs = sorted((tmp_path / "out").glob("*.pdf"))
    assert [p.name for p in outs] == ["vb0.pdf", "vb1.pdf", "vb2.pdf"]
    verified = _cli("verify", *map(str, outs), "--trust", str(test_pki.root_pem))
    assert verified.returncode == 0, verified.stdout + verified.stderr
