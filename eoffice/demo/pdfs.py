"""Sample official-document PDFs with real Vietnamese text (for the demo and the tests)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from eoffice.printing.fonts import new_pdf


@dataclass(frozen=True)
class SampleDocument:
    organ_name: str
    number_label: str
    type_name: str
    subject: str
    body: str
    signer_position: str = ""
    signer_full_name: str = ""
    place_date: str = ""  # "Nghệ An, ngày … tháng … năm 2026", under the motto (a draft leaves it blank)
    parent_organ: str = ""  # the superior organ, above the organ's name (regular, not bold)


#: The header's two columns (mm from the page's left edge), as NĐ 30/2020's form lays them:
#: the organ and the number on the left, the national title and the date on the right.
LEFT_X, LEFT_W = 20.0, 72.0
RIGHT_X, RIGHT_W = 94.0, 106.0
LINE = 6.0
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


def _rule(pdf, x: float, width: float, text_width: float, y: float) -> None:  # type: ignore[no-untyped-def]
    """The short line drawn under the organ's name and under the motto, centred."""
    length = min(text_width, width)
    pdf.set_line_width(0.3)
    pdf.line(x + (width - length) / 2, y, x + (width + length) / 2, y)


def _split(pdf, text: str, width: float) -> list[str]:  # type: ignore[no-untyped-def]
    """``text`` in lines no wider than ``width`` at the current font: one line if it fits,
    else two balanced ones ("ỦY BAN NHÂN DÂN / THÀNH PHỐ VINH"), else as many as it takes."""
    if pdf.get_string_width(text) <= width:
        return [text]
    words = text.split()
    best: tuple[float, list[str]] | None = None
    for cut in range(1, len(words)):
        lines = [" ".join(words[:cut]), " ".join(words[cut:])]
        widest = max(pdf.get_string_width(line) for line in lines)
        if widest <= width and (best is None or widest < best[0]):
            best = (widest, lines)
    if best is not None:
        return best[1]
    return [str(line) for line in pdf.multi_cell(width, LINE, text, dry_run=True, output="LINES")]


def _organ_lines(pdf, text: str, style: str) -> list[str]:  # type: ignore[no-untyped-def]
    """An organ's name in the left column: at 12 pt, or 11 pt when that keeps it on one line."""
    for size in (12, 11):
        pdf.set_font("Body", style, size)
        if pdf.get_string_width(text) <= LEFT_W:
            return [text]
    pdf.set_font("Body", style, 12)
    return _split(pdf, text, LEFT_W)


def _header(pdf, doc: SampleDocument) -> None:  # type: ignore[no-untyped-def]
    """Both columns start at the same height and wrap within their widths; the body starts
    under the taller one (the organ's name may take two or three lines)."""
    top = 15.0
    pdf.set_xy(LEFT_X, top)
    if doc.parent_organ:
        for line in _organ_lines(pdf, doc.parent_organ.upper(), ""):
            pdf.set_x(LEFT_X)
            pdf.cell(LEFT_W, LINE, line, align="C", new_x="LEFT", new_y="NEXT")
    lines = _organ_lines(pdf, doc.organ_name.upper(), "B")
    for line in lines:
        pdf.set_x(LEFT_X)
        pdf.cell(LEFT_W, LINE, line, align="C", new_x="LEFT", new_y="NEXT")
    widest = max(pdf.get_string_width(line) for line in lines)
    _rule(pdf, LEFT_X, LEFT_W, widest / 2, pdf.get_y() + 0.8)
    pdf.set_y(pdf.get_y() + 3)
    pdf.set_x(LEFT_X)
    pdf.set_font("Body", "", 13)
    pdf.multi_cell(LEFT_W, LINE + 1, f"Số: {doc.number_label}", align="C", new_x="LEFT", new_y="NEXT")
    left_bottom = pdf.get_y()

    pdf.set_xy(RIGHT_X, top)
    pdf.set_font("Body", "B", 12)
    pdf.multi_cell(RIGHT_W, LINE, NATIONAL_TITLE, align="C", new_x="LEFT", new_y="NEXT")
    pdf.set_font("Body", "B", 13)
    pdf.multi_cell(RIGHT_W, LINE + 0.5, MOTTO, align="C", new_x="LEFT", new_y="NEXT")
    _rule(pdf, RIGHT_X, RIGHT_W, pdf.get_string_width(MOTTO), pdf.get_y() + 0.8)
    pdf.set_y(pdf.get_y() + 3)
    if doc.place_date:
        pdf.set_x(RIGHT_X)
        pdf.set_font("Body", "", 13)
        pdf.multi_cell(RIGHT_W, LINE + 1, doc.place_date, align="C", new_x="LEFT", new_y="NEXT")
    pdf.set_xy(pdf.l_margin, max(left_bottom, pdf.get_y()))


def _draw(pdf, doc: SampleDocument) -> None:  # type: ignore[no-untyped-def]
    """One page laid out like NĐ 30/2020's form: header, title, body, signature block."""
    pdf.add_page()
    _header(pdf, doc)
    pdf.ln(8)
    pdf.set_font("Body", "B", 14)
    pdf.multi_cell(0, 7, doc.type_name.upper(), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Body", "B", 13)
    pdf.multi_cell(0, 7, doc.subject, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("Body", "", 13)
    pdf.multi_cell(0, 7, doc.body, align="J", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(10)
    if doc.signer_position or doc.signer_full_name:
        pdf.set_x(110)
        pdf.set_font("Body", "B", 13)
        pdf.multi_cell(80, 7, doc.signer_position.upper(), align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(22)
        pdf.set_x(110)
        pdf.multi_cell(80, 7, doc.signer_full_name, align="C", new_x="LMARGIN", new_y="NEXT")


def _new() -> object:
    pdf = new_pdf()
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_margins(30, 20, 15)
    return pdf


def render_document(**fields: str) -> bytes:
    """One document as a PDF."""
    pdf = _new()
    _draw(pdf, SampleDocument(**fields))
    return bytes(pdf.output())  # type: ignore[attr-defined]


def render_many(docs: list[SampleDocument]) -> list[bytes]:
    """Many one-page documents, each its own PDF.

    fpdf2 spends most of its time loading and subsetting the font, so the pages are drawn
    into one PDF and split with pypdf: about ten times faster than one PDF at a time.
    """
    from pypdf import PdfReader, PdfWriter

    pdf = _new()
    for doc in docs:
        _draw(pdf, doc)
    reader = PdfReader(io.BytesIO(bytes(pdf.output())))  # type: ignore[attr-defined]
    if len(reader.pages) != len(docs):
        raise ValueError("a sample document overflowed its page")
    out = []
    for page in reader.pages:
        writer = PdfWriter()
        writer.add_page(page)
        buffer = io.BytesIO()
        writer.write(buffer)
        out.append(buffer.getvalue())
    return out


def write_document(path: Path, **fields: str) -> Path:
    path.write_bytes(render_document(**fields))
    return path
