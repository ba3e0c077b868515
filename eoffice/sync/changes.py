"""Pull: the server pages out what changed above a client's cursor; the client applies it.

Server side, ``changes_since`` returns the rows a user may see whose ``server_version``
is above the cursor, oldest version first, never splitting one version across pages.
What a user receives:

- every organisation (name, code, parent: the public directory a clerk picks recipients
  from); the units, users (never their password hashes) and registers of their own
  organisation;
- the documents ``eoffice.documents.visibility`` lets them see (the one rule, with its
  reasons: clerks and leaders the organisation's ordinary documents, officers their
  units', everyone those naming them, secret ones only the people named on them), each
  with its files, directions and lines, which travel with it (any change to them
  re-versions the document).

Every page is closed under references: a row it sends that points at a visible row not
yet sent (a higher version) brings that row along; a reference to a row the user may not
see (another organisation's user or document) is sent as null. The client may therefore
apply each page on its own, with its foreign keys checked at commit.

Losing sight of a document. Every change that can hide a document from someone (a line
reassigned, secrecy raised, a draft submitted to another leader) re-versions it, so a
client that already holds rows (cursor above 0) is told in the page that covers that
version: ``revoked`` lists the documents of the user's organisation changed within the
page's versions that the user may no longer see, and those versions count for the page's
cut like rows do, so paging and the cursor hold as for rows. This lets a user learn that
some document of their own organisation changed, never what it is; the server keeps no
per-user record of what each client holds. A change of the user's own view (their
organisation, roles, or an officer's unit or unit tree) re-versions no document: the
client notices it on its own user or unit rows, drops every pulled document and pulls
again from 0 (``_view_changed``).

Client side, ``apply_page`` upserts the rows by id and stores the page's cursor in the
same transaction: an interrupted pull resumes at the last committed page, never skips.
Documents that the client's pending operations changed keep their local state (the
user's offline work is not undone by a pull): the server re-versions them when it applies
the operation, so they come again; a rejected one is fetched again
(``discard_rejected`` + ``documents_page``).

A first sync applies a hundred thousand documents, so rows go to the driver as tuples
through compiled statements, and SQLite's full-text index is written a page at a time.

The PDFs' text travels apart (``bodies_since`` / ``apply_bodies``), after the rows and
with its own cursor: a first sync does not wait for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Table,
    and_,
    bindparam,
    delete,
    event,
    exists,
    literal,
    or_,
    select,
    text,
    true,
    union_all,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from eoffice.directory.models import Organisation, Unit, User, UserRole
from eoffice.documents.indexing import fields_text_of
from eoffice.documents.models import (
    DirectionLine,
    Document,
    DocumentDirection,
    DocumentFile,
    DocumentSearch,
    Register,
)
from eoffice.documents.visibility import view_key, view_of, visible_documents
from eoffice.signing.models import SigningCertificate, TrustedRoot
from eoffice.store.blobs import BlobStore
from eoffice.store.bulk import full_text_aside
from eoffice.store.sequences import next_value
from eoffice.store.statements import STATEMENTS
from eoffice.sync.client_state import documents_with_pending_work, set_cursor
from eoffice.sync.versioning import current_version
from eoffice.worklog import review as worklog_review
from eoffice.worklog.models import WorklogComment, WorklogEntry, WorklogWeek

#: Tables a page carries, in the order a client applies them.
TABLES = ("organisations", "units", "users", "registers", "documents", "document_directions", "direction_lines")
#: Tables whose own versions decide a page's cut; directions and lines ride with documents.
VERSIONED = ("organisations", "units", "users", "registers", "documents")
#: The work diary: each row is read by its owner and the leaders who lead them (worklog.review).
WORKLOG = {"worklog_entries": WorklogEntry, "worklog_weeks": WorklogWeek, "worklog_comments": WorklogComment}
TABLES += tuple(WORKLOG)
VERSIONED += tuple(WORKLOG)
#: The admin's trusted CA roots: every user receives them (public certificates), to verify offline.
TABLES += ("trusted_roots",)
VERSIONED += ("trusted_roots",)
#: The certificates registered to people's e-cards and to organisations: an organisation's
#: desktops receive its own (to refuse another's card before the PIN is asked).
TABLES += ("signing_certificates",)
VERSIONED += ("signing_certificates",)
MODELS: dict[str, Any] = {
    "organisations": Organisation,
    "units": Unit,
    "users": User,
    "registers": Register,
    "documents": Document,
    "document_directions": DocumentDirection,
    "direction_lines": DirectionLine,
    **WORKLOG,
    "trusted_roots": TrustedRoot,
    "signing_certificates": SigningCertificate,
}
#: Columns never sent: secrets, and keys local to each database.
PRIVATE = {"users": {"password_hash"}, "documents": {"sort_key"}}
FILE_COLUMNS = ("id", "digest", "filename", "size", "page_count", "is_main", "position", "signed_kinds")


@dataclass
class ChangePage:
    """One page of a pull: rows per table, the cursor to store with them, whether more wait,
    and the ids of documents the user may no longer see (to drop where held)."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    next_cursor: int = 0
    more: bool = False
    revoked: list[str] = field(default_factory=list)

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


# --------------------------------------------------------------------------- visibility


def visible_rows(table: str, user: User) -> ColumnElement[bool]:
    """Which rows of ``table`` ``user`` may receive, as a WHERE clause (the pull's rule)."""
    return _View(user).visible(table)


