"""Every user action of the documents domain as a value that can travel and be replayed.

Each kind is registered with ``eoffice.ops.registry``: how it is applied (on a client
offline the document shows "chờ cấp số": no register number is taken), how the server
checks that the pusher may name what it names (``documents.permissions``), what the
server proves of a signed file (``sign_file``), and what a client undoes when the server
rejects it. Files are ``FileRef`` (the blobs travel separately); a document's input
fields travel as a JSON object the codec hands to ``read_fields``, which checks each
value against the column it lands in.
"""

from __future__ import annotations

import dataclasses
import hashlib
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Annotated, Any, ClassVar

from sqlalchemy import bindparam, delete, literal, select, union_all
from sqlalchemy.orm import Session

from eoffice.directory.models import User
from eoffice.documents import delegations, delivery, directions, extensions, incoming, outgoing
from eoffice.documents.delegations import Delegation
from eoffice.documents.directions import LineSpec
from eoffice.documents.extensions import DeadlineExtension
from eoffice.documents.fields import LABELS_VI, DocumentFields
from eoffice.documents.incoming import PreparedFile
from eoffice.documents.models import (
    DirectionLine,
    Document,
    DocumentDirection,
    DocumentFile,
    DocumentSearch,
)
from eoffice.documents.permissions import check_names
from eoffice.documents.types import LineRole
from eoffice.errors import NotFound, ValidationError
from eoffice.ops.codec import Custom
from eoffice.ops.limits import Fits, column_of, shown
from eoffice.ops.operation import AppliedResult, Operation
from eoffice.ops.registry import Evidence, register
from eoffice.ops.values import (
    FileRef,
    Id,
    ISODate,
    bad,
    check_date,
    check_int,
    check_text,
)
from eoffice.store.base import new_id
from eoffice.store.blobs import BlobStore
from eoffice.store.engine import defer_references

#: The longest time limit in working days a direction may give (ten years): more is a typo,
#: and counting it day by day would hold the server's write lock.
MAX_DEADLINE_DAYS = 2_600

FIELD_NAMES = tuple(f.name for f in dataclasses.fields(DocumentFields) if f.name != "extra")
#: The columns a document's input fields land in, by name: their types, nullability and
#: lengths are what the codec checks the ``fields`` of an operation against.
FIELD_COLUMNS = {name: column_of(getattr(Document, name)) for name in FIELD_NAMES}
_FIELD_LIMITS = {name: Fits(column) for name, column in FIELD_COLUMNS.items()}
_DATE_FIELDS = {name for name, column in FIELD_COLUMNS.items() if column.type.python_type is date}


# --------------------------------------------------------------------------- value parts


def read_fields(data: Any, name: str) -> dict[str, Any]:
    """A document's input fields as JSON: known names, each of its column's type (ISO
    dates, integers in range, strings within length), None only where the column allows."""
    if not isinstance(data, dict):
        raise bad(f"“{name}” phải là một đối tượng.", f"{name} must be an object.", name)
    extra = ", ".join(sorted(shown(str(k)) for k in data if k not in FIELD_COLUMNS))[:200]
    if extra:
        raise bad(f"trường văn bản lạ “{extra}”.", f"unknown document fields {extra}.", name)
    for required in ("type_name", "subject"):
        if required not in data:
            raise bad(f"thiếu trường “{required}”.", f"missing field {required}.", required)
    out: dict[str, Any] = {}
    for key, value in data.items():
        column = FIELD_COLUMNS[key]
        if value is None and column.nullable:
            out[key] = None
        elif key in _DATE_FIELDS:
            out[key] = check_date(value, key)
        elif column.type.python_type is int:
            out[key] = check_int(value, key, _FIELD_LIMITS[key], LABELS_VI.get(key))
        else:
            out[key] = check_text(value, key, _FIELD_LIMITS[key], LABELS_VI.get(key))
    return out


#: A document's input fields (``DocumentFields`` without extras, dates as ISO strings).
Fields = Annotated[dict[str, Any], Custom(read_fields)]


@dataclass(frozen=True)
class LineRef:
    """One recipient line of a direction or forward, with the id its maker chose."""

    line_id: Id
    role: Annotated[str, Fits(DirectionLine.role)]
    unit_id: Id | None = None
    user_id: Id | None = None
    deadline: ISODate | None = None
    deadline_days: Annotated[int | None, Fits(ge=0, le=MAX_DEADLINE_DAYS)] = None

    @classmethod
    def of(cls, spec: LineSpec) -> LineRef:
        """A line the UI's pickers made, with a fresh id unless it has one."""
        return cls(
            line_id=Id(spec.line_id or str(uuid.uuid4())),
            role=LineRole(spec.role).value,
            unit_id=Id(spec.unit_id) if spec.unit_id else None,
            user_id=Id(spec.user_id) if spec.user_id else None,
            deadline=ISODate(spec.deadline.isoformat()) if spec.deadline else None,
            deadline_days=spec.deadline_days,
        )

    def spec(self) -> LineSpec:
        if self.role not in {r.value for r in LineRole}:
            raise bad("vai trò xử lý không hợp lệ.", "invalid line role.", "role")
        return LineSpec(
            role=LineRole(self.role),
            unit_id=self.unit_id,
            user_id=self.user_id,
            deadline=date.fromisoformat(self.deadline) if self.deadline else None,
            deadline_days=self.deadline_days,
            line_id=self.line_id,
        )


