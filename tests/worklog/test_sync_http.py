"""The diary over the real server: pushed, pulled, permission-checked, conflicts kept."""

from __future__ import annotations

from sqlalchemy import select

from eoffice.audit.models import AuditEvent
from eoffice.store.base import new_id
from eoffice.sync.client_state import record_local
from eoffice.worklog import operations as wops
from eoffice.worklog.models import WorklogComment, WorklogEntry, WorklogWeek
from eoffice.worklog.views import week_view
from tests.sync.http_support import Device, Province
from tests.worklog.helpers import MONDAY


def _offline(device: Device, op) -> None:  # type: ignore[no-untyped-def]
    with device.store.write() as s:
        record_local(s, device.user_id, op)


def _entries(device: Device) -> dict[str, WorklogEntry]:
    with device.store.read() as s:
        return {e.id: e for e in s.scalars(select(WorklogEntry).where(WorklogEntry.deleted.is_(False)))}


def _add(text: str, minutes: int = 60) -> wops.AddEntry:
    return wops.AddEntry(op_id=new_id(), entry_id=new_id(), day=MONDAY.isoformat(), text=text, minutes=minutes)


def test_nobody_reads_or_writes_another_units_diary(province: Province):
    w = province.world
    officer = province.device("chuyenvien", w.officer_id)
    other = province.device("chuyenvien2", w.officer2_id)  # Phòng Tài chính
    leader = province.device("lanhdao", w.leader_id)
    admin = province.device("quantri", w.admin_id)
    for d in (officer, other, leader, admin):
        d.engine.sync_once()
    mine = _add("Soạn báo cáo kết quả kiểm tra")
    _offline(officer, mine)
    _offline(other, _add("Lập dự toán ngân sách", 120))
    assert officer.engine.sync_once().accepted == 1
    assert other.engine.sync_once().accepted == 1

    for d in (leader, other, admin):
        d.engine.sync_once()
    assert {e.text for e in _entries(leader).values()} == {"Soạn báo cáo kết quả kiểm tra", "Lập dự toán ngân sách"}
    assert {e.text for e in _entries(other).values()} == {"Lập dự toán ngân sách"}
    assert _entries(admin) == {}

    forged = [
        wops.UpdateEntry(op_id=new_id(), entry_id=mine.entry_id, base_revision=mine.op_id, day=mine.day,
                         text="Sửa nhật ký người khác", minutes=5),
        wops.DeleteEntry(op_id=new_id(), entry_id=mine.entry_id, base_revision=mine.op_id),
        wops.CommentWeek(op_id=new_id(), comment_id=new_id(), owner_id=w.officer_id, week_start=MONDAY.isoformat(),
                         text="Tôi đọc được không?"),
        wops.ApproveWeek(op_id=new_id(), owner_id=w.officer_id, week_start=MONDAY.isoformat()),
    ]
    results = other.client.push(forged)  # a program, not the UI: the server checks
    assert [r.outcome for r in results] == ["rejected"] * 4
    assert all("không có quyền" in r.reason for r in results)
    with province.store.read() as s:
        assert s.get(WorklogEntry, mine.entry_id).text == "Soạn báo cáo kết quả kiểm tra"
        assert s.scalar(select(WorklogComment.id)) is None and s.scalar(select(WorklogWeek.id)) is None
        denied = s.scalars(
            select(AuditEvent).where(AuditEvent.action == "access.denied", AuditEvent.actor_id == w.officer2_id)
        )
        assert len(list(denied)) == 4
    [own_approval] = officer.client.push(
        [wops.ApproveWeek(op_id=new_id(), owner_id=w.officer_id, week_start=MONDAY.isoformat())]
    )
    assert own_approval.outcome == "rejected"

    approve = wops.ApproveWeek(op_id=new_id(), owner_id=w.officer_id, week_start=MONDAY.isoformat())
    _offline(leader, approve)
    comment = wops.CommentWeek(op_id=new_id(), comment_id=new_id(), owner_id=w.officer_id,
                               week_start=MONDAY.isoformat(), text="Tốt, đề nghị phát huy.")
    _offline(leader, comment)
    assert leader.engine.sync_once().accepted == 2
    officer.engine.sync_once()
    other.engine.sync_once()
    with officer.store.read() as s:
        view = week_view(s, w.officer_id, w.officer_id, MONDAY)
        assert view.state == "approved" and [c.text for c in view.comments] == ["Tốt, đề nghị phát huy."]
    with other.store.read() as s:
        assert s.scalar(select(WorklogWeek.id)) is None and s.scalar(select(WorklogComment.id)) is None


