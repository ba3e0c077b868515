"""Who reviews whose diary: the rule for "the units a leader leads".

The org chart names no head of a unit, so the roles decide:

- a leader who is not also an officer (Chủ tịch, Phó Chủ tịch, Giám đốc, Phó Giám đốc)
  leads the whole organisation;
- a leader who is also an officer (Chánh Văn phòng, Trưởng phòng) leads their own unit
  and every unit below it;
- nobody leads a leader of the whole organisation (a deputy does not approve the
  director's week), and nobody reviews their own diary.

A person's diary is read by its owner and by the leaders who lead them; nobody else —
not another unit's head, not an admin. The same rule is written twice: in Python for
the domain's checks (``leads``) and as SQL for what the server sends (``visible_to``).
Both take a head of unit's units from ``unit_subtree``; the SQL names them as a list,
not as a recursive common table expression: a pull puts the clause of every diary table
into one statement, and SQL would have them all share (and SQLAlchemy refuses) one name.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import and_, exists, false, func, not_, or_, select
from sqlalchemy.orm import QueryableAttribute, Session, object_session
from sqlalchemy.sql.elements import ColumnElement

from eoffice.audit.chain import record
from eoffice.directory.access import load_actor
from eoffice.directory.models import Role, Unit, User, UserRole
from eoffice.errors import NotFound, PermissionDenied, StateError, ValidationError
from eoffice.store.base import utcnow
from eoffice.worklog.models import WeekState, WorklogComment, WorklogEntry, WorklogWeek
from eoffice.worklog.weeks import week_id, week_start


def leads_organisation(user: User) -> bool:
    """A leader who is not also an officer: Chủ tịch, Giám đốc and their deputies."""
    return user.has_role(Role.LEADER) and not user.has_role(Role.OFFICER)


def unit_subtree(session: Session, unit_id: str) -> set[str]:
    """``unit_id`` and every unit below it."""
    found = {unit_id}
    frontier = [unit_id]
    while frontier:
        children = list(session.scalars(select(Unit.id).where(Unit.parent_id.in_(frontier))))
        frontier = [c for c in children if c not in found]
        found.update(frontier)
    return found


def leads(session: Session, leader: User, owner: User) -> bool:
    """Whether ``leader`` reviews ``owner``'s diary (never their own)."""
    if leader.id == owner.id or not leader.has_role(Role.LEADER):
        return False
    if leader.organisation_id != owner.organisation_id or leads_organisation(owner):
        return False
    if leads_organisation(leader):
        return True
    if leader.unit_id is None or owner.unit_id is None:
        return False
    return owner.unit_id in unit_subtree(session, leader.unit_id)


def may_read(session: Session, viewer: User, owner: User) -> bool:
    """The owner, and the leaders who lead them."""
    return viewer.id == owner.id or leads(session, viewer, owner)


def led_people(session: Session, leader: User) -> list[User]:
    """The people whose diaries ``leader`` reviews, by unit then name."""
    if not leader.has_role(Role.LEADER):
        return []
    query = select(User).where(
        User.organisation_id == leader.organisation_id, User.deleted.is_(False), User.id != leader.id
    )
    if not leads_organisation(leader):
        if leader.unit_id is None:
            return []
        query = query.where(User.unit_id.in_(sorted(unit_subtree(session, leader.unit_id))))
    people = [u for u in session.scalars(query) if not leads_organisation(u)]
    units = dict(session.execute(select(Unit.id, Unit.name)).all())
    people.sort(key=lambda u: (units.get(u.unit_id or "", ""), u.full_name, u.username))
    return people


def _has_role(user_id: ColumnElement[str] | QueryableAttribute[str], role: Role) -> ColumnElement[bool]:
    return exists().where(UserRole.user_id == user_id, UserRole.role == role.value)


def led_user_ids(leader: User, session: Session | None = None) -> ColumnElement[bool]:
    """SQL: ``User`` rows ``leader`` leads (for a WHERE on ``users``).

    ``session`` (by default the one ``leader`` was loaded in) reads a head of unit's unit
    tree, as ``leads`` does; the clause names the units, so it can stand any number of
    times in one statement.
    """
    if not leader.has_role(Role.LEADER):
        return false()
    heads = and_(_has_role(User.id, Role.LEADER), not_(_has_role(User.id, Role.OFFICER)))
    same_org = and_(User.organisation_id == leader.organisation_id, User.id != leader.id, not_(heads))
    if leads_organisation(leader):
        return same_org
    if leader.unit_id is None:
        return false()
    session = session or object_session(leader)
    if session is None:
        raise ValueError("led_user_ids needs a session to read a head of unit's unit tree")
    return and_(same_org, User.unit_id.in_(sorted(unit_subtree(session, leader.unit_id))))


def visible_to(
    viewer: User, owner_column: ColumnElement[str], session: Session | None = None
) -> ColumnElement[bool]:
    """SQL: rows whose owner (``owner_column``) ``viewer`` may read: their own, and those of
    the people they lead."""
    led = select(User.id).where(led_user_ids(viewer, session))
    return or_(owner_column == viewer.id, owner_column.in_(led))


# --------------------------------------------------------------------------- the leader's actions


def _owner_for_review(session: Session, actor: User, owner_id: str) -> User:
    owner = session.get(User, owner_id)
    if owner is None or owner.deleted:
        raise NotFound("Không tìm thấy người viết nhật ký.", "Diary owner not found.")
    if not leads(session, actor, owner):
        raise PermissionDenied(
            "Chỉ lãnh đạo phụ trách đơn vị của người này mới được duyệt nhật ký của họ.",
            "Only a leader of this person's unit may review their diary.",
        )
    return owner