def prepared(ref: FileRef) -> PreparedFile:
    """The file a reference names, as the documents' functions take it."""
    return PreparedFile(ref.digest, ref.filename, ref.size, ref.page_count, ref.text)


# --------------------------------------------------------------------------- the kinds


@dataclass(frozen=True)
class RegisterIncoming(Operation):
    kind: ClassVar[str] = "register_incoming"
    document_id: Id
    fields: Fields
    files: tuple[FileRef, ...]
    arrival_date: ISODate
    allow_duplicate: bool = False
    requested_number: Annotated[int | None, Fits(Document.register_number, ge=1)] = None


@dataclass(frozen=True)
class Direct(Operation):
    kind: ClassVar[str] = "direct"
    document_id: Id
    direction_id: Id
    text: Annotated[str, Fits(DocumentDirection.text)]
    lines: tuple[LineRef, ...]
    #: The day the leader directed (deadlines in working days count from it), so that a
    #: direction made offline and pushed days later keeps the deadlines the leader saw.
    on_date: ISODate | None = None
    #: The absent leader a deputy directs for (``delegations``), checked by ``on_date``.
    on_behalf_of: Id | None = None
    #: The new lead takes the place of the open one (thay người chủ trì).
    replace_lead: bool = False


@dataclass(frozen=True)
class StartLine(Operation):
    kind: ClassVar[str] = "start_line"
    line_id: Id


@dataclass(frozen=True)
class CompleteLine(Operation):
    kind: ClassVar[str] = "complete_line"
    line_id: Id
    result_note: Annotated[str, Fits(DirectionLine.result_note)] = ""
    reply_document_id: Id | None = None


@dataclass(frozen=True)
class ReturnLine(Operation):
    kind: ClassVar[str] = "return_line"
    line_id: Id
    reason: Annotated[str, Fits(DirectionLine.return_reason)]


@dataclass(frozen=True)
class ForwardLine(Operation):
    kind: ClassVar[str] = "forward_line"
    line_id: Id
    lines: tuple[LineRef, ...]
    #: The day of the forward, as for ``Direct.on_date``.
    on_date: ISODate | None = None


@dataclass(frozen=True)
class ReturnDocument(Operation):
    kind: ClassVar[str] = "return_document"
    document_id: Id
    reason: Annotated[str, Fits(Document.return_reason)]


@dataclass(frozen=True)
class CreateDraft(Operation):
    kind: ClassVar[str] = "create_draft"
    document_id: Id
    fields: Fields
    files: tuple[FileRef, ...] = ()
    reply_to_id: Id | None = None
    #: Who signs the draft before the leader (người ký trước: a meeting's secretary), and
    #: the title over their block that their signature is placed by ("THƯ KÝ"; empty:
    #: their position). The leader's block is found by ``signer_position`` and
    #: ``signer_full_name`` (or the leader's own), as for any draft.
    cosigner_id: Id | None = None
    cosigner_position: Annotated[str, Fits(Document.cosigner_position)] = ""


@dataclass(frozen=True)
class SetCosigner(Operation):
    """The drafter names (None: removes) who signs the draft before the leader."""

    kind: ClassVar[str] = "set_cosigner"
    document_id: Id
    cosigner_id: Id | None = None
    cosigner_position: Annotated[str, Fits(Document.cosigner_position)] = ""


@dataclass(frozen=True)
class UpdateDraft(Operation):
    kind: ClassVar[str] = "update_draft"
    document_id: Id
    fields: Fields
    #: None keeps the draft's files.
    files: tuple[FileRef, ...] | None = None


@dataclass(frozen=True)
class SubmitDraft(Operation):
    kind: ClassVar[str] = "submit_draft"
    document_id: Id
    approver_id: Id


@dataclass(frozen=True)
class PassReview(Operation):
    """The head of unit passes a draft awaiting their review on to the leader who signs
    (the drafter's choice, or ``approver_id``), with a comment."""

    kind: ClassVar[str] = "pass_review"
    document_id: Id
    comment: Annotated[str, Fits(Document.review_comment)] = ""
    approver_id: Id | None = None


@dataclass(frozen=True)
class ReturnReview(Operation):
    """The head of unit returns a draft awaiting their review to its drafter."""

    kind: ClassVar[str] = "return_review"
    document_id: Id
    comment: Annotated[str, Fits(Document.review_comment)]


@dataclass(frozen=True)
class ApproveDraft(Operation):
    kind: ClassVar[str] = "approve_draft"
    document_id: Id
    comment: Annotated[str, Fits(Document.review_comment)] = ""
    #: The day of the approval: a deputy's right to act for the leader is checked by it.
    on_date: ISODate | None = None


@dataclass(frozen=True)
class ReturnDraft(Operation):
    kind: ClassVar[str] = "return_draft"
    document_id: Id
    comment: Annotated[str, Fits(Document.review_comment)]
    #: As ``ApproveDraft.on_date``.
    on_date: ISODate | None = None


@dataclass(frozen=True)
class Issue(Operation):
    kind: ClassVar[str] = "issue"
    document_id: Id
    issued_date: ISODate
    requested_number: Annotated[int | None, Fits(Document.register_number, ge=1)] = None


@dataclass(frozen=True)
class Deliver(Operation):
    kind: ClassVar[str] = "deliver"
    document_id: Id
    recipient_organisation_ids: tuple[Id, ...]
    #: The incoming copies' ids, one per recipient, in the same order.
    copy_ids: tuple[Id, ...]
    arrival_date: ISODate | None = None


