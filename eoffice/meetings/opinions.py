"""Written opinions between meetings (phiếu lấy ý kiến thành viên): sending a question
with its documents and deadline, answering it, closing it and counting the result.

Who is asked: the meeting's members in office when the poll is sent (``meetings.in_office``:
the chair and the secretary with the other members with a vote; no guest, no staff).
Their number is the denominator of every percentage, as for a vote.

The verdict is the vote's (``live.counting.yes_no_verdict``) with "đồng ý" as yes and
"không đồng ý" as no, by a rule of the meeting (``Meeting.vote_rules``), copied onto the
poll. A rule based on those present counts those who answered (the written form's
presence); one based on the ballots cast counts the answers too.

Answers: a member answers while the poll is open and its deadline has not passed, and
may change the answer until then (the last one counts). Nothing is known of the result
before the poll is closed, so a change misleads nobody; and an answer queued offline can
be corrected without a refusal. After the deadline (the server's clock decides, as the
authority) an answer is refused with the deadline in the message.

Who sees what: the organisers of the meeting (chair, secretary, its office) and the
poll's creator see every answer as it comes; a member sees their own answer and, once
the poll is closed, its result (stored on the poll row, which they receive).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.audit.chain import record
from eoffice.directory.models import User
from eoffice.errors import NotFound, PermissionDenied, StateError, ValidationError
from eoffice.meetings import access
from eoffice.meetings.live.counting import NO, YES, Frozen, percents, yes_no_verdict
from eoffice.meetings.meetings import actor_of, in_office
from eoffice.meetings.models import Meeting, MeetingState, Participant
from eoffice.meetings.opinion_models import Choice, OpinionAnswer, OpinionDocument, OpinionPoll, PollState
from eoffice.meetings.organising import meeting_of, not_organiser
from eoffice.meetings.rules import Rule, RuleSet, defaults_for, rule_from_dict, rule_to_dict
from eoffice.meetings.values import aware, utc, vietnam
from eoffice.ops.values import FileRef
from eoffice.store.base import utcnow

#: A poll is sent for a body that exists: not a draft meeting nor a cancelled one.
_SENDABLE = frozenset({
    MeetingState.SCHEDULED.value, MeetingState.IN_SESSION.value, MeetingState.CLOSED.value,
    MeetingState.ARCHIVED.value, MeetingState.POSTPONED.value,
})
#: The counts the result shows, in order: the three choices and those who did not answer.
NOT_ANSWERED = "none"
COUNTED = (Choice.AGREE.value, Choice.DISAGREE.value, Choice.OTHER.value, NOT_ANSWERED)
#: How long before the deadline a member who has not answered is reminded.
DUE_SOON = timedelta(hours=24)


@dataclass(frozen=True)
class NewOpinionDocument:
    document_id: str
    title: str
    file: FileRef


@dataclass(frozen=True)
class PollResult:
    """The counted poll: counts and percentages of those asked, and the verdict."""

    asked: int
    answered: int
    counts: dict[str, int]
    percents: dict[str, str]
    passed: bool
    needed: int
    base: int
    base_kind: str
    verdict: str
    rule_label: str
    citation: str = ""
    tie_broken_by_chair: bool = False

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> PollResult | None:
        return cls(**json.loads(text)) if text else None


def answer_id(poll_id: str, user_id: str) -> str:
    """The id of ``user_id``'s answer to the poll: derived, so the same on every desk."""
    return str(uuid.uuid5(uuid.UUID(poll_id), f"opinion:{user_id}"))


def asked_of(poll: OpinionPoll) -> list[str]:
    return [str(u) for u in json.loads(poll.asked or "[]")]


def rule_of(poll: OpinionPoll) -> Rule:
    return rule_from_dict(json.loads(poll.rule))


def deadline_text(deadline: datetime) -> str:
    """"17:00 ngày 10/12/2026", in Vietnam's time."""
    local = vietnam(deadline)
    return f"{local:%H:%M} ngày {local:%d/%m/%Y}"


def poll_of(session: Session, poll_id: str) -> OpinionPoll:
    poll = session.get(OpinionPoll, poll_id)
    if poll is None or poll.deleted:
        raise NotFound("Không tìm thấy phiếu lấy ý kiến.", "Written opinion poll not found.")
    return poll


