"""A closed meeting's whole record for the archive (lưu hồ sơ): one PDF with bookmarks,
and a ZIP of the originals with a manifest.

The PDF: a cover (the meeting, its times and place, the agenda), the minutes (the issued,
signed file when the minutes were issued; else as composed now), the conclusions notice,
then every meeting document as it stood at the close (the last version added before it),
each under its own bookmark. The ZIP holds the same originals byte for byte (the
documents' versions as they stood, the minutes' PDF and DOCX, the notice), the session's
record as JSON, and ``manifest.json``: every file with its SHA-256, size and what it is,
so an archivist can check the package without eOffice.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.documents.models import Document, DocumentFile
from eoffice.meetings.invitation import agenda_lines
from eoffice.meetings.live.state import parse_time
from eoffice.meetings.minutes import compose, notice
from eoffice.meetings.minutes.paper_docx import render_minutes_docx
from eoffice.meetings.minutes.schemas import MeetingRecord
from eoffice.meetings.models import MeetingDocument, MeetingDocumentVersion
from eoffice.meetings.organising import meeting_of
from eoffice.meetings.paper import decree_pdf, meeting_place, span_text
from eoffice.store.blobs import BlobStore


@dataclass(frozen=True)
class Original:
    """One file of the record: where it goes in the ZIP, its bytes' place, what it is."""

    name: str
    kind: str  # "document", "minutes", "minutes_docx", "conclusions", "record"
    title: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def _safe(text: str, limit: int = 60) -> str:
    keep = "".join(c if c.isalnum() or c in " -_." else "-" for c in text).strip()
    return "-".join(keep.split())[:limit] or "tai-lieu"


def documents_as_they_stood(
    session: Session, meeting_id: str, record: MeetingRecord | None
) -> list[tuple[MeetingDocument, MeetingDocumentVersion]]:
    """Each live document of the meeting with its version at the close (the last added
    before it; the latest when the session never closed), in the agenda's order."""
    closed = parse_time(record.closed_at) if record is not None else None
    docs = session.scalars(
        select(MeetingDocument).where(MeetingDocument.meeting_id == meeting_id, MeetingDocument.deleted.is_(False))
        .order_by(MeetingDocument.item_id, MeetingDocument.position, MeetingDocument.added_at)
    ).all()
    versions: dict[str, list[MeetingDocumentVersion]] = {}
    for v in session.scalars(
        select(MeetingDocumentVersion).where(MeetingDocumentVersion.meeting_id == meeting_id,
                                             MeetingDocumentVersion.deleted.is_(False))
        .order_by(MeetingDocumentVersion.version)
    ):
        versions.setdefault(v.meeting_document_id, []).append(v)
    order = {item.id: n for n, (_number, item) in enumerate(compose.agenda_items(session, meeting_id))}
    out = []
    for doc in sorted(docs, key=lambda d: (order.get(d.item_id, len(order)), d.position)):
        kept = versions.get(doc.id, [])
        if closed is not None:
            kept = [v for v in kept if v.added_at is None or _aware(v.added_at) <= closed] or kept[:1]
        if kept:
            out.append((doc, kept[-1]))
    return out


def _aware(moment: Any) -> Any:
    from eoffice.meetings.values import aware

    return aware(moment)


def _issued_file(session: Session, blobs: BlobStore, document_id: str | None) -> bytes | None:
    """The main file of an outgoing document made from the meeting, once it was issued."""
    if not document_id:
        return None
    doc = session.get(Document, document_id)
    if doc is None or doc.deleted or not doc.number_label:
        return None
    main = session.scalars(
        select(DocumentFile).where(DocumentFile.document_id == doc.id, DocumentFile.is_main.is_(True))
    ).first()
    path = blobs.path_for(main.digest) if main is not None else None
    return path.read_bytes() if path is not None and path.is_file() else None


