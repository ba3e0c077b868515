"""Directing an incoming document (bút phê) and the life of each recipient line.

A leader names who leads (chủ trì), who coordinates (phối hợp) and who is informed (để
biết), each with a deadline. The state is kept per line:

    waiting ──start──▶ in_progress ──complete──▶ done
       │                   │
       ├──────return───────┴──▶ returned      (reason required)
       └──────forward──────┴──▶ forwarded     (children lines further down the org tree)

Rules this module holds:

- A forwarded line is settled by its children: when none of its child lead lines is
  still open and at least one of them is done, the forwarded line is done too (and its
  other open children close with it). When every child lead line was returned, the
  forwarded line goes back to ``in_progress``: its holder handles it again (does it
  himself, forwards it again, or returns it upwards).
- The document is done when no top-level lead line is open (waiting, in progress or
  forwarded) and the last one closed by a completion; every remaining open line
  (coordinate, inform, or forwarded) then closes with it.
- When the last open top-level lead line is returned, the document goes back to
  ``registered`` so that a leader can direct it again. Lines still open stay open and
  close with the document.
- A leader may direct a document again while it is being handled; the new lines join
  the old ones.
- One lead (chủ trì) per document: a later direction names a lead only while the
  document has none still open, unless the leader says it replaces the lead
  (``replace_lead``): the open lead lines then go back (returned, with the reason) and
  what they forwarded below closes with them. One direction names at most one lead
  too: the others it names coordinate (phối hợp).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.audit.chain import record
from eoffice.directory.access import load_actor, require_role
from eoffice.directory.models import Role, Unit, User
from eoffice.documents import delegations
from eoffice.documents.locks import lock_document
from eoffice.documents.models import DirectionLine, Document, DocumentDirection
from eoffice.documents.snapshot import snapshot
from eoffice.documents.types import Direction, DocState, LineRole, LineState
from eoffice.documents.workdays import add_working_days, holidays
from eoffice.errors import NotFound, PermissionDenied, StateError, ValidationError
from eoffice.store.base import new_id, utcnow

#: Lines someone still has to act on (or, when forwarded, someone below them).
OPEN_STATES = (LineState.WAITING.value, LineState.IN_PROGRESS.value, LineState.FORWARDED.value)
#: Lines their holder can still act on.
ACTIONABLE_STATES = (LineState.WAITING.value, LineState.IN_PROGRESS.value)

ROLE_LABELS_VI = {LineRole.LEAD: "chủ trì", LineRole.COORDINATE: "phối hợp", LineRole.INFORM: "để biết"}
STATE_LABELS_VI = {
    LineState.WAITING: "chờ xử lý",
    LineState.IN_PROGRESS: "đang xử lý",
    LineState.DONE: "đã hoàn thành",
    LineState.RETURNED: "đã trả lại",
    LineState.FORWARDED: "đã chuyển xử lý",
}


@dataclass
class LineSpec:
    """One recipient of a direction: a unit or a person, their part and deadline.

    Give the deadline as a date or as a number of working days from today, not both.
    ``line_id`` is the new line's id when its maker chose it (a client's operation).
    """

    role: LineRole
    unit_id: str | None = None
    user_id: str | None = None
    deadline: date | None = None
    deadline_days: int | None = None
    line_id: str | None = None


# --------------------------------------------------------------------------- helpers


def _document(session: Session, document_id: str) -> Document:
    """The document, row-locked until commit: every change of its lines goes through here.

    Two people completing the last two lead lines at once must not both see the other's
    line still open (PostgreSQL, READ COMMITTED), or the document would never be done.
    SQLite writers are serialised already and ignore the lock.
    """
    # Its files are not read here: not loaded (a lazy load if something does).
    doc = lock_document(session, document_id, files=False)
    if doc is None or doc.deleted:
        raise NotFound("Không tìm thấy văn bản.", "Document not found.")
    return doc


def _line(session: Session, line_id: str) -> DirectionLine:
    line = session.get(DirectionLine, line_id)
    if line is None or line.deleted:
        raise NotFound("Không tìm thấy việc được giao.", "Direction line not found.")
    return line


def _line_and_document(session: Session, line_id: str) -> tuple[DirectionLine, Document]:
    """The line and its locked document; the line re-read once the lock is held."""
    line = _line(session, line_id)
    doc = _document(session, line.document_id)
    session.refresh(line)
    return line, doc


def _require_same_organisation(actor: User, doc: Document) -> None:
    if actor.organisation_id != doc.organisation_id:
        raise PermissionDenied(
            "Văn bản thuộc cơ quan khác.", "The document belongs to another organisation."
        )


def _state_label(state: str) -> str:
    return STATE_LABELS_VI[LineState(state)]


def _line_snapshot(line: DirectionLine) -> dict[str, object]:
    return snapshot(line)


def may_act_on(actor: User, line: DirectionLine, doc: Document) -> bool:
    """The line's person; for a unit line anyone in that unit; a leader of the organisation."""
    if actor.organisation_id != doc.organisation_id:
        return False
    if line.user_id is not None and line.user_id == actor.id:
        return True
    if line.unit_id is not None and actor.unit_id == line.unit_id:
        return True
    return actor.has_role(Role.LEADER)