def organises_poll(session: Session, user_id: str, poll: OpinionPoll) -> bool:
    """The poll's creator and the organisers of its meeting run it and see every answer."""
    if poll.created_by == user_id:
        return True
    meeting = session.get(Meeting, poll.meeting_id)
    user = session.get(User, user_id)
    return meeting is not None and user is not None and access.organises(session, user, meeting)


def members_in_office(session: Session, meeting_id: str) -> list[str]:
    """The user ids of the meeting's members in office, in a stable order."""
    return list(session.scalars(
        select(Participant.user_id).where(
            Participant.meeting_id == meeting_id, Participant.deleted.is_(False), in_office()
        ).order_by(Participant.user_id)
    ))


def _rule_for(meeting: Meeting, key: str) -> Rule:
    rules = RuleSet.from_json(meeting.vote_rules)
    if not rules.votes:
        rules = defaults_for(meeting.kind)
    if not rules.votes:
        raise ValidationError(
            "Cuộc họp này không có quy tắc biểu quyết để kết luận phiếu lấy ý kiến.",
            "This meeting has no vote rule to decide a written opinion poll.", field="rule",
        )
    found = rules.vote(key) if key else rules.votes[0]
    if found is None:
        raise ValidationError(
            f"Quy tắc biểu quyết “{key}” không có trong cuộc họp.", f"The meeting has no vote rule “{key}”.",
            field="rule",
        )
    return found


def _audit(session: Session, actor_id: str, action: str, poll: OpinionPoll, after: dict[str, Any]) -> None:
    session.flush()
    record(session, actor_id=actor_id, action=action, target_type="meeting", target_id=poll.meeting_id,
           before=None, after={"poll_id": poll.id, **after})


# --------------------------------------------------------------------------- sending


def check_send(
    session: Session, actor_id: str, meeting_id: str, question: str, deadline: datetime, now: datetime
) -> Meeting:
    """Every check of a new poll that needs no row written (a desk refuses at once)."""
    actor = actor_of(session, actor_id)
    meeting = meeting_of(session, meeting_id)
    if not access.organises(session, actor, meeting):
        raise not_organiser()
    if meeting.state not in _SENDABLE:
        raise StateError(
            "Chỉ lấy ý kiến thành viên của cuộc họp đã mời (không phải dự kiến hay đã hủy).",
            "Opinions are asked of a meeting whose invitations are out (not a draft, not cancelled).",
        )
    if not question.strip():
        raise ValidationError("Hãy nhập nội dung xin ý kiến.", "Enter the question.", field="question")
    if aware(deadline) <= now:
        raise ValidationError(
            "Hạn trả lời phải sau thời điểm hiện tại.", "The deadline must be in the future.", field="deadline"
        )
    return meeting


def send_poll(
    session: Session, actor_id: str, poll_id: str, meeting_id: str, question: str, details: str,
    deadline: datetime, rule_key: str, documents: list[NewOpinionDocument], now: datetime | None = None,
) -> OpinionPoll:
    """Send the members of the meeting's body a question, its documents and its deadline."""
    now = now or utcnow()
    meeting = check_send(session, actor_id, meeting_id, question, deadline, now)
    if session.get(OpinionPoll, poll_id) is not None:
        raise ValidationError("Phiếu lấy ý kiến này đã có.", "That poll already exists.")
    rule = _rule_for(meeting, rule_key)
    asked = members_in_office(session, meeting.id)
    if not asked:
        raise ValidationError(
            "Cuộc họp chưa có thành viên có quyền biểu quyết để lấy ý kiến.",
            "The meeting has no voting members to ask.", field="asked",
        )
    for doc in documents:
        if doc.file.page_count < 1:
            raise ValidationError(
                f"Tệp “{doc.file.filename}” không phải là tệp PDF hoặc bị hỏng.",
                f"{doc.file.filename} is not a PDF or is damaged.", field="documents",
            )
    poll = OpinionPoll(
        id=poll_id, meeting_id=meeting.id, organisation_id=meeting.organisation_id, question=question.strip(),
        details=details.strip(), deadline=utc(deadline), rule=json.dumps(rule_to_dict(rule), ensure_ascii=False),
        asked=json.dumps(asked), state=PollState.OPEN.value, created_by=actor_id, created_at=now,
    )
    session.add(poll)
    for position, doc in enumerate(documents):
        session.add(OpinionDocument(
            id=doc.document_id, poll_id=poll.id, position=position, title=doc.title.strip() or doc.file.filename,
            filename=doc.file.filename, digest=doc.file.digest, size=doc.file.size, page_count=doc.file.page_count,
        ))
    _audit(session, actor_id, "meeting.opinion_poll_send", poll,
           {"question": poll.question, "deadline": utc(deadline).isoformat(), "asked": len(asked), "rule": rule.key})
    return poll


