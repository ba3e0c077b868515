"""What this capability registers with the generic machinery; imported by
``eoffice.capabilities.load`` and by nothing else."""

from __future__ import annotations
