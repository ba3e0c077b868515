"""Pull: the server pages out what changed above a client's cursor; the client applies it.

Generic over the synced tables the capabilities declare (``sync.tables``): nothing here
names a capability or a table.

Server side, ``changes_since`` returns the rows a user may see (each table's ``visible``
rule) whose ``server_version`` is above the cursor, oldest version first, never splitting
one version across pages. Rows of tables that ride with a parent (a document's
directions and lines) and children nested in a row (a document's files, a user's roles)
travel with it: any change to them re-versions the parent. Private columns (password
hashes, local sort keys) are never sent.

Every page is closed under references: a row it sends that points at a visible row not
yet sent (a higher version) brings that row along; a reference to a row the user may not
see (another organisation's user or document) is sent as null. The client may therefore
apply each page on its own, with its foreign keys checked at commit.

Losing sight of a row. A table may declare its rows revocable (the documents, the
meetings; ``revoked`` holds the ids of any of them, UUIDs, and each table's ``drop``
takes those it holds): every
change that can hide one from someone re-versions it, so a client that already holds
rows (cursor above 0) is told in the page that covers that version: ``revoked`` lists the
rows of the ``revocable`` clause (the user's organisation's) changed within the page's
versions that the user may no longer see, and those versions count for the page's cut
like rows do, so paging and the cursor hold as for rows. The server keeps no per-user
record of what each client holds. A change of the user's own view that re-versions no
such row (their roles, their unit) is noticed by the client (the table's
``view_changed``): it drops that table's pulled rows and pulls again from 0.

Client side, ``apply_page`` upserts the rows by id and stores the page's cursor in the
same transaction: an interrupted pull resumes at the last committed page, never skips.
Rows that the client's pending operations changed keep their local state (a table's
``local_work``: the user's offline work is not undone by a pull): the server re-versions
them when it applies the operation, so they come again; a rejected one is fetched again
(``discard_rejected`` + ``refetch_page``). ``apply_pulled`` also says which tables the page
changed (``ops.changes.Changes``), for the window to refresh only those.

Content that follows the rows with its own cursor (the PDFs' text) is a ``Trailing``
stream of ``BodyPage`` pages: a first sync does not wait for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import (
    BigInteger,
    and_,
    bindparam,
    delete,
    exists,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import BindParameter, ColumnElement

from eoffice.directory.models import User
from eoffice.ops.changes import EVERYTHING, NOTHING, Changes
from eoffice.store.base import Base
from eoffice.store.blobs import BlobStore
from eoffice.store.engine import defer_references
from eoffice.store.statements import STATEMENTS
from eoffice.sync.client_state import has_pending, set_cursor
from eoffice.sync.tables import Nested, Schema, SyncedTable, schema
from eoffice.sync.versioning import current_version
from eoffice.sync.writing import chunks, write


@dataclass
class ChangePage:
    """One page of a pull: rows per table, the cursor to store with them, whether more wait,
    and the ids of (revocable) rows the user may no longer see (to drop where held)."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    next_cursor: int = 0
    more: bool = False
    revoked: list[str] = field(default_factory=list)
    #: Set by the client's apply (never sent): which tables applying the page changed.
    changes: Changes = NOTHING

    def to_json(self) -> dict[str, Any]:
        return {"rows": self.rows, "next_cursor": self.next_cursor, "more": self.more, "revoked": self.revoked}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ChangePage:
        return cls(
            rows=dict(data["rows"]), next_cursor=int(data["next_cursor"]), more=bool(data["more"]),
            revoked=[str(i) for i in data.get("revoked", [])],
        )

    def count(self) -> int:
        return sum(len(rows) for rows in self.rows.values())


@dataclass
class BodyPage:
    """One page of a trailing stream: (row id, text) in version order (the PDFs' text of
    documents), sent apart from the rows: a row's text can be long, and a first sync
    should not wait for it."""

    bodies: list[tuple[str, str]] = field(default_factory=list)
    next_cursor: int = 0
    more: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"bodies": [list(b) for b in self.bodies], "next_cursor": self.next_cursor, "more": self.more}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BodyPage:
        return cls([(str(i), str(t)) for i, t in data["bodies"]], int(data["next_cursor"]), bool(data["more"]))


def _empty(s: Schema) -> dict[str, list[dict[str, Any]]]:
    return {name: [] for name in s.names}


# --------------------------------------------------------------------------- visibility


