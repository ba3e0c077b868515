"""The database restarts under a running server: one request is told to retry, then all is well."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import PG_URL
from tests.server.conftest import bearer


def _restart_connections(database: str) -> int:
    """What a PostgreSQL restart does to the server's pooled connections."""
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            return len(conn.execute(text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :db AND pid <> pg_backend_pid()"
            ), {"db": database}).all())
    finally:
        admin.dispose()


@pytest.mark.parametrize("store", ["postgresql"], indirect=True)
def test_a_request_that_meets_a_dropped_connection_is_a_503_to_retry_and_the_next_one_works(running):
    tokens = running.login()
    with running.client(headers=bearer(tokens)) as c:
        assert c.get("/me").status_code == 200
        assert _restart_connections(running.store.engine.url.database) >= 1
        answers = [c.get("/me") for _ in range(3)]
    assert answers[0].status_code == 503, answers[0].text
    assert answers[0].json()["error"] == "database_unavailable"
    assert "thử lại" in answers[0].json()["message"]
    assert [a.status_code for a in answers[1:]] == [200, 200]
