"""Signing with a soft certificate: the decree's appearances, two signatures, PAdES levels.

Every output is checked by poppler (pdfsig) and qpdf, and the stamps by pdftotext and a
pdftoppm render of the box.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest

from eoffice.signing.appearance import Appearance, Kind
from eoffice.signing.errors import CertificateNotUsable, UnreadablePdfError, WrongPasswordError
from eoffice.signing.keys import open_pkcs12
from eoffice.signing.pades import SigningOptions, sign_pdf
from eoffice.signing.placement import Box, existing_signatures
from eoffice.signing.verify import verify_pdf
from tests.conftest import need
from tests.signing.conftest import PASSWORD, Pki, assert_pdfsig_valid, qpdf_check


def seal_png() -> bytes:
    from eoffice.signing.images import seal_image

    return seal_image("Ủy ban nhân dân tỉnh Nghệ An")


def signature_png() -> bytes:
    from eoffice.signing.images import signature_image

    return signature_image("Nguyễn Văn Đức")


def render_box(pdf: Path, box: Box, tmp_path: Path, dpi: int = 144):  # type: ignore[no-untyped-def]
    """The box's area of the page rendered at ``dpi``."""
    need(shutil.which("pdftoppm") is not None, "pdftoppm is not installed (apt install poppler-utils)")
    from PIL import Image

    tmp_path.mkdir(parents=True, exist_ok=True)
    out = tmp_path / "render"
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-f", str(box.page + 1), "-l", str(box.page + 1), "-png", str(pdf), str(out)],
        check=True, capture_output=True,
    )
    image = Image.open(next(tmp_path.glob("render*.png"))).convert("RGB")
    k, height = dpi / 72, image.height
    return image.crop((int(box.x1 * k), int(height - box.y2 * k), int(box.x2 * k), int(height - box.y1 * k)))


def coloured(image, channel: int) -> int:  # type: ignore[no-untyped-def]
    """Pixels where ``channel`` (0 red, 2 blue) clearly dominates."""
    return sum(
        1
        for px in image.get_flattened_data()
        if px[channel] > 120 and all(px[channel] - px[c] > 60 for c in range(3) if c != channel)
    )


def pdftotext(path: Path) -> str:
    need(shutil.which("pdftotext") is not None, "pdftotext is not installed (apt install poppler-utils)")
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_signer_then_agency_both_stay_valid(document, test_pki: Pki, tmp_path):
    signer = open_pkcs12(test_pki.p12("signer"), PASSWORD)
    first = sign_pdf(
        document, tmp_path / "signed.pdf", signer,
        # the organisation's seal, as the desktop passes it: the seal's field gets its real size
        Appearance(Kind.SIGNER, image=signature_png(), title="Giám đốc", name="Nguyễn Văn Đức", seal_image=seal_png()),
        SigningOptions(reason="Ký ban hành", location="Nghệ An"),
    )
    assert first.box.found, "the box comes from the signature block, not the default place"
    assert_pdfsig_valid(first.output, 1)

    agency = open_pkcs12(test_pki.p12("agency"), PASSWORD)
    second = sign_pdf(first.output, tmp_path / "sealed.pdf", agency, Appearance(Kind.AGENCY, image=seal_png()))
    assert_pdfsig_valid(second.output, 2)
    qpdf_check(second.output)

    report = verify_pdf(second.output, [test_pki.root.cert])
    assert report.ok, [s.problems for s in report.signatures]
    assert [s.signer for s in report.signatures] == ["Nguyễn Văn Đức", "Ủy ban nhân dân tỉnh Nghệ An"]
    assert report.signatures[0].changes_after == "form_filling"  # the agency's signature, nothing else
    assert report.signatures[0].coverage == "revision"
    assert report.signatures[1].coverage == "whole_file"

    # the seal overlaps the left third of the signer's image, at real size (40 mm)
    s, a = first.box, second.box
    assert a.page == s.page
    assert a.x2 == pytest.approx(s.x1 + s.width / 3, abs=1)
    assert a.width == pytest.approx(40 / 25.4 * 72, abs=1)
    assert a.y1 < (s.y1 + s.y2) / 2 < a.y2
    # the signer's image sits between the title and the name, under the title's centre
    assert 380 < (s.x1 + s.x2) / 2 < 470

    blue = render_box(second.output, Box(s.page, s.x1 + s.width / 3 + 2, s.y1, s.x2, s.y2), tmp_path)
    assert coloured(blue, 2) > 200, "the blue signature image shows"
    red = render_box(second.output, a, tmp_path / "r")
    assert coloured(red, 0) > 500, "the red seal shows"


