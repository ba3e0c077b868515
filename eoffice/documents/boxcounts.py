"""The sidebar's counts kept up to date by the database itself (SQLite: the desktop).

Counting a box by its list's condition reads every candidate document: a year of an
organisation's register is 250,000 rows at a million documents, and an officer's
visibility probes the lines of each (two to eight seconds a refresh). So SQLite keeps,
by triggers on ``documents``, ``direction_lines`` and ``document_directions`` (whoever
writes: an operation, a sync page, a raw script), tables from which each count is an
index range or a stored number:

- ``box_tallies``: per register and year, the numbered, not deleted ordinary documents
  (every clerk and leader sees them all);
- ``box_entries``: per numbered, not deleted document, one row for each *viewer key*
  that makes it visible (``visibility``): the units it reaches if ordinary (drafting
  unit, its lines' units), the people it names (creator, approver, its lines' people,
  its directions' leaders), and for a secret one the role that receives it
  (``leader:<org>`` for incoming, ``clerk:<org>`` once approved, numbered or issued);
  ``box_entry_counts`` holds how many rows each key has per register and year. Each row
  carries its document's ``reach``, the units or role key (not people) among its keys: a
  count of a later key leaves out the documents an earlier one reached by reading its own
  rows, not by probing the earlier key's (a page read per row, from a cold cache);
- ``box_open``: per open line (waiting, in progress) of a live document, its holder
  (the person, or ``unit:<id>`` while nobody in the unit holds it) and ``org:<org>``,
  with its deadline; and per document awaiting a role, ``leader:<org>`` (incoming,
  registered) or ``clerk:<org>`` (outgoing, approved or numbered), or a person: the head of unit a
  draft awaits (outgoing, reviewing: its ``approver_id``). ``trusted`` is false when the key
  alone does not make the document visible (a unit's or the organisation's line on a
  secret document): such rows are checked against the visibility rule, one by one, on
  the row itself: a line's rows carry its document's organisation and ``readers`` (its
  keys in ``box_entries``, NULL while it has no number). Two keys of their own for the
  drafts' boxes: ``draft:<org>:<drafter>`` per draft still the drafter's (draft,
  returned, reviewing, submitted), ``approve:<org>:<signer>`` per draft submitted for
  signature.
- ``box_open_documents``: one row per key and document of ``box_open`` (kept by triggers
  on ``box_open``), with the earliest deadline of its rows: a document is overdue for a
  key when that day is past, so a key's overdue documents are one index range, each
  counted once (no distinct over its lines). Due soon is read from ``box_open`` by
  ``ix_box_open_deadline``: the lines of a three-day range are few.

A trigger recomputes the rows of the document a write touched, in the writer's
transaction: SQLite has one writer at a time, so concurrent writers cannot interleave,
and a reader sees rows and documents of the same snapshot. An inserted document or line
adds its own rows (a line with a unit also sets the new ``reach`` on its document's few
rows), and documents come before their lines in every writer (operations,
``sync.changes.TABLES``). ``rebuild`` recomputes
everything from scratch: the migration, a raw bulk load, and a first sync, which sets
the triggers aside while it loads (``set_aside``, ``store.bulk``): kept row by row, a
document costs ten times its own insert.

PostgreSQL (the server, which shows no sidebar) has none of this: ``boxes.box_counts``
counts there by the lists' conditions.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection

#: States of a line that still asks something of its holder (``boxes.OPEN_LINE_STATES``).
_OPEN = "('waiting', 'in_progress')"
#: Outgoing states in which a secret document reaches the clerks (``visibility.CLERK_SECRET_STATES``).
_CLERK_STATES = "('approved', 'numbered', 'issued')"

TABLES = ("box_tallies", "box_entries", "box_entry_counts", "box_open", "box_open_documents")

_CREATE = (
    """CREATE TABLE box_tallies (
        register_id VARCHAR(36) NOT NULL,
        year INTEGER NOT NULL,
        documents INTEGER NOT NULL,
        PRIMARY KEY (register_id, year)
    ) WITHOUT ROWID""",
    """CREATE TABLE box_entries (
        viewer_id VARCHAR(50) NOT NULL,
        register_id VARCHAR(36) NOT NULL,
        year INTEGER NOT NULL,
        ordinary BOOLEAN NOT NULL,
        document_id VARCHAR(36) NOT NULL,
        reach TEXT NOT NULL DEFAULT ' ',
        PRIMARY KEY (viewer_id, register_id, year, ordinary, document_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX ix_box_entries_document ON box_entries (document_id)",
    """CREATE TABLE box_entry_counts (
        viewer_id VARCHAR(50) NOT NULL,
        register_id VARCHAR(36) NOT NULL,
        year INTEGER NOT NULL,
        documents INTEGER NOT NULL,
        PRIMARY KEY (viewer_id, register_id, year)
    ) WITHOUT ROWID""",
    """CREATE TABLE box_open (
        viewer_id VARCHAR(50) NOT NULL,
        deadline DATE,
        trusted BOOLEAN NOT NULL,
        document_id VARCHAR(36) NOT NULL,
        line_id VARCHAR(36),
        organisation_id VARCHAR(36),
        readers TEXT
    )""",
    # In document order within a key: a count of distinct documents needs no sorting.
    "CREATE INDEX ix_box_open_viewer ON box_open (viewer_id, trusted, document_id, deadline)",
    # By deadline within a key: the few rows due soon are one range.
    "CREATE INDEX ix_box_open_deadline ON box_open (viewer_id, trusted, deadline, document_id)",
    "CREATE INDEX ix_box_open_document ON box_open (document_id)",
    "CREATE INDEX ix_box_open_line ON box_open (line_id)",
    # One row per key and document of box_open, with its earliest deadline: a document is
    # overdue for a key when that is past, so the overdue ones are one range, each once.
    """CREATE TABLE box_open_documents (
        viewer_id VARCHAR(50) NOT NULL,
        trusted BOOLEAN NOT NULL,
        document_id VARCHAR(36) NOT NULL,
        first_deadline DATE,
        organisation_id VARCHAR(36),
        readers TEXT,
        PRIMARY KEY (viewer_id, trusted, document_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX ix_box_open_documents_first ON box_open_documents (viewer_id, trusted, first_deadline)",
    # Whether a key already counted a document, asked per row of a later key: the narrow
    # rows of this index, not the table's (which carry the readers).
    "CREATE INDEX ix_box_open_documents_key ON box_open_documents (viewer_id, trusted, document_id, first_deadline)",
    # The untrusted rows (few) with what checks them, read without the table.
    "CREATE INDEX ix_box_open_documents_untrusted ON box_open_documents "
    "(viewer_id, first_deadline, document_id, organisation_id, readers) WHERE trusted = 0",
    "CREATE INDEX ix_box_open_untrusted ON box_open (viewer_id, deadline, document_id, organisation_id, readers) "
    "WHERE trusted = 0",
)


#: Outgoing states of a draft its drafter keeps (``boxes.MY_DRAFT_STATES``).
_DRAFT_STATES = "('draft', 'returned', 'reviewing', 'submitted')"


def _secret_role(d: str) -> str:
    """The role key a secret document reaches (``leader:<org>``, ``clerk:<org>``), or NULL."""
    return (
        f"CASE WHEN {d}.direction = 'incoming' THEN 'leader:' || {d}.organisation_id "
        f"WHEN {d}.direction = 'outgoing' AND {d}.state IN {_CLERK_STATES} THEN 'clerk:' || {d}.organisation_id END"
    )


def _reach(d: str) -> str:
    """The keys other than people that reach the document ``d`` (an alias of ``documents``),
    sorted, each between spaces (`` u1 u2 ``): an ordinary one's drafting unit and its
    lines' units, a secret one's role key (``_secret_role``); `` `` when none.

    Stored on each of its ``box_entries`` rows, so that a count of one key's rows can leave
    out those an earlier key (a unit, a role: never a person) reached by reading the row
    itself: probing the earlier key's rows instead read a page of them per row counted, a
    thousand pages of an officer's unit for a year of their own, slow from a cold cache.
    Sorted, so that the rows kept by the triggers equal those a rebuild makes."""
    return (
        f"CASE WHEN {d}.secrecy = 'none' THEN coalesce((SELECT ' ' || group_concat(u, ' ') || ' ' FROM ("
        f"SELECT {d}.drafting_unit_id AS u WHERE coalesce({d}.drafting_unit_id, '') <> '' "
        f"UNION SELECT rl.unit_id FROM direction_lines rl WHERE rl.document_id = {d}.id AND rl.deleted = 0 "
        f"AND coalesce(rl.unit_id, '') <> '' ORDER BY 1)), ' ') "
        f"ELSE coalesce(' ' || {_secret_role(d)} || ' ', ' ') END"
    )


def _counted(d: str) -> str:
    """A document that counts in its register's year: numbered, not deleted."""
    return (
        f"{d}.deleted = 0 AND {d}.register_id IS NOT NULL AND {d}.year IS NOT NULL "
        f"AND {d}.register_number IS NOT NULL"
    )


#: The counted documents with what the ``box_entries`` grounds read of each. A view, as
#: are ``box_entry_grounds``, ``box_open_lines`` and ``box_awaiting``, so that the
#: triggers name them where they would repeat their text: SQLite parses the text of every
#: trigger when a connection runs its first statement, and with these written out up to
#: fourteen times in each trigger that recomputes a document (93 KB in all), that took
#: 5 ms of every new connection, the first screen's among them. SQLite pushes a
#: trigger's ``WHERE document_id = ...`` down into each part of a view: one document's
#: rows are read by their indexes, as before.
_COUNTED_DOCUMENTS = "box_counted_documents"
_COUNTED_DOCUMENTS_VIEW = (
    f"CREATE VIEW {_COUNTED_DOCUMENTS} AS SELECT d.id, d.register_id, d.year, d.secrecy = 'none' AS ordinary, "
    f"{_reach('d')} AS reach, d.created_by, d.approver_id, d.drafting_unit_id, {_secret_role('d')} AS secret_role "
    f"FROM documents d WHERE {_counted('d')}"
)

#: A temporary table of ``box_counted_documents``, for ``rebuild``: each document's reach
#: is computed once there, not once per ground.
_REBUILD_DOCUMENTS = "temp.box_rebuild_documents"


def _grounds(docs: str) -> str:
    """One row per ground that makes a document of ``docs`` (a table or view with the
    columns of ``box_counted_documents``) visible to a viewer key (NULL or empty: none)."""
    same = "x.id AS document_id, x.register_id, x.year, x.ordinary, x.reach"
    return " UNION ALL ".join((
        f"SELECT x.created_by AS viewer_id, {same} FROM {docs} x",
        f"SELECT x.approver_id, {same} FROM {docs} x",
        f"SELECT x.drafting_unit_id, {same} FROM {docs} x WHERE x.ordinary",
        f"SELECT x.secret_role, {same} FROM {docs} x WHERE NOT x.ordinary",
        f"SELECT l.user_id, {same} FROM {docs} x JOIN direction_lines l ON l.document_id = x.id WHERE l.deleted = 0",
        f"SELECT l.unit_id, {same} FROM {docs} x JOIN direction_lines l ON l.document_id = x.id "
        "WHERE l.deleted = 0 AND x.ordinary",
        f"SELECT r.leader_id, {same} FROM {docs} x JOIN document_directions r ON r.document_id = x.id "
        "WHERE r.deleted = 0",
    ))


_ENTRY_GROUNDS = "box_entry_grounds"
_ENTRY_GROUNDS_VIEW = f"CREATE VIEW {_ENTRY_GROUNDS} AS {_grounds(_COUNTED_DOCUMENTS)}"


def _entries_of(grounds: str, where: str = "1") -> str:
    """Rows of ``box_entries`` from ``grounds`` (a table or view with the columns of
    ``_grounds``) matching ``where`` (a condition on ``g``); one already there is kept.

    ``ON CONFLICT DO NOTHING``, not ``INSERT OR IGNORE``: inside a trigger SQLite lets the
    outer statement's conflict algorithm override an ``OR`` clause, and the pull writes
    documents with an upsert (ABORT), which turned a key already there into an error."""
    columns = "viewer_id, document_id, register_id, year, ordinary, reach"
    return (
        f"INSERT INTO box_entries ({columns}) SELECT {columns} FROM {grounds} g "
        f"WHERE ({where}) AND g.viewer_id IS NOT NULL AND g.viewer_id <> '' ON CONFLICT DO NOTHING"
    )


def _entries_insert(viewers: str) -> str:
    """Rows of ``box_entries`` for ``viewers`` (``(document_id, viewer_id)`` rows of a
    document just written, which the trigger names); one already there is kept."""
    return f"""INSERT INTO box_entries (viewer_id, register_id, year, ordinary, document_id, reach)
        SELECT v.viewer_id, d.register_id, d.year, d.secrecy = 'none', d.id, {_reach('d')}
        FROM ({viewers}) v JOIN documents d ON d.id = v.document_id
        WHERE v.viewer_id IS NOT NULL AND v.viewer_id <> '' AND {_counted('d')}
        ON CONFLICT DO NOTHING"""


def _readers(d: str) -> str:
    """Every key of the document ``d`` (an alias of ``documents``) in ``box_entries``,
    sorted, each between spaces; NULL while it has no number (it has no entries then).

    Stored on the rows of its open lines, so that a row whose key alone does not make the
    document visible (``trusted`` false) is checked against the user's keys on the row
    itself, not by reading the document and its entries (two pages from a cold cache)."""
    return (
        f"CASE WHEN {d}.register_number IS NULL THEN NULL ELSE coalesce((SELECT ' ' || group_concat(k, ' ') || ' ' "
        f"FROM (SELECT re.viewer_id AS k FROM box_entries re WHERE re.document_id = {d}.id ORDER BY 1)), ' ') END"
    )


def _readers_refresh(doc_id: str) -> str:
    """Set the readers of the document ``doc_id``'s line rows anew (its entries changed);
    ``box_open_au`` passes them on to ``box_open_documents``."""
    return (
        f"UPDATE box_open SET readers = (SELECT {_readers('d')} FROM documents d WHERE d.id = {doc_id}) "
        f"WHERE document_id = {doc_id} AND line_id IS NOT NULL"
    )


#: Rows of ``box_open`` for the open lines of live documents, with their document's
#: organisation and readers (``_readers``); a view, as ``box_counted_documents`` is.
_OPEN_LINES = "box_open_lines"


def _open_lines_view() -> str:
    live = f"l.deleted = 0 AND l.state IN {_OPEN} AND d.deleted = 0"
    keys = (
        # the person holding it: named, so it is theirs whatever its secrecy
        "l.user_id AS viewer_id, 1 AS trusted", "coalesce(l.user_id, '') <> ''",
        # the unit, while nobody in it holds it: visible to its members if ordinary
        "'unit:' || l.unit_id, d.secrecy = 'none'", "l.unit_id IS NOT NULL AND coalesce(l.user_id, '') = ''",
        # the organisation's follow-up (clerks, leaders)
        "'org:' || d.organisation_id, d.secrecy = 'none'", "1",
    )
    parts = [
        f"SELECT {keys[i]}, l.deadline AS deadline, l.document_id AS document_id, l.id AS line_id, "
        f"d.organisation_id AS organisation_id, {_readers('d')} AS readers FROM direction_lines l "
        f"JOIN documents d ON d.id = l.document_id WHERE {live} AND {keys[i + 1]}"
        for i in range(0, len(keys), 2)
    ]
    return f"CREATE VIEW {_OPEN_LINES} AS " + " UNION ALL ".join(parts)


def _open_lines_insert(lines: str) -> str:
    """Rows of ``box_open`` for the lines matching ``lines`` (a condition on ``l``, the
    view's row: ``l.document_id``, ``l.line_id``)."""
    columns = "viewer_id, trusted, deadline, document_id, line_id, organisation_id, readers"
    return f"INSERT INTO box_open ({columns}) SELECT {columns} FROM {_OPEN_LINES} l WHERE {lines}"


#: Rows of ``box_open`` for documents awaiting a role: direction (leaders), a number or
#: the seal (clerks); and for a draft awaiting the review of its unit's head, that person
#: (named on it as ``approver_id``: theirs whatever its secrecy).
#:
#: And two keys of their own for the boxes of drafts, read by nothing else:
#: ``draft:<org>:<drafter>`` for a draft still with its drafter or on its way
#: (``boxes.MY_DRAFT_STATES``), ``approve:<org>:<approver>`` for one submitted to its
#: signer. Counted by the documents' own index they read a page of the table per draft of
#: the whole organisation (some hundreds, slow from a cold cache); here, the user's few.
#: A view, as ``box_counted_documents`` is.
_AWAITING = "box_awaiting"
_AWAITING_VIEW = f"""CREATE VIEW {_AWAITING} AS
        SELECT CASE WHEN d.direction = 'incoming' THEN 'leader:' || d.organisation_id
                    WHEN d.state IN ('approved', 'numbered') THEN 'clerk:' || d.organisation_id
                    ELSE d.approver_id END AS viewer_id,
               1 AS trusted, NULL AS deadline, d.id AS document_id, NULL AS line_id
        FROM documents d WHERE d.deleted = 0
          AND ((d.direction = 'incoming' AND d.state = 'registered')
               OR (d.direction = 'outgoing' AND d.state IN ('approved', 'numbered'))
               OR (d.direction = 'outgoing' AND d.state = 'reviewing' AND coalesce(d.approver_id, '') <> ''))
        UNION ALL
        SELECT 'draft:' || d.organisation_id || ':' || d.created_by, 1, NULL, d.id, NULL
        FROM documents d WHERE d.deleted = 0 AND d.direction = 'outgoing'
          AND d.state IN {_DRAFT_STATES} AND coalesce(d.created_by, '') <> ''
        UNION ALL
        SELECT 'approve:' || d.organisation_id || ':' || d.approver_id, 1, NULL, d.id, NULL
        FROM documents d WHERE d.deleted = 0 AND d.direction = 'outgoing'
          AND d.state = 'submitted' AND coalesce(d.approver_id, '') <> ''"""


def _awaiting_insert(doc: str) -> str:
    """Rows of ``box_open`` for the documents awaiting someone (``_AWAITING``) that match
    ``doc`` (a condition on ``a.document_id``)."""
    columns = "viewer_id, trusted, deadline, document_id, line_id"
    return f"INSERT INTO box_open ({columns}) SELECT {columns} FROM {_AWAITING} a WHERE {doc}"


def _tally(row: str, delta: int) -> str:
    sign = "+" if delta > 0 else "-"
    counted = (
        f"{row}.deleted = 0 AND {row}.secrecy = 'none' AND {row}.register_id IS NOT NULL "
        f"AND {row}.year IS NOT NULL AND {row}.register_number IS NOT NULL"
    )
    if delta > 0:
        return (
            f"INSERT INTO box_tallies (register_id, year, documents) SELECT {row}.register_id, {row}.year, 1 "
            f"WHERE {counted} ON CONFLICT (register_id, year) DO UPDATE SET documents = documents + 1"
        )
    return (
        f"UPDATE box_tallies SET documents = documents {sign} 1 "
        f"WHERE register_id = {row}.register_id AND year = {row}.year AND {counted}; "
        f"DELETE FROM box_tallies WHERE register_id = {row}.register_id AND year = {row}.year AND documents = 0"
    )


def _recompute(doc_id: str) -> list[str]:
    """Statements that rebuild every row of the document ``doc_id`` (an expression)."""
    return [
        f"DELETE FROM box_entries WHERE document_id = {doc_id}",
        _entries_of(_ENTRY_GROUNDS, f"g.document_id = {doc_id}"),
        f"DELETE FROM box_open WHERE document_id = {doc_id}",
        _open_lines_insert(f"l.document_id = {doc_id}"),
        _awaiting_insert(f"a.document_id = {doc_id}"),
    ]


def _changed(*columns: str) -> str:
    return " OR ".join(f"old.{c} IS NOT new.{c}" for c in columns)


_DOCUMENT_COLUMNS = (
    "id", "organisation_id", "direction", "state", "register_id", "year", "register_number",
    "secrecy", "deleted", "created_by", "approver_id", "drafting_unit_id",
)

_SAME_OPEN = (
    "box_open_documents.viewer_id = old.viewer_id AND box_open_documents.trusted = old.trusted "
    "AND box_open_documents.document_id = old.document_id"
)

#: name → (event, WHEN condition or "", statements)
_TRIGGERS: dict[str, tuple[str, str, list[str]]] = {
    # A new document: its own grounds only (its lines and directions come after it).
    "box_documents_ai": ("AFTER INSERT ON documents", "", [
        _tally("new", +1),
        _entries_insert(
            " UNION ALL ".join(
                f"SELECT new.id AS document_id, {v} AS viewer_id" for v in (
                    "new.created_by", "new.approver_id",
                    "CASE WHEN new.secrecy = 'none' THEN new.drafting_unit_id END",
                    "CASE WHEN new.secrecy = 'none' THEN NULL WHEN new.direction = 'incoming' "
                    "THEN 'leader:' || new.organisation_id WHEN new.state IN " + _CLERK_STATES
                    + " THEN 'clerk:' || new.organisation_id END",
                )
            )
        ),
        _awaiting_insert("a.document_id = new.id"),
    ]),
    "box_documents_au": ("AFTER UPDATE ON documents", _changed(*_DOCUMENT_COLUMNS), [
        _tally("old", -1),
        _tally("new", +1),
        "DELETE FROM box_entries WHERE document_id = old.id",
        "DELETE FROM box_open WHERE document_id = old.id",
        *_recompute("new.id"),
    ]),
    "box_documents_ad": ("AFTER DELETE ON documents", "", [
        _tally("old", -1),
        "DELETE FROM box_entries WHERE document_id = old.id",
        "DELETE FROM box_open WHERE document_id = old.id",
    ]),
    # A new line: a unit of its own reaches the document's rows (their ``reach``); its
    # person and unit, found by the document's primary key.
    "box_lines_ai": ("AFTER INSERT ON direction_lines", "", [
        (f"UPDATE box_entries SET reach = (SELECT {_reach('d')} FROM documents d WHERE d.id = new.document_id) "
         "WHERE document_id = new.document_id AND ordinary AND new.deleted = 0 AND coalesce(new.unit_id, '') <> ''"),
        _entries_insert(
            "SELECT new.document_id AS document_id, new.user_id AS viewer_id WHERE new.deleted = 0 "
            "UNION ALL SELECT x.id, new.unit_id FROM documents x "
            "WHERE x.id = new.document_id AND x.secrecy = 'none' AND new.deleted = 0"
        ),
        _open_lines_insert("l.line_id = new.id"),
        _readers_refresh("new.document_id"),
    ]),
    "box_lines_au": (
        "AFTER UPDATE ON direction_lines",
        _changed("id", "document_id", "unit_id", "user_id", "deleted", "state", "deadline"),
        [*_recompute("old.document_id"), *_recompute("new.document_id")],
    ),
    "box_lines_ad": ("AFTER DELETE ON direction_lines", "", _recompute("old.document_id")),
    "box_directions_ai": ("AFTER INSERT ON document_directions", "", [
        _entries_insert("SELECT new.document_id AS document_id, new.leader_id AS viewer_id WHERE new.deleted = 0"),
        _readers_refresh("new.document_id"),
    ]),
    "box_directions_au": (
        "AFTER UPDATE ON document_directions",
        _changed("document_id", "leader_id", "deleted"),
        [*_recompute("old.document_id"), *_recompute("new.document_id")],
    ),
    "box_directions_ad": ("AFTER DELETE ON document_directions", "", _recompute("old.document_id")),
    # Rows of one key in a register's year, counted: the largest key of a count is read here.
    "box_entries_ai": ("AFTER INSERT ON box_entries", "", [
        ("INSERT INTO box_entry_counts (viewer_id, register_id, year, documents) "
        "SELECT new.viewer_id, new.register_id, new.year, 1 WHERE 1 "
        "ON CONFLICT (viewer_id, register_id, year) DO UPDATE SET documents = documents + 1"),
    ]),
    "box_entries_ad": ("AFTER DELETE ON box_entries", "", [
        ("UPDATE box_entry_counts SET documents = documents - 1 "
        "WHERE viewer_id = old.viewer_id AND register_id = old.register_id AND year = old.year"),
        ("DELETE FROM box_entry_counts "
        "WHERE viewer_id = old.viewer_id AND register_id = old.register_id AND year = old.year AND documents = 0"),
    ]),
    # A key's rows of a document, as one row with the earliest deadline (NULLs aside).
    "box_open_ai": ("AFTER INSERT ON box_open", "", [
        ("INSERT INTO box_open_documents (viewer_id, trusted, document_id, first_deadline, organisation_id, readers) "
        "SELECT new.viewer_id, new.trusted, new.document_id, new.deadline, new.organisation_id, new.readers WHERE 1 "
        "ON CONFLICT (viewer_id, trusted, document_id) DO UPDATE SET first_deadline = "
        "min(coalesce(first_deadline, excluded.first_deadline), coalesce(excluded.first_deadline, first_deadline)), "
        "organisation_id = coalesce(excluded.organisation_id, organisation_id), "
        "readers = coalesce(excluded.readers, readers)"),
    ]),
    # A document's readers are the same on each of its rows: the last set is the one.
    "box_open_au": ("AFTER UPDATE OF readers ON box_open", "", [
        ("UPDATE box_open_documents SET readers = new.readers WHERE viewer_id = new.viewer_id "
        "AND trusted = new.trusted AND document_id = new.document_id"),
    ]),
    "box_open_ad": ("AFTER DELETE ON box_open", "", [
        (f"DELETE FROM box_open_documents WHERE {_SAME_OPEN} "
        f"AND NOT EXISTS (SELECT 1 FROM box_open o WHERE {_SAME_OPEN.replace('box_open_documents.', 'o.')})"),
        (f"UPDATE box_open_documents SET first_deadline = (SELECT min(o.deadline) FROM box_open o "
        f"WHERE {_SAME_OPEN.replace('box_open_documents.', 'o.')}) WHERE {_SAME_OPEN}"),
    ]),
}


def _trigger_sql(name: str) -> str:
    event, when, statements = _TRIGGERS[name]
    body = "; ".join(statements)
    return f"CREATE TRIGGER {name} {event}{f' WHEN {when}' if when else ''} BEGIN {body}; END"


TRIGGERS = tuple(_TRIGGERS)


#: name → CREATE VIEW: what the triggers and the rebuild read.
_VIEWS = {
    _COUNTED_DOCUMENTS: _COUNTED_DOCUMENTS_VIEW,
    _ENTRY_GROUNDS: _ENTRY_GROUNDS_VIEW,
    _OPEN_LINES: _open_lines_view(),
    _AWAITING: _AWAITING_VIEW,
}


def drop_triggers(conn: Connection) -> None:
    """Stop maintaining the tables (a raw bulk load); ``create_triggers`` and ``rebuild`` after."""
    for name in TRIGGERS:
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    for view in _VIEWS:
        conn.exec_driver_sql(f"DROP VIEW IF EXISTS {view}")


def _create_views(conn: Connection) -> None:
    """The views the triggers and the rebuild read, as this module defines them now."""
    for name, statement in _VIEWS.items():
        conn.exec_driver_sql(f"DROP VIEW IF EXISTS {name}")
        conn.exec_driver_sql(statement)


def _create_triggers_on_views(conn: Connection) -> None:
    """The triggers, over the views ``_create_views`` made (none of them there before)."""
    for name in TRIGGERS:
        conn.exec_driver_sql(_trigger_sql(name))


def create_triggers(conn: Connection) -> None:
    """The triggers (and the views they read), made again as this module defines them."""
    drop_triggers(conn)
    _create_views(conn)
    _create_triggers_on_views(conn)


_OPEN_DOCUMENTS_FILL = (
    "INSERT INTO box_open_documents (viewer_id, trusted, document_id, first_deadline, organisation_id, readers) "
    "SELECT viewer_id, trusted, document_id, min(deadline), max(organisation_id), max(readers) FROM box_open "
    "GROUP BY viewer_id, trusted, document_id"
)


#: The secondary indexes of the tables, made again after a rebuild has filled them (one
#: sort each, not a B-tree insert per row).
_INDEX_NAMES = tuple(statement.split()[2] for statement in _CREATE if statement.startswith("CREATE INDEX"))
_INDEXES = tuple(
    statement.replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1)
    for statement in _CREATE if statement.startswith("CREATE INDEX")
)
_ENTRIES_BY_DOCUMENT = next(statement for statement in _INDEXES if "ix_box_entries_document" in statement)


#: A column of each table that its latest shape added: a table without it is made again.
_NEWEST_COLUMNS = {"box_entries": "reach", "box_open": "readers", "box_open_documents": "readers"}


def _make_current(conn: Connection) -> None:
    """Make the tables again if they are of an older shape: a migration before the one
    that changed them (``0017_issuing_steps`` rebuilds) runs this module as it is now."""
    stale = any(
        column not in {row[0] for row in conn.exec_driver_sql(f"SELECT name FROM pragma_table_info('{table}')")}
        for table, column in _NEWEST_COLUMNS.items()
    )
    if stale:
        for table in TABLES:
            conn.exec_driver_sql(f"DROP TABLE IF EXISTS {table}")
        for statement in _CREATE:
            conn.exec_driver_sql(statement)


#: The page cache (KiB) a rebuild or a drop runs with. Each reads the tables once: the
#: connection's cache (64 MB, ``store.engine``) only grew the process by as much (a first
#: sync of 20,000 documents: 34 MB more at its peak; a server dropping that many
#: documents' rows: 53 MB), no faster.
SMALL_CACHE_KIB = 8192


@contextmanager
def _small_cache(conn: Connection) -> Iterator[None]:
    cache = conn.exec_driver_sql("PRAGMA cache_size").fetchone()[0]  # type: ignore[index]
    conn.exec_driver_sql(f"PRAGMA cache_size = -{SMALL_CACHE_KIB}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(cache)}")


def rebuild(conn: Connection) -> None:
    """Recompute the tables from the documents, lines and directions (the triggers and the
    tables' secondary indexes stand aside meanwhile, and are there again after)."""
    with _small_cache(conn):
        _rebuild(conn)


def _rebuild(conn: Connection) -> None:
    drop_triggers(conn)
    _make_current(conn)
    _create_views(conn)
    for name in _INDEX_NAMES:
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")
    for table in TABLES:
        conn.exec_driver_sql(f"DELETE FROM {table}")
    conn.exec_driver_sql(
        "INSERT INTO box_tallies (register_id, year, documents) SELECT register_id, year, count(*) "
        "FROM documents WHERE deleted = 0 AND secrecy = 'none' AND register_id IS NOT NULL "
        "AND year IS NOT NULL AND register_number IS NOT NULL GROUP BY register_id, year"
    )
    conn.exec_driver_sql(f"DROP TABLE IF EXISTS {_REBUILD_DOCUMENTS}")
    conn.exec_driver_sql(f"CREATE TABLE {_REBUILD_DOCUMENTS} AS SELECT * FROM {_COUNTED_DOCUMENTS}")
    conn.exec_driver_sql("CREATE UNIQUE INDEX temp.ix_box_rebuild_documents ON box_rebuild_documents (id)")
    conn.exec_driver_sql(_entries_of(f"({_grounds(_REBUILD_DOCUMENTS)})"))
    conn.exec_driver_sql(f"DROP TABLE {_REBUILD_DOCUMENTS}")
    conn.exec_driver_sql(_ENTRIES_BY_DOCUMENT)  # the open rows' readers are read by it
    conn.exec_driver_sql(_open_lines_insert("1 = 1"))
    conn.exec_driver_sql(_awaiting_insert("1 = 1"))
    conn.exec_driver_sql(_OPEN_DOCUMENTS_FILL)
    conn.exec_driver_sql(
        "INSERT INTO box_entry_counts (viewer_id, register_id, year, documents) "
        "SELECT viewer_id, register_id, year, count(*) FROM box_entries GROUP BY viewer_id, register_id, year"
    )
    for statement in _INDEXES:
        conn.exec_driver_sql(statement)
    _create_triggers_on_views(conn)  # dropped, and the views made, at the start


def set_aside(conn: Connection) -> None:
    """Stop keeping the tables until ``rebuild`` (a first sync's load: ``store.bulk``)."""
    if conn.dialect.name == "sqlite":
        drop_triggers(conn)


def _schema_names(conn: Connection) -> set[str]:
    """The tables and triggers of the database (none off SQLite, which keeps no counts)."""
    if conn.dialect.name != "sqlite":
        return set()
    return set(conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')").scalars())


def is_aside(conn: Connection) -> bool:
    """Whether the tables exist but their triggers do not (a load set them aside)."""
    names = _schema_names(conn)
    return set(TABLES) <= names and not set(TRIGGERS) <= names


def is_kept(conn: Connection) -> bool:
    """Whether the tables exist and their triggers keep them: what ``boxes.box_counts``
    reads (not while a load set them aside, nor on a server, which dropped them)."""
    names = _schema_names(conn)
    return set(TABLES) <= names and set(TRIGGERS) <= names


def install(conn: Connection) -> None:
    """Create the tables and triggers and fill them (SQLite only; nothing elsewhere)."""
    if conn.dialect.name != "sqlite":
        return
    for statement in _CREATE:
        conn.exec_driver_sql(statement)
    rebuild(conn)


def uninstall(conn: Connection) -> None:
    """Drop the triggers and the tables (a server's database: ``store.bulk.drop_derived``)."""
    if conn.dialect.name != "sqlite":
        return
    drop_triggers(conn)
    with _small_cache(conn):  # a drop reads every page of the tables it frees
        for table in TABLES:
            conn.exec_driver_sql(f"DROP TABLE IF EXISTS {table}")


__all__ = [
    "TABLES",
    "TRIGGERS",
    "create_triggers",
    "drop_triggers",
    "install",
    "is_aside",
    "is_kept",
    "rebuild",
    "set_aside",
    "uninstall",
]
