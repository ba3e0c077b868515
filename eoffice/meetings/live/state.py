"""The session as one desktop knows it: a snapshot, kept current by the live events.

A screen asks the snapshot when it opens (and after the live channel reconnects), then
applies each ``meeting.live`` event (``telling``). Events at or below the state's revision
are old news and ignored; a jump of more than one revision means something was missed, so
``needs_snapshot`` asks the screen to read the whole state again. ``vote_progress`` events
carry no revision and may be coalesced: the newest counts win.

Countdowns never compare this computer's clock with the server's: each part is anchored
at the server's time it was true at and the local monotonic clock when it arrived, and
time runs on from there locally (a desktop whose clock is ten minutes off still shows
"2:00 left" when two minutes are left).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from eoffice.meetings.live.schemas import (
    AttendanceRow,
    AttendanceView,
    SessionSnapshot,
    SessionView,
    SpeakersView,
    SpeechView,
    VoteProgress,
    VoteView,
)

LIVE = "meeting.live"
PRESENT = frozenset({"hall", "online", "substitute"})

#: A countdown turns amber with this many seconds left, or this share of its limit…
AMBER_SECONDS = 60
AMBER_SHARE = 0.2
#: …and red with this many left, or once over.
RED_SECONDS = 15

NORMAL, AMBER, RED = "normal", "amber", "red"


def parse_time(text: str | None) -> datetime | None:
    """An ISO time from the server (UTC when it names no zone)."""
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)


def countdown_level(remaining: float | None, limit: float) -> str:
    """How a countdown should look: ``normal``, ``amber`` (≤ 60 s or ≤ 20 % of the limit
    left) or ``red`` (≤ 15 s left, or over)."""
    if remaining is None:
        return NORMAL
    if remaining <= RED_SECONDS:
        return RED
    if remaining <= AMBER_SECONDS or (limit > 0 and remaining <= limit * AMBER_SHARE):
        return AMBER
    return NORMAL


def clock_text(seconds: float) -> str:
    """``m:ss`` (``-m:ss`` once over)."""
    whole = int(seconds) if seconds >= 0 else -int(-seconds + 0.999)
    sign = "-" if whole < 0 else ""
    whole = abs(whole)
    return f"{sign}{whole // 60}:{whole % 60:02d}"


def event_payload(event: dict[str, Any]) -> dict[str, Any] | None:
    """The payload of a live event when it is a session's (``meeting.live``), else None."""
    if event.get("kind") != LIVE:
        return None
    payload = event.get("payload")
    if isinstance(payload, str):
        try:
            payload = json.loads(payload)
        except ValueError:
            return None
    return payload if isinstance(payload, dict) else None


@dataclass
class Anchor:
    """The server's time at the moment the local monotonic clock read ``local``."""

    server: datetime
    local: float

    def server_now(self, now: float) -> datetime:
        return self.server + timedelta(seconds=max(0.0, now - self.local))


