"""A meeting's life: making and editing it, its sittings, its participants and their
answers, and its states (draft → scheduled → in session → closed → archived; postponed
or cancelled with a reason).

Every function checks the actor (``access.organises``: only organisers change a meeting;
a participant answers for themselves, an organiser on their behalf), validates all its
input before it writes anything (nothing is saved half-way) and writes one audit event.

Chair and secretary. ``Meeting.chair_id`` and ``secretary_id`` always name participants
with the role of chair and secretary: setting ``chair_id`` on the meeting adds that person
as a participant with the role *chair* (or gives their row that role) and the former
chair's row becomes a member's; giving a participant the role *chair* sets
``chair_id`` the same way; removing the chair's row (or taking the role away) clears it.
So the two can never disagree, whichever screen the organiser used.

Who sees what changes with some of these steps (a meeting scheduled, a participant or a
substitute added, secrecy lifted): the meeting's rows are then re-versioned (``reveal``)
so that whoever now sees it receives all of them, not only the rows changed after. A
step that hides it from someone (a participant removed, a meeting made secret) re-versions
the meeting itself, which the pull then revokes for them (``meetings.synced``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from eoffice.audit import report
from eoffice.audit.chain import record
from eoffice.directory.models import Unit, User
from eoffice.documents.snapshot import snapshot
from eoffice.errors import NotFound, PermissionDenied, StateError, ValidationError
from eoffice.meetings import access, rules
from eoffice.meetings.models import (
    AgendaItem,
    Answer,
    Meeting,
    MeetingComment,
    MeetingDocument,
    MeetingDocumentVersion,
    MeetingKind,
    MeetingState,
    Participant,
    ParticipantRole,
    PrivateNote,
    ReadReceipt,
    Room,
    Sitting,
)
from eoffice.meetings.organising import meeting_of
from eoffice.meetings.values import aware, utc
from eoffice.store.base import utcnow

# --------------------------------------------------------------------------- words

KIND_NAMES_VI = {
    MeetingKind.UBND_REGULAR.value: "Phiên họp UBND thường kỳ",
    MeetingKind.UBND_TOPICAL.value: "Phiên họp UBND chuyên đề",
    MeetingKind.HDND_SESSION.value: "Kỳ họp HĐND",
    MeetingKind.BRIEFING.value: "Họp giao ban",
    MeetingKind.AGENCY.value: "Họp cơ quan",
    MeetingKind.CONFERENCE.value: "Hội nghị",
}
STATE_NAMES_VI = {
    MeetingState.DRAFT.value: "Dự kiến",
    MeetingState.SCHEDULED.value: "Đã mời",
    MeetingState.IN_SESSION.value: "Đang họp",
    MeetingState.CLOSED.value: "Đã kết thúc",
    MeetingState.ARCHIVED.value: "Đã lưu trữ",
    MeetingState.POSTPONED.value: "Hoãn",
    MeetingState.CANCELLED.value: "Hủy",
}
STATE_NAMES_EN = {
    MeetingState.DRAFT.value: "Draft",
    MeetingState.SCHEDULED.value: "Scheduled",
    MeetingState.IN_SESSION.value: "In session",
    MeetingState.CLOSED.value: "Closed",
    MeetingState.ARCHIVED.value: "Archived",
    MeetingState.POSTPONED.value: "Postponed",
    MeetingState.CANCELLED.value: "Cancelled",
}

#: Where each state may go. A postponed meeting is scheduled again (with new times).
TRANSITIONS: dict[str, frozenset[str]] = {
    MeetingState.DRAFT.value: frozenset({MeetingState.SCHEDULED.value, MeetingState.CANCELLED.value}),
    MeetingState.SCHEDULED.value: frozenset(
        {MeetingState.IN_SESSION.value, MeetingState.POSTPONED.value, MeetingState.CANCELLED.value}
    ),
    MeetingState.IN_SESSION.value: frozenset({MeetingState.CLOSED.value}),
    MeetingState.CLOSED.value: frozenset({MeetingState.ARCHIVED.value}),
    MeetingState.POSTPONED.value: frozenset({MeetingState.SCHEDULED.value, MeetingState.CANCELLED.value}),
    MeetingState.ARCHIVED.value: frozenset(),
    MeetingState.CANCELLED.value: frozenset(),
}
#: States that need a reason, told to every participant.
WITH_REASON = frozenset({MeetingState.POSTPONED.value, MeetingState.CANCELLED.value})
#: States in which the meeting's details (title, times, place, sittings) may change.
EDITABLE = frozenset({MeetingState.DRAFT.value, MeetingState.SCHEDULED.value, MeetingState.POSTPONED.value})
#: States in which its participants may change (a guest added on the day).
PEOPLE_EDITABLE = EDITABLE | {MeetingState.IN_SESSION.value}
#: States in which a participant answers the invitation.
ANSWERABLE = frozenset({MeetingState.SCHEDULED.value, MeetingState.IN_SESSION.value})
#: Meetings that hold their times (a postponed or cancelled one books nobody).
BOOKING = frozenset({
    MeetingState.DRAFT.value, MeetingState.SCHEDULED.value, MeetingState.IN_SESSION.value, MeetingState.CLOSED.value,
})

#: The tables whose rows hang on a meeting (``meeting_id``): re-versioned by ``reveal``,
#: dropped with it on a client that loses sight of it.
MEETING_ROWS: tuple[type[Any], ...] = (
    Sitting, Participant, AgendaItem, MeetingDocument, MeetingDocumentVersion, MeetingComment, PrivateNote,
    ReadReceipt,
)


def _user_columns(model: type[Any]) -> tuple[Any, ...]:
    return tuple(
        getattr(model, c.key) for c in model.__table__.columns
        if any(fk.column.table.name == "users" for fk in c.foreign_keys)
    )


#: The columns naming users in a meeting and in the rows others receive with it (a
#: private note reaches its owner alone), plus the substitutes: the people a desk that
#: sees the meeting must hold (``meetings.synced.people_of_meetings_seen``).
PEOPLE_COLUMNS: tuple[Any, ...] = (
    *_user_columns(Meeting),
    *(c for model in MEETING_ROWS if model is not PrivateNote for c in _user_columns(model)),
    Participant.substitute_id,
)


# --------------------------------------------------------------------------- values


@dataclass(frozen=True)
class MeetingFields:
    """What the meeting's editor sets; times are aware."""

    title: str
    kind: str
    starts_at: datetime
    ends_at: datetime
    room_id: str | None = None
    place: str = ""
    online_link: str = ""
    unit_id: str | None = None
    secret: bool = False
    notes: str = ""
    chair_id: str | None = None
    secretary_id: str | None = None


