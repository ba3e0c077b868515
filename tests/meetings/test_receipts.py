"""Read receipts: one per document and reader whatever the number of computers, the
earliest opening kept, and the secretary's who-has-read table in a few queries however
large the meeting."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import event, select

from eoffice.errors import DomainError, PermissionDenied
from eoffice.meetings import operations as mo
from eoffice.meetings import receipts
from eoffice.meetings.models import AgendaItem, MeetingDocument, Participant, ReadReceipt
from eoffice.ops import registry
from eoffice.store import Store
from eoffice.store.base import new_id, utcnow
from tests.conftest import World, make_world
from tests.meetings.factories import MeetingRows, add_user, make_meeting


@pytest.fixture
def world(sqlite_store: Store) -> World:
    return make_world(sqlite_store)


@pytest.fixture
def meeting(world: World) -> MeetingRows:
    return make_meeting(world.store, world)


def _apply(world: World, actor_id: str, op: mo.Operation) -> None:
    with world.store.write() as s:
        registry.apply(s, actor_id, op, authority=True)


def _documents(world: World, m: MeetingRows, audiences: list[tuple[str, list[str]]]) -> list[str]:
    """Documents written straight in (one item), with their audiences."""
    with world.store.write() as s:
        item = AgendaItem(id=new_id(), meeting_id=m.meeting_id, sitting_id=m.sitting_id, title="Tờ trình")
        s.add(item)
        ids = []
        for n, (audience, readers) in enumerate(audiences):
            doc = MeetingDocument(id=new_id(), meeting_id=m.meeting_id, item_id=item.id, position=n,
                                  title=f"Tài liệu {n + 1}", audience=audience, readers=json.dumps(readers),
                                  added_by=world.clerk_id)
            s.add(doc)
            ids.append(doc.id)
        return ids


def test_the_earliest_opening_is_kept_in_one_row(world: World, meeting: MeetingRows):
    [doc] = _documents(world, meeting, [("all", [])])
    now = utcnow()
    laptop = (now - timedelta(hours=1)).isoformat()
    office = (now - timedelta(hours=3)).isoformat()
    _apply(world, world.officer_id, mo.RecordRead(new_id(), doc, 1, laptop))
    _apply(world, world.officer_id, mo.RecordRead(new_id(), doc, 1, office))
    _apply(world, world.officer_id, mo.RecordRead(new_id(), doc, 1, (now + timedelta(days=1)).isoformat()))
    with world.store.read() as s:
        [row] = s.scalars(select(ReadReceipt)).all()
        assert row.id == receipts.receipt_id(doc, world.officer_id) == receipts.receipt_id(doc, world.officer_id)
        assert row.id != receipts.receipt_id(doc, meeting.delegate_id)
        assert abs(row.first_opened_at.replace(tzinfo=now.tzinfo) - (now - timedelta(hours=3))) < timedelta(seconds=1)
    with pytest.raises(PermissionDenied), world.store.write() as s:
        registry.apply(s, world.officer2_id, mo.RecordRead(new_id(), doc, 1, office), authority=True)
    with pytest.raises(DomainError, match="Thời gian “hôm qua” không hợp lệ"), world.store.write() as s:
        registry.apply(s, world.officer_id, mo.RecordRead(new_id(), doc, 1, "hôm qua"), authority=True)


def test_the_table_shows_each_reader_in_each_audience(world: World, meeting: MeetingRows):
    everyone, voters, named = _documents(
        world, meeting, [("all", []), ("voting", []), ("named", [meeting.delegate_id])]
    )
    opened = (utcnow() - timedelta(hours=2)).isoformat()
    _apply(world, world.officer_id, mo.RecordRead(new_id(), everyone, 1, opened))
    _apply(world, meeting.delegate_id, mo.RecordRead(new_id(), named, 1, opened))
    with world.store.read() as s:
        table = receipts.who_has_read(s, world.clerk_id, meeting.meeting_id)
        names = {r.participant_id: r.name for r in table.readers}
        assert table.counts(everyone) == (1, 4)
        assert table.counts(voters) == (0, 3)  # the guest does not vote
        assert table.counts(named) == (1, 1)
        assert sorted(r.name for r in table.not_yet(everyone)) == ["Hoàng Thị Lan", "Nguyễn Văn Đức", "Vũ Đình Khách"]
        assert {names[p] for p, at in table.opened[everyone].items() if at} == {"Lê Minh Anh"}
        with pytest.raises(PermissionDenied):
            receipts.who_has_read(s, world.officer_id, meeting.meeting_id)


def _statements(world: World, meeting_id: str) -> tuple[int, receipts.ReadTable]:
    count = 0

    def counted(*_args: object) -> None:
        nonlocal count
        count += 1

    engine = world.store.engine
    event.listen(engine, "before_cursor_execute", counted)
    try:
        with world.store.read() as s:
            table = receipts.who_has_read(s, world.clerk_id, meeting_id)
    finally:
        event.remove(engine, "before_cursor_execute", counted)
    return count, table


def test_the_table_takes_the_same_few_queries_for_a_large_meeting(world: World):
    small = make_meeting(world.store, world)
    _documents(world, small, [("all", [])])
    large = make_meeting(world.store, world, delegate="daibieu2", guest="khach2")
    docs = _documents(world, large, [("all", [])] * 60)
    with world.store.write() as s:
        users = [add_user(s, world, f"db{n}", f"Đại biểu {n:03d}") for n in range(120)]
        for user_id in users:
            s.add(Participant(id=new_id(), meeting_id=large.meeting_id, user_id=user_id))
        at = utcnow() - timedelta(hours=1)
        for user_id in users[:50]:
            for doc in docs[:10]:
                s.add(ReadReceipt(id=receipts.receipt_id(doc, user_id), meeting_id=large.meeting_id,
                                  meeting_document_id=doc, user_id=user_id, first_opened_at=at))
    few, _ = _statements(world, small.meeting_id)
    many, table = _statements(world, large.meeting_id)
    assert many == few <= 7  # the actor, their roles, the meeting, then documents, participants, receipts
    assert table.counts(docs[0]) == (50, 124) and table.counts(docs[-1]) == (0, 124)
