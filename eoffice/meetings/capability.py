"""What this capability registers with the generic machinery; imported by
``eoffice.capabilities.load`` and by nothing else."""

from __future__ import annotations

from eoffice.meetings import invitation_ops, pass_routes  # noqa: F401  (registrations)