@dataclass(frozen=True)
class SittingFields:
    starts_at: datetime
    ends_at: datetime
    title: str = ""
    room_id: str | None = None
    place: str = ""


@dataclass(frozen=True)
class NewPerson:
    """A participant to add: the row's id (client-chosen), who, their role, whether they vote."""

    participant_id: str
    user_id: str
    role: str = ParticipantRole.MEMBER.value
    votes: bool = True


# --------------------------------------------------------------------------- lookups and checks


def actor_of(session: Session, actor_id: str) -> User:
    user = session.get(User, actor_id)
    if user is None or user.deleted:
        raise PermissionDenied("Tài khoản không còn hoạt động.", "The account is no longer active.")
    return user


def denied() -> PermissionDenied:
    return PermissionDenied(
        "Bạn không có quyền thay đổi cuộc họp này: chỉ người chủ trì, thư ký hoặc đơn vị tổ chức được sửa.",
        "You may not change this meeting: only its chair, secretary or organising office may.",
    )


def require_organiser(session: Session, user: User, meeting: Meeting) -> None:
    """PermissionDenied unless ``user`` runs ``meeting`` (``access.organises``)."""
    if not access.organises(session, user, meeting):
        raise denied()


def _state_error(meeting: Meeting, doing_vi: str, doing_en: str) -> StateError:
    return StateError(
        f"Cuộc họp đang ở trạng thái “{STATE_NAMES_VI[meeting.state]}”: không thể {doing_vi}.",
        f"The meeting is {STATE_NAMES_EN[meeting.state].lower()}: it cannot {doing_en}.",
    )


def _require_state(meeting: Meeting, allowed: frozenset[str], doing_vi: str, doing_en: str) -> None:
    if meeting.state not in allowed:
        raise _state_error(meeting, doing_vi, doing_en)


def _require_new(session: Session, model: type[Any], ids: list[str], what_vi: str) -> None:
    """Client-chosen ids must not name an existing row (an id reused, or a forged op)."""
    for row_id in ids:
        if session.get(model, row_id) is not None:
            raise ValidationError(
                f"Mã {what_vi} đã được dùng; hãy tạo lại.", f"The id of the new {model.__name__} is taken; try again."
            )


def check_times(starts_at: datetime, ends_at: datetime) -> None:
    if aware(ends_at) <= aware(starts_at):
        raise ValidationError(
            "Thời gian kết thúc phải sau thời gian bắt đầu.", "The end must come after the start.", field="ends_at"
        )