class _View:
    """What one user may receive, for one request: each table's WHERE clause built once
    (an officer's reads their unit tree, a leader's diary clause the units they lead)."""

    def __init__(self, user: User) -> None:
        self.user = user
        self._clauses: dict[str, ColumnElement[bool]] = {}

    def visible(self, table: str) -> ColumnElement[bool]:
        """Which rows of ``table`` the user may receive."""
        found = self._clauses.get(table)
        if found is None:
            found = self._clauses[table] = self._build(table)
        return found

    def _build(self, table: str) -> ColumnElement[bool]:
        user = self.user
        if table in ("organisations", "trusted_roots"):
            return true()
        if table in ("units", "users", "registers", "signing_certificates"):
            return _of_organisation(table, user.organisation_id)
        if table == "documents":
            return visible_documents(user)
        if table in WORKLOG:
            return worklog_review.visible_to(user, WORKLOG[table].user_id)
        raise ValueError(table)

    def stable(self, table: str) -> bool:
        """Whether ``visible(table)`` is the same object for every request of the same view
        (so that statements around it are built once, ``store.statements``)."""
        return table not in WORKLOG

    def cut_rows(self, table: str, cursor: int) -> ColumnElement[bool]:
        """Rows whose versions decide a page's cut: the visible ones and, for a client that
        may hold documents (cursor above 0), every document of the user's organisation, so
        that those no longer visible are revoked in the page of their version."""
        if table == "documents" and cursor > 0:
            return _of_organisation("documents", self.user.organisation_id)
        return self.visible(table)

    def above(self, table: str, version: int) -> ColumnElement[bool]:
        return and_(MODELS[table].server_version > version, self.visible(table))

    def above_cut(self, table: str, cursor: int) -> ColumnElement[bool]:
        """Rows above the cursor whose versions decide the page's cut (``cut_rows``)."""
        return and_(MODELS[table].server_version > cursor, self.cut_rows(table, cursor))


@lru_cache(maxsize=1024)
def _of_organisation(table: str, organisation_id: str) -> ColumnElement[bool]:
    """``table``'s rows of one organisation, one clause object per organisation."""
    return MODELS[table].organisation_id == organisation_id  # type: ignore[no-any-return]


# --------------------------------------------------------------------------- server side


def _columns(table: str) -> list[Any]:
    hidden = PRIVATE.get(table, set())
    return [c for c in MODELS[table].__table__.columns if c.key not in hidden]


COLUMNS = {name: _columns(name) for name in TABLES}
#: Per table, the keys of its columns whose values travel as ISO text (dates and times).
ISO_KEYS = {
    name: tuple(c.key for c in COLUMNS[name] if isinstance(c.type, (Date, DateTime))) for name in TABLES
}


def _fetch(session: Session, table: str, where: ColumnElement[bool]) -> list[dict[str, Any]]:
    """Rows as JSON-ready dicts (Core rows, not ORM objects: pages hold thousands)."""
    return _fetched(session, table, _select_rows(table, where), {})


def _select_rows(table: str, where: ColumnElement[bool]) -> Any:
    return select(*COLUMNS[table]).where(where).order_by(MODELS[table].server_version)


def _fetch_above(session: Session, view: _View, table: str, cursor: int, cut: int) -> list[dict[str, Any]]:
    """``table``'s rows the user may see versioned in (``cursor``, ``cut``]."""
    version = MODELS[table].server_version
    if not view.stable(table):
        return _fetch(session, table, and_(version <= cut, view.above(table, cursor)))
    visible = view.visible(table)
    statement = STATEMENTS.get(("rows above", table), (visible,), lambda: _select_rows(
        table, and_(version <= bindparam("cut", type_=BigInteger), version > bindparam("cursor", type_=BigInteger), visible)
    ))
    return _fetched(session, table, statement, {"cut": cut, "cursor": cursor})


def _fetched(session: Session, table: str, statement: Any, params: dict[str, Any]) -> list[dict[str, Any]]:
    keys = [c.key for c in COLUMNS[table]]
    iso = ISO_KEYS[table]
    out = []
    for row in session.connection().execute(statement, params).all():
        values = dict(zip(keys, row))
        for key in iso:
            value = values[key]
            if value is not None:
                values[key] = value.isoformat()
        out.append(values)
    return out


def _chunks(ids: Iterable[str], size: int = 500) -> Iterable[list[str]]:
    batch: list[str] = []
    for i in ids:
        batch.append(i)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


#: Up to this many documents, a page's children are asked for by the documents' ids
#: (an index probe each); above it, by the clause that chose the documents (one query
#: however many there are, instead of one per chunk of ids).
CHILDREN_BY_ID = 500


def _attach_children(
    session: Session,
    page: dict[str, list[dict[str, Any]]],
    documents: ColumnElement[bool] | list[str] | None,
    users: list[str],
) -> None:
    """Files, directions and lines of the page's documents (those ``documents`` names:
    their ids, or a clause on Document); roles of its users."""
    connection = session.connection()
    if documents is not None:
        by_id = isinstance(documents, list)
        chosen: Any = _IDS if by_id else select(Document.id).where(documents)  # type: ignore[arg-type]
        params = {"ids": documents} if by_id else {}
        files: dict[str, list[dict[str, Any]]] = {}
        for row in connection.execute(_FILES_BY_ID if by_id else _files_of(chosen), params).all():
            files.setdefault(row[0], []).append(dict(zip(FILE_COLUMNS, row[1:])))
        for table in ("document_directions", "direction_lines"):
            statement = _CHILDREN_BY_ID[table] if by_id else _select_rows(table, MODELS[table].document_id.in_(chosen))
            page[table].extend(_fetched(session, table, statement, params))
        for doc in page["documents"]:
            if "files" not in doc:
                doc["files"] = files.get(doc["id"], [])
    roles: dict[str, list[str]] = {}
    for chunk in _chunks(users):
        for user_id, role in connection.execute(_ROLES_BY_USER, {"ids": chunk}):
            roles.setdefault(user_id, []).append(role)
    wanted = set(users)
    for row in page["users"]:
        if row["id"] in wanted:
            row["roles"] = roles.get(row["id"], [])