def visible_rows(table: str, user: User) -> ColumnElement[bool]:
    """Which rows of ``table`` ``user`` may receive, as a WHERE clause (the pull's rule)."""
    return _View(user, schema()).visible(table)


class _View:
    """What one user may receive, for one request: each table's WHERE clause built once
    (an officer's reads their unit tree, a leader's diary clause the units they lead)."""

    def __init__(self, user: User, s: Schema) -> None:
        self.user = user
        self.schema = s
        self._clauses: dict[str, ColumnElement[bool]] = {}

    def visible(self, table: str) -> ColumnElement[bool]:
        """Which rows of ``table`` the user may receive."""
        found = self._clauses.get(table)
        if found is None:
            rule = self.schema[table].visible
            if rule is None:
                raise ValueError(f"{table} rides with another table: ask its parent's rows")
            found = self._clauses[table] = rule(self.user)
        return found

    def stable(self, table: str) -> bool:
        """Whether ``visible(table)`` is the same object for every request of the same view
        (so that statements around it are built once, ``store.statements``)."""
        return self.schema[table].stable

    def cut_rows(self, table: str, cursor: int) -> ColumnElement[bool]:
        """Rows whose versions decide a page's cut: the visible ones and, for a client that
        may hold rows of a revocable table (cursor above 0), every row of its revocable
        clause, so that those no longer visible are revoked in the page of their version."""
        revocable = self.schema[table].revocable
        if revocable is not None and cursor > 0:
            return revocable(self.user)
        return self.visible(table)

    def above(self, table: str, version: int) -> ColumnElement[bool]:
        return and_(self.schema[table].model.server_version > version, self.visible(table))


# --------------------------------------------------------------------------- server side


def _fetch(session: Session, s: Schema, table: str, where: ColumnElement[bool]) -> list[dict[str, Any]]:
    """Rows as JSON-ready dicts (Core rows, not ORM objects: pages hold thousands)."""
    return _fetched(session, s, table, _select_rows(s, table, where), {})


def _select_rows(s: Schema, table: str, where: ColumnElement[bool]) -> Any:
    return select(*s.columns[table]).where(where).order_by(s[table].model.server_version)


def _fetch_above(session: Session, view: _View, table: str, cursor: int, cut: int) -> list[dict[str, Any]]:
    """``table``'s rows the user may see versioned in (``cursor``, ``cut``]."""
    s = view.schema
    version = s[table].model.server_version
    if not view.stable(table):
        return _fetch(session, s, table, and_(version <= cut, view.above(table, cursor)))
    visible = view.visible(table)
    statement = STATEMENTS.get(("rows above", table), (visible,), lambda: _select_rows(
        s, table,
        and_(version <= bindparam("cut", type_=BigInteger), version > bindparam("cursor", type_=BigInteger), visible),
    ))
    return _fetched(session, s, table, statement, {"cut": cut, "cursor": cursor})


def _fetched(session: Session, s: Schema, table: str, statement: Any, params: dict[str, Any]) -> list[dict[str, Any]]:
    keys = s.taken[table]
    iso = s.iso_keys[table]
    out = []
    for row in session.connection().execute(statement, params).all():
        values = dict(zip(keys, row, strict=True))
        for key in iso:
            value = values[key]
            if value is not None:
                values[key] = value.isoformat()
        out.append(values)
    return out


#: Up to this many parent rows, a page's children are asked for by the parents' ids
#: (an index probe each); above it, by the clause that chose the parents (one query
#: however many there are, instead of one per chunk of ids).
CHILDREN_BY_ID = 500

_IDS: BindParameter[Any] = bindparam("ids", expanding=True)


def _nested_select(nested: Nested, parents: Any) -> Any:
    """A nested child's rows (with their parent's id first) of ``parents``: ids, or a subquery."""
    model = nested.model
    parent = getattr(model, nested.parent_column)
    return (
        select(parent, *(getattr(model, c) for c in nested.columns))
        .where(parent.in_(parents))
        .order_by(parent, *(getattr(model, c) for c in nested.order_by))
    )


@cache
def _nested_by_id(nested: Nested) -> Any:
    return _nested_select(nested, _IDS)


@cache
def _riders_by_id(s: Schema, rider: str, column: str) -> Any:
    return _select_rows(s, rider, getattr(s[rider].model, column).in_(_IDS))


