"""What a vote costs does not grow with its voters where it is done at once (opening,
closing), and a second ballot racing the first from another computer is refused."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event

from eoffice.errors import DomainError
from eoffice.meetings.live import votes
from eoffice.store import Store
from tests.conftest import World
from tests.meetings.live.ballots import NOW, council


@contextmanager
def statements(store: Store) -> Iterator[list[str]]:
    """The SQL statements the store's writer sends inside the block."""
    seen: list[str] = []
    engine = store._write_engine  # the engine write sessions run on

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def _vote_of(store: Store, world: World, voters: int, secret: bool) -> tuple[int, int, int]:
    """Statements to open and to close a vote of ``voters`` members who all voted, and issued."""
    c = council(store, world, extra=voters - 3, tag=f"x{voters}")
    with store.write() as s:
        vote = votes.create_vote(s, world.clerk_id, c.meeting_id, title="A", rule_key="majority", secret=secret,
                                 now=NOW)
    with statements(store) as opening, store.write() as s:
        issued = votes.open_vote(s, world.clerk_id, vote.id, now=NOW).issued
    for n, user_id in enumerate(c.members):
        with store.write() as s:
            votes.cast_ballot(s, user_id, vote.id, [("yes", "no", "abstain")[n % 3]], now=NOW)
    with statements(store) as closing, store.write() as s:
        result = votes.close_vote(s, world.clerk_id, vote.id, now=NOW).result
    assert result is not None and result.returned == voters and len(result.named) == (0 if secret else voters)
    return len(opening), len(closing), issued


@pytest.mark.parametrize("secret", [False, True], ids=["named", "secret"])
def test_opening_and_closing_cost_the_same_statements_for_10_and_200_voters(store: Store, world: World,
                                                                             secret: bool):
    small = _vote_of(store, world, 10, secret)
    large = _vote_of(store, world, 200, secret)
    assert (small[2], large[2]) == (10, 200)
    assert small[:2] == large[:2]
    assert small[1] <= 16, small  # BEGIN, the vote, actor, meeting, 4 counts, the update, the event


def _race(store: Store, casts: list[Callable[[], object]]) -> list[object]:
    """Run the casts at the same moment, each in its own thread and transaction."""
    start = threading.Barrier(len(casts))
    outcomes: list[object] = [None] * len(casts)

    def run(n: int) -> None:
        start.wait()
        try:
            outcomes[n] = casts[n]()
        except DomainError as error:  # the refusal is the outcome
            outcomes[n] = error

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(casts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


@pytest.mark.parametrize("secret", [False, True], ids=["named", "secret"])
def test_two_computers_casting_the_same_ballot_at_once_count_once(store: Store, world: World, secret: bool):
    c = council(store, world, extra=3)
    with store.write() as s:
        vote = votes.create_vote(s, world.clerk_id, c.meeting_id, title="A", rule_key="majority", secret=secret,
                                 now=NOW)
        votes.open_vote(s, world.clerk_id, vote.id, now=NOW)

    def cast(user_id: str, choice: str) -> Callable[[], object]:
        def go() -> object:
            with store.write() as s:
                return votes.cast_ballot(s, user_id, vote.id, [choice], now=NOW)
        return go

    # Every member at once from two computers (the same choice or not): one ballot each.
    outcomes = _race(store, [cast(u, choice) for u in c.members for choice in ("yes", "no")])
    for mine in zip(outcomes[::2], outcomes[1::2], strict=True):
        assert sorted(type(o).__name__ for o in mine) == ["AlreadyVoted", "BallotReceipt"], mine
    with store.write() as s:
        result = votes.close_vote(s, world.clerk_id, vote.id, now=NOW).result
    assert result is not None and result.returned == len(c.members) == 6
    assert sum(result.counts.values()) == 6


def _progress_events(store: Store) -> int:
    from sqlalchemy import func, select

    from eoffice.server.events import LiveEvent

    with store.read() as s:
        return int(s.scalar(select(func.count()).select_from(LiveEvent)
                            .where(LiveEvent.payload_json.contains('"vote_progress"'))) or 0)


def test_a_batch_of_ballots_takes_each_or_refuses_it_alone(store: Store, world: World):
    """``cast_ballots`` (the ballot box's one transaction): a refused ballot (a second one,
    a guest's, a bad choice) leaves the others taken; one progress event for the batch, whose
    counts every receipt gives."""
    c = council(store, world, extra=2)
    with store.write() as s:
        vote = votes.create_vote(s, world.clerk_id, c.meeting_id, title="A", rule_key="majority", now=NOW)
        votes.open_vote(s, world.clerk_id, vote.id, now=NOW)
    first, second, third = c.members[:3]
    before = _progress_events(store)
    batch = [votes.BallotRequest(first, vote.id, ["yes"], NOW), votes.BallotRequest(first, vote.id, ["no"], NOW),
             votes.BallotRequest(c.rows.guest_id, vote.id, ["yes"], NOW),
             votes.BallotRequest(second, vote.id, ["maybe"], NOW), votes.BallotRequest(third, vote.id, ["no"], NOW)]
    with store.write() as s:
        votes.cast_ballots(s, batch)
    assert [type(r.refused).__name__ for r in batch] == [
        "NoneType", "AlreadyVoted", "NotEntitled", "ValidationError", "NoneType"]
    issued = len(c.members)
    assert [r.receipt and (r.receipt.returned, r.receipt.issued) for r in batch] == [
        (2, issued), None, None, None, (2, issued)]
    assert _progress_events(store) == before + 1
    with store.write() as s:
        result = votes.close_vote(s, world.clerk_id, vote.id, now=NOW).result
    assert result is not None and result.returned == 2 and result.counts["yes"] == result.counts["no"] == 1


def test_ballots_racing_through_the_ballot_box_count_once_each(store: Store, world: World):
    """The server's way (``ballot_box``): every member at once from two computers, and a
    guest, all on one event loop; one ballot each, the second refused, the guest refused,
    every taken ballot acknowledged once it is counted."""
    import asyncio

    from eoffice.meetings.live.ballot_box import ballot_box

    c = council(store, world, extra=5)
    with store.write() as s:
        vote = votes.create_vote(s, world.clerk_id, c.meeting_id, title="A", rule_key="majority", now=NOW)
        votes.open_vote(s, world.clerk_id, vote.id, now=NOW)
    box = ballot_box(store)
    asked = [(u, choice) for u in c.members for choice in ("yes", "no")] + [(c.rows.guest_id, "yes")]

    async def cast_all() -> list[object]:
        return await asyncio.gather(*(box.cast(votes.BallotRequest(u, vote.id, [choice], NOW))
                                      for u, choice in asked), return_exceptions=True)

    outcomes = asyncio.run(cast_all())
    for mine in zip(outcomes[:-1:2], outcomes[1:-1:2], strict=True):
        assert sorted(type(o).__name__ for o in mine) == ["AlreadyVoted", "BallotReceipt"], mine
    assert type(outcomes[-1]).__name__ == "NotEntitled"
    receipts = [o for o in outcomes if isinstance(o, votes.BallotReceipt)]
    assert max(r.returned for r in receipts) == len(c.members)  # the last batch saw them all
    with store.write() as s:
        result = votes.close_vote(s, world.clerk_id, vote.id, now=NOW).result
    assert result is not None and result.returned == len(c.members) == 8
