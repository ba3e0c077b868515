"""Comments on a draft before the meeting (góp ý dự thảo): a participant who may read a
document writes an opinion on it, on a page or on the whole; the presenting unit and
the organisers see them collected in a table and export it as a Word table
(the form offices pass around to consolidate opinions: Bảng tổng hợp ý kiến góp ý).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.audit.chain import record
from eoffice.directory.access import load_actor
from eoffice.directory.models import Unit, User
from eoffice.errors import PermissionDenied, ValidationError
from eoffice.meetings import access
from eoffice.meetings.models import AgendaItem, MeetingComment, MeetingDocument, MeetingDocumentVersion
from eoffice.meetings.organising import document_of, meeting_of, not_reader, still_open
from eoffice.meetings.values import aware, vietnam


def add_comment(
    session: Session, actor_id: str, comment_id: str, document_id: str, text: str, page: int | None, now: datetime
) -> MeetingComment:
    """The actor's opinion on ``document_id`` (its newest version), if they may read it at ``now``."""
    actor = load_actor(session, actor_id)
    doc = document_of(session, document_id)
    meeting = meeting_of(session, doc.meeting_id)
    still_open(meeting)
    if not access.reads(session, actor, doc, now):
        raise not_reader()
    body = text.strip()
    if not body:
        raise ValidationError("Hãy nhập nội dung góp ý.", "The comment is empty.", field="text")
    if session.get(MeetingComment, comment_id) is not None:
        raise ValidationError("Góp ý này đã được ghi.", "That comment already exists.")
    if page is not None:
        pages = session.scalar(select(MeetingDocumentVersion.page_count).where(
            MeetingDocumentVersion.meeting_document_id == doc.id, MeetingDocumentVersion.version == doc.version,
        ))
        if page < 1 or (pages and page > pages):
            raise ValidationError(f"Tài liệu chỉ có {pages} trang.", f"The document has {pages} pages.", field="page")
    comment = MeetingComment(
        id=comment_id, meeting_id=doc.meeting_id, meeting_document_id=doc.id, version=doc.version,
        author_id=actor.id, page=page, text=body, created_at=now,
    )
    session.add(comment)
    session.flush()
    record(session, actor_id=actor.id, action="meeting.comment", target_type="meeting_comment", target_id=comment.id,
           after={"meeting_document_id": doc.id, "version": doc.version, "page": page, "text": body})
    return comment


@dataclass(frozen=True)
class CommentRow:
    """One line of the collected table."""

    document_title: str
    version: int
    page: int | None
    author: str
    author_position: str
    author_unit: str
    text: str
    at: datetime


def may_collect(session: Session, viewer: User, doc: MeetingDocument) -> bool:
    """The organisers, the item's presenter and the presenting unit's people read every comment."""
    meeting = meeting_of(session, doc.meeting_id)
    if access.organises(session, viewer, meeting):
        return True
    item = session.get(AgendaItem, doc.item_id)
    if item is None:
        return False
    return viewer.id == item.presenter_id or (
        item.presenter_unit_id is not None and viewer.unit_id == item.presenter_unit_id
    )


def collected(session: Session, viewer_id: str, meeting_id: str, document_id: str | None = None) -> list[CommentRow]:
    """The comments on the meeting's documents (or one), those the viewer may collect; one query."""
    viewer = load_actor(session, viewer_id)
    docs = {d.id: d for d in session.scalars(
        select(MeetingDocument).where(
            MeetingDocument.meeting_id == meeting_id, MeetingDocument.deleted.is_(False),
            *([MeetingDocument.id == document_id] if document_id else []),
        )
    )}
    allowed = {d_id for d_id, d in docs.items() if may_collect(session, viewer, d)}
    if document_id is not None and document_id not in allowed:
        raise PermissionDenied("Chỉ đơn vị trình và người tổ chức họp được xem tổng hợp góp ý.",
                               "Only the presenting unit and the organisers see the collected comments.")
    if not allowed:
        return []
    query = (
        select(MeetingComment, User.full_name, User.position, Unit.name)
        .join(User, User.id == MeetingComment.author_id)
        .outerjoin(Unit, Unit.id == User.unit_id)
        .where(MeetingComment.meeting_document_id.in_(sorted(allowed)), MeetingComment.deleted.is_(False))
        .order_by(MeetingComment.meeting_document_id, MeetingComment.page.is_(None), MeetingComment.page,
                  MeetingComment.created_at)
    )
    order = {d_id: (d.item_id, d.position) for d_id, d in docs.items()}
    rows = [
        CommentRow(docs[c.meeting_document_id].title, c.version, c.page, name, position or "", unit or "",
                   c.text, aware(c.created_at))
        for c, name, position, unit in session.execute(query)
    ]
    titles = {docs[d].title: order[d] for d in allowed}
    rows.sort(key=lambda r: titles.get(r.document_title, ("", 0)))  # stable: keeps the page order within
    return rows


_HEADERS = ("STT", "Tài liệu", "Trang", "Người góp ý", "Chức vụ, đơn vị", "Nội dung góp ý", "Thời gian")


def export_docx(rows: list[CommentRow], path: Path, meeting_title: str) -> Path:
    """The collected comments as a Word table with Vietnamese headers (Times New Roman)."""
    from docx import Document as Docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    out = Docx()
    section = out.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    style = out.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    heading = out.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run("BẢNG TỔNG HỢP Ý KIẾN GÓP Ý DỰ THẢO")
    run.bold = True
    out.add_paragraph(meeting_title).alignment = WD_ALIGN_PARAGRAPH.CENTER
    table = out.add_table(rows=1, cols=len(_HEADERS))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, _HEADERS, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for n, row in enumerate(rows, 1):
        who = ", ".join(p for p in (row.author_position, row.author_unit) if p)
        version = f" (bản {row.version})" if row.version > 1 else ""
        values = (str(n), row.document_title + version, str(row.page) if row.page else "Toàn văn", row.author, who,
                  row.text, vietnam(row.at).strftime("%H:%M %d/%m/%Y"))
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    path = Path(path)
    out.save(str(path))
    return path
