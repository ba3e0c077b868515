"""The desktop's calls to a meeting's live session: one typed method per route.

Everything here is online only (the server holds the session and counts the ballots);
nothing is queued for later. Errors are DomainErrors: ``Offline`` when the server cannot
be reached, ``ServerRefused`` (with ``.code``) when it says no. A ballot is the one call
whose failure must read differently: a ballot that could not be sent is never kept to be
sent later, and the voter must know it did not count (``BallotNotSent``).
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

from eoffice.errors import DomainError
from eoffice.meetings.live.schemas import (
    AttendanceRow,
    BallotReceipt,
    SessionSnapshot,
    SessionView,
    SpeakersView,
    SpeechView,
    VoteView,
)
from eoffice.sync.client import Offline, ServerRefused, SyncClient

M = TypeVar("M", bound=BaseModel)

#: The server's code for a second ballot in the same vote.
ALREADY_VOTED = "already_voted"


class BallotNotSent(DomainError):
    """The ballot did not reach the server: it is not counted and not kept for later."""

    def __init__(self) -> None:
        super().__init__(
            "Không gửi được phiếu biểu quyết: máy đang mất kết nối với máy chủ. "
            "Biểu quyết chỉ thực hiện được khi có kết nối.",
            "The ballot could not be sent: this computer has lost its connection to the server. "
            "Voting works only while connected.",
        )


class BallotOutcome(BaseModel):
    """A ballot's answer as the voter is told it: ``receipt`` is None when the answer to
    the first attempt was lost and the retry learnt that the ballot had been counted."""

    vote_id: str
    receipt: BallotReceipt | None = None
    #: True when the retry found the ballot already counted (the lost answer's ballot).
    recorded_before: bool = False

    @property
    def message_vi(self) -> str:
        return "Phiếu của bạn đã được ghi nhận."

    @property
    def message_en(self) -> str:
        return "Your ballot has been recorded."


class SessionClient:
    """One user's calls to one meeting's session (thread-safe as the SyncClient is)."""

    def __init__(self, sync_client: SyncClient, meeting_id: str) -> None:
        self.client = sync_client
        self.meeting_id = meeting_id

    # -- plumbing -------------------------------------------------------------------

    def _path(self, tail: str) -> str:
        return f"/meetings/{self.meeting_id}{tail}"

    def _post(self, tail: str, model: type[M], body: dict[str, Any] | None = None) -> M:
        return model.model_validate(self.client.post_json(self._path(tail), body or {}))

    # -- the session ----------------------------------------------------------------

    def snapshot(self) -> SessionSnapshot:
        """The whole state now (on opening the session's screen and after reconnecting)."""
        return SessionSnapshot.model_validate(self.client.get_json(self._path("/session")))

    def open(self, sitting_id: str | None = None) -> SessionView:
        body = {"sitting_id": sitting_id} if sitting_id else {}
        return self._post("/session/open", SessionView, body)

    def pause(self) -> SessionView:
        return self._post("/session/pause", SessionView)

    def resume(self) -> SessionView:
        return self._post("/session/resume", SessionView)

    def close(self) -> SessionView:
        return self._post("/session/close", SessionView)

    def show(self, item_id: str | None = None, document_id: str | None = None, page: int = 0) -> SessionView:
        """What everyone following the chair sees: an agenda item, a document, a page."""
        return self._post("/session/show", SessionView, {"item_id": item_id, "document_id": document_id, "page": page})

    def set_speech_limit(self, seconds: int) -> SpeakersView:
        return self._post("/session/speech-limit", SpeakersView, {"seconds": int(seconds)})

    # -- attendance -----------------------------------------------------------------

    def mark(self, participant_id: str, presence: str, reason: str = "") -> AttendanceRow:
        """An organiser ticks a participant's presence (or an absence with its reason)."""
        body: dict[str, Any] = {"participant_id": participant_id, "presence": presence}
        if reason:
            body["reason"] = reason
        return self._post("/attendance", AttendanceRow, body)

    def check_in(self, online: bool = False) -> AttendanceRow:
        """The delegate checks themselves in, in the hall or online."""
        return self._post("/check-in", AttendanceRow, {"online": bool(online)})

    def check_out(self) -> AttendanceRow:
        return self._post("/check-out", AttendanceRow)

    def check_in_pass(self, token: str) -> AttendanceRow:
        """The QR pass of an invitation, as the scanner typed it (``pass_refused`` if forged)."""
        return self._post("/check-in/pass", AttendanceRow, {"token": token.strip()})

    # -- speakers -------------------------------------------------------------------

    def ask_to_speak(self, point_of_order: bool = False) -> SpeechView:
        return self._post("/speakers", SpeechView, {"kind": "order" if point_of_order else "speech"})

    def withdraw(self, speech_id: str) -> SpeakersView:
        return self._post(f"/speakers/{speech_id}/withdraw", SpeakersView)

    def speech_action(self, speech_id: str, action: str) -> SpeakersView:
        """The chair on one request: ``accept``, ``refuse``, ``start``, ``pause``, ``resume``, ``end``."""
        if action not in ("accept", "refuse", "start", "pause", "resume", "end"):
            raise ValueError(action)
        return self._post(f"/speakers/{speech_id}/{action}", SpeakersView)

    def next_speaker(self) -> SpeakersView:
        """Ends who speaks and gives the floor to the head of the queue."""
        return self._post("/speakers/next", SpeakersView)

    def reorder(self, ids: list[str]) -> SpeakersView:
        return self._post("/speakers/order", SpeakersView, {"ids": list(ids)})

    # -- votes ----------------------------------------------------------------------

    def prepare_vote(
        self,
        title: str,
        rule_key: str,
        *,
        method: str = "yes_no",
        secret: bool = False,
        item_id: str | None = None,
        options: list[dict[str, str]] | None = None,
        subjects: list[dict[str, str]] | None = None,
        max_choices: int = 1,
        show_tally: bool = False,
        time_limit_seconds: int = 0,
    ) -> VoteView:
        body: dict[str, Any] = {
            "title": title, "method": method, "secret": secret, "rule_key": rule_key,
            "max_choices": max_choices, "show_tally": show_tally, "time_limit_seconds": int(time_limit_seconds),
        }
        if item_id:
            body["item_id"] = item_id
        if options:
            body["options"] = options
        if subjects:
            body["subjects"] = subjects
        return self._post("/votes", VoteView, body)

    def open_vote(self, vote_id: str, without_quorum: bool = False) -> VoteView:
        """Opens the vote; ``ServerRefused`` code ``no_quorum`` unless told to go on without it."""
        return self._post(f"/votes/{vote_id}/open", VoteView, {"without_quorum": bool(without_quorum)})

    def close_vote(self, vote_id: str) -> VoteView:
        return self._post(f"/votes/{vote_id}/close", VoteView)

    def publish_vote(self, vote_id: str) -> VoteView:
        return self._post(f"/votes/{vote_id}/publish", VoteView)

    def show_tally(self, vote_id: str, show: bool) -> VoteView:
        return self._post(f"/votes/{vote_id}/show-tally", VoteView, {"show": bool(show)})

    def cast_ballot(self, vote_id: str, choice: list[str]) -> BallotOutcome:
        """Sends the ballot once, and once more if the answer was lost.

        The connection may break after the server counted the ballot and before its answer
        came: the retry is then refused with ``already_voted``, which here means the first
        one counted (the server counts a voter once). A ballot that cannot reach the server
        raises ``BallotNotSent``: it is never queued.
        """
        path = self._path(f"/votes/{vote_id}/ballot")
        body = {"choice": list(choice)}
        try:
            receipt = BallotReceipt.model_validate(self.client.post_json(path, body))
            return BallotOutcome(vote_id=vote_id, receipt=receipt)
        except Offline:
            pass  # the ballot or its answer was lost: ask once more
        try:
            receipt = BallotReceipt.model_validate(self.client.post_json(path, body))
        except Offline as error:
            raise BallotNotSent() from error
        except ServerRefused as error:
            if error.code == ALREADY_VOTED:
                return BallotOutcome(vote_id=vote_id, recorded_before=True)
            raise
        return BallotOutcome(vote_id=vote_id, receipt=receipt)