def test_an_entry_edited_offline_on_two_computers_keeps_both_until_the_owner_chooses(province: Province):
    w = province.world
    office = province.device("chuyenvien", w.officer_id)
    laptop = province.device("chuyenvien", w.officer_id)
    office.engine.sync_once()
    entry = _add("Soạn báo cáo", 60)
    _offline(office, entry)
    office.engine.sync_once()
    laptop.engine.sync_once()
    assert set(_entries(laptop)) == {entry.entry_id}

    at_office = wops.UpdateEntry(op_id=new_id(), entry_id=entry.entry_id, base_revision=entry.op_id, day=entry.day,
                                 text="Soạn báo cáo quý I", minutes=90)
    on_laptop = wops.UpdateEntry(op_id=new_id(), entry_id=entry.entry_id, base_revision=entry.op_id, day=entry.day,
                                 text="Soạn báo cáo tổng kết", minutes=120)
    _offline(office, at_office)
    _offline(laptop, on_laptop)
    office.engine.sync_once()
    report = laptop.engine.sync_once()
    assert report.accepted == 1 and report.answers[0].result["conflict"] == "edited"
    office.engine.sync_once()
    for device in (office, laptop):
        entries = _entries(device)
        assert entries[entry.entry_id].text == "Soạn báo cáo quý I"  # the first to reach the server
        [copy] = [e for e in entries.values() if e.conflict]
        assert (copy.text, copy.conflict_of, copy.conflict) == ("Soạn báo cáo tổng kết", entry.entry_id, "edited")

    [copy_id] = [i for i, e in _entries(laptop).items() if e.conflict]
    _offline(laptop, wops.ResolveConflict(op_id=new_id(), entry_id=copy_id, keep="copy"))
    laptop.engine.sync_once()
    office.engine.sync_once()
    for device in (office, laptop):
        assert {(e.id, e.text, e.minutes, e.conflict) for e in _entries(device).values()} == {
            (entry.entry_id, "Soạn báo cáo tổng kết", 120, "")
        }


def test_an_edit_made_offline_before_the_approval_arrived_is_kept_aside(province: Province):
    w = province.world
    officer = province.device("chuyenvien", w.officer_id)
    leader = province.device("lanhdao", w.leader_id)
    officer.engine.sync_once()
    entry = _add("Tiếp công dân", 60)
    _offline(officer, entry)
    officer.engine.sync_once()
    leader.engine.sync_once()
    _offline(leader, wops.ApproveWeek(op_id=new_id(), owner_id=w.officer_id, week_start=MONDAY.isoformat()))
    leader.engine.sync_once()
    late = wops.UpdateEntry(op_id=new_id(), entry_id=entry.entry_id, base_revision=entry.op_id, day=entry.day,
                            text="Tiếp công dân và trả lời kiến nghị", minutes=150)
    _offline(officer, late)  # the officer's computer did not know yet
    assert _entries(officer)[entry.entry_id].minutes == 150
    report = officer.engine.sync_once()
    assert report.accepted == 1 and report.answers[0].result["conflict"] == "locked"
    with officer.store.read() as s:
        view = week_view(s, w.officer_id, w.officer_id, MONDAY)
    assert view.state == "approved" and view.minutes == 60  # the approved week as the leader saw it
    assert [(e.text, e.conflict) for e in view.conflicts] == [("Tiếp công dân và trả lời kiến nghị", "locked")]


def _pull_all(device: Device, limit: int) -> dict[str, set[str]]:
    """Every row the server sends the device's user from cursor 0, ``limit`` rows a page,
    over HTTP (each page a 200: ``pull`` raises otherwise); ids per diary table."""
    got: dict[str, set[str]] = {"worklog_entries": set(), "worklog_weeks": set(), "worklog_comments": set()}
    cursor, more = 0, True
    while more:
        page = device.client.pull(cursor, limit=limit)
        for table, ids in got.items():
            ids.update(row["id"] for row in page.rows.get(table, []))
        assert page.next_cursor >= cursor
        cursor, more = page.next_cursor, page.more
    return got