def _files_of(documents: Any) -> Any:
    """The files of ``documents`` (ids, or a subquery of them) with their document's id."""
    return (
        select(DocumentFile.document_id, *(getattr(DocumentFile, c) for c in FILE_COLUMNS))
        .where(DocumentFile.document_id.in_(documents))
        .order_by(DocumentFile.document_id, DocumentFile.position)
    )


# A page's children asked by its documents' ids, built once (every poll that finds a
# change asks them).
_IDS = bindparam("ids", expanding=True)
_FILES_BY_ID = _files_of(_IDS)
_CHILDREN_BY_ID = {
    table: _select_rows(table, MODELS[table].document_id.in_(_IDS)) for table in ("document_directions", "direction_lines")
}
_ROLES_BY_USER = select(UserRole.user_id, UserRole.role).where(UserRole.user_id.in_(_IDS)).order_by(UserRole.role)


def _references() -> dict[str, list[tuple[str, str]]]:
    """Per table, its (column, referenced table) pairs among the synced tables."""
    refs: dict[str, list[tuple[str, str]]] = {}
    for name in TABLES:
        table: Table = MODELS[name].__table__
        for column in table.columns:
            for fk in column.foreign_keys:
                target = fk.column.table.name
                if target in VERSIONED:
                    refs.setdefault(name, []).append((column.key, target))
    return refs


REFERENCES = _references()


def _close(session: Session, view: _View, page: dict[str, list[dict[str, Any]]], cut: int) -> None:
    """Bring along visible rows the page points at but the client cannot have yet; null the rest."""
    present = {name: {row["id"] for row in page[name]} for name in TABLES}
    while True:
        wanted: dict[str, set[str]] = {}
        for name in TABLES:
            rows = page[name]
            for column, target in REFERENCES.get(name, []) if rows else ():
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
                page[target].extend(_fetch(session, target, MODELS[target].id == row_id))
                if target == "documents":
                    _attach_children(session, page, [row_id], [])
                elif target == "users":
                    _attach_children(session, page, None, [row_id])
                added = True
            present[target].add(row_id)
        hidden = {target: ids - seen[target] for target, ids in wanted.items()}
        for name in TABLES:
            for column, target in REFERENCES.get(name, []):
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
    targets = tuple(sorted(wanted))
    if all(view.stable(t) and len(wanted[t]) <= 500 for t in targets):
        anchors = tuple(view.visible(t) for t in targets)
        statement = STATEMENTS.get(("visible versions", targets), anchors, lambda: _version_asks(
            [(t, bindparam(f"ids_{i}", expanding=True), visible) for i, (t, visible) in enumerate(zip(targets, anchors))]
        ))
        return statement, {f"ids_{i}": sorted(wanted[t]) for i, t in enumerate(targets)}
    return _version_asks(
        [(t, chunk, view.visible(t)) for t in targets for chunk in _chunks(sorted(wanted[t]))]
    ), {}


def _version_asks(arms: list[tuple[str, Any, ColumnElement[bool]]]) -> Any:
    """``(table, id, version)`` of the rows of each arm's table whose ids are among its
    ``ids`` and that its clause lets through."""
    asks = [
        select(literal(t).label("t"), MODELS[t].id, MODELS[t].server_version).where(MODELS[t].id.in_(ids), visible)
        for t, ids, visible in arms
    ]
    return union_all(*asks) if len(asks) > 1 else asks[0]


def _probes() -> Any:
    """Which versioned tables hold a row above ``:cursor``: built once, as every pull of
    every client asks it (building and keying a dozen-armed union cost more than running
    it)."""
    cursor = bindparam("cursor", type_=BigInteger)
    probes = union_all(*(
        select(literal(i).label("t")).where(exists().where(MODELS[name].server_version > cursor))
        for i, name in enumerate(VERSIONED)
    )).subquery()
    return select(probes.c.t)


_PROBES = _probes()


