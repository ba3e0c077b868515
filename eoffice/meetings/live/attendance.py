"""Attendance and quorum: who is in the hall, online, absent (with the reason and when it
was reported), represented by a substitute, who left and came back, and whether the
meeting has its quorum now.

Check-in: the staff or the organisers tick the list (``mark``) or scan the QR code of the
invitation (``check_in_pass``, verified with the server's key: it must be this meeting's
and name one of its participants); a delegate checks in from the app (``check_in``).
Every change is logged with its time (``AttendanceEntry``), so the minutes say who left
early and who came back.

Before anything is recorded a participant who answered the invitation "absent" counts as
absent, with the reason and the time of the answer.

**Substitutes and the quorum.** A substitute present (người dự thay) counts toward the
members present (``SUBSTITUTES_COUNT``): the member's seat is taken, as the secretariats
report it ("có mặt … đại biểu, trong đó … người dự thay"). Whether the substitute *votes*
is the votes' rule, not this one. A meeting whose law says otherwise (an HĐND session: no
one stands in for a delegate) does not admit substitutes in the first place.

Counting is one GROUP BY over the participants and their attendance, whatever their
number.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, case, func, literal_column, select, update
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.elements import ColumnElement

from eoffice.audit.chain import record
from eoffice.directory.models import User
from eoffice.errors import NotFound, PermissionDenied, StateError, ValidationError
from eoffice.meetings import access, passes, rules
from eoffice.meetings.live import telling
from eoffice.meetings.live.models import PRESENT, Attendance, AttendanceEntry, CheckInMethod, MeetingSession, Presence
from eoffice.meetings.live.schemas import AttendanceRow, AttendanceView, Quorum
from eoffice.meetings.live.session import iso, locked_row, require_live
from eoffice.meetings.models import Answer, Meeting, MeetingState, Participant, ParticipantRole
from eoffice.meetings.meetings import in_office
from eoffice.meetings.organising import meeting_of
from eoffice.meetings.values import aware
from eoffice.sync.versioning import reserve_version

#: A substitute present counts toward the members present (see the module's docstring).
SUBSTITUTES_COUNT = True
#: Meeting states in which people check in (before the opening too: they arrive early).
OPEN_STATES = frozenset({MeetingState.SCHEDULED.value, MeetingState.IN_SESSION.value})


def _text(value: str) -> ColumnElement[Any]:
    # Inline, not a bound parameter: PostgreSQL must see the GROUP BY expression as the
    # selected one.
    return literal_column(f"'{value}'")


def _presence() -> ColumnElement[Any]:
    """SQL: a participant's presence now (an invitation answered "absent" counts)."""
    return case(
        (Attendance.presence.is_not(None), Attendance.presence),
        (Participant.answer == _text(Answer.ABSENT.value), _text(Presence.ABSENT.value)),
        else_=_text(Presence.NOT_ARRIVED.value),
    )


def _joined(query: Any, meeting_id: str) -> Any:
    return query.outerjoin(
        Attendance, and_(Attendance.meeting_id == Participant.meeting_id, Attendance.participant_id == Participant.id)
    ).where(Participant.meeting_id == meeting_id, Participant.deleted.is_(False))


def _counted(session: Session, meeting_id: str) -> tuple[dict[str, int], dict[str, int]]:
    """Participants per presence, and members (with a vote) per presence: one statement."""
    presence = _presence()
    member = case(
        (in_office(), 1), else_=0
    )
    rows = session.execute(
        _joined(select(presence, member, func.count()).select_from(Participant), meeting_id).group_by(presence, member)
    ).all()
    everyone: dict[str, int] = {}
    members: dict[str, int] = {}
    for value, is_member, count in rows:
        everyone[value] = everyone.get(value, 0) + count
        if is_member:
            members[value] = members.get(value, 0) + count
    return everyone, members


