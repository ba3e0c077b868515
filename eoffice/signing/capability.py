"""What this capability registers with the generic machinery; imported by
``eoffice.capabilities.load`` and by nothing else."""

from __future__ import annotations
from eoffice.signing import admin_cli  # noqa: F401  (eoffice admin add-trusted-root, register-certificate)
import eoffice.signing.operations  # noqa: F401  (its operation kinds)