def changes_since(
    session: Session, user: User, cursor: int, limit: int = 1000, *, latest: int | None = None
) -> ChangePage:
    """The rows ``user`` may see with ``server_version`` above ``cursor``; about ``limit`` rows.

    The page ends at a version boundary (all rows of its last version are in it, even if
    that makes it longer than ``limit``); ``next_cursor`` is that version. ``latest``: the
    version counter as this session already read it.
    """
    limit = max(1, limit)
    # Nothing was versioned above the cursor (the counter is read in this snapshot, and
    # versions commit in order): an idle client's poll costs one row read.
    if latest is None:
        latest = current_version(session)
    if int(latest) <= cursor:
        return ChangePage({name: [] for name in TABLES}, cursor, False)
    view = _View(user)
    # Which tables hold any row above the cursor, visible or not (an index probe each):
    # the others need no visibility clause. A poll after one direction asks documents only.
    active = [VERSIONED[int(t)] for t in session.scalars(_PROBES, {"cursor": cursor})]
    if not active:
        return ChangePage({name: [] for name in TABLES}, cursor, False)
    # The limit+1 smallest visible versions above the cursor: each table's own smallest
    # first (an index range each, however many rows lie above), then the smallest of those.
    found = [(int(t), int(v)) for t, v in session.execute(_first_versions(view, tuple(active), cursor, limit), {
        "cursor": cursor,
    })]
    if not found:
        return ChangePage({name: [] for name in TABLES}, cursor, False)
    cut = found[min(limit, len(found)) - 1][1]
    # Tables with a version in the page: only those are read (a poll that finds one new
    # direction reads documents, not the twelve tables). When the list was cut short,
    # a table's version equal to the cut may be among those left out: read them all.
    if len(found) > limit:
        changed = set(active)
    else:
        changed = {VERSIONED[t] for t, v in found if v <= cut}
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for name in VERSIONED:
        if name in changed:
            rows[name] = _fetch_above(session, view, name, cursor, cut)
    documents: ColumnElement[bool] | list[str] | None = None
    if len(rows["documents"]) > CHILDREN_BY_ID:
        documents = and_(Document.server_version <= cut, view.above("documents", cursor))
    elif rows["documents"]:
        documents = [d["id"] for d in rows["documents"]]
    _attach_children(session, rows, documents, [u["id"] for u in rows["users"]])
    _close(session, view, rows, cut)
    if len(found) <= limit:
        more = False  # every visible version above the cursor was found: none is above the cut
    elif found[limit][1] > cut:
        more = True
    else:  # the next version found is the cut's own: look further
        more = bool(session.scalar(select(or_(*(
            exists().where(MODELS[name].server_version > cut, view.cut_rows(name, cursor)) for name in active
        )))))
    revoked = _revocations(session, user, cursor, cut, rows) if "documents" in changed else []
    return ChangePage(rows, cut, more, revoked)


def _revocations(
    session: Session, user: User, cursor: int, cut: int, rows: dict[str, list[dict[str, Any]]]
) -> list[str]:
    """Documents of the user's organisation changed in (cursor, cut] and not sent: no longer visible.

    A document whose version is in the page's range and is not among its visible rows was
    invisible when the page was read, and has not changed since (a change would give it a
    version above ``cut``). At cursor 0 the client holds no pulled document: nothing to say.
    """
    if cursor == 0:
        return []
    sent = {d["id"] for d in rows["documents"]}
    changed = session.scalars(_CHANGED_IN_ORGANISATION, {"org": user.organisation_id, "cursor": cursor, "cut": cut})
    return sorted(set(changed) - sent)


_CHANGED_IN_ORGANISATION = select(Document.id).where(
    Document.organisation_id == bindparam("org"),
    Document.server_version > bindparam("cursor", type_=BigInteger),
    Document.server_version <= bindparam("cut", type_=BigInteger),
)


def _first_versions(view: _View, active: tuple[str, ...], cursor: int, limit: int) -> Any:
    """``(table, version)`` of the ``limit + 1`` smallest versions above ``:cursor`` that
    decide the page's cut, in the ``active`` tables; built once per view and shape."""

    def build(anchors: tuple[ColumnElement[bool], ...]) -> Any:
        bound = bindparam("cursor", type_=BigInteger)
        arms = [
            select(literal(VERSIONED.index(name)).label("t"), MODELS[name].server_version.label("v"))
            .where(MODELS[name].server_version > bound, rows)
            .order_by(MODELS[name].server_version)
            .limit(limit + 1)
            .subquery()
            for name, rows in zip(active, anchors)
        ]
        merged = union_all(*(select(arm.c.t, arm.c.v) for arm in arms)).subquery()
        return select(merged.c.t, merged.c.v).order_by(merged.c.v).limit(limit + 1)

    anchors = tuple(view.cut_rows(name, cursor) for name in active)
    if not all(view.stable(name) for name in active):
        return build(anchors)
    return STATEMENTS.get(("first versions", active, limit), anchors, lambda: build(anchors))


def documents_page(session: Session, user: User, document_ids: list[str], cursor: int) -> ChangePage:
    """The current rows of some documents ``user`` may see; existing invisible ones revoked.

    For a client whose operation was rejected: its local copy goes back to the server's
    truth without waiting for the document to change again, or is dropped when the user
    may no longer see it (``revoked``: a refused read, which the route audits).
    ``next_cursor`` stays the client's ``cursor``: rows above it still come by the
    ordinary pull.
    """
    view = _View(user)
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    existing: set[str] = set()
    for chunk in _chunks(sorted(set(document_ids))):
        chosen = and_(Document.id.in_(chunk), view.visible("documents"))
        rows["documents"].extend(_fetch(session, "documents", chosen))
        _attach_children(session, rows, chosen, [])
        existing.update(session.scalars(select(Document.id).where(Document.id.in_(chunk))))
    _close(session, view, rows, cursor)
    revoked = sorted(existing - {d["id"] for d in rows["documents"]})
    return ChangePage(rows, cursor, False, revoked)


# --------------------------------------------------------------------------- client side


#: Per table, the keys a client takes from a pulled row (never the private ones).
TAKEN = {name: tuple(c.key for c in COLUMNS[name]) for name in TABLES}


def _reserve_sort_keys(session: Session, count: int) -> int:
    """Reserve ``count`` values of the local sort-key counter; returns the first."""
    return next_value(session, "documents.sort_key", count) - count + 1