def _attach_children(
    session: Session, s: Schema, page: dict[str, list[dict[str, Any]]], table: str,
    ids: list[str] | None = None, clause: ColumnElement[bool] | None = None,
) -> None:
    """The children of ``table``'s page rows that ``ids`` (or ``clause``, on its model)
    name: the rows of the tables riding with it, added to the page, and the children
    nested in each of those rows."""
    t = s[table]
    riders = s.riders.get(table, [])
    if not riders and not t.nested:
        return
    if clause is None and not ids:
        return
    connection = session.connection()
    chosen: Any = select(t.model.id).where(clause) if clause is not None else None
    batches = [({}, chosen)] if chosen is not None else [({"ids": chunk}, None) for chunk in chunks(ids or ())]
    wanted = set(ids or ()) if clause is None else None
    for nested in t.nested:
        found: dict[str, list[Any]] = {}
        for params, subquery in batches:
            statement = _nested_select(nested, subquery) if subquery is not None else _nested_by_id(nested)
            for row in connection.execute(statement, params).all():
                value = row[1] if nested.scalar else dict(zip(nested.columns, row[1:], strict=True))
                found.setdefault(row[0], []).append(value)
        key = nested.key
        for parent in page[table]:
            if (parent["id"] in wanted) if wanted is not None else (key not in parent):
                parent[key] = found.get(parent["id"], [])
    for rider, column in riders:
        for params, subquery in batches:
            statement = (
                _select_rows(s, rider, getattr(s[rider].model, column).in_(subquery))
                if subquery is not None else _riders_by_id(s, rider, column)
            )
            page[rider].extend(_fetched(session, s, rider, statement, params))


def _close(session: Session, view: _View, page: dict[str, list[dict[str, Any]]], cut: int) -> None:
    """Bring along visible rows the page points at but the client cannot have yet; null the rest."""
    s = view.schema
    present = {name: {row["id"] for row in page[name]} for name in s.names}
    while True:
        wanted: dict[str, set[str]] = {}
        for name in s.names:
            rows = page[name]
            for column, target in s.references.get(name, []) if rows else ():
                refs = {row.get(column) for row in rows}
                refs.discard(None)
                refs -= present[target]
                if refs:
                    wanted.setdefault(target, set()).update(refs)  # type: ignore[arg-type]
        if not wanted:
            return
        added = False
        seen: dict[str, set[str]] = {target: set() for target in wanted}
        # Which of them the user may see, and their versions: one statement for every table.
        for target, row_id, version in session.execute(*_visible_versions(view, wanted)).all():
            seen[target].add(row_id)
            if version is not None and version > cut:
                page[target].extend(_fetch(session, s, target, s[target].model.id == row_id))
                _attach_children(session, s, page, target, [row_id])
                added = True
            present[target].add(row_id)
        hidden = {target: ids - seen[target] for target, ids in wanted.items()}
        for name in s.names:
            for column, target in s.references.get(name, []):
                gone = hidden.get(target)
                if gone:
                    for row in page[name]:
                        if row.get(column) in gone:
                            row[column] = None
        if not added:
            return


def _visible_versions(view: _View, wanted: dict[str, set[str]]) -> tuple[Any, dict[str, Any]]:
    """The statement (and its values) asking which of the ``wanted`` ids of each table the
    user may see, with their versions: ``(table, id, version)`` rows. Built once per view
    and set of tables, the ids bound, unless a table's clause is built per request or its
    ids are many (then asked in chunks)."""
    s = view.schema
    targets = tuple(sorted(wanted))
    if all(view.stable(t) and len(wanted[t]) <= 500 for t in targets):
        anchors = tuple(view.visible(t) for t in targets)
        statement = STATEMENTS.get(("visible versions", targets), anchors, lambda: _version_asks(s, [
            (t, bindparam(f"ids_{i}", expanding=True), visible)
            for i, (t, visible) in enumerate(zip(targets, anchors, strict=True))
        ]))
        return statement, {f"ids_{i}": sorted(wanted[t]) for i, t in enumerate(targets)}
    return _version_asks(
        s, [(t, chunk, view.visible(t)) for t in targets for chunk in chunks(sorted(wanted[t]))]
    ), {}


