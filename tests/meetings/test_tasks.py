"""Tasks assigned in a meeting, in the domain: who assigns, the deadline in working days,
the states of a direction line with their refusals, forwarding down the org tree and
settling upwards, the counts due soon and overdue, the meeting's progress, the diary's
draft and a refused operation undone on the desk."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from eoffice import ops
from eoffice.directory.admin import create_unit, create_user
from eoffice.directory.models import Holiday, Role, User
from eoffice.documents.boxes import Box, box_counts, followup_items
from eoffice.documents.operations import CreateDraft
from eoffice.errors import NotFound, PermissionDenied, StateError, ValidationError
from eoffice.meetings import task_views, tasks
from eoffice.meetings.operations import (
    AssignMeetingTask,
    CompleteMeetingTask,
    ForwardMeetingTask,
    ReturnMeetingTask,
    StartMeetingTask,
    TaskHolder,
)
from eoffice.meetings.task_models import MeetingTask
from eoffice.meetings.task_synced import tasks_visible
from eoffice.store import Store
from eoffice.store.base import new_id
from eoffice.sync.client_state import discard_rejected
from eoffice.worklog.drafting import propose
from tests.conftest import World, make_world
from tests.meetings.factories import MeetingRows, make_meeting

FRIDAY = date(2026, 12, 4)
WHAT = "Hoàn thiện dự thảo Kế hoạch chuyển đổi số năm 2027, trình UBND tỉnh"


@pytest.fixture
def world(sqlite_store: Store) -> World:
    return make_world(sqlite_store)


@pytest.fixture
def meeting(world: World) -> MeetingRows:
    return make_meeting(world.store, world)


@pytest.fixture
def budget(world: World) -> tuple[str, str]:
    """A team below Phòng Tài chính (Tổ Ngân sách) and its officer."""
    with world.store.write() as s:
        team = create_unit(s, world.org_id, "TC-NS", "Tổ Ngân sách", parent_id=world.finance_unit_id)
        officer = create_user(s, "ngansach", "Đinh Văn Sơn", world.org_id, {Role.OFFICER}, team.id, "Chuyên viên")
        return team.id, officer.id


def apply(world: World, actor_id: str, op: ops.Operation, authority: bool = True) -> ops.AppliedResult:
    with world.store.write() as s:
        return ops.apply(s, actor_id, op, authority=authority)


def assign(world: World, m: MeetingRows, lead: TaskHolder, *, days: int = 5, actor: str | None = None,
           coordinators: tuple[TaskHolder, ...] = (), on: date = FRIDAY, what: str = WHAT) -> str:
    task_id = new_id()
    apply(world, actor or world.leader_id, AssignMeetingTask(
        new_id(), task_id, m.meeting_id, what, lead, days, coordinators, None, ops.ISODate(on.isoformat()),
    ), authority=False)
    return task_id


def task(world: World, task_id: str) -> MeetingTask:
    with world.store.read() as s:
        row = s.get(MeetingTask, task_id)
        assert row is not None
        s.expunge(row)
        return row


def test_the_chair_assigns_with_a_deadline_in_working_days(world: World, meeting: MeetingRows):
    with world.store.write() as s:
        s.add(Holiday(day=date(2026, 12, 7), name="Nghỉ bù"))
    task_id = assign(world, meeting, TaskHolder(unit_id=world.finance_unit_id), days=3,
                     coordinators=(TaskHolder(user_id=world.officer_id),))
    row = task(world, task_id)
    # Friday + 3 working days: Monday is a holiday, so Tuesday, Wednesday, Thursday
    assert row.deadline == date(2026, 12, 10)
    assert (row.state, row.assigned_by, row.meeting_title) == ("waiting", world.leader_id,
                                                               "Phiên họp UBND tỉnh thường kỳ tháng 12")
    assert [h.user_id for h in tasks.coordinators_of(row)] == [world.officer_id]
    # the secretary (an organiser) assigns as well
    assert task(world, assign(world, meeting, TaskHolder(user_id=world.officer_id), actor=world.clerk_id)).deadline \
        == date(2026, 12, 14)  # five working days: 8, 9, 10, 11 and 14


def test_assigning_is_refused_with_its_reason(world: World, meeting: MeetingRows):
    with pytest.raises(PermissionDenied, match="Chỉ người tổ chức"):
        assign(world, meeting, TaskHolder(unit_id=world.finance_unit_id), actor=world.officer_id)
    with pytest.raises(ValidationError, match="Cần ghi nội dung nhiệm vụ"):
        assign(world, meeting, TaskHolder(unit_id=world.finance_unit_id), what="  ")
    with pytest.raises(ValidationError, match="một đơn vị hoặc một người chủ trì"):
        assign(world, meeting, TaskHolder(unit_id=world.finance_unit_id, user_id=world.officer_id))
    with pytest.raises(ValidationError, match="chỉ được ghi một lần"):
        assign(world, meeting, TaskHolder(user_id=world.officer_id),
               coordinators=(TaskHolder(user_id=world.officer_id),))
    with pytest.raises(ValidationError, match="Không tìm thấy đơn vị"):
        assign(world, meeting, TaskHolder(unit_id=new_id()))
    draft = make_meeting(world.store, world, state="draft", delegate="db2", guest="km2")
    with pytest.raises(StateError, match="chưa giao nhiệm vụ được"):
        assign(world, draft, TaskHolder(unit_id=world.finance_unit_id))


def test_a_task_goes_through_the_states_of_a_direction_line(world: World, meeting: MeetingRows):
    task_id = assign(world, meeting, TaskHolder(user_id=world.officer_id))
    with pytest.raises(PermissionDenied, match="không phải người"):
        apply(world, world.officer2_id, StartMeetingTask(new_id(), task_id))
    apply(world, world.officer_id, StartMeetingTask(new_id(), task_id))
    assert task(world, task_id).state == "in_progress"
    with pytest.raises(StateError, match="Chỉ bắt đầu được nhiệm vụ đang chờ xử lý"):
        apply(world, world.officer_id, StartMeetingTask(new_id(), task_id))
    with pytest.raises(ValidationError, match="Cần ghi lý do trả lại"):
        apply(world, world.officer_id, ReturnMeetingTask(new_id(), task_id, " "))
    with pytest.raises(ValidationError, match="Không tìm thấy văn bản trả lời"):
        apply(world, world.officer_id, CompleteMeetingTask(new_id(), task_id, "Xong", new_id()))
    apply(world, world.officer_id, CompleteMeetingTask(new_id(), task_id, "Đã trình UBND tỉnh"))
    row = task(world, task_id)
    assert (row.state, row.result_note, row.completed_by) == ("done", "Đã trình UBND tỉnh", world.officer_id)
    assert row.completed_at is not None
    with pytest.raises(StateError, match="nhiệm vụ đã hoàn thành"):
        apply(world, world.officer_id, ReturnMeetingTask(new_id(), task_id, "Nhầm"))
    with pytest.raises(NotFound):
        apply(world, world.officer_id, StartMeetingTask(new_id(), new_id()))


def test_forwarded_down_the_org_tree_returned_and_completed_with_a_reply(
    world: World, meeting: MeetingRows, budget: tuple[str, str],
):
    team_id, team_officer = budget
    task_id = assign(world, meeting, TaskHolder(unit_id=world.finance_unit_id), days=10)
    # anyone of the unit holds it; only units below it or people of its subtree receive it
    with pytest.raises(ValidationError, match="đơn vị trực thuộc"):
        apply(world, world.officer2_id, ForwardMeetingTask(new_id(), task_id, new_id(),
                                                           TaskHolder(unit_id=world.office_unit_id)))
    with pytest.raises(ValidationError, match="người trong đơn vị mình"):
        apply(world, world.officer2_id, ForwardMeetingTask(new_id(), task_id, new_id(),
                                                           TaskHolder(user_id=world.officer_id)))
    child = new_id()
    apply(world, world.officer2_id, ForwardMeetingTask(new_id(), task_id, child, TaskHolder(unit_id=team_id)))
    assert task(world, task_id).state == "forwarded"
    below = task(world, child)
    assert (below.parent_id, below.deadline, below.what) == (task_id, task(world, task_id).deadline, WHAT)
    assert {f"unit:{team_id}", f"unit:{world.finance_unit_id}", f"user:{world.officer2_id}"} <= set(
        tasks.audience_of(below))

    # the team returns it: the unit holds it again and forwards it to a person of the team
    apply(world, team_officer, ReturnMeetingTask(new_id(), child, "Tổ không đủ người trong tháng 12"))
    assert (task(world, child).state, task(world, task_id).state) == ("returned", "in_progress")
    person = new_id()
    apply(world, world.officer2_id, ForwardMeetingTask(new_id(), task_id, person, TaskHolder(user_id=team_officer),
                                                       deadline_days=2, on_date=ops.ISODate("2026-12-07")))
    assert task(world, person).deadline == date(2026, 12, 9)

    reply_id = new_id()
    with world.store.write() as s:
        ops.apply(s, team_officer, CreateDraft(
            new_id(), reply_id, {"type_name": "Công văn", "subject": "Báo cáo kết quả thực hiện"}), authority=True)
    apply(world, team_officer, CompleteMeetingTask(new_id(), person, "Đã gửi báo cáo", reply_id))
    top = task(world, task_id)
    assert (top.state, top.result_note, top.reply_document_id) == ("done", "Đã gửi báo cáo", reply_id)


def test_who_receives_a_task(world: World, meeting: MeetingRows, budget: tuple[str, str]):
    _team_id, team_officer = budget
    task_id = assign(world, meeting, TaskHolder(unit_id=world.finance_unit_id))
    child = new_id()
    apply(world, world.officer2_id, ForwardMeetingTask(new_id(), task_id, child, TaskHolder(user_id=team_officer)))
    with world.store.read() as s:
        def seen(user_id: str) -> set[str]:
            user = s.get(User, user_id)
            assert user is not None
            return set(s.scalars(select(MeetingTask.id).where(tasks_visible(user))))

        assert seen(world.officer2_id) == {task_id, child}  # the unit, up the chain
        assert seen(team_officer) == {child}  # below: not the task it came from
        assert seen(world.leader_id) == {task_id, child}  # the chair
        assert seen(world.clerk_id) == {task_id, child}  # the secretary
        assert seen(world.officer_id) == set()  # a participant, not named: nothing
        assert seen(meeting.delegate_id) == set()


def test_counts_due_soon_and_overdue_in_working_days(world: World, meeting: MeetingRows):
    finance = TaskHolder(unit_id=world.finance_unit_id)
    assign(world, meeting, finance, days=0, on=date(2026, 11, 27))  # Friday 27/11: overdue on 4/12
    soon = assign(world, meeting, finance, days=3)  # Wednesday 9/12: within 3 working days of Friday
    assign(world, meeting, finance, days=4)  # Thursday 10/12: not yet soon
    done = assign(world, meeting, finance, days=1)
    apply(world, world.officer2_id, CompleteMeetingTask(new_id(), done, "Xong"))
    with world.store.read() as s:
        officer2 = s.get(User, world.officer2_id)
        leader = s.get(User, world.leader_id)
        assert officer2 is not None and leader is not None
        assert task_views.counts(s, officer2, FRIDAY) == task_views.TaskCounts(waiting=3, due_soon=1, overdue=1)
        assert task_views.counts(s, leader, FRIDAY) == task_views.TaskCounts(0, 0, 0)
        mine = task_views.rows(s, officer2, task_views.TaskFilter.MINE, FRIDAY)
        assert [r.overdue for r in mine] == [True, False, False]
        assert [r.id for r in mine if r.due_soon] == [soon]
        assert all(r.held and r.lead == "Phòng Tài chính" for r in mine)
        chaired = task_views.rows(s, leader, task_views.TaskFilter.CHAIRED, FRIDAY)
        assert len(chaired) == 3  # every open task of the meetings the leader chaired
        assert task_views.progress(s, meeting.meeting_id, FRIDAY) == task_views.Progress(total=4, done=1, overdue=1)
        # a holiday on Monday pushes "soon" one day further: Thursday is soon too
        s.add(Holiday(day=date(2026, 12, 7), name="Nghỉ bù"))
        s.flush()
        assert task_views.counts(s, officer2, FRIDAY).due_soon == 2


def test_tasks_join_the_documents_boxes(world: World, meeting: MeetingRows):
    """A task is followed up like a direction line: it is in its holder's "Chờ tôi xử lý",
    "Sắp đến hạn" and "Quá hạn" (counts and items), not in anybody else's."""
    def boxes(user_id: str) -> tuple[dict[Box, int], dict[Box, list[str]]]:
        with world.store.read() as s:
            user = s.get(User, user_id)
            assert user is not None
            return box_counts(s, user, FRIDAY), {
                box: [i.id for i in followup_items(s, box, user, FRIDAY)] for box in Box}

    before = {uid: boxes(uid)[0] for uid in (world.officer2_id, world.leader_id)}
    finance = TaskHolder(unit_id=world.finance_unit_id)
    late = assign(world, meeting, finance, days=0, on=date(2026, 11, 27))
    soon = assign(world, meeting, finance, days=3)
    later = assign(world, meeting, finance, days=4)
    done = assign(world, meeting, finance, days=1)
    apply(world, world.officer2_id, CompleteMeetingTask(new_id(), done, "Xong"))

    counts, items = boxes(world.officer2_id)
    added = {box: counts[box] - before[world.officer2_id][box] for box in Box}
    assert added == {**{box: 0 for box in Box}, Box.WAITING_FOR_ME: 3, Box.DUE_SOON: 1, Box.OVERDUE: 1}
    assert items[Box.WAITING_FOR_ME] == [late, soon, later]  # the nearest deadline first
    assert (items[Box.DUE_SOON], items[Box.OVERDUE]) == ([soon], [late])
    assert items[Box.INCOMING] == items[Box.MY_DRAFTS] == []
    # the chair assigned them: they are not the chair's to handle
    assert boxes(world.leader_id) == (before[world.leader_id], {box: [] for box in Box})
    # forwarded to a person, the task leaves the unit's boxes and joins the person's
    with world.store.write() as s:
        officer = create_user(s, "tc2", "Lý Thị Hoa", world.org_id, {Role.OFFICER}, world.finance_unit_id,
                              "Chuyên viên")
        officer_id = officer.id
    child = new_id()
    apply(world, world.officer2_id, ForwardMeetingTask(new_id(), late, child, TaskHolder(user_id=officer_id)))
    assert child in boxes(officer_id)[1][Box.OVERDUE]
    assert boxes(world.officer2_id)[1][Box.OVERDUE] == []


