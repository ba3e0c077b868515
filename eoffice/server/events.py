"""Live events: what a user should hear about now (a direction for me, a document returned).

Events are rows of ``live_events`` written inside the transaction of the operation that
caused them, so an event exists exactly when its cause committed. Their ``seq`` comes from
the ``live_event`` counter (``eoffice.store.sequences.next_value``), whose row stays locked
until commit: events become visible strictly in ``seq`` order, so a client that has seen
event N and asks for ``seq > N`` never skips one committed later with a smaller number.

On PostgreSQL the same transaction runs ``pg_notify('eoffice_events', seq)``: PostgreSQL
delivers it to every listening server process only if and when the transaction commits.
On SQLite (one server process) a session ``after_commit`` hook wakes the in-process hubs.

Audience: ``user_id`` names one person; otherwise ``unit_id`` means the members of a unit,
otherwise ``organisation_id`` the members of an organisation; ``role`` narrows a unit or
organisation audience to the users holding that role (e.g. the clerks who receive a
delivered document). An event with no audience reaches nobody.

Visibility: an event tells its document's number, type and direction text, so it reaches
a member of its audience only if they may see that document by the pull's own rule
(``sync.changes.visible_rows``), asked when it is sent: ``admitted`` is the one gate the
backlog of a connecting socket (``backlog``) and the live fan-out (``server.fanout``)
both go through. A secret document directed to a unit, or delivered to an organisation's
clerks, tells nothing to those of them the document does not name.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    DateTime,
    String,
    Text,
    and_,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Mapped, Session, mapped_column
from sqlalchemy.sql.elements import ColumnElement

from eoffice.store.base import Base, new_id, utcnow
from eoffice.store.commits import CommitSignal, origin
from eoffice.store.sequences import next_value

COUNTER = "live_event"
CHANNEL = "eoffice_events"

# Event kinds.
DIRECTION_ASSIGNED = "direction.assigned"
LINE_RETURNED = "line.returned"
DOCUMENT_RETURNED = "document.returned"
DRAFT_SUBMITTED = "draft.submitted"
DRAFT_RETURNED = "draft.returned"
DRAFT_APPROVED = "draft.approved"
DOCUMENT_ISSUED = "document.issued"
DOCUMENT_RECEIVED = "document.received"
#: For the organisation's clerks: a leader approved (and maybe signed) a draft, to number and seal.
DOCUMENT_TO_ISSUE = "document.to_issue"


class LiveEvent(Base):
    """One event for an audience: a user, a unit and/or a whole organisation.

    No foreign keys: events are a log; they outlive whatever they talk about.
    """

    __tablename__ = "live_events"

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    id: Mapped[str] = mapped_column(String(36), unique=True, default=new_id)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    kind: Mapped[str] = mapped_column(String(60))
    user_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    unit_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    organisation_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    role: Mapped[str | None] = mapped_column(String(20), nullable=True)
    payload_json: Mapped[str] = mapped_column(Text, default="{}")

    @property
    def document_id(self) -> str | None:
        """The document the event is about (``record_event``'s ``document_id``), if any."""
        value = json.loads(self.payload_json or "{}").get("document_id")
        return value if isinstance(value, str) else None

    def to_message(self) -> dict[str, Any]:
        """The event as the live channel sends it."""
        return {
            "type": "event",
            "id": self.seq,
            "event_id": self.id,
            "kind": self.kind,
            "at": (self.at if self.at.tzinfo else self.at.replace(tzinfo=UTC)).isoformat(),
            "payload": json.loads(self.payload_json or "{}"),
        }


@dataclass(frozen=True)
class Audience:
    """Who a connected user is, as far as event audiences go (read once at connect)."""

    user_id: str
    unit_id: str | None
    organisation_id: str
    roles: frozenset[str]

    def receives(self, ev: LiveEvent) -> bool:
        if ev.user_id is not None:
            return ev.user_id == self.user_id
        if ev.role is not None and ev.role not in self.roles:
            return False
        if ev.unit_id is not None:
            return ev.unit_id == self.unit_id
        if ev.organisation_id is not None:
            return ev.organisation_id == self.organisation_id
        return False

    def condition(self) -> ColumnElement[bool]:
        """The same rule as ``receives``, as SQL (for the missed events on connect)."""
        role_ok = or_(LiveEvent.role.is_(None), LiveEvent.role.in_(sorted(self.roles) or [""]))
        groups = [and_(LiveEvent.unit_id.is_(None), LiveEvent.organisation_id == self.organisation_id)]
        if self.unit_id:
            groups.append(LiveEvent.unit_id == self.unit_id)
        group = or_(*groups)
        return or_(LiveEvent.user_id == self.user_id, and_(LiveEvent.user_id.is_(None), role_ok, group))


def audience_of(session: Session, user_id: str) -> Audience:
    from eoffice.directory.models import User

    user = session.get(User, user_id)
    if user is None:
        raise LookupError(user_id)
    return Audience(user.id, user.unit_id, user.organisation_id, frozenset(r.role for r in user.role_rows))


def record_event(
    session: Session,
    kind: str,
    payload: dict[str, Any],
    *,
    document_id: str | None,
    user_id: str | None = None,
    unit_id: str | None = None,
    organisation_id: str | None = None,
    role: str | None = None,
) -> LiveEvent:
    """Write one event in the caller's transaction; it is announced when that commits.

    ``document_id``: the document the event tells about (None only for an event that
    tells nothing of any document): each member of the audience receives it only if they
    may see that document (``admitted``).

    On PostgreSQL the sequence number, the row and the NOTIFY are one statement (three
    round trips were a tenth of a direction's push); elsewhere the ORM writes the row.
    """
    payload = {**payload, "document_id": document_id} if document_id is not None else dict(payload)
    ev = LiveEvent(
        id=new_id(), at=utcnow(), kind=kind, user_id=user_id, unit_id=unit_id,
        organisation_id=organisation_id, role=role,
        payload_json=json.dumps(payload, ensure_ascii=False, default=str),
    )
    if session.get_bind().dialect.name == "postgresql":
        ev.seq = int(session.execute(_PG_RECORD, {
            "counter": COUNTER, "channel": CHANNEL, "origin": origin(), "id": ev.id, "at": ev.at, "kind": kind,
            "user_id": user_id, "unit_id": unit_id, "organisation_id": organisation_id, "role": role,
            "payload_json": ev.payload_json,
        }).scalar_one())
    else:
        ev.seq = next_value(session, COUNTER)
        session.add(ev)
        session.flush()
    LIVE_COMMITS.note(session, ev.seq)
    return ev


_PG_RECORD = text(
    "WITH s AS (INSERT INTO counters(name, value) VALUES (:counter, 1) "
    "ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value), "
    "e AS (INSERT INTO live_events (seq, id, at, kind, user_id, unit_id, organisation_id, role, payload_json) "
    "SELECT s.value, :id, :at, :kind, :user_id, :unit_id, :organisation_id, :role, :payload_json FROM s "
    "RETURNING seq) "
    "SELECT seq, pg_notify(:channel, seq::text || ' ' || :origin) FROM e"
)


def admitted(session: Session, user_id: str, evs: list[LiveEvent]) -> list[LiveEvent]:
    """Of events addressed to a user (their audience includes them), those the user may
    receive now: each about a document passes only if the pull would send them that
    document (``visible_rows``, the pull's one rule), asked in one statement. What every
    event sent to a user goes through."""
    from eoffice.directory.models import User
    from eoffice.documents.models import Document
    from eoffice.sync.changes import visible_rows

    about = {doc_id for ev in evs if (doc_id := ev.document_id) is not None}
    if not about:
        return list(evs)
    user = session.get(User, user_id)
    if user is None or user.deleted:
        return []
    seen = set(session.scalars(
        select(Document.id).where(Document.id.in_(sorted(about)), visible_rows("documents", user))
    ))
    return [ev for ev in evs if ev.document_id is None or ev.document_id in seen]


def backlog(session: Session, audience: Audience, after: int, limit: int = 500) -> tuple[list[LiveEvent], int, bool]:
    """What a reconnecting client missed: the user's events with ``seq > after`` that they
    may receive (``admitted``), oldest first, from at most ``limit`` events of their
    audience; with the last seq read (to resume from) and whether more may follow."""
    rows = list(
        session.scalars(
            select(LiveEvent).where(LiveEvent.seq > after, audience.condition()).order_by(LiveEvent.seq).limit(limit)
        )
    )
    upto = rows[-1].seq if rows else after
    return admitted(session, audience.user_id, rows), upto, len(rows) == limit


def events_after(session: Session, audience: Audience, after: int, limit: int = 500) -> list[LiveEvent]:
    """The user's events with ``seq > after`` they may receive, oldest first (from the
    first ``limit`` of their audience: ``backlog`` says where to go on from)."""
    return backlog(session, audience, after, limit)[0]


def latest_seq(session: Session) -> int:
    return int(session.scalar(select(LiveEvent.seq).order_by(LiveEvent.seq.desc()).limit(1)) or 0)


# --------------------------------------------------------------------------- which operations say what


def _document_summary(session: Session, document_id: str) -> dict[str, Any]:
    from eoffice.documents.models import Document
    from eoffice.documents.numbering import number_label

    doc = session.get(Document, document_id)
    if doc is None:
        return {"document_id": document_id}
    number = doc.register_number if doc.direction == "outgoing" else doc.arrival_number
    secret = doc.secrecy != "none"
    out: dict[str, Any] = {
        "document_id": doc.id,
        "direction": doc.direction,
        "number_label": number_label(int(doc.code_number), doc.code_notation)
        if doc.code_number and doc.code_number.isdigit() and doc.code_notation
        else (doc.code_number or ""),
        "arrival_number": doc.arrival_number,
        "number": number,
        # A secret document's subject stays in the document, which only its people can open.
        "subject": "" if secret else doc.subject,
        "secret": secret,
        "type_name": doc.type_name,
    }
    return out


def _name(session: Session, user_id: str | None) -> str:
    from eoffice.directory.models import User

    user = session.get(User, user_id) if user_id else None
    return user.full_name if user is not None else ""


def record_for_operation(session: Session, actor_id: str, op: Any, result: Any) -> list[LiveEvent]:
    """The events an accepted operation causes, written in its transaction.

    Nobody is told about their own action.
    """
    from eoffice.documents.models import DirectionLine, Document, DocumentDirection
    from eoffice.sync import operations as ops

    by = {"by_id": actor_id, "by": _name(session, actor_id)}
    made: list[LiveEvent] = []

    def tell(kind: str, document_id: str, details: dict[str, Any], **audience: str | None) -> None:
        """An event about ``document_id`` (its summary, then ``details``) for ``audience``."""
        if audience.get("user_id") == actor_id:
            return
        if not any(audience.values()):
            return
        payload = {**_document_summary(session, document_id), **details, **by}
        made.append(record_event(session, kind, payload, document_id=document_id, **audience))

    def lines_assigned(line_ids: list[str], direction_text: str) -> None:
        for line_id in line_ids:
            line = session.get(DirectionLine, line_id)
            if line is None:
                continue
            details = {
                "line_id": line.id, "direction_id": line.direction_id, "role": line.role,
                "deadline": line.deadline.isoformat() if line.deadline else None, "text": direction_text,
            }
            if line.user_id:
                tell(DIRECTION_ASSIGNED, line.document_id, details, user_id=line.user_id)
            else:
                tell(DIRECTION_ASSIGNED, line.document_id, details, unit_id=line.unit_id)

    if isinstance(op, ops.Direct):
        lines_assigned([ln.line_id for ln in op.lines], op.text)
    elif isinstance(op, ops.ForwardLine):
        lines_assigned(list(result.data.get("line_ids", [])), "")
    elif isinstance(op, ops.ReturnLine):
        line = session.get(DirectionLine, op.line_id)
        if line is not None:
            direction = session.get(DocumentDirection, line.direction_id)
            tell(
                LINE_RETURNED, line.document_id, {"line_id": line.id, "reason": op.reason},
                user_id=direction.leader_id if direction else None,
            )
    elif isinstance(op, ops.ReturnDocument):
        doc = session.get(Document, op.document_id)
        if doc is not None:
            if doc.created_by:
                tell(DOCUMENT_RETURNED, doc.id, {"reason": op.reason}, user_id=doc.created_by)
            else:
                tell(
                    DOCUMENT_RETURNED, doc.id, {"reason": op.reason},
                    organisation_id=doc.organisation_id, role="clerk",
                )
    elif isinstance(op, ops.SubmitDraft):
        tell(DRAFT_SUBMITTED, op.document_id, {}, user_id=op.approver_id)
    elif isinstance(op, (ops.ReturnDraft, ops.ApproveDraft, ops.Issue)):
        doc = session.get(Document, op.document_id)
        if doc is not None:
            kind = {ops.ReturnDraft: DRAFT_RETURNED, ops.ApproveDraft: DRAFT_APPROVED, ops.Issue: DOCUMENT_ISSUED}[
                type(op)
            ]
            details = {} if isinstance(op, ops.Issue) else {"comment": op.comment}
            tell(kind, doc.id, details, user_id=doc.created_by)
            if isinstance(op, ops.ApproveDraft):
                tell(
                    DOCUMENT_TO_ISSUE, doc.id, {**details, "signed": False},
                    organisation_id=doc.organisation_id, role="clerk",
                )
    elif isinstance(op, ops.SignFile) and op.signature == "signer":
        doc = session.get(Document, op.document_id)
        if doc is not None:
            details = {"comment": op.comment, "signed": True}
            tell(DRAFT_APPROVED, doc.id, details, user_id=doc.created_by)
            tell(DOCUMENT_TO_ISSUE, doc.id, details, organisation_id=doc.organisation_id, role="clerk")
    elif isinstance(op, ops.Deliver):
        for copy_id in result.data.get("copy_ids", []):
            copy = session.get(Document, copy_id)
            if copy is not None:
                tell(DOCUMENT_RECEIVED, copy.id, {}, organisation_id=copy.organisation_id, role="clerk")
    return made


# --------------------------------------------------------------------------- waking listeners in this process

#: This process's commits of live events (what wakes the hubs of this process).
LIVE_COMMITS = CommitSignal("live")
on_commit = LIVE_COMMITS.connect
off_commit = LIVE_COMMITS.disconnect


def install() -> None:
    """Record events for operations applied on this server (idempotent)."""
    from eoffice.sync import applying

    applying.add_listener(record_for_operation)
    LIVE_COMMITS.install(Session)
