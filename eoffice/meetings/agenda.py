"""A sitting's agenda (chương trình họp): a tree of items, edited by the organisers.

Items are ordered by ``position`` among their siblings (same sitting, same parent),
renumbered densely (0, 1, 2…) after every add, move and removal, so a drag and drop
says only "under this parent, at this index". Numbers ("1", "1.2", "1.2.1") and
planned times are computed here, never stored.

Durations: an item's own ``planned_minutes`` is the time of the item itself (its
presentation, or the introduction of a group); its sub-items follow it. An item
therefore lasts its own minutes plus the durations of its sub-items, and its first
sub-item starts when its own minutes are over. The first item starts at the sitting's
start; each next sibling starts when the previous one ends.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.audit.chain import record
from eoffice.directory.models import Unit, User
from eoffice.errors import NotFound, ValidationError
from eoffice.meetings import rules
from eoffice.meetings.models import AgendaItem, Decision, Meeting, MeetingDocument, Sitting
from eoffice.meetings.organising import item_of, organiser, still_open
from eoffice.meetings.values import aware


@dataclass(frozen=True)
class ItemFields:
    """What the agenda editor sets on an item."""

    title: str
    presenter_id: str | None = None
    presenter_unit_id: str | None = None
    planned_minutes: int = 0
    decision: str = Decision.INFORMATION.value
    vote_rule: str = ""


@dataclass(frozen=True)
class AgendaLine:
    """An item as the agenda shows it: its number, depth and planned times."""

    item: AgendaItem
    number: str
    depth: int
    starts_at: datetime
    ends_at: datetime
    minutes: int  # its own and its sub-items'


# --------------------------------------------------------------------------- checks


def _sitting(session: Session, meeting: Meeting, sitting_id: str) -> Sitting:
    sitting = session.get(Sitting, sitting_id)
    if sitting is None or sitting.deleted:
        raise NotFound("Không tìm thấy phiên họp.", "Sitting not found.")
    if sitting.meeting_id != meeting.id:
        raise ValidationError(
            "Phiên họp này không thuộc cuộc họp đang sửa.", "That sitting belongs to another meeting.",
            field="sitting_id",
        )
    return sitting


def _clean(session: Session, meeting: Meeting, fields: ItemFields) -> ItemFields:
    title = fields.title.strip()
    if not title:
        raise ValidationError("Hãy nhập tên nội dung họp.", "The agenda item needs a title.", field="title")
    if fields.planned_minutes < 0:
        raise ValidationError("Thời lượng dự kiến không được âm.", "Planned minutes cannot be negative.",
                              field="planned_minutes")
    try:
        decision = Decision(fields.decision)
    except ValueError:
        raise ValidationError(
            "Hình thức xử lý nội dung không hợp lệ (thông tin, thảo luận hoặc biểu quyết).",
            "The expected decision must be information, discussion or vote.", field="decision",
        ) from None
    vote_rule = fields.vote_rule.strip()
    if decision is Decision.VOTE:
        ruleset = rules.RuleSet.from_json(meeting.vote_rules)
        if not vote_rule or ruleset.vote(vote_rule) is None:
            known = ", ".join(r.label for r in ruleset.votes) or "không có quy tắc nào"
            raise ValidationError(
                f"Nội dung biểu quyết phải dùng một quy tắc biểu quyết của cuộc họp ({known}).",
                "A vote item must name one of the meeting's vote rules.", field="vote_rule",
            )
    else:
        vote_rule = ""
    if fields.presenter_id is not None:
        presenter = session.get(User, fields.presenter_id)
        if presenter is None or presenter.deleted:
            raise ValidationError("Không tìm thấy người trình bày.", "Presenter not found.", field="presenter_id")
    if fields.presenter_unit_id is not None:
        unit = session.get(Unit, fields.presenter_unit_id)
        if unit is None or unit.deleted:
            raise ValidationError("Không tìm thấy đơn vị trình.", "Presenting unit not found.",
                                  field="presenter_unit_id")
    return ItemFields(title, fields.presenter_id, fields.presenter_unit_id, fields.planned_minutes,
                      decision.value, vote_rule)


def _parent(session: Session, meeting: Meeting, sitting: Sitting, parent_id: str | None) -> AgendaItem | None:
    if parent_id is None:
        return None
    parent = session.get(AgendaItem, parent_id)
    if parent is None or parent.deleted:
        raise NotFound("Không tìm thấy nội dung cha trong chương trình.", "Parent item not found.")
    if parent.meeting_id != meeting.id or parent.sitting_id != sitting.id:
        raise ValidationError(
            "Chỉ xếp được nội dung vào một nội dung của cùng phiên họp.",
            "An item can only go under an item of the same sitting.", field="parent_id",
        )
    return parent


def _siblings(session: Session, sitting_id: str, parent_id: str | None, but: str | None = None) -> list[AgendaItem]:
    query = select(AgendaItem).where(
        AgendaItem.sitting_id == sitting_id, AgendaItem.deleted.is_(False),
        AgendaItem.parent_id.is_(None) if parent_id is None else AgendaItem.parent_id == parent_id,
    )
    if but is not None:
        query = query.where(AgendaItem.id != but)
    return list(session.scalars(query.order_by(AgendaItem.position, AgendaItem.id)))


def _place(siblings: list[AgendaItem], item: AgendaItem, position: int) -> None:
    """Put ``item`` at ``position`` among ``siblings`` (appended past the end), dense positions."""
    at = max(0, min(position, len(siblings)))
    ordered = [*siblings[:at], item, *siblings[at:]]
    _renumber(ordered)


def _renumber(ordered: list[AgendaItem]) -> None:
    for index, row in enumerate(ordered):
        if row.position != index:
            row.position = index


def _subtree(session: Session, item: AgendaItem) -> list[AgendaItem]:
    """``item`` and every live item under it (one query: the sitting's items)."""
    rows = session.scalars(
        select(AgendaItem).where(AgendaItem.sitting_id == item.sitting_id, AgendaItem.deleted.is_(False))
    )
    children: dict[str | None, list[AgendaItem]] = defaultdict(list)
    for row in rows:
        children[row.parent_id].append(row)
    found, todo = [], [item]
    while todo:
        row = todo.pop()
        found.append(row)
        todo.extend(children.get(row.id, []))
    return found


def _snapshot(item: AgendaItem) -> dict[str, object]:
    return {
        "sitting_id": item.sitting_id, "parent_id": item.parent_id, "position": item.position, "title": item.title,
        "presenter_id": item.presenter_id, "presenter_unit_id": item.presenter_unit_id,
        "planned_minutes": item.planned_minutes, "decision": item.decision, "vote_rule": item.vote_rule,
        "deleted": item.deleted,
    }


def _audit(session: Session, actor_id: str, action: str, item: AgendaItem, before: dict[str, object] | None) -> None:
    record(session, actor_id=actor_id, action=f"meeting.{action}", target_type="meeting_agenda_item",
           target_id=item.id, before=before, after=_snapshot(item))


# --------------------------------------------------------------------------- changes


def add_item(
    session: Session, actor_id: str, item_id: str, meeting_id: str, sitting_id: str, fields: ItemFields,
    parent_id: str | None = None, position: int = 1_000_000,
) -> AgendaItem:
    """A new item of ``sitting_id``'s agenda, under ``parent_id``, at ``position`` among its siblings."""
    _, meeting = organiser(session, actor_id, meeting_id)
    still_open(meeting)
    if session.get(AgendaItem, item_id) is not None:
        raise ValidationError("Nội dung này đã có trong chương trình.", "That agenda item already exists.")
    sitting = _sitting(session, meeting, sitting_id)
    _parent(session, meeting, sitting, parent_id)
    clean = _clean(session, meeting, fields)
    item = AgendaItem(
        id=item_id, meeting_id=meeting.id, sitting_id=sitting.id, parent_id=parent_id, position=0,
        title=clean.title, presenter_id=clean.presenter_id, presenter_unit_id=clean.presenter_unit_id,
        planned_minutes=clean.planned_minutes, decision=clean.decision, vote_rule=clean.vote_rule,
    )
    _place(_siblings(session, sitting.id, parent_id), item, position)
    session.add(item)
    session.flush()
    _audit(session, actor_id, "agenda_add", item, None)
    return item


def update_item(session: Session, actor_id: str, item_id: str, fields: ItemFields) -> AgendaItem:
    item = item_of(session, item_id)
    _, meeting = organiser(session, actor_id, item.meeting_id)
    still_open(meeting)
    clean = _clean(session, meeting, fields)
    before = _snapshot(item)
    item.title, item.presenter_id, item.presenter_unit_id = clean.title, clean.presenter_id, clean.presenter_unit_id
    item.planned_minutes, item.decision, item.vote_rule = clean.planned_minutes, clean.decision, clean.vote_rule
    session.flush()
    _audit(session, actor_id, "agenda_update", item, before)
    return item


def move_item(
    session: Session, actor_id: str, item_id: str, parent_id: str | None, position: int,
    sitting_id: str | None = None,
) -> AgendaItem:
    """Drag and drop: ``item_id`` (with its sub-items) under ``parent_id`` at ``position``,
    in ``sitting_id`` (another sitting of the same meeting) or its own."""
    item = item_of(session, item_id)
    _, meeting = organiser(session, actor_id, item.meeting_id)
    still_open(meeting)
    sitting = _sitting(session, meeting, sitting_id or item.sitting_id)
    if parent_id is not None:
        moved = {row.id for row in _subtree(session, item)}
        if parent_id in moved:
            raise ValidationError(
                "Không chuyển được một nội dung vào chính nó hoặc vào nội dung con của nó.",
                "An item cannot be moved under itself or one of its sub-items.", field="parent_id",
            )
    _parent(session, meeting, sitting, parent_id)
    before = _snapshot(item)
    old_sitting, old_parent = item.sitting_id, item.parent_id
    if sitting.id != item.sitting_id:
        for row in _subtree(session, item):
            row.sitting_id = sitting.id
    item.parent_id = parent_id
    _place(_siblings(session, sitting.id, parent_id, but=item.id), item, position)
    if (old_sitting, old_parent) != (sitting.id, parent_id):
        _renumber(_siblings(session, old_sitting, old_parent, but=item.id))
    session.flush()
    _audit(session, actor_id, "agenda_move", item, before)
    return item


def remove_item(session: Session, actor_id: str, item_id: str) -> list[str]:
    """Remove an item, its sub-items and their documents (kept as deleted rows); the ids removed."""
    item = item_of(session, item_id)
    _, meeting = organiser(session, actor_id, item.meeting_id)
    still_open(meeting)
    before = _snapshot(item)
    rows = _subtree(session, item)
    ids = [row.id for row in rows]
    for row in rows:
        row.deleted = True
    for doc in session.scalars(
        select(MeetingDocument).where(MeetingDocument.item_id.in_(ids), MeetingDocument.deleted.is_(False))
    ):
        doc.deleted = True
    _renumber(_siblings(session, item.sitting_id, item.parent_id, but=item.id))
    session.flush()
    _audit(session, actor_id, "agenda_remove", item, before)
    return ids


# --------------------------------------------------------------------------- reading


def agenda_of(session: Session, sitting_id: str) -> list[AgendaLine]:
    """The sitting's agenda in reading order, numbered, with planned times (two queries)."""
    sitting = session.get(Sitting, sitting_id)
    if sitting is None or sitting.deleted:
        raise NotFound("Không tìm thấy phiên họp.", "Sitting not found.")
    rows = session.scalars(
        select(AgendaItem).where(AgendaItem.sitting_id == sitting_id, AgendaItem.deleted.is_(False))
        .order_by(AgendaItem.position, AgendaItem.id)
    )
    children: dict[str | None, list[AgendaItem]] = defaultdict(list)
    for row in rows:
        children[row.parent_id].append(row)
    known = {row.id for group in children.values() for row in group}
    # An item whose parent is gone (or not pulled yet) shows at the top level, not lost.
    roots = [row for parent, group in children.items() if parent is None or parent not in known for row in group]
    roots.sort(key=lambda r: (r.parent_id is not None, r.position, r.id))

    def total(row: AgendaItem) -> int:
        return row.planned_minutes + sum(total(c) for c in children.get(row.id, []))

    lines: list[AgendaLine] = []

    def walk(group: list[AgendaItem], prefix: str, depth: int, start: datetime) -> datetime:
        for index, row in enumerate(group, 1):
            number = f"{prefix}{index}"
            minutes = total(row)
            end = start + timedelta(minutes=minutes)
            lines.append(AgendaLine(row, number, depth, start, end, minutes))
            walk(children.get(row.id, []), f"{number}.", depth + 1, start + timedelta(minutes=row.planned_minutes))
            start = end
        return start

    walk(roots, "", 0, aware(sitting.starts_at))
    return lines


def numbers_of(session: Session, sitting_id: str) -> dict[str, str]:
    """Each item's number by id."""
    return {line.item.id: line.number for line in agenda_of(session, sitting_id)}
