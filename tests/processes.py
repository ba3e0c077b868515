"""Child processes that tests start die with the test process, however it ends.

A test run stopped from outside (SIGTERM, SIGKILL, a CI timeout) skips the fixtures'
teardown; without this, demo apps and servers it started would stay running and load the
machine for whatever comes next (benchmarks included).
"""

from __future__ import annotations

import ctypes
import signal
import sys

_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """``preexec_fn`` for ``subprocess.Popen``: the child gets SIGKILL when its parent
    dies (Linux); elsewhere nothing happens."""
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
