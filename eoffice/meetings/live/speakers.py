"""Speakers: a delegate asks to speak on the item shown, the chair accepts, orders or
refuses, gives the floor, pauses and resumes the clock, and calls the next speaker with
one action. A point of order (``kind`` "order") is accepted at once, ahead of the queue.

Every speech keeps its start and end (``Speech``), so the minutes say who spoke and the
chair sees each participant's total, those who never spoke included. The elapsed time
is computed from the stored times at a given ``now`` (``SpeechView.elapsed_seconds`` at
the event's or snapshot's ``server_time``): the screens count down from there.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from eoffice.directory.models import User
from eoffice.errors import NotFound, PermissionDenied, StateError, ValidationError
from eoffice.meetings import access
from eoffice.meetings.live import telling
from eoffice.meetings.live.models import MeetingSession, Speech, SpeechKind, SpeechState
from eoffice.meetings.live.schemas import SpeakersView, SpeakerTotal, SpeechView
from eoffice.meetings.live.session import chair, iso, locked_row, require_live
from eoffice.meetings.models import MeetingState, Participant
from eoffice.meetings.organising import meeting_of
from eoffice.meetings.values import aware

#: Requests still in the queue (the chair has not given the floor, refused, nor the
#: delegate withdrawn).
QUEUED = (SpeechState.WAITING.value, SpeechState.ACCEPTED.value)
#: The limit before the session's row exists (``MeetingSession.speech_limit_seconds``).
DEFAULT_LIMIT = 300


def elapsed(speech: Speech, now: datetime) -> int:
    """Whole seconds spoken at ``now``, pauses left out."""
    if speech.started_at is None:
        return 0
    end = speech.ended_at or speech.paused_at or now
    spoken = (aware(end) - aware(speech.started_at)).total_seconds() - speech.paused_seconds
    return max(0, int(spoken))


def _view(speech: Speech, name: str, now: datetime) -> SpeechView:
    return SpeechView(
        id=speech.id, user_id=speech.user_id, full_name=name, item_id=speech.item_id, kind=speech.kind,
        state=speech.state, position=speech.position, requested_at=iso(speech.requested_at) or "",
        started_at=iso(speech.started_at), ended_at=iso(speech.ended_at), limit_seconds=speech.limit_seconds,
        elapsed_seconds=elapsed(speech, now),
        running=speech.state == SpeechState.SPEAKING.value and speech.paused_at is None,
    )


def speakers_view(session: Session, meeting_id: str, now: datetime) -> SpeakersView:
    """The queue in order, who speaks, and everyone's totals (three statements)."""
    row = session.get(MeetingSession, meeting_id)
    speeches = session.execute(
        select(Speech, User.full_name).join(User, User.id == Speech.user_id)
        .where(Speech.meeting_id == meeting_id)
        .order_by(Speech.position, Speech.requested_at, Speech.id)
    ).all()
    people = session.execute(
        select(Participant.user_id, User.full_name).join(User, User.id == Participant.user_id)
        .where(Participant.meeting_id == meeting_id, Participant.deleted.is_(False))
        .order_by(User.full_name, Participant.user_id)
    ).all()
    totals = {user_id: SpeakerTotal(user_id=user_id, full_name=name) for user_id, name in people}
    queue, current = [], None
    for speech, name in speeches:
        if speech.state in QUEUED:
            queue.append(_view(speech, name, now))
        if speech.started_at is not None:
            total = totals.setdefault(speech.user_id, SpeakerTotal(user_id=speech.user_id, full_name=name))
            total.speeches += 1
            total.seconds += elapsed(speech, now)
        if speech.state == SpeechState.SPEAKING.value:
            current = _view(speech, name, now)
    limit = row.speech_limit_seconds if row is not None else DEFAULT_LIMIT
    return SpeakersView(queue=queue, current=current, totals=list(totals.values()), limit_seconds=limit)


def _tell(session: Session, meeting_id: str, now: datetime) -> SpeakersView:
    """Tell everyone the speakers' part; the answer (and the snapshot) lists everyone's
    totals, the event only those who have spoken: a screen knows the participants from
    the attendance part, and 500 rows of zeros in every event, to 500 delegates, made
    calling the next speaker ten times slower than showing an item (``bench/meetings.py``)."""
    result = speakers_view(session, meeting_id, now)
    told = result.model_copy(update={"totals": [t for t in result.totals if t.speeches]})
    telling.announce(session, meeting_id, telling.SPEAKERS, told)
    return result


def _speech(session: Session, meeting_id: str, speech_id: str) -> Speech:
    speech = session.get(Speech, speech_id)
    if speech is None or speech.meeting_id != meeting_id:
        raise NotFound("Không tìm thấy lượt đăng ký phát biểu.", "Request to speak not found.")
    return speech


