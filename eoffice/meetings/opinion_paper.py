"""The written opinions' result on paper, for the record (lưu hồ sơ): "KẾT QUẢ LẤY Ý KIẾN
THÀNH VIÊN BẰNG VĂN BẢN" under the decree's header (``paper.header``), the question, the
deadline, the counts with their percentages of the members asked, the verdict with its
rule, and the table of who answered what (the form is named: phiếu có ghi tên), with the
holder of the e-card an answer was signed with.

Written by whoever runs the poll (they hold every answer), from a closed poll's stored
result, or from the running count while it is open (marked as provisional).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from eoffice.errors import PermissionDenied
from eoffice.meetings import paper
from eoffice.meetings.models import Meeting
from eoffice.meetings.opinion_models import PollState
from eoffice.meetings.opinions import COUNTED, AnswerRow, PollResult, deadline_text, poll_of, poll_view
from eoffice.meetings.values import vietnam

CHOICE_VI = {"agree": "Đồng ý", "disagree": "Không đồng ý", "other": "Ý kiến khác", "none": "Không trả lời"}


@dataclass(frozen=True)
class OpinionRecord:
    organisation: str
    parent: str
    place: str
    meeting_title: str
    question: str
    details: str
    deadline: datetime
    closed: bool
    result: PollResult
    answers: list[AnswerRow]
    made_on: date


def record_of(session: Session, user_id: str, poll_id: str, now: datetime) -> OpinionRecord:
    """What the paper says; only the poll's organisers may write it (it names every answer)."""
    view = poll_view(session, user_id, poll_id, now)
    if not view.organiser or view.result is None:
        raise PermissionDenied(
            "Chỉ người tổ chức được xuất kết quả lấy ý kiến.", "Only the organisers may export the result."
        )
    poll = poll_of(session, poll_id)
    meeting = session.get(Meeting, poll.meeting_id)
    assert meeting is not None  # a poll is sent for a meeting that exists
    org = paper.organisation_of(session, meeting)
    return OpinionRecord(
        organisation=org.name, parent=paper.parent_name(session, org), place=paper.place_of(org.name),
        meeting_title=meeting.title, question=view.question, details=view.details, deadline=view.deadline,
        closed=view.state == PollState.CLOSED.value, result=view.result, answers=view.answers,
        made_on=vietnam(now).date(),
    )


def _draw(pdf: Any, rec: OpinionRecord) -> None:
    pdf.add_page()
    paper.header(pdf, organisation=rec.organisation, parent=rec.parent, number_line="",
                 place_date=paper.date_line(rec.place, rec.made_on, rec.made_on.year))
    pdf.ln(6)
    pdf.set_font("Body", "B", 14)
    pdf.multi_cell(0, 7, "KẾT QUẢ LẤY Ý KIẾN THÀNH VIÊN BẰNG VĂN BẢN", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Body", "", 13)
    pdf.multi_cell(0, 7, rec.meeting_title, align="C", new_x="LMARGIN", new_y="NEXT")
    if not rec.closed:
        pdf.set_font("Body", "B", 12)
        pdf.multi_cell(0, 7, "(Kết quả tạm tính: phiếu lấy ý kiến chưa kết thúc)", align="C",
                       new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)

    def line(label: str, text: str) -> None:
        pdf.set_font("Body", "B", 13)
        pdf.write(7, f"{label} ")
        pdf.set_font("Body", "", 13)
        pdf.write(7, text)
        pdf.ln(8)

    line("Nội dung xin ý kiến:", rec.question)
    if rec.details:
        line("Thuyết minh:", rec.details)
    line("Hạn trả lời:", deadline_text(rec.deadline))
    r = rec.result
    line("Số thành viên được lấy ý kiến:", f"{r.asked}; số phiếu trả lời: {r.answered}.")
    pdf.ln(1)
    widths = (70.0, 40.0, 55.0)
    pdf.set_font("Body", "B", 12)
    for text, width in zip(("Ý kiến", "Số phiếu", "Tỷ lệ (trên tổng số thành viên)"), widths, strict=True):
        pdf.cell(width, 8, text, border=1, align="C")
    pdf.ln()
    pdf.set_font("Body", "", 12)
    for key in COUNTED:
        pdf.cell(widths[0], 8, CHOICE_VI[key], border=1)
        pdf.cell(widths[1], 8, str(r.counts.get(key, 0)), border=1, align="C")
        pdf.cell(widths[2], 8, f"{r.percents.get(key, '0.00')} %", border=1, align="C")
        pdf.ln()
    pdf.ln(3)
    line("Quy tắc:", r.rule_label + (f" ({r.citation})" if r.citation else "")
         + f"; cần ít nhất {r.needed} phiếu đồng ý.")
    line("Kết quả:", r.verdict.upper() + ("" if rec.closed else " (tạm tính)"))
    pdf.ln(2)
    pdf.set_font("Body", "B", 13)
    pdf.multi_cell(0, 7, "Ý kiến của từng thành viên", new_x="LMARGIN", new_y="NEXT")
    cols = (10.0, 55.0, 35.0, 65.0)
    pdf.set_font("Body", "B", 11)
    for text, width in zip(("TT", "Họ và tên", "Ý kiến", "Nội dung ý kiến"), cols, strict=True):
        pdf.cell(width, 7, text, border=1, align="C")
    pdf.ln()
    pdf.set_font("Body", "", 11)
    for n, a in enumerate(rec.answers, start=1):
        said = CHOICE_VI[a.choice or "none"]
        text = a.text or ""
        if a.answered_at is not None:
            text = (text + " " if text else "") + f"({vietnam(a.answered_at):%H:%M %d/%m/%Y})"
        if a.signed_by:
            text += f" Ký số: {a.signed_by}."
        lines = max(1, len(pdf.multi_cell(cols[3], 6, text, dry_run=True, output="LINES")))
        height = 6 * lines
        if pdf.get_y() + height > pdf.page_break_trigger:
            pdf.add_page()
        y = pdf.get_y()
        x = pdf.l_margin
        pdf.multi_cell(cols[0], height, str(n), border=1, align="C", new_x="RIGHT", new_y="TOP")
        name = a.full_name + (f", {a.position}" if a.position else "")
        pdf.multi_cell(cols[1], height, name[:60], border=1, new_x="RIGHT", new_y="TOP")
        pdf.multi_cell(cols[2], height, said, border=1, align="C", new_x="RIGHT", new_y="TOP")
        pdf.multi_cell(cols[3], 6, text, border=1, new_x="LMARGIN", new_y="NEXT")
        pdf.set_xy(x, y + height)


def render_result(rec: OpinionRecord) -> bytes:
    """The result as a PDF in the embedded Vietnamese font (``printing.fonts``)."""
    pdf = paper.decree_pdf()
    _draw(pdf, rec)
    return bytes(pdf.output())
