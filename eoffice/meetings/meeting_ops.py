"""How the meetings' own operations apply (rooms, meetings, sittings, participants,
answers, states): the kinds declared in ``meetings.operations``, registered here.

Everything is offline-first (applied on the desk at once, then by the server) except a
change of state: scheduling (invitations out), postponing, cancelling, opening and
closing a meeting tell every participant and decide who sees it, so they take effect
when the server applies them. A desk offline checks the change (and refuses a wrong one
at once) but leaves the state as it is, pending (``NEEDS_SERVER``), as a register number
waits for the server.

The server's ``check`` refuses an operation on a meeting the pusher does not organise
(or, for an answer, on someone else's invitation) as a PermissionDenied, which the
generic layer audits as ``access.denied``; each accepted change writes its audit event
in the domain (``meetings.meetings``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from eoffice.directory.models import User
from eoffice.errors import NotFound, PermissionDenied
from eoffice.meetings import access, meetings, rooms
from eoffice.meetings.meetings import MeetingFields, NewPerson, SittingFields, participant_id_for
from eoffice.meetings.models import Meeting, Participant, Room, Sitting
from eoffice.meetings.operations import (
    AddParticipants,
    AddSitting,
    AnswerInvitation,
    ChangeMeetingState,
    CreateMeeting,
    CreateRoom,
    MeetingValues,
    NewParticipant,
    RemoveParticipant,
    RemoveSitting,
    SetParticipantRole,
    SittingValues,
    UpdateMeeting,
    UpdateSitting,
)
from eoffice.meetings.organising import meeting_of
from eoffice.meetings.values import moment
from eoffice.ops.operation import AppliedResult, Operation
from eoffice.ops.registry import register
from eoffice.ops.values import Id
from eoffice.store.base import new_id

#: What a desk says of a change of state made offline (the window shows it).
NEEDS_SERVER = (
    "Cần kết nối máy chủ để đổi trạng thái cuộc họp: việc mời, hoãn, hủy do máy chủ thực hiện và báo cho mọi "
    "người dự họp. Thao tác sẽ được gửi khi có kết nối.",
    "The server changes a meeting's state (invitations, postponing, cancelling) and tells every participant: "
    "the change is sent when the connection is back.",
)


def meeting_fields(op: MeetingValues) -> MeetingFields:
    return MeetingFields(
        title=op.title, kind=op.kind_of_meeting, starts_at=moment(op.starts_at, "starts_at"),
        ends_at=moment(op.ends_at, "ends_at"), room_id=op.room_id, place=op.place, online_link=op.online_link,
        unit_id=op.unit_id, secret=op.secret, notes=op.notes, chair_id=op.chair_id, secretary_id=op.secretary_id,
    )


def sitting_fields(op: SittingValues) -> SittingFields:
    return SittingFields(
        starts_at=moment(op.starts_at, "starts_at"), ends_at=moment(op.ends_at, "ends_at"), title=op.title,
        room_id=op.room_id, place=op.place,
    )


def _sitting_result(kind: str, sitting: Sitting) -> AppliedResult:
    return AppliedResult(kind, {"meeting_id": sitting.meeting_id, "sitting_id": sitting.id, "number": sitting.number})


def _meeting_result(kind: str, meeting: Meeting, **extra: Any) -> AppliedResult:
    return AppliedResult(kind, {"meeting_id": meeting.id, "state": meeting.state, **extra})


# --------------------------------------------------------------------------- applying


def _create_room(session: Session, actor_id: str, op: CreateRoom, authority: bool) -> AppliedResult:
    room = rooms.create_room(session, actor_id, op.room_id, op.name, op.address, op.capacity)
    return AppliedResult(op.kind, {"room_id": room.id})


def _create_meeting(session: Session, actor_id: str, op: CreateMeeting, authority: bool) -> AppliedResult:
    meeting = meetings.create_meeting(session, actor_id, op.meeting_id, op.sitting_id, meeting_fields(op))
    return _meeting_result(op.kind, meeting, sitting_id=op.sitting_id)


def _update_meeting(session: Session, actor_id: str, op: UpdateMeeting, authority: bool) -> AppliedResult:
    return _meeting_result(op.kind, meetings.update_meeting(session, actor_id, op.meeting_id, meeting_fields(op)))


def _add_sitting(session: Session, actor_id: str, op: AddSitting, authority: bool) -> AppliedResult:
    sitting = meetings.add_sitting(session, actor_id, op.sitting_id, op.meeting_id, sitting_fields(op))
    return _sitting_result(op.kind, sitting)


def _update_sitting(session: Session, actor_id: str, op: UpdateSitting, authority: bool) -> AppliedResult:
    sitting = meetings.update_sitting(session, actor_id, op.sitting_id, sitting_fields(op))
    return _sitting_result(op.kind, sitting)


def _remove_sitting(session: Session, actor_id: str, op: RemoveSitting, authority: bool) -> AppliedResult:
    sitting = meetings.remove_sitting(session, actor_id, op.sitting_id)
    return AppliedResult(op.kind, {"meeting_id": sitting.meeting_id, "sitting_id": sitting.id})


def _add_participants(session: Session, actor_id: str, op: AddParticipants, authority: bool) -> AppliedResult:
    people = [NewPerson(p.participant_id, p.user_id, p.role, p.votes) for p in op.participants]
    made = meetings.add_participants(session, actor_id, op.meeting_id, people)
    return AppliedResult(op.kind, {"meeting_id": op.meeting_id, "participant_ids": [p.id for p in made]})


def _set_role(session: Session, actor_id: str, op: SetParticipantRole, authority: bool) -> AppliedResult:
    row = meetings.set_participant_role(session, actor_id, op.participant_id, op.role, op.votes)
    return AppliedResult(op.kind, {"meeting_id": row.meeting_id, "participant_id": row.id, "role": row.role})


def _remove_participant(session: Session, actor_id: str, op: RemoveParticipant, authority: bool) -> AppliedResult:
    row = meetings.remove_participant(session, actor_id, op.participant_id)
    return AppliedResult(op.kind, {"meeting_id": row.meeting_id, "participant_id": row.id})


def _answer(session: Session, actor_id: str, op: AnswerInvitation, authority: bool) -> AppliedResult:
    row = meetings.answer_invitation(
        session, actor_id, op.participant_id, op.answer, reason=op.reason, substitute_id=op.substitute_id,
        substitute_name=op.substitute_name,
        answered_at=moment(op.answered_at, "answered_at") if op.answered_at else None,
    )
    return AppliedResult(op.kind, {"meeting_id": row.meeting_id, "participant_id": row.id, "answer": row.answer})


def _change_state(session: Session, actor_id: str, op: ChangeMeetingState, authority: bool) -> AppliedResult:
    if not authority:
        # Checked here (a wrong change is refused at once), applied by the server.
        actor = meetings.actor_of(session, actor_id)
        meeting = meeting_of(session, op.meeting_id)
        meetings.check_transition(session, actor, meeting, op.state, op.reason)
        return _meeting_result(op.kind, meeting, pending=True, requested=op.state)
    meeting = meetings.change_state(session, actor_id, op.meeting_id, op.state, op.reason)
    return _meeting_result(op.kind, meeting, reason=meeting.state_reason)


# --------------------------------------------------------------------------- the server's check


def _organises(session: Session, actor: User, meeting_id: str | None) -> None:
    """PermissionDenied unless the actor runs the meeting (a missing one: NotFound later)."""
    meeting = session.get(Meeting, meeting_id) if meeting_id else None
    if meeting is not None and not access.organises(session, actor, meeting):
        raise meetings.denied()


def _check_create_room(session: Session, actor: User, op: CreateRoom) -> None:
    if not any(actor.has_role(role) for role in rooms.KEEPERS):
        raise PermissionDenied(
            "Chỉ văn thư, lãnh đạo hoặc quản trị được thêm phòng họp.",
            "Only clerks, leaders or administrators may add meeting rooms.",
        )


def _check_create(session: Session, actor: User, op: CreateMeeting) -> None:
    """Anyone may call a meeting of their organisation (they organise it); ids must be new
    (an existing meeting's id would be someone else's meeting)."""
    if session.get(Meeting, op.meeting_id) is not None:
        _organises(session, actor, op.meeting_id)


def _check_meeting(session: Session, actor: User, op: Any) -> None:
    _organises(session, actor, op.meeting_id)


def _check_sitting(session: Session, actor: User, op: UpdateSitting | RemoveSitting) -> None:
    sitting = session.get(Sitting, op.sitting_id)
    if sitting is not None:
        _organises(session, actor, sitting.meeting_id)


def _check_participant(session: Session, actor: User, op: SetParticipantRole | RemoveParticipant) -> None:
    row = session.get(Participant, op.participant_id)
    if row is not None:
        _organises(session, actor, row.meeting_id)


def _check_answer(session: Session, actor: User, op: AnswerInvitation) -> None:
    row = session.get(Participant, op.participant_id)
    if row is None:
        raise NotFound("Không tìm thấy người dự họp.", "Participant not found.")
    if row.user_id == actor.id:
        return
    meeting = session.get(Meeting, row.meeting_id)
    if meeting is None or not access.organises(session, actor, meeting):
        raise PermissionDenied("Bạn chỉ trả lời giấy mời của chính mình.", "You may answer only your own invitation.")


# --------------------------------------------------------------------------- a rejection, on the client


def _delete_unsynced(session: Session, made: list[tuple[type[Any], str]]) -> None:
    """Rows a rejected op made that the server never had (no server version) leave the desk."""
    for model, row_id in made:
        row = session.get(model, row_id)
        if row is not None and row.server_version is None:
            session.delete(row)
    session.flush()


def _discard_room(session: Session, op: CreateRoom) -> None:
    _delete_unsynced(session, [(Room, op.room_id)])


def _discard_meeting(session: Session, op: CreateMeeting) -> None:
    people = [op.chair_id, op.secretary_id]
    _delete_unsynced(session, [
        *((Participant, participant_id_for(op.meeting_id, p)) for p in people if p is not None),
        (Sitting, op.sitting_id), (Meeting, op.meeting_id),
    ])


def _discard_sitting(session: Session, op: AddSitting) -> None:
    _delete_unsynced(session, [(Sitting, op.sitting_id)])


def _discard_participants(session: Session, op: AddParticipants) -> None:
    _delete_unsynced(session, [(Participant, p.participant_id) for p in op.participants])


def _discard_nothing(session: Session, op: Operation) -> None:
    session.flush()


# --------------------------------------------------------------------------- registration


def _id() -> Id:
    return Id(new_id())


_START, _END = "2026-12-07T08:00:00+07:00", "2026-12-07T11:30:00+07:00"
MEETINGS = Meeting.__tablename__
SITTINGS = Sitting.__tablename__
PARTICIPANTS = Participant.__tablename__
ROOMS = Room.__tablename__
#: A change of who sees a meeting re-versions every row hanging on it (``meetings.reveal``).
_ALL_ROWS = tuple(m.__tablename__ for m in meetings.MEETING_ROWS)

register(
    CreateRoom, apply=_create_room, check=_check_create_room, discard=_discard_room,
    label_vi="Thêm phòng họp", label_en="Add meeting room", tables=(ROOMS,),
    example=lambda: CreateRoom(_id(), _id(), "Phòng họp tầng 3", "Số 3 Trường Thi", 40),
)
register(
    CreateMeeting, apply=_create_meeting, check=_check_create, discard=_discard_meeting,
    label_vi="Tạo cuộc họp", label_en="Create meeting", tables=(MEETINGS, SITTINGS, PARTICIPANTS),
    example=lambda: CreateMeeting(
        op_id=_id(), meeting_id=_id(), sitting_id=_id(), title="Phiên họp UBND tỉnh thường kỳ tháng 12",
        kind_of_meeting="ubnd_regular", starts_at=_START, ends_at=_END, room_id=_id(), place="Phòng họp số 1",
        online_link="https://hop.example.vn/ubnd", unit_id=_id(), secret=False, notes="Đề nghị đọc tài liệu trước",
        chair_id=_id(), secretary_id=_id(),
    ),
)
register(
    UpdateMeeting, apply=_update_meeting, check=_check_meeting, discard=_discard_nothing,
    label_vi="Sửa cuộc họp", label_en="Edit meeting", tables=(MEETINGS, *_ALL_ROWS),
    example=lambda: UpdateMeeting(
        op_id=_id(), meeting_id=_id(), title="Họp giao ban tuần", kind_of_meeting="briefing", starts_at=_START,
        ends_at=_END, secret=True,
    ),
)
register(
    AddSitting, apply=_add_sitting, check=_check_meeting, discard=_discard_sitting,
    label_vi="Thêm phiên họp", label_en="Add sitting", tables=(MEETINGS, SITTINGS),
    example=lambda: AddSitting(
        op_id=_id(), sitting_id=_id(), meeting_id=_id(), starts_at=_START, ends_at=_END, title="Phiên buổi sáng",
        room_id=_id(), place="Hội trường",
    ),
)
register(
    UpdateSitting, apply=_update_sitting, check=_check_sitting, discard=_discard_nothing,
    label_vi="Sửa phiên họp", label_en="Edit sitting", tables=(MEETINGS, SITTINGS),
    example=lambda: UpdateSitting(op_id=_id(), sitting_id=_id(), starts_at=_START, ends_at=_END, title="Phiên chiều"),
)
register(
    RemoveSitting, apply=_remove_sitting, check=_check_sitting, discard=_discard_nothing,
    label_vi="Bỏ phiên họp", label_en="Remove sitting", tables=(MEETINGS, SITTINGS),
    example=lambda: RemoveSitting(_id(), _id()),
)
register(
    AddParticipants, apply=_add_participants, check=_check_meeting, discard=_discard_participants,
    label_vi="Thêm người dự họp", label_en="Add participants", tables=(MEETINGS, *_ALL_ROWS),
    example=lambda: AddParticipants(_id(), _id(), (
        NewParticipant(_id(), _id(), "member", True), NewParticipant(_id(), _id(), "guest", False),
    )),
)
register(
    SetParticipantRole, apply=_set_role, check=_check_participant, discard=_discard_nothing,
    label_vi="Đổi vai trò người dự họp", label_en="Change participant's role", tables=(MEETINGS, PARTICIPANTS),
    example=lambda: SetParticipantRole(_id(), _id(), "secretary", True),
)
register(
    RemoveParticipant, apply=_remove_participant, check=_check_participant, discard=_discard_nothing,
    label_vi="Bỏ người dự họp", label_en="Remove participant", tables=(MEETINGS, PARTICIPANTS),
    example=lambda: RemoveParticipant(_id(), _id()),
)
register(
    AnswerInvitation, apply=_answer, check=_check_answer, discard=_discard_nothing,
    label_vi="Trả lời giấy mời họp", label_en="Answer meeting invitation", tables=(MEETINGS, *_ALL_ROWS),
    example=lambda: AnswerInvitation(
        _id(), _id(), "substitute", "Đi công tác", _id(), "Phó Giám đốc Lê Văn Bình", "2026-12-05T09:15:00+07:00",
    ),
)
register(
    ChangeMeetingState, apply=_change_state, check=_check_meeting, discard=_discard_nothing,
    label_vi="Đổi trạng thái cuộc họp", label_en="Change meeting state", tables=(MEETINGS, *_ALL_ROWS),
    example=lambda: ChangeMeetingState(_id(), _id(), "postponed", "Lãnh đạo đi công tác đột xuất"),
    local_effect=False,
)

#: The meetings' own kinds (the tests try every one).
KINDS = (
    CreateRoom, CreateMeeting, UpdateMeeting, AddSitting, UpdateSitting, RemoveSitting, AddParticipants,
    SetParticipantRole, RemoveParticipant, AnswerInvitation, ChangeMeetingState,
)
