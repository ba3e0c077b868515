"""Printed registers: the decree's columns, Vietnamese text that tools can read back, an
embedded font, date filtering, headers on every page, and no query per row."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import event

from eoffice.documents.fields import DocumentFields
from eoffice.documents.incoming import prepare_files, register_incoming
from eoffice.documents.models import DirectionLine, Document, DocumentDirection
from eoffice.documents.numbering import register_for, take_number
from eoffice.errors import NotFound, ValidationError
from eoffice.printing.registers import (
    FOLLOWUP_COLUMNS,
    INCOMING_COLUMNS,
    OUTGOING_COLUMNS,
    print_followup_register,
    print_register,
)
from eoffice.store.base import new_id
from eoffice.store.sequences import next_value
from tests.conftest import need

SUBJECTS = {
    1: "Về việc chuyển đổi số trong cơ quan nhà nước",
    2: "Về việc tổ chức hội nghị tổng kết công tác năm",
    3: "Về việc kiểm tra công tác văn thư, lưu trữ",
    4: "Về việc đôn đốc báo cáo quý II",
}
ARRIVALS = {1: date(2026, 3, 2), 2: date(2026, 3, 5), 3: date(2026, 3, 20), 4: date(2026, 5, 4)}


def fields(n: int, **extra) -> DocumentFields:
    data = dict(
        type_name="Công văn",
        subject=SUBJECTS[n],
        organ_name="Sở Nội vụ" if n % 2 else "Sở Tài chính",
        organ_id="000.00.12.H41" if n % 2 else "000.00.13.H41",
        code_number=f"{10 + n}",
        code_notation="SNV-VP" if n % 2 else "STC-NS",
        issued_date=ARRIVALS[n].replace(day=1),
    )
    data.update(extra)
    return DocumentFields(**data)


@dataclass
class Printed:
    pdf: Path
    layout: str  # pdftotext -layout
    flat: str  # pypdf text with whitespace collapsed
    pages: list[str]  # pypdf text per page, whitespace collapsed


def read_pdf(path: Path) -> Printed:
    need(shutil.which("pdftotext") is not None, "poppler-utils not installed (pdftotext)")
    from pypdf import PdfReader

    layout = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout
    pages = [" ".join((p.extract_text() or "").split()) for p in PdfReader(str(path)).pages]
    return Printed(path, layout, " ".join(pages), pages)


@pytest.fixture
def incoming(world, blobs, pdf_factory) -> dict[int, str]:
    """Four incoming documents (three in March, one in May 2026) and a secret one."""
    ids = {}
    for n in SUBJECTS:
        files = prepare_files([pdf_factory(SUBJECTS[n])], blobs)
        with world.store.write() as s:
            ids[n] = register_incoming(s, world.clerk_id, fields(n), files, arrival_date=ARRIVALS[n]).id
    files = prepare_files([pdf_factory("Về việc bảo vệ bí mật nhà nước")], blobs)
    with world.store.write() as s:
        ids[0] = register_incoming(
            s, world.clerk_id,
            fields(1, subject="Về việc bảo vệ bí mật nhà nước", code_number="99", secrecy="confidential"),
            files, arrival_date=date(2026, 3, 3),
        ).id
    return ids


def register_id(world, kind: str, secret: bool = False) -> str:
    with world.store.read() as s:
        return register_for(s, world.org_id, kind, secret).id


def add_direction(s, doc_id: str, leader_id: str, lines: list[dict], when: datetime) -> list[DirectionLine]:
    direction = DocumentDirection(id=new_id(), document_id=doc_id, leader_id=leader_id, text="", created_at=when)
    s.add(direction)
    s.flush()
    out = []
    for spec in lines:
        line = DirectionLine(id=new_id(), document_id=doc_id, direction_id=direction.id, **spec)
        s.add(line)
        out.append(line)
    s.flush()
    return out


def add_outgoing(s, world, subject: str, issued: date, **extra) -> Document:
    register = register_for(s, world.org_id, "outgoing", False)
    number = take_number(s, register.id, issued.year)
    doc = Document(
        id=new_id(), organisation_id=world.org_id, direction="outgoing", state="issued",
        register_id=register.id, year=issued.year, register_number=number,
        code_number=f"{number:02d}", code_notation=extra.pop("code_notation", "UBND-VP"),
        issued_date=issued, type_name=extra.pop("type_name", "Công văn"), subject=subject,
        sort_key=next_value(s, "documents.sort_key"), **extra,
    )
    s.add(doc)
    s.flush()
    return doc


# --------------------------------------------------------------------------- incoming


def test_incoming_register_prints_the_decree_columns_and_rows(world, incoming, tmp_path):
    with world.store.write() as s:
        add_direction(
            s, incoming[1], world.leader_id,
            [
                dict(role="lead", unit_id=world.office_unit_id, deadline=date(2026, 3, 10)),
                dict(role="coordinate", user_id=world.officer2_id, deadline=date(2026, 3, 10)),
            ],
            datetime(2026, 3, 3, 8, 30, tzinfo=timezone.utc),
        )
    with world.store.read() as s:
        out = print_register(
            s, register_id(world, "incoming"), date(2026, 3, 1), date(2026, 3, 31), tmp_path / "den.pdf",
            printed_by=world.clerk_id,
        )
    printed = read_pdf(out)

    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN" in printed.flat
    assert "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN" in printed.flat
    assert "từ ngày 01/03/2026 đến ngày 31/03/2026" in printed.flat
    assert "Người in: Trần Thị Thu" in printed.flat
    for name, _ in INCOMING_COLUMNS:
        assert name in printed.flat, name
    for n in (1, 2, 3):
        assert SUBJECTS[n] in printed.flat
    # In range, by number: 01, 02, 03 in that order, dd/mm/yyyy dates, số/ký hiệu as printed.
    rows = [line for line in printed.layout.splitlines() if re.match(r"\s*\d\d/\d\d/2026\s+0\d\b", line)]
    assert [re.search(r"/2026\s+(0\d)\b", r).group(1) for r in rows] == ["01", "02", "03"]
    assert rows[0].split()[0] == "02/03/2026" and "11/SNV-VP" in rows[0] and "01/03/2026" in rows[0]
    assert "12/STC-NS" in rows[1]
    # Recipients come from the direction lines; the passing-on date from the direction.
    assert "Văn phòng; Phạm Quốc Huy" in printed.flat
    assert rows[0].count("03/03/2026") == 1
    # May's document and the secret one are not in this print.
    assert SUBJECTS[4] not in printed.flat
    assert "bí mật nhà nước" not in printed.flat
    assert "Trang 1/1" in printed.flat


def test_recipients_fall_back_to_the_note_without_directions(world, blobs, pdf_factory, tmp_path):
    files = prepare_files([pdf_factory()], blobs)
    with world.store.write() as s:
        register_incoming(
            s, world.clerk_id, fields(1, recipients_note="Phòng Tài chính"), files, arrival_date=date(2026, 3, 2)
        )
        out = print_register(
            s,
            register_id(world, "incoming"),
            date(2026, 1, 1),
            date(2026, 12, 31),
            tmp_path / "r.pdf",
            printed_by=world.clerk_id,
        )
    printed = read_pdf(out)
    assert "Phòng Tài chính" in printed.flat
    assert "Năm 2026" in printed.flat and "từ ngày" not in printed.flat


def test_date_range_is_inclusive_and_filters(world, incoming, tmp_path):
    with world.store.read() as s:
        rid = register_id(world, "incoming")
        only_may = read_pdf(
            print_register(s, rid, date(2026, 5, 4), date(2026, 5, 4), tmp_path / "may.pdf", printed_by=world.clerk_id)
        )
        edges = read_pdf(
            print_register(
                s, rid, date(2026, 3, 5), date(2026, 3, 20), tmp_path / "edges.pdf", printed_by=world.clerk_id
            )
        )
    assert SUBJECTS[4] in only_may.flat
    assert all(SUBJECTS[n] not in only_may.flat for n in (1, 2, 3))
    assert SUBJECTS[2] in edges.flat and SUBJECTS[3] in edges.flat
    assert SUBJECTS[1] not in edges.flat and SUBJECTS[4] not in edges.flat


def test_secret_register_prints_its_own_series(world, incoming, tmp_path):
    with world.store.read() as s:
        out = print_register(
            s,
            register_id(world, "incoming", secret=True),
            date(2026, 1, 1),
            date(2026, 12, 31),
            tmp_path / "mat.pdf",
            printed_by=world.clerk_id,
        )
    printed = read_pdf(out)
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN MẬT" in printed.flat
    assert "Về việc bảo vệ bí mật nhà nước" in printed.flat
    assert "99/SNV-VP" in printed.flat and "Mật" in printed.flat
    assert all(SUBJECTS[n] not in printed.flat for n in SUBJECTS)
    assert re.search(r"03/03/2026\s+01\b", printed.layout)


def test_empty_range_still_prints_the_form(world, incoming, tmp_path):
    with world.store.read() as s:
        printed = read_pdf(
            print_register(
                s,
                register_id(world, "incoming"),
                date(2025, 1, 1),
                date(2025, 12, 31),
                tmp_path / "e.pdf",
                printed_by=world.clerk_id,
            )
        )
    assert "Năm 2025" in printed.flat
    assert "Tên loại và trích yếu nội dung" in printed.flat
    assert all(SUBJECTS[n] not in printed.flat for n in SUBJECTS)


def test_bad_requests_are_clear_errors(world, tmp_path):
    with world.store.read() as s:
        with pytest.raises(ValidationError, match="Ngày bắt đầu"):
            print_register(
                s,
                register_id(world, "incoming"),
                date(2026, 3, 2),
                date(2026, 3, 1),
                tmp_path / "x.pdf",
                printed_by=world.clerk_id,
            )
        with pytest.raises(NotFound, match="sổ"):
            print_register(
                s, new_id(), date(2026, 1, 1), date(2026, 1, 2), tmp_path / "x.pdf", printed_by=world.clerk_id
            )
        with pytest.raises(NotFound, match="cơ quan"):
            print_followup_register(
                s, new_id(), date(2026, 1, 1), date(2026, 1, 2), tmp_path / "x.pdf", printed_by=world.clerk_id
            )
    assert not (tmp_path / "x.pdf").exists()


# --------------------------------------------------------------------------- outgoing


def test_outgoing_register_prints_its_columns(world, tmp_path):
    with world.store.write() as s:
        add_outgoing(
            s, world, "Về việc triển khai chữ ký số", date(2026, 4, 2),
            signer_full_name="Nguyễn Văn Đức", to_places="Các sở, ban, ngành", issued_amount=12,
            drafting_unit_id=world.finance_unit_id, priority="urgent",
        )
        add_outgoing(
            s, world, "Ban hành quy chế làm việc", date(2026, 4, 9), type_name="Quyết định",
            code_notation="QĐ-UBND", signer_full_name="Nguyễn Văn Đức", to_places="Như Điều 3",
        )
        add_outgoing(s, world, "Văn bản tháng sáu", date(2026, 6, 1))
        # A draft waiting for its number is not in the register.
        s.add(Document(
            id=new_id(), organisation_id=world.org_id, direction="outgoing", state="approved",
            register_id=register_for(s, world.org_id, "outgoing", False).id, issued_date=date(2026, 4, 5),
            type_name="Công văn", subject="Dự thảo chờ cấp số", sort_key=next_value(s, "documents.sort_key"),
        ))
    with world.store.read() as s:
        out = print_register(
            s,
            register_id(world, "outgoing"),
            date(2026, 4, 1),
            date(2026, 4, 30),
            tmp_path / "di.pdf",
            printed_by=world.clerk_id,
        )
    printed = read_pdf(out)
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐI" in printed.flat
    for name, _ in OUTGOING_COLUMNS:
        assert name in printed.flat, name
    assert "Công văn: Về việc triển khai chữ ký số" in printed.flat
    assert "Quyết định: Ban hành quy chế làm việc" in printed.flat
    assert "01/UBND-VP" in printed.layout and "02/QĐ-UBND" in printed.layout
    assert printed.layout.index("01/UBND-VP") < printed.layout.index("02/QĐ-UBND")
    assert "Nguyễn Văn Đức" in printed.flat and "Các sở, ban, ngành" in printed.flat
    assert "Phòng Tài chính" in printed.flat  # the drafting unit keeps the copy
    assert re.search(r"\b12\b", printed.layout) and "Khẩn" in printed.flat
    assert "tháng sáu" not in printed.flat and "chờ cấp số" not in printed.flat


# --------------------------------------------------------------------------- follow-up


def test_followup_register_shows_lines_progress_and_replies(world, incoming, tmp_path):
    with world.store.write() as s:
        reply = add_outgoing(s, world, "Trả lời về chuyển đổi số", date(2026, 3, 9), reply_to_id=incoming[1])
        add_direction(
            s, incoming[1], world.leader_id,
            [
                dict(role="lead", unit_id=world.office_unit_id, deadline=date(2026, 3, 10), state="done",
                     completed_at=datetime(2026, 3, 9, 9, 0, tzinfo=timezone.utc), reply_document_id=reply.id),
                dict(role="coordinate", user_id=world.officer2_id, unit_id=world.finance_unit_id,
                     deadline=date(2026, 3, 12), state="in_progress"),
                dict(role="inform", user_id=world.officer_id, state="returned", return_reason="Không thuộc lĩnh vực"),
            ],
            datetime(2026, 3, 3, 8, 0, tzinfo=timezone.utc),
        )
        add_direction(
            s, incoming[2], world.leader_id,
            [dict(role="lead", user_id=world.officer_id, deadline=date(2026, 3, 6), state="waiting")],
            datetime(2026, 3, 5, 8, 0, tzinfo=timezone.utc),
        )
    with world.store.read() as s:
        out = print_followup_register(
            s,
            world.org_id,
            date(2026, 3, 1),
            date(2026, 3, 31),
            tmp_path / "td.pdf",
            printed_by=world.clerk_id,
            today=date(2026, 3, 25),
        )
    printed = read_pdf(out)
    assert "SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN" in printed.flat
    for name, _ in FOLLOWUP_COLUMNS:
        assert name in printed.flat, name
    assert "Số 11/SNV-VP ngày 01/03/2026 Sở Nội vụ Công văn: " + SUBJECTS[1] in printed.flat
    assert "Văn phòng (chủ trì)" in printed.flat
    assert "Phạm Quốc Huy (Phòng Tài chính) (phối hợp)" in printed.flat
    assert "Lê Minh Anh (để biết)" in printed.flat
    assert "Đã hoàn thành ngày 09/03/2026" in printed.flat
    assert "Đang xử lý" in printed.flat
    assert "Đã trả lại: Không thuộc lĩnh vực" in printed.flat
    assert "Chờ xử lý (quá hạn)" in printed.flat  # document 02, deadline 06/03 passed
    assert "01/UBND-VP" in printed.flat  # the reply's number
    assert printed.flat.count("01/UBND-VP") == 1  # linked both ways, printed once
    assert "Chưa có ý kiến chỉ đạo" in printed.flat  # document 03, not directed yet
    assert "10/03/2026" in printed.layout and "12/03/2026" in printed.layout
    assert SUBJECTS[4] not in printed.flat and "bí mật" not in printed.flat
    # The lines sit on the document's rows, in role order.
    assert printed.flat.index("(chủ trì)") < printed.flat.index("(phối hợp)") < printed.flat.index("(để biết)")

    with world.store.read() as s:
        secret = read_pdf(
            print_followup_register(
                s,
                world.org_id,
                date(2026, 3, 1),
                date(2026, 3, 31),
                tmp_path / "tdm.pdf",
                printed_by=world.clerk_id,
                secret=True,
            )
        )
    assert "SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN MẬT" in secret.flat
    assert "bảo vệ bí mật nhà nước" in secret.flat and SUBJECTS[1] not in secret.flat


def test_forwarded_lines_follow_their_parent(world, incoming, tmp_path):
    with world.store.write() as s:
        parent, = add_direction(
            s, incoming[3], world.leader_id,
            [dict(role="lead", unit_id=world.finance_unit_id, deadline=date(2026, 3, 30), state="forwarded")],
            datetime(2026, 3, 20, 8, 0, tzinfo=timezone.utc),
        )
        direction_id = parent.direction_id
        s.add(DirectionLine(id=new_id(), document_id=incoming[3], direction_id=direction_id, parent_line_id=parent.id,
                            role="lead", user_id=world.officer2_id, deadline=date(2026, 3, 28), state="in_progress"))
    with world.store.read() as s:
        printed = read_pdf(
            print_followup_register(
                s, world.org_id, date(2026, 3, 20), date(2026, 3, 20), tmp_path / "f.pdf", printed_by=world.clerk_id
            )
        )
    assert "Phòng Tài chính (chủ trì)" in printed.flat
    assert "→ Phạm Quốc Huy (chủ trì)" in printed.flat
    assert printed.flat.index("Đã chuyển xử lý") < printed.flat.index("→ Phạm Quốc Huy")


# --------------------------------------------------------------------------- the file itself


def test_pdf_is_sound_embeds_its_font_and_renders(world, incoming, tmp_path):
    with world.store.read() as s:
        out = print_register(
            s,
            register_id(world, "incoming"),
            date(2026, 1, 1),
            date(2026, 12, 31),
            tmp_path / "r.pdf",
            printed_by=world.clerk_id,
        )
    need(shutil.which("pdffonts") is not None, "poppler-utils not installed (pdffonts)")
    fonts = subprocess.run(["pdffonts", str(out)], check=True, capture_output=True, text=True).stdout.splitlines()[2:]
    assert fonts, "no font in the PDF"
    for line in fonts:
        # name type encoding emb sub uni object ID
        name, *_rest = line.split()
        assert re.search(r"\b(CID TrueType|TrueType)\b.*\byes\s+yes\s+yes\b", line), line
        assert "Serif" in name or "Times" in name, name

    need(shutil.which("qpdf") is not None, "qpdf is not installed (apt install qpdf)")
    check = subprocess.run(["qpdf", "--check", str(out)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No syntax or stream encoding errors" in check.stdout

    need(shutil.which("pdftoppm") is not None, "poppler-utils not installed (pdftoppm)")
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(out), str(tmp_path / "page")], check=True)
    from PIL import Image

    png = next(tmp_path.glob("page*.png"))
    with Image.open(png) as image:
        assert image.width > image.height  # landscape
        grey = image.convert("L")
        dark = sum(grey.histogram()[:200])
    assert dark > 2000, f"page 1 looks blank ({dark} dark pixels)"


def test_headers_repeat_and_pages_are_numbered(world, blobs, pdf_factory, tmp_path):
    long_subject = (
        "Về việc hướng dẫn thực hiện chế độ báo cáo thống kê ngành nội vụ, cải cách hành chính, "
        "chuyển đổi số và lưu trữ hồ sơ điện tử tại các cơ quan, đơn vị trên địa bàn tỉnh năm 2026"
    )
    files = prepare_files([pdf_factory(long_subject)], blobs)
    with world.store.write() as s:
        for n in range(1, 41):
            register_incoming(
                s, world.clerk_id,
                fields(1, subject=f"{long_subject} (đợt {n})", code_number=str(100 + n), issued_date=date(2026, 2, 1)),
                files, arrival_date=date(2026, 2, 2), allow_duplicate=True,
            )
        out = print_register(
            s,
            register_id(world, "incoming"),
            date(2026, 1, 1),
            date(2026, 12, 31),
            tmp_path / "long.pdf",
            printed_by=world.clerk_id,
        )
    printed = read_pdf(out)
    total = len(printed.pages)
    assert total >= 3
    for i, page in enumerate(printed.pages, start=1):
        assert "Tên loại và trích yếu nội dung" in page and "(10)" in page, f"page {i} has no header"
        assert f"Trang {i}/{total}" in page
    # Long subjects wrap without losing a word, and no row is cut between pages.
    for n in range(1, 41):
        assert f"{long_subject} (đợt {n})" in printed.flat
    for page in printed.pages:
        assert page.count("Công văn: Về việc hướng dẫn") == page.count("năm 2026 (đợt")
    numbers = re.findall(r"02/02/2026\s+(\d\d)\b", printed.layout)
    assert numbers == [f"{n:02d}" for n in range(1, 41)]


def test_batch_loading_keeps_queries_constant(world, blobs, pdf_factory, tmp_path):
    """Printing 10 or 40 directed documents takes the same number of queries (no N+1)."""
    files = prepare_files([pdf_factory()], blobs)

    def add(count: int, day: date) -> None:
        with world.store.write() as s:
            for n in range(count):
                doc = register_incoming(
                    s, world.clerk_id, fields(1, code_number=str(n + 1), issued_date=day), files, arrival_date=day,
                    allow_duplicate=True,
                )
                add_direction(
                    s, doc.id, world.leader_id,
                    [dict(role="lead", unit_id=world.office_unit_id), dict(role="inform", user_id=world.officer_id)],
                    datetime(2026, 1, 1, tzinfo=timezone.utc),
                )

    add(10, date(2026, 1, 5))
    add(40, date(2026, 2, 5))

    def count_queries(start: date, end: date, followup: bool) -> int:
        statements: list[str] = []

        def before(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
            statements.append(statement)

        engine = world.store.engine
        event.listen(engine, "before_cursor_execute", before)
        try:
            with world.store.read() as s:
                if followup:
                    print_followup_register(s, world.org_id, start, end, tmp_path / "q.pdf", printed_by=world.clerk_id)
                else:
                    print_register(
                        s, register_id(world, "incoming"), start, end, tmp_path / "q.pdf", printed_by=world.clerk_id
                    )
        finally:
            event.remove(engine, "before_cursor_execute", before)
        return len(statements)

    for followup in (False, True):
        small = count_queries(date(2026, 1, 1), date(2026, 1, 31), followup)
        large = count_queries(date(2026, 2, 1), date(2026, 2, 28), followup)
        assert small == large, (followup, small, large)
        assert large <= 12  # two of them read the reader (the user and their roles)


def test_a_document_with_more_lines_than_a_page_continues(world, incoming, tmp_path):
    with world.store.write() as s:
        users = [world.officer_id, world.officer2_id, world.leader_id, world.clerk_id, world.admin_id]
        add_direction(
            s, incoming[1], world.leader_id,
            [dict(role="inform", user_id=users[i % 5], deadline=date(2026, 3, 1 + i % 28)) for i in range(70)],
            datetime(2026, 3, 3, 8, 0, tzinfo=timezone.utc),
        )
    with world.store.read() as s:
        printed = read_pdf(
            print_followup_register(
                s, world.org_id, date(2026, 3, 1), date(2026, 3, 31), tmp_path / "many.pdf", printed_by=world.clerk_id
            )
        )
    assert len(printed.pages) >= 2
    assert printed.flat.count("(để biết)") == 70
    for page in printed.pages:
        assert "Tiến độ giải quyết" in page
    assert SUBJECTS[2] in printed.flat and SUBJECTS[3] in printed.flat


def test_grid_writer_wraps_cuts_and_continues_overlong_cells(tmp_path):
    from eoffice.printing.fonts import new_pdf
    from eoffice.printing.tables import Column, GridWriter

    pdf = new_pdf("L")
    pdf.set_auto_page_break(True, margin=14)
    pdf.add_page()
    grid = GridWriter(pdf, [Column("Số", 20), Column("Nội dung", 60)])
    grid.headings()
    words = [f"từ{n}" for n in range(1500)]
    grid.row(["01", " ".join(words)])
    grid.row(["02", "Mãđịnhdanhrấtdàikhôngcókhoảngtrắngnàocả" * 3])
    out = tmp_path / "grid.pdf"
    pdf.output(str(out))
    printed = read_pdf(out)
    assert len(printed.pages) >= 3
    assert all("Nội dung" in page for page in printed.pages)
    assert all(f"từ{n}" in printed.flat.split() for n in range(0, 1500, 37))
    assert "Mãđịnhdanh" in printed.flat
    assert "02" in printed.pages[-1]


def test_moments_print_on_the_local_calendar(monkeypatch):
    """A time stored in UTC prints as the local date (Hà Nội is UTC+7)."""
    import time

    from eoffice.printing.registers import vn_date

    monkeypatch.setenv("TZ", "Asia/Ho_Chi_Minh")
    time.tzset()
    try:
        assert vn_date(datetime(2026, 3, 2, 23, 30)) == "03/03/2026"  # naive UTC, as SQLite returns it
        assert vn_date(datetime(2026, 3, 2, 23, 30, tzinfo=timezone.utc)) == "03/03/2026"
        assert vn_date(date(2026, 3, 2)) == "02/03/2026"
        assert vn_date(None) == ""
    finally:
        monkeypatch.undo()
        time.tzset()
