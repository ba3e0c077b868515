"""The invitation (giấy mời, NĐ 30/2020 Phụ lục III Mẫu 1.7) made from a meeting, and the
outgoing draft of type GM it becomes.

The draft's PDF leaves the number ("Số:      /GM-UBND") and the day and month of the date
line blank: the leader's certification puts the clerk's fields over those blanks and
issuing fills them in (``signing.filling``), as for any outgoing document. The draft goes
through the documents' own operations (``create_draft``; then submit, approve, sign,
number, issue, deliver as usual); ``meeting_link_invitation`` names it on the meeting, and
issuing it makes the meeting scheduled (``meetings.invitation_ops``).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.directory.access import load_actor
from eoffice.directory.models import Unit, User
from eoffice.documents.numbering import notation
from eoffice.documents.operations import CreateDraft
from eoffice.meetings.models import AgendaItem, Participant, ParticipantRole, Sitting
from eoffice.meetings.operations import LinkInvitation
from eoffice.meetings.organising import meeting_of
from eoffice.meetings.values import vietnam
from eoffice.meetings.paper import (
    closing,
    decree_pdf,
    BLANK_NUMBER,
    date_line,
    day_text,
    header,
    meeting_place,
    organisation_of,
    parent_name,
    person,
    place_of,
    span_text,
)
from eoffice.ops.operation import Operation
from eoffice.ops.values import FileRef, Id
from eoffice.store.base import new_id
from eoffice.store.blobs import BlobStore

#: The document type of an invitation (Phụ lục III: GM).
TYPE_NAME = "Giấy mời"
#: Participants printed one per line under "trân trọng kính mời"; more go to an annexed list.
INLINE_INVITEES = 12


@dataclass(frozen=True)
class Invitation:
    """What the printed invitation says, read from the meeting's rows (``invitation_of``)."""

    organisation: str
    parent: str
    notation: str  # "GM-UBND": the clerk writes the number before it
    place: str  # the date line's place, "Nghệ An"
    year: int
    title: str  # the meeting's name
    invitees: tuple[str, ...]  # "Nguyễn Văn A, Giám đốc Sở Tài chính", in the order invited
    chair: str
    time: str
    venue: str
    agenda: tuple[str, ...]  # numbered lines, sittings as headings when there are several
    notes: str
    recipients: tuple[str, ...]  # Nơi nhận
    signer_position: str
    signer_name: str
    number_label: str = ""  # once issued: "05/GM-UBND"
    issued: date | None = None

    @property
    def number_line(self) -> str:
        return f"Số: {self.number_label}" if self.number_label else f"Số: {BLANK_NUMBER}/{self.notation}"


def _number(parts: list[int]) -> str:
    return ".".join(str(p) for p in parts) + "."


def agenda_lines(session: Session, meeting_id: str) -> tuple[str, ...]:
    """The agenda in order ("1.", "1.1."), each item with its presenter; a heading per
    sitting when the meeting has several."""
    sittings = session.scalars(
        select(Sitting).where(Sitting.meeting_id == meeting_id, Sitting.deleted.is_(False)).order_by(
            Sitting.number, Sitting.starts_at
        )
    ).all()
    items = session.scalars(
        select(AgendaItem).where(AgendaItem.meeting_id == meeting_id, AgendaItem.deleted.is_(False)).order_by(
            AgendaItem.position, AgendaItem.id
        )
    ).all()
    children: dict[tuple[str, str | None], list[AgendaItem]] = {}
    for item in items:
        children.setdefault((item.sitting_id, item.parent_id), []).append(item)
    presenters = {
        u.id: u for u in session.scalars(
            select(User).where(User.id.in_({i.presenter_id for i in items if i.presenter_id}))
        )
    }
    lines: list[str] = []

    def walk(sitting_id: str, parent: str | None, prefix: list[int]) -> None:
        for n, item in enumerate(children.get((sitting_id, parent), []), start=1):
            text = f"{_number([*prefix, n])} {item.title}"
            presenter = presenters.get(item.presenter_id or "")
            if presenter is not None:
                text += f" ({presenter.full_name} trình bày)"
            lines.append(text)
            walk(sitting_id, item.id, [*prefix, n])

    for sitting in sittings:
        if len(sittings) > 1:
            heading = sitting.title or f"Phiên {sitting.number}"
            lines.append(f"{heading}: {day_text(vietnam(sitting.starts_at).date())}")
        walk(sitting.id, None, [])
    return tuple(lines)


