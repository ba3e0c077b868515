"""Pull: the server pages out what changed above a client's cursor; the client applies it.

Server side, ``changes_since`` returns the rows a user may see whose ``server_version``
is above the cursor, oldest version first, never splitting one version across pages.
What a user receives:

- every organisation (name, code, parent: the public directory a clerk picks recipients
  from); the units, users (never their password hashes) and registers of their own
  organisation;
- the documents of their organisation, each with its files, directions and lines, which
  travel with it (any change to them re-versions the document);
- except secret documents (secrecy other than "none"): those only reach the people named
  on them — their creator, their approver, a person named on one of their direction
  lines or directions — and the organisation's clerks (văn thư keep the secret
  registers) and leaders. An admin is not sent a secret document for being an admin.

Every page is closed under references: a row it sends that points at a visible row not
yet sent (a higher version) brings that row along; a reference to a row the user may not
see (another organisation's user or document) is sent as null. The client may therefore
apply each page on its own, with its foreign keys checked at commit.

Client side, ``apply_page`` upserts the rows by id and stores the page's cursor in the
same transaction: an interrupted pull resumes at the last committed page, never skips.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Date,
    DateTime,
    Table,
    and_,
    bindparam,
    delete,
    exists,
    or_,
    select,
    text,
    true,
    union_all,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from eoffice.directory.models import Organisation, Role, Unit, User, UserRole
from eoffice.documents.indexing import fields_text
from eoffice.documents.models import (
    DirectionLine,
    Document,
    DocumentDirection,
    DocumentFile,
    DocumentSearch,
    Register,
)
from eoffice.sync.client_state import set_cursor
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
MODELS: dict[str, Any] = {
    "organisations": Organisation,
    "units": Unit,
    "users": User,
    "registers": Register,
    "documents": Document,
    "document_directions": DocumentDirection,
    "direction_lines": DirectionLine,
    **WORKLOG,
}
#: Columns never sent: secrets, and keys local to each database.
PRIVATE = {"users": {"password_hash"}, "documents": {"sort_key"}}
FILE_COLUMNS = ("id", "digest", "filename", "size", "page_count", "is_main", "position")


@dataclass
class ChangePage:
    """One page of a pull: rows per table, the cursor to store with them, whether more wait."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    next_cursor: int = 0
    more: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"rows": self.rows, "next_cursor": self.next_cursor, "more": self.more}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ChangePage:
        return cls(rows=dict(data["rows"]), next_cursor=int(data["next_cursor"]), more=bool(data["more"]))

    def count(self) -> int:
        return sum(len(rows) for rows in self.rows.values())


# --------------------------------------------------------------------------- visibility


def may_see_secret(user: User) -> bool:
    """Clerks and leaders of an organisation receive all of its secret documents."""
    return user.has_role(Role.CLERK) or user.has_role(Role.LEADER)


def _visible(table: str, user: User) -> ColumnElement[bool]:
    """Which rows of ``table`` ``user`` may receive, as a WHERE clause."""
    org = user.organisation_id
    if table == "organisations":
        return true()
    if table in ("units", "users", "registers"):
        return MODELS[table].organisation_id == org  # type: ignore[no-any-return]
    if table == "documents":
        if may_see_secret(user):
            named: ColumnElement[bool] = true()
        else:
            named = or_(
                Document.secrecy == "none",
                Document.created_by == user.id,
                Document.approver_id == user.id,
                exists().where(DirectionLine.document_id == Document.id, DirectionLine.user_id == user.id),
                exists().where(
                    DocumentDirection.document_id == Document.id, DocumentDirection.leader_id == user.id
                ),
            )
        return and_(Document.organisation_id == org, named)
    if table in WORKLOG:
        return worklog_review.visible_to(user, WORKLOG[table].user_id)
    raise ValueError(table)


# --------------------------------------------------------------------------- server side


