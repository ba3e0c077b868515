"""The minutes as a Word document in the decree's form (Mẫu 1.9), for the secretary who
finishes them in Word or files them: the same content as the PDF (``compose``), Times New
Roman 13, the header and the signature blocks as borderless two-column tables."""

from __future__ import annotations

import io
from typing import Any

from eoffice.meetings.minutes.compose import Minutes
from eoffice.meetings.minutes.paper_pdf import CHAIR_TITLE, SECRETARY_TITLE
from eoffice.meetings.paper import MOTTO, NATIONAL_TITLE, date_line

FONT = "Times New Roman"
_INDENT_MM = (0, 0, 6)


def _font(doc: Any) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(13)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    style.paragraph_format.space_after = Pt(3)


def _cell_lines(cell: Any, lines: list[tuple[str, bool]]) -> None:
    """Centred lines in a table cell, each bold or not."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    first = True
    for text, bold in lines:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = bold


def _two_columns(doc: Any, left: list[tuple[str, bool]], right: list[tuple[str, bool]]) -> None:
    table = doc.add_table(rows=1, cols=2)
    cells = table.rows[0].cells
    _cell_lines(cells[0], left)
    _cell_lines(cells[1], right)


def build_docx(minutes: Minutes) -> Any:
    """The python-docx ``Document`` of the minutes."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    _font(doc)
    left = ([(minutes.parent.upper(), False)] if minutes.parent else []) + [
        (minutes.organisation.upper(), True), (minutes.number_line, False)]
    right = [(NATIONAL_TITLE, True), (MOTTO, True), (date_line(minutes.place, minutes.issued, minutes.year), False)]
    _two_columns(doc, left, right)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run("BIÊN BẢN").bold = True
    name = doc.add_paragraph()
    name.alignment = WD_ALIGN_PARAGRAPH.CENTER
    name.add_run(minutes.title).bold = True
    for block in minutes.blocks:
        paragraph = doc.add_paragraph()
        if block.kind == "label":
            paragraph.add_run(f"{block.label}:" + (" " if block.text else "")).bold = True
            if block.text:
                paragraph.add_run(block.text)
            continue
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        indent = _INDENT_MM[min(block.depth, 2)]
        if indent:
            paragraph.paragraph_format.left_indent = Mm(indent)
        paragraph.add_run(block.text).bold = block.kind == "heading"
    doc.add_paragraph(minutes.ending)
    _two_columns(
        doc,
        [(SECRETARY_TITLE, True), ("", False), ("", False), ("", False), (minutes.secretary, True)],
        [(CHAIR_TITLE, True), ("", False), ("", False), ("", False), (minutes.chair, True)],
    )
    doc.add_paragraph().add_run("Nơi nhận:").bold = True
    for line in minutes.recipients:
        doc.add_paragraph(line)
    return doc


def render_minutes_docx(minutes: Minutes) -> bytes:
    out = io.BytesIO()
    build_docx(minutes).save(out)
    return out.getvalue()