@dataclass(frozen=True)
class _Writer:
    """One compiled upsert (or insert) for a table and a set of keys, run by the driver.

    Pages hold thousands of rows: the statement is compiled once, the rows are turned into
    columns, the columns that need it go through the column types' own bind processors
    (what SQLAlchemy would do per value, without its per-row bookkeeping), and the columns
    are zipped back into the plain tuples the driver takes.
    """

    sql: str
    names: tuple[str, ...]
    #: (position, function, types) for the values that need converting: None never does,
    #: and a column holding only values of ``types`` is taken as it is.
    convert: tuple[tuple[int, Any, frozenset[type]], ...]
    positional: bool

    def run(self, connection: Any, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        names = self.names
        if len(names) == 1:
            columns: list[Any] = [[row[names[0]] for row in rows]]
        else:
            columns = list(zip(*map(itemgetter(*names), rows)))
        for i, fn, taken in self.convert:
            column = columns[i]
            if taken and set(map(type, column)) <= taken:
                continue
            columns[i] = [None if value is None else fn(value) for value in column]
        values = zip(*columns)
        params = list(values) if self.positional else [dict(zip(names, v)) for v in values]
        connection.exec_driver_sql(self.sql, params)


_WRITERS: dict[tuple[Any, ...], _Writer] = {}


def _writer(
    session: Session, table: str, keys: tuple[str, ...], keep: tuple[str, ...], upsert: bool, pulled: bool
) -> _Writer:
    dialect = session.get_bind().dialect
    cache_key = (dialect.name, table, keys, keep, upsert, pulled)
    found = _WRITERS.get(cache_key)
    if found is not None:
        return found
    model_table = MODELS[table].__table__ if table in MODELS else _TABLES_BY_NAME[table]
    insert = pg_insert if dialect.name == "postgresql" else sqlite_insert
    stmt = insert(model_table).values({k: bindparam(k) for k in keys})
    if upsert:
        stmt = stmt.on_conflict_do_update(
            index_elements=["id"], set_={k: stmt.excluded[k] for k in keys if k != "id" and k not in keep}
        )
    compiled = stmt.compile(dialect=dialect)
    names = tuple(compiled.positiontup) if compiled.positional else keys
    assert set(names) == set(keys)
    functions = [_value_function(model_table.c[k].type, dialect, pulled) for k in names]
    convert = tuple(
        (i, fn, _taken_as_is(model_table.c[k].type, dialect))
        for i, (k, fn) in enumerate(zip(names, functions)) if fn is not None
    )
    found = _Writer(compiled.string, names, convert, bool(compiled.positional))
    _WRITERS[cache_key] = found
    return found


def _value_function(type_: Any, dialect: Any, pulled: bool) -> Any:
    """What a value goes through on its way to the driver: from a page's ISO text to a
    date or time when ``pulled``, then the column's bind processor."""
    processor = _processor(type_, dialect)
    parse: Any = None
    if pulled and isinstance(type_, DateTime):
        parse = datetime.fromisoformat
    elif pulled and isinstance(type_, Date):
        parse = date.fromisoformat
    if parse is None:
        return processor
    if getattr(processor, "iso_text", False):  # SQLite, checked against SQLAlchemy
        if isinstance(type_, DateTime):
            return lambda value: _sqlite_datetime(value) if type(value) is str else processor(value)
        return lambda value: _sqlite_date(value) if type(value) is str else processor(value)
    if processor is None:
        return lambda value: parse(value) if isinstance(value, str) else value
    return lambda value: processor(parse(value) if isinstance(value, str) else value)


def _taken_as_is(type_: Any, dialect: Any) -> frozenset[type]:
    """Python types the driver takes as the column's bind processor would make them: a
    boolean column of bools, for SQLite (which stores True as 1, as the processor does)."""
    if dialect.name == "sqlite" and isinstance(type_, Boolean):
        processor = type_.dialect_impl(dialect).bind_processor(dialect)
        if processor is None or all(processor(v) == v for v in (True, False)):
            return frozenset({bool, type(None)})
    return frozenset()


def _sqlite_datetime(value: str) -> str:
    """A page's ISO time as SQLite stores it (``YYYY-MM-DD HH:MM:SS.ffffff``, the zone
    dropped). The server writes UTC as ``isoformat`` does, which is sliced: with its zone
    from PostgreSQL, without one from a SQLite server (which stores UTC naive, as the
    client does); any other form is parsed."""
    if value[10:11] == "T":
        size = len(value) - 6 if value.endswith("+00:00") else len(value)
        if size == 26 and value[19] == ".":
            return f"{value[:10]} {value[11:26]}"
        if size == 19:
            return f"{value[:10]} {value[11:19]}.000000"
    return datetime.fromisoformat(value).replace(tzinfo=None).isoformat(" ", "microseconds")


def _sqlite_date(value: str) -> str:
    """A page's ISO date as SQLite stores it: the same text, checked for its shape."""
    if len(value) == 10 and value[4] == value[7] == "-" and value[:4].isdigit():
        return value
    return date.fromisoformat(value).isoformat()


def _processor(type_: Any, dialect: Any) -> Any:
    """The column type's bind processor; for SQLite's dates and times the same text made
    by ``isoformat`` in C (checked against the processor), a tenth of the cost."""
    processor = type_.dialect_impl(dialect).bind_processor(dialect)
    if processor is None or dialect.name != "sqlite":
        return processor
    quick: Any = None
    samples: tuple[Any, ...] = ()
    if isinstance(type_, DateTime):
        def quick(value: Any) -> Any:
            if type(value) is not datetime:
                return processor(value)
            return value.replace(tzinfo=None).isoformat(" ", "microseconds")

        samples = (datetime(2026, 3, 4, 5, 6, 7, 89), datetime(987, 1, 2, tzinfo=UTC), datetime(2026, 12, 31, 23, 59, 59))
    elif isinstance(type_, Date):
        def quick(value: Any) -> Any:
            return value.isoformat() if type(value) is date else processor(value)

        samples = (date(2026, 3, 4), date(987, 1, 2))
    if quick is not None and all(quick(v) == processor(v) for v in samples):
        quick.iso_text = True
        return quick
    return processor


_TABLES_BY_NAME = {"document_files": DocumentFile.__table__, "document_search": DocumentSearch.__table__}


def _write(
    session: Session,
    table: str,
    rows: list[dict[str, Any]],
    *,
    pulled: bool = False,
    extra: tuple[str, ...] = (),
    keep: tuple[str, ...] = (),
    upsert: bool = True,
) -> None:
    """Upsert (by id) or insert rows, grouped by the keys they carry.

    ``pulled``: rows as a page brings them (dates as ISO text); only the columns a client
    takes (``TAKEN``, and ``extra`` ones the client sets itself) are written.
    """
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    allowed = TAKEN[table] + extra if pulled else ()
    every = set(allowed)
    for row in rows:
        if not pulled:
            keys = tuple(row)
        elif row.keys() >= every:
            keys = allowed
        else:
            keys = tuple(k for k in allowed if k in row)
        groups.setdefault(keys, []).append(row)
    for keys, group in groups.items():
        _writer(session, table, keys, keep, upsert, pulled).run(session.connection(), group)


def apply_page(
    session: Session,
    page: ChangePage,
    *,
    name: str = "server",
    store_cursor: bool = True,
    user_id: str | None = None,
    blobs: BlobStore | None = None,
) -> int:
    """Upsert a page's rows by id and store its cursor, in the caller's transaction.

    Documents keep their local sort key (a new one gets the next local value) and their
    search row is refreshed; their files and a user's roles are replaced by the page's.
    Deleted rows arrive as tombstones (``deleted`` true) and are kept as such. Documents
    that pending operations changed here keep their local state; revoked ones are dropped
    (files no other document uses are removed from ``blobs``). With ``user_id`` (whose
    pull this is), a page that changes the user's view drops every pulled document and
    sets the cursor, and the page's own ``next_cursor``, to 0 with ``more`` true: the
    caller's loop pulls everything again. Returns the number of rows applied.
    ``store_cursor`` False applies rows without moving the cursor (a ``documents_page``
    refetch).
    """
    if session.get_bind().dialect.name == "sqlite":
        # References inside a page are checked at commit, once every row is in.
        session.execute(text("PRAGMA defer_foreign_keys = ON"))
    local_work = documents_with_pending_work(session)
    restart = store_cursor and user_id is not None and _view_changed(session, page, user_id)
    rows_of = _keep_local_work(page, local_work)
    if restart:
        rows_of = {table: rows_of.get(table, []) for table in DIRECTORY}
    applied = 0
    for table in TABLES:
        rows = rows_of.get(table, [])
        if not rows:
            continue
        if table == "documents":
            _apply_documents(session, rows)
        else:
            _write(session, table, rows, pulled=True)
        applied += len(rows)
        if table == "users":
            ids = [row["id"] for row in rows]
            for chunk in _chunks(ids):
                session.execute(delete(UserRole).where(UserRole.user_id.in_(chunk)))
            roles = [{"user_id": row["id"], "role": r} for row in rows for r in row.get("roles", [])]
            if roles:
                session.execute(UserRole.__table__.insert(), roles)
    if restart:
        pulled = session.scalars(select(Document.id).where(Document.server_version.is_not(None)))
        drop_documents(session, sorted(set(pulled) - local_work), blobs)
        page.next_cursor, page.more = 0, True
        set_cursor(session, 0, name=f"{name}.bodies")  # the PDFs' text comes again with them
    else:
        drop_documents(session, [i for i in page.revoked if i not in local_work], blobs)
    session.expire_all()
    if store_cursor:
        set_cursor(session, page.next_cursor, name=name)
    return applied


#: Tables of the directory, applied alone by a page that restarts the pull.
DIRECTORY = ("organisations", "units", "users", "registers")


def _keep_local_work(page: ChangePage, local_work: set[str]) -> dict[str, list[dict[str, Any]]]:
    """The page's rows less those of documents that pending operations changed here."""
    if not local_work:
        return page.rows
    rows = dict(page.rows)
    rows["documents"] = [r for r in page.rows.get("documents", []) if r["id"] not in local_work]
    for table in ("document_directions", "direction_lines"):
        rows[table] = [r for r in page.rows.get(table, []) if r["document_id"] not in local_work]
    return rows


def _view_changed(session: Session, page: ChangePage, user_id: str) -> bool:
    """Whether the page changes what the user may see other than through documents.

    Their organisation, document roles or (an officer's) unit, by their own user row; or,
    for an officer, the unit tree (a unit moved or deleted). No document is re-versioned
    by such a change, so the documents it shows or hides would never come otherwise.
    """
    local = session.get(User, user_id)
    if local is None:
        return False  # the first pull
    before = view_of(local)
    mine = next((r for r in page.rows.get("users", []) if r["id"] == user_id), None)
    if mine is not None and "roles" in mine:
        if view_key(mine["organisation_id"], mine["roles"], mine.get("unit_id")) != before:
            return True
    if before[2] is None:
        return False  # not an officer: the unit tree does not matter
    units = page.rows.get("units", [])
    if not units:
        return False
    held = {
        uid: (parent, deleted)
        for uid, parent, deleted in session.execute(
            select(Unit.id, Unit.parent_id, Unit.deleted).where(Unit.id.in_([u["id"] for u in units]))
        )
    }
    return any(u["id"] in held and held[u["id"]] != (u.get("parent_id"), bool(u.get("deleted"))) for u in units)


def drop_documents(session: Session, ids: list[str], blobs: BlobStore | None = None) -> None:
    """Remove documents from a client with their lines, directions, files and search rows.

    References to them from other documents and lines become null (as the server sends a
    reference to a document one may not see). Their files' blobs that no remaining
    document uses are removed from ``blobs`` once the transaction commits.
    """
    if not ids:
        return
    digests: set[str] = set()
    for chunk in _chunks(ids):
        digests.update(session.scalars(select(DocumentFile.digest).where(DocumentFile.document_id.in_(chunk))))
        session.execute(update(Document).where(Document.reply_to_id.in_(chunk)).values(reply_to_id=None))
        session.execute(
            update(Document).where(Document.source_document_id.in_(chunk)).values(source_document_id=None)
        )
        session.execute(
            update(DirectionLine).where(DirectionLine.reply_document_id.in_(chunk)).values(reply_document_id=None)
        )
        session.execute(update(DirectionLine).where(DirectionLine.document_id.in_(chunk)).values(parent_line_id=None))
        session.execute(delete(DirectionLine).where(DirectionLine.document_id.in_(chunk)))
        session.execute(delete(DocumentDirection).where(DocumentDirection.document_id.in_(chunk)))
        session.execute(delete(DocumentSearch).where(DocumentSearch.document_id.in_(chunk)))
        session.execute(delete(DocumentFile).where(DocumentFile.document_id.in_(chunk)))
        session.execute(delete(Document).where(Document.id.in_(chunk)))
    if blobs is None or not digests:
        return
    still_used = set(session.scalars(select(DocumentFile.digest).where(DocumentFile.digest.in_(sorted(digests)))))
    unused = digests - still_used
    if unused:
        event.listen(session, "after_commit", lambda _s: [blobs.discard(d) for d in unused], once=True)


def _apply_documents(session: Session, rows: list[dict[str, Any]]) -> None:
    """Upsert documents keeping local sort keys, replace their files, refresh their search rows."""
    ids = [row["id"] for row in rows]
    known: dict[str, int] = {}
    for chunk in _chunks(ids):
        known.update((i, k) for i, k in session.execute(_SORT_KEYS, {"ids": chunk}))
    had = set(known)
    fresh = [i for i in ids if i not in had]
    if fresh:
        first = _reserve_sort_keys(session, len(fresh))
        known.update((doc_id, first + offset) for offset, doc_id in enumerate(fresh))
    for row in rows:  # the page's own rows: set in place, not copied (a first sync has 100,000)
        row["sort_key"] = known[row["id"]]
    _write(session, "documents", rows, pulled=True, extra=("sort_key",), keep=("sort_key",))
    _replace_files(session, rows, [i for i in ids if i in had])
    _reindex(session, rows, known)


# Asked for every chunk of a page's documents (a first sync: two hundred times), built once.
_SORT_KEYS = select(Document.id, Document.sort_key).where(Document.id.in_(bindparam("ids", expanding=True)))
_SEARCH = DocumentSearch.__table__
_SEARCH_ROWS = select(_SEARCH.c.seq, _SEARCH.c.document_id, _SEARCH.c.fields_text, _SEARCH.c.body_text).where(
    _SEARCH.c.document_id.in_(bindparam("ids", expanding=True))
)


def _replace_files(session: Session, rows: list[dict[str, Any]], had_files: list[str]) -> None:
    """The page's files of its documents; ``had_files``: documents that were here before."""
    with_files = {row["id"] for row in rows if "files" in row}
    for chunk in _chunks([i for i in had_files if i in with_files]):
        session.execute(delete(DocumentFile).where(DocumentFile.document_id.in_(chunk)))
    files = [
        {**{c: f[c] for c in FILE_COLUMNS}, "document_id": row["id"]}
        for row in rows
        for f in row.get("files", [])
    ]
    _write(session, "document_files", files, upsert=False)


def _reindex(session: Session, rows: list[dict[str, Any]], sort_keys: dict[str, int]) -> None:
    """Refresh the search text of pulled documents; their body text stays as indexed.

    On SQLite the FTS index is written here in bulk, a page at a time, with its triggers
    standing aside (migration 0006_sync_speed: they flush the index at every row), or not
    at all while a first sync has set it aside (``store.bulk``).
    """
    search = DocumentSearch.__table__
    # A few rows (a live change) leave the index to the triggers: the marker and the
    # statements of writing it here cost more than the triggers' flush for one row.
    fts = len(rows) > FEW_ROWS and _writes_full_text(session)
    if fts:
        session.execute(text("INSERT INTO search_bulk_writes(id) VALUES (1)"))
    for chunk in _chunks(rows):
        indexed = {row.document_id: row for row in session.execute(_SEARCH_ROWS, {"ids": [v["id"] for v in chunk]})}
        fresh, changed, old = [], [], []
        for v in chunk:
            text_ = fields_text_of(v)
            row = indexed.get(v["id"])
            if row is None:
                fresh.append({"seq": sort_keys[v["id"]], "document_id": v["id"], "fields_text": text_, "body_text": ""})
            elif row.fields_text != text_:
                changed.append({"seq": row.seq, "fields_text": text_, "body_text": row.body_text})
                old.append({"seq": row.seq, "fields_text": row.fields_text, "body_text": row.body_text})
        if old and fts:
            session.execute(
                text(
                    "INSERT INTO document_fts(document_fts, rowid, fields_text, body_text) "
                    "VALUES ('delete', :seq, :fields_text, :body_text)"
                ),
                old,
            )
        if changed:
            session.execute(
                search.update().where(search.c.seq == bindparam("b_seq")).values(fields_text=bindparam("b_text")),
                [{"b_seq": c["seq"], "b_text": c["fields_text"]} for c in changed],
            )
        _write(session, "document_search", fresh, upsert=False)
        if fts and (fresh or changed):
            session.execute(
                text("INSERT INTO document_fts(rowid, fields_text, body_text) VALUES (:seq, :fields_text, :body_text)"),
                fresh + changed,
            )
    if fts:
        session.execute(text("DELETE FROM search_bulk_writes WHERE id = 1"))


#: Up to this many documents, a pull leaves the FTS index to its triggers.
FEW_ROWS = 8


def _writes_full_text(session: Session) -> bool:
    """Whether this pull writes SQLite's FTS index itself, its triggers standing aside:
    on SQLite, unless a first sync has set the whole index aside (``store.bulk``: it is
    built once when the load ends)."""
    connection = session.connection()
    return connection.dialect.name == "sqlite" and not full_text_aside(connection)


# --------------------------------------------------------------------------- PDF text


@dataclass
class BodyPage:
    """One page of the PDFs' text of documents: (document id, folded text) in version order.

    Sent apart from the rows (a document's text can be long, and a first sync should not
    wait for it): the engine fetches it after the metadata, with its own cursor.
    """

    bodies: list[tuple[str, str]] = field(default_factory=list)
    next_cursor: int = 0
    more: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"bodies": [list(b) for b in self.bodies], "next_cursor": self.next_cursor, "more": self.more}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BodyPage:
        return cls([(str(i), str(t)) for i, t in data["bodies"]], int(data["next_cursor"]), bool(data["more"]))