def test_a_head_of_unit_pulls_their_units_diaries_with_their_comments_at_every_cursor(province: Province):
    """A leader who is also an officer (Trưởng phòng) reviews their own unit and the units
    below it: their pull reads every diary table through that rule at once."""
    from eoffice.directory.admin import create_unit, create_user
    from eoffice.directory.models import Role
    from tests.server.conftest import give_passwords

    w = province.world
    with province.store.write() as s:
        th = create_unit(s, w.org_id, "TH", "Phòng Tổng hợp", parent_id=w.office_unit_id)  # under Văn phòng
        head = create_user(s, "chanhvanphong", "Vũ Văn Tám", w.org_id, {Role.LEADER, Role.OFFICER}, w.office_unit_id)
        sub_head = create_user(s, "truongphong", "Hà Thị Hạnh", w.org_id, {Role.OFFICER, Role.LEADER}, th.id)
        th_officer = create_user(s, "chuyenvien3", "Ngô Văn Bình", w.org_id, {Role.OFFICER}, th.id)
        tc_head = create_user(
            s, "truongphongtc", "Lý Thị Nga", w.org_id, {Role.LEADER, Role.OFFICER}, w.finance_unit_id
        )
        ids = {u.username: u.id for u in (head, sub_head, th_officer, tc_head)}
    give_passwords(province.store, *ids)
    devices = {
        "chuyenvien": province.device("chuyenvien", w.officer_id),
        "chuyenvien2": province.device("chuyenvien2", w.officer2_id),
        "lanhdao": province.device("lanhdao", w.leader_id),
        **{name: province.device(name, user_id) for name, user_id in ids.items()},
    }
    owner = {"chuyenvien": w.officer_id, "chuyenvien2": w.officer2_id, **ids}
    entries = {}
    for name in ("chuyenvien", "chuyenvien2", "chuyenvien3", "truongphong", "chanhvanphong"):
        op = _add(f"Việc của {name}")
        [result] = devices[name].client.push([op])
        assert result.outcome == "accepted", result.reason
        entries[name] = op.entry_id

    def review(reviewer: str, op) -> str:  # type: ignore[no-untyped-def]
        [result] = devices[reviewer].client.push([op])
        assert result.outcome == "accepted", result.reason
        return str(op.comment_id) if isinstance(op, wops.CommentWeek) else f"{op.owner_id}:{op.week_start}"

    monday = MONDAY.isoformat()
    comments = {
        "on chuyenvien": review("chanhvanphong", wops.CommentWeek(
            op_id=new_id(), comment_id=new_id(), owner_id=w.officer_id, week_start=monday, text="Ghi rõ kết quả.")),
        "on chuyenvien3": review("truongphong", wops.CommentWeek(
            op_id=new_id(), comment_id=new_id(), owner_id=ids["chuyenvien3"], week_start=monday, text="Tốt.")),
        "on chuyenvien2": review("truongphongtc", wops.CommentWeek(
            op_id=new_id(), comment_id=new_id(), owner_id=w.officer2_id, week_start=monday, text="Đạt.")),
    }
    for reviewer, person in (("chanhvanphong", ids["truongphong"]), ("truongphong", ids["chuyenvien3"])):
        review(reviewer, wops.ApproveWeek(op_id=new_id(), owner_id=person, week_start=monday))
    with province.store.read() as s:
        weeks = {week.user_id: week.id for week in s.scalars(select(WorklogWeek))}

    def expected(*people: str) -> dict[str, set[str]]:
        mine = {owner[p] for p in people}
        return {
            "worklog_entries": {entries[p] for p in people if p in entries},
            "worklog_weeks": {weeks[u] for u in mine if u in weeks},
            "worklog_comments": {c for key, c in comments.items() if owner[key.removeprefix("on ")] in mine},
        }

    reads = {
        # The head of Văn phòng: their own diary, Văn phòng's and Tổng hợp's (below it).
        "chanhvanphong": expected("chanhvanphong", "chuyenvien", "truongphong", "chuyenvien3"),
        "truongphong": expected("truongphong", "chuyenvien3"),
        "truongphongtc": expected("truongphongtc", "chuyenvien2"),
        "lanhdao": expected(
            "chanhvanphong", "chuyenvien", "truongphong", "chuyenvien3", "truongphongtc", "chuyenvien2"
        ),
        "chuyenvien": expected("chuyenvien"),
        "chuyenvien3": expected("chuyenvien3"),
    }
    assert all(reads["chanhvanphong"].values())  # rows in every diary table
    for name, wanted in reads.items():
        for limit in (1000, 1):  # one page, and a page at every version
            assert _pull_all(devices[name], limit) == wanted, (name, limit)
