"""Private notes on meeting documents: a highlight, a pen stroke, a text note pinned to a
page. They are their owner's alone (only the owner writes them, and the server sends
them to no one else: ``reading_synced``), synced between the owner's own computers.

A note stays on the version it was made on: when a new version arrives, the notes on
older ones are listed as such (``NoteLine.outdated``) and still open on their version.
The owner can export a version with their notes as an annotated PDF for themselves.

``shape`` is JSON in PDF points of the page (origin bottom left):
a highlight ``{"rects": [[x0, y0, x1, y1], …]}``, a pen ``{"points": [[x, y], …]}``,
a text note ``{"at": [x, y]}``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.directory.access import load_actor
from eoffice.errors import InvalidFileError, NotFound, ValidationError
from eoffice.meetings import access
from eoffice.meetings.meeting_files import version_of
from eoffice.meetings.models import MeetingDocument, NoteKind, PrivateNote
from eoffice.meetings.organising import document_of, not_reader
from eoffice.store.base import utcnow
from eoffice.store.blobs import BlobStore


def _bad_shape() -> ValidationError:
    return ValidationError("Vị trí ghi chú trên trang không hợp lệ.", "The note's shape is malformed.", field="shape")


def _numbers(value: Any, count: int) -> list[float]:
    if not isinstance(value, list) or len(value) != count:
        raise _bad_shape()
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value):
        raise _bad_shape()
    return [float(v) for v in value]


def clean_shape(kind: str, shape: str) -> str:
    """The shape checked for its kind (see the module's docstring), as compact JSON."""
    try:
        data = json.loads(shape or "{}")
    except ValueError:
        raise _bad_shape() from None
    if not isinstance(data, dict):
        raise _bad_shape()
    if kind == NoteKind.HIGHLIGHT.value:
        rects = data.get("rects")
        if not isinstance(rects, list) or not rects:
            raise _bad_shape()
        clean: dict[str, Any] = {"rects": [_numbers(r, 4) for r in rects]}
    elif kind == NoteKind.PEN.value:
        points = data.get("points")
        if not isinstance(points, list) or len(points) < 2:
            raise _bad_shape()
        clean = {"points": [_numbers(p, 2) for p in points]}
    elif kind == NoteKind.TEXT.value:
        clean = {"at": _numbers(data.get("at"), 2)}
    else:
        raise ValidationError("Loại ghi chú không hợp lệ (tô sáng, bút vẽ hoặc ghi chú chữ).",
                              "The note kind must be highlight, pen or text.", field="note_kind")
    return json.dumps(clean, separators=(",", ":"))


def _color(color: str) -> str:
    text = color.strip().lower()
    if len(text) != 7 or text[0] != "#" or any(c not in "0123456789abcdef" for c in text[1:]):
        raise ValidationError("Màu ghi chú không hợp lệ.", "The note's colour is malformed.", field="color")
    return text


def _own(session: Session, actor_id: str, note_id: str) -> PrivateNote:
    """The actor's own note; another's is "not found" (whether it exists is not told)."""
    note = session.get(PrivateNote, note_id)
    if note is None or note.deleted or note.user_id != actor_id:
        raise NotFound("Không tìm thấy ghi chú.", "Note not found.")
    return note


def add_note(
    session: Session, actor_id: str, note_id: str, document_id: str, version: int, page: int, kind: str,
    shape: str, text: str = "", color: str = "#ffeb3b",
) -> PrivateNote:
    """A note of the actor's on a version they may read."""
    actor = load_actor(session, actor_id)
    doc = document_of(session, document_id)
    if not access.reads(session, actor, doc, utcnow()):
        raise not_reader()
    if session.get(PrivateNote, note_id) is not None:
        raise ValidationError("Ghi chú này đã có.", "That note already exists.")
    file = version_of(session, doc.id, version)
    if page < 1 or (file.page_count and page > file.page_count):
        raise ValidationError(f"Tài liệu chỉ có {file.page_count} trang.", f"The document has {file.page_count} pages.",
                              field="page")
    note = PrivateNote(
        id=note_id, user_id=actor.id, meeting_id=doc.meeting_id, meeting_document_id=doc.id, version=version,
        page=page, kind=kind, shape=clean_shape(kind, shape), text=text, color=_color(color),
    )
    if kind == NoteKind.TEXT.value and not text.strip():
        raise ValidationError("Hãy nhập nội dung ghi chú.", "The text note is empty.", field="text")
    session.add(note)
    session.flush()
    return note


def update_note(session: Session, actor_id: str, note_id: str, shape: str, text: str, color: str) -> PrivateNote:
    note = _own(session, actor_id, note_id)
    note.shape, note.text, note.color = clean_shape(note.kind, shape), text, _color(color)
    session.flush()
    return note


def delete_note(session: Session, actor_id: str, note_id: str) -> PrivateNote:
    note = _own(session, actor_id, note_id)
    note.deleted = True
    session.flush()
    return note


@dataclass(frozen=True)
class NoteLine:
    note: PrivateNote
    #: Made on an older version than the document's newest.
    outdated: bool


def notes_on(session: Session, user_id: str, document_id: str) -> list[NoteLine]:
    """The user's notes on a document, every version, newest version first; one query."""
    rows = session.execute(
        select(PrivateNote, MeetingDocument.version)
        .join(MeetingDocument, MeetingDocument.id == PrivateNote.meeting_document_id)
        .where(PrivateNote.user_id == user_id, PrivateNote.meeting_document_id == document_id,
               PrivateNote.deleted.is_(False))
        .order_by(PrivateNote.version.desc(), PrivateNote.page, PrivateNote.created_at)
    )
    return [NoteLine(note, note.version < newest) for note, newest in rows]


# --------------------------------------------------------------------------- annotated PDF


def _rgb(color: str) -> list[float]:
    return [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]


def _annotation(note: PrivateNote) -> Any:
    from pypdf.annotations import Highlight, Text
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, NumberObject, TextStringObject

    shape = json.loads(note.shape)
    annotation: DictionaryObject
    colour = ArrayObject(FloatObject(v) for v in _rgb(note.color))
    if note.kind == NoteKind.HIGHLIGHT.value:
        rects = shape["rects"]
        quads = ArrayObject()
        for x0, y0, x1, y1 in rects:
            quads.extend(FloatObject(v) for v in (x0, y1, x1, y1, x0, y0, x1, y0))
        box = (min(r[0] for r in rects), min(r[1] for r in rects), max(r[2] for r in rects), max(r[3] for r in rects))
        annotation = Highlight(rect=box, quad_points=quads, highlight_color=note.color[1:])
    elif note.kind == NoteKind.PEN.value:
        points = shape["points"]
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        annotation = DictionaryObject({
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Ink"),
            NameObject("/Rect"): ArrayObject(
                FloatObject(v) for v in (min(xs) - 1, min(ys) - 1, max(xs) + 1, max(ys) + 1)
            ),
            NameObject("/InkList"): ArrayObject([ArrayObject(FloatObject(v) for p in points for v in p)]),
            NameObject("/C"): colour,
            NameObject("/BS"): DictionaryObject({NameObject("/W"): NumberObject(2)}),
        })
    else:
        x, y = shape["at"]
        annotation = Text(rect=(x, y, x + 20, y + 20), text=note.text)
        annotation[NameObject("/C")] = colour
    if note.text:
        annotation[NameObject("/Contents")] = TextStringObject(note.text)
    return annotation


def export_annotated(
    session: Session, user_id: str, document_id: str, version: int, blobs: BlobStore, out: Path
) -> Path:
    """The version's PDF with the user's own notes on it as PDF annotations (highlight,
    ink, text), for themselves; works offline from the downloaded file."""
    from pypdf import PdfReader, PdfWriter

    file = version_of(session, document_id, version)
    source = blobs.path_for(file.digest)
    if not source.exists():
        raise InvalidFileError("Tài liệu chưa được tải về máy này.", "The document is not downloaded yet.")
    notes = session.scalars(
        select(PrivateNote).where(
            PrivateNote.user_id == user_id, PrivateNote.meeting_document_id == document_id,
            PrivateNote.version == version, PrivateNote.deleted.is_(False),
        ).order_by(PrivateNote.page, PrivateNote.created_at)
    )
    writer = PdfWriter(clone_from=PdfReader(str(source)))
    pages = len(writer.pages)
    for note in notes:
        if 1 <= note.page <= pages:
            writer.add_annotation(page_number=note.page - 1, annotation=_annotation(note))
    out = Path(out)
    with open(out, "wb") as fh:
        writer.write(fh)
    return out