def bodies_since(session: Session, user: User, cursor: int, upto: int, limit: int = 1000) -> BodyPage:
    """The PDF text of documents ``user`` may see versioned in (``cursor``, ``upto``].

    ``upto`` is the client's row cursor, so every document named is one it holds. Pages
    end at a version boundary like ``changes_since``'s; documents without text are left
    out (their versions still move the cursor).
    """
    limit = max(1, limit)
    search = DocumentSearch.__table__
    in_range = and_(Document.server_version <= upto, _View(user).above("documents", cursor))
    versions = list(
        session.scalars(select(Document.server_version).where(in_range).order_by(Document.server_version).limit(limit + 1))
    )
    if not versions:
        return BodyPage([], max(cursor, upto), False)  # nothing of theirs in the range
    cut = int(versions[min(limit, len(versions)) - 1])
    rows = session.execute(
        select(Document.id, search.c.body_text)
        .join(search, search.c.document_id == Document.id)
        .where(in_range, Document.server_version <= cut, search.c.body_text != "")
        .order_by(Document.server_version)
    )
    more = len(versions) > limit and bool(
        session.scalar(select(exists().where(Document.server_version > cut, in_range)))
    )
    bodies = [(doc_id, body) for doc_id, body in rows]
    return BodyPage(bodies, cut if more else max(cut, upto), more)


