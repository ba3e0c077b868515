"""Votes: prepared, opened, ballots, closed and counted, published. (Being built: the
two functions below are what the snapshot reads.)"""

from __future__ import annotations

from sqlalchemy.orm import Session

from eoffice.meetings.live.schemas import VoteView


def vote_views(session: Session, meeting_id: str, *, organiser: bool) -> list[VoteView]:
    """Every vote of the meeting as this viewer may see it (results: published ones, and
    for organisers closed ones too), oldest first."""
    return []


def my_votes(session: Session, meeting_id: str, user_id: str) -> tuple[list[str], list[str]]:
    """The open votes ``user_id`` may still cast a ballot in, and those they returned."""
    return [], []
