"""The chair's actions on the session: open, pause, resume, close, show an item, a
document and its page, and the speech limit.

Opening moves the meeting itself to "in session" and closing to "closed" through the
meetings' own operation (``meeting_change_state``, applied as the server applies a push),
so the change is versioned and synced to every desk and the ``meeting.started`` /
``meeting.closed`` events fire, in the same transaction as the session's own change and
its live event. Every function takes ``now`` so that the times it writes are the
caller's (the server's clock; the tests').
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

import eoffice.meetings.meeting_ops  # noqa: F401  (registers meeting_change_state)
from eoffice.audit import report
from eoffice.audit.chain import record
from eoffice.directory.models import User
from eoffice.errors import StateError, ValidationError
from eoffice.meetings.live import telling
from eoffice.meetings.live.models import MeetingSession, SessionState, Speech, SpeechState
from eoffice.meetings.live.schemas import SessionView, SpeakersView
from eoffice.meetings.models import AgendaItem, Meeting, MeetingDocument, MeetingState, Sitting
from eoffice.meetings.operations import ChangeMeetingState
from eoffice.meetings.organising import organiser
from eoffice.meetings.values import aware
from eoffice.ops.values import Id
from eoffice.store.base import new_id
from eoffice.sync.applying import apply_batch
from eoffice.sync.versioning import reserve_version

#: The session states in which the chair still acts (not closed).
LIVE = frozenset({SessionState.WAITING.value, SessionState.RUNNING.value, SessionState.PAUSED.value})
#: The longest speech limit the chair may set (an hour).
MAX_LIMIT = 3600


def iso(value: datetime | None) -> str | None:
    """A stored time as the JSON carries it (UTC, ISO)."""
    return aware(value).isoformat() if value is not None else None


def view(row: MeetingSession | None) -> SessionView:
    if row is None:
        return SessionView(state=SessionState.WAITING.value)
    return SessionView(
        state=row.state, sitting_id=row.sitting_id, item_id=row.item_id, document_id=row.document_id,
        page=row.page, opened_at=iso(row.opened_at), paused_at=iso(row.paused_at), closed_at=iso(row.closed_at),
    )


def locked_row(session: Session, meeting_id: str) -> MeetingSession:
    """The meeting's session row, locked until commit, so that the meeting's live actions
    follow one another. The meeting's row is locked first: the session row is made on
    first use, and two first uses at once would both insert it."""
    session.execute(select(Meeting.id).where(Meeting.id == meeting_id).with_for_update())
    return telling.session_row(session, meeting_id, lock=True)


def chair(session: Session, actor_id: str, meeting_id: str) -> tuple[User, Meeting, MeetingSession]:
    """The organiser running the session, the meeting and its session row, locked
    (``locked_row``); NotFound or PermissionDenied otherwise."""
    actor, meeting = organiser(session, actor_id, meeting_id)
    return actor, meeting, locked_row(session, meeting_id)


def require_live(row: MeetingSession) -> None:
    """StateError once the session is closed."""
    if row.state not in LIVE:
        raise StateError(
            "Phiên họp đã bế mạc: không thể thay đổi nữa.", "The session is closed: it can no longer change."
        )


def _audit(session: Session, actor_id: str, action: str, meeting: Meeting, row: MeetingSession) -> None:
    session.flush()
    record(
        session, actor_id=actor_id, action=action, target_type="meeting", target_id=meeting.id,
        before=None, after={"session": row.state, "meeting_state": meeting.state, "sitting_id": row.sitting_id},
    )


def _move_meeting(session: Session, actor_id: str, meeting: Meeting, state: str) -> None:
    """The meeting's own state, through its operation (versioned, synced, told)."""
    outcome = apply_batch(session, actor_id, [ChangeMeetingState(Id(new_id()), Id(meeting.id), state, "")])[0]
    if not outcome.accepted:
        raise StateError(outcome.reason_vi, outcome.reason_en)
    session.refresh(meeting)


def _sitting(session: Session, meeting_id: str, sitting_id: str | None) -> str | None:
    """The sitting opened: the one named (of this meeting) or the first."""
    query = select(Sitting.id).where(Sitting.meeting_id == meeting_id, Sitting.deleted.is_(False))
    if sitting_id is None:
        return session.scalars(query.order_by(Sitting.number)).first()
    if session.scalars(query.where(Sitting.id == sitting_id)).first() is None:
        raise ValidationError(
            "Phiên họp được chọn không thuộc cuộc họp này.", "The sitting chosen is not one of this meeting's.",
            field="sitting_id",
        )
    return sitting_id


def open_session(
    session: Session, actor_id: str, meeting_id: str, now: datetime, sitting_id: str | None = None
) -> SessionView:
    """Khai mạc: the session runs; a scheduled meeting goes "in session". A sitting of a
    meeting already in session opens the same way (one session row per meeting)."""
    reserve_version(session)  # the version lock before the session's (the order pushes take)
    actor, meeting, row = chair(session, actor_id, meeting_id)
    require_live(row)
    if row.state != SessionState.WAITING.value:
        raise StateError("Phiên họp đã khai mạc.", "The session is already open.")
    if meeting.state == MeetingState.SCHEDULED.value:
        _move_meeting(session, actor.id, meeting, MeetingState.IN_SESSION.value)
    elif meeting.state != MeetingState.IN_SESSION.value:
        raise StateError(
            "Chỉ khai mạc được cuộc họp đã gửi giấy mời và chưa kết thúc, hoãn hay hủy.",
            "Only a meeting whose invitations are out, and that is not over, postponed or cancelled, can open.",
        )
    row.sitting_id = _sitting(session, meeting_id, sitting_id)
    row.state, row.opened_at, row.paused_at = SessionState.RUNNING.value, now, None
    _audit(session, actor.id, "meeting.session_open", meeting, row)
    result = view(row)
    telling.announce(session, meeting_id, telling.SESSION, result)
    return result


