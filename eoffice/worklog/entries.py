"""Writing one's own diary: add, edit, delete entries, copy recurring ones, settle conflicts.

Only the owner writes their diary. An approved week is locked: on this computer a change
to it is refused at once. A change made offline that reaches the server after a leader
approved the week is not thrown away either: the server keeps it aside as a conflict
(``Conflict.LOCKED``) for the owner to settle once the week is reopened. Likewise an edit
based on a revision someone else changed first (another machine) is kept beside the
original as a conflict copy; the owner chooses which to keep. Either way the row the
change did not touch is re-stamped so that every machine pulls its true state again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.audit.chain import record
from eoffice.directory.access import load_actor
from eoffice.directory.models import User
from eoffice.errors import NotFound, PermissionDenied, StateError, ValidationError
from eoffice.store.base import utcnow
from eoffice.worklog.models import Category, Conflict, WeekState, WorklogEntry, WorklogWeek
from eoffice.worklog.weeks import copy_id, week_id, week_start

DAY = 24 * 60
MAX_TEXT = 2000


@dataclass(frozen=True)
class EntryFields:
    """What the owner writes in an entry (the ids and revisions travel beside it)."""

    day: date
    text: str
    category: str = Category.REGULAR.value
    minutes: int | None = None
    start_minute: int | None = None
    end_minute: int | None = None
    result: str = ""
    document_id: str | None = None
    direction_line_id: str | None = None
    meeting_id: str | None = None
    recurring: bool = False


def _invalid(vi: str, en: str, field: str) -> ValidationError:
    return ValidationError(vi, en, field=field)


def checked(fields: EntryFields) -> EntryFields:
    """The fields made consistent (``minutes`` from the times) or a ValidationError."""
    text = (fields.text or "").strip()
    if not text:
        raise _invalid("Hãy ghi nội dung công việc.", "Write what the work was.", "text")
    if len(text) > MAX_TEXT or len(fields.result or "") > MAX_TEXT:
        raise _invalid(
            f"Nội dung và kết quả không quá {MAX_TEXT} ký tự.",
            f"Text and result are limited to {MAX_TEXT} characters.",
            "text",
        )
    if fields.category not in {c.value for c in Category}:
        raise _invalid("Loại công việc không hợp lệ.", "Unknown category.", "category")
    if not date(2000, 1, 1) <= fields.day <= date(2100, 12, 31):
        raise _invalid("Ngày không hợp lệ.", "The day is not plausible.", "day")
    start, end, minutes = fields.start_minute, fields.end_minute, fields.minutes
    for value in (start, end):
        if value is not None and not 0 <= value <= DAY:
            raise _invalid("Giờ phải trong khoảng 00:00–24:00.", "Times lie between 00:00 and 24:00.", "time")
    if start is not None and end is None and minutes:
        end = start + minutes
    if end is not None and start is None:
        raise _invalid("Có giờ kết thúc thì cần giờ bắt đầu.", "An end time needs a start time.", "time")
    if start is not None and end is not None:
        if end <= start:
            raise _invalid("Giờ kết thúc phải sau giờ bắt đầu.", "The end time must be after the start time.", "time")
        if end > DAY:
            raise _invalid("Công việc không được kéo qua nửa đêm.", "An entry cannot run past midnight.", "time")
        minutes = end - start
    if start is not None and end is None:
        raise _invalid(
            "Hãy ghi giờ kết thúc hoặc thời lượng.", "Give an end time or a duration.", "time"
        )
    if minutes is None or not 0 < minutes <= DAY:
        raise _invalid(
            "Hãy ghi thời gian làm (trên 0 và không quá 24 giờ).",
            "Give the time spent (above 0, at most 24 hours).",
            "time",
        )
    return replace(
        fields, text=text, result=(fields.result or "").strip(), minutes=minutes, start_minute=start, end_minute=end
    )


# --------------------------------------------------------------------------- reading


def get_week(session: Session, user_id: str, day: date) -> WorklogWeek | None:
    return session.get(WorklogWeek, week_id(user_id, week_start(day)))


def is_locked(session: Session, user_id: str, day: date) -> bool:
    """Whether ``day`` lies in an approved (locked) week of ``user_id``."""
    week = get_week(session, user_id, day)
    return week is not None and not week.deleted and week.state == WeekState.APPROVED.value


def _locked_error(day: date) -> StateError:
    monday = week_start(day)
    return StateError(
        f"Tuần {monday:%d/%m}–{monday + timedelta(days=6):%d/%m/%Y} đã được lãnh đạo duyệt, không sửa được nữa; "
        "đề nghị lãnh đạo mở lại nếu cần.",
        "That week was approved and is locked; ask your leader to reopen it.",
        field="day",
    )


def _own_entry(session: Session, actor: User, entry_id: str) -> WorklogEntry:
    entry = session.get(WorklogEntry, entry_id)
    if entry is None:
        raise NotFound("Không tìm thấy mục nhật ký.", "Diary entry not found.")
    if entry.user_id != actor.id:
        raise PermissionDenied("Chỉ người viết nhật ký mới được sửa mục này.", "Only the diary's owner may change it.")
    return entry


def check_links(session: Session, actor: User, fields: EntryFields) -> None:
    """A linked document (or line) must exist and be one the owner may see."""
    from eoffice.documents.models import DirectionLine, Document
    from eoffice.documents.visibility import visible_documents

    document_ids = [fields.document_id] if fields.document_id else []
    if fields.direction_line_id:
        line = session.get(DirectionLine, fields.direction_line_id)
        if line is None or line.deleted:
            raise NotFound("Không tìm thấy việc được giao đã chọn.", "Linked direction line not found.")
        document_ids.append(line.document_id)
    for doc_id in document_ids:
        if session.get(Document, doc_id) is None:
            raise NotFound("Không tìm thấy văn bản được liên kết.", "Linked document not found.")
        seen = session.scalar(select(Document.id).where(Document.id == doc_id, visible_documents(actor)))
        if seen is None:
            raise PermissionDenied("Bạn không xem được văn bản này.", "You may not see that document.")


def _snapshot(entry: WorklogEntry) -> dict[str, object]:
    return {
        "day": entry.day.isoformat(), "start": entry.start_minute, "end": entry.end_minute, "minutes": entry.minutes,
        "text": entry.text, "category": entry.category, "result": entry.result, "document_id": entry.document_id,
        "direction_line_id": entry.direction_line_id, "meeting_id": entry.meeting_id, "recurring": entry.recurring,
        "conflict": entry.conflict, "conflict_of": entry.conflict_of, "deleted": entry.deleted,
    }


def _audit(session: Session, actor_id: str, action: str, entry: WorklogEntry, before: dict[str, object] | None) -> None:
    session.flush()
    record(
        session, actor_id=actor_id, action=action, target_type="worklog_entry", target_id=entry.id,
        before=before, after=_snapshot(entry),
    )


def _write(entry: WorklogEntry, fields: EntryFields) -> None:
    entry.day = fields.day
    entry.text = fields.text
    entry.category = fields.category
    entry.minutes = int(fields.minutes or 0)
    entry.start_minute = fields.start_minute
    entry.end_minute = fields.end_minute
    entry.result = fields.result
    entry.document_id = fields.document_id
    entry.direction_line_id = fields.direction_line_id
    entry.meeting_id = fields.meeting_id
    entry.recurring = fields.recurring


def fields_of(entry: WorklogEntry) -> EntryFields:
    return EntryFields(
        day=entry.day, text=entry.text, category=entry.category, minutes=entry.minutes,
        start_minute=entry.start_minute, end_minute=entry.end_minute, result=entry.result,
        document_id=entry.document_id, direction_line_id=entry.direction_line_id, meeting_id=entry.meeting_id,
        recurring=entry.recurring,
    )


def _touch(*entries: WorklogEntry | None) -> None:
    """Re-stamp rows a change left as they were, so every machine pulls them again."""
    for entry in entries:
        if entry is not None:
            entry.updated_at = utcnow()


# --------------------------------------------------------------------------- writing


@dataclass(frozen=True)
class Written:
    """What a change did: the entry it wrote, and whether it was kept aside as a conflict."""

    entry: WorklogEntry
    conflict: str = Conflict.NONE.value


def add_entry(
    session: Session,
    actor_id: str,
    entry_id: str,
    fields: EntryFields,
    *,
    revision: str,
    source_key: str | None = None,
    authority: bool = True,
) -> Written:
    """A new entry in the actor's own diary (``revision`` is the op_id that makes it)."""
    actor = load_actor(session, actor_id)
    fields = checked(fields)
    check_links(session, actor, fields)
    if session.get(WorklogEntry, entry_id) is not None:
        raise ValidationError(f"Mã mục nhật ký {entry_id} đã được dùng.", "The entry id is already used.", field="id")
    entry = WorklogEntry(id=entry_id, user_id=actor.id, revision=revision, created_at=utcnow())
    _write(entry, fields)
    conflict = Conflict.NONE
    if is_locked(session, actor.id, fields.day):
        if not authority:
            raise _locked_error(fields.day)
        conflict = Conflict.LOCKED
    if source_key:
        taken = session.scalar(
            select(WorklogEntry).where(WorklogEntry.user_id == actor.id, WorklogEntry.source_key == source_key)
        )
        if taken is not None:
            if not authority:
                raise StateError(
                    "Việc gợi ý này đã được ghi vào nhật ký.", "That drafted entry is already in the diary."
                )
            # Accepted on another machine too (or dropped there): keep this one beside it.
            entry.conflict_of = taken.id
            conflict = Conflict.DELETED if taken.deleted else Conflict.EDITED
            source_key = None
            _touch(taken)
    entry.source_key = source_key
    entry.conflict = conflict.value
    session.add(entry)
    _audit(session, actor.id, "worklog.entry_add", entry, None)
    return Written(entry, conflict.value)


