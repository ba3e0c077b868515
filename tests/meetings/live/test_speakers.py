"""Speakers: requests in order, a point of order ahead, the chair accepting, refusing,
ordering and calling the next speaker in one action, the clock with its pauses, and
everyone's totals (those who never spoke included)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from eoffice.errors import PermissionDenied, StateError, ValidationError
from eoffice.meetings.live import session as chairing
from eoffice.meetings.live import speakers
from eoffice.meetings.live.models import Speech
from eoffice.meetings.live.schemas import SpeakersView
from eoffice.meetings.values import aware
from eoffice.store import Store
from tests.conftest import World
from tests.meetings.factories import MeetingRows
from tests.meetings.live.conftest import at, told


@pytest.fixture
def running(store: Store, world: World, meeting: MeetingRows) -> MeetingRows:
    with store.write() as s:
        chairing.open_session(s, world.leader_id, meeting.meeting_id, at(0))
    return meeting


def _ask(store: Store, user_id: str, meeting: MeetingRows, minute: float, kind: str = "speech") -> str:
    with store.write() as s:
        return speakers.ask(s, user_id, meeting.meeting_id, kind, at(minute)).id


def _view(store: Store, meeting: MeetingRows, minute: float) -> SpeakersView:
    with store.read() as s:
        return speakers.speakers_view(s, meeting.meeting_id, at(minute))


def test_requests_queue_in_order_and_a_point_of_order_goes_ahead(store: Store, world: World, running: MeetingRows):
    first = _ask(store, world.officer_id, running, 1)
    second = _ask(store, running.delegate_id, running, 2)
    order = _ask(store, running.guest_id, running, 3, "order")
    view = _view(store, running, 4)
    assert [s.id for s in view.queue] == [order, first, second]
    assert [s.state for s in view.queue] == ["accepted", "waiting", "waiting"]
    with store.write() as s:  # one request at a time
        with pytest.raises(StateError):
            speakers.ask(s, world.officer_id, running.meeting_id, "speech", at(5))
    with store.write() as s:  # outsiders do not ask
        with pytest.raises(PermissionDenied):
            speakers.ask(s, world.officer2_id, running.meeting_id, "speech", at(5))
    with store.write() as s:
        with pytest.raises(ValidationError):
            speakers.ask(s, running.delegate_id, running.meeting_id, "song", at(5))


def test_the_chair_accepts_refuses_orders_and_the_delegate_withdraws(store: Store, world: World, running: MeetingRows):
    a = _ask(store, world.officer_id, running, 1)
    b = _ask(store, running.delegate_id, running, 2)
    c = _ask(store, running.guest_id, running, 3)
    with store.write() as s:
        speakers.accept(s, world.leader_id, running.meeting_id, a, at(4))
    with store.write() as s:
        with pytest.raises(PermissionDenied):
            speakers.accept(s, world.officer_id, running.meeting_id, b, at(4))
    with store.write() as s:
        with pytest.raises(StateError):  # accepted already
            speakers.accept(s, world.leader_id, running.meeting_id, a, at(4))
    with store.write() as s:
        view = speakers.reorder(s, world.leader_id, running.meeting_id, [c, a], at(5))
    assert [q.id for q in view.queue] == [c, a, b]
    with store.write() as s:
        view = speakers.refuse(s, world.clerk_id, running.meeting_id, c, at(6), reason="Không đúng nội dung")
    assert [q.id for q in view.queue] == [a, b]
    with store.write() as s:  # only their own
        with pytest.raises(PermissionDenied):
            speakers.withdraw(s, world.officer_id, running.meeting_id, b, at(7))
    with store.write() as s:
        view = speakers.withdraw(s, running.delegate_id, running.meeting_id, b, at(7))
    assert [q.id for q in view.queue] == [a]
    with store.write() as s:  # a request no longer queued is not in the order
        with pytest.raises(ValidationError):
            speakers.reorder(s, world.leader_id, running.meeting_id, [b, a], at(8))
    with store.read() as s:
        states = dict(s.execute(select(Speech.id, Speech.state)).all())
        refused = s.get(Speech, c)
        assert refused is not None and refused.reason == "Không đúng nội dung"
    assert (states[a], states[b], states[c]) == ("accepted", "withdrawn", "refused")
    parts = [e["part"] for e in told(store, running.meeting_id)]
    assert parts[1:] == ["speakers"] * 7  # three asks, the accept, the order, the refusal, the withdrawal


def test_next_gives_the_floor_and_the_clock_counts_without_pauses(store: Store, world: World, running: MeetingRows):
    with store.write() as s:
        chairing.set_speech_limit(s, world.leader_id, running.meeting_id, 180, at(0))
    a = _ask(store, world.officer_id, running, 1)
    b = _ask(store, running.delegate_id, running, 1.5)
    for speech in (a, b):
        with store.write() as s:
            speakers.accept(s, world.leader_id, running.meeting_id, speech, at(2))
    with store.write() as s:
        view = speakers.next_speaker(s, world.leader_id, running.meeting_id, at(10))
    assert view.current is not None and view.current.id == a and view.current.limit_seconds == 180
    assert view.current.running and [q.id for q in view.queue] == [b]
    assert _view(store, running, 11).current.elapsed_seconds == 60  # type: ignore[union-attr]

    with store.write() as s:
        paused = speakers.pause(s, world.leader_id, running.meeting_id, a, at(11)).current
    assert paused is not None and not paused.running and paused.elapsed_seconds == 60
    assert _view(store, running, 15).current.elapsed_seconds == 60  # type: ignore[union-attr]
    with store.write() as s:
        with pytest.raises(StateError):
            speakers.pause(s, world.leader_id, running.meeting_id, a, at(12))
    with store.write() as s:
        resumed = speakers.resume(s, world.leader_id, running.meeting_id, a, at(13)).current
    assert resumed is not None and resumed.running and resumed.elapsed_seconds == 60
    assert _view(store, running, 14).current.elapsed_seconds == 120  # type: ignore[union-attr]

    # One action: a stops (after 2 minutes spoken), b speaks.
    with store.write() as s:
        view = speakers.next_speaker(s, world.leader_id, running.meeting_id, at(14))
    assert view.current is not None and view.current.id == b and view.queue == []
    with store.read() as s:
        done = s.get(Speech, a)
        assert done is not None and done.state == "done" and aware(done.ended_at) == at(14)  # type: ignore[arg-type]
    with store.write() as s:
        view = speakers.end(s, world.leader_id, running.meeting_id, b, at(14, 30))
    assert view.current is None
    with store.write() as s:  # nobody left: the floor stays empty
        assert speakers.next_speaker(s, world.leader_id, running.meeting_id, at(15)).current is None
    with store.write() as s:
        with pytest.raises(StateError):
            speakers.resume(s, world.leader_id, running.meeting_id, b, at(16))  # b's speech is over


def test_totals_show_who_never_spoke(store: Store, world: World, running: MeetingRows):
    for minute, who, length in ((1, world.officer_id, 2), (5, running.delegate_id, 1), (8, world.officer_id, 3)):
        speech = _ask(store, who, running, minute)
        with store.write() as s:
            speakers.start(s, world.leader_id, running.meeting_id, speech, at(minute))
        with store.write() as s:
            speakers.end(s, world.leader_id, running.meeting_id, speech, at(minute + length))
    totals = {t.user_id: (t.speeches, t.seconds) for t in _view(store, running, 20).totals}
    assert totals == {
        world.officer_id: (2, 300), running.delegate_id: (1, 60), world.leader_id: (0, 0), running.guest_id: (0, 0),
    }
    # The event tells only who has spoken: screens take the others from the attendance.
    last = [e for e in told(store, running.meeting_id) if e["part"] == "speakers"][-1]["data"]
    assert {t["user_id"]: (t["speeches"], t["seconds"]) for t in last["totals"]} == {
        world.officer_id: (2, 300), running.delegate_id: (1, 60),
    }


def test_closing_ends_the_speech_under_way(store: Store, world: World, running: MeetingRows):
    speech = _ask(store, world.officer_id, running, 1)
    with store.write() as s:
        speakers.start(s, world.leader_id, running.meeting_id, speech, at(2))
    with store.write() as s:
        chairing.close(s, world.leader_id, running.meeting_id, at(5))
    view = _view(store, running, 6)
    assert view.current is None
    assert {t.user_id: t.seconds for t in view.totals}[world.officer_id] == 180
    with store.write() as s:
        with pytest.raises(StateError):
            speakers.ask(s, running.delegate_id, running.meeting_id, "speech", at(7))
    assert [e["part"] for e in told(store, running.meeting_id)[-2:]] == ["speakers", "session"]