def test_attachment_stamp_shows_number_and_time_in_vietnamese(document, test_pki: Pki, tmp_path):
    agency = open_pkcs12(test_pki.p12("agency"), PASSWORD)
    result = sign_pdf(
        document, tmp_path / "kem-theo.pdf", agency, Appearance(Kind.ATTACHMENT, code_label="12/QĐ-UBND"),
    )
    assert_pdfsig_valid(result.output, 1)
    qpdf_check(result.output)
    text = pdftotext(result.output)
    assert "Ủy ban nhân dân tỉnh Nghệ An" in text
    assert "Số: 12/QĐ-UBND" in text
    stamp_time = result.signing_time.strftime("%Y-%m-%dT%H:%M:%S+07:00")
    assert f"Thời gian ký: {stamp_time}" in text
    # top right of page 1
    width = 595.28
    assert result.box.page == 0 and result.box.x2 > width * 0.8 and result.box.y1 > 760
    area = render_box(result.output, result.box, tmp_path)
    dark = sum(1 for px in area.get_flattened_data() if max(px) < 100)
    assert dark > 150, "the stamp's text is drawn in the box"
    need(shutil.which("pdffonts") is not None, "pdffonts is not installed (apt install poppler-utils)")
    fonts = subprocess.run(["pdffonts", str(result.output)], check=True, capture_output=True, text=True).stdout
    stamp_fonts = [line for line in fonts.splitlines() if "Identity-H" in line and line.split()[0].count("+")]
    assert stamp_fonts and all(" yes yes " in line for line in stamp_fonts), fonts  # embedded, subset


def test_signer_without_image_prints_the_name_in_blue(document, test_pki: Pki, tmp_path):
    key = open_pkcs12(test_pki.p12("signer"), PASSWORD)
    appearance = Appearance(Kind.SIGNER, title="Giám đốc", name="Nguyễn Văn Đức")
    result = sign_pdf(document, tmp_path / "out.pdf", key, appearance)
    assert "Ký bởi: Nguyễn Văn Đức" in pdftotext(result.output)
    assert coloured(render_box(result.output, result.box, tmp_path), 2) > 50


def test_without_a_signature_block_the_default_place_is_bottom_right(test_pki: Pki, tmp_path):
    need(__import__("tests.signing.conftest", fromlist=["have_font"]).have_font(), "no Vietnamese font")
    from eoffice.demo.pdfs import write_document

    plain = write_document(
        tmp_path / "plain.pdf", organ_name="Sở Nội vụ", number_label="01/SNV", type_name="Thông báo",
        subject="Về việc nghỉ lễ", body="Không có khối chữ ký.",
    )
    key = open_pkcs12(test_pki.p12("signer"), PASSWORD)
    appearance = Appearance(Kind.SIGNER, title="Giám đốc", name="Nguyễn Văn Đức")
    result = sign_pdf(plain, tmp_path / "out.pdf", key, appearance)
    assert not result.box.found
    assert result.box.x2 > 450 and result.box.y2 < 200
    assert_pdfsig_valid(result.output, 1)


def test_a_box_given_by_the_user_is_used(document, test_pki: Pki, tmp_path):
    key = open_pkcs12(test_pki.p12("signer"), PASSWORD)
    box = Box(0, 100, 100, 250, 160)
    result = sign_pdf(document, tmp_path / "out.pdf", key, Appearance(Kind.SIGNER, image=signature_png(), box=box))
    [sig] = existing_signatures(result.output)
    assert sig.box is not None and (sig.box.x1, sig.box.y1, sig.box.x2, sig.box.y2) == (100, 100, 250, 160)


def test_timestamp_makes_b_t(document, test_pki: Pki, tsa_url, tmp_path):
    key = open_pkcs12(test_pki.p12("signer"), PASSWORD)
    result = sign_pdf(
        document, tmp_path / "out.pdf", key, Appearance(Kind.SIGNER), SigningOptions(timestamp_url=tsa_url)
    )
    assert result.level == "B-T"
    assert_pdfsig_valid(result.output, 1)
    [sig] = verify_pdf(result.output, [test_pki.root.cert]).signatures
    assert sig.timestamped and sig.time_source == "timestamp" and sig.ok