@dataclass(frozen=True)
class SignFile(Operation):
    """A signed version of one of a document's files (``documents.signing``).

    ``signature`` is ``signer`` (the approver signs the submitted draft's main file, which
    approves it), ``cosigner`` (the draft's co-signer signs its main file first),
    ``agency`` (the clerk's seal over the signer's, once the number is known) or
    ``attachment`` (the clerk's text stamp on an attachment file). ``previous_digest``
    names the version that was signed: a file changed meanwhile is refused, never
    overwritten.
    """

    kind: ClassVar[str] = "sign_file"
    document_id: Id
    file_id: Id
    previous_digest: Annotated[str, Fits(DocumentFile.digest)]
    file: FileRef
    #: One of the kinds ``DocumentFile.signed_kinds`` lists.
    signature: Annotated[str, Fits(DocumentFile.signed_kinds)]
    comment: Annotated[str, Fits(Document.review_comment)] = ""
    #: As ``ApproveDraft.on_date`` (a deputy signing in the leader's stead, ký thay).
    on_date: ISODate | None = None


@dataclass(frozen=True)
class Delegate(Operation):
    """A leader names a deputy for some days (ủy quyền, ``documents.delegations``)."""

    kind: ClassVar[str] = "delegate"
    delegation_id: Id
    deputy_id: Id
    starts_on: ISODate
    ends_on: ISODate
    reason: Annotated[str, Fits(Delegation.reason)] = ""


@dataclass(frozen=True)
class RevokeDelegation(Operation):
    kind: ClassVar[str] = "revoke_delegation"
    delegation_id: Id


@dataclass(frozen=True)
class RequestExtension(Operation):
    """The holder of a line asks for a later deadline (xin gia hạn), ``documents.extensions``."""

    kind: ClassVar[str] = "request_extension"
    extension_id: Id
    line_id: Id
    requested_deadline: ISODate
    reason: Annotated[str, Fits(DeadlineExtension.reason)]
    #: The day it was asked (the new date may not be before it), as for ``Direct.on_date``.
    on_date: ISODate | None = None


@dataclass(frozen=True)
class DecideExtension(Operation):
    """The directing leader approves (with ``deadline``, or the asked date) or refuses."""

    kind: ClassVar[str] = "decide_extension"
    extension_id: Id
    #: The extension's line (what a pull keeps as this user changed it until the server has applied it).
    line_id: Id
    approve: bool
    deadline: ISODate | None = None
    note: Annotated[str, Fits(DeadlineExtension.decision_note)] = ""
    on_date: ISODate | None = None


# --------------------------------------------------------------------------- applying


def fields_json(fields: DocumentFields) -> dict[str, Any]:
    """A document's input fields as an operation carries them (ISO dates, no extras)."""
    out: dict[str, Any] = {}
    for name in FIELD_NAMES:
        value = getattr(fields, name)
        out[name] = value.isoformat() if isinstance(value, date) else value
    return out


#: How long an operation may have waited offline for the day it names to be believed.
MAX_OFFLINE_DAYS = 90


def acted_on(value: str | None, *, authority: bool, today: date | None = None) -> date | None:
    """The day a user acted, as the operation says; the server checks it is plausible.

    A client's clock decides deadlines counted from "today" only within bounds: not after
    the server's tomorrow (time zones), not more than ``MAX_OFFLINE_DAYS`` before today.
    """
    if value is None:
        return None
    day = date.fromisoformat(value)
    if authority:
        now = today or date.today()
        if day > now + timedelta(days=1) or day < now - timedelta(days=MAX_OFFLINE_DAYS):
            raise ValidationError(
                f"Ngày thực hiện {day:%d/%m/%Y} của thao tác không hợp lệ (hôm nay là {now:%d/%m/%Y}); "
                "hãy kiểm tra đồng hồ của máy tính.",
                f"The operation's date {day:%d/%m/%Y} is not plausible (today is {now:%d/%m/%Y}); "
                "check the computer's clock.",
                field="on_date",
            )
    return day


def _fields(data: dict[str, Any]) -> DocumentFields:
    values = dict(data)
    for key in _DATE_FIELDS:
        if values.get(key):
            values[key] = date.fromisoformat(values[key])
    return DocumentFields(**values)


def _require_new(session: Session, model: type[Any], ids: list[str], what_vi: str) -> None:
    """Ids a client chose must be new: a reused one would overwrite someone's row."""
    _require_all_new(session, (model, ids, what_vi))


def _require_all_new(session: Session, *groups: tuple[type[Any], list[str], str]) -> None:
    """``_require_new`` for several tables at once: one statement asks them all."""
    for _model, ids, what_vi in groups:
        if len(set(ids)) != len(ids):
            raise ValidationError(f"Mã {what_vi} bị lặp.", "An id is repeated.", field="id")
    asked = tuple((n, model) for n, (model, ids, _what) in enumerate(groups) if ids)
    if not asked:
        return
    params = {f"ids_{n}": groups[n][1] for n, _model in asked}
    used = session.execute(_used_ids_query(asked), params).first()
    if used is not None:
        what_vi = groups[used.group][2]
        raise ValidationError(
            f"Mã {what_vi} {used.id} đã được dùng.", f"The id {used.id} is already used.", field="id"
        )


