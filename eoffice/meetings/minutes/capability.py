"""The minutes' registrations; imported by ``meetings.capability``."""

from __future__ import annotations

from eoffice.meetings.minutes import ops, synced  # noqa: F401
