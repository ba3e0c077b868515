"""The minutes on paper: the PDF's and the DOCX's text in the decree's form, the embedded
font, the bookmarks per item, the signature blocks where the e-card signatures go; the
conclusions notice."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

from pypdf import PdfReader

from eoffice.directory.models import User
from eoffice.meetings.minutes import notice, texts
from eoffice.meetings.minutes.compose import minutes_of
from eoffice.meetings.minutes.paper_docx import render_minutes_docx
from eoffice.meetings.minutes.paper_pdf import render_minutes
from eoffice.meetings.minutes.record import meeting_record
from eoffice.signing.placement import find_signer_box
from eoffice.store import Store
from tests.conftest import World, need
from tests.meetings.minutes.story import run_story
from tests.signing.conftest import have_font


def _minutes(store: Store, world: World):  # type: ignore[no-untyped-def]
    story = run_story(store, world)
    with store.write() as s:
        texts.write_text(s, world.clerk_id, story.meeting_id, texts.item_part(story.items[0], "conclusion"),
                         "Thống nhất trình HĐND tỉnh Dự thảo Nghị quyết về giá đất.")
        texts.write_text(s, world.clerk_id, story.meeting_id, texts.speech_part(story.speech_ids[1]),
                         "Đề nghị làm rõ căn cứ xác định hệ số điều chỉnh.")
    with store.read() as s:
        user = s.get(User, world.clerk_id)
        record = meeting_record(s, story.meeting_id, user)
        written = texts.texts_of(s, story.meeting_id)
        return story, minutes_of(s, story.meeting_id, record, written), notice.notice_of(s, story.meeting_id, written)


def _words(text: str) -> str:
    return " ".join(text.split())


def test_the_pdf_is_the_decrees_form_with_its_font_bookmarks_and_signature_blocks(
    store: Store, world: World, tmp_path: Path
):
    need(have_font(), "no Vietnamese font (apt install fonts-liberation2)")
    for tool in ("pdftotext", "pdffonts", "qpdf"):
        need(shutil.which(tool) is not None, f"{tool} is not installed (apt install poppler-utils qpdf)")
    _story, minutes, _notice = _minutes(store, world)
    pdf = tmp_path / "bien-ban.pdf"
    pdf.write_bytes(render_minutes(minutes))
    text = _words(subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout)
    for part in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: /BB-", "BIÊN BẢN Phiên họp UBND tỉnh thường kỳ tháng 12",
        "Thời gian bắt đầu: 08 giờ 00, thứ Hai, ngày 07 tháng 12 năm 2026",
        "Vắng mặt (1): Đại biểu 001, Đại biểu (lý do: Đi công tác tại Hà Nội)",
        "Tán thành: 3/5 thành viên (60,00%)", "Biên bản kiểm phiếu: tổng số thành viên 5",
        "Đề nghị làm rõ căn cứ xác định hệ số điều chỉnh.",
        "Kết luận: Thống nhất trình HĐND tỉnh Dự thảo Nghị quyết về giá đất.",
        "Cuộc họp kết thúc vào 09 giờ 30", "THƯ KÝ", "CHỦ TỌA", "Nơi nhận:", "Lưu: VT",
    ):
        assert part in text, part
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all("TrueType" in row and " yes " in row for row in rows), fonts
    subprocess.run(["qpdf", "--check", str(pdf)], check=True, capture_output=True)
    outline = [entry.title for entry in PdfReader(io.BytesIO(pdf.read_bytes())).outline]
    assert outline == ["1. Dự thảo Nghị quyết về giá đất", "2. Kế hoạch đầu tư công năm 2027"]
    # the two signature blocks on the last page: the secretary's on the left, the chair's on the right
    last = len(PdfReader(str(pdf)).pages) - 1
    left = find_signer_box(pdf, "THƯ KÝ", minutes.secretary)
    right = find_signer_box(pdf, "CHỦ TỌA", minutes.chair)
    assert left.found and right.found and left.page == right.page == last
    assert left.x2 <= right.x1 and abs(left.y1 - right.y1) < 1


def test_the_docx_says_the_same_in_times_new_roman(store: Store, world: World):
    from docx import Document

    _story, minutes, _notice = _minutes(store, world)
    doc = Document(io.BytesIO(render_minutes_docx(minutes)))
    body = "\n".join(p.text for p in doc.paragraphs)
    cells = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert "BIÊN BẢN" in body and minutes.title in body
    for block in minutes.blocks:
        assert (f"{block.label}: {block.text}".rstrip() if block.label else block.text) in body
    assert minutes.ending in body
    assert "THƯ KÝ" in cells and "CHỦ TỌA" in cells and minutes.secretary in cells and minutes.chair in cells
    assert "Số:       /BB-" in cells and "Độc lập - Tự do - Hạnh phúc" in cells
    assert doc.styles["Normal"].font.name == "Times New Roman"


def test_the_conclusions_notice_gathers_the_items_conclusions(store: Store, world: World, tmp_path: Path):
    need(have_font(), "no Vietnamese font (apt install fonts-liberation2)")
    need(shutil.which("pdftotext") is not None, "pdftotext is not installed (apt install poppler-utils)")
    _story, _paper, paper = _minutes(store, world)
    assert paper.conclusions == (("1. Dự thảo Nghị quyết về giá đất",
                                  "Thống nhất trình HĐND tỉnh Dự thảo Nghị quyết về giá đất."),)
    pdf = tmp_path / "tb.pdf"
    pdf.write_bytes(notice.render_notice(paper))
    text = _words(subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout)
    assert "THÔNG BÁO Kết luận của Chủ tịch Nguyễn Văn Đức tại Phiên họp UBND tỉnh thường kỳ tháng 12" in text
    assert "Số: /TB-" in text
    assert "1. Về Dự thảo Nghị quyết về giá đất Thống nhất trình HĐND tỉnh" in text


def test_the_minutes_and_the_notice_become_drafts_named_on_the_meeting(store: Store, world: World, tmp_path: Path):
    need(have_font(), "no Vietnamese font (apt install fonts-liberation2)")
    from eoffice import ops
    from eoffice.documents.models import Document
    from eoffice.meetings.minutes.drafting import make_minutes_draft, make_notice_draft
    from eoffice.meetings.models import Meeting
    from eoffice.store.blobs import BlobStore

    story, _paper, _notice = _minutes(store, world)
    blobs = BlobStore(tmp_path / "blobs")
    with store.read() as s:
        record = meeting_record(s, story.meeting_id, s.get(User, world.clerk_id))
        written = texts.texts_of(s, story.meeting_id)
        minutes = make_minutes_draft(s, blobs, world.clerk_id, story.meeting_id, record, written)
        conclusions = make_notice_draft(s, blobs, world.clerk_id, story.meeting_id, written)
    with store.write() as s:
        for op in (*minutes.operations, *conclusions.operations):
            assert ops.registry.apply(s, world.clerk_id, op, authority=True)
    with store.read() as s:
        meeting = s.get(Meeting, story.meeting_id)
        bb, tb = s.get(Document, minutes.document_id), s.get(Document, conclusions.document_id)
        assert meeting.minutes_document_id == bb.id and meeting.conclusions_document_id == tb.id
        # the secretary signs first in the THƯ KÝ block, the chair after in the CHỦ TỌA block
        assert (bb.type_name, bb.state, bb.cosigner_id, bb.cosigner_position) == (
            "Biên bản", "draft", world.clerk_id, "THƯ KÝ")
        assert (bb.signer_position, bb.signer_full_name) == ("CHỦ TỌA", "Nguyễn Văn Đức")
        assert bb.subject == "Biên bản Phiên họp UBND tỉnh thường kỳ tháng 12"
        assert (tb.type_name, tb.cosigner_id) == ("Thông báo", None)
        assert tb.subject.startswith("Kết luận của Chủ tịch Nguyễn Văn Đức tại ")
    assert blobs.path_for(minutes.pdf.digest).is_file() and minutes.pdf.page_count >= 2
