"""The minutes as a PDF in the decree's form (Mẫu 1.9), in the embedded Vietnamese font.

The last page carries two signature blocks: THƯ KÝ on the left, CHỦ TỌA on the right,
each its title, room to sign, and the name: the secretary's and the chair's e-card
signatures are placed there (``signing.placement`` finds a block by its title and name).
Each agenda item is a bookmark, so the minutes' outline shows in any reader and in the
meeting's record (``record_export``).
"""

from __future__ import annotations

from typing import Any

from eoffice.meetings.minutes.compose import Block, Minutes
from eoffice.meetings.paper import date_line, decree_pdf, header
from eoffice.printing.paragraph import paragraph

#: Indent of a block at each depth (mm).
_INDENT = (0.0, 0.0, 6.0)
SECRETARY_TITLE = "THƯ KÝ"
CHAIR_TITLE = "CHỦ TỌA"
#: Room between a signature block's title and name for the signature's image (mm).
SIGNING_ROOM = 28.0


def _labelled(pdf: Any, label: str, text: str) -> None:
    pdf.set_x(pdf.l_margin)
    pdf.set_font("Body", "B", 13)
    pdf.write(7, f"{label}:" + (" " if text else ""))
    pdf.set_font("Body", "", 13)
    if text:
        pdf.write(7, text)
    pdf.ln(8)


def _block(pdf: Any, block: Block, bookmark: str | None) -> None:
    if block.kind == "label":
        _labelled(pdf, block.label, block.text)
        return
    if bookmark is not None:
        pdf.start_section(bookmark[:200], level=0)
    bold = block.kind == "heading"
    pdf.set_font("Body", "B" if bold else "", 13)
    paragraph(pdf, block.text, height=7, indent=_INDENT[min(block.depth, 2)])


def _signatures(pdf: Any, minutes: Minutes) -> None:
    """THƯ KÝ (left) and CHỦ TỌA (right), then "Nơi nhận" under the secretary's block."""
    if pdf.get_y() > pdf.h - 95:
        pdf.add_page()
    pdf.ln(4)
    top = pdf.get_y()
    half = pdf.epw / 2
    for x, title, name in ((pdf.l_margin, SECRETARY_TITLE, minutes.secretary),
                           (pdf.l_margin + half, CHAIR_TITLE, minutes.chair)):
        pdf.set_xy(x, top)
        pdf.set_font("Body", "B", 13)
        pdf.cell(half, 7, title, align="C", new_x="LEFT", new_y="NEXT")
        pdf.ln(SIGNING_ROOM)
        pdf.set_x(x)
        pdf.set_font("Body", "B", 13)
        pdf.cell(half, 7, name, align="C", new_x="LEFT", new_y="NEXT")
    pdf.set_xy(pdf.l_margin, pdf.get_y() + 6)
    pdf.set_font("Body", "B", 12)
    pdf.cell(70, 6, "Nơi nhận:", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Body", "", 11)
    for line in minutes.recipients:
        pdf.multi_cell(90, 5, line, new_x="LMARGIN", new_y="NEXT")


def draw_minutes(pdf: Any, minutes: Minutes, *, bookmarks: bool = True) -> None:
    """The minutes onto ``pdf`` from a new page (the record's export draws them among
    its other parts)."""
    pdf.add_page()
    header(pdf, organisation=minutes.organisation, parent=minutes.parent, number_line=minutes.number_line,
           place_date=date_line(minutes.place, minutes.issued, minutes.year))
    pdf.ln(8)
    pdf.set_font("Body", "B", 14)
    pdf.cell(0, 7, "BIÊN BẢN", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Body", "B", 13)
    pdf.multi_cell(0, 7, minutes.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    marks = {index: title for title, index, _item in minutes.outline} if bookmarks else {}
    for index, block in enumerate(minutes.blocks):
        _block(pdf, block, marks.get(index))
    pdf.set_font("Body", "", 13)
    pdf.multi_cell(0, 7, minutes.ending, new_x="LMARGIN", new_y="NEXT")
    _signatures(pdf, minutes)


def render_minutes(minutes: Minutes) -> bytes:
    """The minutes as PDF bytes (margins of NĐ 30: left 30 mm, right 15 mm)."""
    pdf = decree_pdf()
    draw_minutes(pdf, minutes)
    return bytes(pdf.output())
