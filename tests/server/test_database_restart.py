"""The database restarts under a running server: one request is told to retry, then all is well."""

from __future__ import annotations

import pytest

from tests.conftest import drop_connections
from tests.server.conftest import bearer


@pytest.mark.parametrize("store", ["postgresql"], indirect=True)
def test_a_request_that_meets_a_dropped_connection_is_a_503_to_retry_and_the_next_one_works(running):
    tokens = running.login()
    with running.client(headers=bearer(tokens)) as c:
        assert c.get("/me").status_code == 200
        assert drop_connections(running.store.engine.url.database) >= 1
        answers = [c.get("/me") for _ in range(3)]
    assert answers[0].status_code == 503, answers[0].text
    assert answers[0].json()["error"] == "database_unavailable"
    assert "thử lại" in answers[0].json()["message"]
    assert [a.status_code for a in answers[1:]] == [200, 200]