# --------------------------------------------------------------------------- answering


def past_deadline(poll: OpinionPoll) -> StateError:
    return StateError(
        f"Đã hết hạn trả lời phiếu lấy ý kiến (hạn {deadline_text(poll.deadline)}); ý kiến không được ghi nhận.",
        f"The deadline for this written opinion poll has passed ({vietnam(poll.deadline):%H:%M %d/%m/%Y}); "
        "the answer was not recorded.",
    )


def check_answer(session: Session, actor_id: str, poll: OpinionPoll, choice: str, text: str, now: datetime) -> None:
    """Every check of an answer (offline too, by the desk's clock; the server's decides)."""
    if actor_id not in asked_of(poll):
        raise PermissionDenied(
            "Bạn không thuộc danh sách được lấy ý kiến.", "You are not among the members asked."
        )
    if poll.state != PollState.OPEN.value:
        raise StateError(
            "Phiếu lấy ý kiến đã kết thúc; ý kiến không được ghi nhận.",
            "The written opinion poll is closed; the answer was not recorded.",
        )
    if aware(poll.deadline) <= now:
        raise past_deadline(poll)
    if choice not in {c.value for c in Choice}:
        raise ValidationError(f"Ý kiến “{choice}” không hợp lệ.", f"The answer “{choice}” is not valid.",
                              field="choice")
    if choice == Choice.OTHER.value and not text.strip():
        raise ValidationError("Hãy ghi rõ ý kiến khác.", "Write the other opinion.", field="text")


def answer_poll(
    session: Session, actor_id: str, poll_id: str, choice: str, text: str, now: datetime | None = None, *,
    signature: str = "", verify: bool = False,
) -> OpinionAnswer:
    """The member's answer (a later one replaces it until the deadline); ``now`` is when
    it counts: the server's time when it applies, the desk's offline. A ``signature`` of
    the answer with the member's e-card is checked when ``verify`` (the authority)."""
    now = now or utcnow()
    poll = poll_of(session, poll_id)
    check_answer(session, actor_id, poll, choice, text, now)
    signed_by = ""
    if signature and verify:
        from eoffice.meetings.opinion_signing import check_signed_answer

        signed_by = check_signed_answer(session, actor_of(session, actor_id), poll.id, choice, text, signature)
    row = session.get(OpinionAnswer, answer_id(poll.id, actor_id))
    if row is None:
        row = OpinionAnswer(id=answer_id(poll.id, actor_id), poll_id=poll.id, user_id=actor_id)
        session.add(row)
    row.deleted = False
    row.choice, row.text, row.answered_at = choice, text.strip(), now
    row.signature, row.signed_by = signature, signed_by
    _audit(session, actor_id, "meeting.opinion_answer", poll, {"choice": choice, "signed_by": signed_by})
    return row


# --------------------------------------------------------------------------- closing, counting


def answers_of(session: Session, poll_id: str) -> list[OpinionAnswer]:
    return list(session.scalars(
        select(OpinionAnswer).where(OpinionAnswer.poll_id == poll_id, OpinionAnswer.deleted.is_(False))
    ))


