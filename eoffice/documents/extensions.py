"""Deadline extensions (gia hạn xử lý) of direction lines.

The person (or unit) handling a line asks for more time, with a reason and a proposed
date; the leader who directed the document (the line's direction's leader) approves,
possibly with another date, or refuses with a reason:

    requested ──approve──▶ approved   (the line's deadline becomes the decided date)
        └───────refuse───▶ refused    (reason required; the deadline stays)

One request at a time per line. The line's new deadline is what the due-soon and overdue
boxes (``boxes``, SQLite's ``box_open`` triggers) and the follow-up register read, so
they follow by themselves. Every step is audited on the line, so the document's history
shows it.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from eoffice.audit import report
from eoffice.audit.chain import record
from eoffice.directory.access import load_actor
from eoffice.directory.models import User
from eoffice.documents.directions import ACTIONABLE_STATES, _line_and_document, _line_snapshot
from eoffice.documents.models import DirectionLine, Document, DocumentDirection
from eoffice.documents.snapshot import snapshot
from eoffice.documents.types import LineRole
from eoffice.errors import NotFound, PermissionDenied, StateError, ValidationError
from eoffice.store.base import Base, Synced, new_id, utcnow


class ExtensionState(str, enum.Enum):
    REQUESTED = "requested"  # đang xin gia hạn
    APPROVED = "approved"  # đã duyệt gia hạn
    REFUSED = "refused"  # không duyệt gia hạn


class DeadlineExtension(Synced, Base):
    """A request to extend a direction line's deadline (xin gia hạn) and its decision."""

    __tablename__ = "deadline_extensions"

    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    line_id: Mapped[str] = mapped_column(ForeignKey("direction_lines.id"), index=True)
    requested_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    #: The line's deadline when it was asked (None: it had none).
    previous_deadline: Mapped[date | None] = mapped_column(Date, nullable=True)
    requested_deadline: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(10), default=ExtensionState.REQUESTED.value)
    decided_by: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    decided_deadline: Mapped[date | None] = mapped_column(Date, nullable=True)
    decision_note: Mapped[str] = mapped_column(Text, default="")
    requested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


# The history pane's sentences (``audit.report``), registered by this capability.
report.LABELS_VI.update(
    {
        "line.extension_request": "Xin gia hạn xử lý",
        "line.extension_approve": "Duyệt gia hạn xử lý",
        "line.extension_refuse": "Không duyệt gia hạn xử lý",
    }
)
report.LABELS_EN.update(
    {
        "line.extension_request": "Asked for a deadline extension",
        "line.extension_approve": "Deadline extension approved",
        "line.extension_refuse": "Deadline extension refused",
    }
)
report._WITH_REASON.update({"line.extension_request", "line.extension_refuse"})


