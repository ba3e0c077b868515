"""A sitting's agenda: numbered, timed from the sitting's start, reordered by drag and
drop, and refused where a move or an item makes no sense, with the reason in Vietnamese."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from eoffice.audit.models import AuditEvent
from eoffice.errors import DomainError, PermissionDenied, ValidationError
from eoffice.meetings import agenda
from eoffice.meetings import operations as mo
from eoffice.meetings.models import AgendaItem, MeetingDocument
from eoffice.ops import registry
from eoffice.store import Store
from eoffice.store.base import new_id
from tests.conftest import World, make_world
from tests.meetings.factories import START, MeetingRows, add_sitting, make_meeting


@pytest.fixture
def world(sqlite_store: Store) -> World:
    return make_world(sqlite_store)


@pytest.fixture
def meeting(world: World) -> MeetingRows:
    return make_meeting(world.store, world)


def _apply(world: World, actor_id: str, op: mo.Operation) -> None:
    with world.store.write() as s:
        registry.apply(s, actor_id, op, authority=True)


def _add(world: World, m: MeetingRows, title: str, minutes: int = 10, parent: str | None = None,
         position: int = 1_000_000, **values: object) -> str:
    item_id = new_id()
    _apply(world, world.clerk_id, mo.AddAgendaItem(
        op_id=new_id(), item_id=item_id, meeting_id=m.meeting_id, sitting_id=m.sitting_id, parent_id=parent,
        position=position, title=title, planned_minutes=minutes, **values,  # type: ignore[arg-type]
    ))
    return item_id


def _lines(world: World, sitting_id: str) -> list[tuple[str, str, str, int]]:
    with world.store.read() as s:
        return [
            (line.number, line.item.title, line.starts_at.astimezone(START.tzinfo).strftime("%H:%M"), line.minutes)
            for line in agenda.agenda_of(s, sitting_id)
        ]


def _refused(world: World, actor_id: str, op: mo.Operation) -> DomainError:
    with pytest.raises(DomainError) as caught, world.store.write() as s:
        registry.apply(s, actor_id, op, authority=True)
    return caught.value


def test_items_are_numbered_and_timed_from_the_sittings_start(world: World, meeting: MeetingRows):
    opening = _add(world, meeting, "Khai mạc", 5)
    report = _add(world, meeting, "Báo cáo tình hình kinh tế - xã hội", 10)
    _add(world, meeting, "Tờ trình dự toán ngân sách", 20, parent=report)
    sub = _add(world, meeting, "Thảo luận", 15, parent=report)
    _add(world, meeting, "Ý kiến Sở Tài chính", 5, parent=sub)
    _add(world, meeting, "Bế mạc", 5)
    # 01:00 UTC; the parent's own 10 minutes come first, then its sub-items.
    assert _lines(world, meeting.sitting_id) == [
        ("1", "Khai mạc", "01:00", 5),
        ("2", "Báo cáo tình hình kinh tế - xã hội", "01:05", 50),
        ("2.1", "Tờ trình dự toán ngân sách", "01:15", 20),
        ("2.2", "Thảo luận", "01:35", 20),
        ("2.2.1", "Ý kiến Sở Tài chính", "01:50", 5),
        ("3", "Bế mạc", "01:55", 5),
    ]
    # Drag "Bế mạc" to the top, then the opening under the report at the front.
    with world.store.read() as s:
        closing = s.scalars(select(AgendaItem.id).where(AgendaItem.title == "Bế mạc")).one()
    _apply(world, world.clerk_id, mo.MoveAgendaItem(new_id(), closing, None, 0))
    _apply(world, world.clerk_id, mo.MoveAgendaItem(new_id(), opening, report, 0))
    assert [(n, t) for n, t, _, _ in _lines(world, meeting.sitting_id)] == [
        ("1", "Bế mạc"), ("2", "Báo cáo tình hình kinh tế - xã hội"), ("2.1", "Khai mạc"),
        ("2.2", "Tờ trình dự toán ngân sách"), ("2.3", "Thảo luận"), ("2.3.1", "Ý kiến Sở Tài chính"),
    ]
    with world.store.read() as s:  # positions are dense among each group of siblings
        rows = list(s.scalars(select(AgendaItem).where(AgendaItem.deleted.is_(False))))
        groups: dict[str | None, list[int]] = {}
        for row in rows:
            groups.setdefault(row.parent_id, []).append(row.position)
        assert all(sorted(p) == list(range(len(p))) for p in groups.values())
        assert s.scalar(select(AuditEvent.id).where(AuditEvent.action == "meeting.agenda_move")) is not None


def test_an_item_cannot_go_under_itself_or_its_sub_items(world: World, meeting: MeetingRows):
    parent = _add(world, meeting, "Báo cáo")
    child = _add(world, meeting, "Phụ lục số liệu", parent=parent)
    grandchild = _add(world, meeting, "Chi tiết", parent=child)
    for target in (parent, child, grandchild):
        error = _refused(world, world.clerk_id, mo.MoveAgendaItem(new_id(), parent, target, 0))
        assert isinstance(error, ValidationError)
        assert "vào chính nó hoặc vào nội dung con" in error.message_vi
    assert [n for n, *_ in _lines(world, meeting.sitting_id)] == ["1", "1.1", "1.1.1"]


def test_an_item_moves_only_within_its_meeting(world: World, meeting: MeetingRows):
    other = make_meeting(world.store, world, delegate="daibieu2", guest="khach2")
    item = _add(world, meeting, "Báo cáo")
    elsewhere = _add(world, other, "Nội dung của cuộc họp khác")
    error = _refused(world, world.clerk_id, mo.MoveAgendaItem(new_id(), item, elsewhere, 0))
    assert "cùng phiên họp" in error.message_vi
    error = _refused(world, world.clerk_id, mo.MoveAgendaItem(new_id(), item, None, 0, other.sitting_id))
    assert "không thuộc cuộc họp" in error.message_vi
    # To another sitting of the same meeting, with its sub-items.
    sub = _add(world, meeting, "Tiểu mục", parent=item)
    second = add_sitting(world.store, meeting.meeting_id)
    _apply(world, world.clerk_id, mo.MoveAgendaItem(new_id(), item, None, 0, second))
    assert _lines(world, meeting.sitting_id) == []
    assert [(n, t) for n, t, *_ in _lines(world, second)] == [("1", "Báo cáo"), ("1.1", "Tiểu mục")]
    with world.store.read() as s:
        assert s.get(AgendaItem, sub).sitting_id == second


def test_a_vote_item_names_one_of_the_meetings_rules(world: World, meeting: MeetingRows):
    error = _refused(world, world.clerk_id, mo.AddAgendaItem(
        op_id=new_id(), item_id=new_id(), meeting_id=meeting.meeting_id, sitting_id=meeting.sitting_id,
        title="Thông qua Nghị quyết", decision="vote", vote_rule="two_thirds",  # an HĐND rule, not a UBND one
    ))
    assert isinstance(error, ValidationError) and "quy tắc biểu quyết" in error.message_vi
    assert "Quá nửa tổng số thành viên tán thành" in error.message_vi
    item = _add(world, meeting, "Thông qua Nghị quyết", decision="vote", vote_rule="majority")
    error = _refused(world, world.clerk_id, mo.UpdateAgendaItem(
        op_id=new_id(), item_id=item, title="Thông qua Nghị quyết", decision="vote", vote_rule="",
    ))
    assert "quy tắc biểu quyết" in error.message_vi
    _apply(world, world.clerk_id, mo.UpdateAgendaItem(op_id=new_id(), item_id=item, title="Thông tin",
                                                      decision="information", vote_rule="majority"))
    with world.store.read() as s:
        assert s.get(AgendaItem, item).vote_rule == ""  # no rule on an item that is not voted
    error = _refused(world, world.clerk_id, mo.UpdateAgendaItem(op_id=new_id(), item_id=item, title="  "))
    assert "tên nội dung" in error.message_vi


def test_only_the_organisers_edit_the_agenda(world: World, meeting: MeetingRows):
    item = _add(world, meeting, "Báo cáo")
    for outsider in (world.officer_id, world.officer2_id, world.admin_id):  # a participant, a stranger, an admin
        error = _refused(world, outsider, mo.UpdateAgendaItem(op_id=new_id(), item_id=item, title="Sửa"))
        assert isinstance(error, PermissionDenied) and "người tổ chức" in error.message_vi
    _apply(world, world.leader_id, mo.UpdateAgendaItem(op_id=new_id(), item_id=item, title="Báo cáo (sửa)"))


def test_removing_an_item_removes_its_sub_items_and_their_documents(world: World, meeting: MeetingRows):
    first = _add(world, meeting, "Khai mạc")
    parent = _add(world, meeting, "Báo cáo")
    child = _add(world, meeting, "Phụ lục", parent=parent)
    last = _add(world, meeting, "Bế mạc")
    with world.store.write() as s:
        s.add(MeetingDocument(id=new_id(), meeting_id=meeting.meeting_id, item_id=child, title="Tờ trình",
                              added_by=world.clerk_id))
    _apply(world, world.clerk_id, mo.RemoveAgendaItem(new_id(), parent))
    assert [(n, t) for n, t, *_ in _lines(world, meeting.sitting_id)] == [("1", "Khai mạc"), ("2", "Bế mạc")]
    with world.store.read() as s:
        assert s.get(AgendaItem, child).deleted and s.get(AgendaItem, parent).deleted
        documents = s.scalars(select(MeetingDocument)).all()
        assert len(documents) == 1 and documents[0].deleted  # kept as a tombstone, not erased
        assert (s.get(AgendaItem, first).position, s.get(AgendaItem, last).position) == (0, 1)


def test_a_closed_meeting_keeps_its_agenda(world: World):
    closed = make_meeting(world.store, world, state="closed", start=START - timedelta(days=7))
    error = _refused(world, world.clerk_id, mo.AddAgendaItem(
        op_id=new_id(), item_id=new_id(), meeting_id=closed.meeting_id, sitting_id=closed.sitting_id, title="Muộn",
    ))
    assert "đã kết thúc" in error.message_vi
