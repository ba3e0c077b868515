"""Waiting in tests: for a condition, never for a time.

A test that sleeps "long enough" for something to happen fails when the machine is busy
(a CI runner, a parallel run, two cores shared by many): the thing happens later than the
sleep. A test waits for the thing itself instead, with a bound that only a failure ever
reaches: a wait ends as soon as its condition holds, so a long bound costs nothing to a
passing test and spares a correct one on a loaded machine.
"""

from __future__ import annotations

import time
from collections.abc import Callable

#: Seconds a wait may take before the test fails: long, see the module.
PATIENCE = 120.0


def until(condition: Callable[[], object], what: str, timeout: float = PATIENCE, every: float = 0.02) -> None:
    """Polls ``condition`` until it is true; fails saying ``what`` after ``timeout``."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out after {timeout:.0f} s waiting: {what}"
        time.sleep(every)