def _require_may_act(actor: User, line: DirectionLine, doc: Document) -> None:
    if not may_act_on(actor, line, doc):
        raise PermissionDenied(
            "Bạn không phải người (hay đơn vị) được giao xử lý dòng này.",
            "You are not the person (or unit) this line is assigned to.",
        )


def _require_actionable(line: DirectionLine, action_vi: str, action_en: str) -> None:
    if line.state not in ACTIONABLE_STATES:
        raise StateError(
            f"Không thể {action_vi}: việc được giao {_state_label(line.state)}.",
            f"Cannot {action_en}: the line is {line.state}.",
        )


def _unit_descendants(session: Session, unit_id: str) -> set[str]:
    """Ids of the units below ``unit_id`` (not itself)."""
    org_id = session.scalar(select(Unit.organisation_id).where(Unit.id == unit_id))
    children: dict[str | None, list[str]] = {}
    for uid, parent in session.execute(
        select(Unit.id, Unit.parent_id).where(Unit.organisation_id == org_id, Unit.deleted.is_(False))
    ):
        children.setdefault(parent, []).append(uid)
    found: set[str] = set()
    stack = list(children.get(unit_id, []))
    while stack:
        uid = stack.pop()
        if uid not in found:
            found.add(uid)
            stack.extend(children.get(uid, []))
    return found


@dataclass(frozen=True)
class ForwardScope:
    """Where a holder (a unit, or a person by their unit) may pass work down the org tree
    (chuyển xử lý): to the units below their unit, and to the people of their unit or
    below, themselves excepted. The rule of direction lines, and of meeting tasks."""

    root: str
    below: frozenset[str]
    holder_user_id: str | None

    @property
    def subtree(self) -> frozenset[str]:
        return self.below | {self.root}

    def takes_unit(self, unit_id: str) -> bool:
        return unit_id in self.below

    def takes_person(self, target: User | None) -> bool:
        return target is not None and target.unit_id in self.subtree and target.id != self.holder_user_id


def forward_scope(session: Session, unit_id: str | None, user_id: str | None) -> ForwardScope | None:
    """The scope of a holder: ``unit_id`` when a unit holds the work, else ``user_id``'s
    unit; None when the person belongs to no unit (nothing is below them)."""
    root = unit_id
    if root is None:
        holder = session.get(User, user_id) if user_id is not None else None
        root = holder.unit_id if holder is not None else None
    if root is None:
        return None
    return ForwardScope(root, frozenset(_unit_descendants(session, root)), user_id)


