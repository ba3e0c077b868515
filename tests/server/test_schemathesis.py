"""Property-based requests generated from the served OpenAPI spec: never a 5xx, always the spec.

Bounded on purpose (a few examples per operation): it guards the error contract, it is
not a load test.
"""

from __future__ import annotations

from datetime import timedelta

import hypothesis
import schemathesis
from schemathesis.specs.openapi.checks import positive_data_acceptance

from eoffice.server.protocol import HEADER, PROTOCOL_VERSION
from tests.server.conftest import bearer

EXAMPLES_PER_OPERATION = 15


def test_the_api_keeps_its_spec(running):
    # A generated ``wait`` holds an empty pull open: keep that to a moment here.
    running.settings.long_poll_max = timedelta(seconds=0.05)
    schema = schemathesis.openapi.from_url(f"{running.api}/openapi.json")
    headers = {HEADER: str(PROTOCOL_VERSION), **bearer(running.login("quantri"))}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 5
    seen: set[tuple[str, int]] = set()

    def check(case: schemathesis.Case) -> None:
        # An upload is valid only when its bytes hash to the digest in its path, which a
        # schema cannot say: its 422 for random bytes is the right answer.
        upload = case.method == "PUT" and case.operation.path.endswith("/blobs/{digest}")
        response = case.call_and_validate(
            headers=headers, excluded_checks=[positive_data_acceptance] if upload else None
        )
        seen.add((case.operation.path, response.status_code))

    # Each operation gets its own examples: drawn from one mixed strategy, an operation
    # without parameters (one possible case) could go untried by chance.
    for operation in operations:
        hypothesis.settings(
            max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
            suppress_health_check=list(hypothesis.HealthCheck),
        )(hypothesis.given(case=operation.as_strategy())(check))()
    statuses = {status for _, status in seen}
    assert 200 in statuses and statuses & {401, 422}, seen
    assert {path for path, _ in seen} == {op.path for op in operations}