@lru_cache(maxsize=64)
def _used_ids_query(asked: tuple[tuple[int, type[Any]], ...]) -> Any:
    """The first of some ids already in their tables, ``(group, id)``: built once per shape
    (every pushed operation asks), the ids bound when it runs."""
    parts = [
        select(literal(n).label("group"), model.id.label("id")).where(
            model.id.in_(bindparam(f"ids_{n}", expanding=True))
        )
        for n, model in asked
    ]
    return (parts[0] if len(parts) == 1 else union_all(*parts)).limit(1)


def _document_result(kind: str, doc: Document) -> AppliedResult:
    return AppliedResult(
        kind,
        {
            "document_id": doc.id,
            "register_id": doc.register_id,
            "year": doc.year,
            "register_number": doc.register_number,
            "arrival_number": doc.arrival_number,
            "code_number": doc.code_number,
            "number_label": doc.number_label,
            "number_pending": doc.register_number is None,
            "state": doc.state,
        },
    )


def _register_incoming(session: Session, actor_id: str, op: RegisterIncoming, authority: bool) -> AppliedResult:
    _require_new(session, Document, [op.document_id], "văn bản")
    doc = incoming.register_incoming(
        session, actor_id, _fields(op.fields), [prepared(f) for f in op.files],
        arrival_date=date.fromisoformat(op.arrival_date),
        allow_duplicate=op.allow_duplicate,
        requested_number=op.requested_number if authority else None,
        document_id=op.document_id,
        assign_number=authority,
    )
    return _document_result(op.kind, doc)


def _direct(session: Session, actor_id: str, op: Direct, authority: bool) -> AppliedResult:
    _require_all_new(
        session, (DocumentDirection, [op.direction_id], "bút phê"),
        (DirectionLine, [ln.line_id for ln in op.lines], "việc được giao"),
    )
    direction = directions.direct(
        session, actor_id, op.document_id, op.text, [ln.spec() for ln in op.lines],
        direction_id=op.direction_id, today=acted_on(op.on_date, authority=authority),
        on_behalf_of=op.on_behalf_of, replace_lead=op.replace_lead,
    )
    return AppliedResult(op.kind, {"direction_id": direction.id, "line_ids": [ln.line_id for ln in op.lines]})


def _start_line(session: Session, actor_id: str, op: StartLine, authority: bool) -> AppliedResult:
    line = directions.start_line(session, actor_id, op.line_id)
    return AppliedResult(op.kind, {"line_id": line.id, "state": line.state})


def _complete_line(session: Session, actor_id: str, op: CompleteLine, authority: bool) -> AppliedResult:
    line = directions.complete_line(session, actor_id, op.line_id, op.result_note, op.reply_document_id)
    return AppliedResult(op.kind, {"line_id": line.id, "state": line.state})


def _return_line(session: Session, actor_id: str, op: ReturnLine, authority: bool) -> AppliedResult:
    line = directions.return_line(session, actor_id, op.line_id, op.reason)
    return AppliedResult(op.kind, {"line_id": line.id, "state": line.state})


def _forward_line(session: Session, actor_id: str, op: ForwardLine, authority: bool) -> AppliedResult:
    _require_new(session, DirectionLine, [ln.line_id for ln in op.lines], "việc được giao")
    children = directions.forward_line(
        session, actor_id, op.line_id, [ln.spec() for ln in op.lines],
        today=acted_on(op.on_date, authority=authority),
    )
    return AppliedResult(op.kind, {"line_id": op.line_id, "line_ids": [c.id for c in children]})


def _return_document(session: Session, actor_id: str, op: ReturnDocument, authority: bool) -> AppliedResult:
    return _document_result(op.kind, directions.return_document(session, actor_id, op.document_id, op.reason))


def _request_extension(session: Session, actor_id: str, op: RequestExtension, authority: bool) -> AppliedResult:
    _require_new(session, DeadlineExtension, [op.extension_id], "yêu cầu gia hạn")
    extension = extensions.request_extension(
        session, actor_id, op.line_id, date.fromisoformat(op.requested_deadline), op.reason,
        extension_id=op.extension_id, today=acted_on(op.on_date, authority=authority),
    )
    return AppliedResult(
        op.kind, {"extension_id": extension.id, "line_id": op.line_id, "document_id": extension.document_id}
    )


def _decide_extension(session: Session, actor_id: str, op: DecideExtension, authority: bool) -> AppliedResult:
    asked = session.get(DeadlineExtension, op.extension_id)
    if asked is not None and asked.line_id != op.line_id:
        raise ValidationError(
            "Yêu cầu gia hạn không thuộc việc được giao đã nêu.", "The extension is not of that line.", field="line_id"
        )
    extension = extensions.decide_extension(
        session, actor_id, op.extension_id, op.approve,
        deadline=date.fromisoformat(op.deadline) if op.deadline else None, note=op.note,
        today=acted_on(op.on_date, authority=authority),
    )
    return AppliedResult(
        op.kind,
        {
            "extension_id": extension.id, "line_id": extension.line_id, "document_id": extension.document_id,
            "state": extension.state,
        },
    )


def _create_draft(session: Session, actor_id: str, op: CreateDraft, authority: bool) -> AppliedResult:
    _require_new(session, Document, [op.document_id], "văn bản")
    doc = outgoing.create_draft(
        session, actor_id, _fields(op.fields), [prepared(f) for f in op.files],
        reply_to_id=op.reply_to_id, document_id=op.document_id,
        cosigner_id=op.cosigner_id, cosigner_position=op.cosigner_position,
    )
    return _document_result(op.kind, doc)