def originals(
    session: Session, blobs: BlobStore, meeting_id: str, record: MeetingRecord | None, written: Mapping[str, str],
) -> list[Original]:
    """The record's files, in the order the PDF binds them."""
    from eoffice.meetings.minutes.paper_pdf import render_minutes

    meeting = meeting_of(session, meeting_id)
    minutes = compose.minutes_of(session, meeting_id, record, written)
    files = [
        Original("bien-ban.pdf", "minutes", "Biên bản",
                 _issued_file(session, blobs, meeting.minutes_document_id) or render_minutes(minutes)),
        Original("bien-ban.docx", "minutes_docx", "Biên bản (Word)", render_minutes_docx(minutes)),
    ]
    paper = notice.notice_of(session, meeting_id, written)
    if paper.conclusions:
        files.append(Original(
            "thong-bao-ket-luan.pdf", "conclusions", "Thông báo kết luận",
            _issued_file(session, blobs, meeting.conclusions_document_id) or notice.render_notice(paper),
        ))
    for n, (doc, version) in enumerate(documents_as_they_stood(session, meeting_id, record), start=1):
        path = blobs.path_for(version.digest)
        if not path.is_file():
            continue  # not on this computer: the manifest's "missing" lists it
        files.append(Original(f"tai-lieu/{n:03d}-{_safe(doc.title)}-v{version.version}.pdf", "document",
                              doc.title, path.read_bytes()))
    if record is not None:
        files.append(Original("dien-bien-phien-hop.json", "record", "Diễn biến phiên họp",
                              record.model_dump_json(indent=1).encode()))
    return files


def _cover(session: Session, meeting_id: str) -> bytes:
    meeting = meeting_of(session, meeting_id)
    pdf = decree_pdf()
    pdf.add_page()
    pdf.start_section("Hồ sơ cuộc họp", level=0)
    pdf.ln(30)
    pdf.set_font("Body", "B", 16)
    pdf.multi_cell(0, 9, "HỒ SƠ CUỘC HỌP", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Body", "B", 14)
    pdf.multi_cell(0, 8, meeting.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.set_font("Body", "", 13)
    pdf.multi_cell(0, 7, f"Thời gian: {span_text(meeting.starts_at, meeting.ends_at)}", new_x="LMARGIN",
                   new_y="NEXT")
    pdf.multi_cell(0, 7, f"Địa điểm: {meeting_place(session, meeting)}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Body", "B", 13)
    pdf.cell(0, 7, "Chương trình:", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Body", "", 13)
    for line in agenda_lines(session, meeting_id):
        pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def write_record_pdf(
    session: Session, blobs: BlobStore, meeting_id: str, record: MeetingRecord | None, written: Mapping[str, str],
    path: Path, files: list[Original] | None = None,
) -> Path:
    """The whole record as one PDF with a bookmark per part and per document."""
    from pypdf import PdfReader, PdfWriter

    files = files if files is not None else originals(session, blobs, meeting_id, record, written)
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(_cover(session, meeting_id))), outline_item="Hồ sơ cuộc họp")
    documents = None
    for f in files:
        if not f.name.endswith(".pdf"):
            continue
        reader = PdfReader(io.BytesIO(f.data))
        if f.kind == "document":
            if documents is None:
                documents = writer.add_outline_item(title="Tài liệu cuộc họp", page_number=len(writer.pages))
            start = len(writer.pages)
            writer.append(reader, import_outline=False)
            writer.add_outline_item(title=f.title, page_number=start, parent=documents)
        else:
            writer.append(reader, outline_item=f.title, import_outline=f.kind == "minutes")
    writer.page_mode = "/UseOutlines"
    with open(path, "wb") as out:
        writer.write(out)
    return path


def write_record_zip(
    session: Session, blobs: BlobStore, meeting_id: str, record: MeetingRecord | None, written: Mapping[str, str],
    path: Path, files: list[Original] | None = None,
) -> Path:
    """The originals and ``manifest.json`` in one ZIP (PDFs stored as they are: already compressed)."""
    meeting = meeting_of(session, meeting_id)
    files = files if files is not None else originals(session, blobs, meeting_id, record, written)
    stood = documents_as_they_stood(session, meeting_id, record)
    held = {f.title for f in files if f.kind == "document"}
    manifest: dict[str, Any] = {
        "meeting": {"id": meeting.id, "title": meeting.title, "starts_at": meeting.starts_at.isoformat(),
                    "ends_at": meeting.ends_at.isoformat(), "place": meeting_place(session, meeting)},
        "files": [{"name": f.name, "kind": f.kind, "title": f.title, "sha256": f.sha256, "size": len(f.data)}
                  for f in files],
        "missing": [{"title": doc.title, "version": v.version, "sha256": v.digest}
                    for doc, v in stood if doc.title not in held],
    }
    with zipfile.ZipFile(path, "w") as archive:
        for f in files:
            method = zipfile.ZIP_STORED if f.name.endswith(".pdf") else zipfile.ZIP_DEFLATED
            archive.writestr(f.name, f.data, compress_type=method)
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1),
                         compress_type=zipfile.ZIP_DEFLATED)
    return path
