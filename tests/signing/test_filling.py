"""Issuing writes the number and the date into the signed draft before the agency's seal.

The leader's certification leaves the ``number`` and ``date`` fields open; the clerk's desk
fills them in an incremental update, then the seal signs. Both signatures stay valid for
our verifier, pdfsig and qpdf, and the verifier names the filled fields as the only change
after the leader's signature.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eoffice.signing import images
from eoffice.signing.appearance import Appearance, Kind
from eoffice.signing.errors import SigningError
from eoffice.signing.filling import date_text, fill_issue_fields, issue_fields
from eoffice.signing.keys import open_pkcs12
from eoffice.signing.pades import sign_pdf
from eoffice.signing.verify import verify_pdf
from tests.conftest import need
from tests.signing.attacks import Decree
from tests.signing.conftest import PASSWORD, Pki, assert_pdfsig_valid, qpdf_check


def test_the_date_reads_as_the_decree_writes_it():
    assert date_text(date(2026, 12, 6)) == "ngày 06 tháng 12 năm 2026"
    assert date_text(date(2026, 2, 15)) == "ngày 15 tháng 02 năm 2026"
    assert date_text(date(2026, 3, 5)) == "ngày 05 tháng 3 năm 2026"


def _seal(src: Path, dst: Path, pki: Pki) -> Path:
    seal = images.seal_image("Ủy ban nhân dân tỉnh Nghệ An")
    appearance = Appearance(Kind.AGENCY, image=seal, title="Chủ tịch", name="Nguyễn Văn Đức")
    return sign_pdf(src, dst, open_pkcs12(pki.p12("agency"), PASSWORD), appearance).output


def test_number_and_date_filled_then_sealed_verify_everywhere(decree: Decree, test_pki: Pki, tmp_path: Path):
    signed = decree.signed["plain"]
    assert issue_fields(signed).open == ("number", "date")
    filled = tmp_path / "filled.pdf"
    found = fill_issue_fields(signed, filled, "69/QĐ-UBND", date(2026, 12, 6))
    assert found.filled == {"number": "69/QĐ-UBND", "date": "ngày 06 tháng 12 năm 2026"}
    # an incremental update: the leader's signed bytes are the filled file's beginning
    assert filled.read_bytes().startswith(signed.read_bytes())
    assert issue_fields(filled).filled == found.filled and not issue_fields(filled).open

    # after filling, before the seal: the leader's signature is valid, the fields its only change
    [leader] = verify_pdf(filled, [test_pki.root.cert]).signatures
    assert leader.ok, leader.problems
    assert leader.changes_after == "form_filling" and leader.filled_after == ("number", "date")

    sealed = _seal(filled, tmp_path / "sealed.pdf", test_pki)
    report = verify_pdf(sealed, [test_pki.root.cert])
    assert report.ok, [s.problems for s in report.signatures]
    leader, seal = report.signatures
    assert leader.changes_after == "form_filling"
    assert leader.filled_after == ("number", "date", "agency-seal")  # the fields, then the seal's own field
    assert seal.changes_after == "none" and seal.coverage == "whole_file"
    assert_pdfsig_valid(sealed, 2)
    qpdf_check(sealed)


def test_the_filled_page_shows_the_number_and_the_date(decree: Decree, tmp_path: Path):
    import shutil
    import subprocess

    need(shutil.which("pdftotext") is not None, "pdftotext is not installed (apt install poppler-utils)")

    filled = fill_issue_fields(decree.signed["plain"], tmp_path / "f.pdf", "69/QĐ-UBND", date(2026, 12, 6))
    assert filled.filled
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(tmp_path / "f.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "69/QĐ-UBND" in text and "ngày 06 tháng 12 năm 2026" in text


def test_filling_again_with_the_same_values_changes_nothing_and_other_values_are_refused(
    decree: Decree, tmp_path: Path
):
    first = tmp_path / "first.pdf"
    fill_issue_fields(decree.signed["plain"], first, "69/QĐ-UBND", date(2026, 12, 6))
    again = tmp_path / "again.pdf"
    fill_issue_fields(first, again, "69/QĐ-UBND", date(2026, 12, 6))
    assert again.read_bytes() == first.read_bytes()
    with pytest.raises(SigningError) as err:
        fill_issue_fields(first, tmp_path / "other.pdf", "70/QĐ-UBND", date(2026, 12, 6))
    assert "69/QĐ-UBND" in err.value.message_vi


def test_a_file_without_the_fields_is_said_so(document: Path, tmp_path: Path):
    assert issue_fields(document).open == ()
    with pytest.raises(SigningError) as err:
        fill_issue_fields(document, tmp_path / "x.pdf", "69/QĐ-UBND", date(2026, 12, 6))
    assert "không có ô để ghi số" in err.value.message_vi
    assert not (tmp_path / "x.pdf").exists()


def test_the_server_refuses_a_seal_over_another_number_than_it_gave(decree: Decree, test_pki: Pki, tmp_path: Path):
    from eoffice.documents.signing import check_signed_version
    from eoffice.errors import ValidationError
    from eoffice.store.blobs import sha256_file

    signed = decree.signed["plain"]
    filled = tmp_path / "filled.pdf"
    fill_issue_fields(signed, filled, "69/QĐ-UBND", date(2026, 12, 6))
    sealed = _seal(filled, tmp_path / "sealed.pdf", test_pki)
    args = (signed, sha256_file(signed), sealed, sha256_file(sealed), [test_pki.root.cert])
    assert check_signed_version(*args, issued=("69/QĐ-UBND", date(2026, 12, 6))).signatures == 2
    with pytest.raises(ValidationError) as err:
        check_signed_version(*args, issued=("70/QĐ-UBND", date(2026, 12, 6)))
    assert "máy chủ đã cấp “70/QĐ-UBND”" in err.value.message_vi
    with pytest.raises(ValidationError):
        check_signed_version(*args, issued=("69/QĐ-UBND", date(2026, 12, 7)))


# -- a draft whose header the finder cannot read: the signer places the fields ----------------


def word_letter(path: Path, header_lines: tuple[str, ...] = ("Ký hiệu văn bản: ......",), body_times: int = 8) -> Path:
    """A letter as Word exports it: no "Số:" and no blank date line in its header."""
    from eoffice.demo.pdfs import LINE
    from eoffice.printing.fonts import new_pdf
    from tests.signing.conftest import have_font, need

    need(have_font(), "no Vietnamese font (apt install fonts-liberation2)")
    pdf = new_pdf()
    pdf.set_margins(30, 20, 15)
    pdf.add_page()
    pdf.set_font("Body", "B", 13)
    pdf.multi_cell(0, LINE, "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Body", "", 13)
    for line in header_lines:
        pdf.multi_cell(0, LINE, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(10)
    pdf.multi_cell(0, 7, "Nội dung văn bản xuất từ Word. " * body_times, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(10)
    pdf.set_x(110)
    pdf.set_font("Body", "B", 13)
    pdf.multi_cell(80, 7, "CHỦ TỊCH", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(22)
    pdf.set_x(110)
    pdf.multi_cell(80, 7, "Nguyễn Văn Đức", align="C", new_x="LMARGIN", new_y="NEXT")
    path.write_bytes(bytes(pdf.output()))
    return path


def _words(path: Path) -> list[tuple[str, float, float, float, float]]:
    """pdftotext -bbox's words of page 1: (word, x1, y1, x2, y2) in PDF points from the bottom left."""
    import re
    import shutil
    import subprocess

    need(shutil.which("pdftotext") is not None, "pdftotext is not installed (apt install poppler-utils)")
    html = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(path), "-"],
                          capture_output=True, text=True, check=True).stdout
    height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', html).group(1))  # type: ignore[union-attr]
    return [
        (word, float(x1), height - float(y2), float(x2), height - float(y1))
        for x1, y1, x2, y2, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', html
        )
    ]


