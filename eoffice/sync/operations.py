"""Every user action of the documents domain as a value that can travel and be replayed.

An operation is made on the client, applied there at once (``authority=False``: no
register number is taken, the document shows "chờ cấp số"), kept in the outbox, pushed
to the server and applied there again with ``authority=True``. It carries its own UUID
(``op_id``) and the ids of the rows it creates, chosen by the client, so that the row the
client shows offline and the row the server makes are the same row.

Only JSON data: dates are ISO strings, files are references ``{digest, filename, size,
page_count[, text]}`` (the blobs travel separately; ``text`` is the PDF text the client
extracted, indexed for search). ``from_json`` is strict: anything unknown or malformed is
a ValidationError with a Vietnamese message, never a crash.
"""

from __future__ import annotations

import dataclasses
import re
import types
import uuid
from collections.abc import Callable, Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date, timedelta
from typing import Annotated, Any, ClassVar, NewType, Union, get_args, get_origin, get_type_hints

from sqlalchemy import bindparam, literal, select, union_all
from sqlalchemy.orm import Session

from eoffice.documents import delivery, directions, incoming, outgoing
from eoffice.documents.directions import LineSpec
from eoffice.documents.fields import LABELS_VI, DocumentFields
from eoffice.documents.incoming import PreparedFile
from eoffice.documents.models import DirectionLine, Document, DocumentDirection, DocumentFile, DocumentSearch
from eoffice.documents.types import LineRole
from eoffice.errors import NotFound, ValidationError
from eoffice.sync.limits import (
    BIGINT_MAX, BIGINT_MIN, FIRST_DAY, LAST_DAY, UNBOUNDED, Fits, column_of, shown, storable,
)

#: A UUID as text, in its 36-character form (checked by ``from_json``).
Id = NewType("Id", str)
#: A date as ``YYYY-MM-DD`` (checked by ``from_json``).
ISODate = NewType("ISODate", str)

UUID_FORM = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
DATE_FORM = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
DIGEST = re.compile(r"^[0-9a-f]{64}$")
MAX_TEXT = 5_000_000  # extracted PDF text per file, characters
#: The longest time limit in working days a direction may give (ten years): more is a typo,
#: and counting it day by day would hold the server's write lock.
MAX_DEADLINE_DAYS = 2_600

FIELD_NAMES = tuple(f.name for f in dataclasses.fields(DocumentFields) if f.name != "extra")
#: The columns a document's input fields land in, by name: their types, nullability and
#: lengths are what the codec checks the ``fields`` of an operation against.
FIELD_COLUMNS = {name: column_of(getattr(Document, name)) for name in FIELD_NAMES}
_FIELD_LIMITS = {name: Fits(column) for name, column in FIELD_COLUMNS.items()}
_DATE_FIELDS = {name for name, column in FIELD_COLUMNS.items() if column.type.python_type is date}


def _bad(vi: str, en: str, field_name: str | None = None) -> ValidationError:
    return ValidationError(f"Thao tác không hợp lệ: {vi}", f"Invalid operation: {en}", field=field_name)


# --------------------------------------------------------------------------- value parts


@dataclass(frozen=True)
class FileRef:
    """A PDF already in (or on its way to) the blob store, by digest."""

    digest: Annotated[str, Fits(DocumentFile.digest)]
    filename: Annotated[str, Fits(DocumentFile.filename)]
    size: Annotated[int, Fits(DocumentFile.size, ge=0)]
    page_count: Annotated[int, Fits(DocumentFile.page_count, ge=0)]
    #: Indexed for search (``DocumentSearch.body_text``), bounded by ``MAX_TEXT``.
    text: Annotated[str, Fits(DocumentSearch.body_text, max_length=MAX_TEXT)] = ""

    def prepared(self) -> PreparedFile:
        return PreparedFile(self.digest, self.filename, self.size, self.page_count, self.text)

    @classmethod
    def of(cls, prepared: PreparedFile) -> FileRef:
        """The reference to a file ``incoming.prepare_files`` put in the blob store."""
        return cls(prepared.digest, prepared.filename, prepared.size, prepared.page_count, prepared.text)


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
            raise _bad("vai trò xử lý không hợp lệ.", "invalid line role.", "role")
        return LineSpec(
            role=LineRole(self.role),
            unit_id=self.unit_id,
            user_id=self.user_id,
            deadline=date.fromisoformat(self.deadline) if self.deadline else None,
            deadline_days=self.deadline_days,
            line_id=self.line_id,
        )


# --------------------------------------------------------------------------- operations


@dataclass(frozen=True)
class Operation:
    """Base of every operation: its UUID, made by the client."""

    kind: ClassVar[str] = ""
    op_id: Id


