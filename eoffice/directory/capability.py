"""What this capability registers with the generic machinery; imported by
``eoffice.capabilities.load`` and by nothing else."""

from __future__ import annotations

from eoffice.directory import events as _events  # noqa: F401  (unit and organisation audiences)
from eoffice.directory import synced  # noqa: F401  (its synced tables)
