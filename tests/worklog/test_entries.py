"""Writing a diary: entries, warnings, copying recurring work, locking, conflicts kept."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from eoffice.audit.chain import history, verify_chain
from eoffice.errors import PermissionDenied, StateError, ValidationError
from eoffice.store.base import new_id
from eoffice.worklog import operations as wops
from eoffice.worklog import review
from eoffice.worklog.entries import recurring_to_copy
from eoffice.worklog.models import WorklogEntry
from eoffice.worklog.views import week_view
from eoffice.worklog.weeks import week_id
from tests.worklog.helpers import MONDAY, add, apply, hm


def _entry(store, entry_id):
    with store.read() as s:
        return s.get(WorklogEntry, entry_id)


def test_an_entry_from_times_counts_its_minutes_and_is_audited(world):
    w = world
    op = add(w.store, w.officer_id, "Họp giao ban", start_minute=hm(8, 30), end_minute=hm(10), category="meeting")
    entry = _entry(w.store, op.entry_id)
    assert (entry.minutes, entry.start_minute, entry.end_minute, entry.revision) == (90, 510, 600, op.op_id)
    with w.store.read() as s:
        assert [e.action for e in history(s, "worklog_entry", op.entry_id)] == ["worklog.entry_add"]
        view = week_view(s, w.officer_id, w.officer_id, MONDAY + timedelta(days=3))
    assert view.monday == MONDAY and view.minutes == 90 and view.day_minutes[MONDAY] == 90
    assert view.editable and not view.reviewable


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"text": "  "}, "text"),
        ({"minutes": 0}, "time"),
        ({"minutes": 25 * 60}, "time"),
        ({"minutes": None, "start_minute": hm(10), "end_minute": hm(9)}, "time"),
        ({"minutes": None, "start_minute": hm(23), "end_minute": 25 * 60}, "time"),
        ({"category": "party"}, "category"),
    ],
)
def test_bad_entries_are_refused_with_the_field_named(world, values, field):
    values = {"text": "Soạn báo cáo", "minutes": 30, **values}
    text = values.pop("text")
    with pytest.raises(ValidationError) as caught:
        add(world.store, world.officer_id, text, **values)
    assert caught.value.field == field and caught.value.message_vi


def test_overlapping_times_and_a_day_over_24_hours_are_warned(world):
    w = world
    a = add(w.store, w.officer_id, "Họp", start_minute=hm(8), end_minute=hm(10))
    b = add(w.store, w.officer_id, "Tiếp dân", start_minute=hm(9, 30), end_minute=hm(11))
    add(w.store, w.officer_id, "Soạn thảo", start_minute=hm(11), end_minute=hm(12))  # touches, does not overlap
    with w.store.read() as s:
        warnings = week_view(s, w.officer_id, w.officer_id, MONDAY).warnings
    assert [(x.kind, set(x.entry_ids)) for x in warnings] == [("overlap", {a.entry_id, b.entry_id})]
    tuesday = MONDAY + timedelta(days=1)
    add(w.store, w.officer_id, "Trực", day=tuesday, minutes=20 * 60)
    add(w.store, w.officer_id, "Viết báo cáo", day=tuesday, minutes=5 * 60)
    with w.store.read() as s:
        over = [x for x in week_view(s, w.officer_id, w.officer_id, MONDAY).warnings if x.kind == "over_day"]
    assert [(x.day, x.minutes) for x in over] == [(tuesday, 25 * 60)]


def test_yesterdays_recurring_entries_are_copied_once(world):
    w = world
    routine = add(w.store, w.officer_id, "Đọc và xử lý thư điện tử", minutes=30, recurring=True)
    add(w.store, w.officer_id, "Họp giao ban", start_minute=hm(8), end_minute=hm(9), recurring=True)
    add(w.store, w.officer_id, "Việc một lần", minutes=60)
    tuesday = MONDAY + timedelta(days=1)
    with w.store.read() as s:
        sources = recurring_to_copy(s, w.officer_id, tuesday)
    assert sorted(e.text for e in sources) == ["Họp giao ban", "Đọc và xử lý thư điện tử"]
    op = wops.CopyEntries(op_id=new_id(), day=tuesday.isoformat(), source_ids=tuple(e.id for e in sources),
                          entry_ids=tuple(new_id() for _ in sources))
    apply(w.store, w.officer_id, op)
    with w.store.read() as s:
        copied = week_view(s, w.officer_id, w.officer_id, MONDAY).on(tuesday)
        assert sorted((e.text, e.minutes, e.recurring) for e in copied) == [
            ("Họp giao ban", 60, True), ("Đọc và xử lý thư điện tử", 30, True),
        ]
        assert recurring_to_copy(s, w.officer_id, tuesday) == []  # nothing left to copy
    with pytest.raises(PermissionDenied):
        apply(w.store, w.officer2_id, wops.CopyEntries(
            op_id=new_id(), day=tuesday.isoformat(), source_ids=(routine.entry_id,), entry_ids=(new_id(),)))


def test_only_the_owner_changes_an_entry(world):
    w = world
    op = add(w.store, w.officer_id)
    with pytest.raises(PermissionDenied):
        apply(w.store, w.officer2_id, wops.DeleteEntry(op_id=new_id(), entry_id=op.entry_id, base_revision=op.op_id))
    with pytest.raises(PermissionDenied):
        apply(w.store, w.leader_id, wops.UpdateEntry(
            op_id=new_id(), entry_id=op.entry_id, base_revision=op.op_id, day=op.day, text="Sửa hộ", minutes=10))


def test_an_approved_week_is_locked_and_reopening_is_audited(world):
    w = world
    op = add(w.store, w.officer_id, minutes=120)
    next_week = add(w.store, w.officer_id, "Việc tuần sau", day=MONDAY + timedelta(days=7), minutes=30)
    approve = wops.ApproveWeek(op_id=new_id(), owner_id=w.officer_id, week_start=MONDAY.isoformat())
    with pytest.raises(PermissionDenied):
        apply(w.store, w.officer_id, approve)  # nobody approves their own week
    apply(w.store, w.leader_id, approve)
    with w.store.read() as s:
        view = week_view(s, w.officer_id, w.officer_id, MONDAY)
        assert view.state == "approved" and not view.editable and view.approved_by_name == "Nguyễn Văn Đức"
    wednesday = (MONDAY + timedelta(days=2)).isoformat()
    attempts = [
        wops.AddEntry(op_id=new_id(), entry_id=new_id(), day=wednesday, text="Thêm sau khi duyệt", minutes=30),
        wops.UpdateEntry(
            op_id=new_id(), entry_id=op.entry_id, base_revision=op.op_id, day=op.day, text="Sửa", minutes=30
        ),
        wops.DeleteEntry(op_id=new_id(), entry_id=op.entry_id, base_revision=op.op_id),
        # moving an entry of another week into the locked one is refused too
        wops.UpdateEntry(op_id=new_id(), entry_id=next_week.entry_id, base_revision=next_week.op_id,
                         day=wednesday, text="Việc tuần sau", minutes=30),
    ]
    for attempt in attempts:
        with pytest.raises(StateError) as caught:
            apply(w.store, w.officer_id, attempt, authority=False)
        assert "đã được lãnh đạo duyệt" in caught.value.message_vi
    with pytest.raises(StateError):
        apply(w.store, w.leader_id, approve.__class__(
            op_id=new_id(), owner_id=w.officer_id, week_start=MONDAY.isoformat()
        ))
    with pytest.raises(ValidationError):
        apply(w.store, w.leader_id, wops.ReopenWeek(
            op_id=new_id(), owner_id=w.officer_id, week_start=MONDAY.isoformat(), reason=" "
        ))
    apply(w.store, w.leader_id, wops.ReopenWeek(
        op_id=new_id(), owner_id=w.officer_id, week_start=MONDAY.isoformat(), reason="Bổ sung công việc ngày thứ Tư"))
    apply(w.store, w.officer_id, attempts[0], authority=False)  # open again: the change goes in
    with w.store.read() as s:
        events = history(s, "worklog_week", week_id(w.officer_id, MONDAY))
        assert [e.action for e in events] == ["worklog.week_approve", "worklog.week_reopen"]
        assert '"approved_minutes":120' in events[0].after_json
        assert "Bổ sung công việc ngày thứ Tư" in events[1].after_json and '"state":"approved"' in events[1].before_json
        assert verify_chain(s) == []
        view = week_view(s, w.officer_id, w.officer_id, MONDAY)
        assert view.state == "open" and view.reopen_reason == "Bổ sung công việc ngày thứ Tư" and view.minutes == 150


def test_a_change_reaching_the_server_after_approval_is_kept_aside_not_lost(world):
    w = world
    op = add(w.store, w.officer_id, minutes=60)
    apply(w.store, w.leader_id, wops.ApproveWeek(op_id=new_id(), owner_id=w.officer_id, week_start=MONDAY.isoformat()))
    late = wops.UpdateEntry(op_id=new_id(), entry_id=op.entry_id, base_revision=op.op_id, day=op.day,
                            text="Sửa khi chưa biết tuần đã duyệt", minutes=90)
    result = apply(w.store, w.officer_id, late)  # the server: accepted, kept as a conflict
    assert result.data["conflict"] == "locked"
    with w.store.read() as s:
        view = week_view(s, w.officer_id, w.officer_id, MONDAY)
    assert view.minutes == 60  # the approved week is unchanged
    assert [(e.text, e.conflict, e.conflict_of) for e in view.conflicts] == [
        ("Sửa khi chưa biết tuần đã duyệt", "locked", op.entry_id)
    ]
    keep_copy = wops.ResolveConflict(op_id=new_id(), entry_id=view.conflicts[0].id, keep="copy")
    with pytest.raises(StateError):
        apply(w.store, w.officer_id, keep_copy, authority=False)


def test_two_machines_editing_one_entry_keep_both_versions_until_the_owner_chooses(world):
    w = world
    op = add(w.store, w.officer_id, "Soạn báo cáo", minutes=60)
    first = wops.UpdateEntry(op_id=new_id(), entry_id=op.entry_id, base_revision=op.op_id, day=op.day,
                             text="Soạn báo cáo quý I", minutes=90)
    second = wops.UpdateEntry(op_id=new_id(), entry_id=op.entry_id, base_revision=op.op_id, day=op.day,
                              text="Soạn báo cáo tổng kết", minutes=120)
    assert apply(w.store, w.officer_id, first).data["conflict"] == ""
    assert apply(w.store, w.officer_id, second).data["conflict"] == "edited"
    # the second machine goes on editing its version: it lands on its copy, not the original
    third = wops.UpdateEntry(op_id=new_id(), entry_id=op.entry_id, base_revision=second.op_id, day=op.day,
                             text="Soạn báo cáo tổng kết năm", minutes=150)
    apply(w.store, w.officer_id, third)
    with w.store.read() as s:
        view = week_view(s, w.officer_id, w.officer_id, MONDAY)
    assert view.minutes == 90  # only the original counts until the choice
    [copy] = view.conflicts
    assert (copy.text, copy.minutes, copy.conflict_of) == ("Soạn báo cáo tổng kết năm", 150, op.entry_id)
    apply(w.store, w.officer_id, wops.ResolveConflict(op_id=new_id(), entry_id=copy.id, keep="copy"))
    with w.store.read() as s:
        view = week_view(s, w.officer_id, w.officer_id, MONDAY)
        assert [(e.id, e.text, e.conflict) for e in view.entries] == [(op.entry_id, "Soạn báo cáo tổng kết năm", "")]
        assert [e.action for e in history(s, "worklog_entry", op.entry_id)][-1] == "worklog.conflict_resolve"


def test_an_entry_deleted_elsewhere_comes_back_as_a_copy_and_a_stale_delete_keeps_it(world):
    w = world
    op = add(w.store, w.officer_id, "Kiểm tra hồ sơ", minutes=45)
    apply(w.store, w.officer_id, wops.DeleteEntry(op_id=new_id(), entry_id=op.entry_id, base_revision=op.op_id))
    edit = wops.UpdateEntry(op_id=new_id(), entry_id=op.entry_id, base_revision=op.op_id, day=op.day,
                            text="Kiểm tra hồ sơ dự án", minutes=60)
    assert apply(w.store, w.officer_id, edit).data["conflict"] == "deleted"
    other = add(w.store, w.officer_id, "Tiếp dân", minutes=30)
    moved_on = wops.UpdateEntry(op_id=new_id(), entry_id=other.entry_id, base_revision=other.op_id, day=other.day,
                                text="Tiếp công dân", minutes=30)
    apply(w.store, w.officer_id, moved_on)
    stale_delete = wops.DeleteEntry(op_id=new_id(), entry_id=other.entry_id, base_revision=other.op_id)
    assert apply(w.store, w.officer_id, stale_delete).data["conflict"] == "edited"
    with w.store.read() as s:
        entries = {e.id: e for e in week_view(s, w.officer_id, w.officer_id, MONDAY).entries}
    assert entries[other.entry_id].text == "Tiếp công dân"  # not deleted: it changed since
    [copy] = [e for e in entries.values() if e.conflict]
    assert (copy.conflict, copy.text) == ("deleted", "Kiểm tra hồ sơ dự án")
    apply(w.store, w.officer_id, wops.ResolveConflict(op_id=new_id(), entry_id=copy.id, keep="original"))
    with w.store.read() as s:
        assert [e.text for e in week_view(s, w.officer_id, w.officer_id, MONDAY).entries] == ["Tiếp công dân"]


def test_comments_by_the_leader_and_the_owners_reply(world):
    w = world
    op = add(w.store, w.officer_id)
    week = MONDAY.isoformat()
    apply(w.store, w.leader_id, wops.CommentWeek(op_id=new_id(), comment_id=new_id(), owner_id=w.officer_id,
                                                 week_start=week, text="Cần ghi rõ kết quả.", entry_id=op.entry_id))
    apply(w.store, w.officer_id, wops.CommentWeek(op_id=new_id(), comment_id=new_id(), owner_id=w.officer_id,
                                                  week_start=week, text="Đã bổ sung."))
    with pytest.raises(PermissionDenied):  # another unit's officer reads nothing, writes nothing
        apply(w.store, w.officer2_id, wops.CommentWeek(op_id=new_id(), comment_id=new_id(), owner_id=w.officer_id,
                                                       week_start=week, text="?"))
    with w.store.read() as s:
        view = week_view(s, w.leader_id, w.officer_id, MONDAY)
        assert view.reviewable and not view.editable
        assert [(c.author_name, c.text) for c in view.comments] == [
            ("Nguyễn Văn Đức", "Cần ghi rõ kết quả."), ("Lê Minh Anh", "Đã bổ sung."),
        ]
        assert view.entries[0].comments == 1
        with pytest.raises(PermissionDenied):
            week_view(s, w.officer2_id, w.officer_id, MONDAY)
        with pytest.raises(PermissionDenied):
            week_view(s, w.admin_id, w.officer_id, MONDAY)
        assert review.may_read(s, s.get(review.User, w.leader_id), s.get(review.User, w.officer_id))
    with w.store.read() as s:
        assert s.scalar(select(WorklogEntry.id).where(WorklogEntry.id == op.entry_id)) == op.entry_id