def check_room(session: Session, room_id: str | None, organisation_id: str) -> Room | None:
    """The room, which must be one of the organisation's rooms."""
    if room_id is None:
        return None
    room = session.get(Room, room_id)
    if room is None or room.deleted:
        raise ValidationError("Không tìm thấy phòng họp.", "The meeting room was not found.", field="room_id")
    if room.organisation_id != organisation_id:
        raise ValidationError(
            f"Phòng họp “{room.name}” thuộc cơ quan khác; hãy chọn phòng của cơ quan tổ chức.",
            f"The room “{room.name}” belongs to another organisation; choose one of the organiser's rooms.",
            field="room_id",
        )
    return room


def _person(session: Session, user_id: str, field: str = "user_id") -> User:
    user = session.get(User, user_id)
    if user is None or user.deleted:
        raise ValidationError("Không tìm thấy người được chọn.", "The person chosen was not found.", field=field)
    return user


def _in_utc(fields: MeetingFields) -> MeetingFields:
    return replace(fields, starts_at=utc(fields.starts_at), ends_at=utc(fields.ends_at))


def _check_fields(session: Session, fields: MeetingFields, organisation_id: str) -> None:
    """Every check of a meeting's values, before anything is written."""
    if not fields.title.strip():
        raise ValidationError("Hãy nhập tên cuộc họp.", "Enter the meeting's title.", field="title")
    if fields.kind not in KIND_NAMES_VI:
        raise ValidationError(
            f"Loại cuộc họp “{fields.kind}” không có trong danh mục.",
            f"The kind of meeting “{fields.kind}” is not known.", field="kind",
        )
    check_times(fields.starts_at, fields.ends_at)
    check_room(session, fields.room_id, organisation_id)
    if fields.unit_id is not None:
        unit = session.get(Unit, fields.unit_id)
        if unit is None or unit.deleted or unit.organisation_id != organisation_id:
            raise ValidationError(
                "Đơn vị tổ chức phải là một đơn vị của cơ quan.",
                "The organising unit must belong to the organisation.", field="unit_id",
            )
    if fields.chair_id is not None:
        _person(session, fields.chair_id, "chair_id")
    if fields.secretary_id is not None:
        _person(session, fields.secretary_id, "secretary_id")
    if fields.chair_id is not None and fields.chair_id == fields.secretary_id:
        raise ValidationError(
            "Người chủ trì và thư ký phải là hai người khác nhau.", "The chair and the secretary must be two people.",
            field="secretary_id",
        )


def _audit(
    session: Session, actor_id: str, action: str, meeting: Meeting, before: dict[str, Any] | None,
    after: dict[str, Any] | None = None,
) -> None:
    session.flush()
    record(
        session, actor_id=actor_id, action=action, target_type="meeting", target_id=meeting.id,
        before=before, after=after if after is not None else snapshot(meeting),
    )


# --------------------------------------------------------------------------- who sees it


def touch(row: Any) -> None:
    """Re-version ``row`` (the server stamps a version on every changed synced row)."""
    row.updated_at = utcnow()


def reveal(session: Session, meeting: Meeting) -> None:
    """Re-version the meeting and every row hanging on it, for whoever now sees it.

    Someone who could not see the meeting when its sittings, participants, agenda and
    documents were versioned moved their cursor past them; they receive them now.
    """
    session.flush()
    touch(meeting)
    for model in MEETING_ROWS:
        if model is PrivateNote:  # its owner's alone, whatever the meeting: nobody new receives it
            continue
        for row in session.scalars(select(model).where(model.meeting_id == meeting.id)):
            touch(row)
    booked = {meeting.room_id, *session.scalars(select(Sitting.room_id).where(Sitting.meeting_id == meeting.id))}
    for room in session.scalars(select(Room).where(Room.id.in_(sorted(r for r in booked if r)))):
        touch(room)  # a guest from another organisation reads where it is
    share_people(session, meeting)


def share_people(session: Session, meeting: Meeting) -> None:
    """When a meeting's people come from several organisations, re-version their user rows:
    the directory shares them with whoever sees the meeting (``meetings.synced``), and a
    desk that could not see them before moved its cursor past their versions."""
    session.flush()
    ids: set[str] = set()
    for column in PEOPLE_COLUMNS:
        owner = column.class_
        key = owner.id if owner is Meeting else owner.meeting_id
        ids.update(i for i in session.scalars(select(column).where(key == meeting.id)) if i is not None)
    users = list(session.scalars(select(User).where(User.id.in_(sorted(ids)))))
    if len({u.organisation_id for u in users}) > 1:
        for user in users:
            touch(user)


def participant_id_for(meeting_id: str, user_id: str) -> str:
    """The id of the participant row a chair or secretary set on the meeting makes: derived,
    so that the operation replays to the same row on the client and the server."""
    return str(uuid.uuid5(uuid.UUID(meeting_id), f"participant:{user_id}"))