def _version_asks(s: Schema, arms: list[tuple[str, Any, ColumnElement[bool]]]) -> Any:
    """``(table, id, version)`` of the rows of each arm's table whose ids are among its
    ``ids`` and that its clause lets through."""
    asks = [
        select(literal(t).label("t"), s[t].model.id, s[t].model.server_version).where(s[t].model.id.in_(ids), visible)
        for t, ids, visible in arms
    ]
    return union_all(*asks) if len(asks) > 1 else asks[0]


@cache
def _probes(s: Schema) -> Any:
    """Which versioned tables hold a row above ``:cursor``: built once, as every pull of
    every client asks it (building and keying a dozen-armed union cost more than running
    it)."""
    cursor = bindparam("cursor", type_=BigInteger)
    probes = union_all(*(
        select(literal(i).label("t")).where(exists().where(s[name].model.server_version > cursor))
        for i, name in enumerate(s.versioned)
    )).subquery()
    return select(probes.c.t)


def changes_since(
    session: Session, user: User, cursor: int, limit: int = 1000, *, latest: int | None = None
) -> ChangePage:
    """The rows ``user`` may see with ``server_version`` above ``cursor``; about ``limit`` rows.

    The page ends at a version boundary (all rows of its last version are in it, even if
    that makes it longer than ``limit``); ``next_cursor`` is that version. ``latest``: the
    version counter as this session already read it.
    """
    s = schema()
    limit = max(1, limit)
    # Nothing was versioned above the cursor (the counter is read in this snapshot, and
    # versions commit in order): an idle client's poll costs one row read.
    if latest is None:
        latest = current_version(session)
    if int(latest) <= cursor:
        return ChangePage(_empty(s), cursor, False)
    view = _View(user, s)
    # Which tables hold any row above the cursor, visible or not (an index probe each):
    # the others need no visibility clause. A poll after one direction asks documents only.
    active = [s.versioned[int(t)] for t in session.scalars(_probes(s), {"cursor": cursor})]
    if not active:
        return ChangePage(_empty(s), cursor, False)
    # The limit+1 smallest visible versions above the cursor: each table's own smallest
    # first (an index range each, however many rows lie above), then the smallest of those.
    found = [(int(t), int(v)) for t, v in session.execute(_first_versions(view, tuple(active), cursor, limit), {
        "cursor": cursor,
    })]
    if not found:
        return ChangePage(_empty(s), cursor, False)
    cut = found[min(limit, len(found)) - 1][1]
    # Tables with a version in the page: only those are read (a poll that finds one new
    # direction reads documents, not the twelve tables). When the list was cut short,
    # a table's version equal to the cut may be among those left out: read them all.
    if len(found) > limit:
        changed = set(active)
    else:
        changed = {s.versioned[t] for t, v in found if v <= cut}
    rows = _empty(s)
    for name in s.versioned:
        if name in changed:
            rows[name] = _fetch_above(session, view, name, cursor, cut)
    for name in s.versioned:
        parents = rows[name]
        if len(parents) > CHILDREN_BY_ID:
            clause = and_(s[name].model.server_version <= cut, view.above(name, cursor))
            _attach_children(session, s, rows, name, clause=clause)
        elif parents:
            _attach_children(session, s, rows, name, [r["id"] for r in parents])
    _close(session, view, rows, cut)
    if len(found) <= limit:
        more = False  # every visible version above the cursor was found: none is above the cut
    elif found[limit][1] > cut:
        more = True
    else:  # the next version found is the cut's own: look further
        more = bool(session.scalar(select(or_(*(
            exists().where(s[name].model.server_version > cut, view.cut_rows(name, cursor)) for name in active
        )))))
    revoked = [
        row_id
        for table in s.revocables if table.name in changed
        for row_id in _revocations(session, view, table, cursor, cut, rows)
    ]
    return ChangePage(rows, cut, more, revoked)


def _revocations(
    session: Session, view: _View, table: SyncedTable, cursor: int, cut: int, rows: dict[str, list[dict[str, Any]]]
) -> list[str]:
    """Rows of ``table``'s revocable clause changed in (cursor, cut] and not sent: no longer visible.

    A row whose version is in the page's range and is not among its visible rows was
    invisible when the page was read, and has not changed since (a change would give it a
    version above ``cut``). At cursor 0 the client holds no pulled row: nothing to say.
    """
    if cursor == 0 or table.revocable is None:
        return []
    sent = {d["id"] for d in rows[table.name]}
    model = table.model
    clause = table.revocable(view.user)
    statement = STATEMENTS.get(("revocations", table.name), (clause,), lambda: select(model.id).where(
        model.server_version > bindparam("cursor", type_=BigInteger),
        model.server_version <= bindparam("cut", type_=BigInteger),
        clause,
    ))
    changed = session.scalars(statement, {"cursor": cursor, "cut": cut})
    return sorted(set(changed) - sent)


