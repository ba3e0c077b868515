"""The meetings' HTTP routes, registered with ``server.routes.register_router``;
imported by the server only (``capabilities.load_routes``)."""

from __future__ import annotations

from eoffice.meetings import pass_routes  # noqa: F401  (the invitation's pass: key and QR check)
from eoffice.meetings.live import session_routes  # noqa: F401  (the live session: chair, attendance, speakers)
from eoffice.meetings.live import vote_routes  # noqa: F401  (the live session's votes)
from eoffice.meetings.minutes import record_routes  # noqa: F401  (the meeting's record)