def _row_of(session: Session, meeting_id: str, user_id: str) -> Participant | None:
    """The user's participant row (removed ones too: the pair is unique)."""
    return session.scalars(
        select(Participant).where(Participant.meeting_id == meeting_id, Participant.user_id == user_id)
    ).first()


def _live_participants(session: Session, meeting_id: str) -> list[Participant]:
    return list(session.scalars(
        select(Participant).where(Participant.meeting_id == meeting_id, Participant.deleted.is_(False))
    ))


def _take_role(session: Session, meeting: Meeting, role: str, user_id: str | None) -> bool:
    """Give ``role`` (chair or secretary) to ``user_id`` (None: nobody): their participant
    row is made or changed, the former holder's becomes a member's. True when the holder
    changed (their sight of the meeting may have)."""
    column = "chair_id" if role == ParticipantRole.CHAIR.value else "secretary_id"
    former = getattr(meeting, column)
    if former == user_id:
        if user_id is not None:
            row = _row_of(session, meeting.id, user_id)
            if row is not None and (row.deleted or row.role != role):
                row.deleted, row.role = False, role
        return False
    if former is not None:
        old = _row_of(session, meeting.id, former)
        if old is not None and not old.deleted and old.role == role:
            old.role = ParticipantRole.MEMBER.value
    if user_id is not None:
        row = _row_of(session, meeting.id, user_id)
        if row is None:
            row = Participant(
                id=participant_id_for(meeting.id, user_id), meeting_id=meeting.id, user_id=user_id, role=role,
                votes=True,
            )
            session.add(row)
        else:
            if not row.deleted and row.role in (ParticipantRole.CHAIR.value, ParticipantRole.SECRETARY.value) \
                    and row.role != role:
                other = "chair_id" if row.role == ParticipantRole.CHAIR.value else "secretary_id"
                setattr(meeting, other, None)
            row.deleted, row.role = False, role
    setattr(meeting, column, user_id)
    return True


# --------------------------------------------------------------------------- meetings


def _span(session: Session, meeting: Meeting) -> None:
    """The meeting's times span its live sittings; the sittings are numbered by start."""
    session.flush()
    sittings = sorted(
        session.scalars(select(Sitting).where(Sitting.meeting_id == meeting.id, Sitting.deleted.is_(False))),
        key=lambda s: (aware(s.starts_at), s.id),
    )
    for number, sitting in enumerate(sittings, start=1):
        if sitting.number != number:
            sitting.number = number
    if sittings:
        meeting.starts_at = min(aware(s.starts_at) for s in sittings)
        meeting.ends_at = max(aware(s.ends_at) for s in sittings)


def live_sittings(session: Session, meeting_id: str) -> list[Sitting]:
    return list(session.scalars(
        select(Sitting).where(Sitting.meeting_id == meeting_id, Sitting.deleted.is_(False)).order_by(Sitting.number)
    ))


def create_meeting(
    session: Session, actor_id: str, meeting_id: str, sitting_id: str, fields: MeetingFields
) -> Meeting:
    """A draft meeting of the actor's organisation with its first sitting (same times and
    place) and its kind's default vote rules; its chair and secretary become participants."""
    actor = actor_of(session, actor_id)
    _require_new(session, Meeting, [meeting_id], "cuộc họp")
    _require_new(session, Sitting, [sitting_id], "phiên họp")
    fields = _in_utc(fields)
    _check_fields(session, fields, actor.organisation_id)
    meeting = Meeting(
        id=meeting_id, organisation_id=actor.organisation_id, unit_id=fields.unit_id or actor.unit_id,
        title=fields.title.strip(), kind=fields.kind, state=MeetingState.DRAFT.value, state_reason="",
        starts_at=fields.starts_at, ends_at=fields.ends_at, room_id=fields.room_id, place=fields.place,
        online_link=fields.online_link, secret=fields.secret, notes=fields.notes,
        vote_rules=rules.defaults_for(fields.kind).to_json(), created_by=actor.id,
    )
    session.add(meeting)
    session.add(Sitting(
        id=sitting_id, meeting_id=meeting_id, number=1, title="", starts_at=fields.starts_at,
        ends_at=fields.ends_at, room_id=fields.room_id, place=fields.place,
    ))
    session.flush()
    _take_role(session, meeting, ParticipantRole.CHAIR.value, fields.chair_id)
    _take_role(session, meeting, ParticipantRole.SECRETARY.value, fields.secretary_id)
    _audit(session, actor.id, "meeting.create", meeting, None)
    return meeting


