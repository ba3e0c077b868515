"""Demo PDFs read like the real thing: the header's two columns never run into each other,
the signer printed is the record's signer, and the dates printed in a register are the
days things happened, not the day the demo was made."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import select

from eoffice.demo.pdfs import LEFT_W, LEFT_X, RIGHT_X, write_document
from eoffice.demo.seed import seed_demo
from eoffice.documents.models import DocumentDirection, Document, DocumentFile, Register
from eoffice.printing.registers import print_register
from eoffice.store import Store
from eoffice.store.blobs import BlobStore
from tests.conftest import need

TODAY = date(2026, 11, 20)
MM = 72 / 25.4
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def words(pdf: Path) -> list[tuple[float, float, float, float, str]]:
    """Every word on page 1 with its box in points (poppler's pdftotext -bbox)."""
    need(shutil.which("pdftotext") is not None, "poppler-utils is not installed (pdftotext)")
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [(float(a), float(b), float(c), float(d), html.unescape(t)) for a, b, c, d, t in WORD.findall(out)]


def text(pdf: Path) -> str:
    need(shutil.which("pdftotext") is not None, "poppler-utils is not installed (pdftotext)")
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize(
    "organ, parent",
    [
        ("Ủy ban nhân dân thành phố Vinh", ""),
        ("Sở Thông tin và Truyền thông tỉnh Nghệ An", "Ủy ban nhân dân tỉnh Nghệ An"),
        ("Ban Quản lý Khu kinh tế Đông Nam và các khu công nghiệp tỉnh Nghệ An", "Ủy ban nhân dân tỉnh Nghệ An"),
    ],
)
def test_the_headers_two_columns_wrap_within_their_widths(tmp_path, organ, parent):
    pdf = write_document(
        tmp_path / "vb.pdf", organ_name=organ, parent_organ=parent, number_label="1147/UBND-VP",
        type_name="Công văn", subject="Về việc kiểm tra", body="Nội dung. " * 20, signer_position="Chủ tịch",
        signer_full_name="Trần Ngọc Bảo", place_date="Vinh, ngày 26 tháng 9 năm 2025",
    )
    found = words(pdf)
    title = [w for w in found if w[4] in ("CỘNG", "HÒA", "NGHĨA", "Độc", "Hạnh", "phúc")]
    heading_bottom = max(w[3] for w in found if w[4] == "Số:")
    left = [w for w in found if w[3] <= heading_bottom and w[2] < RIGHT_X * MM]
    assert {"CỘNG", "HÒA", "Độc", "phúc"} <= {w[4] for w in title}
    for word in left:  # the organ's name and the number stay in the left column...
        assert LEFT_X * MM - 1 <= word[0] and word[2] <= (LEFT_X + LEFT_W) * MM + 1, word
    for word in title:  # ...and the national title in the right one: nothing runs together
        assert word[0] >= RIGHT_X * MM - 1, word
    assert not any("VINHCỘNG" in w[4] or "ANCỘNG" in w[4] for w in found)
    upper = " ".join(w[4] for w in left)
    for part in organ.upper().split():
        assert part in upper  # the whole name is printed, wrapped, not cut


@pytest.fixture(scope="module")
def demo(tmp_path_factory):  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("demo-pdfs")
    store = Store(f"sqlite:///{root / 'demo.sqlite3'}")
    store.migrate()
    blobs = BlobStore(root / "blobs")
    seed_demo(store, blobs, documents=60, today=TODAY)
    yield store, blobs, root
    store.dispose()


def test_the_signer_printed_is_the_signer_recorded(demo):
    store, blobs, _root = demo
    with store.read() as s:
        rows = s.execute(
            select(Document, DocumentFile.digest)
            .join(DocumentFile, DocumentFile.document_id == Document.id)
            .where(Document.source_document_id.is_(None))
        ).all()
        assert len(rows) >= 50
        for doc, digest in rows:
            page = text(blobs.path_for(digest))
            flat = " ".join(page.split())
            assert doc.signer_full_name and doc.signer_full_name in flat, (doc.subject, doc.signer_full_name)
            assert doc.signer_position.upper() in flat, (doc.signer_position, flat[-200:])
            if doc.direction == "incoming":
                issued = doc.issued_date
                assert issued is not None and issued <= doc.arrival_date and issued.weekday() < 5
                month = f"{issued.month:02d}" if issued.month < 3 else str(issued.month)
                assert f"ngày {issued.day:02d} tháng {month} năm {issued.year}" in flat


def test_register_dates_are_the_days_things_happened(demo):
    store, _blobs, root = demo
    vn = timezone(timedelta(hours=7))
    with store.read() as s:
        passed = select(DocumentDirection, Document.arrival_date).join(
            Document, Document.id == DocumentDirection.document_id
        )
        for direction, arrival in s.execute(passed):
            passed_on = direction.created_at.replace(tzinfo=direction.created_at.tzinfo or timezone.utc).astimezone(vn)
            assert passed_on.date() == arrival, (passed_on, arrival)
        for doc in s.scalars(select(Document).where(Document.completed_at.is_not(None))):
            finished = doc.completed_at.replace(tzinfo=doc.completed_at.tzinfo or timezone.utc)
            assert finished.astimezone(vn).date() < TODAY
        register = s.scalars(select(Register).where(Register.kind == "incoming", Register.secret.is_(False))).first()
        assert register is not None
        year = TODAY.year - 1
        out = print_register(s, register.id, date(year, 1, 1), date(year, 12, 31), root / "so-den.pdf", printed_by=None)
    printed = text(out)
    made_today = datetime.now().astimezone().strftime("%d/%m/%Y")
    rows = [line for line in printed.splitlines() if "ngày in" not in line and "Người in" not in line]
    assert not any(made_today in line for line in rows), "a date of the day the demo was made is printed"
    assert any(f"/{year}" in line for line in rows)
