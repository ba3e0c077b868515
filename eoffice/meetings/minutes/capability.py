"""The minutes' registrations; imported by ``meetings.capability``."""

from __future__ import annotations

from eoffice.meetings.minutes import ops, record_routes, synced  # noqa: F401