def update_meeting(session: Session, actor_id: str, meeting_id: str, fields: MeetingFields) -> Meeting:
    """Change a meeting's values. With one sitting, the sitting follows the meeting's times
    and place; with several, the times are each sitting's (the meeting's must be their span)."""
    actor = actor_of(session, actor_id)
    meeting = meeting_of(session, meeting_id)
    require_organiser(session, actor, meeting)
    _require_state(meeting, EDITABLE, "sửa thông tin cuộc họp", "be edited")
    fields = _in_utc(fields)
    _check_fields(session, fields, meeting.organisation_id)
    sittings = live_sittings(session, meeting.id)
    if len(sittings) > 1 and (
        aware(fields.starts_at) != aware(meeting.starts_at) or aware(fields.ends_at) != aware(meeting.ends_at)
    ):
        raise ValidationError(
            "Cuộc họp có nhiều phiên: hãy sửa thời gian của từng phiên họp.",
            "The meeting has several sittings: change each sitting's times.", field="starts_at",
        )
    before = snapshot(meeting)
    was_secret = meeting.secret
    if fields.kind != meeting.kind and meeting.state == MeetingState.DRAFT.value:
        meeting.vote_rules = rules.defaults_for(fields.kind).to_json()
    meeting.title, meeting.kind = fields.title.strip(), fields.kind
    meeting.starts_at, meeting.ends_at = fields.starts_at, fields.ends_at
    meeting.room_id, meeting.place, meeting.online_link = fields.room_id, fields.place, fields.online_link
    meeting.unit_id = fields.unit_id or meeting.unit_id
    meeting.secret, meeting.notes = fields.secret, fields.notes
    if len(sittings) == 1:
        only = sittings[0]
        only.starts_at, only.ends_at, only.room_id, only.place = (
            fields.starts_at, fields.ends_at, fields.room_id, fields.place
        )
    moved = _take_role(session, meeting, ParticipantRole.CHAIR.value, fields.chair_id)
    moved = _take_role(session, meeting, ParticipantRole.SECRETARY.value, fields.secretary_id) or moved
    if moved or (was_secret and not meeting.secret):
        reveal(session, meeting)  # a new chair or secretary, the office once secrecy is lifted
    _audit(session, actor.id, "meeting.update", meeting, before)
    return meeting


# --------------------------------------------------------------------------- sittings


def _check_sitting(session: Session, meeting: Meeting, fields: SittingFields) -> SittingFields:
    fields = replace(fields, starts_at=utc(fields.starts_at), ends_at=utc(fields.ends_at))
    check_times(fields.starts_at, fields.ends_at)
    check_room(session, fields.room_id, meeting.organisation_id)
    return fields


def add_sitting(session: Session, actor_id: str, sitting_id: str, meeting_id: str, fields: SittingFields) -> Sitting:
    actor = actor_of(session, actor_id)
    meeting = meeting_of(session, meeting_id)
    require_organiser(session, actor, meeting)
    _require_state(meeting, EDITABLE, "thêm phiên họp", "take a new sitting")
    _require_new(session, Sitting, [sitting_id], "phiên họp")
    fields = _check_sitting(session, meeting, fields)
    before = snapshot(meeting)
    sitting = Sitting(
        id=sitting_id, meeting_id=meeting.id, number=1_000, title=fields.title, starts_at=fields.starts_at,
        ends_at=fields.ends_at, room_id=fields.room_id, place=fields.place,
    )
    session.add(sitting)
    _span(session, meeting)
    _audit(session, actor.id, "meeting.add_sitting", meeting, before,
           {**snapshot(meeting), "sitting": snapshot(sitting)})
    return sitting


def _sitting_of(session: Session, sitting_id: str) -> tuple[Sitting, Meeting]:
    sitting = session.get(Sitting, sitting_id)
    if sitting is None or sitting.deleted:
        raise NotFound("Không tìm thấy phiên họp.", "Sitting not found.")
    return sitting, meeting_of(session, sitting.meeting_id)


def update_sitting(session: Session, actor_id: str, sitting_id: str, fields: SittingFields) -> Sitting:
    actor = actor_of(session, actor_id)
    sitting, meeting = _sitting_of(session, sitting_id)
    require_organiser(session, actor, meeting)
    _require_state(meeting, EDITABLE, "sửa phiên họp", "have its sittings changed")
    fields = _check_sitting(session, meeting, fields)
    before = snapshot(sitting)
    sitting.starts_at, sitting.ends_at, sitting.title = fields.starts_at, fields.ends_at, fields.title
    sitting.room_id, sitting.place = fields.room_id, fields.place
    _span(session, meeting)
    if len(live_sittings(session, meeting.id)) == 1:
        meeting.room_id, meeting.place = fields.room_id, fields.place
    _audit(session, actor.id, "meeting.update_sitting", meeting, {"sitting": before},
           {**snapshot(meeting), "sitting": snapshot(sitting)})
    return sitting


