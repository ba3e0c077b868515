"""A secret ballot leaves nothing that links a voter to a choice: every column of every
table of the database is read after secret votes and checked."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import select

from eoffice.meetings.live import votes
from eoffice.meetings.live.models import VoteTally, VoteVoter
from eoffice.meetings.live.schemas import VoteOption
from eoffice.store import Store
from tests.conftest import World
from tests.meetings.live.ballots import NOW, council


def every_row(store: Store) -> list[tuple[str, str]]:
    """(table, the row's text) for every row of every table in the database."""
    found = []
    with store.read() as s:
        for table in sa.inspect(s.get_bind()).get_table_names():
            for row in s.execute(sa.text(f'SELECT * FROM "{table}"')):
                found.append((table, " ".join(str(v) for v in row)))
    return found


def test_no_row_links_a_voter_to_a_secret_ballot(store: Store, world: World):
    c = council(store, world, extra=1)
    candidates = [f"ucv-{uuid.uuid4().hex[:10]}" for _ in c.members]
    with store.write() as s:
        election = votes.create_vote(
            s, world.clerk_id, c.meeting_id, title="Bầu Ủy viên", method="choices", secret=True,
            rule_key="majority", options=[VoteOption(key=k, label=f"Ứng viên {k}") for k in candidates], now=NOW)
        motion = votes.create_vote(s, world.clerk_id, c.meeting_id, title="Nghị quyết", secret=True,
                                   rule_key="majority", now=NOW)
        votes.open_vote(s, world.clerk_id, election.id, now=NOW)
        votes.open_vote(s, world.clerk_id, motion.id, now=NOW)
    # Each voter chooses their own candidate: a link anywhere would show voter and key together.
    for voter, candidate, choice in zip(c.members, candidates, ["yes", "no", "yes", "abstain"], strict=True):
        with store.write() as s:
            votes.cast_ballot(s, voter, election.id, [candidate], now=NOW)
            votes.cast_ballot(s, voter, motion.id, [choice], now=NOW)
    with store.write() as s:
        closed = votes.close_vote(s, world.clerk_id, election.id, now=NOW)
        motion_closed = votes.close_vote(s, world.clerk_id, motion.id, now=NOW)
        votes.publish_vote(s, world.clerk_id, election.id, now=NOW)
        votes.publish_vote(s, world.clerk_id, motion.id, now=NOW)
    assert closed.result is not None and closed.result.counts == dict.fromkeys(candidates, 1)
    assert closed.result.named == [] and closed.result.record is not None
    assert motion_closed.result is not None and motion_closed.result.counts == {"yes": 2, "no": 1, "abstain": 1}
    assert motion_closed.result.verdict is not None and not motion_closed.result.verdict.tie_broken_by_chair

    rows = every_row(store)
    assert any(table == "meeting_vote_voters" for table, _ in rows)
    for table, text in rows:
        if any(voter in text for voter in c.members):
            assert not any(k in text for k in candidates), f"{table} links a voter to a ballot: {text}"
    with store.read() as s:
        # Who returned a ballot, apart: no choice kept.
        voters = s.execute(select(VoteVoter.voter_id, VoteVoter.returned, VoteVoter.choice)).all()
        assert len(voters) == 8 and all(returned and choice is None for _, returned, choice in voters)
        # The ballots: counts per option only (no id, no time, no sequence).
        assert [c.name for c in VoteTally.__table__.columns] == ["vote_id", "option", "shard", "count"]
        counts: dict[str, int] = {}
        for r in s.scalars(select(VoteTally).where(VoteTally.vote_id == motion.id)):
            counts[r.option] = counts.get(r.option, 0) + r.count
        assert counts == {"yes": 2, "no": 1, "abstain": 1}
        events = [json.loads(p) for p in s.scalars(sa.text("SELECT payload_json FROM live_events"))]
    progress = [e for e in events if e["part"] == "vote_progress"]
    assert len(progress) == 8
    for event in progress:
        assert set(event["data"]) == {"vote_id", "returned", "issued", "tally"} and event["data"]["tally"] is None
        assert not any(v in json.dumps(event) for v in c.members)
    # PostgreSQL's system column: the transaction that wrote a row's version is the close's
    # for every voter and tally row (a ballot's would match its voter with its tally).
    if not store.is_sqlite:
        with store.read() as s:
            written = set(s.scalars(sa.text(
                "SELECT xmin::text FROM meeting_vote_voters UNION SELECT xmin::text FROM meeting_vote_tallies")))
        assert len(written) == 1, written
    # Nor do the database's files hold a key beside a voter's id (SQLite: its bytes, WAL too).
    if store.is_sqlite:
        path = Path(store.url.removeprefix("sqlite:///"))
        wal = path.with_name(path.name + "-wal")
        data = path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
        for key in candidates:
            at = data.find(key.encode())
            while at >= 0:
                near = data[max(0, at - 200):at + 200]
                assert not any(v.encode() in near for v in c.members)
                at = data.find(key.encode(), at + 1)