def _resolve_deadline(
    spec: LineSpec, today: date, days_off: set[date] | None, session: Session
) -> tuple[date | None, set[date] | None]:
    """The line's deadline, and the holidays (read once, when first needed)."""
    if spec.deadline is not None and spec.deadline_days is not None:
        raise ValidationError(
            "Chỉ ghi hạn xử lý theo ngày hoặc theo số ngày làm việc, không cả hai.",
            "Give a deadline date or a number of working days, not both.",
            field="deadline",
        )
    if spec.deadline_days is not None:
        if spec.deadline_days < 0:
            raise ValidationError(
                "Số ngày làm việc của hạn xử lý không được âm.",
                "The number of working days cannot be negative.",
                field="deadline",
            )
        if days_off is None:
            days_off = holidays(session)
        return add_working_days(today, spec.deadline_days, days_off), days_off
    if spec.deadline is not None and spec.deadline < today:
        raise ValidationError(
            f"Hạn xử lý {spec.deadline:%d/%m/%Y} đã qua.",
            f"The deadline {spec.deadline:%d/%m/%Y} is in the past.",
            field="deadline",
        )
    return spec.deadline, days_off


def _check_target(session: Session, spec: LineSpec, organisation_id: str) -> None:
    if (spec.unit_id is None) == (spec.user_id is None):
        raise ValidationError(
            "Mỗi việc được giao phải ghi một đơn vị hoặc một người.",
            "Each line names exactly one unit or one person.",
        )
    try:
        LineRole(spec.role)
    except ValueError:
        raise ValidationError("Vai trò xử lý không hợp lệ.", "Invalid line role.") from None
    if spec.unit_id is not None:
        unit = session.get(Unit, spec.unit_id)
        if unit is None or unit.deleted or unit.organisation_id != organisation_id:
            raise ValidationError("Không tìm thấy đơn vị được giao.", "Unknown unit.", field="unit_id")
    else:
        user = session.get(User, spec.user_id)
        if user is None or user.deleted or user.organisation_id != organisation_id:
            raise ValidationError("Không tìm thấy người được giao.", "Unknown user.", field="user_id")


def _new_lines(
    session: Session,
    doc: Document,
    direction_id: str,
    specs: list[LineSpec],
    today: date,
    parent_line_id: str | None = None,
) -> list[DirectionLine]:
    seen: set[tuple[str | None, str | None]] = set()
    days_off: set[date] | None = None
    lines = []
    for spec in specs:
        _check_target(session, spec, doc.organisation_id)
        key = (spec.unit_id, spec.user_id)
        if key in seen:
            raise ValidationError(
                "Một đơn vị hay một người chỉ được ghi một lần trong bút phê.",
                "A unit or person appears twice in the direction.",
            )
        seen.add(key)
        deadline, days_off = _resolve_deadline(spec, today, days_off, session)
        lines.append(
            DirectionLine(
                id=spec.line_id or new_id(),
                document_id=doc.id,
                direction_id=direction_id,
                parent_line_id=parent_line_id,
                role=LineRole(spec.role).value,
                unit_id=spec.unit_id,
                user_id=spec.user_id,
                deadline=deadline,
                state=LineState.WAITING.value,
            )
        )
    return lines


def _set_line_state(
    session: Session, actor_id: str, line: DirectionLine, state: LineState, action: str, **changes: object
) -> None:
    before = _line_snapshot(line)
    line.state = state.value
    for name, value in changes.items():
        setattr(line, name, value)
    if state is LineState.DONE and line.completed_at is None:
        line.completed_at = utcnow()
    session.flush()
    record(
        session, actor_id=actor_id, action=action, target_type="direction_line",
        target_id=line.id, before=before, after=_line_snapshot(line),
    )


def _set_document_state(
    session: Session, actor_id: str, doc: Document, state: DocState, action: str, **changes: object
) -> None:
    before = snapshot(doc)
    doc.state = state.value
    for name, value in changes.items():
        setattr(doc, name, value)
    session.flush()
    record(
        session, actor_id=actor_id, action=action, target_type="document",
        target_id=doc.id, before=before, after=snapshot(doc),
    )


def _all_lines(session: Session, document_id: str) -> list[DirectionLine]:
    return list(
        session.scalars(
            select(DirectionLine)
            .where(DirectionLine.document_id == document_id, DirectionLine.deleted.is_(False))
            .order_by(DirectionLine.id)
            .execution_options(populate_existing=True)
        )
    )


