"""The diary's operations: values that travel and replay like the documents' ones.

Each kind is registered with ``eoffice.ops.registry`` (``worklog.capability`` imports
this module). Every kind names the rows it makes by client-chosen ids;
a change names the revision it was based on (the op_id that last wrote the entry). The
server's ``check`` (run before applying a pushed op) refuses an op on someone else's
diary; the domain functions check the same again wherever the op is applied.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, ClassVar

from sqlalchemy.orm import Session

from eoffice.directory.models import User
from eoffice.documents.permissions import check_names
from eoffice.errors import PermissionDenied
from eoffice.ops.limits import Fits
from eoffice.ops.operation import AppliedResult, Operation
from eoffice.ops.registry import register
from eoffice.ops.values import Id, ISODate
from eoffice.store.base import new_id
from eoffice.worklog import entries, review
from eoffice.worklog.entries import EntryFields
from eoffice.worklog.models import WorklogComment, WorklogEntry, WorklogWeek
from eoffice.worklog.weeks import copy_id, week_id


@dataclass(frozen=True)
class EntryValues:
    """The fields an entry operation carries (mixed into the kinds below)."""

    day: ISODate
    text: Annotated[str, Fits(WorklogEntry.text)]
    category: Annotated[str, Fits(WorklogEntry.category)] = "regular"
    minutes: Annotated[int | None, Fits(WorklogEntry.minutes)] = None
    start_minute: Annotated[int | None, Fits(WorklogEntry.start_minute)] = None
    end_minute: Annotated[int | None, Fits(WorklogEntry.end_minute)] = None
    result: Annotated[str, Fits(WorklogEntry.result)] = ""
    document_id: Id | None = None
    direction_line_id: Id | None = None
    meeting_id: Id | None = None
    recurring: bool = False

    def fields(self) -> EntryFields:
        return EntryFields(
            day=date.fromisoformat(self.day), text=self.text, category=self.category, minutes=self.minutes,
            start_minute=self.start_minute, end_minute=self.end_minute, result=self.result,
            document_id=self.document_id, direction_line_id=self.direction_line_id, meeting_id=self.meeting_id,
            recurring=self.recurring,
        )


def values_of(fields: EntryFields) -> dict[str, Any]:
    """An entry's fields as the operations carry them (keyword arguments)."""
    return {
        "day": ISODate(fields.day.isoformat()), "text": fields.text, "category": fields.category,
        "minutes": fields.minutes, "start_minute": fields.start_minute, "end_minute": fields.end_minute,
        "result": fields.result, "document_id": fields.document_id, "direction_line_id": fields.direction_line_id,
        "meeting_id": fields.meeting_id, "recurring": fields.recurring,
    }


@dataclass(frozen=True, kw_only=True)
class AddEntry(EntryValues, Operation):
    kind: ClassVar[str] = "worklog_add_entry"
    entry_id: Id
    #: The drafted action it comes from (accepting a draft), if any.
    source_key: Annotated[str | None, Fits(WorklogEntry.source_key)] = None


@dataclass(frozen=True, kw_only=True)
class UpdateEntry(EntryValues, Operation):
    kind: ClassVar[str] = "worklog_update_entry"
    entry_id: Id
    base_revision: Annotated[str, Fits(WorklogEntry.revision)]


@dataclass(frozen=True)
class DeleteEntry(Operation):
    kind: ClassVar[str] = "worklog_delete_entry"
    entry_id: Id
    base_revision: Annotated[str, Fits(WorklogEntry.revision)]


@dataclass(frozen=True)
class DropDraft(Operation):
    kind: ClassVar[str] = "worklog_drop_draft"
    entry_id: Id
    day: ISODate
    source_key: Annotated[str, Fits(WorklogEntry.source_key)]


@dataclass(frozen=True)
class ResolveConflict(Operation):
    kind: ClassVar[str] = "worklog_resolve_conflict"
    entry_id: Id  # the conflict copy
    keep: Annotated[str, Fits(max_length=len("original"))]  # "copy" or "original"


@dataclass(frozen=True)
class CopyEntries(Operation):
    kind: ClassVar[str] = "worklog_copy_entries"
    day: ISODate
    source_ids: tuple[Id, ...]
    entry_ids: tuple[Id, ...]


@dataclass(frozen=True)
class CommentWeek(Operation):
    kind: ClassVar[str] = "worklog_comment"
    comment_id: Id
    owner_id: Id
    week_start: ISODate
    text: Annotated[str, Fits(WorklogComment.text)]
    entry_id: Id | None = None


@dataclass(frozen=True)
class ApproveWeek(Operation):
    kind: ClassVar[str] = "worklog_approve_week"
    owner_id: Id
    week_start: ISODate


@dataclass(frozen=True)
class ReopenWeek(Operation):
    kind: ClassVar[str] = "worklog_reopen_week"
    owner_id: Id
    week_start: ISODate
    reason: Annotated[str, Fits(WorklogWeek.reopen_reason)]


# --------------------------------------------------------------------------- applying