def count(poll: OpinionPoll, answers: list[OpinionAnswer]) -> PollResult:
    """Counts of each choice among those asked (answers of others ignored), percentages of
    those asked, and the verdict by the poll's rule (``counting.yes_no_verdict``)."""
    asked = set(asked_of(poll))
    counted = [a for a in answers if a.user_id in asked and not a.deleted]
    counts = {key: 0 for key in COUNTED}
    for a in counted:
        counts[a.choice] = counts.get(a.choice, 0) + 1
    counts[NOT_ANSWERED] = len(asked) - len(counted)
    frozen = Frozen(members=len(asked), present=len(counted), issued=len(asked), returned=len(counted))
    rule = rule_of(poll)
    verdict = yes_no_verdict(rule, {YES: counts[Choice.AGREE.value], NO: counts[Choice.DISAGREE.value]}, frozen)
    return PollResult(
        asked=len(asked), answered=len(counted), counts=counts, percents=percents(counts, len(asked)),
        passed=verdict.passed, needed=verdict.needed, base=verdict.base, base_kind=verdict.base_kind,
        verdict=verdict.text, rule_label=rule.label, citation=rule.citation,
        tie_broken_by_chair=verdict.tie_broken_by_chair,
    )


def check_close(session: Session, actor_id: str, poll: OpinionPoll) -> None:
    if not organises_poll(session, actor_id, poll):
        raise PermissionDenied(
            "Chỉ người tổ chức (chủ trì, thư ký, văn phòng) được kết thúc phiếu lấy ý kiến.",
            "Only the organisers (chair, secretary, office) may close a written opinion poll.",
        )
    if poll.state != PollState.OPEN.value:
        raise StateError("Phiếu lấy ý kiến đã kết thúc.", "The written opinion poll is already closed.")


def close_poll(session: Session, actor_id: str, poll_id: str, now: datetime | None = None) -> OpinionPoll:
    """Close the poll (at or before its deadline) and store its result, which the members
    then receive with the poll."""
    now = now or utcnow()
    poll = poll_of(session, poll_id)
    check_close(session, actor_id, poll)
    result = count(poll, answers_of(session, poll.id))
    poll.state, poll.closed_at, poll.result = PollState.CLOSED.value, now, result.to_json()
    _audit(session, actor_id, "meeting.opinion_poll_close", poll, {"result": json.loads(result.to_json())})
    return poll


def result_for(session: Session, user_id: str, poll: OpinionPoll) -> PollResult | None:
    """The result ``user_id`` may see now: the stored one once closed; for the organisers,
    the running count while it is open."""
    if poll.state == PollState.CLOSED.value:
        return PollResult.from_json(poll.result)
    if organises_poll(session, user_id, poll):
        return count(poll, answers_of(session, poll.id))
    return None


# --------------------------------------------------------------------------- reminders


DUE = "due_soon"  # the deadline is near and I have not answered
MISSED = "overdue"  # the deadline passed and I had not answered
TO_CLOSE = "to_close"  # (organisers) the deadline passed: close the poll and publish the result


@dataclass(frozen=True)
class Reminder:
    poll_id: str
    meeting_id: str
    question: str
    deadline: datetime
    stage: str
    #: For ``TO_CLOSE``: how many of those asked did not answer.
    missing: int = 0


def reminders(session: Session, user_id: str, now: datetime, soon: timedelta = DUE_SOON) -> list[Reminder]:
    """What this desk reminds its user of (offline too, from the rows it holds): open
    polls they were asked and have not answered, due within ``soon`` or past their
    deadline; and, to whoever runs a poll, the open polls past their deadline."""
    found: list[Reminder] = []
    polls = session.scalars(
        select(OpinionPoll).where(OpinionPoll.deleted.is_(False), OpinionPoll.state == PollState.OPEN.value)
        .order_by(OpinionPoll.deadline)
    )
    for poll in polls:
        deadline = aware(poll.deadline)
        answered = {a.user_id for a in answers_of(session, poll.id)}
        asked = asked_of(poll)
        if user_id in asked and user_id not in answered:
            if deadline <= now:
                found.append(Reminder(poll.id, poll.meeting_id, poll.question, deadline, MISSED))
            elif deadline - now <= soon:
                found.append(Reminder(poll.id, poll.meeting_id, poll.question, deadline, DUE))
        if deadline <= now and organises_poll(session, user_id, poll):
            missing = len([u for u in asked if u not in answered])
            found.append(Reminder(poll.id, poll.meeting_id, poll.question, deadline, TO_CLOSE, missing))
    return found


