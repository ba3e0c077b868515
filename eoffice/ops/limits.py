"""How much of a value the database holds, read from the column the value lands in.

An operation's field names its column once, in its annotation
(``subject: Annotated[str, Fits(Document.subject)]``), and the codec
(``eoffice.ops.codec.from_json``, which every path goes through) checks each value against it
before anything reaches a database: a string no longer than its ``String(n)``, an integer
within ``Integer``'s or ``BigInteger``'s range, and every string, of any column, free of
what no database stores (a NUL, which PostgreSQL refuses in text; a lone surrogate,
which is no UTF-8). SQLite would store 100,000 characters in a ``String(160)`` silently,
PostgreSQL refuses 161 and fails the whole transaction: the column, not the database,
is the limit. A field that lands in no column declares its bounds itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import BigInteger, Integer, SmallInteger, String
from sqlalchemy.sql.schema import Column

#: The signed ranges of the integer column types (PostgreSQL's; SQLite holds them all).
INT_RANGES: tuple[tuple[type[Any], int], ...] = ((SmallInteger, 16), (BigInteger, 64), (Integer, 32))
#: The widest integer any column holds: the bound of an integer that names no column.
BIGINT_MIN, BIGINT_MAX = -(2**63), 2**63 - 1
#: The days an operation may name. A ``Date`` column holds more, but a week or a time
#: limit counted from a day near the end of Python's calendar (9999) overflows.
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2999, 12, 31)


def column_of(attribute: Any) -> Column[Any]:
    """The table column behind a mapped attribute (``Document.subject``) or a Column.

    Read from the attribute's property, which does not configure the mappers (an
    operation module may be imported before every model is).
    """
    if isinstance(attribute, Column):
        return attribute
    columns = attribute.property.columns
    if len(columns) != 1 or not isinstance(columns[0], Column):
        raise TypeError(f"{attribute!r} is not one column")  # a bug in a declaration
    return columns[0]


def _tighter(a: int | None, b: int | None, pick: Any) -> int | None:
    return b if a is None else a if b is None else pick(a, b)


@dataclass(frozen=True, init=False)
class Fits:
    """Where an operation's field is stored: its column's bounds, tightened by the
    declaration's own (``ge=0`` for a size, which the column allows negative).

    Without a column, only the declaration's bounds hold (a field stored nowhere, or in
    an unbounded ``Text`` with a limit of its own).
    """

    max_length: int | None
    ge: int | None
    le: int | None

    def __init__(
        self, column: Any = None, *, max_length: int | None = None, ge: int | None = None, le: int | None = None
    ) -> None:
        length = low = high = None
        if column is not None:
            kind = column_of(column).type
            for int_type, bits in INT_RANGES:
                if isinstance(kind, int_type):
                    low, high = -(2 ** (bits - 1)), 2 ** (bits - 1) - 1
                    break
            else:
                if isinstance(kind, String):
                    length = kind.length  # None for Text
        object.__setattr__(self, "max_length", _tighter(length, max_length, min))
        object.__setattr__(self, "ge", _tighter(low, ge, max))
        object.__setattr__(self, "le", _tighter(high, le, min))


#: Strings that land in no bounded column (``Text``), and integers that name no column.
UNBOUNDED = Fits()


def storable(text: str) -> bool:
    """Whether every database stores ``text`` as given: valid UTF-8 (no lone surrogate)
    and no NUL character (PostgreSQL refuses it in text)."""
    if "\x00" in text:
        return False
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown(text: str, limit: int = 40) -> str:
    """Client-sent text as a message may quote it: storable, and short.

    A reason goes back to the client as JSON and into the server's table of outcomes: a
    lone surrogate there would fail the answer to the whole batch.
    """
    cut = text[:limit]
    safe = "".join("\ufffd" if ("\ud800" <= ch <= "\udfff" or ch < " ") else ch for ch in cut)
    return safe + ("…" if len(text) > limit else "")
