"""Votes on the server: states, ballots and their refusals, results, substitutes."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from eoffice.errors import NotFound, PermissionDenied, StateError, ValidationError
from eoffice.meetings.live import attendance, votes
from eoffice.meetings.live.models import Vote, VoteVoter
from eoffice.meetings.live.schemas import VoteOption, VoteSubject
from eoffice.meetings.models import Meeting, Participant
from eoffice.server.events import LiveEvent
from eoffice.store import Store
from tests.conftest import World, need
from tests.meetings.live.ballots import NOW, attend, council


def live(store: Store, part: str) -> list[dict]:
    with store.read() as s:
        rows = s.scalars(select(LiveEvent.payload_json).where(LiveEvent.kind == "meeting.live")
                         .order_by(LiveEvent.seq)).all()
    return [p for p in map(json.loads, rows) if p["part"] == part]


def test_a_named_vote_from_prepared_to_published(store: Store, world: World):
    c = council(store, world)
    chair, officer, delegate = c.members
    with store.write() as s:
        prepared = votes.create_vote(s, world.clerk_id, c.meeting_id, title="Thông qua Tờ trình số 12",
                                     rule_key="majority", now=NOW)
    assert prepared.state == "prepared" and [o.key for o in prepared.options] == ["yes", "no", "abstain"]
    assert prepared.rule_label == "Quá nửa tổng số thành viên tán thành"
    with store.write() as s:
        opened = votes.open_vote(s, world.clerk_id, prepared.id, now=NOW)
    assert (opened.state, opened.issued, opened.returned) == ("open", 3, 0)
    with store.read() as s:
        assert votes.my_votes(s, c.meeting_id, officer) == ([prepared.id], [])
        assert votes.my_votes(s, c.meeting_id, c.rows.guest_id) == ([], [])
    for user_id, choice in ((chair, "yes"), (officer, "yes"), (delegate, "no")):
        with store.write() as s:
            receipt = votes.cast_ballot(s, user_id, prepared.id, [choice], now=NOW + timedelta(seconds=5))
    assert (receipt.returned, receipt.issued) == (3, 3)
    progress = live(store, "vote_progress")
    assert [(p["data"]["returned"], p["data"]["issued"], p["data"]["tally"]) for p in progress] == [
        (1, 3, None), (2, 3, None), (3, 3, None)]
    assert all(p["coalesce"] == f"vote:{prepared.id}" and p["revision"] == 0 for p in progress)
    with store.read() as s:
        assert votes.my_votes(s, c.meeting_id, officer) == ([], [prepared.id])

    with store.write() as s:
        closed = votes.close_vote(s, world.clerk_id, prepared.id, now=NOW + timedelta(minutes=1))
    result = closed.result
    assert closed.state == "closed" and result is not None
    assert (result.members, result.present, result.issued, result.returned) == (3, 3, 3, 3)
    assert result.counts == {"yes": 2, "no": 1, "abstain": 0}
    assert result.percents == {"yes": "66.67", "no": "33.33", "abstain": "0.00"}
    assert result.verdict is not None and result.verdict.passed and result.verdict.needed == 2
    assert sorted((n.user_id, n.choice) for n in result.named) == sorted(
        [(chair, ["yes"]), (officer, ["yes"]), (delegate, ["no"])])
    assert result.record is None
    # Closed: the organisers see the result, the participants not yet (nor in the event).
    with store.read() as s:
        assert votes.vote_views(s, c.meeting_id, organiser=True)[0].result == result
        assert votes.vote_views(s, c.meeting_id, organiser=False)[0].result is None
    assert live(store, "vote")[-1]["data"]["result"] is None
    with store.write() as s:
        published = votes.publish_vote(s, world.clerk_id, prepared.id, now=NOW + timedelta(minutes=2))
    assert published.state == "published"
    assert live(store, "vote")[-1]["data"]["result"]["verdict"]["text"] == "Thông qua"
    with store.read() as s:
        assert votes.vote_views(s, c.meeting_id, organiser=False)[0].result == result
    revisions = [e["revision"] for e in live(store, "vote")]
    assert revisions == sorted(revisions) and len(revisions) == 4


def test_refusals(store: Store, world: World):
    c = council(store, world)
    chair, officer, delegate = c.members
    attend(store, c.rows, delegate, "absent")
    with store.write() as s:
        vote = votes.create_vote(s, world.clerk_id, c.meeting_id, title="Biểu quyết", rule_key="majority",
                                 time_limit_seconds=60, now=NOW)
    with pytest.raises(PermissionDenied), store.write() as s:
        votes.create_vote(s, officer, c.meeting_id, title="X", rule_key="majority", now=NOW)
    with pytest.raises(ValidationError), store.write() as s:
        votes.create_vote(s, world.clerk_id, c.meeting_id, title="X", rule_key="two_thirds", now=NOW)
    with pytest.raises(votes.VoteNotOpen), store.write() as s:
        votes.cast_ballot(s, officer, vote.id, ["yes"], now=NOW)
    with pytest.raises(PermissionDenied), store.write() as s:
        votes.open_vote(s, officer, vote.id, now=NOW)
    with store.write() as s:
        opened = votes.open_vote(s, world.clerk_id, vote.id, now=NOW)
    assert opened.issued == 2 and opened.closes_at == (NOW + timedelta(seconds=60)).isoformat()
    with pytest.raises(StateError), store.write() as s:
        votes.open_vote(s, world.clerk_id, vote.id, now=NOW)
    with pytest.raises(votes.NotEntitled), store.write() as s:
        votes.cast_ballot(s, c.rows.guest_id, vote.id, ["yes"], now=NOW)
    with pytest.raises(votes.NotEntitled), store.write() as s:
        votes.cast_ballot(s, delegate, vote.id, ["yes"], now=NOW)  # absent
    with pytest.raises(NotFound), store.write() as s:
        votes.cast_ballot(s, world.officer2_id, vote.id, ["yes"], now=NOW)  # not in the meeting
    for bad in ([], ["yes", "no"], ["maybe"]):
        with pytest.raises(ValidationError), store.write() as s:
            votes.cast_ballot(s, officer, vote.id, bad, now=NOW)
    with store.write() as s:
        votes.cast_ballot(s, officer, vote.id, ["no"], now=NOW)
    with pytest.raises(votes.AlreadyVoted), store.write() as s:
        votes.cast_ballot(s, officer, vote.id, ["yes"], now=NOW)  # nor changed
    with pytest.raises(votes.VoteNotOpen), store.write() as s:
        votes.cast_ballot(s, chair, vote.id, ["yes"], now=NOW + timedelta(seconds=60))  # the countdown ran out
    with store.write() as s:
        closed = votes.close_vote(s, world.clerk_id, vote.id, now=NOW + timedelta(seconds=61))
    assert closed.result is not None and closed.result.counts["no"] == 1 and closed.result.returned == 1
    assert closed.result.verdict is not None and not closed.result.verdict.passed
    with pytest.raises(votes.VoteNotOpen), store.write() as s:
        votes.cast_ballot(s, chair, vote.id, ["yes"], now=NOW)
    with pytest.raises(StateError), store.write() as s:
        votes.close_vote(s, world.clerk_id, vote.id, now=NOW)
    with store.read() as s, pytest.raises(NotFound):
        votes.view(s, "no-such-vote", organiser=True)
    with store.read() as s:
        assert s.scalar(select(VoteVoter.choice).where(VoteVoter.voter_id == officer)) == '["no"]'


def test_opening_without_quorum_is_refused_unless_the_chair_insists(store: Store, world: World):
    c = council(store, world, present=False)
    attend(store, c.rows, c.members[1])
    with store.read() as s:
        quorum = attendance.quorum(s, c.meeting_id)
    need(quorum.members > 0, "attendance.quorum is still the placeholder (the real one lands with attendance)")
    with store.write() as s:
        vote = votes.create_vote(s, world.clerk_id, c.meeting_id, title="Biểu quyết", rule_key="majority", now=NOW)
    with pytest.raises(votes.NoQuorum), store.write() as s:
        votes.open_vote(s, world.clerk_id, vote.id, now=NOW)
    with store.write() as s:
        assert votes.open_vote(s, world.clerk_id, vote.id, without_quorum=True, now=NOW).issued == 1


def test_the_chair_shows_the_running_tally_of_a_named_vote_never_of_a_secret_one(store: Store, world: World):
    c = council(store, world)
    with store.write() as s:
        named = votes.create_vote(s, world.clerk_id, c.meeting_id, title="A", rule_key="majority", now=NOW)
        secret = votes.create_vote(s, world.clerk_id, c.meeting_id, title="B", rule_key="majority", secret=True,
                                   show_tally=True, now=NOW)
        assert not secret.show_tally
        votes.open_vote(s, world.clerk_id, named.id, now=NOW)
        votes.open_vote(s, world.clerk_id, secret.id, now=NOW)
    with pytest.raises(StateError), store.write() as s:
        votes.show_tally(s, world.clerk_id, secret.id, True)
    with store.write() as s:
        assert votes.show_tally(s, world.clerk_id, named.id, True).tally == {"yes": 0, "no": 0, "abstain": 0}
        votes.cast_ballot(s, c.members[0], named.id, ["abstain"], now=NOW)
        votes.cast_ballot(s, c.members[0], secret.id, ["abstain"], now=NOW)
    progress = [p["data"] for p in live(store, "vote_progress")]
    assert progress == [
        {"vote_id": named.id, "returned": 1, "issued": 3, "tally": {"yes": 0, "no": 0, "abstain": 1}},
        {"vote_id": secret.id, "returned": 1, "issued": 3, "tally": None},
    ]
    with store.read() as s:
        shown = {v.id: v.tally for v in votes.vote_views(s, c.meeting_id, organiser=True)}
    assert shown == {named.id: {"yes": 0, "no": 0, "abstain": 1}, secret.id: None}


def test_a_tie_in_a_named_vote_goes_to_the_chairs_side(store: Store, world: World):
    c = council(store, world, extra=1)  # four members: 2 yes (the chair's side) against 2 no
    with store.write() as s:
        vote = votes.create_vote(s, world.clerk_id, c.meeting_id, title="A", rule_key="majority", now=NOW)
        votes.open_vote(s, world.clerk_id, vote.id, now=NOW)
    for user_id, choice in zip(c.members, ["yes", "no", "no", "yes"], strict=True):
        with store.write() as s:
            votes.cast_ballot(s, user_id, vote.id, [choice], now=NOW)
    with store.write() as s:
        result = votes.close_vote(s, world.clerk_id, vote.id, now=NOW).result
    assert result is not None and result.verdict is not None
    assert result.verdict.passed and result.verdict.tie_broken_by_chair


def test_a_member_who_arrives_late_votes_once(store: Store, world: World):
    c = council(store, world)
    late = c.members[2]
    attend(store, c.rows, late, "not_arrived")
    with store.write() as s:
        vote = votes.create_vote(s, world.clerk_id, c.meeting_id, title="A", rule_key="majority", now=NOW)
        assert votes.open_vote(s, world.clerk_id, vote.id, now=NOW).issued == 2
    with pytest.raises(votes.NotEntitled), store.write() as s:
        votes.cast_ballot(s, late, vote.id, ["yes"], now=NOW)
    with store.read() as s:
        assert votes.my_votes(s, c.meeting_id, late) == ([], [])
    attend(store, c.rows, late, "online")
    with store.read() as s:
        assert votes.my_votes(s, c.meeting_id, late) == ([vote.id], [])
    with store.write() as s:
        receipt = votes.cast_ballot(s, late, vote.id, ["yes"], now=NOW)
    assert (receipt.returned, receipt.issued) == (1, 3)
    with pytest.raises(votes.AlreadyVoted), store.write() as s:
        votes.cast_ballot(s, late, vote.id, ["no"], now=NOW)
    with store.read() as s:
        assert votes.my_votes(s, c.meeting_id, late) == ([], [vote.id])
    with store.write() as s:
        result = votes.close_vote(s, world.clerk_id, vote.id, now=NOW).result
    assert result is not None and (result.issued, result.returned, result.counts["yes"]) == (3, 1, 1)


@pytest.mark.parametrize("allowed", [False, True])
def test_a_substitute_votes_for_the_member_only_where_the_rules_allow(store: Store, world: World, allowed: bool):
    c = council(store, world, substitutes_vote=allowed)
    officer = c.members[1]
    substitute = world.officer2_id
    with store.write() as s:
        row = s.get(Participant, c.rows.participants[officer])
        assert row is not None
        row.substitute_id = substitute
    attend(store, c.rows, officer, "substitute")
    with store.write() as s:
        vote = votes.create_vote(s, world.clerk_id, c.meeting_id, title="A", rule_key="majority", now=NOW)
        assert votes.open_vote(s, world.clerk_id, vote.id, now=NOW).issued == (3 if allowed else 2)
    with pytest.raises(votes.NotEntitled), store.write() as s:
        votes.cast_ballot(s, officer, vote.id, ["yes"], now=NOW)  # the member sent someone: not theirs now
    if not allowed:
        with pytest.raises(votes.NotEntitled), store.write() as s:
            votes.cast_ballot(s, substitute, vote.id, ["yes"], now=NOW)
        with store.write() as s:
            closed = votes.close_vote(s, world.clerk_id, vote.id, now=NOW).result
        assert closed is not None and (closed.members, closed.present) == (3, 2)  # a substitute without a vote
        return
    with store.read() as s:
        assert votes.my_votes(s, c.meeting_id, substitute) == ([vote.id], [])
        assert votes.my_votes(s, c.meeting_id, officer) == ([], [])
    with store.write() as s:
        votes.cast_ballot(s, substitute, vote.id, ["no"], now=NOW)
    with pytest.raises(votes.AlreadyVoted), store.write() as s:
        votes.cast_ballot(s, substitute, vote.id, ["no"], now=NOW)
    with store.write() as s:
        result = votes.close_vote(s, world.clerk_id, vote.id, now=NOW).result
    assert result is not None and (result.members, result.present) == (3, 3)
    assert [(n.user_id, n.choice, n.cast_by) for n in result.named] == [(officer, ["no"], substitute)]


def test_elections_and_a_vote_of_confidence(store: Store, world: World):
    c = council(store, world, extra=2)  # five members
    with store.write() as s:
        election = votes.create_vote(
            s, world.clerk_id, c.meeting_id, title="Bầu Ủy viên", method="choices", rule_key="majority", secret=True,
            options=[VoteOption(key=k, label=k.upper()) for k in ("an", "binh", "cuong")], max_choices=2, now=NOW)
        confidence = votes.create_vote(
            s, world.clerk_id, c.meeting_id, title="Lấy phiếu tín nhiệm", method="confidence",
            subjects=[VoteSubject(id="s1", name="Ông A"), VoteSubject(id="s2", name="Bà B")], now=NOW)
        assert confidence.secret and [o.key for o in confidence.options] == ["high", "trust", "low"]
        votes.open_vote(s, world.clerk_id, election.id, now=NOW)
        votes.open_vote(s, world.clerk_id, confidence.id, now=NOW)
    with pytest.raises(ValidationError), store.write() as s:
        votes.cast_ballot(s, c.members[0], election.id, ["an", "binh", "cuong"], now=NOW)
    with pytest.raises(ValidationError), store.write() as s:
        votes.cast_ballot(s, c.members[0], confidence.id, ["s1:low", "s1:high"], now=NOW)
    ballots = [(["an", "binh"], ["s1:high", "s2:low"]), (["an", "cuong"], ["s1:trust", "s2:low"]),
               (["an", "binh"], ["s1:high", "s2:low"]), (["binh"], ["s1:low", "s2:trust"]),
               (["an", "binh"], ["s1:high", "s2:high"])]
    for user_id, (chosen, levels) in zip(c.members, ballots, strict=True):
        with store.write() as s:
            votes.cast_ballot(s, user_id, election.id, chosen, now=NOW)
            votes.cast_ballot(s, user_id, confidence.id, levels, now=NOW)
    with store.write() as s:
        elected = votes.close_vote(s, world.clerk_id, election.id, now=NOW).result
        assessed = votes.close_vote(s, world.clerk_id, confidence.id, now=NOW).result
    assert elected is not None and elected.counts == {"an": 4, "binh": 4, "cuong": 1}
    assert elected.elected == ["an", "binh"] and elected.named == []
    assert elected.record is not None and (elected.record.issued, elected.record.valid) == (5, 5)
    assert assessed is not None and [(r.subject_id, r.outcome) for r in assessed.subjects] == [
        ("s1", ""), ("s2", "may_resign")]
    assert assessed.subjects[1].counts == {"high": 1, "trust": 1, "low": 3}
    assert assessed.subjects[1].percents == {"high": "20.00", "trust": "20.00", "low": "60.00"}


def test_the_votes_rule_is_copied_when_prepared(store: Store, world: World):
    c = council(store, world)
    with store.write() as s:
        vote = votes.create_vote(s, world.clerk_id, c.meeting_id, title="A", rule_key="majority", now=NOW)
    with store.read() as s:
        row = s.get(Vote, vote.id)
        assert row is not None and json.loads(row.rule)["rule"]["chair_breaks_tie"] is True


def test_no_vote_is_prepared_or_opened_once_the_meeting_is_over(store: Store, world: World):
    c = council(store, world)
    with store.write() as s:
        vote = votes.create_vote(s, world.clerk_id, c.meeting_id, title="A", rule_key="majority", now=NOW)
        meeting = s.get(Meeting, c.meeting_id)
        assert meeting is not None
        meeting.state = "closed"
    with pytest.raises(StateError), store.write() as s:
        votes.open_vote(s, world.clerk_id, vote.id, now=NOW)
    with pytest.raises(StateError), store.write() as s:
        votes.create_vote(s, world.clerk_id, c.meeting_id, title="B", rule_key="majority", now=NOW)