def _name(session: Session, user_id: str) -> str:
    user = session.get(User, user_id)
    return user.full_name if user is not None else ""


def _head(session: Session, meeting_id: str) -> int:
    value = session.scalar(
        select(func.min(Speech.position)).where(Speech.meeting_id == meeting_id, Speech.state.in_(QUEUED))
    )
    return int(value) if value is not None else 1


def _tail(session: Session, meeting_id: str) -> int:
    value = session.scalar(
        select(func.max(Speech.position)).where(Speech.meeting_id == meeting_id, Speech.state.in_(QUEUED))
    )
    return int(value) if value is not None else 0


# --------------------------------------------------------------------------- the delegate


def ask(session: Session, actor_id: str, meeting_id: str, kind: str, now: datetime) -> SpeechView:
    """A participant (or the substitute present for one) asks to speak on the item shown."""
    meeting = meeting_of(session, meeting_id)
    if access.participant_of(session, meeting.id, actor_id) is None:
        raise PermissionDenied(
            "Chỉ người dự họp mới đăng ký phát biểu được.", "Only the meeting's participants may ask to speak."
        )
    if kind not in (SpeechKind.SPEECH.value, SpeechKind.POINT_OF_ORDER.value):
        raise ValidationError(
            "Loại đăng ký phát biểu không hợp lệ.", "The kind of request to speak is not valid.", field="kind"
        )
    if meeting.state not in (MeetingState.SCHEDULED.value, MeetingState.IN_SESSION.value):
        raise StateError("Cuộc họp không diễn ra: không đăng ký phát biểu được.",
                         "The meeting is not being held: nobody asks to speak.")
    row = locked_row(session, meeting_id)
    require_live(row)
    pending = session.scalar(
        select(func.count()).select_from(Speech).where(
            Speech.meeting_id == meeting_id, Speech.user_id == actor_id, Speech.kind == kind,
            or_(Speech.state.in_(QUEUED), Speech.state == SpeechState.SPEAKING.value),
        )
    )
    if pending:
        raise StateError(
            "Bạn đã đăng ký phát biểu và đang chờ đến lượt.", "You already asked to speak and are waiting your turn."
        )
    order = kind == SpeechKind.POINT_OF_ORDER.value
    speech = Speech(
        meeting_id=meeting_id, item_id=row.item_id, user_id=actor_id, kind=kind, requested_at=now,
        state=SpeechState.ACCEPTED.value if order else SpeechState.WAITING.value,
        position=_head(session, meeting_id) - 1 if order else _tail(session, meeting_id) + 1,
    )
    session.add(speech)
    session.flush()
    _tell(session, meeting_id, now)
    return _view(speech, _name(session, actor_id), now)


def withdraw(session: Session, actor_id: str, meeting_id: str, speech_id: str, now: datetime) -> SpeakersView:
    """The delegate takes back their own request (before being given the floor)."""
    row = locked_row(session, meeting_id)
    speech = _speech(session, meeting_id, speech_id)
    if speech.user_id != actor_id:
        raise PermissionDenied("Chỉ người đăng ký mới rút được.", "Only whoever asked may withdraw the request.")
    require_live(row)
    if speech.state not in QUEUED:
        raise StateError("Lượt đăng ký này không còn chờ.", "This request is no longer waiting.")
    speech.state = SpeechState.WITHDRAWN.value
    return _tell(session, meeting_id, now)


# --------------------------------------------------------------------------- the chair


def end_current(session: Session, row: MeetingSession, now: datetime) -> bool:
    """End the speech under way, if any (its pause, if paused, ends with it)."""
    if row.speech_id is None:
        return False
    current = session.get(Speech, row.speech_id)
    row.speech_id = None
    if current is None or current.state != SpeechState.SPEAKING.value:
        return False
    if current.paused_at is not None:
        current.ended_at = current.paused_at  # the clock stopped when it was paused
        current.paused_at = None
    else:
        current.ended_at = now
    current.state = SpeechState.DONE.value
    return True


def _give_floor(row: MeetingSession, speech: Speech, now: datetime) -> None:
    speech.state, speech.started_at, speech.limit_seconds = SpeechState.SPEAKING.value, now, row.speech_limit_seconds
    speech.paused_at, speech.paused_seconds = None, 0
    row.speech_id = speech.id


def accept(session: Session, actor_id: str, meeting_id: str, speech_id: str, now: datetime) -> SpeakersView:
    _actor, _meeting, row = chair(session, actor_id, meeting_id)
    require_live(row)
    speech = _speech(session, meeting_id, speech_id)
    if speech.state != SpeechState.WAITING.value:
        raise StateError("Lượt đăng ký này không còn chờ duyệt.", "This request is not waiting for the chair.")
    speech.state = SpeechState.ACCEPTED.value
    return _tell(session, meeting_id, now)


