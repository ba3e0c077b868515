"""A diary report as PDF (Vietnamese font embedded) and as DOCX, the format offices exchange.

Both follow the same layout: the organisation and the national heading, the title and
period, a summary of time per category, then per person their entries grouped by
category with the linked documents' numbers and the totals.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from types import MethodType
from typing import Any

from eoffice.printing.fonts import FontMissingError, find_font, new_pdf
from eoffice.printing.tables import Column, GridWriter
from eoffice.signing.filling import date_text
from eoffice.worklog.models import CATEGORY_LABELS_VI
from eoffice.worklog.report import CategoryBlock, Report
from eoffice.worklog.weeks import duration_vi

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
COLUMNS: list[tuple[str, float]] = [
    ("Ngày", 17),
    ("Thời gian", 21),
    ("Nội dung công việc", 66),
    ("Kết quả", 34),
    ("Văn bản liên quan", 27),
    ("Thời lượng", 15),
]
SUMMARY_COLUMNS: list[tuple[str, float]] = [("Loại công việc", 100), ("Số việc", 30), ("Thời gian", 50)]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]


def _hours(minutes: int) -> str:
    return duration_vi(minutes) if minutes else "0 phút"


def _block_title(i: int, block: CategoryBlock) -> str:
    """"II. Họp, hội nghị (3 việc, 4 giờ)": a category's heading, numbered in Roman."""
    return f"{ROMAN[i] if i < len(ROMAN) else i + 1}. {block.label} ({len(block.items)} việc, {_hours(block.minutes)})"


def _short(minutes: int) -> str:
    h, m = divmod(minutes, 60)
    return f"{h}h{m:02d}" if h else f"{m}p"


def summary_rows(report: Report) -> list[list[str]]:
    """The summary table: time per category, then the total."""
    rows = [
        [CATEGORY_LABELS_VI.get(c, c), str(report.counts.get(c, 0)), _hours(m)]
        for c, m in report.totals.items()
        if m or report.counts.get(c)
    ]
    rows.append(["Tổng cộng", str(report.entries), _hours(report.minutes)])
    return rows


def _signed_on(today: date) -> str:
    """The date under the report, as NĐ 30 writes it (the same words the issued documents use)."""
    return date_text(today)


def _save(write: Any, out: Path) -> Path:
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    write(tmp)
    tmp.replace(out)
    return out


# --------------------------------------------------------------------------- PDF