def _present(value: str) -> bool:
    return value in PRESENT and (SUBSTITUTES_COUNT or value != Presence.SUBSTITUTE.value)


def _quorum(meeting: Meeting, members: dict[str, int]) -> Quorum:
    total = sum(members.values())
    present = sum(count for value, count in members.items() if _present(value))
    rule = rules.RuleSet.from_json(meeting.vote_rules).quorum
    share = str(rules.percent(present, total))
    if rule is None:
        return Quorum(members=total, present=present, percent=share)
    needed = rule.needed(total)
    return Quorum(
        label=rule.label, citation=rule.citation, members=total, present=present, needed=needed,
        holds=present >= needed, percent=share,
    )


def quorum(session: Session, meeting_id: str) -> Quorum:
    """The meeting's quorum rule applied to its members present now."""
    meeting = meeting_of(session, meeting_id)
    return _quorum(meeting, _counted(session, meeting_id)[1])


def rows(session: Session, meeting_id: str, participant_ids: list[str] | None = None) -> list[AttendanceRow]:
    """Every participant's attendance (or those named), by name: one statement."""
    substitute = aliased(User)
    query = _joined(
        select(Participant, User.full_name, substitute.full_name, Attendance)
        .select_from(Participant).join(User, User.id == Participant.user_id)
        .outerjoin(substitute, substitute.id == Participant.substitute_id),
        meeting_id,
    ).order_by(User.full_name, Participant.id)
    if participant_ids is not None:
        query = query.where(Participant.id.in_(participant_ids))
    opened = session.scalar(select(MeetingSession.opened_at).where(MeetingSession.meeting_id == meeting_id))
    result = []
    for person, name, substitute_name, attendance in session.execute(query).all():
        result.append(_row(person, name, substitute_name, attendance, opened))
    return result


def _row(
    person: Participant, name: str, substitute_name: str | None, attendance: Attendance | None,
    opened: datetime | None,
) -> AttendanceRow:
    row = AttendanceRow(
        participant_id=person.id, user_id=person.user_id, full_name=name, role=person.role, votes=person.votes,
        presence=Presence.NOT_ARRIVED.value, substitute_id=person.substitute_id,
        substitute_name=substitute_name or person.substitute_name,
    )
    if attendance is None:
        if person.answer == Answer.ABSENT.value:
            row.presence, row.reason = Presence.ABSENT.value, person.answer_reason
            row.reported_at = iso(person.answered_at)
        return row
    row.presence, row.reason, row.reported_at = attendance.presence, attendance.reason, iso(attendance.reported_at)
    row.arrived_at, row.left_at, row.method = iso(attendance.arrived_at), iso(attendance.left_at), attendance.method
    row.late = bool(opened and attendance.arrived_at and aware(attendance.arrived_at) > aware(opened))
    return row


def attendance_view(
    session: Session, meeting_id: str, participant_ids: list[str] | None = None
) -> AttendanceView:
    """Counts, quorum and the rows (everyone's, or only those named: ``complete`` False)."""
    meeting = meeting_of(session, meeting_id)
    everyone, members = _counted(session, meeting_id)
    return AttendanceView(
        hall=everyone.get(Presence.HALL.value, 0), online=everyone.get(Presence.ONLINE.value, 0),
        substitutes=everyone.get(Presence.SUBSTITUTE.value, 0), absent=everyone.get(Presence.ABSENT.value, 0),
        not_arrived=everyone.get(Presence.NOT_ARRIVED.value, 0), left=everyone.get(Presence.LEFT.value, 0),
        quorum=_quorum(meeting, members), rows=rows(session, meeting_id, participant_ids),
        complete=participant_ids is None,
    )


# --------------------------------------------------------------------------- recording