def update_entry(
    session: Session,
    actor_id: str,
    entry_id: str,
    fields: EntryFields,
    *,
    base_revision: str,
    revision: str,
    authority: bool = True,
) -> Written:
    """Change an entry the owner saw at ``base_revision``; ``revision`` is this op's id.

    When the entry moved on meanwhile (edited or deleted on another machine) or its week
    was approved, the change becomes a conflict copy linked to the entry (nothing is lost).
    """
    actor = load_actor(session, actor_id)
    entry = _own_entry(session, actor, entry_id)
    fields = checked(fields)
    check_links(session, actor, fields)
    locked = is_locked(session, actor.id, entry.day) or is_locked(session, actor.id, fields.day)
    if locked and not entry.conflict:
        if not authority:
            raise _locked_error(entry.day if is_locked(session, actor.id, entry.day) else fields.day)
        return _copy(session, actor, entry, fields, revision, Conflict.LOCKED)
    if entry.revision != base_revision or (entry.deleted and not entry.conflict):
        mine = session.scalar(
            select(WorklogEntry).where(
                WorklogEntry.conflict_of == entry.id, WorklogEntry.revision == base_revision,
                WorklogEntry.deleted.is_(False),
            )
        )
        if mine is not None:  # a later edit of the copy an earlier edit made
            entry = mine
        else:
            reason = Conflict.DELETED if entry.deleted else Conflict.EDITED
            return _copy(session, actor, entry, fields, revision, reason)
    before = _snapshot(entry)
    _write(entry, fields)
    entry.revision = revision
    _audit(session, actor.id, "worklog.entry_update", entry, before)
    return Written(entry, entry.conflict)