def _entry_result(kind: str, written: entries.Written) -> AppliedResult:
    entry = written.entry
    return AppliedResult(
        kind,
        {"entry_id": entry.id, "day": entry.day.isoformat(), "conflict": written.conflict, "revision": entry.revision},
    )


def _add_entry(session: Session, actor_id: str, op: AddEntry, authority: bool) -> AppliedResult:
    written = entries.add_entry(
        session, actor_id, op.entry_id, op.fields(), revision=op.op_id, source_key=op.source_key, authority=authority,
    )
    return _entry_result(op.kind, written)


def _update_entry(session: Session, actor_id: str, op: UpdateEntry, authority: bool) -> AppliedResult:
    written = entries.update_entry(
        session, actor_id, op.entry_id, op.fields(), base_revision=op.base_revision, revision=op.op_id,
        authority=authority,
    )
    return _entry_result(op.kind, written)


def _delete_entry(session: Session, actor_id: str, op: DeleteEntry, authority: bool) -> AppliedResult:
    written = entries.delete_entry(
        session, actor_id, op.entry_id, base_revision=op.base_revision, revision=op.op_id, authority=authority
    )
    return _entry_result(op.kind, written)


def _drop_draft(session: Session, actor_id: str, op: DropDraft, authority: bool) -> AppliedResult:
    day = date.fromisoformat(op.day)
    written = entries.drop_draft(session, actor_id, op.entry_id, day, op.source_key, revision=op.op_id)
    return _entry_result(op.kind, written)


def _resolve_conflict(session: Session, actor_id: str, op: ResolveConflict, authority: bool) -> AppliedResult:
    written = entries.resolve_conflict(session, actor_id, op.entry_id, op.keep, revision=op.op_id, authority=authority)
    return _entry_result(op.kind, written)


def _copy_entries(session: Session, actor_id: str, op: CopyEntries, authority: bool) -> AppliedResult:
    made = entries.copy_entries(
        session, actor_id, date.fromisoformat(op.day), op.source_ids, op.entry_ids, revision=op.op_id,
        authority=authority,
    )
    return AppliedResult(op.kind, {"entry_ids": [w.entry.id for w in made], "day": op.day})


def _comment_week(session: Session, actor_id: str, op: CommentWeek, authority: bool) -> AppliedResult:
    comment = review.add_comment(
        session, actor_id, op.comment_id, op.owner_id, date.fromisoformat(op.week_start), op.text, op.entry_id
    )
    return AppliedResult(op.kind, {"comment_id": comment.id})


def _approve_week(session: Session, actor_id: str, op: ApproveWeek, authority: bool) -> AppliedResult:
    week = review.approve_week(session, actor_id, op.owner_id, date.fromisoformat(op.week_start))
    return AppliedResult(op.kind, {"week_id": week.id, "state": week.state, "minutes": week.approved_minutes})


def _reopen_week(session: Session, actor_id: str, op: ReopenWeek, authority: bool) -> AppliedResult:
    week = review.reopen_week(session, actor_id, op.owner_id, date.fromisoformat(op.week_start), op.reason)
    return AppliedResult(op.kind, {"week_id": week.id, "state": week.state})


# --------------------------------------------------------------------------- the server's check


def _denied() -> PermissionDenied:
    return PermissionDenied(
        "Bạn không có quyền thao tác trên nhật ký công việc này.", "You may not act on that work diary."
    )


def _own_entries(session: Session, actor: User, entry_ids: list[str]) -> None:
    """The entries named, where they exist, must be the actor's own."""
    for entry_id in entry_ids:
        entry = session.get(WorklogEntry, entry_id)
        if entry is not None and entry.user_id != actor.id:
            raise _denied()


def _check_values(session: Session, actor: User, op: AddEntry | UpdateEntry) -> None:
    """An entry written: the actor's own, linking only documents (and lines) they see."""
    check_names(session, actor, documents=[op.document_id] if op.document_id else [])
    _own_entries(session, actor, [op.entry_id])
    entries.check_links(session, actor, op.fields())


def _check_entry(session: Session, actor: User, op: DeleteEntry | DropDraft | ResolveConflict) -> None:
    _own_entries(session, actor, [op.entry_id])


def _check_copy(session: Session, actor: User, op: CopyEntries) -> None:
    _own_entries(session, actor, [*op.source_ids, *op.entry_ids])


def _check_reader(session: Session, actor: User, op: CommentWeek) -> None:
    """A comment on a diary the actor may read."""
    owner = session.get(User, op.owner_id)
    if owner is not None and not review.may_read(session, actor, owner):  # None: NotFound from the domain
        raise _denied()


def _check_leader(session: Session, actor: User, op: ApproveWeek | ReopenWeek) -> None:
    """A week approved or reopened by one who leads its owner."""
    owner = session.get(User, op.owner_id)
    if owner is not None and not review.leads(session, actor, owner):  # None: NotFound from the domain
        raise _denied()


# --------------------------------------------------------------------------- a rejection, on the client


