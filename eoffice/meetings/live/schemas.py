"""What the session's routes answer and its live events carry (JSON, pydantic models).

The server builds these from the session's tables; the client (``meetings.live.state``)
keeps them in memory and the screens draw from them. Times are ISO strings in UTC;
durations are whole seconds. Counting is the server's: clients never count ballots.
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class SessionView(BaseModel):
    """Part ``session``: where the chair is."""

    state: str  # models.SessionState
    sitting_id: str | None = None
    item_id: str | None = None
    document_id: str | None = None
    page: int = 0
    opened_at: str | None = None
    paused_at: str | None = None
    closed_at: str | None = None


class AttendanceRow(BaseModel):
    participant_id: str
    user_id: str
    full_name: str
    role: str  # meetings.models.ParticipantRole
    votes: bool
    presence: str  # models.Presence
    reason: str = ""
    reported_at: str | None = None
    arrived_at: str | None = None
    left_at: str | None = None
    method: str = ""
    substitute_id: str | None = None
    substitute_name: str = ""
    #: Arrived after the session opened (the chair's console lists them).
    late: bool = False


class Quorum(BaseModel):
    """The meeting's quorum rule applied to the members present now."""

    label: str = ""
    citation: str = ""
    members: int = 0  # members in office (with a vote)
    present: int = 0  # of them, present (in the hall, online, or by an allowed substitute)
    needed: int = 0
    holds: bool = True  # True when the meeting has no quorum rule
    percent: str = "0.00"  # present / members, two decimals, half up


class AttendanceView(BaseModel):
    """Part ``attendance``: counts, quorum, and the rows (all of them in a snapshot; the
    changed ones in an event)."""

    hall: int = 0
    online: int = 0
    substitutes: int = 0
    absent: int = 0
    not_arrived: int = 0
    left: int = 0
    quorum: Quorum = Field(default_factory=Quorum)
    rows: list[AttendanceRow] = Field(default_factory=list)
    #: True in a snapshot (``rows`` is everyone); False in an event (``rows`` changed).
    complete: bool = True


class SpeechView(BaseModel):
    id: str
    user_id: str
    full_name: str
    item_id: str | None = None
    kind: str  # models.SpeechKind
    state: str  # models.SpeechState
    position: int = 0
    requested_at: str
    started_at: str | None = None
    ended_at: str | None = None
    limit_seconds: int = 0
    #: Seconds spoken at ``SessionSnapshot.server_time`` / the event's ``server_time``.
    elapsed_seconds: int = 0
    running: bool = False


class SpeakerTotal(BaseModel):
    """One participant's speaking so far in this meeting (the chair sees who never speaks)."""

    user_id: str
    full_name: str
    speeches: int = 0
    seconds: int = 0


class SpeakersView(BaseModel):
    """Part ``speakers``: the queue (waiting and accepted, in order), who speaks now, and
    the per-person totals (everyone's in a snapshot; in an event, those who have spoken:
    the others are the attendance's rows with nothing)."""

    queue: list[SpeechView] = Field(default_factory=list)
    current: SpeechView | None = None
    totals: list[SpeakerTotal] = Field(default_factory=list)
    limit_seconds: int = 0


class VoteOption(BaseModel):
    key: str
    label: str


class VoteSubject(BaseModel):
    id: str
    name: str


class VoteProgress(BaseModel):
    """Part ``vote_progress``: how many returned a ballot of how many issued; ``tally``
    only when the chair shows the running tally of a named vote."""

    vote_id: str
    returned: int
    issued: int
    tally: dict[str, int] | None = None


class NamedChoice(BaseModel):
    user_id: str
    full_name: str
    choice: list[str]
    cast_by: str | None = None


class Verdict(BaseModel):
    passed: bool
    needed: int
    base: int  # the number the rule divides (members in office, present, or ballots cast)
    base_kind: str  # rules.Base
    text: str  # "Thông qua" / "Không thông qua", or the confidence outcome
    tie_broken_by_chair: bool = False


class SubjectResult(BaseModel):
    """A vote of confidence, per person assessed: each level's count and percentage."""

    subject_id: str
    name: str
    counts: dict[str, int]
    percents: dict[str, str]
    outcome: str  # "", "may_resign", "dismissal"


class CountingRecord(BaseModel):
    """The counting committee's record (biên bản kiểm phiếu) of a secret ballot."""

    electors: int  # members in office
    took_part: int  # present and entitled at close
    issued: int
    returned: int
    valid: int
    invalid: int
    per_option: dict[str, int]


class VoteResult(BaseModel):
    members: int
    present: int
    issued: int
    returned: int
    counts: dict[str, int]
    #: Percent of the members in office, two decimals, half up ("85.63").
    percents: dict[str, str]
    verdict: Verdict | None = None
    elected: list[str] = Field(default_factory=list)  # CHOICES: the options elected, in order
    subjects: list[SubjectResult] = Field(default_factory=list)  # CONFIDENCE
    named: list[NamedChoice] = Field(default_factory=list)  # named votes only
    record: CountingRecord | None = None  # secret votes only


class VoteView(BaseModel):
    """Part ``vote``: one vote as everyone may see it (``result`` once published; the
    organisers see it from close)."""

    id: str
    item_id: str | None = None
    title: str
    method: str  # models.VoteMethod
    secret: bool
    options: list[VoteOption]
    subjects: list[VoteSubject] = Field(default_factory=list)
    max_choices: int = 1
    rule_key: str = ""
    rule_label: str = ""
    state: str  # models.VoteState
    show_tally: bool = False
    time_limit_seconds: int = 0
    opened_at: str | None = None
    closes_at: str | None = None
    closed_at: str | None = None
    published_at: str | None = None
    issued: int = 0
    returned: int = 0
    tally: dict[str, int] | None = None
    result: VoteResult | None = None


class Me(BaseModel):
    """What the asking user is in this session."""

    user_id: str
    participant_id: str | None = None
    role: str | None = None
    votes: bool = False
    presence: str | None = None
    organiser: bool = False  # may run the session (chair, secretary, the organisers)
    #: The open votes the user may still cast a ballot in, and those already returned.
    may_vote: list[str] = Field(default_factory=list)
    voted: list[str] = Field(default_factory=list)


class SessionSnapshot(BaseModel):
    """``GET /meetings/{id}/session``: the whole state at ``revision``."""

    meeting_id: str
    title: str
    revision: int
    server_time: str
    session: SessionView
    attendance: AttendanceView
    speakers: SpeakersView
    votes: list[VoteView]
    me: Me


class BallotReceipt(BaseModel):
    """The answer to a ballot: accepted (once). A second ballot is refused (409)."""

    vote_id: str
    returned: int
    issued: int