def _first_versions(view: _View, active: tuple[str, ...], cursor: int, limit: int) -> Any:
    """``(table, version)`` of the ``limit + 1`` smallest versions above ``:cursor`` that
    decide the page's cut, in the ``active`` tables; built once per view and shape."""
    s = view.schema

    def build(anchors: tuple[ColumnElement[bool], ...]) -> Any:
        bound = bindparam("cursor", type_=BigInteger)
        arms = [
            select(literal(s.versioned.index(name)).label("t"), s[name].model.server_version.label("v"))
            .where(s[name].model.server_version > bound, rows)
            .order_by(s[name].model.server_version)
            .limit(limit + 1)
            .subquery()
            for name, rows in zip(active, anchors, strict=True)
        ]
        merged = union_all(*(select(arm.c.t, arm.c.v) for arm in arms)).subquery()
        return select(merged.c.t, merged.c.v).order_by(merged.c.v).limit(limit + 1)

    anchors = tuple(view.cut_rows(name, cursor) for name in active)
    if not all(view.stable(name) for name in active):
        return build(anchors)
    return STATEMENTS.get(("first versions", active, limit), anchors, lambda: build(anchors))


def refetch_page(session: Session, user: User, ids: list[str], cursor: int) -> ChangePage:
    """The current rows of some rows of the revocable table (documents) ``user`` may see;
    existing invisible ones revoked.

    For a client whose operation was rejected: its local copy goes back to the server's
    truth without waiting for the row to change again, or is dropped when the user may no
    longer see it (``revoked``: a refused read, which the route audits). ``next_cursor``
    stays the client's ``cursor``: rows above it still come by the ordinary pull.
    """
    s = schema()
    if not s.revocables:
        raise ValueError("no synced table is revocable")
    view = _View(user, s)
    rows = _empty(s)
    existing: set[str] = set()
    sent: set[str] = set()
    for table in s.revocables:  # ids are UUIDs: each names a row of one table at most
        model = table.model
        for chunk in chunks(sorted(set(ids))):
            chosen = and_(model.id.in_(chunk), view.visible(table.name))
            rows[table.name].extend(_fetch(session, s, table.name, chosen))
            _attach_children(session, s, rows, table.name, clause=chosen)
            existing.update(session.scalars(select(model.id).where(model.id.in_(chunk))))
        sent.update(d["id"] for d in rows[table.name])
    _close(session, view, rows, cursor)
    revoked = sorted(existing - sent)
    return ChangePage(rows, cursor, False, revoked)


#: What the documents' refetch was called before the pull was generic (the route and tests).


# --------------------------------------------------------------------------- client side


@dataclass(frozen=True)
class Applied:
    """What applying a page did: rows written, and which tables it changed."""

    rows: int = 0
    changes: Changes = NOTHING


_HELD: dict[str, Any] = {}


def _held(session: Session, t: SyncedTable, ids: list[str]) -> dict[str, tuple[Any, ...]]:
    """Of ``ids``, those this client holds already, with their ``local`` columns."""
    statement = _HELD.get(t.name)
    if statement is None:
        model = t.model
        statement = _HELD[t.name] = select(model.id, *(getattr(model, c) for c in t.local)).where(model.id.in_(_IDS))
    found: dict[str, tuple[Any, ...]] = {}
    for chunk in chunks(ids):
        found.update((row[0], tuple(row[1:])) for row in session.execute(statement, {"ids": chunk}))
    return found


def _apply_rows(session: Session, s: Schema, t: SyncedTable, rows: list[dict[str, Any]]) -> None:
    """Upsert a table's pulled rows, with their local columns and nested children."""
    held: dict[str, tuple[Any, ...]] = {}
    if t.before_write is not None or t.nested:
        held = _held(session, t, [row["id"] for row in rows])
    if t.before_write is not None:
        t.before_write(session, rows, held)
    write(session, t.name, rows, taken=s.taken[t.name] + t.local, keep=t.local)
    for nested in t.nested:
        _replace_nested(session, nested, rows, held)
    if t.after_write is not None:
        t.after_write(session, rows)


