"""The meetings' read models on a real SQLite file: the calendar by scope, a meeting's
agenda with its numbers and times, the reader's read state, who has read what."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import event

from eoffice.directory.access import load_actor
from eoffice.errors import PermissionDenied
from eoffice.meetings.views import READ, UNREAD, UPDATED, calendar, meeting_view, next_meetings, who_has_read
from tests.conftest import World, make_world
from tests.meetings import view_factories as f

DEC = datetime(2026, 12, 1, tzinfo=timezone.utc)
JAN = datetime(2027, 1, 1, tzinfo=timezone.utc)


@pytest.fixture
def w(store) -> World:  # type: ignore[no-untyped-def]
    return make_world(store)


@pytest.fixture
def council(w: World) -> dict[str, str]:
    """The leader chairs, the clerk is secretary, both officers are members; an agenda of
    two items (the first with two sub-items) and four documents."""
    with w.store.write() as s:
        hall = f.room(s, w.org_id, "Hội trường tầng 3")
        m = f.meeting(s, w.org_id, w.clerk_id, chair_id=w.leader_id, secretary_id=w.clerk_id, room_id=hall.id,
                      unit_id=w.office_unit_id)
        sitting = f.first_sitting(s, m.id)
        f.participant(s, m.id, w.leader_id, "chair", answer="attend")
        f.participant(s, m.id, w.clerk_id, "secretary", votes=False, answer="attend")
        f.participant(s, m.id, w.officer_id, answer="absent")
        f.participant(s, m.id, w.officer2_id, votes=False, answer="pending")
        one = f.item(s, m.id, sitting.id, "Kinh tế - xã hội", position=0, minutes=10)
        one_a = f.item(s, m.id, sitting.id, "Báo cáo tháng 11", parent_id=one.id, position=0, minutes=20,
                       presenter_id=w.officer2_id)
        one_b = f.item(s, m.id, sitting.id, "Kế hoạch tháng 12", parent_id=one.id, position=1, minutes=25)
        two = f.item(s, m.id, sitting.id, "Dự thảo nghị quyết", position=1, minutes=15, decision="vote")
        report = f.document(s, m.id, one_a.id, "Báo cáo kinh tế - xã hội tháng 11", w.clerk_id, versions=2)
        plan = f.document(s, m.id, one_b.id, "Kế hoạch tháng 12", w.clerk_id)
        draft = f.document(s, m.id, two.id, "Dự thảo nghị quyết", w.clerk_id, audience="voting")
        later = f.document(s, m.id, two.id, "Tờ trình (phát hành sau)", w.clerk_id,
                           release_at=datetime(2026, 12, 8, tzinfo=timezone.utc), position=1)
        f.receipt(s, m.id, report.id, w.officer_id, version=1)  # before version 2 came
        f.receipt(s, m.id, plan.id, w.officer_id, version=1)
        f.receipt(s, m.id, plan.id, w.officer2_id, version=1, at=datetime(2026, 12, 6, 3, 0, tzinfo=timezone.utc))
        # Not in December, and no one of ours in it.
        other = f.meeting(s, w.org_id, w.admin_id, title="Họp cơ quan tháng 1",
                          starts_at=datetime(2027, 1, 5, 1, 0, tzinfo=timezone.utc), unit_id=w.finance_unit_id)
        draft_meeting = f.meeting(s, w.org_id, w.leader_id, title="Họp dự kiến", state="draft",
                                  starts_at=datetime(2026, 12, 20, 1, 0, tzinfo=timezone.utc))
        f.participant(s, draft_meeting.id, w.officer_id)
        return {"meeting": m.id, "sitting": sitting.id, "one": one.id, "one_a": one_a.id, "two": two.id,
                "report": report.id, "plan": plan.id, "draft": draft.id, "later": later.id, "other": other.id,
                "draft_meeting": draft_meeting.id}


def test_calendar_scopes(w: World, council: dict[str, str]) -> None:
    with w.store.read() as s:
        officer = load_actor(s, w.officer_id)
        mine = calendar(s, officer, DEC, JAN, "mine")
        # A participant does not see a draft meeting; they see the scheduled one with their answer.
        assert [r.id for r in mine] == [council["meeting"]]
        row = mine[0]
        assert row.place == "Hội trường tầng 3"
        assert row.chair_name == "Nguyễn Văn Đức"
        assert (row.role, row.answer) == ("member", "absent")
        assert row.starts_at.tzinfo is not None
        leader = load_actor(s, w.leader_id)
        # The leader organises the organisation's meetings that are not secret: the draft too.
        org = calendar(s, leader, DEC, JAN, "organisation")
        assert [r.id for r in org] == [council["meeting"], council["draft_meeting"]]
        assert [r.id for r in calendar(s, leader, DEC, JAN + timedelta(days=31), "unit")] == [council["meeting"]]
        # A meeting that started before the range and ends in it is in the range.
        assert [r.id for r in calendar(s, leader, DEC + timedelta(days=9, hours=2), JAN, "mine")] == [
            council["meeting"], council["draft_meeting"]]
        # Someone in none of them sees none (not even the organisation's).
        admin = load_actor(s, w.admin_id)
        assert [r.id for r in calendar(s, admin, DEC, JAN, "organisation")] == []


def test_next_meetings(w: World, council: dict[str, str]) -> None:
    with w.store.read() as s:
        officer = load_actor(s, w.officer_id)
        assert [r.id for r in next_meetings(s, officer, DEC, 5)] == [council["meeting"]]
        assert next_meetings(s, officer, datetime(2026, 12, 11, tzinfo=timezone.utc), 5) == []


def test_meeting_view_numbers_times_and_read_state(w: World, council: dict[str, str]) -> None:
    now = datetime(2026, 12, 6, tzinfo=timezone.utc)
    with w.store.read() as s:
        view = meeting_view(s, load_actor(s, w.officer_id), council["meeting"], now)
    assert not view.organiser
    assert view.me is not None and view.me.answer == "absent"
    assert view.place == "Hội trường tầng 3"
    assert (view.chair_name, view.secretary_name) == ("Nguyễn Văn Đức", "Trần Thị Thu")
    items = view.items()
    assert [(i.number, i.title) for i in items] == [
        ("1", "Kinh tế - xã hội"), ("1.1", "Báo cáo tháng 11"), ("1.2", "Kế hoạch tháng 12"),
        ("2", "Dự thảo nghị quyết"),
    ]
    start = datetime(2026, 12, 10, 1, 0, tzinfo=timezone.utc)
    # Sub-items run from their parent's start; the parent lasts as long as they do (45 > 10).
    assert [(i.starts_at - start, i.ends_at - start) for i in items] == [
        (timedelta(0), timedelta(minutes=45)), (timedelta(0), timedelta(minutes=20)),
        (timedelta(minutes=20), timedelta(minutes=45)), (timedelta(minutes=45), timedelta(minutes=60)),
    ]
    assert items[1].presenter_name == "Phạm Quốc Huy"
    docs = {d.title: d for d in view.documents()}
    report = docs["Báo cáo kinh tế - xã hội tháng 11"]
    assert (report.state, report.version, report.opened_version, report.page_count) == (UPDATED, 2, 1, 2)
    assert docs["Kế hoạch tháng 12"].state == READ
    assert docs["Dự thảo nghị quyết"].state == UNREAD  # a voting member's document
    assert not docs["Tờ trình (phát hành sau)"].readable  # its row came before its release
    assert [p.name for p in view.participants][:2] == ["Nguyễn Văn Đức", "Trần Thị Thu"]


def test_audience_and_presenter(w: World, council: dict[str, str]) -> None:
    now = datetime(2026, 12, 9, tzinfo=timezone.utc)
    with w.store.read() as s:
        guest = meeting_view(s, load_actor(s, w.officer2_id), council["meeting"], now)
        leader = meeting_view(s, load_actor(s, w.leader_id), council["meeting"], now)
    titles = {d.title for d in guest.documents()}
    assert "Dự thảo nghị quyết" not in titles  # members with a vote only
    assert "Tờ trình (phát hành sau)" in titles and all(d.readable for d in guest.documents())
    assert leader.organiser and len(leader.documents()) == 4


def test_non_participant_is_refused(w: World, council: dict[str, str]) -> None:
    with w.store.read() as s, pytest.raises(PermissionDenied):
        meeting_view(s, load_actor(s, w.admin_id), council["meeting"])
    with w.store.read() as s, pytest.raises(PermissionDenied):
        who_has_read(s, council["meeting"], load_actor(s, w.officer_id))


def test_who_has_read(w: World, council: dict[str, str]) -> None:
    with w.store.read() as s:
        table = {t.document_id: t for t in who_has_read(s, council["meeting"], load_actor(s, w.clerk_id))}
    plan = table[council["plan"]]
    assert [r.name for r, _at, _v in plan.read] == ["Lê Minh Anh", "Phạm Quốc Huy"]
    assert plan.read[1][1] == datetime(2026, 12, 6, 3, 0, tzinfo=timezone.utc)
    assert sorted(r.name for r in plan.unread) == ["Nguyễn Văn Đức", "Trần Thị Thu"]
    draft = table[council["draft"]]  # voting members only: the chair and the officer
    assert sorted(r.name for r in draft.unread) == ["Lê Minh Anh", "Nguyễn Văn Đức"] and draft.read == []


def test_substitute_reads_for_the_member(w: World, council: dict[str, str]) -> None:
    with w.store.write() as s:
        from sqlalchemy import select

        from eoffice.meetings.models import Participant

        p = s.scalars(select(Participant).where(Participant.meeting_id == council["meeting"],
                                                Participant.user_id == w.leader_id)).one()
        p.substitute_id = w.admin_id
        f.receipt(s, council["meeting"], council["draft"], w.admin_id)
    with w.store.read() as s:
        when = datetime(2026, 12, 9, tzinfo=timezone.utc)
        view = meeting_view(s, load_actor(s, w.admin_id), council["meeting"], when)
        table = {t.document_id: t for t in who_has_read(s, council["meeting"])}
    assert view.me is not None and view.me.user_id == w.leader_id
    assert [r.name for r, _at, _v in table[council["draft"]].read] == ["Nguyễn Văn Đức"]


def test_meeting_view_is_a_handful_of_queries(w: World, council: dict[str, str]) -> None:
    """No query per row: adding twenty items and documents adds no statement."""
    def count() -> int:
        statements: list[str] = []

        def seen(*args: object) -> None:
            statements.append(str(args[2]))

        with w.store.read() as s:
            user = load_actor(s, w.officer_id)
            event.listen(s.get_bind(), "before_cursor_execute", seen)
            try:
                meeting_view(s, user, council["meeting"])
            finally:
                event.remove(s.get_bind(), "before_cursor_execute", seen)
        return len(statements)

    before = count()
    with w.store.write() as s:
        for n in range(20):
            extra = f.item(s, council["meeting"], council["sitting"], f"Mục {n}", position=10 + n,
                            presenter_id=w.officer2_id)
            f.document(s, council["meeting"], extra.id, f"Tài liệu {n}", w.clerk_id)
    assert count() == before <= 12