def _date_vi(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def is_holder(actor: User, line: DirectionLine) -> bool:
    """The line's person; for a unit's line nobody holds personally, anyone of that unit."""
    if line.user_id is not None:
        return line.user_id == actor.id
    return line.unit_id is not None and actor.unit_id == line.unit_id


def leader_of(session: Session, line: DirectionLine) -> str | None:
    """The id of the leader who directed the line (who decides its extensions)."""
    return session.scalar(select(DocumentDirection.leader_id).where(DocumentDirection.id == line.direction_id))


def pending_of(session: Session, line_id: str) -> DeadlineExtension | None:
    """The line's request still waiting for a decision, if any."""
    return session.scalars(
        select(DeadlineExtension).where(
            DeadlineExtension.line_id == line_id,
            DeadlineExtension.state == ExtensionState.REQUESTED.value,
            DeadlineExtension.deleted.is_(False),
        )
    ).first()


def _require_open(line: DirectionLine) -> None:
    if line.state not in ACTIONABLE_STATES:
        raise StateError(
            "Việc được giao đã kết thúc hoặc đã chuyển xử lý, không gia hạn được nữa.",
            "The assignment is closed or passed on; its deadline can no longer be extended.",
        )


def _check_new_deadline(new: date, line: DirectionLine, today: date, field: str) -> None:
    if new < today:
        raise ValidationError(
            f"Hạn xử lý mới {_date_vi(new)} đã qua.", f"The new deadline {new:%d/%m/%Y} is in the past.", field=field
        )
    if line.deadline is not None and new <= line.deadline:
        raise ValidationError(
            f"Hạn xử lý mới phải sau hạn hiện tại ({_date_vi(line.deadline)}).",
            f"The new deadline must be after the current one ({line.deadline:%d/%m/%Y}).",
            field=field,
        )


def request_extension(
    session: Session,
    actor_id: str,
    line_id: str,
    requested_deadline: date,
    reason: str,
    *,
    extension_id: str | None = None,
    today: date | None = None,
) -> DeadlineExtension:
    """The line's holder asks the directing leader for a later deadline, with a reason."""
    actor = load_actor(session, actor_id)
    line, doc = _line_and_document(session, line_id)
    if actor.organisation_id != doc.organisation_id or not is_holder(actor, line):
        raise PermissionDenied(
            "Chỉ người (hoặc đơn vị) được giao việc này mới được xin gia hạn.",
            "Only the person (or unit) given this assignment may ask for an extension.",
        )
    _require_open(line)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Cần ghi lý do xin gia hạn.", "A reason is required.", field="reason")
    _check_new_deadline(requested_deadline, line, today or date.today(), "requested_deadline")
    if pending_of(session, line.id) is not None:
        raise StateError(
            "Việc này đang chờ lãnh đạo cho ý kiến về lần xin gia hạn trước.",
            "An earlier extension request of this assignment still waits for the leader.",
        )
    if leader_of(session, line) is None:
        raise NotFound("Không tìm thấy lãnh đạo đã bút phê.", "The directing leader was not found.")
    extension = DeadlineExtension(
        id=extension_id or new_id(),
        document_id=doc.id,
        line_id=line.id,
        requested_by=actor.id,
        previous_deadline=line.deadline,
        requested_deadline=requested_deadline,
        reason=reason,
        state=ExtensionState.REQUESTED.value,
    )
    session.add(extension)
    session.flush()
    record(
        session, actor_id=actor.id, action="direction_line.extension_request", target_type="direction_line",
        target_id=line.id, after=snapshot(extension),
    )
    return extension


def decide_extension(
    session: Session,
    actor_id: str,
    extension_id: str,
    approve: bool,
    *,
    deadline: date | None = None,
    note: str = "",
    today: date | None = None,
) -> DeadlineExtension:
    """The directing leader approves (with the asked date or another) or refuses (with a reason).

    An approval moves the line's deadline.
    """
    actor = load_actor(session, actor_id)
    extension = session.get(DeadlineExtension, extension_id)
    if extension is None or extension.deleted:
        raise NotFound("Không tìm thấy yêu cầu gia hạn.", "Extension request not found.")
    line, doc = _line_and_document(session, extension.line_id)
    session.refresh(extension)
    if actor.organisation_id != doc.organisation_id or leader_of(session, line) != actor.id:
        raise PermissionDenied(
            "Chỉ lãnh đạo đã bút phê văn bản này mới được duyệt gia hạn.",
            "Only the leader who directed this document may decide on the extension.",
        )
    if extension.state != ExtensionState.REQUESTED.value:
        raise StateError("Yêu cầu gia hạn này đã được cho ý kiến.", "This extension request was already decided.")
    _require_open(line)
    note = (note or "").strip()
    before = snapshot(extension)
    if approve:
        new = deadline or extension.requested_deadline
        _check_new_deadline(new, line, today or date.today(), "deadline")
        line_before = _line_snapshot(line)
        line.deadline = new
        extension.state = ExtensionState.APPROVED.value
        extension.decided_deadline = new
    else:
        if not note:
            raise ValidationError(
                "Cần ghi lý do không duyệt gia hạn.", "A reason is required to refuse.", field="note"
            )
        extension.state = ExtensionState.REFUSED.value
    extension.decided_by = actor.id
    extension.decision_note = note
    extension.decided_at = utcnow()
    session.flush()
    after = snapshot(extension)
    if approve:
        after["deadline"] = after["decided_deadline"]
        after["line_before"] = line_before
    else:
        after["reason"] = note
    record(
        session, actor_id=actor.id,
        action="direction_line.extension_approve" if approve else "direction_line.extension_refuse",
        target_type="direction_line", target_id=line.id, before=before, after=after,
    )
    new_due = line.deadline
    if approve and new_due and line.role == LineRole.LEAD.value and doc.due_date and doc.due_date < new_due:
        # The document's own deadline (the list's "Hạn") is its latest lead deadline: it follows.
        doc_before = {"due_date": doc.due_date.isoformat()}
        doc.due_date = new_due
        session.flush()
        record(
            session, actor_id=actor.id, action="document.update", target_type="document", target_id=doc.id,
            before=doc_before, after={"due_date": new_due.isoformat(), "extension_id": extension.id},
        )
    return extension


def extensions_of(session: Session, document_id: str) -> list[DeadlineExtension]:
    """A document's extension requests, oldest first."""
    return list(
        session.scalars(
            select(DeadlineExtension)
            .where(DeadlineExtension.document_id == document_id, DeadlineExtension.deleted.is_(False))
            .order_by(DeadlineExtension.requested_at, DeadlineExtension.id)
        )
    )


def pending_for(session: Session, leader_id: str) -> list[DeadlineExtension]:
    """Requests waiting for ``leader_id``'s decision on lines still open, oldest first."""
    return list(
        session.scalars(
            select(DeadlineExtension)
            .join(DirectionLine, DirectionLine.id == DeadlineExtension.line_id)
            .join(DocumentDirection, DocumentDirection.id == DirectionLine.direction_id)
            .join(Document, Document.id == DeadlineExtension.document_id)
            .where(
                DocumentDirection.leader_id == leader_id,
                DeadlineExtension.state == ExtensionState.REQUESTED.value,
                DirectionLine.state.in_(ACTIONABLE_STATES),
                DeadlineExtension.deleted.is_(False),
                Document.deleted.is_(False),
            )
            .order_by(DeadlineExtension.requested_at, DeadlineExtension.id)
        )
    )
