"""Did a client converge? Its rows against what the server lets its user see, and the
operations it made against what the server applied.

What the user may see is asked of the server's own rule (``changes.visible_rows``), so these
checks follow when that rule changes. The columns compared are those that travel
(``sync.tables.schema().columns``: no password hashes, no local sort keys); a reference to a row the
user may not see travels as null, so it is compared as null.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import func, select

from eoffice.audit.chain import verify_chain
from eoffice.audit.models import AuditEvent
from eoffice.directory.models import User, UserRole
from eoffice.documents.models import Document, DocumentDirection, DocumentFile
from eoffice.documents.synced import FILE_COLUMNS
from eoffice.store import Store
from eoffice.store.blobs import BlobStore, sha256_file
from eoffice.sync.changes import visible_rows
from eoffice.sync.models import AppliedOperation, OutboxEntry
from eoffice.sync.tables import schema

_SCHEMA = schema()
TABLES = _SCHEMA.names
VERSIONED = _SCHEMA.versioned
REFERENCES = _SCHEMA.references
MODELS = {t.name: t.model for t in _SCHEMA.tables}


def _columns(table: str) -> list[Any]:
    """The columns of ``table`` that travel (no password hashes, no local sort keys)."""
    return _SCHEMA.columns[table]

Rows = dict[str, list[tuple[Any, ...]]]


def _plain(value: Any) -> Any:
    """One value as both databases give it back: datetimes in UTC without zone, dates as text."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(timezone.utc).replace(tzinfo=None)
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _table_rows(session: Any, table: str, where: Any = None) -> list[dict[str, Any]]:
    cols = _columns(table)
    query = select(*cols).order_by(MODELS[table].id)
    if where is not None:
        query = query.where(where)
    return [{c.key: _plain(v) for c, v in zip(cols, row, strict=True)} for row in session.execute(query)]


