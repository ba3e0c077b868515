"""What this capability registers with the generic machinery; imported by
``eoffice.capabilities.load`` and by nothing else."""

from __future__ import annotations

import eoffice.documents.operations  # noqa: F401  (its operation kinds)
from eoffice.documents import admin_cli  # noqa: F401  (eoffice admin set-unit-head, set-draft-review)
from eoffice.documents import boxcounts
from eoffice.documents import events as _events  # noqa: F401  (which operations tell whom, live)
from eoffice.documents import fileholders  # noqa: F401  (who may read a document's file)
from eoffice.documents import synced  # noqa: F401  (its synced tables)
from eoffice.store.bulk import Derived, register_derived

register_derived(
    "box_counts", Derived(boxcounts.set_aside, boxcounts.is_aside, boxcounts.rebuild, boxcounts.uninstall)
)