def test_the_diary_proposes_the_task_completed_today(world: World, meeting: MeetingRows):
    task_id = assign(world, meeting, TaskHolder(user_id=world.officer_id), on=date.today())
    apply(world, world.officer_id, CompleteMeetingTask(new_id(), task_id, "Đã gửi dự thảo"))
    with world.store.read() as s:
        drafts = propose(s, world.officer_id, date.today())
        others = propose(s, world.leader_id, date.today())
    [draft] = [d for d in drafts if d.meeting_id == meeting.meeting_id]
    assert draft.text == ("Hoàn thành nhiệm vụ được giao tại cuộc họp Phiên họp UBND tỉnh thường kỳ tháng 12: "
                          + WHAT)
    assert (draft.result, draft.category) == ("Đã gửi dự thảo", "meeting")
    assert not [d for d in others if d.text.startswith("Hoàn thành nhiệm vụ")]


def test_a_refused_operation_is_undone_on_the_desk(world: World, meeting: MeetingRows):
    task_id = assign(world, meeting, TaskHolder(user_id=world.officer_id))
    with world.store.write() as s:
        s.get(MeetingTask, task_id).server_version = 7  # type: ignore[union-attr]
    start, complete = StartMeetingTask(new_id(), task_id), CompleteMeetingTask(new_id(), task_id, "Xong")
    apply(world, world.officer_id, start, authority=False)
    apply(world, world.officer_id, complete, authority=False)
    assert task(world, task_id).state == "done"
    with world.store.write() as s:  # both refused, in their order: the task waits again
        discard_rejected(s, start)
        discard_rejected(s, complete)
    row = task(world, task_id)
    assert (row.state, row.result_note, row.completed_at) == ("waiting", "", None)
    unsent = AssignMeetingTask(new_id(), new_id(), meeting.meeting_id, WHAT, TaskHolder(user_id=world.officer_id), 3)
    apply(world, world.leader_id, unsent, authority=False)
    with world.store.write() as s:
        discard_rejected(s, unsent)
        assert s.get(MeetingTask, unsent.task_id) is None
