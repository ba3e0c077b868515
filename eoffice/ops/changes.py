"""What an operation or a sync round changed, named by table (as Anki's ``OpChanges``).

A window section refreshes only what the tables it shows were touched by; a hidden
section only marks itself stale. Tables are named by their SQL name
(``Model.__tablename__``), so the generic layers never import a capability to say which
tables changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Changes:
    """The set of tables something changed; ``everything`` when it cannot say (a reset,
    a first load, a restored backup): every reader then refreshes."""

    tables: frozenset[str] = frozenset()
    everything: bool = False

    @classmethod
    def of(cls, *tables: str | Iterable[str]) -> Changes:
        names: set[str] = set()
        for item in tables:
            if isinstance(item, str):
                names.add(item)
            else:
                names.update(item)
        return cls(frozenset(names))

    def touches(self, *tables: str) -> bool:
        """Whether any of ``tables`` changed (always, when everything did)."""
        return self.everything or not self.tables.isdisjoint(tables)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.tables | other.tables, self.everything or other.everything)

    def __bool__(self) -> bool:
        return self.everything or bool(self.tables)


NOTHING = Changes()
EVERYTHING = Changes(everything=True)