def _set_cosigner(session: Session, actor_id: str, op: SetCosigner, authority: bool) -> AppliedResult:
    doc = outgoing.set_cosigner(session, actor_id, op.document_id, op.cosigner_id, op.cosigner_position)
    return _document_result(op.kind, doc)


def _update_draft(session: Session, actor_id: str, op: UpdateDraft, authority: bool) -> AppliedResult:
    files = None if op.files is None else [prepared(f) for f in op.files]
    updated = outgoing.update_draft(session, actor_id, op.document_id, _fields(op.fields), files)
    return _document_result(op.kind, updated)


def _submit_draft(session: Session, actor_id: str, op: SubmitDraft, authority: bool) -> AppliedResult:
    return _document_result(op.kind, outgoing.submit_draft(session, actor_id, op.document_id, op.approver_id))


def _pass_review(session: Session, actor_id: str, op: PassReview, authority: bool) -> AppliedResult:
    doc = outgoing.pass_review(session, actor_id, op.document_id, op.comment, op.approver_id)
    return _document_result(op.kind, doc)


def _return_review(session: Session, actor_id: str, op: ReturnReview, authority: bool) -> AppliedResult:
    return _document_result(op.kind, outgoing.return_review(session, actor_id, op.document_id, op.comment))


def _approve_draft(session: Session, actor_id: str, op: ApproveDraft, authority: bool) -> AppliedResult:
    day = acted_on(op.on_date, authority=authority)
    return _document_result(op.kind, outgoing.approve_draft(session, actor_id, op.document_id, op.comment, on_date=day))


def _return_draft(session: Session, actor_id: str, op: ReturnDraft, authority: bool) -> AppliedResult:
    day = acted_on(op.on_date, authority=authority)
    return _document_result(op.kind, outgoing.return_draft(session, actor_id, op.document_id, op.comment, on_date=day))


def _issue(session: Session, actor_id: str, op: Issue, authority: bool) -> AppliedResult:
    doc = outgoing.issue(
        session, actor_id, op.document_id, date.fromisoformat(op.issued_date),
        requested_number=op.requested_number if authority else None,
        assign_number=authority,
    )
    return _document_result(op.kind, doc)


def _deliver(session: Session, actor_id: str, op: Deliver, authority: bool) -> AppliedResult:
    if not authority:
        # The copies belong to other organisations: only the server makes them.
        original = session.get(Document, op.document_id)
        if original is None or original.deleted:
            raise NotFound("Không tìm thấy văn bản đi.", "Outgoing document not found.")
        return AppliedResult(op.kind, {"document_id": op.document_id, "copy_ids": [], "pending": True})
    _require_new(session, Document, list(op.copy_ids), "văn bản")
    copies = delivery.deliver(
        session, actor_id, op.document_id, list(op.recipient_organisation_ids),
        arrival_date=date.fromisoformat(op.arrival_date) if op.arrival_date else None,
        copy_ids=list(op.copy_ids),
    )
    return AppliedResult(
        op.kind,
        {
            "document_id": op.document_id,
            "copy_ids": [c.id for c in copies],
            "arrival_numbers": [c.arrival_number for c in copies],
        },
    )


def _sign_file(session: Session, actor_id: str, op: SignFile, authority: bool) -> AppliedResult:
    from eoffice.documents import signing
    from eoffice.sync.evidence import finding

    doc = signing.sign_file(
        session, actor_id, op.document_id, op.file_id, op.previous_digest, prepared(op.file), op.signature,
        comment=op.comment, evidence=finding(session, op.op_id) if authority else None, authority=authority,
        on_date=acted_on(op.on_date, authority=authority),
    )
    return _document_result(op.kind, doc)


def _delegation_result(kind: str, delegation: Delegation) -> AppliedResult:
    return AppliedResult(kind, {"delegation_id": delegation.id, "revoked": delegation.revoked})


def _delegate(session: Session, actor_id: str, op: Delegate, authority: bool) -> AppliedResult:
    _require_new(session, Delegation, [op.delegation_id], "ủy quyền")
    delegation = delegations.delegate(
        session, actor_id, op.deputy_id, date.fromisoformat(op.starts_on), date.fromisoformat(op.ends_on),
        op.reason, delegation_id=op.delegation_id,
    )
    if authority:
        delegations.resend_submitted(session, delegation.leader_id)
    return _delegation_result(op.kind, delegation)


def _revoke_delegation(session: Session, actor_id: str, op: RevokeDelegation, authority: bool) -> AppliedResult:
    delegation = delegations.revoke_delegation(session, actor_id, op.delegation_id)
    if authority:
        delegations.resend_submitted(session, delegation.leader_id)
    return _delegation_result(op.kind, delegation)


def _discard_delegation(session: Session, op: Operation) -> None:
    """A refused delegation the server never had leaves the desk."""
    if isinstance(op, Delegate):
        session.execute(
            delete(Delegation).where(Delegation.id == op.delegation_id, Delegation.server_version.is_(None))
        )
        session.expire_all()


def _no_documents(session: Session, op: Operation) -> list[str]:
    return []