@dataclass(frozen=True)
class RegisterIncoming(Operation):
    kind: ClassVar[str] = "register_incoming"
    document_id: Id
    fields: dict[str, Any]
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
    fields: dict[str, Any]
    files: tuple[FileRef, ...] = ()
    reply_to_id: Id | None = None


@dataclass(frozen=True)
class UpdateDraft(Operation):
    kind: ClassVar[str] = "update_draft"
    document_id: Id
    fields: dict[str, Any]
    #: None keeps the draft's files.
    files: tuple[FileRef, ...] | None = None


@dataclass(frozen=True)
class SubmitDraft(Operation):
    kind: ClassVar[str] = "submit_draft"
    document_id: Id
    approver_id: Id


@dataclass(frozen=True)
class ApproveDraft(Operation):
    kind: ClassVar[str] = "approve_draft"
    document_id: Id
    comment: Annotated[str, Fits(Document.review_comment)] = ""


@dataclass(frozen=True)
class ReturnDraft(Operation):
    kind: ClassVar[str] = "return_draft"
    document_id: Id
    comment: Annotated[str, Fits(Document.review_comment)]


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
    approves it), ``agency`` (the clerk's seal over the signer's, once the number is
    known) or ``attachment`` (the clerk's text stamp on an attachment file).
    ``previous_digest`` names the version that was signed: a file changed meanwhile is
    refused, never overwritten.
    """

    kind: ClassVar[str] = "sign_file"
    document_id: Id
    file_id: Id
    previous_digest: Annotated[str, Fits(DocumentFile.digest)]
    file: FileRef
    #: One of the kinds ``DocumentFile.signed_kinds`` lists.
    signature: Annotated[str, Fits(DocumentFile.signed_kinds)]
    comment: Annotated[str, Fits(Document.review_comment)] = ""


#: Every operation kind, by its name. The documents' kinds are here; other capabilities
#: (the work diary, meetings) add theirs with ``register``.
KINDS: dict[str, type[Operation]] = {
    cls.kind: cls
    for cls in (
        RegisterIncoming, Direct, StartLine, CompleteLine, ReturnLine, ForwardLine, ReturnDocument,
        CreateDraft, UpdateDraft, SubmitDraft, ApproveDraft, ReturnDraft, Issue, Deliver, SignFile,
    )
}

#: ``applier(session, actor_id, op, authority) -> AppliedResult`` of registered kinds.
Applier = Callable[[Session, str, "Operation", bool], "AppliedResult"]
#: ``check(session, actor, op)``: raises PermissionDenied when a pushed op names rows the
#: actor may not see or touch (the server runs it before applying; see sync.permissions).
Check = Callable[[Session, Any, "Operation"], None]
_APPLIERS: dict[type[Operation], Applier] = {}
_CHECKS: dict[type[Operation], Check] = {}


def register(cls: type[Operation], applier: Applier, check: Check | None = None) -> type[Operation]:
    """Add an operation kind of another capability: how to apply it, how the server checks it.

    Its fields may use the annotations ``from_json`` knows: ``Id``, ``ISODate``, str, int,
    bool, their optionals and tuples. A string or integer says where it is stored,
    ``Annotated[str, Fits(Model.column)]`` (``eoffice.sync.limits``), so that the codec
    refuses what that column cannot hold.
    """
    if not cls.kind or (cls.kind in KINDS and KINDS[cls.kind] is not cls):
        raise ValueError(f"operation kind {cls.kind!r} is empty or taken")
    KINDS[cls.kind] = cls
    _APPLIERS[cls] = applier
    if check is not None:
        _CHECKS[cls] = check
    return cls


def files_named(op: Operation) -> tuple[FileRef, ...]:
    """The blobs an operation names (``files``, or one ``file``): uploaded before it is pushed."""
    files = getattr(op, "files", None) or ()
    one = getattr(op, "file", None)
    return (*files, one) if isinstance(one, FileRef) else tuple(files)


def check_registered(session: Session, actor: Any, op: Operation) -> None:
    """The server's own check of a registered kind (nothing for the documents' kinds)."""
    check = _CHECKS.get(type(op))
    if check is not None:
        check(session, actor, op)


# --------------------------------------------------------------------------- JSON


def _plain(value: Any) -> Any:
    if isinstance(value, (FileRef, LineRef)):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def to_json(op: Operation) -> dict[str, Any]:
    """The operation as a JSON-ready dict, ``kind`` included."""
    out: dict[str, Any] = {"kind": op.kind}
    for f in dataclasses.fields(op):
        out[f.name] = _plain(getattr(op, f.name))
    return out


def _check_id(value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise _bad(f"“{name}” phải là mã định danh (UUID).", f"{name} must be a UUID.", name)
    if not UUID_FORM.match(value):  # uuid.UUID would take braces, "urn:uuid:", no hyphens
        raise _bad(f"“{name}” không phải mã định danh hợp lệ.", f"{name} is not a valid UUID.", name)
    return value


def _check_date(value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise _bad(f"“{name}” phải là ngày dạng YYYY-MM-DD.", f"{name} must be an ISO date.", name)
    try:
        if not DATE_FORM.match(value):
            raise ValueError(value)
        day = date.fromisoformat(value)
    except ValueError:
        raise _bad(
            f"ngày “{shown(value)}” của “{name}” không hợp lệ.", f"{name} is not a valid date.", name
        ) from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise _bad(
            f"ngày {day:%d/%m/%Y} của “{name}” nằm ngoài khoảng {FIRST_DAY:%d/%m/%Y}–{LAST_DAY:%d/%m/%Y}.",
            f"{name} {value} lies outside {FIRST_DAY.isoformat()}..{LAST_DAY.isoformat()}.",
            name,
        )
    return value


def _out_of_bounds(vi: str, en: str, name: str, label: str | None) -> ValidationError:
    """A value past its column's bound: a field the user typed (``label``) says so in the
    words the document's own checks use (``documents.fields.clean``)."""
    return ValidationError(vi, en, field=name) if label else _bad(vi, en, name)