def remove_sitting(session: Session, actor_id: str, sitting_id: str) -> Sitting:
    """Remove a sitting (kept as a deleted row); a meeting keeps at least one, and a sitting
    with agenda items keeps them unless they are removed first."""
    actor = actor_of(session, actor_id)
    sitting, meeting = _sitting_of(session, sitting_id)
    require_organiser(session, actor, meeting)
    _require_state(meeting, EDITABLE, "bỏ phiên họp", "have a sitting removed")
    if len(live_sittings(session, meeting.id)) <= 1:
        raise ValidationError(
            "Cuộc họp phải có ít nhất một phiên họp.", "A meeting keeps at least one sitting.", field="sitting_id"
        )
    has_items = session.scalar(
        select(AgendaItem.id).where(AgendaItem.sitting_id == sitting.id, AgendaItem.deleted.is_(False)).limit(1)
    )
    if has_items is not None:
        raise ValidationError(
            "Phiên họp còn nội dung trong chương trình; hãy chuyển hoặc bỏ các nội dung đó trước.",
            "The sitting still has agenda items; move or remove them first.", field="sitting_id",
        )
    before = snapshot(sitting)
    sitting.deleted = True
    _span(session, meeting)
    _audit(session, actor.id, "meeting.remove_sitting", meeting, {"sitting": before})
    return sitting


# --------------------------------------------------------------------------- participants


def _role_value(role: str) -> str:
    if role not in {r.value for r in ParticipantRole}:
        raise ValidationError(
            f"Vai trò “{role}” không có trong danh mục.", f"The role “{role}” is not known.", field="role"
        )
    return role


_VOTING_ROLES = (ParticipantRole.CHAIR.value, ParticipantRole.SECRETARY.value, ParticipantRole.MEMBER.value)


def in_office() -> ColumnElement[bool]:
    """SQL: a participant who is one of the members in office (tổng số thành viên / đại
    biểu, MEETINGS.md's denominator): one with a vote — the chair and the secretary are
    members too; guests and staff never are. What quorum and votes both count."""
    return and_(Participant.votes.is_(True), Participant.role.in_(_VOTING_ROLES))


def _votes_for(role: str, votes: bool) -> bool:
    """Guests and staff never vote (MEETINGS.md); the others as the organiser says."""
    return votes and role in _VOTING_ROLES


def add_participants(session: Session, actor_id: str, meeting_id: str, people: list[NewPerson]) -> list[Participant]:
    """Add people (from any organisation of the province) to a meeting, all or none.

    Someone already in the meeting, or named twice, refuses the whole batch with their
    name. A person removed earlier comes back on their old row (the pair is unique).
    """
    actor = actor_of(session, actor_id)
    meeting = meeting_of(session, meeting_id)
    require_organiser(session, actor, meeting)
    _require_state(meeting, PEOPLE_EDITABLE, "thêm người dự họp", "take new participants")
    if not people:
        raise ValidationError("Hãy chọn người dự họp.", "Choose the participants.", field="participants")
    seen: set[str] = set()
    chairs = [p for p in people if p.role == ParticipantRole.CHAIR.value]
    secretaries = [p for p in people if p.role == ParticipantRole.SECRETARY.value]
    if len(chairs) > 1 or len(secretaries) > 1:
        raise ValidationError(
            "Một cuộc họp chỉ có một người chủ trì và một thư ký.", "A meeting has one chair and one secretary.",
            field="role",
        )
    for p in people:
        _role_value(p.role)
        user = _person(session, p.user_id)
        existing = _row_of(session, meeting.id, p.user_id)
        if p.user_id in seen or (existing is not None and not existing.deleted):
            raise ValidationError(
                f"{user.full_name} đã có trong danh sách người dự họp.",
                f"{user.full_name} is already a participant.", field="participants",
            )
        seen.add(p.user_id)
        if existing is None:
            _require_new(session, Participant, [p.participant_id], "người dự họp")
    made: list[Participant] = []
    for p in people:
        row = _row_of(session, meeting.id, p.user_id)
        if row is None:
            row = Participant(id=p.participant_id, meeting_id=meeting.id, user_id=p.user_id)
            session.add(row)
        row.deleted, row.role, row.votes = False, ParticipantRole.MEMBER.value, _votes_for(p.role, p.votes)
        row.answer, row.answer_reason, row.answered_at = Answer.PENDING.value, "", None
        row.substitute_id, row.substitute_name = None, ""
        if p.role not in (ParticipantRole.CHAIR.value, ParticipantRole.SECRETARY.value):
            row.role = p.role
        made.append(row)
    session.flush()
    for p in chairs:
        _take_role(session, meeting, ParticipantRole.CHAIR.value, p.user_id)
    for p in secretaries:
        _take_role(session, meeting, ParticipantRole.SECRETARY.value, p.user_id)
    if meeting.state != MeetingState.DRAFT.value or chairs or secretaries:
        reveal(session, meeting)  # the newcomers receive the rows versioned before them
    else:
        share_people(session, meeting)  # the organisers learn of people of other organisations
    added = [{"user_id": r.user_id, "role": p.role, "votes": r.votes} for r, p in zip(made, people, strict=True)]
    _audit(session, actor.id, "meeting.add_participants", meeting, None, {"participants": added})
    return made


