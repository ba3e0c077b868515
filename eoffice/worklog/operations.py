"""The diary's operations: values that travel and replay like the documents' ones.

Registered with ``eoffice.sync.operations.register`` when that module is imported (it
imports this one at its end). Every kind names the rows it makes by client-chosen ids;
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
from eoffice.errors import PermissionDenied
from eoffice.sync import operations as ops
from eoffice.sync.limits import Fits
from eoffice.sync.operations import AppliedResult, Id, ISODate, Operation
from eoffice.worklog import entries, review
from eoffice.worklog.entries import EntryFields
from eoffice.worklog.models import WorklogComment, WorklogEntry, WorklogWeek


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


def apply_worklog(session: Session, actor_id: str, op: Operation, authority: bool) -> AppliedResult:
    """Run a diary operation through the domain (``authority``: on the server)."""
    if isinstance(op, AddEntry):
        written = entries.add_entry(
            session, actor_id, op.entry_id, op.fields(), revision=op.op_id, source_key=op.source_key,
            authority=authority,
        )
        return _entry_result(op.kind, written)
    if isinstance(op, UpdateEntry):
        written = entries.update_entry(
            session, actor_id, op.entry_id, op.fields(), base_revision=op.base_revision, revision=op.op_id,
            authority=authority,
        )
        return _entry_result(op.kind, written)
    if isinstance(op, DeleteEntry):
        written = entries.delete_entry(
            session, actor_id, op.entry_id, base_revision=op.base_revision, revision=op.op_id, authority=authority
        )
        return _entry_result(op.kind, written)
    if isinstance(op, DropDraft):
        written = entries.drop_draft(
            session, actor_id, op.entry_id, date.fromisoformat(op.day), op.source_key, revision=op.op_id
        )
        return _entry_result(op.kind, written)
    if isinstance(op, ResolveConflict):
        written = entries.resolve_conflict(session, actor_id, op.entry_id, op.keep, revision=op.op_id, authority=authority)
        return _entry_result(op.kind, written)
    if isinstance(op, CopyEntries):
        made = entries.copy_entries(
            session, actor_id, date.fromisoformat(op.day), op.source_ids, op.entry_ids, revision=op.op_id,
            authority=authority,
        )
        return AppliedResult(op.kind, {"entry_ids": [w.entry.id for w in made], "day": op.day})
    if isinstance(op, CommentWeek):
        comment = review.add_comment(
            session, actor_id, op.comment_id, op.owner_id, date.fromisoformat(op.week_start), op.text, op.entry_id
        )
        return AppliedResult(op.kind, {"comment_id": comment.id})
    if isinstance(op, ApproveWeek):
        week = review.approve_week(session, actor_id, op.owner_id, date.fromisoformat(op.week_start))
        return AppliedResult(op.kind, {"week_id": week.id, "state": week.state, "minutes": week.approved_minutes})
    if isinstance(op, ReopenWeek):
        week = review.reopen_week(session, actor_id, op.owner_id, date.fromisoformat(op.week_start), op.reason)
        return AppliedResult(op.kind, {"week_id": week.id, "state": week.state})
    raise TypeError(f"not a diary operation: {op!r}")


# --------------------------------------------------------------------------- the server's check


def _denied() -> PermissionDenied:
    return PermissionDenied(
        "Bạn không có quyền thao tác trên nhật ký công việc này.", "You may not act on that work diary."
    )


def check_worklog(session: Session, actor: User, op: Operation) -> None:
    """Refuse a pushed diary op that names someone else's entries or a diary the actor may
    not read; links must name documents the actor sees."""
    own: list[str] = []
    if isinstance(op, (AddEntry, UpdateEntry, DeleteEntry, DropDraft, ResolveConflict)):
        own.append(op.entry_id)
    elif isinstance(op, CopyEntries):
        own.extend([*op.source_ids, *op.entry_ids])
    for entry_id in own:
        entry = session.get(WorklogEntry, entry_id)
        if entry is not None and entry.user_id != actor.id:
            raise _denied()
    if isinstance(op, EntryValues):
        entries.check_links(session, actor, op.fields())
    if isinstance(op, (CommentWeek, ApproveWeek, ReopenWeek)):
        owner = session.get(User, op.owner_id)
        if owner is None:
            return  # NotFound from the domain
        allowed = review.may_read(session, actor, owner) if isinstance(op, CommentWeek) else review.leads(session, actor, owner)
        if not allowed:
            raise _denied()


KINDS = (AddEntry, UpdateEntry, DeleteEntry, DropDraft, ResolveConflict, CopyEntries, CommentWeek, ApproveWeek, ReopenWeek)
for _kind in KINDS:
    ops.register(_kind, apply_worklog, check_worklog)


def discard_rejected(session: Session, op: Operation) -> bool:
    """Undo on the client what a rejected diary ``op`` made that the server never had.

    Rows the op created and that carry no server version are deleted (a new entry, its
    copies, a dropped draft's marker, a comment, a week row). A change to a row that came
    from the server stays until the server's row changes again. False when ``op`` is not
    a diary operation.
    """
    from eoffice.worklog.models import WorklogComment, WorklogWeek
    from eoffice.worklog.weeks import copy_id, week_id

    if not isinstance(op, KINDS):
        return False
    made: list[tuple[type[Any], str]] = []
    if isinstance(op, (AddEntry, DropDraft)):
        made.append((WorklogEntry, op.entry_id))
    elif isinstance(op, CopyEntries):
        made.extend((WorklogEntry, i) for i in op.entry_ids)
    elif isinstance(op, UpdateEntry):
        made.append((WorklogEntry, copy_id(op.op_id)))
    elif isinstance(op, CommentWeek):
        made.append((WorklogComment, op.comment_id))
    elif isinstance(op, (ApproveWeek, ReopenWeek)):
        made.append((WorklogWeek, week_id(op.owner_id, date.fromisoformat(op.week_start))))
    for model, row_id in made:
        row = session.get(model, row_id)
        if row is not None and row.server_version is None:
            session.delete(row)
    session.flush()
    return True