def stamp_attended(session: Session, meeting_id: str, closed_at: datetime) -> int:
    """At the close: each participant who came gets their time at the meeting on their
    synced row (first arrival; departure, else the close), for the work diary. One
    statement for all of them, versioned with the closing transaction."""
    version = reserve_version(session)
    came = session.execute(
        select(Attendance.participant_id, Attendance.arrived_at, Attendance.presence, Attendance.left_at)
        .where(Attendance.meeting_id == meeting_id, Attendance.arrived_at.is_not(None))
    ).all()
    values = [
        {"id": pid, "attended_from": arrived,
         "attended_until": left if presence == Presence.LEFT.value and left is not None else closed_at,
         "server_version": version}
        for pid, arrived, presence, left in came
    ]
    if values:
        session.execute(update(Participant), values)
    return len(values)


def _may_check_in_others(session: Session, actor: User, meeting: Meeting) -> bool:
    if access.organises(session, actor, meeting):
        return True
    me = access.participant_of(session, meeting.id, actor.id)
    return me is not None and me.user_id == actor.id and me.role == ParticipantRole.STAFF.value


def _open(session: Session, meeting: Meeting) -> None:
    """The session's row, locked (attendance changes of one meeting follow one another)."""
    if meeting.state not in OPEN_STATES:
        raise StateError(
            "Chỉ điểm danh được cuộc họp đã gửi giấy mời và chưa kết thúc.",
            "Check-in is only for a meeting whose invitations are out and that is not over.",
        )
    require_live(locked_row(session, meeting.id))


def _participant(session: Session, meeting_id: str, participant_id: str) -> Participant:
    person = session.get(Participant, participant_id)
    if person is None or person.deleted or person.meeting_id != meeting_id:
        raise NotFound("Không tìm thấy người dự họp.", "Participant not found.")
    return person


def _record(
    session: Session, actor_id: str, meeting: Meeting, person: Participant, presence: str, method: str,
    reason: str, now: datetime,
) -> AttendanceRow:
    """Write the change, log it, audit it and tell everyone (nothing when it changes nothing)."""
    if presence not in {p.value for p in Presence}:
        raise ValidationError("Trạng thái điểm danh không hợp lệ.", "The attendance state is not valid.",
                              field="presence")
    row = session.scalars(
        select(Attendance).where(Attendance.meeting_id == meeting.id, Attendance.participant_id == person.id)
    ).one_or_none()
    if row is None:
        row = Attendance(meeting_id=meeting.id, participant_id=person.id, user_id=person.user_id,
                         presence=Presence.NOT_ARRIVED.value, reason="")
        session.add(row)
    before = row.presence
    if presence == before and presence in PRESENT:
        session.flush()
        return rows(session, meeting.id, [person.id])[0]  # a second scan of the same pass
    if presence == Presence.SUBSTITUTE.value and not (person.substitute_id or person.substitute_name):
        raise ValidationError(
            "Người này không cử người dự thay.", "This participant sent no substitute.", field="presence"
        )
    if presence in PRESENT:
        row.arrived_at = row.arrived_at or now
        row.left_at, row.reason, row.reported_at = None, "", None
    elif presence == Presence.LEFT.value:
        if before not in PRESENT:
            raise StateError("Người này chưa có mặt nên không thể ghi rời cuộc họp.",
                             "This participant is not present, so cannot leave.")
        row.left_at = now
    elif presence == Presence.ABSENT.value:
        if before in PRESENT:
            raise StateError("Người này đang có mặt; hãy ghi rời cuộc họp.",
                             "This participant is present; record them leaving instead.")
        text = reason.strip()[:1000]
        if not text and person.answer == Answer.ABSENT.value and person.answer_reason:
            row.reason, row.reported_at = person.answer_reason, person.answered_at
        else:
            row.reason, row.reported_at = text, now
    else:  # not arrived: a wrong tick undone
        row.arrived_at = row.left_at = row.reported_at = None
        row.reason = ""
    row.presence, row.method, row.by_id = presence, method, actor_id
    session.add(AttendanceEntry(
        meeting_id=meeting.id, participant_id=person.id, presence=presence, reason=row.reason, method=method,
        by_id=actor_id, at=now,
    ))
    session.flush()
    record(
        session, actor_id=actor_id, action="meeting.check_in", target_type="meeting", target_id=meeting.id,
        before={"participant_id": person.id, "presence": before},
        after={"participant_id": person.id, "user_id": person.user_id, "presence": presence, "method": method},
    )
    event = attendance_view(session, meeting.id, [person.id])
    telling.announce(session, meeting.id, telling.ATTENDANCE, event)
    return event.rows[0]