def test_the_finder_says_when_it_is_unsure(tmp_path: Path):
    from eoffice.signing.placement import find_issue_places

    plain = word_letter(tmp_path / "word.pdf")
    assert find_issue_places(plain) == find_issue_places(plain, propose=False)
    assert find_issue_places(plain).number is None and find_issue_places(plain).date is None
    proposed = find_issue_places(plain, propose=True)
    assert proposed.unsure == {"number", "date"} and not proposed.sure
    assert proposed.number is not None and not proposed.number.found
    assert proposed.date is not None and not proposed.date.found
    # two blank "Số:" lines: the first is proposed, and the finder says it is unsure
    two = word_letter(tmp_path / "two.pdf", ("Số: /UBND-VP", "Số: /QĐ-UBND", "Nghệ An, ngày    tháng    năm 2026"))
    places = find_issue_places(two)
    assert places.unsure == {"number"} and places.number is not None and places.number.found
    assert places.date is not None and places.date.found
    # a number and date already written: nothing to place, nothing proposed
    done = word_letter(tmp_path / "done.pdf", ("Số: 12/UBND-VP", "Nghệ An, ngày 05 tháng 3 năm 2026"))
    assert find_issue_places(done, propose=True) == type(places)(None, None)


def test_fields_go_where_the_signer_put_them_and_the_number_shows_there(test_pki: Pki, tmp_path: Path):
    from eoffice.signing.placement import Box

    draft = word_letter(tmp_path / "word.pdf")
    number_box, date_box = Box(0, 320, 700, 440, 716), Box(0, 300, 660, 520, 676)
    appearance = Appearance(
        Kind.SIGNER, image=images.signature_image("Nguyễn Văn Đức"), title="Chủ tịch", name="Nguyễn Văn Đức",
        seal_image=images.seal_image("Ủy ban nhân dân tỉnh Nghệ An"), number_box=number_box, date_box=date_box,
    )
    signed = sign_pdf(draft, tmp_path / "signed.pdf", open_pkcs12(test_pki.p12("signer"), PASSWORD), appearance).output
    assert issue_fields(signed).open == ("number", "date")
    from pyhanko.pdf_utils.reader import PdfFileReader

    with open(signed, "rb") as handle:
        form = PdfFileReader(handle, strict=False).root["/AcroForm"]["/Fields"]
        rects = {str(f.get_object()["/T"]): [float(v) for v in f.get_object()["/Rect"]] for f in form}
    assert rects["number"] == [320, 700, 440, 716] and rects["date"] == [300, 660, 520, 676]

    filled = tmp_path / "filled.pdf"
    fill_issue_fields(signed, filled, "69/QĐ-UBND", date(2026, 12, 6))
    [leader] = verify_pdf(filled, [test_pki.root.cert]).signatures
    assert leader.ok and leader.filled_after == ("number", "date")
    words = _words(filled)

    def inside(text: str, box: Box) -> bool:  # a form's text may come as one "word"
        return any(
            text in w and box.x1 - 1 <= x1 and x2 <= box.x2 + 1 and box.y1 - 2 <= y1 and y2 <= box.y2 + 2
            for w, x1, y1, x2, y2 in words
        )

    assert inside("69/QĐ-UBND", number_box)
    assert inside("06", date_box) and inside("2026", date_box)
    assert not inside("69/QĐ-UBND", date_box) and not inside("2026", number_box)