def _replace_nested(session: Session, nested: Nested, rows: list[dict[str, Any]], held: Iterable[str]) -> None:
    """The page's nested children of its rows, in place of those held before."""
    key = nested.key
    carrying = [row for row in rows if key in row]
    parent = getattr(nested.model, nested.parent_column)
    held_ids = set(held)
    for chunk in chunks([row["id"] for row in carrying if row["id"] in held_ids]):
        session.execute(delete(nested.model).where(parent.in_(chunk)))
    column = nested.parent_column
    if nested.scalar:
        (only,) = nested.columns
        values = [{column: row["id"], only: v} for row in carrying for v in row[key]]
    else:
        values = [{**{c: f[c] for c in nested.columns}, column: row["id"]} for row in carrying for f in row[key]]
    write(session, nested.name, values, upsert=False)


def _keep_local_work(s: Schema, page: ChangePage, local_work: dict[str, set[str]]) -> dict[str, list[dict[str, Any]]]:
    """The page's rows less those that pending operations changed here (and their riders)."""
    if not any(local_work.values()):
        return page.rows
    rows = dict(page.rows)
    for name, ids in local_work.items():
        if not ids:
            continue
        rows[name] = [r for r in page.rows.get(name, []) if r["id"] not in ids]
        for rider, column in s.riders.get(name, []):
            rows[rider] = [r for r in page.rows.get(rider, []) if r[column] not in ids]
    return rows


def _dropped_changes(s: Schema, name: str) -> set[str]:
    return s.changes_of(name) | {rider for rider, _ in s.riders.get(name, [])}


@cache
def _ahead(s: Schema) -> tuple[dict[str, list[tuple[str, str]]], frozenset[str]]:
    """What ``_refers_ahead`` looks for, worked out once from the models' foreign keys:

    - per table (synced or nested), its columns referring to a table written at the same
      step or after it (itself, or a later table);
    - the tables whose nested children some table refers to (a page replaces those
      children: deleted, then written again)."""
    order: list[str] = []
    for t in s.tables:
        order.append(t.name)
        order.extend(n.name for n in t.nested)
    position = {name: i for i, name in enumerate(order)}
    tables = {t.name: t.model.__table__ for t in s.tables}
    tables.update({n.name: n.model.__table__ for t in s.tables for n in t.nested})
    ahead: dict[str, list[tuple[str, str]]] = {}
    for name, table in tables.items():
        for column in table.columns:
            for fk in column.foreign_keys:
                target = fk.column.table.name
                if target in position and position[target] >= position[name]:
                    ahead.setdefault(name, []).append((column.key, target))
    referred = {fk.column.table.name for table in Base.metadata.tables.values() for fk in table.foreign_keys}
    replaced = frozenset(t.name for t in s.tables if any(n.name in referred for n in t.nested))
    return ahead, replaced


def _refers_ahead(s: Schema, rows_of: dict[str, list[dict[str, Any]]]) -> bool:
    """Whether a row of the page refers to a row the page writes at its own table's step or
    later, or the page replaces children that other rows refer to: then SQLite must check
    references at commit, once every row is in, not at each statement.

    Only then (``store.engine.defer_references``: its pragma makes SQLite prepare every
    statement again, most of a small page's time: a live change, a direction and its line)."""
    ahead, replaced = _ahead(s)
    if any(rows_of.get(name) for name in replaced):
        return True
    ids: dict[str, set[Any]] = {}

    def ids_of(name: str) -> set[Any]:
        found = ids.get(name)
        if found is None:
            found = ids[name] = {row.get("id") for row in _page_rows(s, rows_of, name)} - {None}
        return found

    for name, refs in ahead.items():
        rows = _page_rows(s, rows_of, name)
        if not rows:
            continue
        for column, target in refs:
            targets = ids_of(target)
            if targets and any(row.get(column) in targets for row in rows):
                return True
    return False


def _page_rows(s: Schema, rows_of: dict[str, list[dict[str, Any]]], name: str) -> list[dict[str, Any]]:
    """The page's rows of a synced table, or the children a nested table's parents carry."""
    if name in s.by_name:
        return rows_of.get(name, [])
    for t in s.tables:
        for nested in t.nested:
            if nested.name == name and not nested.scalar:
                return [child for row in rows_of.get(t.name, []) for child in row.get(nested.key, [])]
    return []