# --------------------------------------------------------------------------- views


@dataclass(frozen=True)
class AnswerRow:
    user_id: str
    full_name: str
    position: str
    choice: str  # "" when not answered
    text: str
    answered_at: datetime | None
    #: The certificate's holder when the server checked an e-card signature of the answer.
    signed_by: str = ""


@dataclass(frozen=True)
class DocumentRow:
    id: str
    title: str
    filename: str
    digest: str
    page_count: int


@dataclass(frozen=True)
class PollView:
    id: str
    meeting_id: str
    meeting_title: str
    question: str
    details: str
    deadline: datetime
    state: str
    rule_label: str
    created_by_name: str
    organiser: bool
    asked: bool
    #: My own answer, if I gave one.
    mine: AnswerRow | None
    documents: list[DocumentRow] = field(default_factory=list)
    #: Every member asked and their answer: for the organisers, and for everyone once closed
    #: only as counts (``result``).
    answers: list[AnswerRow] = field(default_factory=list)
    result: PollResult | None = None
    #: Whether the poll is being answered and my answer may still be given or changed.
    answerable: bool = False
    #: Whether its deadline had passed when it was read.
    past_deadline: bool = False


def _people(session: Session, ids: list[str]) -> dict[str, Any]:
    return {u.id: u for u in session.scalars(select(User).where(User.id.in_(ids)))} if ids else {}


def poll_view(session: Session, user_id: str, poll_id: str, now: datetime) -> PollView:
    """One poll as ``user_id`` may see it."""
    poll = poll_of(session, poll_id)
    organiser = organises_poll(session, user_id, poll)
    asked = asked_of(poll)
    if not organiser and user_id not in asked:
        raise PermissionDenied("Bạn không xem được phiếu lấy ý kiến này.", "You may not see this poll.")
    answers = {a.user_id: a for a in answers_of(session, poll.id)}
    people = _people(session, [*asked, poll.created_by])

    def row(uid: str) -> AnswerRow:
        a, person = answers.get(uid), people.get(uid)
        return AnswerRow(
            uid, person.full_name if person is not None else "", person.position if person is not None else "",
            a.choice if a is not None else "", a.text if a is not None else "",
            aware(a.answered_at) if a is not None else None, a.signed_by if a is not None else "",
        )

    meeting = session.get(Meeting, poll.meeting_id)
    docs = session.scalars(
        select(OpinionDocument).where(OpinionDocument.poll_id == poll.id, OpinionDocument.deleted.is_(False))
        .order_by(OpinionDocument.position)
    )
    creator = people.get(poll.created_by)
    return PollView(
        id=poll.id, meeting_id=poll.meeting_id, meeting_title=meeting.title if meeting is not None else "",
        question=poll.question, details=poll.details, deadline=aware(poll.deadline), state=poll.state,
        rule_label=rule_of(poll).label, created_by_name=creator.full_name if creator is not None else "",
        organiser=organiser, asked=user_id in asked, mine=row(user_id) if user_id in answers else None,
        documents=[DocumentRow(d.id, d.title, d.filename, d.digest, d.page_count) for d in docs],
        answers=[row(uid) for uid in asked] if organiser else [],
        result=result_for(session, user_id, poll),
        answerable=user_id in asked and poll.state == PollState.OPEN.value and aware(poll.deadline) > now,
        past_deadline=aware(poll.deadline) <= now,
    )


def polls_for(session: Session, user_id: str, meeting_id: str | None = None) -> list[OpinionPoll]:
    """The polls this desk holds that ``user_id`` was asked or runs, newest deadline first
    (those of one meeting when ``meeting_id`` is given)."""
    query = select(OpinionPoll).where(OpinionPoll.deleted.is_(False))
    if meeting_id is not None:
        query = query.where(OpinionPoll.meeting_id == meeting_id)
    return [
        p for p in session.scalars(query.order_by(OpinionPoll.deadline.desc()))
        if user_id in asked_of(p) or organises_poll(session, user_id, p)
    ]
