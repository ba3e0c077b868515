"""A meeting's session run through the live domain, for the minutes' tests: two agenda
items, attendance with an absence and an online member, speeches, a named vote and a
secret ballot, closed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import select

from eoffice.meetings.live import attendance, session as chairing, speakers, votes
from eoffice.meetings.live.models import Speech
from eoffice.meetings.models import AgendaItem
from eoffice.store import Store
from eoffice.store.base import new_id, utcnow
from tests.conftest import World
from tests.meetings.live.ballots import council

T0 = datetime(2026, 12, 7, 1, 0, tzinfo=timezone.utc)  # 08:00 in Vietnam


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


@dataclass
class Story:
    meeting_id: str
    items: list[str]
    members: list[str]  # the chair first
    absent_id: str
    speech_ids: list[str]
    named_vote: str
    secret_vote: str


def add_items(store: Store, meeting_id: str, sitting_id: str, titles: list[str], presenter_id: str) -> list[str]:
    ids = []
    with store.write() as s:
        for n, title in enumerate(titles):
            item = AgendaItem(id=new_id(), meeting_id=meeting_id, sitting_id=sitting_id, position=n, title=title,
                              presenter_id=presenter_id, decision="vote", vote_rule="majority")
            s.add(item)
            ids.append(item.id)
    return ids


def speak(store: Store, meeting_id: str, user_id: str, clerk_id: str, start: float, minutes: float) -> str:
    with store.write() as s:
        asked = speakers.ask(s, user_id, meeting_id, "speech", at(start))
    with store.write() as s:
        speakers.accept(s, clerk_id, meeting_id, asked.id, at(start))
        speakers.start(s, clerk_id, meeting_id, asked.id, at(start))
    with store.write() as s:
        speakers.end(s, clerk_id, meeting_id, asked.id, at(start + minutes))
    return asked.id


def vote(store: Store, clerk_id: str, meeting_id: str, item_id: str, title: str, secret: bool,
         ballots: dict[str, str], start: float) -> str:
    with store.write() as s:
        made = votes.create_vote(s, clerk_id, meeting_id, title=title, secret=secret, item_id=item_id,
                                 rule_key="majority", now=at(start))
        votes.open_vote(s, clerk_id, made.id, now=at(start))
    for user_id, choice in ballots.items():
        with store.write() as s:
            votes.cast_ballot(s, user_id, made.id, [choice], now=at(start + 1))
    with store.write() as s:
        votes.close_vote(s, clerk_id, made.id, now=at(start + 2))
        votes.publish_vote(s, clerk_id, made.id, now=at(start + 2))
    return made.id


def run_story(store: Store, world: World, *, close: bool = True) -> Story:
    """Five voting members (the leader chairs; the clerk is secretary without a vote): one
    absent with a reason, one online; two items; three speeches; a named vote on item 1
    (3 yes, 1 no of 5 in office) and a secret ballot on item 2 (4 yes)."""
    c = council(store, world, extra=2, present=False)
    rows = c.rows
    items = add_items(store, c.meeting_id, rows.sitting_id,
                      ["Dự thảo Nghị quyết về giá đất", "Kế hoạch đầu tư công năm 2027"], world.officer_id)
    chair, officer, delegate, extra1, extra2 = c.members
    with store.write() as s:
        chairing.open_session(s, world.leader_id, c.meeting_id, at(0))
    with store.write() as s:
        for user_id in (chair, officer, delegate):
            attendance.mark(s, world.clerk_id, c.meeting_id, rows.participants[user_id], "hall", at(1))
        attendance.mark(s, world.clerk_id, c.meeting_id, rows.participants[extra1], "online", at(1))
        attendance.mark(s, world.clerk_id, c.meeting_id, rows.participants[extra2], "absent", at(1),
                        reason="Đi công tác tại Hà Nội")
        attendance.mark(s, world.clerk_id, c.meeting_id, rows.participants[rows.guest_id], "hall", at(1))
    with store.write() as s:
        chairing.show(s, world.leader_id, c.meeting_id, item_id=items[0])
    spoken = [speak(store, c.meeting_id, officer, world.clerk_id, 5, 4),
              speak(store, c.meeting_id, delegate, world.clerk_id, 10, 3)]
    named = vote(store, world.clerk_id, c.meeting_id, items[0], "Thông qua Dự thảo Nghị quyết về giá đất", False,
                 {chair: "yes", officer: "yes", delegate: "yes", extra1: "no"}, 20)
    with store.write() as s:
        chairing.show(s, world.leader_id, c.meeting_id, item_id=items[1])
    spoken.append(speak(store, c.meeting_id, extra1, world.clerk_id, 31, 2))
    secret = vote(store, world.clerk_id, c.meeting_id, items[1], "Thông qua Kế hoạch đầu tư công", True,
                  {chair: "yes", officer: "yes", delegate: "yes", extra1: "yes"}, 40)
    if close:
        with store.write() as s:
            chairing.close(s, world.leader_id, c.meeting_id, at(90))
    with store.read() as s:
        assert len(s.scalars(select(Speech.id).where(Speech.meeting_id == c.meeting_id)).all()) == 3
    return Story(c.meeting_id, items, c.members, extra2, spoken, named, secret)


def run_a_little(store: Store, w: World, ids: dict[str, str]) -> str:
    """On a meeting made by ``helpers.scheduled_meeting``: the session opens, the officer
    speaks three minutes on the item, the session closes. The speech's id."""
    now = utcnow()
    with store.write() as s:
        chairing.open_session(s, w.leader_id, ids["meeting"], now)
        chairing.show(s, w.leader_id, ids["meeting"], item_id=ids["item"])
    with store.write() as s:
        asked = speakers.ask(s, w.officer_id, ids["meeting"], "speech", now)
        speakers.accept(s, w.clerk_id, ids["meeting"], asked.id, now)
        speakers.start(s, w.clerk_id, ids["meeting"], asked.id, now)
    with store.write() as s:
        speakers.end(s, w.clerk_id, ids["meeting"], asked.id, now + timedelta(minutes=3))
        chairing.close(s, w.leader_id, ids["meeting"], now + timedelta(minutes=5))
    return asked.id
