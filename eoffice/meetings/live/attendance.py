"""Attendance and quorum. (Being built: ``quorum`` below is what votes read.)"""

from __future__ import annotations

from sqlalchemy.orm import Session

from eoffice.meetings.live.schemas import Quorum


def quorum(session: Session, meeting_id: str) -> Quorum:
    """The meeting's quorum rule applied to its members present now."""
    return Quorum()
