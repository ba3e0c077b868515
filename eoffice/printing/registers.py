"""Printed registers (NĐ 30/2020, Phụ lục IV): incoming, outgoing and follow-up, as PDF.

A4 landscape, the decree's columns, Vietnamese text in an embedded font, headers repeated
on every page and "Trang x/y" at the foot. Rows are read as plain column tuples and the
direction lines and names they need are loaded in batches, so a year of several thousand
documents prints without one query per row.

A register is printed for someone: it holds only the documents its reader may see, by
the rule the server's pull follows (``documents.visibility``) — a clerk or a leader the
whole ordinary register, an officer their unit's documents, a secret document only those
it names. The same rule chooses the reply numbers the follow-up register shows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from types import MethodType
from typing import Any

from sqlalchemy import ColumnElement, select, true
from sqlalchemy.orm import Session

from eoffice.directory.access import load_actor
from eoffice.directory.models import Organisation, Unit, User
from eoffice.documents.extensions import DeadlineExtension
from eoffice.documents.models import DirectionLine, Document, DocumentDirection, Register
from eoffice.documents.types import (
    PRIORITY_LABELS_VI,
    SECRECY_LABELS_VI,
    Direction,
    LineRole,
    LineState,
    Priority,
    Secrecy,
)
from eoffice.documents.visibility import visible_documents
from eoffice.errors import NotFound, ValidationError
from eoffice.printing.fonts import new_pdf
from eoffice.printing.tables import BlockCell, Column, GridWriter

#: Page geometry (mm): A4 landscape with 10 mm side margins.
MARGIN = 10.0
TABLE_WIDTH = 297.0 - 2 * MARGIN
BODY_SIZE = 9
LINE_HEIGHT = 4.2
#: Ids per IN (...) list when batch-loading lines and names.
BATCH = 500

INCOMING_COLUMNS: list[tuple[str, float]] = [
    ("Ngày đến", 19),
    ("Số đến", 13),
    ("Tác giả", 34),
    ("Số, ký hiệu", 25),
    ("Ngày tháng", 19),
    ("Tên loại và trích yếu nội dung", 76),
    ("Đơn vị hoặc người nhận", 36),
    ("Ngày chuyển", 19),
    ("Ký nhận", 16),
    ("Ghi chú", 20),
]
OUTGOING_COLUMNS: list[tuple[str, float]] = [
    ("Số, ký hiệu văn bản", 27),
    ("Ngày tháng văn bản", 19),
    ("Tên loại và trích yếu nội dung", 72),
    ("Người ký", 28),
    ("Nơi nhận văn bản", 38),
    ("Đơn vị, người nhận bản lưu", 28),
    ("Số lượng bản", 13),
    ("Ngày chuyển", 19),
    ("Ký nhận", 15),
    ("Ghi chú", 18),
]
FOLLOWUP_COLUMNS: list[tuple[str, float]] = [
    ("Số đến", 13),
    ("Văn bản (số, ký hiệu, ngày tháng, tác giả, trích yếu nội dung)", 83),
    ("Đơn vị/người nhận", 45),
    ("Thời hạn giải quyết", 22),
    ("Tiến độ giải quyết", 48),
    ("Số, ký hiệu văn bản trả lời", 33),
    ("Ghi chú", 33),
]

ROLE_SUFFIX_VI = {
    LineRole.LEAD.value: "chủ trì",
    LineRole.COORDINATE.value: "phối hợp",
    LineRole.INFORM.value: "để biết",
}
ROLE_RANK = {LineRole.LEAD.value: 0, LineRole.COORDINATE.value: 1, LineRole.INFORM.value: 2}
PROGRESS_VI = {
    LineState.WAITING.value: "Chờ xử lý",
    LineState.IN_PROGRESS.value: "Đang xử lý",
    LineState.DONE.value: "Đã hoàn thành",
    LineState.RETURNED.value: "Đã trả lại",
    LineState.FORWARDED.value: "Đã chuyển xử lý",
}


def vn_date(value: date | datetime | None) -> str:
    """dd/mm/yyyy, the decree's way of writing a date; empty for none.

    A moment (stored in UTC; SQLite gives it back naive) is shown on the local calendar:
    a direction given at 06:00 in Hà Nội happened on that day, not the UTC day before.
    """
    if not value:
        return ""
    if isinstance(value, datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
        value = aware.astimezone()
    return value.strftime("%d/%m/%Y")


def _number(value: int | None) -> str:
    return f"{value:02d}" if value is not None else ""


def _label(code_number: str | None, code_notation: str) -> str:
    if not code_number:
        return code_notation
    return f"{code_number}/{code_notation}" if code_notation else code_number


def _check_range(start: date, end: date) -> None:
    if start > end:
        raise ValidationError(
            "Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.",
            "The start date must not be after the end date.",
            field="start",
        )


def _range_text(start: date, end: date) -> str:
    if start == date(start.year, 1, 1) and end == date(start.year, 12, 31):
        return f"Năm {start.year}"
    years = f"Năm {start.year}" if start.year == end.year else f"Năm {start.year}–{end.year}"
    return f"{years} (từ ngày {vn_date(start)} đến ngày {vn_date(end)})"


def _notes(priority: str, secrecy: str, note: str) -> str:
    parts = []
    if priority and priority != Priority.NORMAL.value:
        parts.append(PRIORITY_LABELS_VI[Priority(priority)])
    if secrecy and secrecy != Secrecy.NONE.value:
        parts.append(SECRECY_LABELS_VI[Secrecy(secrecy)])
    if note:
        parts.append(note)
    return "; ".join(parts)


def _chunks(items: Sequence[str], size: int = BATCH) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _names(session: Session, unit_ids: Iterable[str], user_ids: Iterable[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Unit and user names by id, in a few IN (...) queries."""
    units: dict[str, str] = {}
    users: dict[str, str] = {}
    for chunk in _chunks(sorted(set(unit_ids))):
        units.update((r[0], r[1]) for r in session.execute(select(Unit.id, Unit.name).where(Unit.id.in_(chunk))))
    for chunk in _chunks(sorted(set(user_ids))):
        users.update((r[0], r[1]) for r in session.execute(select(User.id, User.full_name).where(User.id.in_(chunk))))
    return units, users