def refuse(
    session: Session, actor_id: str, meeting_id: str, speech_id: str, now: datetime, reason: str = ""
) -> SpeakersView:
    _actor, _meeting, row = chair(session, actor_id, meeting_id)
    require_live(row)
    speech = _speech(session, meeting_id, speech_id)
    if speech.state not in QUEUED:
        raise StateError("Lượt đăng ký này không còn chờ.", "This request is no longer waiting.")
    speech.state, speech.reason = SpeechState.REFUSED.value, reason.strip()[:500]
    return _tell(session, meeting_id, now)


def reorder(session: Session, actor_id: str, meeting_id: str, ids: list[str], now: datetime) -> SpeakersView:
    """The queue in the chair's order: ``ids`` first, in that order, then the others as
    they were."""
    _actor, _meeting, row = chair(session, actor_id, meeting_id)
    require_live(row)
    queued = list(session.scalars(
        select(Speech).where(Speech.meeting_id == meeting_id, Speech.state.in_(QUEUED))
        .order_by(Speech.position, Speech.requested_at, Speech.id)
    ))
    by_id = {s.id: s for s in queued}
    if len(set(ids)) != len(ids) or any(i not in by_id for i in ids):
        raise ValidationError(
            "Danh sách sắp xếp có lượt không còn trong hàng chờ.", "The order names requests no longer queued.",
            field="ids",
        )
    ordered = [by_id[i] for i in ids] + [s for s in queued if s.id not in set(ids)]
    for position, speech in enumerate(ordered, start=1):
        speech.position = position
    return _tell(session, meeting_id, now)


def start(session: Session, actor_id: str, meeting_id: str, speech_id: str, now: datetime) -> SpeakersView:
    """Give the floor to this request (whoever spoke before stops)."""
    _actor, _meeting, row = chair(session, actor_id, meeting_id)
    require_live(row)
    speech = _speech(session, meeting_id, speech_id)
    if speech.state not in QUEUED:
        raise StateError("Lượt đăng ký này không còn chờ.", "This request is no longer waiting.")
    end_current(session, row, now)
    _give_floor(row, speech, now)
    return _tell(session, meeting_id, now)


def next_speaker(session: Session, actor_id: str, meeting_id: str, now: datetime) -> SpeakersView:
    """One action: the speaker stops, the head of the accepted queue has the floor (if any)."""
    _actor, _meeting, row = chair(session, actor_id, meeting_id)
    require_live(row)
    end_current(session, row, now)
    head = session.scalars(
        select(Speech).where(Speech.meeting_id == meeting_id, Speech.state == SpeechState.ACCEPTED.value)
        .order_by(Speech.position, Speech.requested_at, Speech.id)
    ).first()
    if head is not None:
        _give_floor(row, head, now)
    return _tell(session, meeting_id, now)


def _speaking(session: Session, row: MeetingSession, meeting_id: str, speech_id: str) -> Speech:
    speech = _speech(session, meeting_id, speech_id)
    if speech.state != SpeechState.SPEAKING.value or row.speech_id != speech.id:
        raise StateError("Người này không đang phát biểu.", "This person does not have the floor.")
    return speech


def pause(session: Session, actor_id: str, meeting_id: str, speech_id: str, now: datetime) -> SpeakersView:
    _actor, _meeting, row = chair(session, actor_id, meeting_id)
    speech = _speaking(session, row, meeting_id, speech_id)
    if speech.paused_at is not None:
        raise StateError("Thời gian phát biểu đang dừng.", "The speech's clock is already stopped.")
    speech.paused_at = now
    return _tell(session, meeting_id, now)


def resume(session: Session, actor_id: str, meeting_id: str, speech_id: str, now: datetime) -> SpeakersView:
    _actor, _meeting, row = chair(session, actor_id, meeting_id)
    speech = _speaking(session, row, meeting_id, speech_id)
    if speech.paused_at is None:
        raise StateError("Thời gian phát biểu không dừng.", "The speech's clock is not stopped.")
    speech.paused_seconds += max(0, int((aware(now) - aware(speech.paused_at)).total_seconds()))
    speech.paused_at = None
    return _tell(session, meeting_id, now)


def end(session: Session, actor_id: str, meeting_id: str, speech_id: str, now: datetime) -> SpeakersView:
    _actor, _meeting, row = chair(session, actor_id, meeting_id)
    _speaking(session, row, meeting_id, speech_id)
    end_current(session, row, now)
    return _tell(session, meeting_id, now)