def _check_text(value: Any, name: str, limit: Fits, label: str | None = None) -> str:
    """A string its column stores: storable by every database, within the column's length."""
    if not isinstance(value, str):
        raise _bad(f"“{name}” phải là chuỗi ký tự.", f"{name} must be a string.", name)
    if not storable(value):
        raise _bad(
            f"“{label or name}” chứa ký tự không hợp lệ (ký tự điều khiển hoặc lỗi mã hóa).",
            f"{name} holds a character no database stores (a control character or broken encoding).",
            name,
        )
    if limit.max_length is not None and len(value) > limit.max_length:
        raise _out_of_bounds(
            f"{label or f'“{name}”'} dài {len(value)} ký tự, vượt quá giới hạn {limit.max_length} ký tự.",
            f"{name} is {len(value)} characters long; the limit is {limit.max_length}.",
            name, label,
        )
    return value


def _check_int(value: Any, name: str, limit: Fits, label: str | None = None) -> int:
    """An integer its column stores (``Integer``, ``BigInteger``), within the declared bounds."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise _bad(f"“{name}” phải là số nguyên.", f"{name} must be an integer.", name)
    low = BIGINT_MIN if limit.ge is None else limit.ge
    high = BIGINT_MAX if limit.le is None else limit.le
    what = label or f"“{name}”"
    if value < low:
        if low == 0:
            raise _out_of_bounds(f"{what} không được âm.", f"{name} cannot be negative.", name, label)
        raise _out_of_bounds(f"{what} phải từ {low} trở lên.", f"{name} must be at least {low}.", name, label)
    if value > high:
        raise _out_of_bounds(
            f"{what} quá lớn (tối đa {high}).", f"{name} is too large (at most {high}).", name, label
        )
    return value


def _coerce(value: Any, hint: Any, name: str, limit: Fits = UNBOUNDED) -> Any:
    """``value`` checked against the annotation ``hint`` and the limit of the column it
    lands in; raises ValidationError."""
    origin = get_origin(hint)
    if origin is Annotated:
        return _coerce(value, get_args(hint)[0], name, _limit_of(hint))
    if origin is Union or origin is types.UnionType:
        args = [a for a in get_args(hint) if a is not type(None)]
        if value is None:
            return None
        return _coerce(value, args[0], name, limit)
    if hint is Id:
        return _check_id(value, name)
    if hint is ISODate:
        return _check_date(value, name)
    if hint is str:
        return _check_text(value, name, limit)
    if hint is bool:
        if not isinstance(value, bool):
            raise _bad(f"“{name}” phải là đúng/sai.", f"{name} must be a boolean.", name)
        return value
    if hint is int:
        return _check_int(value, name, limit)
    if origin is tuple:
        if not isinstance(value, list):
            raise _bad(f"“{name}” phải là danh sách.", f"{name} must be a list.", name)
        item = get_args(hint)[0]
        return tuple(_coerce(v, item, f"{name}[{i}]", limit) for i, v in enumerate(value))
    if origin is dict:
        return _document_fields(value, name)
    if hint in (FileRef, LineRef):
        return _record(hint, value, name)
    raise TypeError(f"unsupported annotation {hint!r}")  # a bug in this module


def _limit_of(hint: Any) -> Fits:
    return next((m for m in getattr(hint, "__metadata__", ()) if isinstance(m, Fits)), UNBOUNDED)


@dataclass(frozen=True)
class _Field:
    name: str
    hint: Any
    required: bool


@lru_cache(maxsize=None)
def _schema(cls: type[Any]) -> tuple[tuple[_Field, ...], frozenset[str]]:
    """A record's fields with their annotations (limits included), read once per class."""
    hints = get_type_hints(cls, include_extras=True)
    fields = tuple(
        _Field(
            f.name, hints[f.name],
            f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING,
        )
        for f in dataclasses.fields(cls)
    )
    return fields, frozenset(f.name for f in fields)