@dataclass
class _Line:
    id: str
    document_id: str
    parent_line_id: str | None
    role: str
    unit_id: str | None
    user_id: str | None
    deadline: date | None
    state: str
    return_reason: str
    reply_document_id: str | None
    completed_at: datetime | None
    directed_at: datetime | None


def _load_lines(session: Session, document_ids: Sequence[str]) -> dict[str, list[_Line]]:
    """Every direction line of these documents, each document's in reading order.

    Top-level lines first by role (chủ trì, phối hợp, để biết), each followed by the lines
    it was forwarded to.
    """
    by_doc: dict[str, list[_Line]] = defaultdict(list)
    for chunk in _chunks(document_ids):
        rows = session.execute(
            select(
                DirectionLine.id,
                DirectionLine.document_id,
                DirectionLine.parent_line_id,
                DirectionLine.role,
                DirectionLine.unit_id,
                DirectionLine.user_id,
                DirectionLine.deadline,
                DirectionLine.state,
                DirectionLine.return_reason,
                DirectionLine.reply_document_id,
                DirectionLine.completed_at,
                DocumentDirection.created_at,
            )
            .join(DocumentDirection, DocumentDirection.id == DirectionLine.direction_id)
            .where(DirectionLine.document_id.in_(chunk), DirectionLine.deleted.is_(False))
        )
        for row in rows:
            by_doc[row[1]].append(_Line(*row))  # type: ignore[call-arg]  # the select names every field, in order
    ordered: dict[str, list[_Line]] = {}
    for doc_id, lines in by_doc.items():
        children: dict[str | None, list[_Line]] = defaultdict(list)
        for line in lines:
            children[line.parent_line_id].append(line)
        for group in children.values():
            group.sort(key=lambda ln: (_aware_sort(ln.directed_at), ROLE_RANK.get(ln.role, 9), ln.id))
        ordered[doc_id] = _tree_order(children)
    return ordered


