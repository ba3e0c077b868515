"""Sample official-document PDFs with real Vietnamese text (for the demo and the tests)."""

from __future__ import annotations

from pathlib import Path

from eoffice.printing.fonts import new_pdf


def render_document(
    organ_name: str,
    number_label: str,
    type_name: str,
    subject: str,
    body: str,
    signer_position: str = "",
    signer_full_name: str = "",
) -> bytes:
    """A one-page document laid out like NĐ 30/2020's form: header, title, body, signature."""
    pdf = new_pdf()
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_margins(30, 20, 15)
    pdf.set_xy(30, 20)
    pdf.set_font("Body", "B", 12)
    pdf.cell(80, 6, organ_name.upper()[:45], align="C")
    pdf.cell(0, 6, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Body", "", 12)
    pdf.cell(80, 6, f"Số: {number_label}", align="C")
    pdf.set_font("Body", "B", 12)
    pdf.cell(0, 6, "Độc lập - Tự do - Hạnh phúc", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(10)
    pdf.set_font("Body", "B", 14)
    pdf.multi_cell(0, 7, type_name.upper(), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Body", "B", 13)
    pdf.multi_cell(0, 7, subject, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("Body", "", 13)
    pdf.multi_cell(0, 7, body, align="J", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(10)
    if signer_position or signer_full_name:
        pdf.set_x(110)
        pdf.set_font("Body", "B", 13)
        pdf.multi_cell(80, 7, signer_position.upper(), align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(22)
        pdf.set_x(110)
        pdf.multi_cell(80, 7, signer_full_name, align="C", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def write_document(path: Path, **kwargs: str) -> Path:
    path.write_bytes(render_document(**kwargs))
    return path
