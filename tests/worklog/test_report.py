"""Weekly and monthly reports: totals per category, linked numbers, as PDF and DOCX."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, timedelta

import pytest

from eoffice.documents.directions import LineSpec, direct
from eoffice.documents.types import LineRole
from eoffice.errors import PermissionDenied
from eoffice.printing.fonts import FontMissingError, find_font
from eoffice.store.base import new_id
from eoffice.worklog import export
from eoffice.worklog import operations as wops
from eoffice.worklog.report import MONTH, WEEK, build_report
from eoffice.worklog.weeks import month_range
from tests.conftest import need
from tests.documents.workflow_helpers import register
from tests.worklog.helpers import MONDAY, add, apply, hm


def _font_available() -> bool:
    try:
        find_font()
    except FontMissingError:
        return False
    return True


@pytest.fixture
def diary(world, blobs, pdf_factory):
    """A week of the officer's diary: 7 h 45 of work in four categories, one linked document."""
    w = world
    doc = register(w, blobs, pdf_factory, subject="Về việc kiểm tra công tác văn thư", code_number="15")
    with w.store.write() as s:  # directed to the officer, who may then see (and link) it
        direct(s, w.leader_id, doc, "Giao đồng chí Anh xử lý", [LineSpec(LineRole.LEAD, user_id=w.officer_id)],
               today=date(2026, 3, 3))
    add(w.store, w.officer_id, "Họp giao ban", start_minute=hm(8), end_minute=hm(9), category="meeting")
    add(w.store, w.officer_id, "Xử lý văn bản của Sở Nội vụ", minutes=150, category="document", document_id=doc,
        result="Đã trình lãnh đạo")
    add(w.store, w.officer_id, "Trả lời công dân", minutes=45, category="adhoc", day=MONDAY + timedelta(days=1))
    add(w.store, w.officer_id, "Cập nhật hồ sơ", minutes=180, day=MONDAY + timedelta(days=2))
    add(w.store, w.officer_id, "Việc tuần sau", minutes=60, day=MONDAY + timedelta(days=7))
    deleted = add(w.store, w.officer_id, "Ghi nhầm", minutes=600)
    apply(
        w.store, w.officer_id, wops.DeleteEntry(op_id=new_id(), entry_id=deleted.entry_id, base_revision=deleted.op_id)
    )
    add(w.store, w.officer2_id, "Việc của phòng Tài chính", minutes=240)
    apply(w.store, w.leader_id, wops.ApproveWeek(op_id=new_id(), owner_id=w.officer_id, week_start=MONDAY.isoformat()))
    return w


def test_a_persons_week_is_grouped_by_category_with_totals(diary):
    w = diary
    with w.store.read() as s:
        report = build_report(s, w.officer_id, MONDAY, MONDAY + timedelta(days=6), kind=WEEK)
    assert report.title == "Báo cáo kết quả công việc tuần"
    assert report.period == "Tuần từ ngày 02/03/2026 đến ngày 08/03/2026"
    [person] = report.people
    assert [(b.category, len(b.items), b.minutes) for b in person.blocks] == [
        ("regular", 1, 180), ("adhoc", 1, 45), ("document", 1, 150), ("meeting", 1, 60),
    ]
    assert (person.minutes, person.entries, person.days, person.approved_weeks, person.weeks) == (435, 4, 3, 1, 1)
    assert report.minutes == 435 and report.total_text() == "7 giờ 15 phút"
    [linked] = [i for b in person.blocks for i in b.items if i.document]
    assert linked.document == "15/SNV-VP (số đến 01)" and person.documents == ["15/SNV-VP (số đến 01)"]
    assert [i.time for i in person.blocks[3].items] == ["08:00–09:00"]


