"""The audit tests' PostgreSQL database (both the chain's and the tallies' tests use it)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from eoffice.store import Store
from tests.conftest import _pg_database


@pytest.fixture
def pg_store() -> Iterator[Store]:
    gen = _pg_database()
    s = Store(next(gen))
    s.migrate()
    try:
        yield s
    finally:
        s.dispose()
        gen.close()