def test_revocation_data_makes_b_lt(document, test_pki: Pki, tsa_url, tmp_path):
    key = open_pkcs12(test_pki.p12("signer"), PASSWORD)
    result = sign_pdf(
        document, tmp_path / "out.pdf", key, Appearance(Kind.SIGNER),
        SigningOptions(timestamp_url=tsa_url, crls=test_pki.crl_bytes(), trust_roots=(test_pki.root.cert,)),
    )
    assert result.level == "B-LT"
    assert_pdfsig_valid(result.output, 1)
    qpdf_check(result.output)
    [sig] = verify_pdf(result.output, [test_pki.root.cert]).signatures
    assert sig.long_term and sig.ok, sig.problems
    from pyhanko.pdf_utils.reader import PdfFileReader

    with open(result.output, "rb") as f:
        dss = PdfFileReader(f).root["/DSS"]
        assert len(dss["/CRLs"]) >= 1 and len(dss["/Certs"]) >= 2


def test_an_expired_certificate_is_refused_and_nothing_written(document, test_pki: Pki, tmp_path):
    key = open_pkcs12(test_pki.p12("expired"), PASSWORD)
    with pytest.raises(CertificateNotUsable) as err:
        sign_pdf(document, tmp_path / "out.pdf", key, Appearance(Kind.SIGNER))
    assert "hết hạn" in err.value.message_vi
    assert not list(tmp_path.glob("*.pdf")) or list(tmp_path.glob("*.pdf")) == [document]


def test_a_wrong_password_is_a_clear_error(test_pki: Pki):
    with pytest.raises(WrongPasswordError):
        open_pkcs12(test_pki.p12("signer"), "sai")


def test_a_broken_input_is_refused_and_the_output_not_left_behind(test_pki: Pki, tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\nthis is not a pdf\n")
    key = open_pkcs12(test_pki.p12("signer"), PASSWORD)
    with pytest.raises(UnreadablePdfError):
        sign_pdf(broken, tmp_path / "out" / "signed.pdf", key, Appearance(Kind.SIGNER, box=Box(0, 1, 1, 50, 50)))
    assert not (tmp_path / "out" / "signed.pdf").exists()
    assert not list((tmp_path / "out").glob(".signing-*"))


def test_signing_in_place_replaces_the_file_only_when_done(document, test_pki: Pki):
    before = document.read_bytes()
    key = open_pkcs12(test_pki.p12("signer"), PASSWORD)
    sign_pdf(document, document, key, Appearance(Kind.SIGNER))
    after = document.read_bytes()
    assert after.startswith(before) and len(after) > len(before)  # an incremental update
    assert_pdfsig_valid(document, 1)


def test_pyhanko_validator_agrees_with_our_report(document, test_pki: Pki, tmp_path):
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    signer = open_pkcs12(test_pki.p12("signer"), PASSWORD)
    stranger = open_pkcs12(test_pki.p12("stranger"), PASSWORD)
    one = sign_pdf(document, tmp_path / "1.pdf", signer, Appearance(Kind.SIGNER)).output
    two = sign_pdf(one, tmp_path / "2.pdf", stranger, Appearance(Kind.AGENCY, image=seal_png())).output
    ours = verify_pdf(two, [test_pki.root.cert]).signatures
    root = asn1_x509.Certificate.load(test_pki.root.cert.public_bytes(Encoding.DER))
    with open(two, "rb") as f:
        theirs = [
            validate_pdf_signature(sig, ValidationContext(trust_roots=[root])).bottom_line
            for sig in PdfFileReader(f).embedded_regular_signatures
        ]
    assert [s.ok for s in ours] == theirs == [True, False]


def test_images_are_transparent_png_at_300_dpi():
    from PIL import Image

    for data, colour in ((seal_png(), 0), (signature_png(), 2)):
        image = Image.open(io.BytesIO(data))
        assert image.mode == "RGBA" and image.info["dpi"] == pytest.approx((300, 300), abs=0.1)
        opaque = [px for px in image.get_flattened_data() if px[3] > 200]
        assert opaque and all(px[colour] > 150 for px in opaque[:: max(1, len(opaque) // 200)])
        assert image.getpixel((0, 0))[3] == 0
