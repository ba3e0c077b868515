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


def _draw(pdf, doc: SampleDocument) -> None:  # type: ignore[no-untyped-def]
    """One page laid out like NĐ 30/2020's form: header, title, body, signature block."""
    pdf.add_page()
    pdf.set_xy(30, 20)
    pdf.set_font("Body", "B", 12)
    pdf.cell(80, 6, doc.organ_name.upper()[:45], align="C")
    pdf.cell(0, 6, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Body", "", 12)
    pdf.cell(80, 6, f"Số: {doc.number_label}", align="C")
    pdf.set_font("Body", "B", 12)
    pdf.cell(0, 6, "Độc lập - Tự do - Hạnh phúc", align="C", new_x="LMARGIN", new_y="NEXT")
    if doc.place_date:
        pdf.set_font("Body", "", 13)
        pdf.set_x(110)
        pdf.cell(0, 8, doc.place_date, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(10)
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
