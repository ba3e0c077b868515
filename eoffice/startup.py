"""A desktop's start-up once its code is loaded, before its first screen.

(``eoffice.ui.app.prepare_desktop`` loads the window's code, then calls ``prepare``.)

The imports leave about 100,000 objects that live until the process exits. CPython's
full collection walks every one of them (40 ms here), and the first one fell on the
first list the user waits for: ``bench/documents.py``'s ``first_screen_ms`` was 57 ms
instead of 21 before the meetings' tables and registrations joined the imports.

``prepare`` freezes what the imports made out of the collector's sight (``gc.freeze``)
without collecting first: right after the imports a collection finds nothing
unreachable, and would cost the 40 ms this saves. It configures the ORM's mappers first
(1 ms) so that their structures are frozen with the rest. Once the window is up,
``heap.freeze_startup_heap`` collects and freezes what start-up made since.
"""

from __future__ import annotations

import gc
from functools import cache

from sqlalchemy.orm import configure_mappers


@cache
def prepare() -> None:
    """Load every capability's tables and registrations, configure the ORM, freeze the
    loaded heap; once (a later call returns at once). Call it first thing in a desktop
    process, before any other work; not in a test process, whose frozen objects a later
    test would leave behind."""
    import eoffice.models  # noqa: F401  (every table, every capability's registrations)
    from eoffice.capabilities import load

    load()
    configure_mappers()
    gc.freeze()
