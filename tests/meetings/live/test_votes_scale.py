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