def _close_open(session: Session, actor_id: str, lines: list[DirectionLine], note: str) -> None:
    for line in lines:
        if line.state in OPEN_STATES:
            _set_line_state(
                session, actor_id, line, LineState.DONE, "direction_line.close",
                result_note=line.result_note or note,
            )


def _descendants(lines: list[DirectionLine], line_id: str) -> list[DirectionLine]:
    by_parent: dict[str | None, list[DirectionLine]] = {}
    for line in lines:
        by_parent.setdefault(line.parent_line_id, []).append(line)
    out: list[DirectionLine] = []
    stack = list(by_parent.get(line_id, []))
    while stack:
        line = stack.pop()
        out.append(line)
        stack.extend(by_parent.get(line.id, []))
    return out


def _settle(session: Session, actor_id: str, doc: Document, changed: DirectionLine) -> None:
    """After ``changed`` closed (done or returned), settle its parent line or the document."""
    lines = _all_lines(session, doc.id)
    parent_id = changed.parent_line_id
    siblings_lead = [
        line for line in lines
        if line.parent_line_id == parent_id and line.role == LineRole.LEAD.value
    ]
    if any(line.state in OPEN_STATES for line in siblings_lead):
        return
    completed = changed.state == LineState.DONE.value and changed.role == LineRole.LEAD.value
    if parent_id is not None:
        parent = next(line for line in lines if line.id == parent_id)
        if parent.state != LineState.FORWARDED.value:
            return
        if completed:
            _set_line_state(
                session, actor_id, parent, LineState.DONE, "direction_line.complete",
                result_note=changed.result_note, reply_document_id=changed.reply_document_id,
            )
            _close_open(session, actor_id, _descendants(lines, parent.id), "Đóng cùng dòng cấp trên.")
            _settle(session, actor_id, doc, parent)
        elif changed.state == LineState.RETURNED.value and changed.role == LineRole.LEAD.value:
            _set_line_state(session, actor_id, parent, LineState.IN_PROGRESS, "direction_line.reopen")
        return
    if doc.state != DocState.DIRECTED.value:
        return
    if completed:
        _set_document_state(
            session, actor_id, doc, DocState.DONE, "document.complete", completed_at=utcnow()
        )
        _close_open(session, actor_id, lines, "Đóng cùng văn bản.")
    elif changed.state == LineState.RETURNED.value and changed.role == LineRole.LEAD.value:
        _set_document_state(session, actor_id, doc, DocState.REGISTERED, "document.undirect")


#: The reason written on a lead line a leader gave to someone else.
REPLACED_REASON = "Lãnh đạo đã giao người khác chủ trì."


def _check_one_lead(
    session: Session, doc: Document, specs: list[LineSpec], replace_lead: bool
) -> list[DirectionLine]:
    """Hold "one lead per document"; the open lead lines a ``replace_lead`` direction replaces."""
    leads = [spec for spec in specs if LineRole(spec.role) is LineRole.LEAD]
    open_leads = [
        line
        for line in _all_lines(session, doc.id)
        if line.parent_line_id is None and line.role == LineRole.LEAD.value and line.state in OPEN_STATES
    ]
    if not leads:
        if not open_leads:
            raise ValidationError(
                "Bút phê cần ít nhất một đơn vị hoặc người chủ trì.",
                "A direction needs at least one lead unit or person.",
                field="lines",
            )
        if replace_lead:
            raise ValidationError(
                "Chọn đơn vị hoặc người chủ trì mới để thay.",
                "Choose the new lead unit or person to replace the current one.",
                field="lines",
            )
        return []
    if len(leads) > 1:
        raise ValidationError(
            "Mỗi văn bản chỉ có một đơn vị/người chủ trì; hãy chọn phối hợp cho những người còn lại.",
            "A document has one lead unit or person; name the others as coordinating.",
            field="lines",
        )
    if open_leads and not replace_lead:
        names = ", ".join(_holder_name(session, line) for line in open_leads)
        raise ValidationError(
            f"Văn bản đã có chủ trì: {names}. Mỗi văn bản chỉ có một chủ trì; "
            "chọn “Thay người chủ trì” nếu muốn giao cho người khác, hoặc ghi là phối hợp.",
            f"The document already has a lead: {names}. A document has one lead; "
            "choose “Replace the lead” to give it to someone else, or name them as coordinating.",
            field="lines",
        )
    return open_leads


