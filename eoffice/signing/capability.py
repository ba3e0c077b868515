"""What this capability registers with the generic machinery; imported by
``eoffice.capabilities.load`` and by nothing else."""

from __future__ import annotations

import eoffice.signing.operations  # noqa: F401  (its operation kinds)
from eoffice.signing import admin_cli  # noqa: F401  (eoffice admin add-trusted-root, register-certificate)
from eoffice.signing import synced  # noqa: F401  (its synced tables)
