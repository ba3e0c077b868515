"""The sidebar's boxes (hộp văn bản): which documents a user sees in each, and how many.

Every list is newest first by ``Document.sort_key`` with keyset pagination (``sort_key <
before_key``), so the next page costs the same at row 200 and at row 900,000: the
database walks an index backwards and stops after ``limit`` rows.
"""

from __future__ import annotations

import enum
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, select, union_all
from sqlalchemy.orm import Session

from eoffice.directory.models import Role, User
from eoffice.documents.followup import due_soon_until
from eoffice.documents.listing import DocumentRow, row_select
from eoffice.documents.models import DirectionLine, Document, Register
from eoffice.documents.types import Direction, DocState, LineState
from eoffice.documents.visibility import visible_documents

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


def _year_count(session: Session, user: User, kind: str, year: int) -> int:
    """Documents entered in the organisation's ``kind`` registers during ``year``.

    Counted on the registers' unique index (register_id, year, register_number) without
    touching the table, so it stays fast at a million rows: a whole-history COUNT over
    ix_documents_box reads every entry of the organisation. A registered document keeps
    its number for good, so tombstones are not looked for here. Clerks and leaders count
    the whole ordinary register that way; an officer, and everyone's secret register, only
    the entries ``visible_to`` them (fewer rows, read through the documents).
    """
    registers = {
        secret: register_id
        for register_id, secret in session.execute(
            select(Register.id, Register.secret).where(
                Register.organisation_id == user.organisation_id, Register.kind == kind
            )
        )
    }
    in_year = and_(Document.year == year, Document.register_number.is_not(None))
    total = 0
    ordinary = registers.get(False)
    if ordinary is not None:
        if is_privileged(user):
            total += _count(session, and_(Document.register_id == ordinary, in_year))
        else:
            total += _count(session, and_(Document.register_id == ordinary, in_year, visible_to(user)))
    secret = registers.get(True)
    if secret is not None:
        total += _count(session, and_(Document.register_id == secret, in_year, visible_to(user)))
    return total


def box_counts(
    session: Session, user: User, today: date, *, soon_days: int = SOON_DAYS
) -> dict[Box, int]:
    """Live counts for the sidebar.

    Actionable boxes (waiting, due soon, overdue, drafts) are counted exactly with the
    same condition as their lists. INCOMING and OUTGOING count only the current year's
    register entries (today.year): counting a million-row history exactly on every
    refresh would cost more than the whole first screen.
    """
    counts: dict[Box, int] = {
        Box.INCOMING: _year_count(session, user, Direction.INCOMING.value, today.year),
        Box.OUTGOING: _year_count(session, user, Direction.OUTGOING.value, today.year),
    }
    soon_until = due_soon_until(session, today, soon_days)
    for box in (Box.WAITING_FOR_ME, Box.DUE_SOON, Box.OVERDUE, Box.DRAFTS_TO_APPROVE, Box.MY_DRAFTS):
        counts[box] = _count(session, box_condition(box, user, today, soon_until))
    return counts


__all__ = [
    "Box",
    "OPEN_LINE_STATES",
    "SOON_DAYS",
    "box_condition",
    "box_counts",
    "box_page",
    "is_privileged",
    "visible_to",
]
