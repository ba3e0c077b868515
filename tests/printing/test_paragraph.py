"""Long paragraphs wrapped in linear time keep every word, in order, within the line,
break the page at its bottom margin and read back from the PDF as written."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from eoffice.printing.fonts import new_pdf
from eoffice.printing.paragraph import paragraph, wrap
from tests.conftest import need
from tests.signing.conftest import have_font

TEXT = ("Hội đồng nhân dân tỉnh thống nhất thông qua nghị quyết về giá đất; giao Ủy ban nhân dân tỉnh "
        "tổ chức thực hiện, báo cáo kết quả tại kỳ họp cuối năm. ") * 40


def test_lines_fit_and_keep_every_word():
    need(have_font(), "no Vietnamese font (apt install fonts-liberation2)")
    pdf = new_pdf()
    pdf.add_page()
    pdf.set_font("Body", "", 13)
    width = 150.0
    lines = wrap(pdf, TEXT + "\nDòng mới " + "x" * 400, width)
    assert all(pdf.get_string_width(line) <= width + 1e-6 for line in lines)
    assert " ".join(lines).split() == (TEXT + " Dòng mới " + "x" * 400).split()[:-1] + \
        [piece for line in lines for piece in line.split() if set(piece) == {"x"}]
    assert any(line.startswith("Dòng mới") for line in lines)  # the newline starts a line
    assert sum(1 for line in lines if set(line) == {"x"}) >= 2  # a word wider than the line is cut


def test_the_paragraph_breaks_pages_and_reads_back(tmp_path: Path):
    need(have_font(), "no Vietnamese font (apt install fonts-liberation2)")
    need(shutil.which("pdftotext") is not None, "pdftotext is not installed (apt install poppler-utils)")
    pdf = new_pdf()
    pdf.set_margins(30, 20, 15)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font("Body", "", 13)
    paragraph(pdf, TEXT * 3, height=7)
    assert pdf.page > 2 and pdf.get_x() == pdf.l_margin
    out = tmp_path / "p.pdf"
    pdf.output(str(out))
    text = subprocess.run(["pdftotext", str(out), "-"], check=True, capture_output=True, text=True).stdout
    assert " ".join(text.split()) == " ".join((TEXT * 3).split())
