"""What this capability registers with the generic machinery; imported by
``eoffice.capabilities.load`` and by nothing else."""

from __future__ import annotations

import eoffice.worklog.operations  # noqa: F401  (its operation kinds)
from eoffice.worklog import synced  # noqa: F401  (its synced tables)