def test_a_units_month_sums_its_people_and_only_its_leaders_may_build_it(diary):
    w = diary
    start, end = month_range(2026, 3)
    with w.store.read() as s:
        report = build_report(s, w.leader_id, start, end, unit_id=w.office_unit_id, kind=MONTH)
        assert report.title == "Báo cáo kết quả công việc tháng 3/2026" and report.scope == "Văn phòng"
        names = [p.full_name for p in report.people]
        assert "Lê Minh Anh" in names and "Phạm Quốc Huy" not in names  # another unit
        assert report.minutes == 435 + 60
        assert report.totals == {"regular": 240, "adhoc": 45, "document": 150, "meeting": 60}
        assert report.counts == {"regular": 2, "adhoc": 1, "document": 1, "meeting": 1}
        for viewer in (w.officer_id, w.officer2_id, w.admin_id):
            with pytest.raises(PermissionDenied):
                build_report(s, viewer, start, end, unit_id=w.office_unit_id)
        with pytest.raises(PermissionDenied):
            build_report(s, w.officer2_id, start, end, owner_id=w.officer_id)


def _pdftotext(path) -> str:  # type: ignore[no-untyped-def]
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout


def test_the_pdf_embeds_a_vietnamese_font_and_says_the_totals(diary, tmp_path):
    need(_font_available(), "no Vietnamese TrueType font (install fonts-liberation2)")
    need(shutil.which("pdftotext") is not None and shutil.which("pdffonts") is not None, "poppler-utils not installed")
    w = diary
    with w.store.read() as s:
        report = build_report(s, w.officer_id, MONDAY, MONDAY + timedelta(days=6), kind=WEEK)
    out = export.write_pdf(report, tmp_path / "bao-cao.pdf", today=date(2026, 3, 9))
    text = " ".join(_pdftotext(out).split())
    for expected in (
        "BÁO CÁO KẾT QUẢ CÔNG VIỆC TUẦN", "Tuần từ ngày 02/03/2026 đến ngày 08/03/2026", "Lê Minh Anh",
        "Nhiệm vụ thường xuyên 1 3 giờ", "Nhiệm vụ giao qua văn bản 1 2 giờ 30 phút", "Họp, hội nghị 1 1 giờ",
        "Tổng cộng 4 7 giờ 15 phút", "15/SNV-VP (số đến 01)", "Đã trình lãnh đạo", "tuần đã duyệt: 1/1",
        "Tổng cộng: 7 giờ 15 phút (4 việc)", "ngày 09 tháng 3 năm 2026", "Trang 1/1",
    ):
        assert expected in text, expected
    assert "Ghi nhầm" not in text and "Việc tuần sau" not in text
    fonts = subprocess.run(["pdffonts", str(out)], check=True, capture_output=True, text=True).stdout.splitlines()[2:]
    assert fonts, "no font in the PDF"
    assert all(" yes " in line for line in fonts), fonts  # every font embedded
    need(shutil.which("pdftoppm") is not None, "poppler-utils not installed (pdftoppm)")
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(out), str(tmp_path / "page")], check=True)
    assert (tmp_path / "page-1.png").stat().st_size > 1000  # it renders
    need(shutil.which("qpdf") is not None, "qpdf is not installed (apt install qpdf)")
    subprocess.run(["qpdf", "--check", str(out)], check=True, capture_output=True)


def test_the_docx_opens_and_holds_the_same_totals(diary, tmp_path):
    from docx import Document

    w = diary
    start, end = month_range(2026, 3)
    with w.store.read() as s:
        report = build_report(s, w.leader_id, start, end, unit_id=w.office_unit_id, kind=MONTH)
    out = export.write_docx(report, tmp_path / "bao-cao.docx", today=date(2026, 4, 1))
    doc = Document(str(out))
    paragraphs = [p.text for p in doc.paragraphs]
    assert "BÁO CÁO KẾT QUẢ CÔNG VIỆC THÁNG 3/2026" in paragraphs
    assert "Tổng cộng: 8 giờ 15 phút (5 việc)" in paragraphs
    summary = [[c.text for c in row.cells] for row in doc.tables[1].rows]
    assert summary[0] == ["Loại công việc", "Số việc", "Thời gian"]
    assert summary[-1] == ["Tổng cộng", "5", "8 giờ 15 phút"]
    assert ["Nhiệm vụ thường xuyên", "2", "4 giờ"] in summary
    cells = {c.text for t in doc.tables for row in t.rows for c in row.cells}
    assert "15/SNV-VP (số đến 01)" in cells and "Xử lý văn bản của Sở Nội vụ" in cells
