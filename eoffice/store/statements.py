"""Statements built once around the clauses they wrap, their values bound when they run.

SQLAlchemy caches a statement's compiled SQL, but works out the cache key of every new
statement object by walking all of it: for a statement around a user's visibility clause
(a dozen nested conditions) that walk, and building the statement, cost more than
running it on the database. A statement kept and run again with other bound values
(``bindparam``) skips both. The clauses a statement wraps are anchors: the same objects
(``visible_documents`` gives the same clause for the same view) find the same statement.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")


class StatementCache:
    """Statements keyed by a name and the identity of the clause objects they wrap.

    The anchors are held with their statement, so an id is never taken by another object
    while its entry lives; the cache is emptied when it reaches ``size`` entries (views
    are few: a province's users).
    """

    def __init__(self, size: int = 2048) -> None:
        self._size = size
        self._found: dict[tuple[Hashable, tuple[int, ...]], tuple[tuple[object, ...], object]] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, anchors: tuple[object, ...], build: Callable[[], T]) -> T:
        """The statement for ``key`` around ``anchors``, built by ``build`` the first time."""
        slot = (key, tuple(map(id, anchors)))
        found = self._found.get(slot)
        if found is not None and all(a is b for a, b in zip(found[0], anchors, strict=True)):
            return found[1]  # type: ignore[return-value]
        statement = build()
        with self._lock:
            if len(self._found) >= self._size:
                self._found.clear()
            self._found[slot] = (anchors, statement)
        return statement


#: The one cache of the server's per-view statements.
STATEMENTS = StatementCache()