def invitation_of(
    session: Session,
    meeting_id: str,
    *,
    signer_position: str = "",
    signer_name: str = "",
    recipients: tuple[str, ...] = (),
    year: int | None = None,
) -> Invitation:
    """The invitation of a meeting as its rows say now. The signer defaults to the chair
    (the leader who calls the meeting); ``recipients`` to "Như trên" and the archive copy."""
    meeting = meeting_of(session, meeting_id)
    org = organisation_of(session, meeting)
    chair = session.get(User, meeting.chair_id) if meeting.chair_id else None
    people = session.execute(
        select(Participant, User).join(User, User.id == Participant.user_id).where(
            Participant.meeting_id == meeting_id, Participant.deleted.is_(False),
            Participant.role.in_((ParticipantRole.MEMBER.value, ParticipantRole.GUEST.value)),
        ).order_by(Participant.role.desc(), User.full_name)  # members before guests
    ).all()
    invitees = tuple(person(user) for _p, user in people)
    unit = session.get(Unit, meeting.unit_id) if meeting.unit_id else None
    archive = f"- Lưu: VT, {unit.code}." if unit is not None and unit.code else "- Lưu: VT."
    return Invitation(
        organisation=org.name,
        parent=parent_name(session, org),
        notation=notation(TYPE_NAME, org.abbreviation),
        place=place_of(org.name),
        year=year or vietnam(meeting.starts_at).year,
        title=meeting.title,
        invitees=invitees,
        chair=person(chair) or "(chưa xác định)",
        time=span_text(meeting.starts_at, meeting.ends_at),
        venue=meeting_place(session, meeting),
        agenda=agenda_lines(session, meeting_id),
        notes=meeting.notes.strip(),
        recipients=recipients or ("- Như trên;", archive),
        signer_position=signer_position or (chair.position if chair is not None else ""),
        signer_name=signer_name or (chair.full_name if chair is not None else ""),
    )


def _labelled(pdf: Any, label: str, text: str) -> None:
    """"Thời gian: …": the label in bold, the text after it, wrapping under the margin."""
    pdf.set_x(pdf.l_margin)
    pdf.set_font("Body", "B", 13)
    pdf.write(7, f"{label}: ")
    pdf.set_font("Body", "", 13)
    pdf.write(7, text)
    pdf.ln(8)


