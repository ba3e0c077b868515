"""A meeting's tasks over the real server (SQLite and PostgreSQL) with real desks: the
chair assigns a task to a unit, its desk receives it (told live) and the coordinator's
too, an outsider's does not; the unit forwards it to a team below, the team returns it,
the unit forwards it to a person who completes it with a reply document, and the chair's
desk sees it done; forged operations are refused with their reason."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from eoffice.directory.admin import create_unit, create_user
from eoffice.directory.models import Role, User
from eoffice.documents.operations import CreateDraft
from eoffice.meetings.operations import (
    AssignMeetingTask,
    CompleteMeetingTask,
    ForwardMeetingTask,
    ReturnMeetingTask,
    StartMeetingTask,
    TaskHolder,
)
from eoffice.meetings.task_models import MeetingTask
from eoffice.ops.values import ISODate
from eoffice.server import events
from eoffice.store.base import new_id
from tests.meetings.helpers import create_op, people, state
from tests.server.conftest import give_passwords
from tests.sync.http_support import Device, Province

WHAT = "Rà soát, bổ sung danh mục dự án đầu tư công năm 2027"


def _tasks(device: Device) -> dict[str, MeetingTask]:
    with device.store.read() as s:
        found = {t.id: t for t in s.scalars(select(MeetingTask))}
        for t in found.values():
            s.expunge(t)
        return found


def _told(province: Province, user_id: str) -> list[str]:
    with province.store.read() as s:
        return [e.to_message()["payload"]["what"] for e in events.events_after(s, user_id, 0)
                if e.kind == "meeting.task_assigned"]


def test_a_task_followed_up_across_desks(province: Province):
    w = province.world
    with province.store.write() as s:
        team = create_unit(s, w.org_id, "TC-NS", "Tổ Ngân sách", parent_id=w.finance_unit_id)
        other = create_unit(s, w.org_id, "TTR", "Thanh tra")
        team_officer = create_user(s, "ngansach", "Đinh Văn Sơn", w.org_id, {Role.OFFICER}, team.id, "Chuyên viên").id
        outsider_id = create_user(s, "thanhtra", "Lý Thị Hoa", w.org_id, {Role.OFFICER}, other.id, "Thanh tra viên").id
        team_id = team.id
    give_passwords(province.store, "ngansach", "thanhtra")
    clerk = province.device("vanthu", w.clerk_id)
    chair = province.device("lanhdao", w.leader_id)
    officer = province.device("chuyenvien", w.officer_id)
    finance = province.device("chuyenvien2", w.officer2_id)
    member = province.device("ngansach", team_officer)
    outsider = province.device("thanhtra", outsider_id)
    devices = (clerk, chair, officer, finance, member, outsider)
    for device in devices:
        device.engine.sync_once()
    made = create_op(title="Phiên họp UBND tỉnh thường kỳ tháng 12", kind_of_meeting="ubnd_regular",
                     chair_id=w.leader_id, secretary_id=w.clerk_id)
    clerk.record(made)
    clerk.record(people(made.meeting_id, w.officer_id))
    clerk.record(state(made.meeting_id, "scheduled"))
    assert clerk.engine.sync_once().accepted == 3
    chair.engine.sync_once()

    # The chair assigns: Phòng Tài chính leads, the officer coordinates.
    task_id = new_id()
    today = date.today()
    chair.record(AssignMeetingTask(
        new_id(), task_id, made.meeting_id, WHAT, TaskHolder(unit_id=w.finance_unit_id), 10,
        (TaskHolder(user_id=w.officer_id),), None, ISODate(today.isoformat()),
    ))
    assert _tasks(chair)[task_id].state == "waiting"  # on the chair's desk at once
    assert chair.engine.sync_once().accepted == 1
    for device in devices:
        device.engine.sync_once()
    assert list(_tasks(finance)) == [task_id] and list(_tasks(officer)) == [task_id]
    assert list(_tasks(clerk)) == [task_id]  # the secretary follows it up
    assert _tasks(outsider) == {} and _tasks(member) == {}
    assert _told(province, w.officer2_id) == [WHAT]  # the unit's members are told live
    assert _told(province, outsider_id) == []

    # The unit starts it and forwards it to the team below.
    child = new_id()
    finance.record(StartMeetingTask(new_id(), task_id))
    finance.record(ForwardMeetingTask(new_id(), task_id, child, TaskHolder(unit_id=team_id)))
    assert finance.engine.sync_once().accepted == 2
    member.engine.sync_once()
    assert list(_tasks(member)) == [child]
    assert _tasks(member)[child].deadline == _tasks(finance)[task_id].deadline

    # The team returns it; the unit has it again.
    member.record(ReturnMeetingTask(new_id(), child, "Tổ đang thực hiện quyết toán cuối năm"))
    assert member.engine.sync_once().accepted == 1
    finance.engine.sync_once()
    assert _tasks(finance)[task_id].state == "in_progress"
    assert _tasks(finance)[child].return_reason == "Tổ đang thực hiện quyết toán cuối năm"

    # Forwarded to the team's officer, who completes it with a reply document.
    person = new_id()
    finance.record(ForwardMeetingTask(new_id(), task_id, person, TaskHolder(user_id=team_officer), deadline_days=3,
                                      on_date=ISODate(today.isoformat())))
    assert finance.engine.sync_once().accepted == 1
    member.engine.sync_once()
    reply_id = new_id()
    member.record(CreateDraft(new_id(), reply_id, {"type_name": "Công văn",
                                                   "subject": "Báo cáo rà soát danh mục dự án đầu tư công"}))
    member.record(CompleteMeetingTask(new_id(), person, "Đã rà soát, gửi báo cáo", reply_id))
    assert member.engine.sync_once().accepted == 2
    chair.engine.sync_once()
    done = _tasks(chair)[task_id]
    assert (done.state, done.result_note, done.reply_document_id) == ("done", "Đã rà soát, gửi báo cáo", reply_id)
    assert set(_tasks(chair)) == {task_id, child, person}
    with province.store.read() as s:
        settled = [(e.to_message()["payload"]["state"], e.to_message()["payload"]["meeting_task_id"])
                   for e in events.events_after(s, w.leader_id, 0) if e.kind == "meeting.task_settled"]
        returned = [e.to_message()["payload"]["reason"] for e in events.events_after(s, w.officer2_id, 0)
                    if e.kind == "meeting.task_settled"]
    assert settled == [("done", task_id)]  # the chair hears the task they gave is done
    assert returned == ["Tổ đang thực hiện quyết toán cuối năm", ""]  # the unit: returned, then done below

    # Forged operations: the outsider neither acts on the task nor assigns one.
    [forged] = outsider.client.push([CompleteMeetingTask(new_id(), task_id, "Xong")])
    assert forged.outcome == "rejected" and "không phải người" in forged.reason
    [assigning] = outsider.client.push([AssignMeetingTask(
        new_id(), new_id(), made.meeting_id, WHAT, TaskHolder(user_id=outsider_id), 5)])
    assert assigning.outcome == "rejected" and "Chỉ người tổ chức" in assigning.reason
    # nor names a document they may not see as a reply (the officer's, a draft of VP)
    [hidden] = member.client.push([CompleteMeetingTask(new_id(), person, "Xong", new_id())])
    assert hidden.outcome == "rejected"
    with province.store.read() as s:
        assert s.get(MeetingTask, task_id).state == "done"  # type: ignore[union-attr]


def test_a_task_completed_offline_waits_in_the_outbox(province: Province):
    from eoffice.sync.client import Offline

    w = province.world
    clerk = province.device("vanthu", w.clerk_id)
    officer = province.device("chuyenvien", w.officer_id)
    for device in (clerk, officer):
        device.engine.sync_once()
    made = create_op(title="Họp giao ban Văn phòng tuần 50", chair_id=w.leader_id, secretary_id=w.clerk_id)
    clerk.record(made)
    clerk.record(people(made.meeting_id, w.officer_id))
    clerk.record(state(made.meeting_id, "scheduled"))
    assert clerk.engine.sync_once().accepted == 3  # scheduling is the server's
    task_id = new_id()
    clerk.record(AssignMeetingTask(new_id(), task_id, made.meeting_id, WHAT, TaskHolder(user_id=w.officer_id), 3,
                                   on_date=ISODate(date.today().isoformat())))
    assert clerk.engine.sync_once().accepted == 1
    officer.engine.sync_once()
    assert _tasks(officer)[task_id].state == "waiting"

    province.server.stop()
    officer.record(StartMeetingTask(new_id(), task_id))
    officer.record(CompleteMeetingTask(new_id(), task_id, "Đã rà soát xong"))
    try:
        officer.engine.sync_once()
    except Offline:
        pass
    assert officer.engine.status().pending == 2
    assert _tasks(officer)[task_id].state == "done"  # shown done on the desk at once
    province.restart()
    assert officer.engine.sync_once().accepted == 2
    clerk.engine.sync_once()
    done = _tasks(clerk)[task_id]
    assert (done.state, done.result_note, done.completed_by) == ("done", "Đã rà soát xong", w.officer_id)


def test_a_refused_change_gives_way_to_the_servers_task(province: Province):
    """Two officers of the unit: one completes the task; the other, offline meanwhile, had
    started it. The server refuses the start with its reason; that desk shows the task done."""
    w = province.world
    with province.store.write() as s:
        create_user(s, "taichinh2", "Ngô Thị Vân", w.org_id, {Role.OFFICER}, w.finance_unit_id, "Chuyên viên")
        colleague_id = s.scalars(select(User.id).where(User.username == "taichinh2")).one()
    give_passwords(province.store, "taichinh2")
    clerk = province.device("vanthu", w.clerk_id)
    finance = province.device("chuyenvien2", w.officer2_id)
    colleague = province.device("taichinh2", colleague_id)
    for device in (clerk, finance, colleague):
        device.engine.sync_once()
    made = create_op(title="Họp giao ban Văn phòng tuần 50", chair_id=w.leader_id, secretary_id=w.clerk_id)
    for op in (made, people(made.meeting_id, w.officer_id), state(made.meeting_id, "scheduled")):
        clerk.record(op)
    assert clerk.engine.sync_once().accepted == 3
    task_id = new_id()
    clerk.record(AssignMeetingTask(new_id(), task_id, made.meeting_id, WHAT, TaskHolder(unit_id=w.finance_unit_id),
                                   3, on_date=ISODate(date.today().isoformat())))
    assert clerk.engine.sync_once().accepted == 1
    finance.engine.sync_once()
    colleague.engine.sync_once()

    colleague.record(StartMeetingTask(new_id(), task_id))  # not sent yet
    assert _tasks(colleague)[task_id].state == "in_progress"
    finance.record(CompleteMeetingTask(new_id(), task_id, "Đã báo cáo"))
    assert finance.engine.sync_once().accepted == 1
    report = colleague.engine.sync_once()
    [refused] = report.answers
    assert refused.outcome == "rejected" and "Chỉ bắt đầu được nhiệm vụ đang chờ xử lý" in refused.reason
    done = _tasks(colleague)[task_id]
    assert (done.state, done.result_note) == ("done", "Đã báo cáo")
