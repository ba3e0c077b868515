"""What this capability registers with the generic machinery; imported by
``eoffice.capabilities.load`` and by nothing else."""

from __future__ import annotations

import eoffice.meetings.meeting_ops  # noqa: F401  (rooms, meetings, sittings, participants, answers, states)
from eoffice.meetings import events as _events  # noqa: F401  (which operations tell whom, live)
from eoffice.meetings import synced  # noqa: F401  (rooms, meetings, sittings, participants)