def _copy(
    session: Session, actor: User, original: WorklogEntry, fields: EntryFields, revision: str, reason: Conflict
) -> Written:
    copy = WorklogEntry(
        id=copy_id(revision), user_id=actor.id, revision=revision, created_at=utcnow(),
        conflict_of=original.id, conflict=reason.value,
    )
    _write(copy, fields)
    session.add(copy)
    _touch(original)
    _audit(session, actor.id, "worklog.entry_conflict", copy, _snapshot(original))
    return Written(copy, reason.value)


def delete_entry(
    session: Session, actor_id: str, entry_id: str, *, base_revision: str, revision: str, authority: bool = True
) -> Written:
    """Delete an entry the owner saw at ``base_revision``.

    An entry changed elsewhere meanwhile, or in a week approved meanwhile, is kept: the
    deletion would throw away what the owner has not seen.
    """
    actor = load_actor(session, actor_id)
    entry = _own_entry(session, actor, entry_id)
    if entry.deleted:
        return Written(entry)
    if not entry.conflict and is_locked(session, actor.id, entry.day):
        if not authority:
            raise _locked_error(entry.day)
        _touch(entry)
        return Written(entry, Conflict.LOCKED.value)
    if entry.revision != base_revision:
        _touch(entry)
        return Written(entry, Conflict.EDITED.value)
    before = _snapshot(entry)
    entry.deleted = True
    entry.revision = revision
    _audit(session, actor.id, "worklog.entry_delete", entry, before)
    return Written(entry)