def _participant_of(session: Session, participant_id: str) -> tuple[Participant, Meeting]:
    row = session.get(Participant, participant_id)
    if row is None or row.deleted:
        raise NotFound("Không tìm thấy người dự họp.", "Participant not found.")
    return row, meeting_of(session, row.meeting_id)


def set_participant_role(session: Session, actor_id: str, participant_id: str, role: str, votes: bool) -> Participant:
    actor = actor_of(session, actor_id)
    row, meeting = _participant_of(session, participant_id)
    require_organiser(session, actor, meeting)
    _require_state(meeting, PEOPLE_EDITABLE, "đổi vai trò người dự họp", "have roles changed")
    _role_value(role)
    before = snapshot(row)
    if role in (ParticipantRole.CHAIR.value, ParticipantRole.SECRETARY.value):
        _take_role(session, meeting, role, row.user_id)
    else:
        if meeting.chair_id == row.user_id:
            meeting.chair_id = None
        if meeting.secretary_id == row.user_id:
            meeting.secretary_id = None
        row.role = role
    row.votes = _votes_for(role, votes)
    touch(meeting)  # a chair or secretary who stops being one may lose sight of it
    _audit(session, actor.id, "meeting.set_participant_role", meeting, {"participant": before},
           {"participant": snapshot(row)})
    return row


def remove_participant(session: Session, actor_id: str, participant_id: str) -> Participant:
    """Take someone out of a meeting (their row kept as deleted); the meeting is re-versioned
    so that their desk drops it."""
    actor = actor_of(session, actor_id)
    row, meeting = _participant_of(session, participant_id)
    require_organiser(session, actor, meeting)
    _require_state(meeting, PEOPLE_EDITABLE, "bỏ người dự họp", "have participants removed")
    before = snapshot(row)
    row.deleted = True
    if meeting.chair_id == row.user_id:
        meeting.chair_id = None
    if meeting.secretary_id == row.user_id:
        meeting.secretary_id = None
    touch(meeting)
    _audit(session, actor.id, "meeting.remove_participant", meeting, {"participant": before})
    return row


def answer_invitation(
    session: Session, actor_id: str, participant_id: str, answer: str, *, reason: str = "",
    substitute_id: str | None = None, substitute_name: str = "", answered_at: datetime | None = None,
) -> Participant:
    """A participant's answer: will attend, absent with a reason (kept with its time, HĐND
    Đ.93), or sends a substitute named by user or by name. Given by the participant, or by
    an organiser noting an answer given by phone."""
    actor = actor_of(session, actor_id)
    row, meeting = _participant_of(session, participant_id)
    if row.user_id != actor.id and not access.organises(session, actor, meeting):
        raise PermissionDenied(
            "Bạn chỉ trả lời giấy mời của chính mình.", "You may answer only your own invitation."
        )
    _require_state(meeting, ANSWERABLE, "trả lời giấy mời", "be answered")
    reason = reason.strip()
    substitute_name = substitute_name.strip()
    if answer == Answer.ABSENT.value and not reason:
        raise ValidationError(
            "Hãy nêu lý do vắng mặt.", "Give the reason for the absence.", field="reason"
        )
    if answer == Answer.SUBSTITUTE.value:
        if substitute_id is None and not substitute_name:
            raise ValidationError(
                "Hãy cho biết người dự thay.", "Name the substitute.", field="substitute_id"
            )
        if substitute_id is not None:
            substitute = _person(session, substitute_id, "substitute_id")
            if substitute_id == row.user_id:
                raise ValidationError(
                    "Người dự thay phải là người khác.", "The substitute must be someone else.", field="substitute_id"
                )
            other = _row_of(session, meeting.id, substitute_id)
            if other is not None and not other.deleted:
                raise ValidationError(
                    f"{substitute.full_name} đã có trong danh sách người dự họp.",
                    f"{substitute.full_name} is already a participant.", field="substitute_id",
                )
            substitute_name = substitute_name or substitute.full_name
    elif answer not in (Answer.ATTEND.value, Answer.ABSENT.value):
        raise ValidationError(
            f"Câu trả lời “{answer}” không hợp lệ.", f"The answer “{answer}” is not valid.", field="answer"
        )
    before = snapshot(row)
    former_substitute = row.substitute_id
    row.answer = answer
    row.answer_reason = reason if answer != Answer.ATTEND.value else ""
    row.substitute_id = substitute_id if answer == Answer.SUBSTITUTE.value else None
    row.substitute_name = substitute_name if answer == Answer.SUBSTITUTE.value else ""
    row.answered_at = utc(answered_at) if answered_at is not None else utcnow()
    if row.substitute_id != former_substitute:
        if row.substitute_id is not None:
            reveal(session, meeting)  # the substitute receives the meeting
        else:
            touch(meeting)
    _audit(session, actor.id, "meeting.answer", meeting, {"participant": before}, {"participant": snapshot(row)})
    return row


