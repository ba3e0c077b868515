"""The session as a desktop keeps it: a snapshot, then the live events in order; old
news ignored, gaps noticed, coalesced vote counts only ever growing, and countdowns that
run on the local monotonic clock from the server's time (a wrong desktop clock changes
nothing)."""

from __future__ import annotations

from typing import Any

from eoffice.meetings.live.schemas import (
    AttendanceRow,
    AttendanceView,
    Me,
    Quorum,
    SessionSnapshot,
    SessionView,
    SpeakersView,
    SpeechView,
    VoteOption,
    VoteView,
)
from eoffice.meetings.live.state import (
    AMBER,
    NORMAL,
    RED,
    SessionState,
    clock_text,
    countdown_level,
    event_payload,
)

MEETING = "m-1"
T0 = "2026-12-06T08:00:00+00:00"


def _row(n: int, presence: str = "not_arrived", votes: bool = True) -> AttendanceRow:
    return AttendanceRow(
        participant_id=f"p{n}", user_id=f"u{n}", full_name=f"Đại biểu {n}", role="member", votes=votes,
        presence=presence,
    )


def _vote(state: str = "prepared", **extra: Any) -> VoteView:
    return VoteView(
        id="v1", title="Thông qua nghị quyết", method="yes_no", secret=False, state=state,
        options=[VoteOption(key="yes", label="Tán thành"), VoteOption(key="no", label="Không tán thành")],
        **extra,
    )


def _snapshot(revision: int = 5, **extra: Any) -> SessionSnapshot:
    values: dict[str, Any] = {
        "meeting_id": MEETING, "title": "Kỳ họp thứ 3", "revision": revision, "server_time": T0,
        "session": SessionView(state="running"),
        "attendance": AttendanceView(
            hall=1, not_arrived=2, quorum=Quorum(members=3, present=1, needed=2, holds=False),
            rows=[_row(1, "hall"), _row(2), _row(3)],
        ),
        "speakers": SpeakersView(),
        "votes": [],
        "me": Me(user_id="u2", participant_id="p2", votes=True, presence="not_arrived"),
    }
    values.update(extra)
    return SessionSnapshot(**values)


def _event(revision: int, part: str, data: Any, server_time: str = T0, meeting_id: str = MEETING) -> dict[str, Any]:
    body = data.model_dump(mode="json") if hasattr(data, "model_dump") else data
    return {"meeting_id": meeting_id, "revision": revision, "part": part, "data": body, "server_time": server_time}


def test_events_in_order_apply_and_old_or_foreign_ones_do_not() -> None:
    state = SessionState.of(_snapshot(revision=5), received=100.0)
    assert state.apply(_event(5, "session", SessionView(state="paused"))) is None  # what the snapshot has
    assert state.apply(_event(4, "session", SessionView(state="paused"))) is None
    assert state.apply(_event(6, "session", SessionView(state="paused"), meeting_id="other")) is None
    assert state.session.state == "running" and state.revision == 5
    assert state.apply(_event(6, "session", SessionView(state="paused", item_id="i2"))) == "session"
    assert state.session.state == "paused" and state.session.item_id == "i2"
    assert state.revision == 6 and not state.needs_snapshot


def test_a_revision_gap_asks_for_the_snapshot() -> None:
    state = SessionState.of(_snapshot(revision=5), received=0.0)
    assert state.apply(_event(8, "session", SessionView(state="closed"))) == "session"
    assert state.needs_snapshot and state.revision == 8
    assert state.session.state == "closed"  # the newest news is kept meanwhile


def test_attendance_events_merge_the_changed_rows() -> None:
    state = SessionState.of(_snapshot(), received=0.0)
    changed = AttendanceView(
        hall=2, online=1, quorum=Quorum(members=3, present=3, needed=2, holds=True),
        rows=[_row(2, "online"), _row(3, "hall")], complete=False,
    )
    assert state.apply(_event(6, "attendance", changed)) == "attendance"
    rows = {r.participant_id: r.presence for r in state.attendance.rows}
    assert rows == {"p1": "hall", "p2": "online", "p3": "hall"}
    assert [r.participant_id for r in state.attendance.rows] == ["p1", "p2", "p3"]
    assert state.attendance.quorum.holds and state.attendance.hall == 2
    assert state.snapshot.me.presence == "online"  # my own row changed
    # A newcomer's row is added at the end.
    assert state.apply(_event(7, "attendance", AttendanceView(rows=[_row(4, "hall")], complete=False)))
    assert [r.participant_id for r in state.attendance.rows] == ["p1", "p2", "p3", "p4"]


def test_vote_progress_needs_no_revision_and_only_grows() -> None:
    state = SessionState.of(_snapshot(votes=[_vote("open", issued=3)]), received=0.0)
    progress = {"vote_id": "v1", "returned": 2, "issued": 3}
    assert state.apply(_event(0, "vote_progress", progress)) == "vote_progress"
    assert state.vote("v1").returned == 2 and state.revision == 5
    # A coalesced burst may deliver an older count late: ignored.
    assert state.apply(_event(0, "vote_progress", {"vote_id": "v1", "returned": 1, "issued": 3})) is None
    assert state.vote("v1").returned == 2
    # A vote event carrying fewer returned than the progress already told keeps the newer counts.
    assert state.apply(_event(6, "vote", _vote("open", issued=3, returned=1))) == "vote"
    assert state.vote("v1").returned == 2
    # Closed: the counts are the vote's own, and late progress cannot change them.
    assert state.apply(_event(7, "vote", _vote("closed", issued=3, returned=3)))
    assert state.apply(_event(0, "vote_progress", {"vote_id": "v1", "returned": 2, "issued": 3})) is None
    assert state.vote("v1").returned == 3