@dataclass
class SessionState:
    """One meeting's session on this desktop (no Qt: the screens draw from it)."""

    snapshot: SessionSnapshot
    #: The newest server time known, anchored to the local monotonic clock.
    anchor: Anchor
    #: Where the speakers' part (its ``elapsed_seconds``) was true.
    speakers_anchor: Anchor
    revision: int = 0
    #: Something was missed (a revision gap): read the snapshot again.
    needs_snapshot: bool = False
    progress: dict[str, VoteProgress] = field(default_factory=dict)

    @classmethod
    def of(cls, snapshot: SessionSnapshot, received: float | None = None) -> SessionState:
        """The state of a snapshot that arrived at ``received`` (monotonic; now by default)."""
        local = time.monotonic() if received is None else received
        server = parse_time(snapshot.server_time) or datetime.now(timezone.utc)
        anchor = Anchor(server, local)
        state = cls(snapshot, anchor, Anchor(server, local), revision=snapshot.revision)
        for vote in snapshot.votes:
            state.progress[vote.id] = VoteProgress(
                vote_id=vote.id, returned=vote.returned, issued=vote.issued, tally=vote.tally
            )
        return state

    # -- reading --------------------------------------------------------------------

    @property
    def meeting_id(self) -> str:
        return self.snapshot.meeting_id

    @property
    def session(self) -> SessionView:
        return self.snapshot.session

    @property
    def attendance(self) -> AttendanceView:
        return self.snapshot.attendance

    @property
    def speakers(self) -> SpeakersView:
        return self.snapshot.speakers

    @property
    def votes(self) -> list[VoteView]:
        return self.snapshot.votes

    def vote(self, vote_id: str) -> VoteView | None:
        return next((v for v in self.snapshot.votes if v.id == vote_id), None)

    def open_vote(self) -> VoteView | None:
        """The vote open now (the newest one, should there be several)."""
        opened = [v for v in self.snapshot.votes if v.state == "open"]
        return opened[-1] if opened else None

    def latest_published(self) -> VoteView | None:
        published = [v for v in self.snapshot.votes if v.state == "published"]
        return max(published, key=lambda v: v.published_at or "") if published else None

    def my_row(self) -> AttendanceRow | None:
        me = self.snapshot.me
        return next(
            (r for r in self.attendance.rows if r.participant_id == me.participant_id or r.user_id == me.user_id), None
        )

    def has_voted(self, vote_id: str) -> bool:
        return vote_id in self.snapshot.me.voted

    def may_vote(self, vote_id: str) -> bool:
        """Whether this user may still cast a ballot in the vote (the server decides; this
        only chooses whether to show the buttons)."""
        vote = self.vote(vote_id)
        me = self.snapshot.me
        if vote is None or vote.state != "open" or self.has_voted(vote_id):
            return False
        return vote_id in me.may_vote or me.votes

    def my_request(self) -> SpeechView | None:
        """This user's request to speak still in the queue, if any."""
        user = self.snapshot.me.user_id
        return next((s for s in self.speakers.queue if s.user_id == user), None)

    def never_spoke(self) -> list[str]:
        """The participants with a vote who have not spoken in this meeting (names)."""
        spoke = {t.user_id for t in self.speakers.totals if t.speeches > 0}
        return [r.full_name for r in self.attendance.rows if r.votes and r.user_id not in spoke]

    def server_now(self, now: float | None = None) -> datetime:
        return self.anchor.server_now(time.monotonic() if now is None else now)

    def speech_elapsed(self, now: float | None = None) -> float | None:
        """Seconds the current speaker has spoken (None: nobody speaks)."""
        current = self.speakers.current
        if current is None:
            return None
        if not current.running:
            return float(current.elapsed_seconds)
        now = time.monotonic() if now is None else now
        since = (self.anchor.server_now(now) - self.speakers_anchor.server).total_seconds()
        return current.elapsed_seconds + max(0.0, since)

    def speech_remaining(self, now: float | None = None) -> float | None:
        """Seconds left to the current speech (negative once over; None: no limit or nobody)."""
        current = self.speakers.current
        elapsed = self.speech_elapsed(now)
        if current is None or elapsed is None or current.limit_seconds <= 0:
            return None
        return current.limit_seconds - elapsed

    def speech_level(self, now: float | None = None) -> str:
        current = self.speakers.current
        return countdown_level(self.speech_remaining(now), current.limit_seconds if current else 0)

    def vote_remaining(self, vote_id: str, now: float | None = None) -> float | None:
        """Seconds left before an open vote with a time limit closes (None: no limit)."""
        vote = self.vote(vote_id)
        closes = parse_time(vote.closes_at) if vote is not None else None
        if vote is None or vote.state != "open" or closes is None:
            return None
        return (closes - self.server_now(now)).total_seconds()

    def vote_level(self, vote_id: str, now: float | None = None) -> str:
        vote = self.vote(vote_id)
        return countdown_level(self.vote_remaining(vote_id, now), vote.time_limit_seconds if vote else 0)

    # -- changing -------------------------------------------------------------------

    def mark_voted(self, vote_id: str) -> None:
        """Our ballot was accepted (the answer to it, or the retry that found it counted)."""
        me = self.snapshot.me
        if vote_id not in me.voted:
            me.voted.append(vote_id)
        if vote_id in me.may_vote:
            me.may_vote.remove(vote_id)

    def take(self, result: object, received: float | None = None) -> str | None:
        """A route's answer to this user's own action (no revision: its event, which
        follows, confirms it); returns the part it changed."""
        local = time.monotonic() if received is None else received
        if isinstance(result, SessionView):
            self.snapshot.session = result
            return "session"
        if isinstance(result, SpeakersView):
            self.snapshot.speakers = result
            self.speakers_anchor = Anchor(self.anchor.server_now(local), local)
            return "speakers"
        if isinstance(result, VoteView):
            self._vote(result)
            return "vote"
        if isinstance(result, SpeechView):  # our own request: in the queue at once
            queue = [s for s in self.snapshot.speakers.queue if s.id != result.id]
            if result.state in ("waiting", "accepted"):
                queue.append(result)
            self.snapshot.speakers.queue = queue
            return "speakers"
        if isinstance(result, AttendanceRow):
            rows = self.snapshot.attendance.rows
            found = next((n for n, r in enumerate(rows) if r.participant_id == result.participant_id), None)
            if found is None:
                rows.append(result)
            else:
                rows[found] = result
            if result.user_id == self.snapshot.me.user_id:
                self.snapshot.me.presence = result.presence
            return "attendance"
        return None

    def apply(self, payload: dict[str, Any], received: float | None = None) -> str | None:
        """Applies one ``meeting.live`` payload; returns the part it changed, or None when
        it was ignored (another meeting's, old news, or older counts)."""
        if payload.get("meeting_id") != self.meeting_id:
            return None
        part = str(payload.get("part") or "")
        data = payload.get("data")
        local = time.monotonic() if received is None else received
        server = parse_time(str(payload.get("server_time") or ""))
        if part == "vote_progress":
            return self._progress(data, server, local)
        revision = int(payload.get("revision") or 0)
        if revision <= self.revision:
            return None
        if revision > self.revision + 1:
            self.needs_snapshot = True
        self.revision = revision
        if server is not None and server >= self.anchor.server:
            self.anchor = Anchor(server, local)
        if not isinstance(data, dict):
            self.needs_snapshot = True
            return None
        if part == "session":
            self.snapshot.session = SessionView.model_validate(data)
        elif part == "attendance":
            self._attendance(AttendanceView.model_validate(data))
        elif part == "speakers":
            self.snapshot.speakers = SpeakersView.model_validate(data)
            self.speakers_anchor = Anchor(server or self.anchor.server_now(local), local)
        elif part == "vote":
            self._vote(VoteView.model_validate(data))
        else:
            return None
        return part

    def _progress(self, data: Any, server: datetime | None, local: float) -> str | None:
        if not isinstance(data, dict):
            return None
        progress = VoteProgress.model_validate(data)
        known = self.progress.get(progress.vote_id)
        if known is not None and progress.returned < known.returned:
            return None  # an older burst's count, overtaken
        vote = self.vote(progress.vote_id)
        if vote is not None and vote.state in ("closed", "published"):
            return None  # the closed vote's counts are final
        self.progress[progress.vote_id] = progress
        if vote is not None:
            vote.returned, vote.issued = progress.returned, progress.issued
            if progress.tally is not None:
                vote.tally = progress.tally
        if server is not None and server >= self.anchor.server:
            self.anchor = Anchor(server, local)
        return "vote_progress"

    def _attendance(self, view: AttendanceView) -> None:
        if view.complete:
            self.snapshot.attendance = view
        else:
            rows = {r.participant_id: r for r in self.snapshot.attendance.rows}
            order = [r.participant_id for r in self.snapshot.attendance.rows]
            for row in view.rows:
                if row.participant_id not in rows:
                    order.append(row.participant_id)
                rows[row.participant_id] = row
            merged = view.model_copy(update={"rows": [rows[p] for p in order], "complete": True})
            self.snapshot.attendance = merged
        mine = self.my_row()
        if mine is not None:
            self.snapshot.me.presence = mine.presence

    def _vote(self, vote: VoteView) -> None:
        votes = self.snapshot.votes
        for index, known in enumerate(votes):
            if known.id == vote.id:
                if vote.result is None and known.result is not None and vote.state == known.state:
                    vote.result = known.result  # the organisers' result from close: events carry none
                votes[index] = vote
                break
        else:
            votes.append(vote)
        known_progress = self.progress.get(vote.id)
        if known_progress is None or vote.returned >= known_progress.returned or vote.state != "open":
            self.progress[vote.id] = VoteProgress(
                vote_id=vote.id, returned=vote.returned, issued=vote.issued, tally=vote.tally
            )
        elif vote.state == "open":  # the progress ran ahead of this event: keep the newer counts
            vote.returned, vote.issued = known_progress.returned, known_progress.issued