def drop_draft(session: Session, actor_id: str, entry_id: str, day: date, source_key: str, *, revision: str) -> Written:
    """The owner does not want a drafted entry: remember it (a deleted entry with its key)."""
    actor = load_actor(session, actor_id)
    taken = session.scalar(
        select(WorklogEntry).where(WorklogEntry.user_id == actor.id, WorklogEntry.source_key == source_key)
    )
    if taken is not None:
        return Written(taken)
    if session.get(WorklogEntry, entry_id) is not None:
        raise ValidationError(f"Mã mục nhật ký {entry_id} đã được dùng.", "The entry id is already used.", field="id")
    entry = WorklogEntry(
        id=entry_id, user_id=actor.id, day=day, text="", minutes=0, source_key=source_key, revision=revision,
        deleted=True, created_at=utcnow(),
    )
    session.add(entry)
    _audit(session, actor.id, "worklog.draft_drop", entry, None)
    return Written(entry)


KEEP_COPY = "copy"
KEEP_ORIGINAL = "original"


def resolve_conflict(
    session: Session, actor_id: str, copy_id_: str, keep: str, *, revision: str, authority: bool = True
) -> Written:
    """The owner chooses between a conflict copy and its original: one stays, one goes."""
    if keep not in (KEEP_COPY, KEEP_ORIGINAL):
        raise ValidationError("Hãy chọn giữ bản nào.", "Choose which version to keep.", field="keep")
    actor = load_actor(session, actor_id)
    copy = _own_entry(session, actor, copy_id_)
    if not copy.conflict or copy.deleted:
        return Written(copy)  # settled already (here or on another machine)
    original = session.get(WorklogEntry, copy.conflict_of) if copy.conflict_of else None
    if keep == KEEP_ORIGINAL:
        before = _snapshot(copy)
        copy.deleted = True
        copy.revision = revision
        _touch(original)
        _audit(session, actor.id, "worklog.conflict_resolve", copy, before)
        return Written(original or copy)
    days = [copy.day] + ([original.day] if original is not None else [])
    if any(is_locked(session, actor.id, d) for d in days):
        if not authority:
            raise _locked_error(next(d for d in days if is_locked(session, actor.id, d)))
        _touch(copy, original)
        return Written(copy, Conflict.LOCKED.value)
    if original is None:
        before = _snapshot(copy)
        copy.conflict = Conflict.NONE.value
        copy.revision = revision
        _audit(session, actor.id, "worklog.conflict_resolve", copy, before)
        return Written(copy)
    before = _snapshot(original)
    _write(original, fields_of(copy))
    original.deleted = False
    original.revision = revision
    copy.deleted = True
    copy.revision = revision
    _audit(session, actor.id, "worklog.conflict_resolve", original, before)
    return Written(original)


def copy_entries(
    session: Session,
    actor_id: str,
    day: date,
    source_ids: Sequence[str],
    new_ids: Sequence[str],
    *,
    revision: str,
    authority: bool = True,
) -> list[Written]:
    """Copy some of the owner's entries (yesterday's recurring ones) to ``day``."""
    if len(source_ids) != len(new_ids) or len(set(new_ids)) != len(new_ids):
        raise ValidationError("Danh sách mục sao chép không khớp.", "Source and new ids do not match.", field="id")
    actor = load_actor(session, actor_id)
    made = []
    for source_id, new_id in zip(source_ids, new_ids, strict=True):
        source = _own_entry(session, actor, source_id)
        if not source.counts:
            continue
        made.append(
            add_entry(
                session, actor_id, new_id, replace(fields_of(source), day=day), revision=revision, authority=authority
            )
        )
    return made


def recurring_to_copy(session: Session, user_id: str, day: date, look_back: int = 7) -> list[WorklogEntry]:
    """The recurring entries of the owner's last written day before ``day`` (within a week)
    that ``day`` does not have yet (same text)."""
    since = day - timedelta(days=look_back)
    rows = list(
        session.scalars(
            select(WorklogEntry)
            .where(
                WorklogEntry.user_id == user_id, WorklogEntry.day >= since, WorklogEntry.day <= day,
                WorklogEntry.deleted.is_(False), WorklogEntry.conflict == "",
            )
            .order_by(WorklogEntry.day.desc(), WorklogEntry.start_minute, WorklogEntry.created_at)
        )
    )
    today_texts = {e.text.casefold() for e in rows if e.day == day}
    earlier = [e for e in rows if e.day < day]
    if not earlier:
        return []
    last_day = max(e.day for e in earlier if e.recurring) if any(e.recurring for e in earlier) else None
    if last_day is None:
        return []
    return [e for e in earlier if e.day == last_day and e.recurring and e.text.casefold() not in today_texts]