def _holder_name(session: Session, line: DirectionLine) -> str:
    if line.user_id is not None:
        user = session.get(User, line.user_id)
        return user.full_name if user is not None else ""
    unit = session.get(Unit, line.unit_id)
    return unit.name if unit is not None else ""


def _replace_lead(session: Session, actor_id: str, line: DirectionLine) -> None:
    """The lead line goes back (returned, with the reason); what it forwarded closes with it."""
    below = _descendants(_all_lines(session, line.document_id), line.id)
    for child in below:
        if child.state in OPEN_STATES:
            _set_line_state(
                session, actor_id, child, LineState.RETURNED, "direction_line.replace", return_reason=REPLACED_REASON
            )
    _set_line_state(
        session, actor_id, line, LineState.RETURNED, "direction_line.replace", return_reason=REPLACED_REASON
    )



# --------------------------------------------------------------------------- operations


def direct(
    session: Session,
    actor_id: str,
    document_id: str,
    text: str,
    lines: list[LineSpec],
    *,
    today: date | None = None,
    direction_id: str | None = None,
    on_behalf_of: str | None = None,
    replace_lead: bool = False,
) -> DocumentDirection:
    """A leader's bút phê: free text plus recipient lines; one lead for the document.

    The document's own due date, when it has none, becomes the latest lead deadline.
    ``direction_id`` (and each ``LineSpec.line_id``) are ids chosen by the caller.
    ``on_behalf_of`` is the absent leader a deputy directs for: the deputy must act for
    them on ``today`` (``delegations``); the audit names both.
    ``replace_lead``: the new lead takes the place of the open one (see the module).
    """
    actor = load_actor(session, actor_id)
    require_role(actor, Role.LEADER)
    if on_behalf_of is not None:
        delegations.require_acting(session, actor, on_behalf_of, today or date.today())
    doc = _document(session, document_id)
    _require_same_organisation(actor, doc)
    if doc.direction != Direction.INCOMING.value:
        raise StateError("Chỉ bút phê văn bản đến.", "Only incoming documents are directed.")
    if doc.state not in (DocState.REGISTERED.value, DocState.DIRECTED.value):
        raise StateError(
            "Văn bản đã hoàn thành hoặc đã trả lại, không bút phê được nữa.",
            "The document is done or returned; it cannot be directed.",
        )
    today = today or date.today()
    replaced = _check_one_lead(session, doc, lines, replace_lead)
    direction = DocumentDirection(
        id=direction_id or new_id(), document_id=doc.id, leader_id=actor.id, text=text.strip()
    )
    new_lines = _new_lines(session, doc, direction.id, lines, today)
    changes: dict[str, object] = {}
    lead_deadlines = [line.deadline for line in new_lines if line.role == LineRole.LEAD.value and line.deadline]
    if doc.due_date is None and lead_deadlines:
        changes["due_date"] = max(lead_deadlines)
    before = snapshot(doc) if doc.state != DocState.DIRECTED.value or changes else None
    # The document's new state goes with the direction's flush, so that its row is written
    # once, with its new version; the lines follow (they need the direction's row).
    session.add(direction)
    if before is not None:
        doc.state = DocState.DIRECTED.value
        for name, value in changes.items():
            setattr(doc, name, value)
    session.flush()
    for line in replaced:
        _replace_lead(session, actor.id, line)
    session.add_all(new_lines)
    session.flush()
    record(
        session, actor_id=actor.id, action="document.direct", target_type="document", target_id=doc.id,
        after={
            "direction_id": direction.id,
            "text": direction.text,
            "lines": [_line_snapshot(line) for line in new_lines],
            **({"on_behalf_of": on_behalf_of} if on_behalf_of and on_behalf_of != actor.id else {}),
        },
    )
    if before is not None:
        record(
            session, actor_id=actor.id, action="document.state", target_type="document",
            target_id=doc.id, before=before, after=snapshot(doc),
        )
    return direction