def apply_bodies(session: Session, page: BodyPage, *, name: str) -> int:
    """Store pulled PDF text in the documents' search rows (and the FTS index) with the
    page's cursor under ``name``; returns how many search rows changed."""
    search = DocumentSearch.__table__
    fts = _writes_full_text(session)
    changed = 0
    if fts and page.bodies:
        session.execute(text("INSERT INTO search_bulk_writes(id) VALUES (1)"))
    for chunk in _chunks_of(page.bodies):
        wanted = dict(chunk)
        old = [
            {"seq": seq, "fields_text": fields, "body_text": body, "new_body": wanted[doc_id]}
            for seq, doc_id, fields, body in session.execute(
                select(search.c.seq, search.c.document_id, search.c.fields_text, search.c.body_text).where(
                    search.c.document_id.in_(list(wanted))
                )
            )
            if body != wanted[doc_id]
        ]
        if not old:
            continue
        if fts:
            session.execute(
                text(
                    "INSERT INTO document_fts(document_fts, rowid, fields_text, body_text) "
                    "VALUES ('delete', :seq, :fields_text, :body_text)"
                ),
                old,
            )
        session.execute(
            search.update().where(search.c.seq == bindparam("b_seq")).values(body_text=bindparam("b_body")),
            [{"b_seq": o["seq"], "b_body": o["new_body"]} for o in old],
        )
        if fts:
            session.execute(
                text("INSERT INTO document_fts(rowid, fields_text, body_text) VALUES (:seq, :fields_text, :new_body)"),
                old,
            )
        changed += len(old)
    if fts and page.bodies:
        session.execute(text("DELETE FROM search_bulk_writes WHERE id = 1"))
    session.expire_all()
    set_cursor(session, page.next_cursor, name=name)
    return changed


def _chunks_of(items: list[tuple[str, str]], size: int = 500) -> Iterable[list[tuple[str, str]]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
