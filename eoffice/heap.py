"""The process's heap after start-up: kept out of the garbage collector's full passes.

A started eoffice process (the server with FastAPI, SQLAlchemy and its mappers; the
desktop with the Qt bindings) holds several hundred thousand objects that live until it
exits. CPython's full collection walks every one of them with every thread stopped:
measured in a server process, 95 ms, which hit one push in every couple of hundred as a
spike of over 100 ms. ``gc.freeze`` (the way the Python documentation gives) moves what is
alive at the end of start-up out of sight of later collections, which then walk only
what was made since.
"""

from __future__ import annotations

import gc


def freeze_startup_heap() -> None:
    """Collect the start-up's garbage, then freeze what is left. Call it when the process
    has loaded what it needs (a later call freezes what came since); not in a test
    process that starts many servers, whose frozen objects would never be freed."""
    gc.collect()
    gc.freeze()
