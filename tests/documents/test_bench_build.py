"""The documents benchmark's database (``bench/documents.py``) is built by raw SQL, not by
the app: its sidebar counts must still be the lists' own, or the benchmark times a wrong
answer."""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path

from sqlalchemy import select

from eoffice.directory.models import User
from eoffice.documents import boxcounts
from eoffice.documents.boxes import box_counts, counts_by_condition
from eoffice.documents.followup import due_soon_until
from eoffice.store import Store

ROOT = Path(__file__).resolve().parents[2]


def test_the_benchmarks_database_keeps_counts_equal_to_the_lists(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("bench_documents", ROOT / "bench" / "documents.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    path = tmp_path / "bench.sqlite3"
    bench.build(path, 300)
    store = Store(f"sqlite:///{path}")
    try:
        today = date.today()
        with store.read() as s:
            assert boxcounts.is_kept(s.connection())
            soon = due_soon_until(s, today, 3)
            users = list(s.scalars(select(User)))
            assert users
            for user in users:
                assert box_counts(s, user, today) == counts_by_condition(s, user, today, soon), user.username
    finally:
        store.dispose()
