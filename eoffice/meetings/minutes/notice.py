"""The conclusions notice (thông báo kết luận, Mẫu 1.4, type TB): "Kết luận của <chair>
tại <meeting>", made in one action from the conclusions the secretary wrote per item."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from eoffice.directory.models import User
from eoffice.documents.numbering import notation
from eoffice.meetings.minutes.compose import conclusions_of
from eoffice.meetings.organising import meeting_of
from eoffice.meetings.paper import (
    BLANK_NUMBER,
    closing,
    date_line,
    decree_pdf,
    header,
    organisation_of,
    parent_name,
    place_of,
)
from eoffice.meetings.values import vietnam

TYPE_NAME = "Thông báo"


@dataclass(frozen=True)
class Notice:
    organisation: str
    parent: str
    notation: str
    place: str
    year: int
    subject: str  # "Kết luận của Chủ tịch UBND tỉnh Nguyễn Văn A tại …"
    opening: str
    conclusions: tuple[tuple[str, str], ...]  # (item, conclusion)
    signer_position: str
    signer_name: str
    recipients: tuple[str, ...]
    issued: date | None = None

    @property
    def number_line(self) -> str:
        return f"Số: {BLANK_NUMBER}/{self.notation}"

    def text(self) -> str:
        return "\n".join(["THÔNG BÁO", self.subject, self.opening,
                          *(f"{item}\n{text}" for item, text in self.conclusions)])


def notice_of(session: Session, meeting_id: str, written: Mapping[str, str]) -> Notice:
    """The notice of the meeting's conclusions as written now (the chair signs it by default:
    the office may change the signer in the outgoing flow, as for any draft)."""
    meeting = meeting_of(session, meeting_id)
    org = organisation_of(session, meeting)
    chair = session.get(User, meeting.chair_id) if meeting.chair_id else None
    who = f"{chair.position} {chair.full_name}".strip() if chair is not None else "chủ trì cuộc họp"
    starts = vietnam(meeting.starts_at)
    opening = (
        f"Ngày {starts:%d/%m/%Y}, {who} đã chủ trì {meeting.title}. "
        f"Sau khi nghe báo cáo và ý kiến của các thành viên dự họp, {who} kết luận như sau:"
    )
    return Notice(
        organisation=org.name, parent=parent_name(session, org), notation=notation(TYPE_NAME, org.abbreviation),
        place=place_of(org.name), year=starts.year, subject=f"Kết luận của {who} tại {meeting.title}",
        opening=opening, conclusions=tuple(conclusions_of(session, meeting_id, written)),
        signer_position=chair.position if chair is not None else "", signer_name=chair.full_name if chair else "",
        recipients=("- Các thành viên dự họp;", "- Lưu: VT."),
    )


def render_notice(notice: Notice) -> bytes:
    pdf = decree_pdf()
    pdf.add_page()
    header(pdf, organisation=notice.organisation, parent=notice.parent, number_line=notice.number_line,
           place_date=date_line(notice.place, notice.issued, notice.year))
    pdf.ln(8)
    pdf.set_font("Body", "B", 14)
    pdf.cell(0, 7, "THÔNG BÁO", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Body", "B", 13)
    pdf.multi_cell(0, 7, notice.subject, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Body", "", 13)
    pdf.multi_cell(0, 7, notice.opening, align="J", new_x="LMARGIN", new_y="NEXT")
    for n, (item, text) in enumerate(notice.conclusions, start=1):
        pdf.set_font("Body", "B", 13)
        pdf.multi_cell(0, 7, f"{n}. Về {item.split(' ', 1)[-1]}", align="J", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Body", "", 13)
        pdf.multi_cell(0, 7, text, align="J", new_x="LMARGIN", new_y="NEXT")
    if not notice.conclusions:
        pdf.multi_cell(0, 7, "(Chưa có kết luận nào được ghi trong biên bản.)", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    closing(pdf, notice.recipients, notice.signer_position, notice.signer_name)
    return bytes(pdf.output())