def _tree_order(children: dict[str | None, list[_Line]], parent: str | None = None, depth: int = 0) -> list[_Line]:
    """Lines depth first: each followed by the lines it passed on (20 levels at most)."""
    out: list[_Line] = []
    for line in children.get(parent, []):
        out.append(line)
        if depth < 20:
            out.extend(_tree_order(children, line.id, depth + 1))
    return out


def _aware_sort(value: datetime | None) -> str:
    return value.isoformat() if value else ""


def _line_name(line: _Line, units: dict[str, str], users: dict[str, str]) -> str:
    if line.user_id and line.unit_id:
        return f"{users.get(line.user_id, '')} ({units.get(line.unit_id, '')})"
    if line.user_id:
        return users.get(line.user_id, "")
    return units.get(line.unit_id or "", "")


# --------------------------------------------------------------------------- the PDF


def _register_pdf(organisation_name: str, title: str, subtitle: str, printed_by: str | None):  # type: ignore[no-untyped-def]
    """An A4 landscape PDF with the title block written and a "Trang x/y" footer."""
    pdf = new_pdf("L")
    pdf.set_margins(MARGIN, 12, MARGIN)
    pdf.set_auto_page_break(True, margin=14)
    pdf.set_title(f"{title} - {organisation_name}")
    pdf.set_author(organisation_name)
    pdf.set_creator("eoffice")

    def footer(self) -> None:  # type: ignore[no-untyped-def]
        self.set_y(-11)
        self.set_font("Body", "", 8)
        self.cell(0, 5, f"Trang {self.page_no()}/{{nb}}", align="C")

    pdf.footer = MethodType(footer, pdf)
    pdf.add_page()
    pdf.set_font("Body", "B", 12)
    pdf.multi_cell(0, 6, organisation_name.upper(), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("Body", "B", 16)
    pdf.multi_cell(0, 8, title.upper(), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Body", "", 11)
    pdf.multi_cell(0, 6, subtitle, align="C", new_x="LMARGIN", new_y="NEXT")
    if printed_by:
        pdf.set_font("Body", "", 8)
        pdf.multi_cell(
            0, 4, f"Người in: {printed_by} – ngày in {vn_date(date.today())}", align="R",
            new_x="LMARGIN", new_y="NEXT",
        )
    pdf.ln(3)
    pdf.set_font("Body", "", BODY_SIZE)
    return pdf


def _write_table(pdf, columns: list[tuple[str, float]], rows: Iterable[Sequence[BlockCell]]) -> int:  # type: ignore[no-untyped-def]
    """The register table: two heading rows (names, then the decree's column numbers
    (1), (2)…) repeated on every page, then one row or block per document."""
    grid = GridWriter(pdf, [Column(name, width) for name, width in columns], size=BODY_SIZE, line_height=LINE_HEIGHT)
    grid.headings()
    for cells in rows:
        grid.block(cells)
    return grid.rows_written


def _save(pdf, out: Path) -> Path:  # type: ignore[no-untyped-def]
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    pdf.output(str(tmp))
    tmp.replace(out)
    return out


@dataclass(frozen=True)
class _Reader:
    """Who a register is printed for: the name on it and the documents it may hold."""

    name: str | None
    sees: ColumnElement[bool]


def _reader(session: Session, printed_by: str | None) -> _Reader:
    """The user ``printed_by`` (an id), who sees what their pull would send them; None is
    the database's operator (the command line without ``--user``), who reads every row
    anyway. An unknown or deleted user is NotFound: a register is never printed for
    someone the rule cannot be asked about."""
    if printed_by is None:
        return _Reader(None, true())
    user = load_actor(session, printed_by)
    return _Reader(user.full_name, visible_documents(user, session))


# --------------------------------------------------------------------------- registers


def print_register(
    session: Session,
    register_id: str,
    start: date,
    end: date,
    out: Path,
    *,
    printed_by: str | None,
) -> Path:
    """Print a register's documents dated in [start, end] (arrival or issue date), by number.

    The register's kind chooses the incoming or outgoing form; a secret register prints
    the same way under its own name. ``printed_by`` is the id of the user it is printed
    for (named on it; only the documents they may see), None the database's operator.
    """
    _check_range(start, end)
    reader = _reader(session, printed_by)
    register = session.get(Register, register_id)
    if register is None or register.deleted:
        raise NotFound("Không tìm thấy sổ đăng ký văn bản.", "Register not found.")
    organisation_name = session.scalar(
        select(Organisation.name).where(Organisation.id == register.organisation_id)
    ) or ""
    pdf = _register_pdf(organisation_name, register.name, _range_text(start, end), reader.name)
    if register.kind == Direction.INCOMING.value:
        rows = _incoming_rows(session, register_id, start, end, reader.sees)
        columns = INCOMING_COLUMNS
    else:
        rows = _outgoing_rows(session, register_id, start, end, reader.sees)
        columns = OUTGOING_COLUMNS
    _write_table(pdf, columns, rows)
    return _save(pdf, out)


def _incoming_rows(
    session: Session, register_id: str, start: date, end: date, sees: ColumnElement[bool]
) -> Iterator[list[Any]]:
    docs = session.execute(
        select(
            Document.id,
            Document.arrival_date,
            Document.arrival_number,
            Document.organ_name,
            Document.code_number,
            Document.code_notation,
            Document.issued_date,
            Document.type_name,
            Document.subject,
            Document.recipients_note,
            Document.priority,
            Document.secrecy,
            Document.note,
        )
        .where(
            Document.register_id == register_id,
            Document.deleted.is_(False),
            Document.arrival_date >= start,
            Document.arrival_date <= end,
            sees,
        )
        .order_by(Document.year, Document.register_number)
    ).all()
    for chunk_start in range(0, len(docs), BATCH):
        chunk = docs[chunk_start : chunk_start + BATCH]
        lines = _load_lines(session, [d.id for d in chunk])
        units, users = _names(
            session,
            (ln.unit_id for ls in lines.values() for ln in ls if ln.unit_id),
            (ln.user_id for ls in lines.values() for ln in ls if ln.user_id),
        )
        for d in chunk:
            doc_lines = lines.get(d.id, [])
            recipients = _unique(_line_name(ln, units, users) for ln in doc_lines if ln.parent_line_id is None)
            passed_on = min((ln.directed_at for ln in doc_lines if ln.directed_at), default=None)
            yield [
                vn_date(d.arrival_date),
                _number(d.arrival_number),
                d.organ_name,
                _label(d.code_number, d.code_notation),
                vn_date(d.issued_date),
                f"{d.type_name}: {d.subject}",
                "; ".join(recipients) if recipients else d.recipients_note,
                vn_date(passed_on),
                "",
                _notes(d.priority, d.secrecy, d.note),
            ]


def _unique(names: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for name in names:
        if name:
            seen.setdefault(name, None)
    return list(seen)


def _outgoing_rows(
    session: Session, register_id: str, start: date, end: date, sees: ColumnElement[bool]
) -> Iterator[list[Any]]:
    docs = session.execute(
        select(
            Document.code_number,
            Document.code_notation,
            Document.issued_date,
            Document.type_name,
            Document.subject,
            Document.signer_full_name,
            Document.to_places,
            Document.drafting_unit_id,
            Document.recipients_note,
            Document.issued_amount,
            Document.priority,
            Document.secrecy,
            Document.note,
        )
        .where(
            Document.register_id == register_id,
            Document.deleted.is_(False),
            Document.register_number.is_not(None),
            Document.issued_date >= start,
            Document.issued_date <= end,
            sees,
        )
        .order_by(Document.year, Document.register_number)
    ).all()
    units, _ = _names(session, (d.drafting_unit_id for d in docs if d.drafting_unit_id), ())
    for d in docs:
        kept_by = units.get(d.drafting_unit_id or "", "")
        yield [
            _label(d.code_number, d.code_notation),
            vn_date(d.issued_date),
            f"{d.type_name}: {d.subject}",
            d.signer_full_name,
            d.to_places,
            kept_by or d.recipients_note,
            str(d.issued_amount) if d.issued_amount else "",
            "",
            "",
            _notes(d.priority, d.secrecy, d.note),
        ]


# --------------------------------------------------------------------------- follow-up


FOLLOWUP_TITLE = "Sổ theo dõi giải quyết văn bản đến"


def print_followup_register(
    session: Session,
    organisation_id: str,
    start: date,
    end: date,
    out: Path,
    *,
    secret: bool = False,
    printed_by: str | None,
    today: date | None = None,
) -> Path:
    """Print the follow-up register: incoming documents arrived in [start, end] and how
    each recipient line is getting on.

    One block per document: its own cells span the rows of its direction lines (one row
    per unit or person), so a block never breaks across pages. ``secret`` prints the
    secret register's documents instead of the ordinary ones (their numbers are a
    separate series). ``printed_by`` as for ``print_register``: the documents and the
    replies shown are those its reader may see.
    """
    _check_range(start, end)
    reader = _reader(session, printed_by)
    organisation_name = session.scalar(select(Organisation.name).where(Organisation.id == organisation_id))
    if organisation_name is None:
        raise NotFound("Không tìm thấy cơ quan.", "Organisation not found.")
    title = FOLLOWUP_TITLE + (" mật" if secret else "")
    pdf = _register_pdf(organisation_name, title, _range_text(start, end), reader.name)
    rows = _followup_rows(session, organisation_id, start, end, secret, today or date.today(), reader.sees)
    _write_table(pdf, FOLLOWUP_COLUMNS, rows)
    return _save(pdf, out)


def _followup_rows(
    session: Session, organisation_id: str, start: date, end: date, secret: bool, today: date,
    sees: ColumnElement[bool],
) -> Iterator[list[BlockCell]]:
    register_ids = select(Register.id).where(
        Register.organisation_id == organisation_id,
        Register.kind == Direction.INCOMING.value,
        Register.secret.is_(secret),
    )
    docs = session.execute(
        select(
            Document.id,
            Document.arrival_number,
            Document.code_number,
            Document.code_notation,
            Document.issued_date,
            Document.organ_name,
            Document.type_name,
            Document.subject,
            Document.due_date,
            Document.recipients_note,
            Document.state,
            Document.return_reason,
            Document.note,
        )
        .where(
            Document.organisation_id == organisation_id,
            Document.direction == Direction.INCOMING.value,
            Document.register_id.in_(register_ids),
            Document.deleted.is_(False),
            Document.arrival_date >= start,
            Document.arrival_date <= end,
            sees,
        )
        .order_by(Document.year, Document.register_number)
    ).all()
    for chunk_start in range(0, len(docs), BATCH):
        chunk = docs[chunk_start : chunk_start + BATCH]
        ids = [d.id for d in chunk]
        lines = _load_lines(session, ids)
        units, users = _names(
            session,
            (ln.unit_id for ls in lines.values() for ln in ls if ln.unit_id),
            (ln.user_id for ls in lines.values() for ln in ls if ln.user_id),
        )
        reply_ids = [ln.reply_document_id for ls in lines.values() for ln in ls if ln.reply_document_id]
        replies = _reply_labels(session, ids, reply_ids, sees)
        extended = _extended_from(session, ids)
        for d in chunk:
            yield _followup_block(d, lines.get(d.id, []), units, users, replies, today, extended)


def _extended_from(session: Session, document_ids: Sequence[str]) -> dict[str, date]:
    """The deadline each line had before its first approved extension (gia hạn), by line id."""
    out: dict[str, date] = {}
    rows = session.execute(
        select(DeadlineExtension.line_id, DeadlineExtension.previous_deadline)
        .where(
            DeadlineExtension.document_id.in_(list(document_ids)),
            DeadlineExtension.state == "approved",
            DeadlineExtension.deleted.is_(False),
            DeadlineExtension.previous_deadline.is_not(None),
        )
        .order_by(DeadlineExtension.requested_at)
    )
    for line_id, previous in rows:
        if previous is not None:
            out.setdefault(line_id, previous)
    return out


def _reply_labels(
    session: Session, document_ids: Sequence[str], reply_ids: Sequence[str], sees: ColumnElement[bool]
) -> dict[str, Any]:
    """Numbers of reply documents the reader may see: by reply id (lines) and, under
    ``("doc", id)``, every issued reply whose ``reply_to_id`` names an incoming document."""
    out: dict[Any, Any] = {}
    for chunk in _chunks(sorted(set(reply_ids))):
        for rid, number, notation in session.execute(
            select(Document.id, Document.code_number, Document.code_notation).where(Document.id.in_(chunk), sees)
        ):
            out[rid] = _label(number, notation) if number else "chờ cấp số"
    for chunk in _chunks(list(document_ids)):
        for to_id, rid, number, notation in session.execute(
            select(Document.reply_to_id, Document.id, Document.code_number, Document.code_notation)
            .where(
                Document.reply_to_id.in_(chunk), Document.deleted.is_(False), Document.code_number.is_not(None), sees
            )
            .order_by(Document.issued_date, Document.code_number)
        ):
            out.setdefault(("doc", to_id), []).append((rid, _label(number, notation)))
    return out


def _progress(line: _Line, today: date) -> str:
    text = PROGRESS_VI.get(line.state, line.state)
    if line.state == LineState.DONE.value and line.completed_at:
        text += f" ngày {vn_date(line.completed_at)}"
    elif line.state == LineState.RETURNED.value and line.return_reason:
        text += f": {line.return_reason}"
    elif (
        line.state in (LineState.WAITING.value, LineState.IN_PROGRESS.value) and line.deadline and line.deadline < today
    ):
        text += " (quá hạn)"
    return text


def _followup_block(
    d: Any, lines: list[_Line], units: dict[str, str], users: dict[str, str], replies: dict[Any, Any], today: date,
    extended: dict[str, date] | None = None,
) -> list[BlockCell]:
    """One document: its own cells span one row per direction line."""
    parts = [f"Số {_label(d.code_number, d.code_notation)}" if d.code_number or d.code_notation else ""]
    if d.issued_date:
        parts.append(f"ngày {vn_date(d.issued_date)}")
    heading = " ".join(p for p in parts if p)
    described = "\n".join(p for p in (heading, d.organ_name, f"{d.type_name}: {d.subject}") if p)
    notes = []
    if d.return_reason:
        notes.append(f"Trả lại: {d.return_reason}")
    if d.note:
        notes.append(d.note)
    note = "\n".join(notes)
    doc_replies = replies.get(("doc", d.id), [])
    if not lines:
        reply_text = "\n".join(label for _, label in doc_replies)
        waiting = "Chưa có ý kiến chỉ đạo" if d.state == "registered" else ""
        return [_number(d.arrival_number), described, d.recipients_note, vn_date(d.due_date), waiting, reply_text, note]
    line_reply_ids = {ln.reply_document_id for ln in lines if ln.reply_document_id}
    other_replies = [label for rid, label in doc_replies if rid not in line_reply_ids]
    names, deadlines, progress, reply_cells = [], [], [], []
    for line in lines:
        name = _line_name(line, units, users)
        if line.parent_line_id:
            name = "→ " + name
        names.append(f"{name} ({ROLE_SUFFIX_VI.get(line.role, line.role)})")
        deadline = vn_date(line.deadline or d.due_date)
        if extended and line.id in extended:  # the deadline was extended (gia hạn): say from when
            deadline += f"\n(gia hạn, hạn cũ {vn_date(extended[line.id])})"
        deadlines.append(deadline)
        progress.append(_progress(line, today))
        reply_cells.append(replies.get(line.reply_document_id, "") if line.reply_document_id else "")
    if other_replies:
        reply_cells[-1] = "\n".join([reply_cells[-1], *other_replies] if reply_cells[-1] else other_replies)
    return [_number(d.arrival_number), described, names, deadlines, progress, reply_cells, note]
