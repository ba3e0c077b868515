"""The leaders' weekly work schedule (lịch công tác tuần): an A4 landscape PDF in an
embedded font, Monday to Sunday, the announced meetings the organisation's leaders chair
or attend, in Vietnam's time; drafts, cancelled and secret meetings left out."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

from eoffice.meetings.models import ParticipantRole
from eoffice.meetings.schedule import render_schedule, week_entries
from tests.conftest import World, need
from tests.meetings import paper_factories as make
from tests.meetings.paper_factories import at
from tests.signing.conftest import have_font


def _week(world: World) -> dict[str, str]:
    room_id = make.room(world, "Phòng họp UBND tỉnh")
    deputy = make.deputy(world)
    titles = {}
    regular, _ = make.meeting(world, title="Phiên họp thường kỳ tháng 12", state="scheduled", room_id=room_id)
    make.participant(world, regular, deputy)
    make.participant(world, regular, world.officer2_id)
    titles["regular"] = regular
    # Chaired by the deputy, late on Sunday in Vietnam (still Sunday there, not yet in UTC's Monday).
    late, _ = make.meeting(world, title="Kiểm tra công tác phòng chống lụt bão", state="scheduled",
                           starts=at(2026, 12, 13, 20), minutes=60, chair_id=deputy, place="Huyện Nghi Lộc")
    titles["late"] = late
    # Early on Monday in Vietnam: Sunday in UTC, and it belongs to this week.
    early, _ = make.meeting(world, title="Giao ban đầu tuần", state="in_session", starts=at(2026, 12, 7, 6), minutes=60)
    titles["early"] = early
    postponed, _ = make.meeting(world, title="Hội nghị xúc tiến đầu tư", state="postponed",
                                starts=at(2026, 12, 10, 14))
    with world.store.write() as s:
        from eoffice.meetings.models import Meeting

        s.get(Meeting, postponed).state_reason = "Trùng lịch làm việc với Bộ"
    titles["postponed"] = postponed
    for name, kwargs in {
        "draft": dict(state="draft"),
        "cancelled": dict(state="cancelled"),
        "secret": dict(state="scheduled", secret=True),
        "next week": dict(state="scheduled", starts=at(2026, 12, 14, 8)),
        "previous week": dict(state="scheduled", starts=at(2026, 12, 6, 23)),
    }.items():
        titles[name], _ = make.meeting(world, title=f"Cuộc họp ({name})", **kwargs)  # type: ignore[arg-type]
    # A meeting with no leader of the organisation: not on the leaders' schedule.
    staff, _ = make.meeting(world, title="Họp chuyên môn phòng", state="scheduled", chair_id=world.officer_id)
    make.participant(world, staff, world.officer2_id, ParticipantRole.MEMBER)
    titles["staff"] = staff
    return titles


def test_the_week_lists_the_announced_meetings_of_the_leaders_in_local_time(world: World):
    _week(world)
    with world.store.read() as s:
        entries = week_entries(s, world.org_id, date(2026, 12, 9))  # any day of the week
    assert [(e.day, e.content) for e in entries] == [
        (date(2026, 12, 7), "Giao ban đầu tuần"),
        (date(2026, 12, 7), "Phiên họp thường kỳ tháng 12"),
        (date(2026, 12, 10), "Hội nghị xúc tiến đầu tư — Hoãn: Trùng lịch làm việc với Bộ"),
        (date(2026, 12, 13), "Kiểm tra công tác phòng chống lụt bão"),
    ]
    regular = entries[1]
    assert regular.chair == "Nguyễn Văn Đức, Chủ tịch"
    assert regular.attendees == "Hoàng Văn Tư, Phó Chủ tịch; và 1 đại biểu"
    assert regular.venue == "Phòng họp UBND tỉnh"
    assert entries[3].venue == "Huyện Nghi Lộc" and entries[3].chair == "Hoàng Văn Tư, Phó Chủ tịch"


def test_the_schedule_prints_as_a_landscape_table_in_an_embedded_font(world: World, tmp_path: Path):
    need(have_font(), "no Vietnamese font (apt install fonts-liberation2)")
    for tool in ("pdftotext", "pdffonts", "qpdf", "pdfinfo"):
        need(shutil.which(tool) is not None, f"{tool} is not installed (apt install poppler-utils qpdf)")
    _week(world)
    with world.store.read() as s:
        pdf = tmp_path / "lich-cong-tac.pdf"
        pdf.write_bytes(render_schedule(s, world.org_id, date(2026, 12, 7)))

    out = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    flat = " ".join(out.split())
    for part in (
        "LỊCH CÔNG TÁC TUẦN CỦA LÃNH ĐẠO ỦY BAN NHÂN DÂN TỈNH NGHỆ AN", "(Từ ngày 07/12/2026 đến ngày 13/12/2026)",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Thứ, ngày", "Thời gian", "Nội dung", "Chủ trì", "Thành phần", "Địa điểm",
        "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật",
        "06 giờ 00 - 07 giờ 00", "Giao ban đầu tuần", "08 giờ 00 - 11 giờ 30", "Phiên họp thường kỳ tháng 12",
        "20 giờ 00 - 21 giờ 00", "Huyện Nghi Lộc", "Hoãn",
    ):
        assert part in flat, part
    for hidden in ("(draft)", "(cancelled)", "(secret)", "(next week)", "(previous week)", "Họp chuyên môn phòng"):
        assert hidden not in flat, hidden
    assert flat.index("Giao ban đầu tuần") < flat.index("Phiên họp thường kỳ") < flat.index("Kiểm tra công tác")

    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "841.89 x 595.28" in info  # A4 landscape
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all("TrueType" in row and " yes " in row for row in rows), fonts
    subprocess.run(["qpdf", "--check", str(pdf)], check=True, capture_output=True)