# --------------------------------------------------------------------------- states


def check_transition(session: Session, actor: User, meeting: Meeting, state: str, reason: str) -> None:
    """Every check of a change of state (offline too, so that a desk refuses at once)."""
    require_organiser(session, actor, meeting)
    if state not in TRANSITIONS:
        raise ValidationError(
            f"Trạng thái “{state}” không hợp lệ.", f"The state “{state}” is not valid.", field="state"
        )
    if state not in TRANSITIONS[meeting.state]:
        raise StateError(
            f"Không thể chuyển cuộc họp từ “{STATE_NAMES_VI[meeting.state]}” sang “{STATE_NAMES_VI[state]}”.",
            f"A meeting cannot go from {STATE_NAMES_EN[meeting.state].lower()} to {STATE_NAMES_EN[state].lower()}.",
            field="state",
        )
    if state in WITH_REASON and not reason.strip():
        raise ValidationError(
            "Hãy nêu lý do hoãn hoặc hủy cuộc họp; lý do được gửi tới mọi người dự họp.",
            "Give the reason for postponing or cancelling; every participant is told it.", field="reason",
        )
    if state == MeetingState.SCHEDULED.value and not _live_participants(session, meeting.id):
        raise ValidationError(
            "Cuộc họp chưa có người dự họp; hãy thêm người dự trước khi mời.",
            "The meeting has no participants; add them before sending invitations.", field="participants",
        )


def change_state(session: Session, actor_id: str, meeting_id: str, state: str, reason: str = "") -> Meeting:
    """Move a meeting to ``state`` (see ``TRANSITIONS``). Scheduling it again after a
    postponement asks everyone again (their answers were for the old times)."""
    actor = actor_of(session, actor_id)
    meeting = meeting_of(session, meeting_id)
    check_transition(session, actor, meeting, state, reason)
    before = snapshot(meeting)
    former = meeting.state
    meeting.state = state
    meeting.state_reason = reason.strip() if state in WITH_REASON else ""
    if state == MeetingState.SCHEDULED.value:
        if former == MeetingState.POSTPONED.value:
            for row in _live_participants(session, meeting.id):
                row.answer, row.answer_reason, row.answered_at = Answer.PENDING.value, "", None
                row.substitute_id, row.substitute_name = None, ""
        reveal(session, meeting)  # participants see it from now on, with all its rows
    _audit(session, actor.id, "meeting.change_state", meeting, before,
           {**snapshot(meeting), "reason": meeting.state_reason})
    return meeting


# --------------------------------------------------------------------------- the history's sentences

report.LABELS_VI.update({
    "meeting.create_room": "Thêm phòng họp",
    "meeting.create": "Tạo cuộc họp",
    "meeting.update": "Sửa thông tin cuộc họp",
    "meeting.add_sitting": "Thêm phiên họp",
    "meeting.update_sitting": "Sửa phiên họp",
    "meeting.remove_sitting": "Bỏ phiên họp",
    "meeting.add_participants": "Thêm người dự họp",
    "meeting.set_participant_role": "Đổi vai trò người dự họp",
    "meeting.remove_participant": "Bỏ người dự họp",
    "meeting.answer": "Trả lời giấy mời họp",
    "meeting.change_state": "Đổi trạng thái cuộc họp",
})
report.LABELS_EN.update({
    "meeting.create_room": "Meeting room added",
    "meeting.create": "Meeting created",
    "meeting.update": "Meeting edited",
    "meeting.add_sitting": "Sitting added",
    "meeting.update_sitting": "Sitting edited",
    "meeting.remove_sitting": "Sitting removed",
    "meeting.add_participants": "Participants added",
    "meeting.set_participant_role": "Participant's role changed",
    "meeting.remove_participant": "Participant removed",
    "meeting.answer": "Invitation answered",
    "meeting.change_state": "Meeting state changed",
})
report._WITH_REASON.update({"meeting.change_state"})
