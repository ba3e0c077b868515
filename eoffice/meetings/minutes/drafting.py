"""The minutes and the conclusions notice as outgoing drafts: the operations that make
them (``create_draft``, then ``meeting_link_minutes``), as the invitation does
(``meetings.invitation``). The caller submits them (the desk's queue, or ``ops.apply``
on a standalone desk); from there they go through the outgoing flow like any draft:
signed, numbered, issued to the participants and the archive.

The minutes' draft names the chair as its signer (CHỦ TỌA, the right-hand block) and the
secretary as its co-signer (THƯ KÝ, the left-hand block), who signs first with their
e-card (``documents.signing``: the co-signer's signature certifies the file and leaves
the chair's field open); the secretary then submits it to the chair ("Trình ký").
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy.orm import Session

from eoffice.directory.access import load_actor
from eoffice.documents.operations import CreateDraft
from eoffice.meetings.minutes import compose, notice
from eoffice.meetings.operations import LinkMinutes
from eoffice.meetings.minutes.paper_pdf import CHAIR_TITLE, SECRETARY_TITLE, render_minutes
from eoffice.meetings.minutes.schemas import MeetingRecord
from eoffice.meetings.organising import meeting_of
from eoffice.ops.operation import Operation
from eoffice.ops.values import FileRef, Id
from eoffice.store.base import new_id
from eoffice.store.blobs import BlobStore


@dataclass(frozen=True)
class PaperDraft:
    document_id: str
    operations: tuple[Operation, ...]
    pdf: FileRef


def _page_count(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def _draft(
    blobs: BlobStore, data: bytes, filename: str, text: str, fields: dict[str, object], meeting_id: str, paper: str,
    document_id: str | None, cosigner: tuple[str | None, str] = (None, ""),
) -> PaperDraft:
    digest, size = blobs.put_bytes(data)
    pages = _page_count(data)
    ref = FileRef(digest, filename, size, pages, text[:100_000])
    doc_id = Id(document_id or new_id())
    cosigner_id, cosigner_title = cosigner
    create = CreateDraft(Id(new_id()), doc_id, {**fields, "page_amount": pages}, (ref,),
                         cosigner_id=Id(cosigner_id) if cosigner_id else None,
                         cosigner_position=cosigner_title if cosigner_id else "")
    link = LinkMinutes(Id(new_id()), Id(meeting_id), doc_id, paper)
    return PaperDraft(doc_id, (create, link), ref)


def make_minutes_draft(
    session: Session, blobs: BlobStore, actor_id: str, meeting_id: str, record: MeetingRecord | None,
    written: Mapping[str, str], *, document_id: str | None = None,
) -> PaperDraft:
    """The minutes as a draft of type BB, signed by the chair after the secretary."""
    load_actor(session, actor_id)
    meeting = meeting_of(session, meeting_id)
    minutes = compose.minutes_of(session, meeting_id, record, written)
    fields: dict[str, object] = {
        "type_name": compose.TYPE_NAME,
        "subject": f"Biên bản {meeting.title}"[:500],
        # the blocks the two signatures are placed in are found by these titles and names
        "signer_position": CHAIR_TITLE,
        "signer_full_name": minutes.chair[:200],
    }
    return _draft(blobs, render_minutes(minutes), "bien-ban.pdf", minutes.text(), fields, meeting_id, "minutes",
                  document_id, cosigner=(meeting.secretary_id, SECRETARY_TITLE))


def make_notice_draft(
    session: Session, blobs: BlobStore, actor_id: str, meeting_id: str, written: Mapping[str, str],
    *, document_id: str | None = None,
) -> PaperDraft:
    """The conclusions notice as a draft of type TB."""
    load_actor(session, actor_id)
    paper = notice.notice_of(session, meeting_id, written)
    fields: dict[str, object] = {
        "type_name": notice.TYPE_NAME,
        "subject": paper.subject[:500],
        "signer_position": paper.signer_position[:200],
        "signer_full_name": paper.signer_name[:200],
    }
    return _draft(blobs, notice.render_notice(paper), "thong-bao-ket-luan.pdf", paper.text(), fields, meeting_id,
                  "conclusions", document_id)
