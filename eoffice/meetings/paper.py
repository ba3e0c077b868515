"""What the meetings' printed papers share: the decree's header, local times as a
document writes them, and the people and places a meeting names.

NĐ 30/2020 lays every administrative document's header out the same way (Phụ lục I):
the organisation's name and the "Số:" line on the left, the national title, the motto and
the place-and-date line on the right. The invitation (Mẫu 1.7), the attendance card and
the weekly schedule all start with it.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from eoffice.directory.models import Organisation, User
from eoffice.meetings.models import Meeting, Room
from eoffice.meetings.values import vietnam
from eoffice.signing.filling import date_text


NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
#: A blank the clerk's number fills (``signing.filling``): "Số:      /GM-UBND".
BLANK_NUMBER = "      "
#: The blank day and month of a draft's date line, over which issuing writes the date.
BLANK_DATE = "ngày      tháng      năm"

LINE = 6.0
_PLACE = re.compile(r"\b(?:tỉnh|thành phố|thị xã|huyện|quận|xã|phường|thị trấn)\s+(.+)$", re.IGNORECASE)


def clock_text(moment: datetime) -> str:
    """"08 giờ 00" (the hour as documents write it)."""
    at = vietnam(moment)
    return f"{at.hour:02d} giờ {at.minute:02d}"


def day_text(day: date) -> str:
    """"thứ Hai, ngày 07 tháng 12 năm 2026"."""
    return f"{WEEKDAYS[day.weekday()].replace('Thứ', 'thứ')}, {date_text(day)}"


def span_text(starts: datetime, ends: datetime) -> str:
    """When a meeting runs, as the invitation's "Thời gian:" reads it."""
    first, last = vietnam(starts), vietnam(ends)
    if first.date() == last.date():
        return f"Từ {clock_text(first)} đến {clock_text(last)}, {day_text(first.date())}"
    return f"Từ {clock_text(first)}, {day_text(first.date())} đến {clock_text(last)}, {day_text(last.date())}"


def place_of(organisation_name: str) -> str:
    """The place of the date line: "Nghệ An" for "Ủy ban nhân dân tỉnh Nghệ An"."""
    found = _PLACE.search(organisation_name.strip())
    return found.group(1).strip() if found else organisation_name.strip()


def date_line(place: str, issued: date | None, year: int) -> str:
    """"Nghệ An, ngày 07 tháng 12 năm 2026"; blank day and month on a draft (issuing fills them)."""
    if issued is None:
        return f"{place}, {BLANK_DATE} {year}"
    return f"{place}, {date_text(issued)}"


def meeting_place(session: Session, meeting: Meeting) -> str:
    """The room (with its address) or the place written on the meeting, and its online link."""
    room = session.get(Room, meeting.room_id) if meeting.room_id else None
    parts = []
    if room is not None and not room.deleted:
        parts.append(f"{room.name}, {room.address}" if room.address else room.name)
    elif meeting.place:
        parts.append(meeting.place)
    if meeting.online_link:
        parts.append(f"trực tuyến: {meeting.online_link}")
    return "; ".join(parts) or "(chưa xác định)"


def person(user: User | None) -> str:
    """"Nguyễn Văn Đức, Chủ tịch" (name and position)."""
    if user is None:
        return ""
    return f"{user.full_name}, {user.position}" if user.position else user.full_name


def organisation_of(session: Session, meeting: Meeting) -> Organisation:
    org = session.get(Organisation, meeting.organisation_id)
    assert org is not None  # a foreign key
    return org


def parent_name(session: Session, org: Organisation) -> str:
    """The superior organ printed above the organisation's name (empty at the top)."""
    parent = session.get(Organisation, org.parent_id) if org.parent_id else None
    return parent.name if parent is not None else ""


# --------------------------------------------------------------------------- drawing (fpdf2)

LEFT_X, LEFT_W = 15.0, 80.0
RIGHT_X, RIGHT_W = 95.0, 105.0


def _rule(pdf: Any, x: float, width: float, length: float, y: float) -> None:
    """The short line under the organisation's name and under the motto, centred."""
    length = min(length, width)
    pdf.set_line_width(0.3)
    pdf.line(x + (width - length) / 2, y, x + (width + length) / 2, y)


def header(
    pdf: Any, *, organisation: str, parent: str, number_line: str, place_date: str, left_x: float = LEFT_X,
    right_x: float = RIGHT_X,
) -> None:
    """NĐ 30's two-column header at the top of the current page; the text continues under it.

    ``number_line`` is the whole "Số: …" line (empty for a paper with no number).
    """
    top = 12.0
    pdf.set_xy(left_x, top)
    if parent:
        pdf.set_font("Body", "", 12)
        pdf.multi_cell(LEFT_W, LINE, parent.upper(), align="C", new_x="LEFT", new_y="NEXT")
    pdf.set_font("Body", "B", 12)
    pdf.multi_cell(LEFT_W, LINE, organisation.upper(), align="C", new_x="LEFT", new_y="NEXT")
    _rule(pdf, left_x, LEFT_W, 25, pdf.get_y() + 0.8)
    left_bottom = pdf.get_y()

    pdf.set_xy(right_x, top)
    pdf.set_font("Body", "B", 12)
    pdf.multi_cell(RIGHT_W, LINE, NATIONAL_TITLE, align="C", new_x="LEFT", new_y="NEXT")
    pdf.set_font("Body", "B", 13)
    pdf.multi_cell(RIGHT_W, LINE + 0.5, MOTTO, align="C", new_x="LEFT", new_y="NEXT")
    _rule(pdf, right_x, RIGHT_W, pdf.get_string_width(MOTTO), pdf.get_y() + 0.8)
    # The number and the place-and-date share one line under the taller column (NĐ 30).
    line_y = max(left_bottom, pdf.get_y()) + 3
    pdf.set_font("Body", "", 13)
    if number_line:
        pdf.set_xy(left_x, line_y)
        pdf.cell(LEFT_W, LINE + 1, number_line, align="C")
    if place_date:
        pdf.set_xy(right_x, line_y)
        pdf.cell(RIGHT_W, LINE + 1, place_date, align="C")
    end = line_y + LINE + 1 if number_line or place_date else line_y
    pdf.set_xy(pdf.l_margin, end)


def decree_pdf() -> Any:
    """A new A4 paper in the embedded Vietnamese font with NĐ 30's margins (left 30 mm,
    right 15 mm, top and bottom 20 mm)."""
    from eoffice.printing.fonts import new_pdf

    pdf = new_pdf()
    pdf.set_margins(30, 20, 15)
    pdf.set_auto_page_break(True, margin=20)
    return pdf


def closing(pdf: Any, recipients: tuple[str, ...], signer_position: str, signer_name: str) -> None:
    """Nơi nhận on the left; the signer's title, room to sign, and name on the right."""
    if pdf.get_y() > pdf.h - 75:
        pdf.add_page()
    top = pdf.get_y()
    pdf.set_xy(pdf.l_margin, top)
    pdf.set_font("Body", "B", 12)
    pdf.cell(70, LINE, "Nơi nhận:", new_x="LEFT", new_y="NEXT")
    pdf.set_font("Body", "", 11)
    for line in recipients:
        pdf.multi_cell(70, 5, line, new_x="LEFT", new_y="NEXT")
    pdf.set_xy(105, top)
    pdf.set_font("Body", "B", 13)
    pdf.multi_cell(90, 7, signer_position.upper(), align="C", new_x="LEFT", new_y="NEXT")
    pdf.ln(24)
    pdf.set_x(105)
    pdf.multi_cell(90, 7, signer_name, align="C", new_x="LMARGIN", new_y="NEXT")
