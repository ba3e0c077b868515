"""The documents' synced tables: registers, documents (with their files), directions and
lines, and the PDFs' text that follows the rows.

What a user receives is ``documents.visibility``'s one rule (clerks and leaders the
organisation's ordinary documents, officers their units', everyone those naming them,
secret ones only the people named on them); files are nested in each document, and
directions and lines ride with it (any change to them re-versions the document). A
document can leave someone's sight (a line reassigned, secrecy raised, a draft
submitted to another leader): documents are the revocable table, the pull names those of
the user's organisation that changed and are no longer visible. A change of the user's
own view (organisation, roles, an officer's unit or unit tree) re-versions no document:
``_view_changed`` notices it on the pulled user and unit rows.

On the client a document keeps its local sort key (a new one takes the next value), its
search row is refreshed a page at a time, and one dropped takes its files (and their
blobs no other document uses), directions, lines and search row with it.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    and_,
    bindparam,
    delete,
    event,
    exists,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.orm import Session

from eoffice.directory.models import Role, Unit, User
from eoffice.documents.delegations import Delegation
from eoffice.documents.extensions import DeadlineExtension
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
from eoffice.store.blobs import BlobStore
from eoffice.store.bulk import full_text_aside
from eoffice.store.sequences import next_value
from eoffice.sync.changes import BodyPage
from eoffice.sync.tables import (
    Nested,
    Row,
    Rows,
    SyncedTable,
    Trailing,
    of_organisation,
    register,
    register_trailing,
)
from eoffice.sync.writing import chunks, write

#: A document's file, as it travels inside the document's row.
FILE_COLUMNS = ("id", "digest", "filename", "size", "page_count", "is_main", "position", "signed_kinds")
FILES = Nested("files", DocumentFile, "document_id", FILE_COLUMNS, order_by=("position",))


# --------------------------------------------------------------------------- client: writing


def _set_sort_keys(session: Session, rows: list[Row], held: dict[str, tuple[Any, ...]]) -> None:
    """Documents keep their local sort key; a new one takes the next local value."""
    fresh = [row["id"] for row in rows if row["id"] not in held]
    keys = {doc_id: local[0] for doc_id, local in held.items()}
    if fresh:
        first = next_value(session, "documents.sort_key", len(fresh)) - len(fresh) + 1
        keys.update((doc_id, first + offset) for offset, doc_id in enumerate(fresh))
    for row in rows:  # the page's own rows: set in place, not copied (a first sync has 100,000)
        row["sort_key"] = keys[row["id"]]


_SEARCH = DocumentSearch.__table__
_SEARCH_ROWS = select(_SEARCH.c.seq, _SEARCH.c.document_id, _SEARCH.c.fields_text, _SEARCH.c.body_text).where(
    _SEARCH.c.document_id.in_(bindparam("ids", expanding=True))
)
#: Up to this many documents, a pull leaves the FTS index to its triggers.
FEW_ROWS = 8


def _writes_full_text(session: Session) -> bool:
    """Whether this pull writes SQLite's FTS index itself, its triggers standing aside:
    on SQLite, unless a first sync has set the whole index aside (``store.bulk``: it is
    built once when the load ends)."""
    connection = session.connection()
    return connection.dialect.name == "sqlite" and not full_text_aside(connection)


def _reindex(session: Session, rows: list[Row]) -> None:
    """Refresh the search text of pulled documents; their body text stays as indexed.

    On SQLite the FTS index is written here in bulk, a page at a time, with its triggers
    standing aside (migration 0006_sync_speed: they flush the index at every row), or not
    at all while a first sync has set it aside (``store.bulk``).
    """
    search = _SEARCH
    # A few rows (a live change) leave the index to the triggers: the marker and the
    # statements of writing it here cost more than the triggers' flush for one row.
    fts = len(rows) > FEW_ROWS and _writes_full_text(session)
    if fts:
        session.execute(text("INSERT INTO search_bulk_writes(id) VALUES (1)"))
    for start in range(0, len(rows), 500):
        chunk = rows[start : start + 500]
        indexed = {row.document_id: row for row in session.execute(_SEARCH_ROWS, {"ids": [v["id"] for v in chunk]})}
        fresh, changed, old = [], [], []
        for v in chunk:
            text_ = fields_text_of(v)
            row = indexed.get(v["id"])
            if row is None:
                fresh.append({"seq": v["sort_key"], "document_id": v["id"], "fields_text": text_, "body_text": ""})
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
        write(session, "document_search", fresh, upsert=False)
        if fts and (fresh or changed):
            session.execute(
                text("INSERT INTO document_fts(rowid, fields_text, body_text) VALUES (:seq, :fields_text, :body_text)"),
                fresh + changed,
            )
    if fts:
        session.execute(text("DELETE FROM search_bulk_writes WHERE id = 1"))


# --------------------------------------------------------------------------- client: dropping


def drop_documents(session: Session, ids: list[str], blobs: BlobStore | None = None) -> None:
    """Remove documents from a client with their lines, directions, files and search rows.

    References to them from other documents and lines become null (as the server sends a
    reference to a document one may not see). Their files' blobs that no remaining
    document uses are removed from ``blobs`` once the transaction commits.
    """
    if not ids:
        return
    digests: set[str] = set()
    for chunk in chunks(ids):
        digests.update(session.scalars(select(DocumentFile.digest).where(DocumentFile.document_id.in_(chunk))))
        session.execute(update(Document).where(Document.reply_to_id.in_(chunk)).values(reply_to_id=None))
        session.execute(
            update(Document).where(Document.source_document_id.in_(chunk)).values(source_document_id=None)
        )
        session.execute(
            update(DirectionLine).where(DirectionLine.reply_document_id.in_(chunk)).values(reply_document_id=None)
        )
        session.execute(delete(DeadlineExtension).where(DeadlineExtension.document_id.in_(chunk)))
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

        def discard(_session: Session) -> None:
            for digest in unused:
                blobs.discard(digest)

        event.listen(session, "after_commit", discard, once=True)


def _pending_work(session: Session) -> set[str]:
    """Ids of the documents that still-pending operations changed on this client (by
    their document, or their line's): a pull leaves them as they are here, so the user's
    offline work stays on screen until the server has applied it, which re-versions them."""
    from eoffice.sync.client_state import pending_payloads

    documents: set[str] = set()
    lines: set[str] = set()
    for data in pending_payloads(session):
        if isinstance(data.get("document_id"), str):
            documents.add(data["document_id"])
        if isinstance(data.get("line_id"), str):
            lines.add(data["line_id"])
    if lines:
        documents.update(
            session.scalars(select(DirectionLine.document_id).where(DirectionLine.id.in_(sorted(lines))))
        )
    return documents


def _view_changed(session: Session, rows: Rows, user_id: str) -> bool:
    """Whether the page changes which documents the user may see without re-versioning any.

    Their organisation, document roles or (an officer's) unit, by their own user row; or,
    for an officer, the unit tree (a unit moved or deleted). No document is re-versioned
    by such a change, so the documents it shows or hides would never come otherwise.
    """
    local = session.get(User, user_id)
    if local is None:
        return False  # the first pull
    before = view_of(local)
    mine = next((r for r in rows.get("users", []) if r["id"] == user_id), None)
    if mine is not None and "roles" in mine and (
        view_key(mine["organisation_id"], mine["roles"], mine.get("unit_id")) != before
    ):
        return True
    if before[2] is None:
        return False  # not an officer: the unit tree does not matter
    units = rows.get("units", [])
    if not units:
        return False
    held = {
        uid: (parent, deleted)
        for uid, parent, deleted in session.execute(
            select(Unit.id, Unit.parent_id, Unit.deleted).where(Unit.id.in_([u["id"] for u in units]))
        )
    }
    return any(u["id"] in held and held[u["id"]] != (u.get("parent_id"), bool(u.get("deleted"))) for u in units)


# --------------------------------------------------------------------------- the PDFs' text


def bodies_since(session: Session, user: User, cursor: int, upto: int, limit: int = 1000) -> BodyPage:
    """The PDF text of documents ``user`` may see versioned in (``cursor``, ``upto``].

    ``upto`` is the client's row cursor, so every document named is one it holds. Pages
    end at a version boundary like ``changes_since``'s; documents without text are left
    out (their versions still move the cursor).
    """
    limit = max(1, limit)
    search = _SEARCH
    in_range = and_(Document.server_version <= upto, Document.server_version > cursor, visible_documents(user))
    versions = list(
        session.scalars(
            select(Document.server_version).where(in_range).order_by(Document.server_version).limit(limit + 1)
        )
    )
    if not versions:
        return BodyPage([], max(cursor, upto), False)  # nothing of theirs in the range
    cut = int(versions[min(limit, len(versions)) - 1] or 0)
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


def apply_bodies(session: Session, page: BodyPage) -> int:
    """Store pulled PDF text in the documents' search rows (and the FTS index); returns
    how many search rows changed."""
    search = _SEARCH
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
    return changed


def _chunks_of(items: list[tuple[str, str]], size: int = 500) -> Iterable[list[tuple[str, str]]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --------------------------------------------------------------------------- the declarations


@lru_cache(maxsize=1024)
def _organisation_delegations(organisation_id: str) -> ColumnElement[bool]:
    return Delegation.organisation_id == organisation_id


@lru_cache(maxsize=1024)
def _own_delegations(user_id: str) -> ColumnElement[bool]:
    return or_(Delegation.leader_id == user_id, Delegation.deputy_id == user_id)


def delegations_visible(user: User) -> ColumnElement[bool]:
    """The organisation's delegations reach its leaders (who may act for one another) and
    its clerks (who must know who signs in whose stead); anyone else, those naming them."""
    if user.has_role(Role.LEADER) or user.has_role(Role.CLERK):
        return _organisation_delegations(user.organisation_id)
    return _own_delegations(user.id)



register(
    SyncedTable(Register, visible=of_organisation(Register), order=40),
    SyncedTable(
        Document,
        visible=visible_documents,
        revocable=of_organisation(Document),
        private=frozenset({"sort_key"}),
        local=("sort_key",),
        nested=(FILES,),
        order=50,
        bulk=True,
        also_changes=("document_search",),
        before_write=_set_sort_keys,
        after_write=_reindex,
        local_work=_pending_work,
        drop=drop_documents,
        view_changed=_view_changed,
    ),
    SyncedTable(DocumentDirection, rides_with=("document_id", "documents"), order=51, bulk=True),
    SyncedTable(DirectionLine, rides_with=("document_id", "documents"), order=52, bulk=True),
    # Whoever sees the document sees its lines' extension requests (``documents.extensions``).
    SyncedTable(DeadlineExtension, rides_with=("document_id", "documents"), order=53),
)
register(SyncedTable(Delegation, visible=delegations_visible, order=45))
register_trailing(Trailing("bodies", since=bodies_since, apply=apply_bodies, changes=("document_search",)))
