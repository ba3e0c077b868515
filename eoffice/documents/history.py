"""A document's history pane: the audit events on it and on its direction lines.

The audit log is each desk's own: a synced desk holds the events of what its user did,
while the registration, the directions and the handling done at other desks reach it as
rows. ``document_timeline`` therefore tells the history from both: the events held here,
and what the document's rows say happened where no event here tells it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from eoffice.audit.models import AuditEvent
from eoffice.documents.models import DirectionLine, Document, DocumentDirection


def document_history(session: Session, document_id: str) -> list[AuditEvent]:
    """Events on a document and on its direction lines, oldest first (the history pane)."""
    line_ids = select(DirectionLine.id).where(DirectionLine.document_id == document_id)
    return list(
        session.scalars(
            select(AuditEvent)
            .where(
                or_(
                    (AuditEvent.target_type == "document") & (AuditEvent.target_id == document_id),
                    (AuditEvent.target_type == "direction_line") & AuditEvent.target_id.in_(line_ids),
                )
            )
            .order_by(AuditEvent.seq)
        )
    )


@dataclass(frozen=True)
class HistoryEntry:
    """One line of the history: when, who (a user id, or a unit/person named in ``actor``), what."""

    at: datetime | None
    actor_id: str | None
    text: str
    #: Who, when no user id says it (a unit's line: the unit's name).
    actor: str = ""
    #: The absent leader a deputy acted for (``delegations``): the audit names both.
    on_behalf_of: str | None = None


#: The sentences this module writes itself, by language ("vi", "en").
_WORDS: dict[str, dict[str, str]] = {
    "vi": {
        "lead": "chủ trì", "coordinate": "phối hợp", "inform": "để biết",
        "register": "Vào sổ văn bản đến", "arrival": " (số đến {n})", "draft": "Tạo dự thảo",
        "direct": "Bút phê", "given": " — giao ", "done": "Hoàn thành xử lý", "returned": "Trả lại",
        "issued": "Cấp số và ban hành số {n}",
    },
    "en": {
        "lead": "leads", "coordinate": "coordinates", "inform": "for information",
        "register": "Entered in the incoming register", "arrival": " (arrival no. {n})", "draft": "Draft created",
        "direct": "Directed", "given": " — to ", "done": "Completed", "returned": "Returned",
        "issued": "Numbered and issued as no. {n}",
    },
}
#: Actions the audit report does not name yet, by language.
_LABELS = {
    "vi": {
        "document.create_draft": "Tạo dự thảo",
        "document.update_draft": "Sửa dự thảo",
        "document.set_cosigner": "Đặt người ký trước",
        "document.submit_draft": "Trình ký",
        "document.approve_draft": "Duyệt dự thảo",
        "document.return_draft": "Trả lại dự thảo",
        "direction_line.replace": "Thay người chủ trì",
    },
    "en": {
        "document.create_draft": "Draft created",
        "document.update_draft": "Draft edited",
        "document.set_cosigner": "Co-signer set",
        "document.submit_draft": "Submitted for signature",
        "document.approve_draft": "Draft approved",
        "document.return_draft": "Draft returned",
        "direction_line.replace": "Lead replaced",
    },
}


def _describe(event: AuditEvent, language: str) -> str:
    from eoffice.audit.report import describe

    text = describe(event, language)
    return _LABELS[language].get(text, text)


def _aware(at: datetime | None) -> datetime | None:
    return at.replace(tzinfo=timezone.utc) if at is not None and at.tzinfo is None else at


def _after(event: AuditEvent) -> dict[str, object]:
    try:
        after = json.loads(event.after_json) if event.after_json else {}
    except ValueError:
        return {}
    return after if isinstance(after, dict) else {}


def _on_behalf_of(event: AuditEvent) -> str | None:
    leader = _after(event).get("on_behalf_of")
    return str(leader) if leader else None


def document_timeline(
    session: Session, document_id: str, names: dict[str, str], units: dict[str, str], language: str = "vi"
) -> list[HistoryEntry]:
    """The document's history, oldest first: the audit events held here, and from its
    rows the registration, directions and handling done at other desks (see the module).

    ``names`` and ``units`` name the people and units of the document's organisation;
    ``language`` ("vi" or "en") is the one the sentences are written in.
    """
    language = language if language in _WORDS else "vi"
    words = _WORDS[language]
    doc = session.get(Document, document_id)
    events = document_history(session, document_id)
    entries = [
        HistoryEntry(_aware(e.at), e.actor_id, _describe(e, language), on_behalf_of=_on_behalf_of(e)) for e in events
    ]
    if doc is None:
        return entries
    told_actions = {e.action for e in events if e.target_type == "document"}
    told_directions = {str(_after(e).get("direction_id")) for e in events if e.action == "document.direct"}
    told_lines = {(e.target_id, e.action.removeprefix("direction_line.")) for e in events}

    if not told_actions & {"document.register_incoming", "document.create_draft", "document.receive"}:
        if doc.direction == "incoming":
            text = words["register"]
            if doc.arrival_number is not None:
                text += words["arrival"].format(n=f"{doc.arrival_number:02d}")
        else:
            text = words["draft"]
        entries.append(HistoryEntry(_aware(doc.created_at), doc.created_by, text))
    directions = session.scalars(
        select(DocumentDirection)
        .where(DocumentDirection.document_id == document_id, DocumentDirection.deleted.is_(False))
        .order_by(DocumentDirection.created_at)
    )
    lines = list(
        session.scalars(
            select(DirectionLine).where(DirectionLine.document_id == document_id, DirectionLine.deleted.is_(False))
        )
    )

    def holder(line: DirectionLine) -> str:
        if line.user_id:
            return names.get(line.user_id, "")
        return units.get(line.unit_id or "", "")

    for direction in directions:
        if direction.id in told_directions:
            continue
        given = [
            f"{holder(line)} {words.get(line.role, line.role)}"
            for line in lines
            if line.direction_id == direction.id and line.parent_line_id is None
        ]
        text = words["direct"] + (f": {direction.text}" if direction.text else "")
        if given:
            text += words["given"] + ", ".join(given)
        entries.append(HistoryEntry(_aware(direction.created_at), direction.leader_id, text))
    for line in lines:
        if line.state == "done" and (line.id, "complete") not in told_lines and (line.id, "close") not in told_lines:
            text = words["done"] + (f": {line.result_note}" if line.result_note else "")
            entries.append(HistoryEntry(_aware(line.completed_at or line.updated_at), line.user_id, text, holder(line)))
        elif line.state == "returned" and not {(line.id, "return"), (line.id, "replace")} & told_lines:
            text = words["returned"] + (f": {line.return_reason}" if line.return_reason else "")
            entries.append(HistoryEntry(_aware(line.updated_at), line.user_id, text, holder(line)))
    if doc.direction == "outgoing" and doc.code_number and "document.issue" not in told_actions:
        number = f"{doc.code_number}/{doc.code_notation}" if doc.code_notation else doc.code_number
        entries.append(HistoryEntry(_aware(doc.updated_at), None, words["issued"].format(n=number)))
    epoch = datetime.min.replace(tzinfo=timezone.utc)
    return sorted(entries, key=lambda e: e.at or epoch)