def pause(session: Session, actor_id: str, meeting_id: str, now: datetime) -> SessionView:
    """Tạm dừng (a speech under way keeps its own clock: the chair pauses it apart)."""
    _actor, _meeting, row = chair(session, actor_id, meeting_id)
    if row.state != SessionState.RUNNING.value:
        raise StateError("Chỉ tạm dừng được phiên họp đang diễn ra.", "Only a running session can be paused.")
    row.state, row.paused_at = SessionState.PAUSED.value, now
    result = view(row)
    telling.announce(session, meeting_id, telling.SESSION, result)
    return result


def resume(session: Session, actor_id: str, meeting_id: str, now: datetime) -> SessionView:
    _actor, _meeting, row = chair(session, actor_id, meeting_id)
    if row.state != SessionState.PAUSED.value:
        raise StateError("Phiên họp không tạm dừng.", "The session is not paused.")
    row.state, row.paused_at = SessionState.RUNNING.value, None
    result = view(row)
    telling.announce(session, meeting_id, telling.SESSION, result)
    return result


def close(session: Session, actor_id: str, meeting_id: str, now: datetime) -> SessionView:
    """Bế mạc: the speech under way ends, the meeting goes "closed". Never reopened."""
    reserve_version(session)
    actor, meeting, row = chair(session, actor_id, meeting_id)
    require_live(row)
    if row.state == SessionState.WAITING.value:
        raise StateError("Phiên họp chưa khai mạc.", "The session has not been opened.")
    from eoffice.meetings.live import speakers  # speakers reads this module's helpers

    ended = speakers.end_current(session, row, now)
    if meeting.state == MeetingState.IN_SESSION.value:
        _move_meeting(session, actor.id, meeting, MeetingState.CLOSED.value)
    row.state, row.closed_at, row.paused_at = SessionState.CLOSED.value, now, None
    from eoffice.meetings.live.attendance import stamp_attended  # attendance reads this module's helpers

    stamp_attended(session, meeting_id, now)
    _audit(session, actor.id, "meeting.session_close", meeting, row)
    result = view(row)
    if ended:
        telling.announce(session, meeting_id, telling.SPEAKERS, speakers.speakers_view(session, meeting_id, now))
    telling.announce(session, meeting_id, telling.SESSION, result)
    return result


def show(
    session: Session, actor_id: str, meeting_id: str, *, item_id: str | None = None,
    document_id: str | None = None, page: int | None = None,
) -> SessionView:
    """What every screen follows: an agenda item, one of its documents, a page of it.

    A new item clears the document; a new document goes back to its first page. Values
    not given stay as they are."""
    _actor, _meeting, row = chair(session, actor_id, meeting_id)
    require_live(row)
    if item_id is not None and item_id != row.item_id:
        item = session.get(AgendaItem, item_id)
        if item is None or item.deleted or item.meeting_id != meeting_id:
            raise ValidationError(
                "Nội dung được chọn không thuộc chương trình cuộc họp này.",
                "The item chosen is not on this meeting's agenda.", field="item_id",
            )
        row.item_id, row.document_id, row.page = item_id, None, 0
    if document_id is not None and document_id != row.document_id:
        document = session.get(MeetingDocument, document_id)
        if document is None or document.deleted or document.meeting_id != meeting_id:
            raise ValidationError(
                "Tài liệu được chọn không thuộc cuộc họp này.", "The document chosen is not one of this meeting's.",
                field="document_id",
            )
        row.item_id, row.document_id, row.page = document.item_id, document_id, 0
    if page is not None:
        if page < 0:
            raise ValidationError("Số trang không hợp lệ.", "The page number is not valid.", field="page")
        row.page = page
    result = view(row)
    telling.announce(session, meeting_id, telling.SESSION, result)
    return result


def set_speech_limit(session: Session, actor_id: str, meeting_id: str, seconds: int, now: datetime) -> SpeakersView:
    """Each speech's time limit (0: none); the speech under way takes it too (the chair
    gives a speaker more time this way)."""
    from eoffice.meetings.live import speakers

    _actor, _meeting, row = chair(session, actor_id, meeting_id)
    require_live(row)
    if not 0 <= seconds <= MAX_LIMIT:
        raise ValidationError(
            f"Thời gian mỗi lượt phát biểu phải từ 0 đến {MAX_LIMIT // 60} phút.",
            f"The speech limit must be between 0 and {MAX_LIMIT // 60} minutes.", field="seconds",
        )
    row.speech_limit_seconds = seconds
    if row.speech_id is not None:
        current = session.get(Speech, row.speech_id)
        if current is not None and current.state == SpeechState.SPEAKING.value:
            current.limit_seconds = seconds
    result = speakers.speakers_view(session, meeting_id, now)
    telling.announce(session, meeting_id, telling.SPEAKERS, result)
    return result


# --------------------------------------------------------------------------- the history's sentences

report.LABELS_VI.update({
    "meeting.session_open": "Khai mạc phiên họp",
    "meeting.session_close": "Bế mạc phiên họp",
    "meeting.check_in": "Điểm danh người dự họp",
})
report.LABELS_EN.update({
    "meeting.session_open": "Session opened",
    "meeting.session_close": "Session closed",
    "meeting.check_in": "Attendance recorded",
})