def write_pdf(report: Report, out: Path, *, today: date | None = None) -> Path:
    """The report as an A4 PDF with an embedded Vietnamese font; "Trang x/y" at the foot."""
    today = today or date.today()
    pdf = new_pdf("P")
    pdf.set_margins(15, 12, 15)
    pdf.set_auto_page_break(True, margin=14)
    pdf.set_title(f"{report.title} - {report.scope}")
    pdf.set_author(report.organisation_name)
    pdf.set_creator("eoffice")

    def footer(self: Any) -> None:
        self.set_y(-11)
        self.set_font("Body", "", 8)
        self.cell(0, 5, f"Trang {self.page_no()}/{{nb}}", align="C")

    pdf.footer = MethodType(footer, pdf)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    top = pdf.get_y()
    pdf.set_font("Body", "B", 11)
    pdf.multi_cell(width * 0.45, 5.5, report.organisation_name.upper(), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_xy(pdf.l_margin + width * 0.45, top)
    pdf.multi_cell(width * 0.55, 5.5, f"{NATION}\n{MOTTO}", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("Body", "B", 14)
    pdf.multi_cell(0, 7, report.title.upper(), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Body", "", 11)
    pdf.multi_cell(0, 6, report.period, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 6, report.scope, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)

    pdf.set_font("Body", "B", 11)
    pdf.multi_cell(0, 6, "Tổng hợp thời gian theo loại công việc", new_x="LMARGIN", new_y="NEXT")
    grid = GridWriter(pdf, [Column(t, w) for t, w in SUMMARY_COLUMNS], size=10, line_height=4.8, numbered=False)
    grid.headings()
    for row in summary_rows(report):
        grid.row(row)
    pdf.ln(4)

    for n, person in enumerate(report.people, start=1):
        pdf.set_font("Body", "B", 11)
        who = ", ".join(x for x in (person.position, person.unit_name) if x)
        pdf.multi_cell(
            0, 6, f"{n}. {person.full_name}" + (f" – {who}" if who else ""), new_x="LMARGIN", new_y="NEXT"
        )
        pdf.set_font("Body", "", 10)
        pdf.multi_cell(
            0, 5,
            f"Tổng thời gian: {_hours(person.minutes)}; {person.entries} việc trong {person.days} ngày; "
            f"tuần đã duyệt: {person.approved_weeks}/{person.weeks}.",
            new_x="LMARGIN", new_y="NEXT",
        )
        if not person.blocks:
            pdf.multi_cell(0, 5, "Không có công việc nào được ghi trong kỳ.", new_x="LMARGIN", new_y="NEXT")
        for i, block in enumerate(person.blocks):
            pdf.ln(1)
            pdf.set_font("Body", "B", 10)
            pdf.multi_cell(0, 5.5, _block_title(i, block), new_x="LMARGIN", new_y="NEXT")
            grid = GridWriter(pdf, [Column(t, w) for t, w in COLUMNS], size=9, line_height=4.2, numbered=False)
            grid.headings()
            for item in block.items:
                grid.row(
                    [f"{item.day:%d/%m/%Y}", item.time, item.text, item.result, item.document, _short(item.minutes)]
                )
            grid.row(["", "", "Cộng", "", "", _short(block.minutes)])
        if person.documents:
            pdf.ln(1)
            pdf.set_font("Body", "", 9)
            pdf.multi_cell(0, 4.6, "Văn bản liên quan: " + "; ".join(person.documents), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)

    pdf.set_font("Body", "B", 11)
    pdf.multi_cell(0, 6, f"Tổng cộng: {_hours(report.minutes)} ({report.entries} việc)", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Body", "", 11)
    pdf.set_x(pdf.l_margin + width * 0.5)
    pdf.multi_cell(width * 0.5, 6, _signed_on(today), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Body", "B", 11)
    pdf.set_x(pdf.l_margin + width * 0.5)
    signer = "NGƯỜI BÁO CÁO" if len(report.people) == 1 else "LÃNH ĐẠO ĐƠN VỊ"
    pdf.multi_cell(width * 0.5, 6, signer, align="C", new_x="LMARGIN", new_y="NEXT")
    return _save(lambda tmp: pdf.output(str(tmp)), out)


# --------------------------------------------------------------------------- DOCX


def _set_font(style: Any, name: str, size: float) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    style.font.name = name
    style.font.size = Pt(size)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)


def _table(doc: Any, columns: list[tuple[str, float]], rows: list[list[str]]) -> Any:
    """A ruled table, heading row in bold; made whole at once (``add_row`` per row is
    quadratic on a month's report of a unit)."""
    from docx.shared import Mm

    table = doc.add_table(rows=len(rows) + 1, cols=len(columns))
    table.style = "Table Grid"
    for column, (_title, width) in zip(table.columns, columns, strict=True):
        column.width = Mm(width)
    cells = table._cells  # every cell in one pass (row by row)
    n = len(columns)
    for i, (title, width) in enumerate(columns):
        cells[i].width = Mm(width)
        cells[i].paragraphs[0].add_run(title).bold = True
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values):
            if value:
                cells[r * n + c].paragraphs[0].add_run(value)
    return table


def write_docx(report: Report, out: Path, *, today: date | None = None) -> Path:
    """The report as a Word document (Times New Roman where present, else the PDF's font)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    today = today or date.today()
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(20), Mm(15)
    section.top_margin, section.bottom_margin = Mm(15), Mm(15)
    try:
        family = find_font().family
    except FontMissingError:  # no font here: the reader's Word has Times New Roman
        family = "Times New Roman"
    _set_font(doc.styles["Normal"], family, 12)
    doc.core_properties.title = f"{report.title} - {report.scope}"
    doc.core_properties.author = report.organisation_name

    head = doc.add_table(rows=1, cols=2)
    left, right = head.rows[0].cells
    left.text = report.organisation_name.upper()
    right.text = f"{NATION}\n{MOTTO}"
    for cell in (left, right):
        for p in cell.paragraphs:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for run in p.runs:
                run.bold = True

    def para(text: str, *, bold: bool = False, size: float | None = None, center: bool = False) -> None:
        from docx.shared import Pt

        p = doc.add_paragraph()
        run = p.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    para(report.title.upper(), bold=True, size=14, center=True)
    para(report.period, center=True)
    para(report.scope, center=True)
    para("Tổng hợp thời gian theo loại công việc", bold=True)
    _table(doc, SUMMARY_COLUMNS, summary_rows(report))
    for n, person in enumerate(report.people, start=1):
        who = ", ".join(x for x in (person.position, person.unit_name) if x)
        para(f"{n}. {person.full_name}" + (f" – {who}" if who else ""), bold=True)
        para(
            f"Tổng thời gian: {_hours(person.minutes)}; {person.entries} việc trong {person.days} ngày; "
            f"tuần đã duyệt: {person.approved_weeks}/{person.weeks}."
        )
        if not person.blocks:
            para("Không có công việc nào được ghi trong kỳ.")
        for i, block in enumerate(person.blocks):
            para(_block_title(i, block), bold=True)
            rows = [
                [f"{item.day:%d/%m/%Y}", item.time, item.text, item.result, item.document, _short(item.minutes)]
                for item in block.items
            ]
            rows.append(["", "", "Cộng", "", "", _short(block.minutes)])
            _table(doc, COLUMNS, rows)
        if person.documents:
            para("Văn bản liên quan: " + "; ".join(person.documents))
    para(f"Tổng cộng: {_hours(report.minutes)} ({report.entries} việc)", bold=True)
    p = doc.add_paragraph(_signed_on(today))
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    para("NGƯỜI BÁO CÁO" if len(report.people) == 1 else "LÃNH ĐẠO ĐƠN VỊ", bold=True)
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return _save(lambda tmp: doc.save(str(tmp)), out)