def apply_pulled(
    session: Session,
    page: ChangePage,
    *,
    name: str = "server",
    store_cursor: bool = True,
    user_id: str | None = None,
    blobs: BlobStore | None = None,
) -> Applied:
    """Upsert a page's rows by id and store its cursor, in the caller's transaction.

    Each table's hooks run around its rows (documents keep their local sort key and their
    search row is refreshed); nested children (files, roles) are replaced by the page's.
    Deleted rows arrive as tombstones (``deleted`` true) and are kept as such. Rows that
    pending operations changed here keep their local state; revoked ones are dropped
    (files no other document uses are removed from ``blobs``). With ``user_id`` (whose
    pull this is), a page that changes the user's view of a table drops that table's
    pulled rows and sets the cursor (and the trailing streams'), and the page's own
    ``next_cursor``, to 0 with ``more`` true: the caller's loop pulls everything again.
    ``store_cursor`` False applies rows without moving the cursor (a ``refetch_page``).
    """
    s = schema()
    # Each capability reads the outbox for its rows: not when it holds nothing pending.
    local_work = (
        {t.name: t.local_work(session) for t in s.tables if t.local_work is not None} if has_pending(session) else {}
    )
    restarting = (
        [t for t in s.tables if t.view_changed is not None and t.view_changed(session, page.rows, user_id)]
        if store_cursor and user_id is not None else []
    )
    rows_of = _keep_local_work(s, page, local_work)
    if restarting:
        skipped = {t.name for t in restarting} | {r for t in restarting for r, _ in s.riders.get(t.name, [])}
        rows_of = {table: rows for table, rows in rows_of.items() if table not in skipped}
    if _refers_ahead(s, rows_of):
        defer_references(session)
    applied = 0
    changed: set[str] = set()
    for t in s.tables:
        rows = rows_of.get(t.name, [])
        if not rows:
            continue
        _apply_rows(session, s, t, rows)
        applied += len(rows)
        changed |= s.changes_of(t.name)
    changes = Changes.of(changed)
    if restarting:
        defer_references(session)
        for t in restarting:
            if t.drop is not None:
                held = session.scalars(select(t.model.id).where(t.model.server_version.is_not(None)))
                t.drop(session, sorted(set(held) - local_work.get(t.name, set())), blobs)
        page.next_cursor, page.more = 0, True
        for stream in s.trailing:  # their content comes again with the rows
            set_cursor(session, 0, name=f"{name}.{stream.name}")
        changes = EVERYTHING
    elif page.revoked:
        for table in s.revocables:
            if table.drop is None:
                continue
            kept = local_work.get(table.name, set())
            gone = [i for i in page.revoked if i not in kept]
            if gone and len(s.revocables) > 1:  # the ids of this table's rows held here
                gone = [i for chunk in chunks(gone) for i in session.scalars(
                    select(table.model.id).where(table.model.id.in_(chunk))
                )]
            if gone:
                defer_references(session)
                table.drop(session, gone, blobs)
                changes = changes | Changes.of(_dropped_changes(s, table.name))
    session.expire_all()
    if store_cursor:
        set_cursor(session, page.next_cursor, name=name)
    page.changes = changes
    return Applied(applied, changes)


def apply_page(
    session: Session,
    page: ChangePage,
    *,
    name: str = "server",
    store_cursor: bool = True,
    user_id: str | None = None,
    blobs: BlobStore | None = None,
) -> int:
    """``apply_pulled``, returning the number of rows applied (the tables it changed are
    left in ``page.changes``)."""
    return apply_pulled(session, page, name=name, store_cursor=store_cursor, user_id=user_id, blobs=blobs).rows


# --------------------------------------------------------------------------- trailing streams


def trailing_since(stream: str, session: Session, user: User, cursor: int, upto: int, limit: int = 1000) -> BodyPage:
    """A page of the trailing ``stream`` (``Trailing.since``) for ``user``."""
    for found in schema().trailing:
        if found.name == stream:
            return found.since(session, user, cursor, upto, limit)
    raise KeyError(stream)


def apply_trailing(stream: str, session: Session, page: BodyPage, *, name: str) -> Applied:
    """Store a trailing stream's page with its cursor under ``name``."""
    for found in schema().trailing:
        if found.name == stream:
            count = found.apply(session, page)
            session.expire_all()
            set_cursor(session, page.next_cursor, name=name)
            return Applied(count, Changes.of(found.changes) if count else NOTHING)
    raise KeyError(stream)
