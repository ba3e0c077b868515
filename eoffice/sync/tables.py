"""The synced tables: what each capability declares, and what the generic pull reads.

A capability registers a ``SyncedTable`` per table it syncs (in its ``synced`` module,
imported by its ``capability`` module): the model, who may see a row (user → SQL
condition), its private columns, the children that travel inside its rows (a document's
files, a user's roles) or beside them (a document's directions and lines, which ride with
it and take no version of their own), and what a client does when a page brings rows
(``before_write`` / ``after_write``) or takes them away (``drop``). Content pulled after
the rows with its own cursor (the PDFs' text) is a ``Trailing`` stream.

The server's pages and the client's apply (``sync.changes``), the stamping of versions
(``sync.versioning``) and the bulk first load (``sync.engine``) read ``schema()``, and
never name a capability or a table. Readers call ``eoffice.capabilities.load()`` first
(``schema`` does).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import Column, Date, DateTime
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from eoffice.directory.models import User

if TYPE_CHECKING:
    from eoffice.store.blobs import BlobStore
    from eoffice.sync.changes import BodyPage

Row = dict[str, Any]
Rows = dict[str, list[Row]]
#: Which rows of a table a user may receive, as a WHERE clause.
Visibility = Callable[[User], ColumnElement[bool]]


@dataclass(frozen=True)
class Nested:
    """A child table whose rows travel inside each parent row, under ``key``: a list of
    objects of ``columns`` (a document's files), or with ``scalar`` of one column's values
    (a user's roles). Any change to them re-versions the parent; a client replaces a
    parent's children by those its row brings."""

    key: str
    model: type[Any]
    parent_column: str
    columns: tuple[str, ...]
    order_by: tuple[str, ...] = ()
    scalar: bool = False

    @property
    def name(self) -> str:
        return str(self.model.__tablename__)


@dataclass(frozen=True)
class SyncedTable:
    """One synced table, as its capability declares it."""

    model: type[Any]
    #: Who may receive a row; None for a table that rides with its parent (``rides_with``).
    visible: Visibility | None = None
    #: Whether ``visible`` gives the same clause object for the same view (statements
    #: around it are then built once, ``store.statements``).
    stable: bool = True
    #: (column, parent table): rows sent with their parent's, versioned through it.
    rides_with: tuple[str, str] | None = None
    #: Columns never sent: secrets, keys local to each database.
    private: frozenset[str] = frozenset()
    #: Private columns a client sets itself (``before_write``) and keeps on upsert.
    local: tuple[str, ...] = ()
    nested: tuple[Nested, ...] = ()
    #: For a client that holds rows: the rows whose changes decide a page's cut so that
    #: those the user no longer sees are revoked (``ChangePage.revoked``: the ids of every
    #: revocable table's rows, UUIDs, each table's ``drop`` taking those it holds).
    revocable: Visibility | None = None
    #: Order of application: parents before the rows that point at them.
    order: int = 100
    #: Filled by the hundred thousand on a first sync (indexes stand aside meanwhile).
    bulk: bool = False
    #: Other tables the client's hooks write (a search index), for ``Changes``.
    also_changes: tuple[str, ...] = ()
    #: Client: before a page's rows are written, given the rows and, for those already
    #: held, their ``local`` values by id (to set ``local`` columns in the rows).
    before_write: Callable[[Session, list[Row], dict[str, tuple[Any, ...]]], None] | None = None
    #: Client: after a page's rows (and nested children) are written.
    after_write: Callable[[Session, list[Row]], None] | None = None
    #: Client: ids of rows the user's pending operations changed here (a pull keeps them).
    local_work: Callable[[Session], set[str]] | None = None
    #: Client: remove rows the user may no longer see, with what hangs on them.
    drop: Callable[[Session, list[str], BlobStore | None], None] | None = None
    #: Client: whether a page changes what the user may see of this table without
    #: re-versioning its rows (given the held rows, the page's rows, the user's id): the
    #: pull then drops this table's pulled rows and starts again from 0.
    view_changed: Callable[[Session, Rows, str], bool] | None = None

    @property
    def name(self) -> str:
        return str(self.model.__tablename__)

    @property
    def versioned(self) -> bool:
        return self.rides_with is None


@dataclass(frozen=True)
class Trailing:
    """Content pulled after the rows, with its own cursor (``<name>.<stream>``), that a
    first sync does not wait for: pages of (row id, text) (``changes.BodyPage``)."""

    name: str
    since: Callable[[Session, User, int, int, int], BodyPage]
    apply: Callable[[Session, BodyPage], int]
    #: Tables ``apply`` writes, for ``Changes``.
    changes: tuple[str, ...] = ()


_TABLES: list[SyncedTable] = []
_TRAILING: list[Trailing] = []


def register(*tables: SyncedTable) -> None:
    """Declare synced tables (from a capability's ``synced`` module)."""
    for table in tables:
        if any(t.name == table.name for t in _TABLES):
            raise ValueError(f"synced table {table.name} registered twice")
        _TABLES.append(table)
    schema.cache_clear()


def register_trailing(stream: Trailing) -> None:
    if any(s.name == stream.name for s in _TRAILING):
        raise ValueError(f"trailing stream {stream.name} registered twice")
    _TRAILING.append(stream)
    schema.cache_clear()


def of_organisation(model: type[Any]) -> Visibility:
    """Rows of the user's own organisation (one clause object per organisation, so that
    statements around it are built once)."""

    @lru_cache(maxsize=1024)
    def clause(organisation_id: str) -> ColumnElement[bool]:
        return model.organisation_id == organisation_id  # type: ignore[no-any-return]

    return lambda user: clause(user.organisation_id)


@dataclass(frozen=True, eq=False)
class Schema:
    """Everything the generic pull reads, worked out once from the declarations."""

    tables: tuple[SyncedTable, ...]
    trailing: tuple[Trailing, ...]
    by_name: dict[str, SyncedTable] = field(repr=False)
    #: Table names in order of application; those with their own versions.
    names: tuple[str, ...] = ()
    versioned: tuple[str, ...] = ()
    #: Per table, the columns sent, and the keys of those that travel as ISO text.
    columns: dict[str, list[Column[Any]]] = field(default_factory=dict, repr=False)
    iso_keys: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    #: Per table, the keys a client takes from a pulled row (never the private ones).
    taken: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    #: Per table, its (column, referenced table) pairs among the versioned tables.
    references: dict[str, list[tuple[str, str]]] = field(default_factory=dict, repr=False)
    #: Per versioned table, the tables riding with it, with their parent column.
    riders: dict[str, list[tuple[str, str]]] = field(default_factory=dict, repr=False)
    #: The tables whose rows may be revoked, in order of application.
    revocables: tuple[SyncedTable, ...] = ()

    @property
    def revocable(self) -> SyncedTable | None:
        """The first revocable table (the documents), if any."""
        return self.revocables[0] if self.revocables else None

    def __getitem__(self, name: str) -> SyncedTable:
        return self.by_name[name]

    def changes_of(self, name: str) -> set[str]:
        """The tables a write of ``name``'s rows touches: itself, its nested children and
        the tables its hooks write."""
        table = self.by_name[name]
        return {name, *(n.name for n in table.nested), *table.also_changes}

    def bulk_tables(self) -> tuple[str, ...]:
        """Tables a first sync fills by the hundred thousand, with their nested children."""
        found: list[str] = []
        for table in self.tables:
            if table.bulk:
                found.append(table.name)
                found.extend(n.name for n in table.nested)
        return tuple(found)


@cache
def schema() -> Schema:
    """The registered synced tables (every capability loaded), worked out once."""
    from eoffice import capabilities

    capabilities.load()
    tables = tuple(sorted(_TABLES, key=lambda t: t.order))  # stable: ties keep registration order
    by_name = {t.name: t for t in tables}
    versioned = tuple(t.name for t in tables if t.versioned)
    columns = {t.name: [c for c in t.model.__table__.columns if c.key not in t.private] for t in tables}
    iso_keys = {
        name: tuple(c.key for c in cols if isinstance(c.type, (Date, DateTime))) for name, cols in columns.items()
    }
    references: dict[str, list[tuple[str, str]]] = {}
    for t in tables:
        for column in t.model.__table__.columns:
            for fk in column.foreign_keys:
                target = fk.column.table.name
                if target in versioned:
                    references.setdefault(t.name, []).append((column.key, target))
    riders: dict[str, list[tuple[str, str]]] = {}
    for t in tables:
        if t.rides_with is not None:
            column, parent = t.rides_with
            if parent not in versioned:
                raise ValueError(f"{t.name} rides with {parent}, which is not a versioned synced table")
            riders.setdefault(parent, []).append((t.name, column))
        elif t.visible is None:
            raise ValueError(f"synced table {t.name} says neither who sees it nor what it rides with")
    revocables = tuple(t for t in tables if t.revocable is not None)
    return Schema(
        tables=tables, trailing=tuple(_TRAILING), by_name=by_name, names=tuple(by_name), versioned=versioned,
        columns=columns, iso_keys=iso_keys, taken={n: tuple(c.key for c in cols) for n, cols in columns.items()},
        references=references, riders=riders,
        revocables=revocables,
    )