def _unknown(data: dict[Any, Any], known: AbstractSet[str]) -> str:
    """The names of unknown keys, as a message may quote them ("" when none)."""
    return ", ".join(sorted(shown(str(k)) for k in data if k not in known))[:200]


def _record(cls: type[Any], data: Any, name: str) -> Any:
    if not isinstance(data, dict):
        raise _bad(f"“{name}” phải là một đối tượng.", f"{name} must be an object.", name)
    fields, known = _schema(cls)
    extra = _unknown(data, known | {"kind"})
    if extra:
        raise _bad(f"trường lạ “{extra}” trong “{name or cls.__name__}”.", f"unknown fields {extra}.", name)
    values: dict[str, Any] = {}
    for f in fields:
        if f.name not in data:
            if f.required:
                raise _bad(f"thiếu trường “{f.name}”.", f"missing field {f.name}.", f.name)
            continue
        values[f.name] = _coerce(data[f.name], f.hint, f.name)
    obj = cls(**values)
    if isinstance(obj, FileRef):
        if not DIGEST.match(obj.digest):
            raise _bad("mã băm SHA-256 của tệp không hợp lệ.", "bad file digest.", "digest")
        if not obj.filename:
            raise _bad("thông tin tệp không hợp lệ.", "bad file reference.", "files")
    return obj


def _document_fields(data: Any, name: str) -> dict[str, Any]:
    """The document's input fields as JSON: known names, each of its column's type (ISO
    dates, integers in range, strings within length), None only where the column allows."""
    if not isinstance(data, dict):
        raise _bad(f"“{name}” phải là một đối tượng.", f"{name} must be an object.", name)
    extra = _unknown(data, FIELD_COLUMNS.keys())
    if extra:
        raise _bad(f"trường văn bản lạ “{extra}”.", f"unknown document fields {extra}.", name)
    for required in ("type_name", "subject"):
        if required not in data:
            raise _bad(f"thiếu trường “{required}”.", f"missing field {required}.", required)
    out: dict[str, Any] = {}
    for key, value in data.items():
        column = FIELD_COLUMNS[key]
        if value is None and column.nullable:
            out[key] = None
        elif key in _DATE_FIELDS:
            out[key] = _check_date(value, key)
        elif column.type.python_type is int:
            out[key] = _check_int(value, key, _FIELD_LIMITS[key], LABELS_VI.get(key))
        else:
            out[key] = _check_text(value, key, _FIELD_LIMITS[key], LABELS_VI.get(key))
    return out


def from_json(data: Any) -> Operation:
    """An operation from its JSON form; strict (unknown kind or fields → ValidationError).

    Every value is checked against the column it lands in (``eoffice.sync.limits``):
    whatever passes here, a database stores.
    """
    if not isinstance(data, dict):
        raise _bad("dữ liệu phải là một đối tượng JSON.", "an operation must be a JSON object.")
    kind = data.get("kind")
    cls = KINDS.get(kind) if isinstance(kind, str) else None
    if cls is None:
        what = shown(kind) if isinstance(kind, str) else ""
        raise _bad(f"loại thao tác “{what}” không được hỗ trợ.", f"unknown operation kind “{what}”.", "kind")
    op = _record(cls, data, cls.__name__)
    assert isinstance(op, Operation)
    return op


def checked(op: Operation) -> Operation:
    """``op`` as the codec reads it back: what a user's action made is refused at once,
    with its reason, rather than waiting in the outbox for a server that refuses it."""
    return from_json(to_json(op))


# --------------------------------------------------------------------------- apply


@dataclass(frozen=True)
class AppliedResult:
    """What an applied operation made: ids, numbers, and whether a number is still pending."""

    kind: str
    data: dict[str, Any] = field(default_factory=dict)


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