def _delete_unsynced(session: Session, made: list[tuple[type[Any], str]]) -> None:
    """Delete the rows a rejected op made that carry no server version (the server never
    had them). A change to a row that came from the server stays until the server's row
    changes again."""
    for model, row_id in made:
        row = session.get(model, row_id)
        if row is not None and row.server_version is None:
            session.delete(row)
    session.flush()


def _discard_entry(session: Session, op: AddEntry | DropDraft) -> None:
    _delete_unsynced(session, [(WorklogEntry, op.entry_id)])  # a new entry, a dropped draft's marker


def _discard_update(session: Session, op: UpdateEntry) -> None:
    _delete_unsynced(session, [(WorklogEntry, copy_id(op.op_id))])  # the conflict copy it made


def _discard_copies(session: Session, op: CopyEntries) -> None:
    _delete_unsynced(session, [(WorklogEntry, i) for i in op.entry_ids])


def _discard_comment(session: Session, op: CommentWeek) -> None:
    _delete_unsynced(session, [(WorklogComment, op.comment_id)])


def _discard_week(session: Session, op: ApproveWeek | ReopenWeek) -> None:
    _delete_unsynced(session, [(WorklogWeek, week_id(op.owner_id, date.fromisoformat(op.week_start)))])


def _discard_nothing(session: Session, op: Operation) -> None:
    session.flush()


# --------------------------------------------------------------------------- registration


def _id() -> Id:
    return Id(new_id())


_MONDAY = ISODate("2026-03-02")
ENTRIES = WorklogEntry.__tablename__
COMMENTS = WorklogComment.__tablename__
WEEKS = WorklogWeek.__tablename__

register(
    AddEntry, apply=_add_entry, check=_check_values, discard=_discard_entry,
    label_vi="Ghi việc vào nhật ký", label_en="Add diary entry", tables=(ENTRIES,),
    example=lambda: AddEntry(
        op_id=_id(), entry_id=_id(), day=_MONDAY, text="Soạn báo cáo quý", category="regular", minutes=90,
        start_minute=480, end_minute=570, result="Xong bản nháp", document_id=_id(), recurring=True,
        source_key="direct:1",
    ),
)
register(
    UpdateEntry, apply=_update_entry, check=_check_values, discard=_discard_update,
    label_vi="Sửa việc trong nhật ký", label_en="Edit diary entry", tables=(ENTRIES,),
    example=lambda: UpdateEntry(
        op_id=_id(), entry_id=_id(), base_revision=new_id(), day=_MONDAY, text="Họp giao ban", minutes=60,
        direction_line_id=_id(),
    ),
)
register(
    DeleteEntry, apply=_delete_entry, check=_check_entry, discard=_discard_nothing,
    label_vi="Xóa việc trong nhật ký", label_en="Delete diary entry", tables=(ENTRIES,),
    example=lambda: DeleteEntry(_id(), _id(), new_id()),
)
register(
    DropDraft, apply=_drop_draft, check=_check_entry, discard=_discard_entry,
    label_vi="Bỏ việc gợi ý", label_en="Dismiss drafted entry", tables=(ENTRIES,),
    example=lambda: DropDraft(_id(), _id(), _MONDAY, "direct:1"),
)
register(
    ResolveConflict, apply=_resolve_conflict, check=_check_entry, discard=_discard_nothing,
    label_vi="Xử lý xung đột trong nhật ký", label_en="Resolve diary conflict", tables=(ENTRIES,),
    example=lambda: ResolveConflict(_id(), _id(), "copy"),
)
register(
    CopyEntries, apply=_copy_entries, check=_check_copy, discard=_discard_copies,
    label_vi="Chép việc sang ngày khác", label_en="Copy entries to another day", tables=(ENTRIES,),
    example=lambda: CopyEntries(_id(), _MONDAY, (_id(), _id()), (_id(), _id())),
)
register(
    CommentWeek, apply=_comment_week, check=_check_reader, discard=_discard_comment,
    label_vi="Ý kiến về nhật ký", label_en="Comment on a diary", tables=(COMMENTS,),
    example=lambda: CommentWeek(_id(), _id(), _id(), _MONDAY, "Cần ghi rõ kết quả", _id()),
)
register(
    ApproveWeek, apply=_approve_week, check=_check_leader, discard=_discard_week,
    label_vi="Duyệt tuần", label_en="Approve week", tables=(WEEKS, ENTRIES),
    example=lambda: ApproveWeek(_id(), _id(), _MONDAY),
)
register(
    ReopenWeek, apply=_reopen_week, check=_check_leader, discard=_discard_week,
    label_vi="Mở lại tuần", label_en="Reopen week", tables=(WEEKS, ENTRIES),
    example=lambda: ReopenWeek(_id(), _id(), _MONDAY, "Bổ sung việc thiếu"),
)

#: The diary's kinds (the tests try every one).
KINDS = (
    AddEntry, UpdateEntry, DeleteEntry, DropDraft, ResolveConflict, CopyEntries, CommentWeek, ApproveWeek, ReopenWeek
)
