"""The sidebar's boxes (hộp văn bản): which documents a user sees in each, and how many.

Every list is newest first by ``Document.sort_key`` with keyset pagination (``sort_key <
before_key``), so the next page costs the same at row 200 and at row 900,000: the
database walks an index backwards and stops after ``limit`` rows.
"""

from __future__ import annotations

import enum
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, select, union_all
from sqlalchemy.orm import Session, object_session

from eoffice.directory.models import Role, User
from eoffice.documents import boxcounts
from eoffice.documents.delegations import acting_for
from eoffice.documents.followup import FollowupItem, due_soon_until, followup_sources
from eoffice.documents.listing import DocumentRow, row_select
from eoffice.documents.models import DirectionLine, Document, DocumentFile, Register
from eoffice.documents.types import Direction, DocState, LineState
from eoffice.documents.visibility import unit_subtree, visible_documents

#: Line states that still ask something of their recipient.
OPEN_LINE_STATES = (LineState.WAITING.value, LineState.IN_PROGRESS.value)
#: The states of a drafter's drafts still on their desk or on the way to the signer.
MY_DRAFT_STATES = (
    DocState.DRAFT.value, DocState.RETURNED.value, DocState.REVIEWING.value, DocState.SUBMITTED.value
)
#: The states in which a draft waits for its co-signer's signature (``signing.COSIGNABLE_STATES``).
COSIGN_STATES = MY_DRAFT_STATES
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


def visible_to(user: User, today: date | None = None) -> ColumnElement[bool]:
    """Documents the user may see (on ``today``), not deleted: the rule of ``visibility``
    (the server's too)."""
    return and_(visible_documents(user, today=today), Document.deleted.is_(False))


def acting_leaders(user: User, today: date, session: Session | None = None) -> list[User]:
    """The absent leaders ``user`` acts for on ``today`` (``delegations``): their waiting
    documents and drafts join the user's own boxes."""
    if not user.has_role(Role.LEADER):
        return []
    session = session or object_session(user)
    if session is None:
        return []
    leaders = [session.get(User, leader_id) for leader_id in acting_for(session, user.id, today)]
    return [leader for leader in leaders if leader is not None]