def _plain(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _columns(table: str) -> list[Any]:
    hidden = PRIVATE.get(table, set())
    return [c for c in MODELS[table].__table__.columns if c.key not in hidden]


def _fetch(session: Session, table: str, where: ColumnElement[bool]) -> list[dict[str, Any]]:
    cols = _columns(table)
    return [
        {c.key: _plain(v) for c, v in zip(cols, row)}
        for row in session.execute(select(*cols).where(where).order_by(MODELS[table].server_version))
    ]


def _chunks(ids: Iterable[str], size: int = 500) -> Iterable[list[str]]:
    batch: list[str] = []
    for i in ids:
        batch.append(i)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _attach_children(session: Session, page: dict[str, list[dict[str, Any]]], doc_ids: list[str], users: list[str]) -> None:
    """Files, directions and lines of the page's documents; roles of its users."""
    files: dict[str, list[dict[str, Any]]] = {}
    for chunk in _chunks(doc_ids):
        for row in session.execute(
            select(DocumentFile.document_id, *(getattr(DocumentFile, c) for c in FILE_COLUMNS))
            .where(DocumentFile.document_id.in_(chunk))
            .order_by(DocumentFile.position)
        ):
            files.setdefault(row[0], []).append(dict(zip(FILE_COLUMNS, row[1:])))
        page["document_directions"].extend(
            _fetch(session, "document_directions", DocumentDirection.document_id.in_(chunk))
        )
        page["direction_lines"].extend(_fetch(session, "direction_lines", DirectionLine.document_id.in_(chunk)))
    for doc in page["documents"]:
        if doc["id"] in doc_ids:
            doc["files"] = files.get(doc["id"], [])
    roles: dict[str, list[str]] = {}
    for chunk in _chunks(users):
        for user_id, role in session.execute(
            select(UserRole.user_id, UserRole.role).where(UserRole.user_id.in_(chunk)).order_by(UserRole.role)
        ):
            roles.setdefault(user_id, []).append(role)
    for row in page["users"]:
        if row["id"] in users:
            row["roles"] = roles.get(row["id"], [])


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


def _close(session: Session, user: User, page: dict[str, list[dict[str, Any]]], cut: int) -> None:
    """Bring along visible rows the page points at but the client cannot have yet; null the rest."""
    present = {name: {row["id"] for row in page[name]} for name in TABLES}
    while True:
        wanted: dict[str, set[str]] = {}
        for name in TABLES:
            for column, target in REFERENCES.get(name, []):
                for row in page[name]:
                    ref = row.get(column)
                    if ref is not None and ref not in present[target]:
                        wanted.setdefault(target, set()).add(ref)
        if not wanted:
            return
        added = False
        hidden: dict[str, set[str]] = {}
        for target, ids in wanted.items():
            model = MODELS[target]
            seen: set[str] = set()
            for chunk in _chunks(sorted(ids)):
                for row_id, version in session.execute(
                    select(model.id, model.server_version).where(model.id.in_(chunk), _visible(target, user))
                ):
                    seen.add(row_id)
                    if version is not None and version > cut:
                        new_rows = _fetch(session, target, model.id == row_id)
                        page[target].extend(new_rows)
                        if target == "documents":
                            _attach_children(session, page, [row_id], [])
                        elif target == "users":
                            _attach_children(session, page, [], [row_id])
                        added = True
                    present[target].add(row_id)
            hidden[target] = ids - seen
        for name in TABLES:
            for column, target in REFERENCES.get(name, []):
                gone = hidden.get(target)
                if gone:
                    for row in page[name]:
                        if row.get(column) in gone:
                            row[column] = None
        if not added:
            return


def changes_since(session: Session, user: User, cursor: int, limit: int = 1000) -> ChangePage:
    """The rows ``user`` may see with ``server_version`` above ``cursor``; about ``limit`` rows.

    The page ends at a version boundary (all rows of its last version are in it, even if
    that makes it longer than ``limit``); ``next_cursor`` is that version.
    """
    limit = max(1, limit)
    versions = [
        select(MODELS[name].server_version.label("v")).where(
            MODELS[name].server_version > cursor, _visible(name, user)
        )
        for name in VERSIONED
    ]
    found = list(session.scalars(select(union_all(*versions).subquery().c.v).order_by("v").limit(limit)))
    if not found:
        return ChangePage({name: [] for name in TABLES}, cursor, False)
    cut = int(found[-1])
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for name in VERSIONED:
        model = MODELS[name]
        rows[name] = _fetch(
            session, name, and_(model.server_version > cursor, model.server_version <= cut, _visible(name, user))
        )
    _attach_children(session, rows, [d["id"] for d in rows["documents"]], [u["id"] for u in rows["users"]])
    _close(session, user, rows, cut)
    more = bool(
        session.scalar(
            select(
                or_(
                    *(
                        exists().where(MODELS[name].server_version > cut, _visible(name, user))
                        for name in VERSIONED
                    )
                )
            )
        )
    )
    return ChangePage(rows, cut, more)


def documents_page(session: Session, user: User, document_ids: list[str], cursor: int) -> ChangePage:
    """The current rows of some documents ``user`` may see (invisible ones left out).

    For a client whose operation was rejected: its local copy goes back to the server's
    truth without waiting for the document to change again. ``next_cursor`` stays the
    client's ``cursor``: rows above it still come by the ordinary pull.
    """
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for chunk in _chunks(sorted(set(document_ids))):
        rows["documents"].extend(_fetch(session, "documents", and_(Document.id.in_(chunk), _visible("documents", user))))
    _attach_children(session, rows, [d["id"] for d in rows["documents"]], [])
    _close(session, user, rows, cursor)
    return ChangePage(rows, cursor, False)


# --------------------------------------------------------------------------- client side


def _converters(table: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for column in MODELS[table].__table__.columns:
        if isinstance(column.type, DateTime):
            out[column.key] = datetime.fromisoformat
        elif isinstance(column.type, Date):
            out[column.key] = date.fromisoformat
    return out


CONVERTERS = {name: _converters(name) for name in TABLES}


def _row_values(table: str, row: dict[str, Any]) -> dict[str, Any]:
    columns = MODELS[table].__table__.columns
    convert = CONVERTERS[table]
    hidden = PRIVATE.get(table, set())
    values: dict[str, Any] = {}
    for column in columns:
        key = column.key
        if key in hidden or key not in row:
            continue
        value = row[key]
        if value is not None and key in convert and isinstance(value, str):
            value = convert[key](value)
        values[key] = value
    return values


def _reserve_sort_keys(session: Session, count: int) -> int:
    """Reserve ``count`` values of the local sort-key counter; returns the first."""
    session.execute(text("INSERT INTO counters(name, value) VALUES ('documents.sort_key', 0) ON CONFLICT (name) DO NOTHING"))
    last = int(
        session.execute(
            text("UPDATE counters SET value = value + :n WHERE name = 'documents.sort_key' RETURNING value"),
            {"n": count},
        ).scalar_one()
    )
    return last - count + 1


def _upsert(session: Session, table: str, values: list[dict[str, Any]], keep: Iterable[str] = ()) -> None:
    if not values:
        return
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    model_table = MODELS[table].__table__
    stmt = insert(model_table)
    keys = [k for k in values[0] if k != "id" and k not in set(keep)]
    stmt = stmt.on_conflict_do_update(index_elements=["id"], set_={k: stmt.excluded[k] for k in keys})
    session.execute(stmt, values)


def apply_page(session: Session, page: ChangePage, *, name: str = "server", store_cursor: bool = True) -> int:
    """Upsert a page's rows by id and store its cursor, in the caller's transaction.

    Documents keep their local sort key (a new one gets the next local value) and their
    search row is refreshed; their files and a user's roles are replaced by the page's.
    Deleted rows arrive as tombstones (``deleted`` true) and are kept as such. Returns
    the number of rows applied. ``store_cursor`` False applies rows without moving the
    cursor (a ``documents_page`` refetch).
    """
    if session.get_bind().dialect.name == "sqlite":
        # References inside a page are checked at commit, once every row is in.
        session.execute(text("PRAGMA defer_foreign_keys = ON"))
    applied = 0
    for table in TABLES:
        rows = page.rows.get(table, [])
        if not rows:
            continue
        values = [_row_values(table, row) for row in rows]
        if table == "documents":
            first = _reserve_sort_keys(session, len(values))
            for offset, v in enumerate(values):
                v["sort_key"] = first + offset
            _upsert(session, table, values, keep=("sort_key",))
        else:
            _upsert(session, table, values)
        applied += len(values)
        if table == "users":
            ids = [row["id"] for row in rows]
            for chunk in _chunks(ids):
                session.execute(delete(UserRole).where(UserRole.user_id.in_(chunk)))
            roles = [{"user_id": row["id"], "role": r} for row in rows for r in row.get("roles", [])]
            if roles:
                session.execute(UserRole.__table__.insert(), roles)
        if table == "documents":
            _replace_files(session, rows)
            _reindex(session, rows)
    session.expire_all()
    if store_cursor:
        set_cursor(session, page.next_cursor, name=name)
    return applied


def _replace_files(session: Session, rows: list[dict[str, Any]]) -> None:
    ids = [row["id"] for row in rows if "files" in row]
    for chunk in _chunks(ids):
        session.execute(delete(DocumentFile).where(DocumentFile.document_id.in_(chunk)))
    files = [
        {**{c: f[c] for c in FILE_COLUMNS}, "document_id": row["id"]}
        for row in rows
        for f in row.get("files", [])
    ]
    if files:
        session.execute(DocumentFile.__table__.insert(), files)


class _RowView:
    """A pulled document row read like a Document, enough for ``fields_text``."""

    number_label = Document.number_label

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)


def _reindex(session: Session, rows: list[dict[str, Any]]) -> None:
    """Refresh the search text of pulled documents; their body text stays as indexed.

    Plain statements, not ORM objects: an initial sync writes a hundred thousand rows.
    """
    search = DocumentSearch.__table__
    for chunk in _chunks(rows):
        ids = [row["id"] for row in chunk]
        sort_keys = dict(session.execute(select(Document.id, Document.sort_key).where(Document.id.in_(ids))).all())
        indexed = set(session.scalars(select(DocumentSearch.document_id).where(DocumentSearch.document_id.in_(ids))))
        fresh, changed = [], []
        for row in chunk:
            text_ = fields_text(_RowView(_row_values("documents", row)))  # type: ignore[arg-type]
            if row["id"] in indexed:
                changed.append({"b_id": row["id"], "b_text": text_})
            else:
                fresh.append({"seq": sort_keys[row["id"]], "document_id": row["id"], "fields_text": text_, "body_text": ""})
        if fresh:
            session.execute(search.insert(), fresh)
        if changed:
            session.execute(
                search.update()
                .where(search.c.document_id == bindparam("b_id"))
                .values(fields_text=bindparam("b_text")),
                changed,
            )