def _draw(pdf: Any, inv: Invitation) -> None:
    pdf.add_page()
    header(
        pdf, organisation=inv.organisation, parent=inv.parent, number_line=inv.number_line,
        place_date=date_line(inv.place, inv.issued, inv.year),
    )
    pdf.ln(8)
    pdf.set_font("Body", "B", 14)
    pdf.cell(0, 7, "GIẤY MỜI", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Body", "B", 13)
    pdf.multi_cell(0, 7, inv.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(5)
    pdf.set_font("Body", "", 13)
    many = len(inv.invitees) > INLINE_INVITEES
    pdf.multi_cell(0, 7, f"{inv.organisation} trân trọng kính mời:", new_x="LMARGIN", new_y="NEXT")
    if many:
        pdf.multi_cell(
            0, 7, f"- Các đồng chí có tên trong danh sách kèm theo ({len(inv.invitees)} người).",
            new_x="LMARGIN", new_y="NEXT",
        )
    else:
        for line in inv.invitees or ("(theo danh sách)",):
            pdf.set_x(pdf.l_margin + 8)
            pdf.multi_cell(0, 7, f"- Đồng chí {line};", new_x="LMARGIN", new_y="NEXT")
    _labelled(pdf, "Tới dự", inv.title)
    _labelled(pdf, "Chủ trì", inv.chair)
    _labelled(pdf, "Thời gian", inv.time)
    _labelled(pdf, "Địa điểm", inv.venue)
    pdf.set_font("Body", "B", 13)
    pdf.cell(0, 7, "Nội dung:", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Body", "", 13)
    for line in inv.agenda or ("(theo chương trình gửi kèm)",):
        depth = line.split(" ", 1)[0].count(".") - 1 if line[:1].isdigit() else 0
        pdf.set_x(pdf.l_margin + 8 + 6 * depth)
        pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    if inv.notes:
        pdf.set_font("Body", "B", 13)
        pdf.cell(0, 7, "Các vấn đề cần lưu ý:", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Body", "", 13)
        pdf.multi_cell(0, 7, inv.notes, align="J", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    _closing(pdf, inv)
    if many:
        _annex(pdf, inv)


def _closing(pdf: Any, inv: Invitation) -> None:
    closing(pdf, inv.recipients, inv.signer_position, inv.signer_name)


def _annex(pdf: Any, inv: Invitation) -> None:
    pdf.add_page()
    pdf.set_font("Body", "B", 13)
    pdf.cell(0, 7, "DANH SÁCH THÀNH PHẦN ĐƯỢC MỜI", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Body", "", 12)
    pdf.multi_cell(0, 6, f"(Kèm theo Giấy mời: {inv.title})", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for n, line in enumerate(inv.invitees, start=1):
        pdf.multi_cell(0, 6.5, f"{n}. {line}", new_x="LMARGIN", new_y="NEXT")


def render_invitation(inv: Invitation) -> bytes:
    """The invitation as a PDF in the embedded Vietnamese font (``printing.fonts``)."""
    pdf = decree_pdf()
    _draw(pdf, inv)
    return bytes(pdf.output())


def subject_of(title: str) -> str:
    """The trích yếu of the invitation: "Mời dự <meeting>" (within the column's 500)."""
    return f"Mời dự {title}"[:500]


@dataclass(frozen=True)
class InvitationDraft:
    """The operations that make the GM draft and name it on the meeting, in order: the
    caller submits them (the desk's queue, or ``ops.apply`` on a standalone desk)."""

    document_id: str
    operations: tuple[Operation, ...]
    pdf: FileRef


def make_invitation_draft(
    session: Session,
    blobs: BlobStore,
    actor_id: str,
    meeting_id: str,
    *,
    signer_position: str = "",
    signer_name: str = "",
    recipients: tuple[str, ...] = (),
    document_id: str | None = None,
) -> InvitationDraft:
    """Write the meeting's invitation, store it in ``blobs`` and return the ``create_draft``
    of type GM (the drafter's, in their unit, following the outgoing flow) and the
    ``meeting_link_invitation`` that names it on the meeting."""
    load_actor(session, actor_id)
    inv = invitation_of(
        session, meeting_id, signer_position=signer_position, signer_name=signer_name, recipients=recipients
    )
    data = render_invitation(inv)
    digest, size = blobs.put_bytes(data)
    pages = _page_count(data)
    text = "\n".join([inv.title, *inv.agenda, inv.notes])
    ref = FileRef(digest, "giay-moi.pdf", size, pages, text[:100_000])
    doc_id = Id(document_id or new_id())
    fields = {
        "type_name": TYPE_NAME,
        "subject": subject_of(inv.title),
        "signer_position": inv.signer_position[:200],
        "signer_full_name": inv.signer_name[:200],
        "page_amount": pages,
    }
    create = CreateDraft(Id(new_id()), doc_id, fields, (ref,))
    link = LinkInvitation(Id(new_id()), Id(meeting_id), doc_id)
    return InvitationDraft(doc_id, (create, link), ref)


def _page_count(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def write_invitation(path: Path, inv: Invitation) -> Path:
    path.write_bytes(render_invitation(inv))
    return path
