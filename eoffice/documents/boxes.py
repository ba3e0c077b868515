"""The sidebar's boxes (hộp văn bản): which documents a user sees in each, and how many.

Every list is newest first by ``Document.sort_key`` with keyset pagination (``sort_key <
before_key``), so the next page costs the same at row 200 and at row 900,000: the
database walks an index backwards and stops after ``limit`` rows.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Select,
    and_,
    column,
    exists,
    false,
    func,
    or_,
    select,
    table,
    true,
    union_all,
)
from sqlalchemy.orm import Session

from eoffice.directory.models import Role, User
from eoffice.documents import boxcounts
from eoffice.documents.followup import due_soon_until
from eoffice.documents.listing import DocumentRow, row_select
from eoffice.documents.models import DirectionLine, Document, Register
from eoffice.documents.types import Direction, DocState, LineState
from eoffice.documents.visibility import unit_subtree, visible_documents

#: Line states that still ask something of their recipient.
OPEN_LINE_STATES = (LineState.WAITING.value, LineState.IN_PROGRESS.value)
#: DUE_SOON looks this many calendar days ahead (today included).
SOON_DAYS = 3


class Box(str, enum.Enum):
    INCOMING = "incoming"  # văn bản đến
    OUTGOING = "outgoing"  # văn bản đi (đã ban hành)
    WAITING_FOR_ME = "waiting"  # chờ tôi xử lý
    DUE_SOON = "due_soon"  # sắp đến hạn
    OVERDUE = "overdue"  # quá hạn
    DRAFTS_TO_APPROVE = "to_approve"  # dự thảo chờ duyệt
    MY_DRAFTS = "my_drafts"  # dự thảo của tôi


def is_privileged(user: User) -> bool:
    """Clerks and leaders follow the whole organisation (its ordinary documents, every line)."""
    return user.has_role(Role.CLERK) or user.has_role(Role.LEADER)


def visible_to(user: User) -> ColumnElement[bool]:
    """Documents the user may see, not deleted: the rule of ``visibility`` (the server's too)."""
    return and_(visible_documents(user), Document.deleted.is_(False))


def _my_open_lines(user: User, *conditions: Any) -> list[Select[Any]]:
    """Selects of ``document_id`` of the open lines addressed to the user or their unit.

    A unit's line counts for its members only while nobody in particular holds it
    (``user_id`` is NULL). Two index range scans (ix_lines_user_state,
    ix_lines_unit_state) to be joined by UNION ALL, rather than one OR the planner
    might turn into a scan.
    """
    common = (DirectionLine.state.in_(OPEN_LINE_STATES), DirectionLine.deleted.is_(False), *conditions)
    parts = [select(DirectionLine.document_id).where(DirectionLine.user_id == user.id, *common)]
    if user.unit_id is not None:
        parts.append(
            select(DirectionLine.document_id).where(
                DirectionLine.unit_id == user.unit_id,
                # not "user_id IS NULL": SQLite would pick ix_lines_user_state for it and
                # walk every unit line of every unit
                func.coalesce(DirectionLine.user_id, "") == "",
                *common,
            )
        )
    return parts


def _union(parts: list[Select[Any]]) -> Any:
    return parts[0] if len(parts) == 1 else union_all(*parts)


def _org_open_lines(user: User, *conditions: Any) -> list[Select[Any]]:
    """``document_id`` of every open line; the caller's query keeps the organisation's.

    No join here: the lines are found on ix_lines_state_deadline and the outer query
    checks each document's organisation by primary key.
    """
    return [
        select(DirectionLine.document_id).where(
            DirectionLine.state.in_(OPEN_LINE_STATES), DirectionLine.deleted.is_(False), *conditions
        )
    ]


def _deadline_lines(user: User, *conditions: Any) -> list[Select[Any]]:
    if is_privileged(user):
        return _org_open_lines(user, *conditions)
    return _my_open_lines(user, *conditions)


def box_condition(box: Box, user: User, today: date, soon_until: date) -> ColumnElement[bool]:
    """The WHERE clause of a box, visibility included.

    ``soon_until`` is the last day that counts as due soon (``followup.due_soon_until``:
    time limits count working days, so the sidebar agrees with the follow-up counts).
    """
    org = Document.organisation_id == user.organisation_id
    if box is Box.INCOMING:
        what: ColumnElement[bool] = and_(org, Document.direction == Direction.INCOMING.value)
    elif box is Box.OUTGOING:
        what = and_(
            org,
            Document.direction == Direction.OUTGOING.value,
            Document.state == DocState.ISSUED.value,
        )
    elif box is Box.WAITING_FOR_ME:
        parts = _my_open_lines(user)
        if user.has_role(Role.LEADER):
            parts.append(
                select(Document.id).where(
                    org,
                    Document.direction == Direction.INCOMING.value,
                    Document.state == DocState.REGISTERED.value,
                )
            )
        if user.has_role(Role.CLERK):
            parts.append(
                select(Document.id).where(
                    org,
                    Document.direction == Direction.OUTGOING.value,
                    Document.state == DocState.APPROVED.value,
                )
            )
        what = Document.id.in_(_union(parts))
    elif box is Box.DUE_SOON:
        what = Document.id.in_(
            _union(_deadline_lines(user, DirectionLine.deadline >= today, DirectionLine.deadline <= soon_until))
        )
    elif box is Box.OVERDUE:
        what = Document.id.in_(_union(_deadline_lines(user, DirectionLine.deadline < today)))
    elif box is Box.DRAFTS_TO_APPROVE:
        what = and_(
            org,
            Document.direction == Direction.OUTGOING.value,
            Document.state == DocState.SUBMITTED.value,
            Document.approver_id == user.id,
        )
    elif box is Box.MY_DRAFTS:
        # As a subquery, so the planner finds the few drafts on ix_documents_state and
        # sorts them, rather than walking every outgoing document newest first.
        what = Document.id.in_(
            select(Document.id).where(
                org,
                Document.direction == Direction.OUTGOING.value,
                Document.state.in_(
                    (DocState.DRAFT.value, DocState.RETURNED.value, DocState.SUBMITTED.value)
                ),
                Document.created_by == user.id,
            )
        )
    else:  # pragma: no cover - exhaustive
        raise ValueError(box)
    return and_(visible_to(user), what)


def box_page(
    session: Session,
    box: Box,
    user: User,
    today: date,
    *,
    before_key: int | None = None,
    limit: int = 200,
    soon_days: int = SOON_DAYS,
) -> list[DocumentRow]:
    """One page of a box, newest first; pass the last row's ``sort_key`` for the next page.

    The boxes built from a set of documents (lines, drafts) cannot walk an index in
    order: their set is gathered and sorted. Only the keys are sorted, then the page's
    rows are read, so a box of 10,000 overdue documents sorts integers, not subjects.
    """
    condition = box_condition(box, user, today, due_soon_until(session, today, soon_days))
    if before_key is not None:
        condition = and_(condition, Document.sort_key < before_key)
    if box in _SET_BOXES:
        keys = select(Document.sort_key).where(condition).order_by(Document.sort_key.desc()).limit(limit)
        condition = Document.sort_key.in_(keys)
    stmt = row_select().where(condition).order_by(Document.sort_key.desc()).limit(limit)
    return [DocumentRow.from_tuple(r) for r in session.execute(stmt)]


_SET_BOXES = frozenset({Box.WAITING_FOR_ME, Box.DUE_SOON, Box.OVERDUE, Box.MY_DRAFTS})


def _count(session: Session, condition: ColumnElement[bool]) -> int:
    return int(session.execute(select(func.count()).select_from(Document).where(condition)).scalar_one())


def _kind_registers(session: Session, user: User, kind: str) -> list[str]:
    return list(
        session.scalars(
            select(Register.id).where(Register.organisation_id == user.organisation_id, Register.kind == kind)
        )
    )


def year_count_by_condition(session: Session, user: User, kind: str, year: int) -> int:
    """Documents entered in the organisation's ``kind`` registers during ``year`` that the
    user may see, counted by reading them (PostgreSQL; the reference for the kept counts)."""
    registers = _kind_registers(session, user, kind)
    if not registers:
        return 0
    return _count(
        session,
        and_(
            Document.register_id.in_(registers),
            Document.year == year,
            Document.register_number.is_not(None),
            visible_to(user),
        ),
    )


def counts_by_condition(session: Session, user: User, today: date, soon_until: date) -> dict[Box, int]:
    """Every count by its list's condition: what ``box_counts`` answers, the slow way."""
    counts: dict[Box, int] = {
        Box.INCOMING: year_count_by_condition(session, user, Direction.INCOMING.value, today.year),
        Box.OUTGOING: year_count_by_condition(session, user, Direction.OUTGOING.value, today.year),
    }
    for box in (Box.WAITING_FOR_ME, Box.DUE_SOON, Box.OVERDUE, *_LIST_COUNTED):
        counts[box] = _count(session, box_condition(box, user, today, soon_until))
    return counts


_LIST_COUNTED = (Box.DRAFTS_TO_APPROVE, Box.MY_DRAFTS)

_ENTRIES = table(
    "box_entries", column("viewer_id"), column("register_id"), column("year"), column("ordinary"),
    column("document_id"),
)
_ENTRY_COUNTS = table("box_entry_counts", column("viewer_id"), column("register_id"), column("year"), column("documents"))
_TALLIES = table("box_tallies", column("register_id"), column("year"), column("documents"))
_OPEN = table("box_open", column("viewer_id"), column("deadline", Date), column("trusted"), column("document_id"))


def _entry_keys(session: Session, user: User) -> list[str]:
    """The ``box_entries`` viewer keys that make a document visible to ``user``, besides
    the ordinary documents clerks and leaders see by role: an officer's units (theirs and
    those below it) first, as they reach the most, then the person, then their roles."""
    org = user.organisation_id
    keys: list[str] = []
    if not is_privileged(user) and user.has_role(Role.OFFICER) and user.unit_id is not None:
        keys.extend(unit_subtree(session, user.unit_id))
    keys.append(user.id)
    keys.extend(f"{role.value}:{org}" for role in (Role.LEADER, Role.CLERK) if user.has_role(role))
    return keys


def _sum(parts: list[Any]) -> Any:
    total = parts[0]
    for part in parts[1:]:
        total = total + part
    return total


def _kept_year_count(session: Session, user: User, keys: list[str], kind: str, year: int) -> int:
    """A year of the ``kind`` registers from ``box_tallies``, ``box_entry_counts`` and ``box_entries``.

    Clerks and leaders see every ordinary document (the tally) and of the others those
    their keys reach; everyone else, those their keys reach. The first key's documents
    are read from its count; each next key's rows are counted less those an earlier key
    already reached, so that a document counts once without sorting tens of thousands of ids.
    """
    registers = _kind_registers(session, user, kind)
    if not registers:
        return 0
    privileged = is_privileged(user)
    e = _ENTRIES
    parts: list[Any] = []
    if privileged:
        parts.append(
            select(func.coalesce(func.sum(_TALLIES.c.documents), 0))
            .where(_TALLIES.c.register_id.in_(registers), _TALLIES.c.year == year)
            .scalar_subquery()
        )
    for i, key in enumerate(keys):
        if i == 0 and not privileged:
            c = _ENTRY_COUNTS
            parts.append(
                select(func.coalesce(func.sum(c.c.documents), 0))
                .where(c.c.viewer_id == key, c.c.register_id.in_(registers), c.c.year == year)
                .scalar_subquery()
            )
            continue
        where = [e.c.viewer_id == key, e.c.register_id.in_(registers), e.c.year == year]
        if privileged:
            where.append(e.c.ordinary == false())
        if i:
            f = _ENTRIES.alias("f")
            where.append(
                ~exists().where(
                    f.c.viewer_id.in_(keys[:i]),
                    f.c.register_id == e.c.register_id,
                    f.c.year == e.c.year,
                    f.c.ordinary == e.c.ordinary,
                    f.c.document_id == e.c.document_id,
                )
            )
        parts.append(select(func.count()).select_from(e).where(*where).scalar_subquery())
    return int(session.execute(select(_sum(parts))).scalar_one())


def _kept_open_count(
    session: Session,
    user: User,
    entry_keys: list[str],
    keys: list[str],
    when: Callable[[Any], list[Any]] = lambda deadline: [],
    doubted: str | None = None,
) -> int:
    """Documents of ``box_open`` rows of ``keys``: trusted ones, and the others the user may see.

    ``when`` gives the conditions on a row's deadline column. Trusted rows are counted key by key in document order (``ix_box_open_viewer``), less
    the documents an earlier key already counted: no sorting of thousands of ids. The
    others (a unit's or the organisation's line on a secret document, or any line of the
    key ``doubted``) are few; a numbered one is visible when one of ``entry_keys``
    reaches it (it is not ordinary, or the user's role does not show ordinary ones), one
    waiting for its number by the rule itself.
    """
    o = _OPEN
    sure_keys = [k for k in keys if k != doubted]

    def trusted_row(row: Any, among: list[str]) -> Any:
        return exists().where(
            row.c.viewer_id.in_(among),
            row.c.trusted == true(),
            row.c.document_id == o.c.document_id,
            *when(row.c.deadline),
        )

    parts: list[Any] = []
    for i, key in enumerate(sure_keys):
        where = [o.c.viewer_id == key, o.c.trusted == true(), *when(o.c.deadline)]
        if i:
            where.append(~trusted_row(_OPEN.alias("p"), sure_keys[:i]))
        docs = select(o.c.document_id).where(*where).distinct().subquery()
        parts.append(select(func.count()).select_from(docs).scalar_subquery())
    doubt = o.c.trusted == false() if doubted is None else or_(o.c.trusted == false(), o.c.viewer_id == doubted)
    reached = exists().where(_ENTRIES.c.document_id == Document.id, _ENTRIES.c.viewer_id.in_(entry_keys))
    checked = (
        select(func.count(o.c.document_id.distinct()))
        .join(Document, Document.id == o.c.document_id)
        .where(
            o.c.viewer_id.in_(keys),
            doubt,
            *when(o.c.deadline),
            Document.organisation_id == user.organisation_id,
            or_(
                and_(Document.register_number.is_not(None), reached),
                and_(Document.register_number.is_(None), visible_to(user)),
            ),
            *([~trusted_row(_OPEN.alias("q"), sure_keys)] if sure_keys else []),
        )
        .scalar_subquery()
    )
    return int(session.execute(select(_sum([*parts, checked]))).scalar_one())


def _kept_counts(session: Session, user: User, today: date, soon_until: date) -> dict[Box, int]:
    org = user.organisation_id
    keys = _entry_keys(session, user)
    mine = [user.id] + ([f"unit:{user.unit_id}"] if user.unit_id is not None else [])
    awaiting = mine + [f"{role.value}:{org}" for role in (Role.LEADER, Role.CLERK) if user.has_role(role)]
    privileged = is_privileged(user)
    followed = [f"org:{org}"] if privileged else mine
    # A unit's ordinary document is visible to its members by their role: clerks and
    # leaders see every ordinary one, officers their unit's; anyone else (an admin) only
    # the documents that name them.
    doubted = None
    if user.unit_id is not None and not (privileged or user.has_role(Role.OFFICER)):
        doubted = f"unit:{user.unit_id}"

    def open_count(keys_: list[str], when: Callable[[Any], list[Any]] = lambda deadline: []) -> int:
        return _kept_open_count(session, user, keys, keys_, when, doubted=doubted)

    counts: dict[Box, int] = {
        Box.INCOMING: _kept_year_count(session, user, keys, Direction.INCOMING.value, today.year),
        Box.OUTGOING: _kept_year_count(session, user, keys, Direction.OUTGOING.value, today.year),
        Box.WAITING_FOR_ME: open_count(awaiting),
        Box.DUE_SOON: open_count(followed, lambda deadline: [deadline >= today, deadline <= soon_until]),
        Box.OVERDUE: open_count(followed, lambda deadline: [deadline < today]),
    }
    for box in _LIST_COUNTED:
        counts[box] = _count(session, box_condition(box, user, today, soon_until))
    return counts


def box_counts(
    session: Session, user: User, today: date, *, soon_days: int = SOON_DAYS
) -> dict[Box, int]:
    """Live counts for the sidebar.

    Actionable boxes (waiting, due soon, overdue, drafts) count the documents of their
    lists. INCOMING and OUTGOING count only the current year's register entries
    (today.year) the user may see. On SQLite (the desktop) the counts are read from the
    tables the database keeps (``boxcounts``); elsewhere, and while a first sync has set
    those aside, by the lists' conditions.
    """
    soon_until = due_soon_until(session, today, soon_days)
    if session.get_bind().dialect.name == "sqlite" and not boxcounts.is_aside(session.connection()):
        return _kept_counts(session, user, today, soon_until)
    return counts_by_condition(session, user, today, soon_until)


__all__ = [
    "OPEN_LINE_STATES",
    "SOON_DAYS",
    "Box",
    "box_condition",
    "box_counts",
    "box_page",
    "counts_by_condition",
    "is_privileged",
    "visible_to",
    "year_count_by_condition",
]
