"""A meeting's life in the domain: made, edited, peopled, answered, moved through its
states; refused with a clear message and nothing half-saved when the input is wrong."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlalchemy import func, select

from eoffice.audit.models import AuditEvent
from eoffice.errors import NotFound, PermissionDenied, StateError, ValidationError
from eoffice.meetings import operations as mops
from eoffice.meetings.models import Meeting, Participant, Room, Sitting
from eoffice.meetings.rules import RuleSet
from eoffice.meetings.values import moment, moment_text
from eoffice.store.base import new_id
from tests.conftest import World
from tests.meetings.helpers import apply, at, create, people, state, update_op


def _meeting(world: World, meeting_id: str) -> Meeting:
    with world.store.read() as s:
        m = s.get(Meeting, meeting_id)
        assert m is not None
        s.expunge(m)
        return m


def _participants(world: World, meeting_id: str) -> dict[str, Participant]:
    with world.store.read() as s:
        live = select(Participant).where(Participant.meeting_id == meeting_id, Participant.deleted.is_(False))
        rows = s.scalars(live)
        out = {p.user_id: p for p in rows}
        for p in out.values():
            s.expunge(p)
        return out


def _room(world: World, actor_id: str, name: str = "Phòng họp số 1") -> str:
    room_id = new_id()
    apply(world.store, actor_id, mops.CreateRoom(new_id(), room_id, name, "Tầng 2", 30))
    return room_id


# --------------------------------------------------------------------------- values


def test_times_are_read_with_their_offset_and_kept_in_utc():
    value = moment("2026-12-07T08:00:00+07:00", "starts_at")
    assert value == datetime(2026, 12, 7, 1, 0, tzinfo=timezone.utc)
    assert moment_text(value) == "2026-12-07T01:00:00+00:00"
    with pytest.raises(ValidationError, match="thiếu múi giờ") as naive:
        moment("2026-12-07T08:00:00", "starts_at")
    assert "time zone" in naive.value.message_en
    with pytest.raises(ValidationError, match="không hợp lệ"):
        moment("thứ hai 8 giờ", "starts_at")
    with pytest.raises(ValidationError, match="Thiếu thời gian"):
        moment("", "ends_at")


# --------------------------------------------------------------------------- making and editing


def test_a_new_meeting_is_a_draft_with_its_first_sitting_its_kinds_rules_and_its_chair_among_the_people(world):
    op = create(
        world.store, world.clerk_id, title="Phiên họp UBND tỉnh thường kỳ tháng 12", kind_of_meeting="ubnd_regular",
        chair_id=world.leader_id, secretary_id=world.officer_id, place="Phòng họp số 1",
    )
    m = _meeting(world, op.meeting_id)
    assert (m.state, m.organisation_id, m.created_by, m.unit_id) == ("draft", world.org_id, world.clerk_id,
                                                                     world.office_unit_id)
    assert m.starts_at.replace(tzinfo=timezone.utc) == moment(at(8), "s")
    rules = RuleSet.from_json(m.vote_rules)
    assert rules.quorum is not None and rules.vote("majority") is not None
    assert rules.vote("majority").chair_breaks_tie  # type: ignore[union-attr]
    with world.store.read() as s:
        sitting = s.get(Sitting, op.sitting_id)
        assert sitting is not None and sitting.number == 1 and sitting.place == "Phòng họp số 1"
        assert s.scalar(select(AuditEvent.action).where(AuditEvent.target_id == op.meeting_id)) == "meeting.create"
    roles = {u: p.role for u, p in _participants(world, op.meeting_id).items()}
    assert roles == {world.leader_id: "chair", world.officer_id: "secretary"}


def test_bad_input_is_refused_in_both_languages_and_nothing_is_saved(world):
    cases = [
        ({"starts_at": at(10), "ends_at": at(9)}, "kết thúc phải sau", "end must come after"),
        ({"kind_of_meeting": "tiec_tat_nien"}, "không có trong danh mục", "not known"),
        ({"title": "  "}, "tên cuộc họp", "title"),
        ({"starts_at": "2026-12-07T08:00"}, "thiếu múi giờ", "time zone"),
        ({"chair_id": "x", "secretary_id": "x"}, None, None),
    ]
    for values, vi, en in cases:
        if vi is None:
            values = {"chair_id": world.leader_id, "secretary_id": world.leader_id}
            vi, en = "hai người khác nhau", "two people"
        with pytest.raises(ValidationError) as refused:
            create(world.store, world.clerk_id, **values)
        assert vi in refused.value.message_vi and en in refused.value.message_en
    with world.store.read() as s:
        assert s.scalar(select(func.count()).select_from(Meeting)) == 0
        assert s.scalar(select(func.count()).select_from(Sitting)) == 0
        assert s.scalar(select(func.count()).select_from(Participant)) == 0


def test_a_room_of_another_organisation_is_refused(world):
    from eoffice.directory.orgchart import create_organisation

    with world.store.write() as s:
        other = create_organisation(s, "000.00.12.H41", "Sở Nội vụ", "SNV")
        s.add(Room(id=(room_id := new_id()), organisation_id=other.id, name="Hội trường Sở"))
    with pytest.raises(ValidationError, match="thuộc cơ quan khác"):
        create(world.store, world.clerk_id, room_id=room_id)
    own = _room(world, world.clerk_id)
    op = create(world.store, world.clerk_id, room_id=own)
    assert _meeting(world, op.meeting_id).room_id == own
    with pytest.raises(PermissionDenied, match="Chỉ văn thư"):
        apply(world.store, world.officer_id, mops.CreateRoom(new_id(), new_id(), "Phòng riêng"))


def test_only_organisers_change_a_meeting(world):
    op = create(world.store, world.officer_id, title="Họp chuyên môn")
    with pytest.raises(PermissionDenied, match="không có quyền") as refused:
        apply(world.store, world.officer2_id, update_op(op, title="Đổi tên"))
    assert "only its chair" in refused.value.message_en
    apply(world.store, world.leader_id, update_op(op, title="Họp chuyên môn (sửa)"))  # the office's leader
    assert _meeting(world, op.meeting_id).title == "Họp chuyên môn (sửa)"
    secret = create(world.store, world.officer_id, title="Họp mật", secret=True)
    with pytest.raises(PermissionDenied):  # a secret meeting is run by its own people only
        apply(world.store, world.leader_id, update_op(secret, title="?"))
    with pytest.raises(NotFound, match="Không tìm thấy cuộc họp"):
        apply(world.store, world.officer_id, state(new_id(), "scheduled"))


def test_setting_the_chair_on_the_meeting_makes_them_the_chair_participant_and_the_former_one_a_member(world):
    op = create(world.store, world.clerk_id, chair_id=world.leader_id)
    apply(world.store, world.clerk_id, update_op(op, chair_id=world.officer_id))
    roles = {u: p.role for u, p in _participants(world, op.meeting_id).items()}
    assert roles == {world.leader_id: "member", world.officer_id: "chair"}
    assert _meeting(world, op.meeting_id).chair_id == world.officer_id
    # The role given on the participant moves the meeting's chair the same way.
    leader_row = _participants(world, op.meeting_id)[world.leader_id]
    apply(world.store, world.clerk_id, mops.SetParticipantRole(new_id(), leader_row.id, "chair", True))
    assert _meeting(world, op.meeting_id).chair_id == world.leader_id
    assert _participants(world, op.meeting_id)[world.officer_id].role == "member"
    # Removing the chair's row leaves the meeting without a chair.
    apply(world.store, world.clerk_id, mops.RemoveParticipant(new_id(), leader_row.id))
    assert _meeting(world, op.meeting_id).chair_id is None


def test_a_participant_twice_refuses_the_whole_batch(world):
    op = create(world.store, world.clerk_id)
    apply(world.store, world.clerk_id, people(op.meeting_id, world.officer_id))
    with pytest.raises(ValidationError, match="Phạm Quốc Huy đã có trong danh sách"):
        apply(world.store, world.clerk_id, people(op.meeting_id, world.officer2_id, world.officer2_id))
    with pytest.raises(ValidationError, match="Lê Minh Anh đã có trong danh sách") as refused:
        apply(world.store, world.clerk_id, people(op.meeting_id, world.leader_id, world.officer_id))
    assert "already a participant" in refused.value.message_en
    assert set(_participants(world, op.meeting_id)) == {world.officer_id}  # nothing half-saved
    guest = mops.AddParticipants(new_id(), op.meeting_id, (mops.NewParticipant(new_id(), world.leader_id, "guest"),))
    apply(world.store, world.clerk_id, guest)
    assert _participants(world, op.meeting_id)[world.leader_id].votes is False  # a guest never votes


def test_sittings_number_themselves_and_the_meeting_spans_them(world):
    op = create(world.store, world.clerk_id, kind_of_meeting="hdnd_session", title="Kỳ họp thứ 5 HĐND tỉnh")
    second = mops.AddSitting(op_id=new_id(), sitting_id=new_id(), meeting_id=op.meeting_id, starts_at=at(14, day=8),
                             ends_at=at(17, day=8), title="Phiên chiều ngày 8")
    early = mops.AddSitting(op_id=new_id(), sitting_id=new_id(), meeting_id=op.meeting_id, starts_at=at(14, day=6),
                            ends_at=at(16, day=6), title="Phiên trù bị")
    apply(world.store, world.clerk_id, second)
    apply(world.store, world.clerk_id, early)
    m = _meeting(world, op.meeting_id)
    assert (moment_text(m.starts_at), moment_text(m.ends_at)) == (
        moment_text(moment(at(14, day=6), "")), moment_text(moment(at(17, day=8), ""))
    )
    with world.store.read() as s:
        query = select(Sitting.title, Sitting.number).where(Sitting.meeting_id == op.meeting_id)
        numbers = {t: n for t, n in s.execute(query)}
    assert numbers == {"Phiên trù bị": 1, "": 2, "Phiên chiều ngày 8": 3}
    with pytest.raises(ValidationError, match="nhiều phiên"):
        apply(world.store, world.clerk_id, update_op(op, starts_at=at(7)))
    with pytest.raises(ValidationError, match="kết thúc phải sau"):
        apply(world.store, world.clerk_id, mops.UpdateSitting(op_id=new_id(), sitting_id=early.sitting_id,
                                                              starts_at=at(16, day=6), ends_at=at(15, day=6)))
    apply(world.store, world.clerk_id, mops.RemoveSitting(new_id(), early.sitting_id))
    apply(world.store, world.clerk_id, mops.RemoveSitting(new_id(), second.sitting_id))
    assert moment_text(_meeting(world, op.meeting_id).ends_at) == moment_text(moment(at(10), ""))
    with pytest.raises(ValidationError, match="ít nhất một phiên"):
        apply(world.store, world.clerk_id, mops.RemoveSitting(new_id(), op.sitting_id))


# --------------------------------------------------------------------------- states and answers


def test_the_states_follow_their_order_and_postponing_or_cancelling_needs_a_reason(world):
    op = create(world.store, world.clerk_id)
    with pytest.raises(ValidationError, match="chưa có người dự họp"):
        apply(world.store, world.clerk_id, state(op.meeting_id, "scheduled"))
    with pytest.raises(StateError, match="từ “Dự kiến” sang “Đang họp”"):
        apply(world.store, world.clerk_id, state(op.meeting_id, "in_session"))
    apply(world.store, world.clerk_id, people(op.meeting_id, world.officer_id, world.officer2_id))
    apply(world.store, world.clerk_id, state(op.meeting_id, "scheduled"))
    with pytest.raises(ValidationError, match="lý do") as no_reason:
        apply(world.store, world.clerk_id, state(op.meeting_id, "postponed", "  "))
    assert "every participant is told" in no_reason.value.message_en
    with pytest.raises(PermissionDenied):
        apply(world.store, world.officer_id, state(op.meeting_id, "postponed", "Tôi bận"))
    apply(world.store, world.clerk_id, state(op.meeting_id, "postponed", "Lãnh đạo đi công tác đột xuất"))
    m = _meeting(world, op.meeting_id)
    assert (m.state, m.state_reason) == ("postponed", "Lãnh đạo đi công tác đột xuất")
    apply(world.store, world.clerk_id, update_op(op, starts_at=at(8, day=14), ends_at=at(10, day=14)))
    apply(world.store, world.clerk_id, state(op.meeting_id, "scheduled"))
    m = _meeting(world, op.meeting_id)
    assert (m.state, m.state_reason) == ("scheduled", "")
    assert moment_text(m.starts_at) == moment_text(moment(at(8, day=14), ""))
    for to in ("in_session", "closed", "archived"):
        apply(world.store, world.clerk_id, state(op.meeting_id, to))
    with pytest.raises(StateError, match="Đã lưu trữ"):
        apply(world.store, world.clerk_id, update_op(op, title="Sửa sau khi lưu trữ"))
    other = create(world.store, world.clerk_id)
    apply(world.store, world.clerk_id, state(other.meeting_id, "cancelled", "Trùng lịch tiếp công dân"))
    with pytest.raises(StateError):
        apply(world.store, world.clerk_id, state(other.meeting_id, "scheduled"))
    with world.store.read() as s:
        changes = s.scalars(select(AuditEvent.action).where(AuditEvent.target_id == op.meeting_id)).all()
    assert changes.count("meeting.change_state") == 6


def test_a_desk_offline_checks_a_change_of_state_but_leaves_it_to_the_server(world):
    op = create(world.store, world.clerk_id)
    apply(world.store, world.clerk_id, people(op.meeting_id, world.officer_id))
    result = apply(world.store, world.clerk_id, state(op.meeting_id, "scheduled"), authority=False)
    assert result.data["pending"] is True and _meeting(world, op.meeting_id).state == "draft"
    with pytest.raises(StateError):
        apply(world.store, world.clerk_id, state(op.meeting_id, "closed"), authority=False)


def test_answers_keep_the_reason_and_the_time_and_a_participant_answers_only_for_themselves(world):
    op = create(world.store, world.clerk_id, secretary_id=world.officer_id)
    apply(world.store, world.clerk_id, people(op.meeting_id, world.officer2_id, world.leader_id, world.admin_id))
    rows = _participants(world, op.meeting_id)
    mine = rows[world.officer2_id].id
    with pytest.raises(StateError, match="trả lời giấy mời"):  # not invited yet
        apply(world.store, world.officer2_id, mops.AnswerInvitation(new_id(), mine, "attend"))
    apply(world.store, world.clerk_id, state(op.meeting_id, "scheduled"))
    with pytest.raises(ValidationError, match="lý do vắng mặt"):
        apply(world.store, world.officer2_id, mops.AnswerInvitation(new_id(), mine, "absent", " "))
    with pytest.raises(PermissionDenied, match="của chính mình"):  # another participant
        apply(world.store, world.admin_id, mops.AnswerInvitation(new_id(), mine, "attend"))
    apply(world.store, world.officer2_id, mops.AnswerInvitation(
        new_id(), mine, "absent", "Đi công tác Hà Nội", answered_at="2026-12-05T09:15:00+07:00",
    ))
    row = _participants(world, op.meeting_id)[world.officer2_id]
    assert (row.answer, row.answer_reason) == ("absent", "Đi công tác Hà Nội")
    assert moment_text(row.answered_at) == "2026-12-05T02:15:00+00:00"  # type: ignore[arg-type]
    leader_row = rows[world.leader_id].id
    with pytest.raises(ValidationError, match="người dự thay"):
        apply(world.store, world.leader_id, mops.AnswerInvitation(new_id(), leader_row, "substitute"))
    with pytest.raises(ValidationError, match="đã có trong danh sách"):
        apply(world.store, world.leader_id,
              mops.AnswerInvitation(new_id(), leader_row, "substitute", substitute_id=world.officer2_id))
    apply(world.store, world.leader_id,
          mops.AnswerInvitation(new_id(), leader_row, "substitute", substitute_id=world.clerk_id))
    row = _participants(world, op.meeting_id)[world.leader_id]
    assert (row.answer, row.substitute_id, row.substitute_name) == ("substitute", world.clerk_id, "Trần Thị Thu")
    # The secretary notes an answer given by phone.
    apply(world.store, world.officer_id, mops.AnswerInvitation(new_id(), mine, "attend"))
    row = _participants(world, op.meeting_id)[world.officer2_id]
    assert (row.answer, row.answer_reason) == ("attend", "")