def _prove_signed(session: Session, blobs: BlobStore, op: SignFile, memo: dict[str, Any]) -> Any:
    """The server's verification of a signed version (``documents.signing``): its
    signatures valid, over the previous version, by trusted roots (read once a batch)."""
    from eoffice.documents.signing import check_signed_version
    from eoffice.signing.trust import trusted_roots

    if "trusted_roots" not in memo:
        memo["trusted_roots"] = trusted_roots(session)
    issued = None
    if op.signature == "agency":  # the number and date filled in before the seal must be the server's
        doc = session.get(Document, op.document_id)
        if doc is not None and doc.register_number is not None and doc.issued_date is not None:
            issued = (doc.number_label, doc.issued_date)
    return check_signed_version(
        blobs.path_for(op.previous_digest), op.previous_digest,
        blobs.path_for(op.file.digest), op.file.digest, memo["trusted_roots"], issued=issued,
    )


# --------------------------------------------------------------------------- the server's check


def _lines_people(lines: tuple[LineRef, ...]) -> tuple[list[str], list[str]]:
    """(unit ids, user ids) the lines assign."""
    return [ln.unit_id for ln in lines if ln.unit_id], [ln.user_id for ln in lines if ln.user_id]


def _check_document(session: Session, actor: User, op: Any) -> None:
    """An op that acts on one document: that document must be one the actor sees."""
    check_names(session, actor, documents=[op.document_id])


def _check_direct(session: Session, actor: User, op: Direct) -> None:
    units, users = _lines_people(op.lines)
    check_names(session, actor, documents=[op.document_id], units=units, users=users)


def _check_line(session: Session, actor: User, op: StartLine | ReturnLine) -> None:
    check_names(session, actor, lines=[op.line_id])


def _check_complete(session: Session, actor: User, op: CompleteLine) -> None:
    check_names(session, actor, documents=[op.reply_document_id] if op.reply_document_id else [], lines=[op.line_id])


def _check_forward(session: Session, actor: User, op: ForwardLine) -> None:
    units, users = _lines_people(op.lines)
    check_names(session, actor, lines=[op.line_id], units=units, users=users)


def _check_request_extension(session: Session, actor: User, op: RequestExtension) -> None:
    check_names(session, actor, lines=[op.line_id])


def _check_decide_extension(session: Session, actor: User, op: DecideExtension) -> None:
    extension = session.get(DeadlineExtension, op.extension_id)
    check_names(session, actor, lines=[op.line_id], documents=[extension.document_id] if extension else [])


def _check_dated(session: Session, actor: User, op: ApproveDraft | ReturnDraft | SignFile) -> None:
    """``_check_document`` on the operation's day: a deputy who approved (or signed) offline
    on the last day of the leader's absence saw that day the drafts submitted to the leader."""
    check_names(session, actor, documents=[op.document_id], today=acted_on(op.on_date, authority=True))


def _check_direct_for(session: Session, actor: User, op: Direct) -> None:
    _check_direct(session, actor, op)
    if op.on_behalf_of is not None:
        check_names(session, actor, users=[op.on_behalf_of])


def _check_delegate(session: Session, actor: User, op: Delegate) -> None:
    check_names(session, actor, users=[op.deputy_id])


def _check_revoke(session: Session, actor: User, op: RevokeDelegation) -> None:
    """Only a delegation of the actor's organisation may be named (the domain checks it is theirs)."""
    delegation = session.get(Delegation, op.delegation_id)
    if delegation is not None and delegation.organisation_id != actor.organisation_id:
        check_names(session, actor, users=[delegation.leader_id])


def _check_create(session: Session, actor: User, op: CreateDraft) -> None:
    check_names(
        session, actor, documents=[op.document_id, *([op.reply_to_id] if op.reply_to_id else [])],
        users=[op.cosigner_id] if op.cosigner_id else [],
    )


def _check_set_cosigner(session: Session, actor: User, op: SetCosigner) -> None:
    check_names(session, actor, documents=[op.document_id], users=[op.cosigner_id] if op.cosigner_id else [])


def _check_submit(session: Session, actor: User, op: SubmitDraft | PassReview) -> None:
    check_names(session, actor, documents=[op.document_id], users=[op.approver_id] if op.approver_id else [])


# --------------------------------------------------------------------------- a rejection, on the client


def _created_document(op: Operation) -> str | None:
    return op.document_id if isinstance(op, (RegisterIncoming, CreateDraft)) else None


def _new_lines(op: Operation) -> list[str]:
    return [ln.line_id for ln in op.lines] if isinstance(op, (Direct, ForwardLine)) else []


def refetch_targets(session: Session, op: Operation) -> list[str]:
    """The server documents whose local copy a rejected ``op`` changed (read only).

    Their server rows are fetched and applied together with ``discard_rejected``, so
    that the local copy returns to the server's truth in the same transaction that
    records the rejection. A document the op created and the server never had is not
    one: ``discard_rejected`` deletes it.
    """
    created = _created_document(op)
    if created is not None:
        doc = session.get(Document, created)
        if doc is not None and doc.server_version is None:
            return []
    document_ids: set[str] = set()
    line_id = getattr(op, "line_id", None)
    for one in [*_new_lines(op), *([line_id] if isinstance(line_id, str) else [])]:
        line = session.get(DirectionLine, one)
        if line is not None:
            document_ids.add(line.document_id)
    document_id = getattr(op, "document_id", None)
    if isinstance(document_id, str):
        document_ids.add(document_id)
    return sorted(
        doc_id for doc_id in document_ids
        if (doc := session.get(Document, doc_id)) is not None and doc.server_version is not None
    )