def _week_row(session: Session, owner_id: str, monday: date) -> WorklogWeek:
    row = session.get(WorklogWeek, week_id(owner_id, monday))
    if row is None:
        row = WorklogWeek(id=week_id(owner_id, monday), user_id=owner_id, week_start=monday, state=WeekState.OPEN.value)
        session.add(row)
        session.flush()
    return row


def _week_snapshot(row: WorklogWeek) -> dict[str, object]:
    return {
        "user_id": row.user_id, "week_start": row.week_start.isoformat(), "state": row.state,
        "approved_by": row.approved_by, "approved_minutes": row.approved_minutes,
        "reopened_by": row.reopened_by, "reopen_reason": row.reopen_reason,
    }


def counted_minutes(session: Session, owner_id: str, monday: date) -> int:
    return int(
        session.scalar(
            select(func.coalesce(func.sum(WorklogEntry.minutes), 0)).where(
                WorklogEntry.user_id == owner_id, WorklogEntry.day >= monday,
                WorklogEntry.day <= monday + timedelta(days=6), WorklogEntry.deleted.is_(False),
                WorklogEntry.conflict == "",
            )
        )
        or 0
    )


def approve_week(session: Session, actor_id: str, owner_id: str, monday: date) -> WorklogWeek:
    """The leader approves a person's week (đã duyệt): from now on it is locked."""
    actor = load_actor(session, actor_id)
    owner = _owner_for_review(session, actor, owner_id)
    monday = week_start(monday)
    row = _week_row(session, owner.id, monday)
    if row.state == WeekState.APPROVED.value:
        who = session.get(User, row.approved_by) if row.approved_by else None
        raise StateError(
            f"Tuần này đã được {who.full_name if who else 'lãnh đạo'} duyệt.", "That week is already approved."
        )
    before = _week_snapshot(row)
    row.state = WeekState.APPROVED.value
    row.approved_by = actor.id
    row.approved_at = utcnow()
    row.approved_minutes = counted_minutes(session, owner.id, monday)
    session.flush()
    record(
        session, actor_id=actor.id, action="worklog.week_approve", target_type="worklog_week", target_id=row.id,
        before=before, after=_week_snapshot(row),
    )
    return row


def reopen_week(session: Session, actor_id: str, owner_id: str, monday: date, reason: str) -> WorklogWeek:
    """The leader opens an approved week again, saying why (an audited action)."""
    actor = load_actor(session, actor_id)
    owner = _owner_for_review(session, actor, owner_id)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            "Cần ghi lý do mở lại tuần đã duyệt.", "A reason is required to reopen the week.", field="reason"
        )
    monday = week_start(monday)
    row = session.get(WorklogWeek, week_id(owner.id, monday))
    if row is None or row.state != WeekState.APPROVED.value:
        raise StateError("Tuần này chưa được duyệt, không cần mở lại.", "That week is not approved.")
    before = _week_snapshot(row)
    row.state = WeekState.OPEN.value
    row.reopened_by = actor.id
    row.reopened_at = utcnow()
    row.reopen_reason = reason[:2000]
    session.flush()
    record(
        session, actor_id=actor.id, action="worklog.week_reopen", target_type="worklog_week", target_id=row.id,
        before=before, after=_week_snapshot(row),
    )
    return row


def add_comment(
    session: Session, actor_id: str, comment_id: str, owner_id: str, monday: date, text: str,
    entry_id: str | None = None,
) -> WorklogComment:
    """A comment on a week of a diary (or one of its entries): by a leader, or the owner's reply."""
    actor = load_actor(session, actor_id)
    owner = session.get(User, owner_id)
    if owner is None or owner.deleted:
        raise NotFound("Không tìm thấy người viết nhật ký.", "Diary owner not found.")
    if not may_read(session, actor, owner):
        raise PermissionDenied("Bạn không xem được nhật ký này.", "You may not read that diary.")
    text = (text or "").strip()
    if not text or len(text) > 2000:
        raise ValidationError(
            "Hãy ghi ý kiến (không quá 2000 ký tự).", "Write a comment (up to 2000 characters).", field="text"
        )
    monday = week_start(monday)
    if entry_id is not None:
        entry = session.get(WorklogEntry, entry_id)
        if entry is None or entry.user_id != owner.id or week_start(entry.day) != monday:
            raise NotFound("Không tìm thấy mục nhật ký được nhận xét.", "The entry commented on was not found.")
    if session.get(WorklogComment, comment_id) is not None:
        raise ValidationError(f"Mã ý kiến {comment_id} đã được dùng.", "The comment id is already used.", field="id")
    comment = WorklogComment(
        id=comment_id, user_id=owner.id, week_start=monday, entry_id=entry_id, author_id=actor.id, text=text,
        created_at=utcnow(),
    )
    session.add(comment)
    session.flush()
    record(
        session, actor_id=actor.id, action="worklog.comment", target_type="worklog_comment", target_id=comment.id,
        after={"user_id": owner.id, "week_start": monday.isoformat(), "entry_id": entry_id, "text": text},
    )
    return comment


def led_units(session: Session, leader: User) -> list[tuple[str, str]]:
    """The units a leader may report on (id, name): every unit of the organisation for its
    heads, their own unit and those below it for a head of unit."""
    if not leader.has_role(Role.LEADER):
        return []
    query = select(Unit.id, Unit.name).where(Unit.organisation_id == leader.organisation_id, Unit.deleted.is_(False))
    if not leads_organisation(leader):
        if leader.unit_id is None:
            return []
        query = query.where(Unit.id.in_(sorted(unit_subtree(session, leader.unit_id))))
    return [(uid, name) for uid, name in session.execute(query.order_by(Unit.name))]