def apply(session: Session, actor_id: str, op: Operation, *, authority: bool) -> AppliedResult:
    """Run ``op`` as ``actor_id`` through the domain functions, in the caller's transaction.

    ``authority`` True (the server) takes register numbers; False (a client offline) leaves
    them pending. Raises the domain's DomainError when the operation is refused.
    """
    if isinstance(op, RegisterIncoming):
        _require_new(session, Document, [op.document_id], "văn bản")
        doc = incoming.register_incoming(
            session, actor_id, _fields(op.fields), [f.prepared() for f in op.files],
            arrival_date=date.fromisoformat(op.arrival_date),
            allow_duplicate=op.allow_duplicate,
            requested_number=op.requested_number if authority else None,
            document_id=op.document_id,
            assign_number=authority,
        )
        return _document_result(op.kind, doc)
    if isinstance(op, Direct):
        _require_all_new(
            session, (DocumentDirection, [op.direction_id], "bút phê"),
            (DirectionLine, [ln.line_id for ln in op.lines], "dòng giao việc"),
        )
        direction = directions.direct(
            session, actor_id, op.document_id, op.text, [ln.spec() for ln in op.lines],
            direction_id=op.direction_id, today=acted_on(op.on_date, authority=authority),
        )
        return AppliedResult(op.kind, {"direction_id": direction.id, "line_ids": [ln.line_id for ln in op.lines]})
    if isinstance(op, StartLine):
        line = directions.start_line(session, actor_id, op.line_id)
        return AppliedResult(op.kind, {"line_id": line.id, "state": line.state})
    if isinstance(op, CompleteLine):
        line = directions.complete_line(session, actor_id, op.line_id, op.result_note, op.reply_document_id)
        return AppliedResult(op.kind, {"line_id": line.id, "state": line.state})
    if isinstance(op, ReturnLine):
        line = directions.return_line(session, actor_id, op.line_id, op.reason)
        return AppliedResult(op.kind, {"line_id": line.id, "state": line.state})
    if isinstance(op, ForwardLine):
        _require_new(session, DirectionLine, [ln.line_id for ln in op.lines], "dòng giao việc")
        children = directions.forward_line(
            session, actor_id, op.line_id, [ln.spec() for ln in op.lines],
            today=acted_on(op.on_date, authority=authority),
        )
        return AppliedResult(op.kind, {"line_id": op.line_id, "line_ids": [c.id for c in children]})
    if isinstance(op, ReturnDocument):
        doc = directions.return_document(session, actor_id, op.document_id, op.reason)
        return _document_result(op.kind, doc)
    if isinstance(op, CreateDraft):
        _require_new(session, Document, [op.document_id], "văn bản")
        doc = outgoing.create_draft(
            session, actor_id, _fields(op.fields), [f.prepared() for f in op.files],
            reply_to_id=op.reply_to_id, document_id=op.document_id,
        )
        return _document_result(op.kind, doc)
    if isinstance(op, UpdateDraft):
        files = None if op.files is None else [f.prepared() for f in op.files]
        doc = outgoing.update_draft(session, actor_id, op.document_id, _fields(op.fields), files)
        return _document_result(op.kind, doc)
    if isinstance(op, SubmitDraft):
        doc = outgoing.submit_draft(session, actor_id, op.document_id, op.approver_id)
        return _document_result(op.kind, doc)
    if isinstance(op, ApproveDraft):
        doc = outgoing.approve_draft(session, actor_id, op.document_id, op.comment)
        return _document_result(op.kind, doc)
    if isinstance(op, ReturnDraft):
        doc = outgoing.return_draft(session, actor_id, op.document_id, op.comment)
        return _document_result(op.kind, doc)
    if isinstance(op, Issue):
        doc = outgoing.issue(
            session, actor_id, op.document_id, date.fromisoformat(op.issued_date),
            requested_number=op.requested_number if authority else None,
            assign_number=authority,
        )
        return _document_result(op.kind, doc)
    if isinstance(op, Deliver):
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
    if isinstance(op, SignFile):
        from eoffice.documents import signing
        from eoffice.sync.evidence import finding

        doc = signing.sign_file(
            session, actor_id, op.document_id, op.file_id, op.previous_digest, op.file.prepared(), op.signature,
            comment=op.comment, evidence=finding(session, op.op_id) if authority else None, authority=authority,
        )
        return _document_result(op.kind, doc)
    applier = _APPLIERS.get(type(op))
    if applier is not None:
        return applier(session, actor_id, op, authority)
    raise TypeError(f"not an operation: {op!r}")


# Other capabilities' kinds register themselves on import (after everything above exists).
import eoffice.worklog.operations  # noqa: E402,F401
import eoffice.signing.operations  # noqa: E402,F401