def start_line(session: Session, actor_id: str, line_id: str) -> DirectionLine:
    """The holder starts handling the line (waiting → in progress)."""
    actor = load_actor(session, actor_id)
    line, doc = _line_and_document(session, line_id)
    _require_may_act(actor, line, doc)
    if line.state != LineState.WAITING.value:
        raise StateError(
            f"Chỉ bắt đầu được dòng đang chờ xử lý; dòng này {_state_label(line.state)}.",
            f"Only a waiting line can be started; this one is {line.state}.",
        )
    _set_line_state(session, actor.id, line, LineState.IN_PROGRESS, "direction_line.start")
    return line


def _complete(
    session: Session,
    actor_id: str,
    line: DirectionLine,
    doc: Document,
    result_note: str,
    reply_document_id: str | None,
) -> DirectionLine:
    """Complete ``line`` and settle what depends on it; no permission check (callers do it)."""
    _require_actionable(line, "hoàn thành", "complete")
    _set_line_state(
        session, actor_id, line, LineState.DONE, "direction_line.complete",
        result_note=result_note.strip(), reply_document_id=reply_document_id,
    )
    _settle(session, actor_id, doc, line)
    return line


def complete_by_reply(
    session: Session, actor_id: str, line: DirectionLine, reply_document_id: str, note: str
) -> DirectionLine:
    """Complete ``line`` because its reply was issued; the issuing clerk is the actor.

    No holder check: issuing the reply is the proof of the work. Used by ``outgoing.issue``.
    A line someone closed meanwhile is left as it is.
    """
    doc = _document(session, line.document_id)
    session.refresh(line)
    if line.state not in ACTIONABLE_STATES:
        return line
    return _complete(session, actor_id, line, doc, note, reply_document_id)


def complete_line(
    session: Session,
    actor_id: str,
    line_id: str,
    result_note: str = "",
    reply_document_id: str | None = None,
) -> DirectionLine:
    """The holder reports the line done; the last lead line done completes the document."""
    actor = load_actor(session, actor_id)
    line, doc = _line_and_document(session, line_id)
    _require_may_act(actor, line, doc)
    if reply_document_id is not None:
        reply = session.get(Document, reply_document_id)
        if reply is None or reply.deleted or reply.organisation_id != doc.organisation_id:
            raise ValidationError(
                "Không tìm thấy văn bản trả lời.", "Reply document not found.", field="reply_document_id"
            )
    return _complete(session, actor.id, line, doc, result_note, reply_document_id)


def return_line(session: Session, actor_id: str, line_id: str, reason: str) -> DirectionLine:
    """The holder hands the line back (trả lại) with a reason."""
    actor = load_actor(session, actor_id)
    line, doc = _line_and_document(session, line_id)
    _require_may_act(actor, line, doc)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            "Cần ghi lý do trả lại.", "A reason is required to return the line.", field="reason"
        )
    _require_actionable(line, "trả lại", "return")
    _set_line_state(
        session, actor.id, line, LineState.RETURNED, "direction_line.return", return_reason=reason
    )
    _settle(session, actor.id, doc, line)
    return line


