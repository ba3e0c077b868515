"""Written opinions as operations (``meetings.opinions``): sending a poll, answering it,
closing it; what the server checks before, what a rejection undoes on the client, who is
told live.

- Sending is offline-first on the organiser's desk (the poll shows at once); the members
  receive it when the server has applied it, each told by a live event.
- An answer is an ordinary operation: offline it is applied on the member's desk and waits
  in the outbox. The server applies it again with its own clock: after the deadline it is
  refused (the bilingual message names the deadline) and the desk drops the answer it
  showed.
- Closing counts the answers, which only the server holds in full: a desk checks it and
  leaves the poll open, pending (``local_effect=False``), as a change of a meeting's state.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.directory.models import User
from eoffice.errors import NotFound
from eoffice.meetings import opinions
from eoffice.meetings.events import MEETING
from eoffice.meetings.opinion_models import OpinionAnswer, OpinionDocument, OpinionPoll
from eoffice.meetings.operations import AnswerOpinionPoll, CloseOpinionPoll, OpinionFile, SendOpinionPoll
from eoffice.meetings.values import aware, moment, vietnam
from eoffice.ops.operation import AppliedResult, Operation
from eoffice.ops.registry import register
from eoffice.ops.values import FileRef, Id
from eoffice.server.events import Telling, on_operation, person
from eoffice.store.base import new_id, utcnow

#: Event kinds: a poll sent to a member; a poll closed, with its result.
OPINION_ASKED = "meeting.opinion_asked"
OPINION_CLOSED = "meeting.opinion_closed"

POLLS = OpinionPoll.__tablename__
DOCUMENTS = OpinionDocument.__tablename__
ANSWERS = OpinionAnswer.__tablename__


# --------------------------------------------------------------------------- applying


def _send(session: Session, actor_id: str, op: SendOpinionPoll, authority: bool) -> AppliedResult:
    files = [opinions.NewOpinionDocument(f.document_id, f.title, f.file) for f in op.documents]
    poll = opinions.send_poll(
        session, actor_id, op.poll_id, op.meeting_id, op.question, op.details, moment(op.deadline, "deadline"),
        op.rule, files,
    )
    return AppliedResult(op.kind, {"poll_id": poll.id, "meeting_id": poll.meeting_id})


def _answer(session: Session, actor_id: str, op: AnswerOpinionPoll, authority: bool) -> AppliedResult:
    row = opinions.answer_poll(session, actor_id, op.poll_id, op.choice, op.text, signature=op.signature,
                               verify=authority)
    return AppliedResult(op.kind, {"poll_id": op.poll_id, "answer_id": row.id, "choice": row.choice})


def _close(session: Session, actor_id: str, op: CloseOpinionPoll, authority: bool) -> AppliedResult:
    poll = opinions.poll_of(session, op.poll_id)
    if not authority:
        opinions.check_close(session, actor_id, poll)
        return AppliedResult(op.kind, {"poll_id": poll.id, "pending": True})
    poll = opinions.close_poll(session, actor_id, op.poll_id)
    return AppliedResult(op.kind, {"poll_id": poll.id, "state": poll.state})


# --------------------------------------------------------------------------- the server's check


def _check_send(session: Session, actor: User, op: SendOpinionPoll) -> None:
    opinions.check_send(session, actor.id, op.meeting_id, op.question, moment(op.deadline, "deadline"), utcnow())


def _check_answer(session: Session, actor: User, op: AnswerOpinionPoll) -> None:
    """Only those asked answer (the deadline and the values are the domain's, when applied)."""
    poll = opinions.poll_of(session, op.poll_id)
    if actor.id not in opinions.asked_of(poll):
        opinions.check_answer(session, actor.id, poll, op.choice, op.text, utcnow())  # raises PermissionDenied


def _check_close(session: Session, actor: User, op: CloseOpinionPoll) -> None:
    poll = session.get(OpinionPoll, op.poll_id)
    if poll is None:
        raise NotFound("Không tìm thấy phiếu lấy ý kiến.", "Written opinion poll not found.")
    opinions.check_close(session, actor.id, poll)


# --------------------------------------------------------------------------- a rejection, on the client


def _discard_send(session: Session, op: SendOpinionPoll) -> None:
    made: list[tuple[type[Any], str]] = [*((OpinionDocument, f.document_id) for f in op.documents),
                                         (OpinionPoll, op.poll_id)]
    for model, row_id in made:
        row = session.get(model, row_id)
        if row is not None and row.server_version is None:
            session.delete(row)
    session.flush()


def _discard_answer(session: Session, op: AnswerOpinionPoll) -> None:
    """A refused answer the server never had leaves the desk (on a desk, an answer not yet
    versioned by the server can only be its user's own)."""
    for row in session.scalars(
        select(OpinionAnswer).where(OpinionAnswer.poll_id == op.poll_id, OpinionAnswer.server_version.is_(None))
    ):
        session.delete(row)
    session.flush()


def _discard_nothing(session: Session, op: Operation) -> None:
    session.flush()


# --------------------------------------------------------------------------- live


def _summary(poll: OpinionPoll) -> dict[str, Any]:
    return {
        "poll_id": poll.id, "meeting_id": poll.meeting_id, "question": poll.question,
        "deadline": vietnam(aware(poll.deadline)).isoformat(),
    }


@on_operation(SendOpinionPoll.kind)
def _asked(telling: Telling, op: Any, result: Any) -> None:
    poll = telling.session.get(OpinionPoll, op.poll_id)
    if poll is None:
        return
    for user_id in opinions.asked_of(poll):
        telling.tell(OPINION_ASKED, _summary(poll), to=person(user_id), about=(MEETING, poll.meeting_id))


@on_operation(CloseOpinionPoll.kind)
def _closed(telling: Telling, op: Any, result: Any) -> None:
    poll = telling.session.get(OpinionPoll, op.poll_id)
    found = opinions.PollResult.from_json(poll.result) if poll is not None else None
    if poll is None or found is None:
        return
    payload = {**_summary(poll), "verdict": found.verdict, "passed": found.passed}
    for user_id in opinions.asked_of(poll):
        telling.tell(OPINION_CLOSED, payload, to=person(user_id), about=(MEETING, poll.meeting_id))


# --------------------------------------------------------------------------- registration


def _id() -> Id:
    return Id(new_id())


register(
    SendOpinionPoll, apply=_send, check=_check_send, discard=_discard_send,
    label_vi="Gửi phiếu lấy ý kiến", label_en="Send written opinion poll", tables=(POLLS, DOCUMENTS),
    example=lambda: SendOpinionPoll(
        _id(), _id(), _id(), "Thông qua chủ trương đầu tư dự án đường tỉnh 537", "2026-12-10T17:00:00+07:00",
        "Xin ý kiến thành viên UBND tỉnh theo Tờ trình số 120/TTr-SKHĐT", "majority",
        (OpinionFile(_id(), "Tờ trình", FileRef("a" * 64, "to-trinh.pdf", 120_000, 3)),),
    ),
)
register(
    AnswerOpinionPoll, apply=_answer, check=_check_answer, discard=_discard_answer,
    label_vi="Trả lời phiếu lấy ý kiến", label_en="Answer written opinion poll", tables=(ANSWERS,),
    example=lambda: AnswerOpinionPoll(_id(), _id(), "other", "Đề nghị bổ sung đánh giá tác động môi trường"),
)
register(
    CloseOpinionPoll, apply=_close, check=_check_close, discard=_discard_nothing,
    label_vi="Kết thúc phiếu lấy ý kiến", label_en="Close written opinion poll", tables=(POLLS, ANSWERS),
    example=lambda: CloseOpinionPoll(_id(), _id()), local_effect=False,
)

#: The kinds of this module (the tests try every one).
KINDS = (SendOpinionPoll, AnswerOpinionPoll, CloseOpinionPoll)