def _freeze(table: str, rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    keys = [c.key for c in _columns(table)]
    return [tuple(row[k] for k in keys) for row in rows]


def server_rows(store: Store, user_id: str) -> Rows:
    """The rows of the synced tables ``user_id`` may see on the server, as they travel."""
    with store.read() as session:
        user = session.get(User, user_id)
        assert user is not None
        raw: dict[str, list[dict[str, Any]]] = {}
        for table in VERSIONED:
            raw[table] = _table_rows(session, table, visible_rows(table, user))
        docs = select(Document.id).where(visible_rows("documents", user))
        # a table riding with its parent travels with whoever may see the parent row
        for t in _SCHEMA.tables:
            if t.rides_with is not None:
                column, parent = t.rides_with
                parents = select(MODELS[parent].id).where(visible_rows(parent, user))
                raw[t.name] = _table_rows(session, t.name, getattr(t.model, column).in_(parents))
        files = _files(session, DocumentFile.document_id.in_(docs))
        roles = _roles(session, UserRole.user_id.in_(select(User.id).where(visible_rows("users", user))))
    seen = {table: {row["id"] for row in raw[table]} for table in VERSIONED}
    for table in TABLES:
        for column, target in REFERENCES.get(table, []):
            for row in raw[table]:
                if row[column] is not None and row[column] not in seen[target]:
                    row[column] = None  # sent as null: the user may not see that row
    rows: Rows = {table: _freeze(table, raw[table]) for table in TABLES}
    rows["document_files"] = files
    rows["user_roles"] = roles
    return rows


def client_rows(store: Store) -> Rows:
    """Every row of the synced tables a client database holds."""
    with store.read() as session:
        rows: Rows = {table: _freeze(table, _table_rows(session, table)) for table in TABLES}
        rows["document_files"] = _files(session, None)
        rows["user_roles"] = _roles(session, None)
    return rows


def _files(session: Any, where: Any) -> list[tuple[Any, ...]]:
    query = select(DocumentFile.document_id, *(getattr(DocumentFile, c) for c in FILE_COLUMNS)).order_by(
        DocumentFile.id
    )
    if where is not None:
        query = query.where(where)
    return [tuple(row) for row in session.execute(query)]


def _roles(session: Any, where: Any) -> list[tuple[Any, ...]]:
    query = select(UserRole.user_id, UserRole.role).order_by(UserRole.user_id, UserRole.role)
    if where is not None:
        query = query.where(where)
    return [tuple(row) for row in session.execute(query)]


def server_state(store: Store, blobs: BlobStore) -> dict[str, str]:
    """A checksum per part of everything a refused request must leave as it was: every
    synced row (all columns), files, roles, remembered operations, register counters and
    the attachments on disk. The audit trail is left out: a refusal is written there."""
    from eoffice.documents.models import RegisterCounter

    with store.read() as session:
        parts: dict[str, Any] = {
            table: [tuple(r) for r in session.execute(select(MODELS[table].__table__).order_by(MODELS[table].id))]
            for table in TABLES
        }
        parts["document_files"] = _files(session, None)
        parts["user_roles"] = _roles(session, None)
        parts["applied_operations"] = [
            tuple(r) for r in session.execute(
                select(AppliedOperation.op_id, AppliedOperation.user_id, AppliedOperation.outcome)
                .order_by(AppliedOperation.op_id)
            )
        ]
        parts["register_counters"] = [tuple(r) for r in session.execute(select(RegisterCounter.__table__))]
    parts["blobs"] = sorted(
        (str(p.relative_to(blobs.root)), p.stat().st_size) for p in blobs.root.rglob("*") if p.is_file()
    )
    return {name: checksum({name: [[_plain(v) for v in row] for row in rows]}) for name, rows in parts.items()}


def checksum(rows: Rows) -> str:
    return hashlib.sha256(json.dumps(rows, sort_keys=True, default=str).encode()).hexdigest()


def assert_same_rows(server: Store, client: Store, user_id: str) -> str:
    """The client holds exactly the server's rows for its user; returns the shared checksum.

    On a difference the message names the table and the first rows that differ, which a
    bare checksum would not.
    """
    expected, held = server_rows(server, user_id), client_rows(client)
    if checksum(expected) != checksum(held):
        problems = []
        for table in expected:
            want, have = set(expected[table]), set(held[table])
            if want != have:
                problems.append(
                    f"{table}: {len(want - have)} row(s) only on the server, e.g. {sorted(want - have, key=str)[:2]}; "
                    f"{len(have - want)} only on the client, e.g. {sorted(have - want, key=str)[:2]}"
                )
        raise AssertionError("client and server differ:\n" + "\n".join(problems))
    return checksum(held)


def outbox(client: Store) -> list[tuple[str, str, str]]:
    """(op_id, kind, state) of the client's outbox, in the order the user made them."""
    with client.read() as session:
        query = select(OutboxEntry.op_id, OutboxEntry.kind, OutboxEntry.state).order_by(OutboxEntry.seq)
        return [tuple(r) for r in session.execute(query)]  # type: ignore[misc]


def assert_applied_once(server: Store, client: Store, user_id: str, made: list[str]) -> None:
    """Every operation ``made`` on the client (in that order) is accepted on the server,
    once: nothing pending, rejected, lost or applied twice.

    Applied twice would show as a second document, a second number or a second audit event
    of the same action on the same row; the server's ``applied_operations`` holds one row
    per op_id by its key.
    """
    box = outbox(client)
    assert [op_id for op_id, _, _ in box] == made, "the outbox lost, reordered or invented operations"
    states = Counter(state for _, _, state in box)
    assert states == Counter({"accepted": len(made)}), states
    with server.read() as session:
        applied = dict(
            session.execute(
                select(AppliedOperation.op_id, AppliedOperation.outcome).where(AppliedOperation.user_id == user_id)
            ).all()
        )
        assert applied == {op_id: "accepted" for op_id in made}
        kinds = Counter(kind for _, kind, _ in box)
        registered = session.scalar(select(func.count()).select_from(Document).where(Document.created_by == user_id))
        assert registered == kinds["register_incoming"]
        directions = session.scalar(
            select(func.count()).select_from(DocumentDirection).where(DocumentDirection.leader_id == user_id)
        )
        assert directions == kinds["direct"]
        events = Counter(
            session.execute(
                select(AuditEvent.action, AuditEvent.target_id).where(
                    AuditEvent.actor_id == user_id,
                    AuditEvent.action.in_(
                        [
                            "document.register_incoming", "document.direct",
                            "direction_line.start", "direction_line.complete",
                        ]
                    ),
                )
            ).all()
        )
        assert max(events.values(), default=1) == 1, [e for e, n in events.items() if n > 1]
        per_action = Counter(action for action, _ in events)
        assert per_action["document.register_incoming"] == kinds["register_incoming"]
        assert per_action["document.direct"] == kinds["direct"]
        assert per_action["direction_line.start"] == kinds["start_line"]
        assert per_action["direction_line.complete"] == kinds["complete_line"]
        assert verify_chain(session) == []


def assert_numbers_gapless(server: Store, expected: int) -> None:
    """``expected`` incoming documents, each with a number, and in every register and year
    the numbers run 1..n: no gap, no repeat."""
    with server.read() as session:
        rows = session.execute(
            select(Document.register_id, Document.year, Document.arrival_number).where(
                Document.direction == "incoming", Document.deleted.is_(False)
            )
        ).all()
    series: dict[tuple[str | None, int | None], list[int | None]] = {}
    for register_id, year, number in rows:
        series.setdefault((register_id, year), []).append(number)
    assert len(rows) == expected
    for key, numbers in series.items():
        assert None not in numbers, key
        assert sorted(numbers) == list(range(1, len(numbers) + 1)), (key, sorted(numbers))  # type: ignore[type-var]


def assert_files_complete(client: Store, blobs: BlobStore) -> None:
    """Every attachment of the client's documents is on its disk, whole, and no partial
    download is left behind."""
    with client.read() as session:
        digests = set(session.scalars(select(DocumentFile.digest)))
    for digest in digests:
        assert blobs.has(digest), digest
        assert sha256_file(blobs.path_for(digest)) == digest
    leftovers = [p.name for p in blobs.root.iterdir() if p.is_file() and p.name.startswith(".download-")]
    assert leftovers == []