def forward_line(
    session: Session,
    actor_id: str,
    line_id: str,
    lines: list[LineSpec],
    *,
    today: date | None = None,
) -> list[DirectionLine]:
    """Pass a line down the org tree: to units below the line's unit or people inside it.

    For a person's line the tree starts at that person's unit. Forwarding a lead line
    needs at least one lead child. A child without a deadline inherits the line's own.
    """
    actor = load_actor(session, actor_id)
    line, doc = _line_and_document(session, line_id)
    _require_may_act(actor, line, doc)
    _require_actionable(line, "chuyển xử lý", "forward")
    if not lines:
        raise ValidationError(
            "Cần chọn đơn vị hoặc người nhận.", "Choose at least one unit or person.", field="lines"
        )
    if line.role == LineRole.LEAD.value and not any(LineRole(s.role) is LineRole.LEAD for s in lines):
        raise ValidationError(
            "Chuyển việc chủ trì cần ít nhất một đơn vị hoặc người chủ trì.",
            "Forwarding a lead line needs at least one lead recipient.",
            field="lines",
        )
    scope = forward_scope(session, line.unit_id, line.user_id)
    if scope is None:
        raise ValidationError(
            "Người nhận không thuộc đơn vị nào, không chuyển xử lý được.",
            "The holder belongs to no unit; nothing is below them.",
        )
    for spec in lines:
        if spec.unit_id is not None and not scope.takes_unit(spec.unit_id):
            raise ValidationError(
                "Chỉ chuyển xử lý cho các đơn vị trực thuộc.",
                "A line can only be forwarded to units below its unit.",
                field="unit_id",
            )
        if spec.user_id is not None and not scope.takes_person(session.get(User, spec.user_id)):
            raise ValidationError(
                "Chỉ chuyển xử lý cho người trong đơn vị mình hoặc đơn vị trực thuộc.",
                "A line can only be forwarded to people of its unit or the units below.",
                field="user_id",
            )
    children = _new_lines(session, doc, line.direction_id, lines, today or date.today(), parent_line_id=line.id)
    for child in children:
        if child.deadline is None:
            child.deadline = line.deadline
    session.add_all(children)
    session.flush()
    for child in children:
        record(
            session, actor_id=actor.id, action="direction_line.create", target_type="direction_line",
            target_id=child.id, after=_line_snapshot(child),
        )
    _set_line_state(session, actor.id, line, LineState.FORWARDED, "direction_line.forward")
    return children


def return_document(session: Session, actor_id: str, document_id: str, reason: str) -> Document:
    """A clerk or leader returns a registered incoming document to its sender (trả lại)."""
    actor = load_actor(session, actor_id)
    require_role(actor, Role.CLERK, Role.LEADER)
    doc = _document(session, document_id)
    _require_same_organisation(actor, doc)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            "Cần ghi lý do trả lại văn bản.", "A reason is required to return the document.", field="reason"
        )
    if doc.direction != Direction.INCOMING.value or doc.state != DocState.REGISTERED.value:
        raise StateError(
            "Chỉ trả lại được văn bản đến đã vào sổ và chưa bút phê (hoặc mọi dòng chủ trì đã trả lại).",
            "Only a registered incoming document without an active direction can be returned.",
        )
    _set_document_state(session, actor.id, doc, DocState.RETURNED, "document.return", return_reason=reason)
    return doc


def lines_of(session: Session, document_id: str) -> list[DirectionLine]:
    """A document's lines, oldest direction first, parents before their children."""
    directions = {d.id: n for n, d in enumerate(directions_of(session, document_id))}
    lines = list(
        session.scalars(
            select(DirectionLine).where(
                DirectionLine.document_id == document_id, DirectionLine.deleted.is_(False)
            )
        )
    )
    by_parent: dict[str | None, list[DirectionLine]] = {}
    role_order = {LineRole.LEAD.value: 0, LineRole.COORDINATE.value: 1, LineRole.INFORM.value: 2}
    for line in lines:
        by_parent.setdefault(line.parent_line_id, []).append(line)
    for group in by_parent.values():
        group.sort(key=lambda ln: (directions.get(ln.direction_id, 0), role_order.get(ln.role, 9), ln.id))
    out: list[DirectionLine] = []

    def walk(parent: str | None) -> None:
        for line in by_parent.get(parent, []):
            out.append(line)
            walk(line.id)

    walk(None)
    return out


def directions_of(session: Session, document_id: str) -> list[DocumentDirection]:
    """A document's directions, oldest first."""
    return list(
        session.scalars(
            select(DocumentDirection)
            .where(DocumentDirection.document_id == document_id, DocumentDirection.deleted.is_(False))
            .order_by(DocumentDirection.created_at, DocumentDirection.id)
        )
    )