def mark(
    session: Session, actor_id: str, meeting_id: str, participant_id: str, presence: str, now: datetime,
    reason: str = "",
) -> AttendanceRow:
    """The staff or an organiser records someone's attendance from the list: present in
    the hall or online, their substitute present, absent (with the reason: the one given
    now, else the invitation's answer), left, or a wrong tick undone."""
    meeting = meeting_of(session, meeting_id)
    actor = session.get(User, actor_id)
    if actor is None or not _may_check_in_others(session, actor, meeting):
        raise PermissionDenied(
            "Chỉ người tổ chức hoặc cán bộ phục vụ cuộc họp mới được điểm danh người khác.",
            "Only the meeting's organisers or staff may check others in.",
        )
    _open(session, meeting)
    person = _participant(session, meeting_id, participant_id)
    return _record(session, actor_id, meeting, person, presence, CheckInMethod.LIST.value, reason, now)


def check_in(session: Session, actor_id: str, meeting_id: str, online: bool, now: datetime) -> AttendanceRow:
    """The delegate checks themselves in from the app (a substitute: as the substitute)."""
    meeting = meeting_of(session, meeting_id)
    person = access.participant_of(session, meeting_id, actor_id)
    if person is None:
        raise PermissionDenied("Bạn không có tên trong danh sách dự họp.", "You are not a participant.")
    _open(session, meeting)
    if person.user_id != actor_id:
        presence = Presence.SUBSTITUTE.value
    else:
        presence = Presence.ONLINE.value if online else Presence.HALL.value
    return _record(session, actor_id, meeting, person, presence, CheckInMethod.SELF.value, "", now)


def check_out(session: Session, actor_id: str, meeting_id: str, now: datetime) -> AttendanceRow:
    """The delegate leaves (may come back: ``check_in`` again)."""
    meeting = meeting_of(session, meeting_id)
    person = access.participant_of(session, meeting_id, actor_id)
    if person is None:
        raise PermissionDenied("Bạn không có tên trong danh sách dự họp.", "You are not a participant.")
    _open(session, meeting)
    return _record(session, actor_id, meeting, person, Presence.LEFT.value, CheckInMethod.SELF.value, "", now)


def check_in_pass(
    session: Session, actor_id: str, meeting_id: str, token: str, public_key: Any, now: datetime
) -> AttendanceRow:
    """The QR code of an invitation at the door: present in the hall. ``passes.PassRefused``
    when it is forged, another meeting's, or names someone not (or no longer) invited."""
    meeting = meeting_of(session, meeting_id)
    actor = session.get(User, actor_id)
    if actor is None or not _may_check_in_others(session, actor, meeting):
        raise PermissionDenied(
            "Chỉ người tổ chức hoặc cán bộ phục vụ cuộc họp mới được quét mã điểm danh.",
            "Only the meeting's organisers or staff may scan check-in codes.",
        )
    _open(session, meeting)
    people = dict(session.execute(
        select(Participant.user_id, Participant.id).where(
            Participant.meeting_id == meeting_id, Participant.deleted.is_(False)
        )
    ).all())
    admitted = passes.verify(token, meeting_id, public_key, frozenset(people))
    person = _participant(session, meeting_id, people[admitted.user_id])
    return _record(session, actor_id, meeting, person, Presence.HALL.value, CheckInMethod.PASS.value, "", now)