def discard_rejected(session: Session, op: Operation) -> None:
    """Undo on the client what a rejected ``op`` made that the server never had.

    Rows the op created and that carry no server version (they never came from the
    server) are deleted: a document with its files, search row, directions and lines; a
    direction or forwarded lines. What it changed in server rows comes back with them
    (``refetch_targets``).
    """
    defer_references(session)
    session.flush()
    created = _created_document(op)
    if created is not None:
        doc = session.get(Document, created)
        if doc is not None and doc.server_version is None:
            session.execute(delete(DeadlineExtension).where(DeadlineExtension.document_id == doc.id))
            session.execute(delete(DirectionLine).where(DirectionLine.document_id == doc.id))
            session.execute(delete(DocumentDirection).where(DocumentDirection.document_id == doc.id))
            session.execute(delete(DocumentSearch).where(DocumentSearch.document_id == doc.id))
            session.execute(delete(DocumentFile).where(DocumentFile.document_id == doc.id))
            session.execute(delete(Document).where(Document.id == doc.id))
            session.expire_all()
            return
    new_lines = [
        lid
        for lid in _new_lines(op)
        if (ln := session.get(DirectionLine, lid)) is not None and ln.server_version is None
    ]
    if new_lines:
        session.execute(delete(DirectionLine).where(DirectionLine.id.in_(new_lines)))
    if isinstance(op, RequestExtension):
        session.execute(
            delete(DeadlineExtension).where(
                DeadlineExtension.id == op.extension_id, DeadlineExtension.server_version.is_(None)
            )
        )
    if isinstance(op, Direct):
        direction = session.get(DocumentDirection, op.direction_id)
        if direction is not None and direction.server_version is None:
            session.execute(delete(DocumentDirection).where(DocumentDirection.id == direction.id))
    session.expire_all()


# --------------------------------------------------------------------------- registration


def _example_fields() -> dict[str, Any]:
    return {"type_name": "Công văn", "subject": "Về việc chuyển đổi số", "organ_name": "Sở Nội vụ",
            "issued_date": "2026-03-02", "page_amount": 2}


def _example_file() -> FileRef:
    return FileRef(hashlib.sha256(b"example").hexdigest(), "van-ban.pdf", 1234, 2, "Nội dung")


def _example_lines() -> tuple[LineRef, ...]:
    return (
        LineRef(Id(new_id()), "lead", unit_id=Id(new_id()), deadline=ISODate("2026-04-01")),
        LineRef(Id(new_id()), "inform", user_id=Id(new_id()), deadline_days=3),
    )


def _id() -> Id:
    return Id(new_id())


DOCUMENTS = Document.__tablename__
FILES = DocumentFile.__tablename__
SEARCH = DocumentSearch.__tablename__
DIRECTIONS = DocumentDirection.__tablename__
LINES = DirectionLine.__tablename__
COUNTERS = "register_counters"
EXTENSIONS = DeadlineExtension.__tablename__

_ON_REJECTION: dict[str, Any] = {"discard": discard_rejected, "refetch": refetch_targets}