def test_voting_and_who_may_vote() -> None:
    state = SessionState.of(_snapshot(votes=[_vote("prepared")]), received=0.0)
    assert not state.may_vote("v1")
    state.apply(_event(6, "vote", _vote("open", issued=3)))
    assert state.open_vote() is not None and state.may_vote("v1")
    state.mark_voted("v1")
    assert state.has_voted("v1") and not state.may_vote("v1")
    state.apply(_event(7, "vote", _vote("published", published_at=T0)))
    assert state.latest_published() is not None and state.open_vote() is None


def test_the_speech_countdown_runs_on_the_local_clock_from_the_servers_time() -> None:
    speaking = SpeechView(
        id="s1", user_id="u1", full_name="Đại biểu 1", kind="speech", state="speaking", requested_at=T0,
        limit_seconds=300, elapsed_seconds=100, running=True,
    )
    # This desktop's wall clock is irrelevant: only monotonic readings are passed.
    state = SessionState.of(_snapshot(), received=1000.0)
    assert state.speech_remaining(1000.0) is None  # nobody speaks
    state.apply(_event(6, "speakers", SpeakersView(current=speaking), server_time="2026-12-06T08:05:00+00:00"),
                received=2000.0)
    assert state.speech_remaining(2000.0) == 200
    assert state.speech_remaining(2130.0) == 70 and state.speech_level(2130.0) == NORMAL
    assert state.speech_level(2150.0) == AMBER  # 50 s left
    assert state.speech_level(2190.0) == RED  # 10 s left
    assert state.speech_remaining(2210.0) == -10 and clock_text(-10) == "-0:10"
    # Paused: the time stands still.
    paused = speaking.model_copy(update={"running": False, "elapsed_seconds": 150})
    state.apply(_event(7, "speakers", SpeakersView(current=paused), server_time="2026-12-06T08:06:00+00:00"),
                received=2060.0)
    assert state.speech_remaining(2500.0) == 150


def test_the_vote_countdown_uses_the_servers_time_not_this_computers() -> None:
    vote = _vote("open", time_limit_seconds=120, opened_at=T0, closes_at="2026-12-06T08:02:00+00:00")
    state = SessionState.of(_snapshot(votes=[vote], server_time="2026-12-06T08:00:30+00:00"), received=50.0)
    assert state.vote_remaining("v1", 50.0) == 90
    assert state.vote_remaining("v1", 80.0) == 60 and state.vote_level("v1", 80.0) == AMBER
    assert state.vote_level("v1", 60.0) == NORMAL
    assert state.vote_level("v1", 130.0) == RED and state.vote_remaining("v1", 145.0) == -5


def test_countdown_levels_and_the_clock() -> None:
    assert countdown_level(None, 300) == NORMAL
    assert countdown_level(61, 300) == NORMAL and countdown_level(60, 300) == AMBER
    assert countdown_level(100, 1000) == AMBER  # 10 % of the limit left, though above a minute
    assert countdown_level(16, 0) == AMBER and countdown_level(15, 0) == RED and countdown_level(-3, 300) == RED
    assert clock_text(125) == "2:05" and clock_text(0) == "0:00" and clock_text(59.6) == "0:59"


def test_the_payload_of_a_live_event() -> None:
    assert event_payload({"kind": "meeting.scheduled", "payload": {}}) is None
    assert event_payload({"kind": "meeting.live", "payload": '{"meeting_id": "m"}'}) == {"meeting_id": "m"}
    assert event_payload({"kind": "meeting.live", "payload": {"meeting_id": "m"}}) == {"meeting_id": "m"}


def test_who_never_spoke() -> None:
    from eoffice.meetings.live.schemas import SpeakerTotal

    state = SessionState.of(_snapshot(), received=0.0)
    state.apply(_event(6, "speakers", SpeakersView(totals=[SpeakerTotal(user_id="u1", full_name="x", speeches=2)])))
    assert state.never_spoke() == ["Đại biểu 2", "Đại biểu 3"]


def test_our_own_actions_answer_shows_at_once() -> None:
    state = SessionState.of(_snapshot(), received=0.0)
    mine = SpeechView(id="s9", user_id="u2", full_name="Đại biểu 2", kind="order", state="waiting", requested_at=T0)
    assert state.take(mine) == "speakers" and state.my_request() == mine
    assert state.take(_row(2, "online")) == "attendance" and state.snapshot.me.presence == "online"
    assert state.take(SessionView(state="paused")) == "session" and state.session.state == "paused"
    assert state.take("something else") is None
    assert state.revision == 5  # answers carry no revision: the events that follow do


def test_a_closed_votes_result_the_chair_was_answered_is_kept_when_its_event_carries_none() -> None:
    from eoffice.meetings.live.schemas import VoteResult

    state = SessionState.of(_snapshot(votes=[_vote("open", issued=3)]), received=0.0)
    counted = VoteResult(members=3, present=3, issued=3, returned=3, counts={"yes": 3}, percents={"yes": "100.00"})
    assert state.take(_vote("closed", issued=3, returned=3, result=counted)) == "vote"
    assert state.apply(_event(6, "vote", _vote("closed", issued=3, returned=3))) == "vote"
    assert state.vote("v1").result == counted
    # Published: the event's own result.
    published = counted.model_copy(update={"present": 2})
    state.apply(_event(7, "vote", _vote("published", issued=3, returned=3, result=published)))
    assert state.vote("v1").result == published
