"""Writing a page's rows fast: compiled upserts run by the driver, values converted in bulk.

A first sync applies a hundred thousand documents, so rows go to the driver as tuples
through compiled statements rather than through the ORM; dates and times arrive as ISO
text and are turned into what the column stores without SQLAlchemy's per-row work.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, bindparam
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from eoffice.store.base import Base


def chunks(ids: Iterable[str], size: int = 500) -> Iterable[list[str]]:
    """``ids`` in lists of ``size`` (what one ``IN`` takes)."""
    batch: list[str] = []
    for i in ids:
        batch.append(i)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


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
            columns = list(zip(*map(itemgetter(*names), rows), strict=True))
        for i, fn, taken in self.convert:
            column = columns[i]
            if taken and set(map(type, column)) <= taken:
                continue
            columns[i] = [None if value is None else fn(value) for value in column]
        values = zip(*columns, strict=True)
        params = list(values) if self.positional else [dict(zip(names, v, strict=True)) for v in values]
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
    model_table = Base.metadata.tables[table]
    insert = pg_insert if dialect.name == "postgresql" else sqlite_insert
    stmt = insert(model_table).values({k: bindparam(k) for k in keys})
    if upsert:
        stmt = stmt.on_conflict_do_update(
            index_elements=["id"], set_={k: stmt.excluded[k] for k in keys if k != "id" and k not in keep}
        )
    compiled = stmt.compile(dialect=dialect)
    names = tuple(compiled.positiontup or ()) if compiled.positional else keys
    assert set(names) == set(keys)
    functions = [_value_function(model_table.c[k].type, dialect, pulled) for k in names]
    convert = tuple(
        (i, fn, _taken_as_is(model_table.c[k].type, dialect))
        for i, (k, fn) in enumerate(zip(names, functions, strict=True)) if fn is not None
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

        samples = (
            datetime(2026, 3, 4, 5, 6, 7, 89), datetime(987, 1, 2, tzinfo=UTC), datetime(2026, 12, 31, 23, 59, 59)
        )
    elif isinstance(type_, Date):
        def quick(value: Any) -> Any:
            return value.isoformat() if type(value) is date else processor(value)

        samples = (date(2026, 3, 4), date(987, 1, 2))
    if quick is not None and all(quick(v) == processor(v) for v in samples):
        quick.iso_text = True
        return quick
    return processor


def write(
    session: Session,
    table: str,
    rows: list[dict[str, Any]],
    *,
    taken: tuple[str, ...] | None = None,
    keep: tuple[str, ...] = (),
    upsert: bool = True,
) -> None:
    """Upsert (by id) or insert rows into ``table``, grouped by the keys they carry.

    ``taken``: the rows are as a page brings them (dates as ISO text), and only these
    keys are written; otherwise every key of each row is.
    """
    pulled = taken is not None
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    allowed = taken or ()
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
