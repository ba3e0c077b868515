"""A closed meeting's record for the archive: one PDF with a bookmark per part and per
document, and a ZIP of the originals whose manifest an archivist can check; documents as
they stood at the close (a version added after it is not the record's)."""

from __future__ import annotations

import hashlib

import json
import shutil
import subprocess
import zipfile

from pathlib import Path
from typing import Any

from pypdf import PdfReader

from eoffice.directory.models import User
from eoffice.meetings import meeting_files
from eoffice.meetings.minutes import archive, texts
from eoffice.meetings.minutes.record import meeting_record
from eoffice.meetings.models import MeetingDocument, MeetingDocumentVersion
from eoffice.store import Store
from eoffice.store.base import new_id
from eoffice.store.blobs import BlobStore
from tests.conftest import World, need
from tests.meetings.minutes.story import at, run_story
from tests.signing.conftest import have_font


def _document(store: Store, blobs: BlobStore, pdf_factory: Any, meeting_id: str, item_id: str, user_id: str,
              title: str, versions: list[tuple[str, Any]]) -> str:
    doc_id = new_id()
    with store.write() as s:
        s.add(MeetingDocument(id=doc_id, meeting_id=meeting_id, item_id=item_id, title=title, added_by=user_id,
                              version=len(versions)))
    for n, (body, added_at) in enumerate(versions, start=1):
        ref = meeting_files.prepare_pdf(pdf_factory(title, body=body), blobs)
        with store.write() as s:
            s.add(MeetingDocumentVersion(id=new_id(), meeting_id=meeting_id, meeting_document_id=doc_id, version=n,
                                         filename=ref.filename, digest=ref.digest, size=ref.size,
                                         page_count=ref.page_count, added_by=user_id, added_at=added_at))
    return doc_id


def test_the_record_binds_the_minutes_and_the_documents_as_they_stood(
    store: Store, world: World, tmp_path: Path, pdf_factory: Any
):
    need(have_font(), "no Vietnamese font (apt install fonts-liberation2)")
    need(shutil.which("pdftotext") is not None, "pdftotext is not installed (apt install poppler-utils)")
    blobs = BlobStore(tmp_path / "blobs")
    story = run_story(store, world)
    _document(store, blobs, pdf_factory, story.meeting_id, story.items[0], world.clerk_id, "Tờ trình giá đất",
              [("Bản trình tại cuộc họp", at(-60)), ("Bản sửa sau cuộc họp", at(120))])
    _document(store, blobs, pdf_factory, story.meeting_id, story.items[1], world.clerk_id, "Kế hoạch đầu tư công",
              [("Kế hoạch năm 2027", at(-30))])
    with store.write() as s:
        texts.write_text(s, world.clerk_id, story.meeting_id, texts.item_part(story.items[0], "conclusion"),
                         "Thống nhất trình HĐND tỉnh.")
    with store.read() as s:
        record = meeting_record(s, story.meeting_id, s.get(User, world.clerk_id))
        written = texts.texts_of(s, story.meeting_id)
        files = archive.originals(s, blobs, story.meeting_id, record, written)
        pdf = archive.write_record_pdf(s, blobs, story.meeting_id, record, written, tmp_path / "ho-so.pdf", files)
        package = archive.write_record_zip(s, blobs, story.meeting_id, record, written, tmp_path / "ho-so.zip", files)

    assert [f.kind for f in files] == ["minutes", "minutes_docx", "conclusions", "document", "document", "record"]
    reader = PdfReader(str(pdf))
    outline = reader.outline
    titles = [o.title for o in outline if not isinstance(o, list)]
    assert titles[:4] == ["Hồ sơ cuộc họp", "Biên bản", "Thông báo kết luận", "Tài liệu cuộc họp"]
    documents = outline[outline.index(next(o for o in outline if getattr(o, "title", "") == "Tài liệu cuộc họp")) + 1]
    assert [o.title for o in documents] == ["Tờ trình giá đất", "Kế hoạch đầu tư công"]
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                                   text=True).stdout.split())
    assert "HỒ SƠ CUỘC HỌP" in text and "BIÊN BẢN" in text and "Bản trình tại cuộc họp" in text
    assert "Bản sửa sau cuộc họp" not in text  # added after the close: not what the meeting saw
    assert "Kế hoạch năm 2027" in text and "Thống nhất trình HĐND tỉnh." in text

    with zipfile.ZipFile(package) as z:
        manifest = json.loads(z.read("manifest.json"))
        names = sorted(z.namelist())
        for entry in manifest["files"]:
            data = z.read(entry["name"])
            assert hashlib.sha256(data).hexdigest() == entry["sha256"] and len(data) == entry["size"]
        record_json = json.loads(z.read("dien-bien-phien-hop.json"))
        first = next(n for n in names if n.startswith("tai-lieu/001-"))
        assert first.endswith("-v1.pdf")
        assert "Bản trình" in subprocess.run(["pdftotext", "-", "-"], input=z.read(first), check=True,
                                             capture_output=True).stdout.decode()
    assert names == sorted(["bien-ban.pdf", "bien-ban.docx", "thong-bao-ket-luan.pdf", "dien-bien-phien-hop.json",
                            "manifest.json", first, next(n for n in names if n.startswith("tai-lieu/002-"))])
    assert manifest["missing"] == [] and manifest["meeting"]["title"] == "Phiên họp UBND tỉnh thường kỳ tháng 12"
    assert len(record_json["speeches"]) == 3 and len(record_json["votes"]) == 2