def acting_marks(session: Session, user: User, today: date, document_ids: list[str]) -> dict[str, str]:
    """Of ``document_ids``, those in the user's boxes for an absent leader they act for
    (a draft submitted to the leader, an open line of the leader's), with that leader's
    name: the list marks them "Thay: <name>"."""
    marks: dict[str, str] = {}
    if not document_ids:
        return marks
    for leader in acting_leaders(user, today, session):
        parts = _my_open_lines(leader, DirectionLine.document_id.in_(document_ids))
        parts.append(
            select(Document.id).where(
                Document.id.in_(document_ids),
                Document.state == DocState.SUBMITTED.value,
                Document.approver_id == leader.id,
            )
        )
        for doc_id in session.scalars(select(Document.id).where(Document.id.in_(_union(parts)))):
            marks.setdefault(doc_id, leader.full_name)
    return marks


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
        for leader in acting_leaders(user, today):
            parts.extend(_my_open_lines(leader))
        if user.has_role(Role.LEADER):
            parts.append(
                select(Document.id).where(
                    org,
                    Document.direction == Direction.INCOMING.value,
                    Document.state == DocState.REGISTERED.value,
                )
            )
        # A draft its drafter sent to this head of unit for review (named on it).
        parts.append(
            select(Document.id).where(
                org,
                Document.direction == Direction.OUTGOING.value,
                Document.state == DocState.REVIEWING.value,
                Document.approver_id == user.id,
            )
        )
        if user.has_role(Role.CLERK):
            parts.append(
                select(Document.id).where(
                    org,
                    Document.direction == Direction.OUTGOING.value,
                    Document.state.in_((DocState.APPROVED.value, DocState.NUMBERED.value)),
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
        # Submitted to the user (or a leader they act for), or awaiting their signature as
        # the draft's co-signer (người ký trước), which comes before the leader's. Two
        # subqueries joined by UNION ALL, each on its own index (ix_documents_state,
        # ix_documents_cosigner): one OR made the planner walk the organisation's outgoing
        # documents (an officer's page took a second at 1M documents).
        approvers = [user.id, *(leader.id for leader in acting_leaders(user, today))]
        what = Document.id.in_(union_all(
            select(Document.id).where(
                org,
                Document.direction == Direction.OUTGOING.value,
                Document.state == DocState.SUBMITTED.value,
                Document.approver_id.in_(approvers),
            ),
            select(Document.id).where(
                Document.cosigner_id == user.id,
                org,
                Document.direction == Direction.OUTGOING.value,
                Document.state.in_(COSIGN_STATES),
                ~exists().where(
                    DocumentFile.document_id == Document.id,
                    DocumentFile.is_main.is_(True),
                    DocumentFile.signed_kinds.like("%cosigner%"),
                ),
            ),
        ))
    elif box is Box.MY_DRAFTS:
        # As a subquery, so the planner finds the few drafts on ix_documents_state and
        # sorts them, rather than walking every outgoing document newest first.
        what = Document.id.in_(
            select(Document.id).where(
                org,
                Document.direction == Direction.OUTGOING.value,
                Document.state.in_(MY_DRAFT_STATES),
                Document.created_by == user.id,
            )
        )
    else:  # pragma: no cover - exhaustive
        raise ValueError(box)
    return and_(visible_to(user, today), what)


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


class _Params:
    """Named parameters of one raw statement (``:p0``, ``:p1``...)."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}

    def __call__(self, value: Any) -> str:
        name = f"p{len(self.values)}"
        self.values[name] = value
        return f":{name}"

    def many(self, values: list[str]) -> str:
        return ", ".join(self(v) for v in values)


def _entry_keys(session: Session, user: User) -> list[str]:
    """The ``box_entries`` viewer keys that make a document visible to ``user``, besides
    the ordinary documents clerks and leaders see by role, the key reaching the most
    first (its count is kept): an officer's units (theirs and those below it), or a
    clerk's or leader's roles; then the person, last (``_kept_year_sql`` relies on it)."""
    org = user.organisation_id
    roles = [f"{role.value}:{org}" for role in (Role.LEADER, Role.CLERK) if user.has_role(role)]
    keys: list[str] = []
    if not is_privileged(user) and user.has_role(Role.OFFICER) and user.unit_id is not None:
        keys.extend(unit_subtree(session, user.unit_id))
    keys.extend(roles)
    keys.append(user.id)
    return keys


def _kept_year_sql(p: _Params, user: User, keys: list[str], kind: str, year: int) -> str:
    """A year of the ``kind`` registers from ``box_tallies``, ``box_entry_counts`` and ``box_entries``.

    Clerks and leaders see every ordinary document (the tally) and of the others those
    their keys reach; everyone else, those their keys reach. The first key's documents
    are read from its count (a clerk's or leader's role key reaches secret documents
    only); each next key's rows are counted less those an earlier key already reached,
    so that a document counts once without sorting tens of thousands of ids.
    """
    registers = f"(SELECT id FROM registers WHERE organisation_id = {p(user.organisation_id)} AND kind = {p(kind)})"
    y = p(year)
    privileged = is_privileged(user)
    parts: list[str] = []
    if privileged:
        parts.append(
            f"(SELECT coalesce(sum(documents), 0) FROM box_tallies WHERE register_id IN {registers} AND year = {y})"
        )
    for i, key in enumerate(keys):
        if i == 0:
            parts.append(
                "(SELECT coalesce(sum(documents), 0) FROM box_entry_counts "
                f"WHERE viewer_id = {p(key)} AND register_id IN {registers} AND year = {y})"
            )
            continue
        # An earlier key is a unit or a role, never a person: its rows' documents are
        # those whose reach names it (``boxcounts._reach``), read on the row itself.
        earlier = " AND ".join(f"instr(e.reach, {p(f' {k} ')}) = 0" for k in keys[:i])
        parts.append(
            f"(SELECT count(*) FROM box_entries e WHERE e.viewer_id = {p(key)} AND e.register_id IN {registers} "
            f"AND e.year = {y}{' AND e.ordinary = 0' if privileged else ''} AND {earlier})"
        )
    return " + ".join(parts)


class _Source:
    """Where an open count reads: ``box_open_documents`` (one row per key and document,
    with its earliest deadline) or ``box_open`` (one per line, for a range of deadlines)."""

    def __init__(self, table: str, deadline: str, when: str = "") -> None:
        self.table, self.deadline, self.when = table, deadline, when
        self.per_document = table == "box_open_documents"

    def on(self, alias: str) -> str:
        return self.when.replace("{deadline}", f"{alias}.{self.deadline}")


def _kept_open_sql(
    p: _Params, user: User, entry_keys: list[str], keys: list[str], source: _Source, doubted: str | None
) -> tuple[str, str]:
    """Documents of the open rows of ``keys``: trusted ones, and the others the user may see;
    and how many of the others wait for their number (``_unnumbered_visible`` checks those).

    Trusted rows are counted key by key (a key's documents once: by ``box_open_documents``'
    primary key, or distinct among the few lines of a deadline range), less the documents
    an earlier key already counted. The others (a unit's or the organisation's line on a
    secret document, or any line of the key ``doubted``) are few; a numbered one is
    visible when one of ``entry_keys`` reaches it (it is not ordinary, or the user's role
    does not show ordinary ones).
    """
    sure_keys = [k for k in keys if k != doubted]
    counted = "count(*)" if source.per_document else "count(DISTINCT o.document_id)"
    t = source.table

    # Per row of a later key: the narrow rows of the index, not the table's (with readers).
    by_key = " INDEXED BY ix_box_open_documents_key" if source.per_document else ""

    def trusted_row(alias: str, among: list[str]) -> str:
        return (
            f"EXISTS (SELECT 1 FROM {t} {alias}{by_key} WHERE {alias}.viewer_id IN ({p.many(among)}) "
            f"AND {alias}.trusted = 1 AND {alias}.document_id = o.document_id{source.on(alias)})"
        )

    parts: list[str] = []
    for i, key in enumerate(sure_keys):
        earlier = f" AND NOT {trusted_row('x', sure_keys[:i])}" if i else ""
        parts.append(
            f"(SELECT {counted} FROM {t} o WHERE o.viewer_id = {p(key)} AND o.trusted = 1{source.on('o')}{earlier})"
        )
    doubt = "o.trusted = 0" if doubted is None else f"(o.trusted = 0 OR o.viewer_id = {p(doubted)})"
    # The document's organisation and keys are on the row (``boxcounts._readers``): no
    # page of the documents or of their entries is read for them.
    # A key's rows of one document are all trusted or all not (it follows the key's kind
    # and the document's secrecy): an untrusted row's own key never counted its document,
    # so with a single key (a clerk's or leader's deadlines) there is nothing to ask.
    counted_before = sure_keys if len(keys) > 1 else []
    others = (
        f"FROM {t} o WHERE o.viewer_id IN ({p.many(keys)}) "
        f"AND {doubt}{source.on('o')} AND o.organisation_id = {p(user.organisation_id)}"
        + (f" AND NOT {trusted_row('x', counted_before)}" if counted_before else "")
    )
    reached = " OR ".join(f"instr(o.readers, {p(f' {k} ')}) > 0" for k in entry_keys)
    parts.append(f"(SELECT count(DISTINCT o.document_id) {others} AND o.readers IS NOT NULL AND ({reached}))")
    return " + ".join(parts), f"(SELECT count(*) {others} AND o.readers IS NULL)"


def _unnumbered_visible(
    session: Session, user: User, keys: list[str], source: _Source, doubted: str | None, today: date, soon_until: date
) -> int:
    """Of the documents waiting for their number that ``_kept_open_sql`` left aside, those
    the user may see by the rule itself (rare: a count meets none, mostly)."""
    p = _Params()
    p.values.update(today=today.isoformat(), soon=soon_until.isoformat())
    sure_keys = [k for k in keys if k != doubted]
    t = source.table
    doubt = "o.trusted = 0" if doubted is None else f"(o.trusted = 0 OR o.viewer_id = {p(doubted)})"
    trusted = (
        f" AND NOT EXISTS (SELECT 1 FROM {t} x WHERE x.viewer_id IN ({p.many(sure_keys)}) AND x.trusted = 1 "
        f"AND x.document_id = o.document_id{source.on('x')})"
        if sure_keys else ""
    )
    ids = list(
        session.connection().exec_driver_sql(
            f"SELECT DISTINCT o.document_id FROM {t} o CROSS JOIN documents d ON d.id = o.document_id "
            f"WHERE o.viewer_id IN ({p.many(keys)}) AND {doubt}{source.on('o')} "
            f"AND d.organisation_id = {p(user.organisation_id)} AND d.register_number IS NULL{trusted}",
            p.values,
        ).scalars()
    )
    return _count(session, and_(Document.id.in_(ids), visible_to(user, today)))


def _kept_counts(session: Session, user: User, today: date, soon_until: date) -> dict[Box, int]:
    """Every count in one raw statement: built and run in a few milliseconds, where
    SQLAlchemy took longer to compile the same subqueries than SQLite to answer them."""
    org = user.organisation_id
    keys = _entry_keys(session, user)
    mine = [user.id] + ([f"unit:{user.unit_id}"] if user.unit_id is not None else [])
    # The absent leaders the user acts for: their waiting lines and drafts count too.
    acting = acting_leaders(user, today, session)
    for leader in acting:
        mine.extend(k for k in (leader.id, f"unit:{leader.unit_id}" if leader.unit_id else None) if k and k not in mine)
    roles = [f"{role.value}:{org}" for role in (Role.LEADER, Role.CLERK) if user.has_role(role)]
    privileged = is_privileged(user)
    # A unit's ordinary document is visible to its members by their role: clerks and
    # leaders see every ordinary one, officers their unit's; anyone else (an admin) only
    # the documents that name them.
    doubted = None
    if user.unit_id is not None and not (privileged or user.has_role(Role.OFFICER)):
        doubted = f"unit:{user.unit_id}"
    p = _Params()
    p.values.update(today=today.isoformat(), soon=soon_until.isoformat())
    opened = {
        Box.WAITING_FOR_ME: (mine + roles, _Source("box_open_documents", "first_deadline")),
        Box.DUE_SOON: (
            [f"org:{org}"] if privileged else mine,
            _Source("box_open", "deadline", " AND {deadline} >= :today AND {deadline} <= :soon"),
        ),
        Box.OVERDUE: (
            [f"org:{org}"] if privileged else mine,
            _Source("box_open_documents", "first_deadline", " AND {deadline} < :today"),
        ),
    }
    columns = [
        _kept_year_sql(p, user, keys, Direction.INCOMING.value, today.year),
        _kept_year_sql(p, user, keys, Direction.OUTGOING.value, today.year),
    ]
    pending = []
    for box_keys, source in opened.values():
        count, waiting_number = _kept_open_sql(p, user, keys, box_keys, source, doubted)
        columns.append(count)
        pending.append(waiting_number)
    # Who approves or drafted a document is named on it: it is visible to them (the
    # drafts submitted to a leader the user acts for, by the delegation).
    approvers = p.many([f"approve:{org}:{uid}" for uid in (user.id, *(leader.id for leader in acting))])
    # A draft awaiting the user's signature as its co-signer (người ký trước), found on
    # ix_documents_cosigner (few rows: the drafts naming a co-signer).
    cosign = (
        f"(SELECT count(*) FROM documents WHERE cosigner_id = {p(user.id)} AND organisation_id = {p(org)} "
        f"AND direction = {p(Direction.OUTGOING.value)} AND deleted = 0 AND state IN ({p.many(list(COSIGN_STATES))}) "
        "AND NOT EXISTS (SELECT 1 FROM document_files f WHERE f.document_id = documents.id AND f.is_main = 1 "
        "AND f.signed_kinds LIKE '%cosigner%'))"
    )
    columns.append(
        f"((SELECT count(*) FROM box_open_documents WHERE viewer_id IN ({approvers}) AND trusted = 1) + {cosign})"
    )
    drafter = p(f"draft:{org}:{user.id}")
    columns.append(f"(SELECT count(*) FROM box_open_documents WHERE viewer_id = {drafter} AND trusted = 1)")
    row = session.connection().exec_driver_sql("SELECT " + ", ".join(columns + pending), p.values).one()
    boxes = (Box.INCOMING, Box.OUTGOING, *opened, *_LIST_COUNTED)
    counts = {box: int(n) for box, n in zip(boxes, row[: len(boxes)], strict=True)}
    for (box, (box_keys, source)), waiting_number in zip(opened.items(), row[len(boxes):], strict=True):
        if waiting_number:
            counts[box] += _unnumbered_visible(session, user, box_keys, source, doubted, today, soon_until)
    return counts


def box_counts(
    session: Session, user: User, today: date, *, soon_days: int = SOON_DAYS
) -> dict[Box, int]:
    """Live counts for the sidebar.

    Actionable boxes (waiting, due soon, overdue, drafts) count the documents of their
    lists, and the first three the items of the follow-up sources held by the user
    (``followup_items``). INCOMING and OUTGOING count only the current year's register entries
    (today.year) the user may see. On SQLite (the desktop) the counts are read from the
    tables the database keeps (``boxcounts``); elsewhere, and while a first sync has set
    those aside, by the lists' conditions.
    """
    soon_until = due_soon_until(session, today, soon_days)
    if boxcounts.is_kept(session.connection()):
        counts = _kept_counts(session, user, today, soon_until)
    else:
        counts = counts_by_condition(session, user, today, soon_until)
    # Other work followed up like a direction line (``followup.FollowupSource``): the
    # boxes list it above their documents, so their counts hold it too.
    for source in followup_sources():
        tally = source.tally(session, user, today, soon_days)
        counts[Box.WAITING_FOR_ME] += tally.waiting
        counts[Box.DUE_SOON] += tally.due_soon
        counts[Box.OVERDUE] += tally.overdue
    return counts


def followup_items(
    session: Session, box: Box, user: User, today: date, *, soon_days: int = SOON_DAYS
) -> list[FollowupItem]:
    """The sources' items a box shows above its documents (none for the other boxes)."""
    if box not in _FOLLOWED:
        return []
    found: list[FollowupItem] = []
    for source in followup_sources():
        found.extend(item for item in source.items(session, user, today, soon_days) if _FOLLOWED[box](item))
    return found


_FOLLOWED = {
    Box.WAITING_FOR_ME: lambda item: True,
    Box.DUE_SOON: lambda item: item.due_soon,
    Box.OVERDUE: lambda item: item.overdue,
}


__all__ = [
    "OPEN_LINE_STATES",
    "SOON_DAYS",
    "Box",
    "acting_leaders",
    "acting_marks",
    "box_condition",
    "box_counts",
    "box_page",
    "counts_by_condition",
    "followup_items",
    "is_privileged",
    "visible_to",
    "year_count_by_condition",
]
