"""The meeting's record as the server serves it (``GET /meetings/{id}/record``) and the
desktop keeps it: the facts the minutes are seeded from."""

from __future__ import annotations

from pydantic import BaseModel, Field

from eoffice.meetings.live.schemas import AttendanceView, VoteView


class LogEntry(BaseModel):
    """One line of the attendance log: an arrival, a departure, a return, an absence."""

    participant_id: str
    full_name: str
    presence: str  # live.models.Presence
    reason: str = ""
    at: str


class SpeechRecord(BaseModel):
    """A speech given (or being given), in the order the floor was given."""

    id: str
    item_id: str | None = None
    user_id: str
    full_name: str
    position: str = ""  # the speaker's title (chức vụ), as the minutes name people
    kind: str  # live.models.SpeechKind
    started_at: str
    ended_at: str | None = None
    seconds: int = 0


class MeetingRecord(BaseModel):
    meeting_id: str
    #: The session's revision the record was read at (0: never opened).
    revision: int = 0
    server_time: str
    state: str  # live.models.SessionState
    opened_at: str | None = None
    closed_at: str | None = None
    attendance: AttendanceView
    log: list[LogEntry] = Field(default_factory=list)
    speeches: list[SpeechRecord] = Field(default_factory=list)
    #: The votes that closed, with their results as the reader may see them.
    votes: list[VoteView] = Field(default_factory=list)