register(
    RegisterIncoming, apply=_register_incoming, check=_check_document, **_ON_REJECTION,
    label_vi="Vào sổ văn bản đến", label_en="Register incoming document",
    tables=(DOCUMENTS, FILES, SEARCH, COUNTERS),
    example=lambda: RegisterIncoming(
        _id(), _id(), _example_fields(), (_example_file(),), ISODate("2026-03-03"), True, 5
    ),
)
register(
    Direct, apply=_direct, check=_check_direct_for, **_ON_REJECTION,
    label_vi="Bút phê", label_en="Direct", tables=(DOCUMENTS, DIRECTIONS, LINES),
    example=lambda: Direct(
        _id(), _id(), _id(), "Giao phòng Tài chính chủ trì", _example_lines(), ISODate("2026-03-04"), _id()
    ),
)
register(
    StartLine, apply=_start_line, check=_check_line, **_ON_REJECTION,
    label_vi="Bắt đầu xử lý", label_en="Start handling", tables=(DOCUMENTS, LINES),
    example=lambda: StartLine(_id(), _id()),
)
register(
    CompleteLine, apply=_complete_line, check=_check_complete, **_ON_REJECTION,
    label_vi="Hoàn thành xử lý", label_en="Complete handling", tables=(DOCUMENTS, LINES),
    example=lambda: CompleteLine(_id(), _id(), "Đã xong", _id()),
)
register(
    ReturnLine, apply=_return_line, check=_check_line, **_ON_REJECTION,
    label_vi="Trả lại việc được giao", label_en="Return assignment", tables=(DOCUMENTS, LINES),
    example=lambda: ReturnLine(_id(), _id(), "Không thuộc thẩm quyền"),
)
register(
    ForwardLine, apply=_forward_line, check=_check_forward, **_ON_REJECTION,
    label_vi="Chuyển xử lý", label_en="Pass on for handling", tables=(DOCUMENTS, LINES),
    example=lambda: ForwardLine(_id(), _id(), _example_lines()),
)
register(
    ReturnDocument, apply=_return_document, check=_check_document, **_ON_REJECTION,
    label_vi="Trả lại văn bản", label_en="Return document", tables=(DOCUMENTS,),
    example=lambda: ReturnDocument(_id(), _id(), "Gửi nhầm cơ quan"),
)
register(
    CreateDraft, apply=_create_draft, check=_check_create, **_ON_REJECTION,
    label_vi="Soạn dự thảo", label_en="New draft", tables=(DOCUMENTS, FILES, SEARCH),
    example=lambda: CreateDraft(_id(), _id(), _example_fields(), (_example_file(),), _id(), _id(), "THƯ KÝ"),
)
register(
    SetCosigner, apply=_set_cosigner, check=_check_set_cosigner, **_ON_REJECTION,
    label_vi="Đặt người ký trước", label_en="Set the co-signer", tables=(DOCUMENTS,),
    example=lambda: SetCosigner(_id(), _id(), _id(), "THƯ KÝ"),
)
register(
    UpdateDraft, apply=_update_draft, check=_check_document, **_ON_REJECTION,
    label_vi="Sửa dự thảo", label_en="Edit draft", tables=(DOCUMENTS, FILES, SEARCH),
    example=lambda: UpdateDraft(_id(), _id(), _example_fields(), None),
)
register(
    SubmitDraft, apply=_submit_draft, check=_check_submit, **_ON_REJECTION,
    label_vi="Trình ký", label_en="Submit for signature", tables=(DOCUMENTS,),
    example=lambda: SubmitDraft(_id(), _id(), _id()),
)
register(
    PassReview, apply=_pass_review, check=_check_submit, **_ON_REJECTION,
    label_vi="Chuyển lãnh đạo ký", label_en="Pass on for signature", tables=(DOCUMENTS,),
    example=lambda: PassReview(_id(), _id(), "Đề nghị lãnh đạo ký", _id()),
)
register(
    ReturnReview, apply=_return_review, check=_check_document, **_ON_REJECTION,
    label_vi="Trả lại dự thảo cho người soạn", label_en="Return draft to its drafter", tables=(DOCUMENTS,),
    example=lambda: ReturnReview(_id(), _id(), "Bổ sung số liệu"),
)
register(
    ApproveDraft, apply=_approve_draft, check=_check_dated, **_ON_REJECTION,
    label_vi="Duyệt dự thảo", label_en="Approve draft", tables=(DOCUMENTS,),
    example=lambda: ApproveDraft(_id(), _id(), "Đồng ý", ISODate("2026-03-05")),
)
register(
    ReturnDraft, apply=_return_draft, check=_check_dated, **_ON_REJECTION,
    label_vi="Trả lại dự thảo", label_en="Return draft", tables=(DOCUMENTS,),
    example=lambda: ReturnDraft(_id(), _id(), "Sửa trích yếu", ISODate("2026-03-05")),
)
register(
    Issue, apply=_issue, check=_check_document, **_ON_REJECTION,
    label_vi="Cấp số, ban hành", label_en="Number and issue", tables=(DOCUMENTS, SEARCH, COUNTERS),
    example=lambda: Issue(_id(), _id(), ISODate("2026-03-05"), None),
)
register(
    Deliver, apply=_deliver, check=_check_document, **_ON_REJECTION,
    # The copies belong to other organisations: a client makes nothing (the server does).
    local_effect=False,
    label_vi="Phát hành", label_en="Send out", tables=(DOCUMENTS, FILES, SEARCH, COUNTERS),
    example=lambda: Deliver(_id(), _id(), (_id(), _id()), (_id(), _id()), ISODate("2026-03-06")),
)
register(
    SignFile, apply=_sign_file, check=_check_dated, evidence=Evidence(_prove_signed), **_ON_REJECTION,
    label_vi="Ký số tệp", label_en="Sign file", tables=(DOCUMENTS, FILES, SEARCH),
    example=lambda: SignFile(
        _id(), _id(), _id(), "a" * 64, _example_file(), "agency", "Đồng ý", ISODate("2026-03-05")
    ),
)
DELEGATIONS = Delegation.__tablename__
register(
    Delegate, apply=_delegate, check=_check_delegate, discard=_discard_delegation, refetch=_no_documents,
    label_vi="Ủy quyền", label_en="Delegate", tables=(DELEGATIONS, DOCUMENTS),
    example=lambda: Delegate(
        _id(), _id(), _id(), ISODate("2026-03-09"), ISODate("2026-03-13"), "Đi công tác Hà Nội"
    ),
)
register(
    RevokeDelegation, apply=_revoke_delegation, check=_check_revoke, discard=_discard_delegation,
    refetch=_no_documents,
    label_vi="Thu hồi ủy quyền", label_en="Revoke delegation", tables=(DELEGATIONS, DOCUMENTS),
    example=lambda: RevokeDelegation(_id(), _id()),
)
register(
    RequestExtension, apply=_request_extension, check=_check_request_extension, **_ON_REJECTION,
    label_vi="Xin gia hạn xử lý", label_en="Ask for a deadline extension", tables=(DOCUMENTS, LINES, EXTENSIONS),
    example=lambda: RequestExtension(
        _id(), _id(), _id(), ISODate("2026-04-15"), "Chờ số liệu của các huyện", ISODate("2026-03-30")
    ),
)
register(
    DecideExtension, apply=_decide_extension, check=_check_decide_extension, **_ON_REJECTION,
    label_vi="Cho ý kiến xin gia hạn", label_en="Decide on a deadline extension",
    tables=(DOCUMENTS, LINES, EXTENSIONS),
    example=lambda: DecideExtension(_id(), _id(), _id(), True, ISODate("2026-04-10"), "Đồng ý đến ngày 10/4", None),
)
