"""Votes: prepared, opened (ballots issued), cast, closed and counted, published.

The work a vote costs does not grow with its voters where it is done at once for all:
opening issues every ballot with one ``INSERT … SELECT`` (and the tally rows with one
statement); closing reads the counts with a fixed number of aggregate queries
(``counting`` does the arithmetic). A ballot is a handful of statements of its own:

1. ``SELECT state FROM meeting_votes WHERE id = ? FOR SHARE``: ballots share the vote's
   row lock, the close takes it alone (``FOR UPDATE``), so no ballot slips in after the
   numbers were frozen and ballots do not queue behind each other on it (they did, when
   each one added to a count on that row: two seconds at the 95th percentile with 500
   delegates on PostgreSQL);
2. ``UPDATE meeting_vote_voters SET returned = true … WHERE vote_id = ? AND voter_id = ?
   AND returned = false``: one statement refuses a second ballot, also one racing from a
   second computer (it waits for the first's commit, then finds nothing to update). A
   member who arrived after the opening is inserted under the primary key, so a race
   fails there;
3. ``UPDATE meeting_vote_tallies SET count = count + 1 WHERE option IN (…) AND shard = ?``
   on one of a few rows per option, picked by chance (ballots for the same option do not
   queue on one row), last with the progress event, so the rows every ballot changes are
   held only until the commit. The counts of an open vote are its voter rows'
   (``_returned``).

Secret ballots: ``VoteVoter`` keeps who was issued and who returned a ballot with
``choice`` NULL; the only trace of what was chosen is ``VoteTally``'s counts, which carry
no voter, no time and no order. The progress events carry counts only, and no event
carries a secret vote's counts to one person. Closing writes the voter and tally rows
again (``_rewrite``) so that no row version's transaction matches a voter with a tally.

Who votes: a member with a vote (chair, secretary or member, ``Participant.votes``) in
the hall or online; where the meeting's rules let substitutes vote
(``RuleSet.substitutes_vote``), the substitute of a member marked "substitute", casting
the member's ballot. Ballots are issued at the opening to those entitled then; one who
arrives later is issued theirs when casting it.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, false, func, insert, literal, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from eoffice.directory.models import User
from eoffice.errors import DomainError, NotFound, StateError, ValidationError
from eoffice.meetings import access
from eoffice.meetings.live import attendance, counting, telling
from eoffice.meetings.live.models import (
    Attendance,
    Presence,
    Vote,
    VoteMethod,
    VoteState,
    VoteTally,
    VoteVoter,
)
from eoffice.meetings.live.schemas import (
    BallotReceipt,
    NamedChoice,
    VoteOption,
    VoteProgress,
    VoteResult,
    VoteSubject,
    VoteView,
)
from eoffice.meetings.models import AgendaItem, Meeting, MeetingState, Participant
from eoffice.meetings.meetings import in_office
from eoffice.meetings.organising import meeting_of, organiser
from eoffice.meetings.rules import Rule, RuleSet, rule_from_dict, rule_to_dict
from eoffice.meetings.values import aware
from eoffice.server.errors import ServerError

#: Rows each option's count is spread over (``VoteTally``).
TALLY_SHARDS = 8
#: Which of them a ballot adds to: by chance, from the system's entropy, so no row says
#: anything of who cast it or when.
_chance = random.SystemRandom()
YES_NO_LABELS = {counting.YES: "Tán thành", counting.NO: "Không tán thành", counting.ABSTAIN: "Không biểu quyết"}
LEVEL_LABELS = {"high": "Tín nhiệm cao", "trust": "Tín nhiệm", "low": "Tín nhiệm thấp"}
MAX_TIME_LIMIT = 24 * 3600


class AlreadyVoted(ServerError):
    status = 409
    code = "already_voted"

    def __init__(self) -> None:
        super().__init__("Phiếu của đại biểu đã được ghi nhận; không thể biểu quyết lại.",
                         "Your ballot was already recorded; it cannot be cast again.")


class NotEntitled(ServerError):
    status = 403
    code = "not_entitled"

    def __init__(self) -> None:
        super().__init__("Đại biểu không có quyền biểu quyết trong lần biểu quyết này.",
                         "You are not entitled to vote in this vote.")


class VoteNotOpen(ServerError):
    status = 409
    code = "vote_not_open"

    def __init__(self) -> None:
        super().__init__("Biểu quyết chưa mở hoặc đã kết thúc.", "The vote is not open.")


class NoQuorum(ServerError):
    status = 409
    code = "no_quorum"

    def __init__(self, present: int, needed: int) -> None:
        super().__init__(f"Chưa đủ số đại biểu có mặt ({present}/{needed}) để biểu quyết.",
                         f"No quorum: {present} present, {needed} needed.")


# --------------------------------------------------------------------------- reading


def _vote(session: Session, vote_id: str, meeting_id: str | None = None, *, lock: bool = False,
          share: bool = False) -> Vote:
    """The vote (404 otherwise), its row locked for this transaction alone (``lock``) or
    shared with other ballots (``share``)."""
    query = select(Vote).where(Vote.id == vote_id)
    if lock or share:
        query = query.with_for_update(read=share and not lock)
    vote = session.scalars(query).one_or_none()
    if vote is None or (meeting_id is not None and vote.meeting_id != meeting_id):
        raise NotFound("Không tìm thấy lần biểu quyết.", "Vote not found.")
    return vote


_OVER = (MeetingState.CLOSED.value, MeetingState.ARCHIVED.value, MeetingState.CANCELLED.value,
         MeetingState.POSTPONED.value)


def _not_over(meeting: Meeting) -> None:
    """Votes are prepared and opened while the meeting goes on (the ones open at its close
    may still be closed and published)."""
    if meeting.state in _OVER:
        raise StateError("Cuộc họp đã kết thúc, bị hoãn hoặc đã hủy; không biểu quyết được nữa.",
                         "The meeting is over, postponed or cancelled: no vote can be prepared or opened.")


def _rules(meeting: Meeting) -> RuleSet:
    return RuleSet.from_json(meeting.vote_rules)


def _stored_rule(vote: Vote) -> tuple[Rule | None, list[Rule]]:
    data = json.loads(vote.rule or "{}")
    rule = rule_from_dict(data["rule"]) if data.get("rule") else None
    return rule, [rule_from_dict(d) for d in data.get("outcomes", [])]


def _iso(value: datetime | None) -> str | None:
    return aware(value).isoformat() if value is not None else None


def _tally_keys(vote: Vote) -> list[str]:
    options = [o["key"] for o in json.loads(vote.options)]
    if vote.method == VoteMethod.CONFIDENCE.value:
        return [f"{s['id']}:{key}" for s in json.loads(vote.subjects) for key in options]
    return options


def _tallies(session: Session, vote_ids: list[str]) -> dict[str, dict[str, int]]:
    found: dict[str, dict[str, int]] = {v: {} for v in vote_ids}
    if vote_ids:
        for vote_id, option, count in session.execute(
            select(VoteTally.vote_id, VoteTally.option, func.sum(VoteTally.count))
            .where(VoteTally.vote_id.in_(vote_ids)).group_by(VoteTally.vote_id, VoteTally.option)
        ):
            found[vote_id][option] = int(count)
    return found


def _returned(session: Session, vote_ids: list[str]) -> dict[str, tuple[int, int]]:
    """Ballots returned and issued so far, per vote (one statement): an open vote's counts
    are its voter rows', not a column every ballot would have to lock and update."""
    if not vote_ids:
        return {}
    rows = session.execute(
        select(VoteVoter.vote_id, func.coalesce(func.sum(case((VoteVoter.returned.is_(True), 1), else_=0)), 0),
               func.count()).where(VoteVoter.vote_id.in_(vote_ids)).group_by(VoteVoter.vote_id)
    )
    return {vote_id: (int(returned), int(issued)) for vote_id, returned, issued in rows}


def _view(vote: Vote, *, result: bool, tally: dict[str, int] | None = None,
          counts: tuple[int, int] | None = None) -> VoteView:
    rule, _ = _stored_rule(vote)
    return VoteView(
        id=vote.id, item_id=vote.item_id, title=vote.title, method=vote.method, secret=vote.secret,
        options=[VoteOption(**o) for o in json.loads(vote.options)],
        subjects=[VoteSubject(**s) for s in json.loads(vote.subjects)],
        max_choices=vote.max_choices, rule_key=rule.key if rule else "", rule_label=rule.label if rule else "",
        state=vote.state, show_tally=vote.show_tally, time_limit_seconds=vote.time_limit_seconds,
        opened_at=_iso(vote.opened_at), closes_at=_iso(vote.closes_at), closed_at=_iso(vote.closed_at),
        published_at=_iso(vote.published_at),
        issued=counts[1] if counts else vote.issued, returned=counts[0] if counts else vote.returned,
        tally=tally if _tally_shown(vote) else None,
        result=VoteResult.model_validate_json(vote.result) if result and vote.result not in ("", "{}") else None,
    )


def _tally_shown(vote: Vote) -> bool:
    """The running tally: an open named vote whose chair shows it; a secret one never."""
    return vote.show_tally and not vote.secret and vote.state == VoteState.OPEN.value


def _result_seen(vote: Vote, organiser: bool) -> bool:
    return vote.state == VoteState.PUBLISHED.value or (organiser and vote.state == VoteState.CLOSED.value)


def vote_views(session: Session, meeting_id: str, *, organiser: bool) -> list[VoteView]:
    """Every vote of the meeting as this viewer may see it (results: published ones, and
    for organisers closed ones too), oldest first."""
    votes = list(session.scalars(select(Vote).where(Vote.meeting_id == meeting_id).order_by(Vote.created_at, Vote.id)))
    tallies = _tallies(session, [v.id for v in votes if _tally_shown(v)])
    counts = _returned(session, [v.id for v in votes if v.state == VoteState.OPEN.value])
    return [_view(v, result=_result_seen(v, organiser), tally=tallies.get(v.id), counts=counts.get(v.id))
            for v in votes]


def view(session: Session, vote_id: str, *, organiser: bool) -> VoteView:
    vote = _vote(session, vote_id)
    counts = _returned(session, [vote.id]).get(vote.id) if vote.state == VoteState.OPEN.value else None
    return _view(vote, result=_result_seen(vote, organiser), tally=_tallies(session, [vote.id])[vote.id],
                 counts=counts)


def _voter_ids(session: Session, meeting_id: str, user_id: str) -> list[str]:
    """Whose ballot ``user_id`` may cast: their own, and where the rules let substitutes
    vote, the members who sent them."""
    ids = [user_id]
    if _rules(meeting_of(session, meeting_id)).substitutes_vote:
        ids += list(session.scalars(select(Participant.user_id).where(
            Participant.meeting_id == meeting_id, Participant.substitute_id == user_id,
            Participant.deleted.is_(False))))
    return ids


def my_votes(session: Session, meeting_id: str, user_id: str) -> tuple[list[str], list[str]]:
    """The open votes ``user_id`` may still cast a ballot in (as ``cast_ballot`` would
    accept: also one opened before they arrived), and those they returned."""
    rows = session.execute(
        select(Vote.id, VoteVoter.voter_id, VoteVoter.returned).join(VoteVoter, VoteVoter.vote_id == Vote.id)
        .where(Vote.meeting_id == meeting_id, VoteVoter.voter_id.in_(_voter_ids(session, meeting_id, user_id)))
        .order_by(Vote.created_at, Vote.id)
    ).all()
    voted = list(dict.fromkeys(vid for vid, _voter, returned in rows if returned))
    voter = _whose(session, meeting_of(session, meeting_id), user_id)
    if voter is None:
        return [], voted
    returned = {vid for vid, whose, done in rows if whose == voter and done}
    open_ids = session.scalars(select(Vote.id).where(Vote.meeting_id == meeting_id, Vote.state == VoteState.OPEN.value)
                               .order_by(Vote.created_at, Vote.id))
    return [vid for vid in open_ids if vid not in returned], voted


# --------------------------------------------------------------------------- the chair


def _tell(session: Session, vote: Vote) -> VoteView:
    """Tell the participants (no result before it is published) and return the actor's
    view, with the result from close on. Other organisers read the result from the
    snapshot: no event tells one person a secret vote's counts beside their own id."""
    tally = _tallies(session, [vote.id])[vote.id] if _tally_shown(vote) else None
    counts = _returned(session, [vote.id]).get(vote.id) if vote.state == VoteState.OPEN.value else None
    telling.announce(session, vote.meeting_id, telling.VOTE,
                     _view(vote, result=vote.state == VoteState.PUBLISHED.value, tally=tally, counts=counts))
    return _view(vote, result=_result_seen(vote, True), tally=tally, counts=counts)


def create_vote(
    session: Session, actor_id: str, meeting_id: str, *, title: str, method: str = VoteMethod.YES_NO.value,
    secret: bool = False, item_id: str | None = None, options: list[VoteOption] | None = None,
    subjects: list[VoteSubject] | None = None, max_choices: int = 1, rule_key: str = "",
    show_tally: bool = False, time_limit_seconds: int = 0, now: datetime,
) -> VoteView:
    """Prepare a vote (the chair or the organisers): its options, its rule copied from the
    meeting's rules, so a later change of the rules never changes its verdict."""
    _, meeting = organiser(session, actor_id, meeting_id)
    _not_over(meeting)
    title = title.strip()
    if not title or len(title) > 500:
        raise ValidationError("Hãy nhập nội dung biểu quyết (tối đa 500 ký tự).", "Enter the vote's title.",
                              field="title")
    if method not in {m.value for m in VoteMethod}:
        raise ValidationError("Hình thức biểu quyết không hợp lệ.", f"Unknown vote method {method!r}.", field="method")
    if not 0 <= time_limit_seconds <= MAX_TIME_LIMIT:
        raise ValidationError("Thời gian biểu quyết không hợp lệ.", "Invalid time limit.", field="time_limit_seconds")
    if item_id is not None:
        item = session.get(AgendaItem, item_id)
        if item is None or item.deleted or item.meeting_id != meeting_id:
            raise NotFound("Không tìm thấy nội dung trong chương trình họp.", "Agenda item not found.")
        rule_key = rule_key or item.vote_rule
    ruleset = _rules(meeting)
    subject_rows: list[VoteSubject] = []
    if method == VoteMethod.YES_NO.value:
        option_rows = [VoteOption(key=k, label=YES_NO_LABELS.get(k, k)) for k in ruleset.options]
        max_choices = 1
    elif method == VoteMethod.CHOICES.value:
        option_rows = list(options or [])
        keys = [o.key for o in option_rows]
        if not option_rows or len(set(keys)) != len(keys) or any(not k or len(k) > 80 or ":" in k for k in keys):
            raise ValidationError("Hãy nhập danh sách ứng cử viên (không trùng nhau).", "Enter distinct candidates.",
                                  field="options")
        if not 1 <= max_choices <= len(option_rows):
            raise ValidationError("Số người được chọn không hợp lệ.", "Invalid number of choices.", field="max_choices")
    else:
        option_rows = [VoteOption(key=k, label=v) for k, v in LEVEL_LABELS.items()]
        subject_rows = list(subjects or [])
        ids = [s.id for s in subject_rows]
        if not subject_rows or len(set(ids)) != len(ids) or any(not i or len(i) > 60 or ":" in i for i in ids):
            raise ValidationError("Hãy nhập những người được lấy phiếu tín nhiệm.", "Enter the people assessed.",
                                  field="subjects")
        max_choices = 1
    rule = ruleset.vote(rule_key) if rule_key else None
    if rule_key and rule is None:
        raise ValidationError(f"Cuộc họp không có quy tắc biểu quyết “{rule_key}”.", f"No vote rule {rule_key!r}.",
                              field="rule_key")
    if rule is None and method != VoteMethod.CONFIDENCE.value:
        raise ValidationError("Hãy chọn quy tắc biểu quyết.", "Choose the vote's rule.", field="rule_key")
    if method == VoteMethod.CONFIDENCE.value:
        secret = True  # lấy phiếu tín nhiệm is by secret ballot (NQ 96/2023/QH15)
    stored: dict[str, Any] = {"rule": rule_to_dict(rule) if rule else None}
    if method == VoteMethod.CONFIDENCE.value:
        stored["outcomes"] = [rule_to_dict(r) for r in ruleset.confidence]
    vote = Vote(
        meeting_id=meeting_id, item_id=item_id, title=title, method=method, secret=secret,
        options=json.dumps([o.model_dump() for o in option_rows], ensure_ascii=False),
        subjects=json.dumps([s.model_dump() for s in subject_rows], ensure_ascii=False),
        max_choices=max_choices, rule=json.dumps(stored, ensure_ascii=False), show_tally=show_tally and not secret,
        state=VoteState.PREPARED.value, time_limit_seconds=time_limit_seconds, created_by=actor_id, created_at=now,
    )
    session.add(vote)
    session.flush()
    return _tell(session, vote)


def _voting_presence(ruleset: RuleSet) -> list[str]:
    """Present for a vote: in the hall, online, or by a substitute where substitutes vote."""
    presence = [Presence.HALL.value, Presence.ONLINE.value]
    if ruleset.substitutes_vote:
        presence.append(Presence.SUBSTITUTE.value)
    return presence


def _entitled(meeting_id: str, ruleset: RuleSet) -> Any:
    """SQL: the members with a vote whose attendance lets them vote now (their user ids)."""
    return and_(
        Participant.meeting_id == meeting_id, Participant.deleted.is_(False), in_office(),
        Attendance.presence.in_(_voting_presence(ruleset)),
    )


def _attended() -> Any:
    return and_(Attendance.meeting_id == Participant.meeting_id, Attendance.participant_id == Participant.id)


def open_vote(session: Session, actor_id: str, vote_id: str, *, without_quorum: bool = False,
              now: datetime, meeting_id: str | None = None) -> VoteView:
    """Open the vote: every member entitled now is issued a ballot (one statement), the
    countdown starts. Without quorum refused (``no_quorum``) unless the chair insists."""
    vote = _vote(session, vote_id, meeting_id, lock=True)
    _, meeting = organiser(session, actor_id, vote.meeting_id)
    if vote.state != VoteState.PREPARED.value:
        raise StateError("Chỉ mở được lần biểu quyết đang chuẩn bị.", "Only a prepared vote can be opened.")
    _not_over(meeting)
    quorum = attendance.quorum(session, vote.meeting_id)
    if not quorum.holds and not without_quorum:
        raise NoQuorum(quorum.present, quorum.needed)
    session.execute(insert(VoteVoter).from_select(
        ["vote_id", "voter_id", "returned"],
        select(literal(vote.id), Participant.user_id, false()).join(Attendance, _attended())
        .where(_entitled(vote.meeting_id, _rules(meeting))),
    ))
    session.execute(insert(VoteTally), [
        {"vote_id": vote.id, "option": key, "shard": shard, "count": 0}
        for key in _tally_keys(vote) for shard in range(TALLY_SHARDS)
    ])
    vote.issued = int(session.scalar(select(func.count()).where(VoteVoter.vote_id == vote.id)) or 0)
    vote.state, vote.opened_at = VoteState.OPEN.value, now
    vote.closes_at = now + timedelta(seconds=vote.time_limit_seconds) if vote.time_limit_seconds else None
    session.flush()
    return _tell(session, vote)


def show_tally(session: Session, actor_id: str, vote_id: str, show: bool, *, meeting_id: str | None = None) -> VoteView:
    """Show (or hide) the running tally of a named vote to everyone; a secret one never."""
    vote = _vote(session, vote_id, meeting_id, lock=True)
    organiser(session, actor_id, vote.meeting_id)
    if vote.secret and show:
        raise StateError("Không hiển thị kết quả tạm thời của bỏ phiếu kín.", "A secret vote's tally is never shown.")
    vote.show_tally = show
    session.flush()
    return _tell(session, vote)


def _frozen(session: Session, vote: Vote, ruleset: RuleSet) -> counting.Frozen:
    """Members in office, present (as a vote counts presence), issued and returned: two
    aggregate queries."""
    members, present = session.execute(
        select(func.count(Participant.id),
               func.coalesce(func.sum(case((Attendance.presence.in_(_voting_presence(ruleset)), 1), else_=0)), 0))
        .select_from(Participant).outerjoin(Attendance, _attended())
        .where(Participant.meeting_id == vote.meeting_id, Participant.deleted.is_(False), in_office())
    ).one()
    returned, issued = _returned(session, [vote.id]).get(vote.id, (0, 0))
    return counting.Frozen(int(members), int(present), issued, returned)


def _named(session: Session, vote: Vote) -> list[NamedChoice]:
    rows = session.execute(
        select(VoteVoter.voter_id, User.full_name, VoteVoter.choice, VoteVoter.cast_by)
        .join(User, User.id == VoteVoter.voter_id)
        .where(VoteVoter.vote_id == vote.id, VoteVoter.returned.is_(True)).order_by(User.full_name, User.id)
    ).all()
    return [NamedChoice(user_id=u, full_name=n, choice=json.loads(c or "[]"), cast_by=b if b != u else None)
            for u, n, c, b in rows]


def count(session: Session, vote: Vote, meeting: Meeting) -> VoteResult:
    """The result of a vote being closed: a fixed number of statements whatever its size."""
    frozen = _frozen(session, vote, _rules(meeting))
    tallies = _tallies(session, [vote.id])[vote.id]
    rule, outcomes = _stored_rule(vote)
    keys = _tally_keys(vote)
    counts = {k: tallies.get(k, 0) for k in keys}
    named = [] if vote.secret else _named(session, vote)
    result = VoteResult(members=frozen.members, present=frozen.present, issued=frozen.issued,
                        returned=frozen.returned, counts=counts, percents=counting.percents(counts, frozen.members),
                        named=named)
    if vote.method == VoteMethod.YES_NO.value and rule is not None:
        chair = next((c.choice for c in named if c.user_id == meeting.chair_id), None)
        result.verdict = counting.yes_no_verdict(rule, counts, frozen, chair[0] if chair else None)
    elif vote.method == VoteMethod.CHOICES.value and rule is not None:
        result.elected = counting.elected(rule, counts, keys, frozen, vote.max_choices)
    elif vote.method == VoteMethod.CONFIDENCE.value:
        subjects = [(s["id"], s["name"]) for s in json.loads(vote.subjects)]
        result.subjects = counting.confidence_results(subjects, counts, frozen, outcomes)
    if vote.secret:
        result.record = counting.counting_record(frozen, counts)
    vote.members, vote.present = frozen.members, frozen.present
    vote.issued, vote.returned = frozen.issued, frozen.returned
    return result


def _rewrite(session: Session, vote: Vote) -> None:
    """Write every voter and tally row of a secret vote again, as they are (two statements).

    On PostgreSQL a row's version carries the transaction that wrote it (``xmin``): the
    ballot that last changed a tally and its voter's row had the same one. Once closed,
    all of them carry the close's. (Until then, and in the old versions until VACUUM, a
    database administrator could match them: the residue of counting as ballots come in.)
    """
    session.execute(update(VoteVoter).where(VoteVoter.vote_id == vote.id).values(returned=VoteVoter.returned)
                    .execution_options(synchronize_session=False))
    session.execute(update(VoteTally).where(VoteTally.vote_id == vote.id).values(count=VoteTally.count)
                    .execution_options(synchronize_session=False))


def close_vote(session: Session, actor_id: str, vote_id: str, *, now: datetime,
               meeting_id: str | None = None) -> VoteView:
    """Close the vote: no ballot after this; the numbers are frozen and counted."""
    vote = _vote(session, vote_id, meeting_id, lock=True)
    _, meeting = organiser(session, actor_id, vote.meeting_id)
    if vote.state != VoteState.OPEN.value:
        raise StateError("Chỉ kết thúc được lần biểu quyết đang mở.", "Only an open vote can be closed.")
    vote.result = count(session, vote, meeting).model_dump_json()
    vote.state, vote.closed_at = VoteState.CLOSED.value, now
    if vote.secret:
        _rewrite(session, vote)
    session.flush()
    return _tell(session, vote)


def publish_vote(session: Session, actor_id: str, vote_id: str, *, now: datetime,
                 meeting_id: str | None = None) -> VoteView:
    """Publish a closed vote's result to every participant (the wall screen)."""
    vote = _vote(session, vote_id, meeting_id, lock=True)
    organiser(session, actor_id, vote.meeting_id)
    if vote.state != VoteState.CLOSED.value:
        raise StateError("Chỉ công bố được kết quả của lần biểu quyết đã kết thúc.", "Only a closed vote is published.")
    vote.state, vote.published_at = VoteState.PUBLISHED.value, now
    session.flush()
    return _tell(session, vote)


# --------------------------------------------------------------------------- a ballot


def _checked(vote: Vote, choice: list[str]) -> list[str]:
    keys = _tally_keys(vote)
    if len(set(choice)) != len(choice) or any(c not in keys for c in choice):
        raise ValidationError("Phiếu không hợp lệ.", "The ballot names an unknown or repeated option.", field="choice")
    if vote.method == VoteMethod.CHOICES.value:
        if not 1 <= len(choice) <= vote.max_choices:
            raise ValidationError(f"Hãy chọn từ 1 đến {vote.max_choices} người.",
                                  f"Choose 1 to {vote.max_choices}.", field="choice")
    elif vote.method == VoteMethod.CONFIDENCE.value:
        subjects = [s["id"] for s in json.loads(vote.subjects)]
        if sorted(c.split(":", 1)[0] for c in choice) != sorted(subjects):
            raise ValidationError("Hãy chọn một mức tín nhiệm cho mỗi người.", "Choose one level for each person.",
                                  field="choice")
    elif len(choice) != 1:
        raise ValidationError("Hãy chọn một phương án.", "Choose one option.", field="choice")
    return choice


def _whose(session: Session, meeting: Meeting, user_id: str) -> str | None:
    """The member whose ballot ``user_id`` casts (themselves, or the member who sent them
    where substitutes vote); None when they cast none. Nobody casts a ballot for anyone
    else: a member whose substitute attends does not vote, and a substitute votes only
    while attending in the member's place."""
    return _whose_many(session, meeting, {user_id}).get(user_id)


def _whose_many(session: Session, meeting: Meeting, user_ids: set[str]) -> dict[str, str]:
    """``_whose`` of several users in one query: user → the member they cast for."""
    substitutes = _rules(meeting).substitutes_vote
    rows = session.execute(
        select(Participant.user_id, Participant.substitute_id, Attendance.presence)
        .select_from(Participant).outerjoin(Attendance, _attended())
        .where(Participant.meeting_id == meeting.id, Participant.deleted.is_(False),
               in_office(),
               or_(Participant.user_id.in_(user_ids), Participant.substitute_id.in_(user_ids)))
    ).all()
    found: dict[str, str] = {}
    # Their own seat first: a member votes as themselves before as anyone's substitute.
    for member, _substitute, presence in rows:
        if member in user_ids and presence in (Presence.HALL.value, Presence.ONLINE.value):
            found[str(member)] = str(member)
    if substitutes:
        for member, substitute, presence in rows:
            if substitute in user_ids and substitute not in found and presence == Presence.SUBSTITUTE.value:
                found[str(substitute)] = str(member)
    return found


def cast_ballot(session: Session, user_id: str, vote_id: str, choice: list[str], *, now: datetime,
                meeting_id: str | None = None) -> BallotReceipt:
    """Cast the signed-in user's ballot (or, as an allowed substitute, the member's), once.

    Refused: ``vote_not_open`` (not open, or past its time limit), ``not_entitled``,
    ``already_voted`` (a second ballot, also one racing from another computer).
    """
    request = BallotRequest(user_id, vote_id, list(choice), now, meeting_id)
    cast_ballots(session, [request])
    if request.refused is not None:
        raise request.refused
    assert request.receipt is not None
    return request.receipt


@dataclass
class BallotRequest:
    """One ballot of a batch (``cast_ballots``), and what became of it."""

    user_id: str
    vote_id: str
    choice: list[str]
    #: When the ballot arrived: one arriving before the vote's time limit counts.
    now: datetime
    meeting_id: str | None = None
    receipt: BallotReceipt | None = None
    refused: DomainError | None = None


def cast_ballots(session: Session, requests: list[BallotRequest]) -> None:
    """Cast several ballots in one transaction (``live.ballot_box`` gathers them), each
    taken or refused on its own (``cast_ballot``'s refusals, in ``refused``).

    What every ballot of a vote shares is read once for the batch: the vote (its row
    locked in share mode: ballots do not wait for each other on it, but the close, FOR
    UPDATE, waits for those under way and those after it find it closed), the meeting,
    and whose ballot each of its users casts (one query). A refusal comes before anything
    of its ballot is written, so it needs no savepoint. Each vote's tally takes the
    batch's ballots in one update per option, and the vote tells its progress once; every
    taken ballot's receipt gives those counts.
    """
    by_vote: dict[str, list[BallotRequest]] = {}
    for request in requests:
        by_vote.setdefault(request.vote_id, []).append(request)
    for vote_id, asked in by_vote.items():
        try:
            vote = _vote(session, vote_id, share=True)
        except NotFound as refused:
            for request in asked:
                request.refused = refused
            continue
        taken = _mark_ballots(session, vote, asked)
        if taken:
            receipt = _tell_progress(session, vote)
            for request in taken:
                request.receipt = receipt


def _mark_ballots(session: Session, vote: Vote, requests: list[BallotRequest]) -> list[BallotRequest]:
    """The vote's ballots in the voters' rows and the tally; those taken (see ``cast_ballots``)."""
    meeting = meeting_of(session, vote.meeting_id)
    whose = _whose_many(session, meeting, {r.user_id for r in requests})
    added: dict[str, int] = {}
    taken: list[BallotRequest] = []
    for request in requests:
        try:
            choice = _mark_one(session, vote, meeting, whose.get(request.user_id), request)
        except DomainError as refused:
            request.refused = refused
            continue
        for option in choice:
            added[option] = added.get(option, 0) + 1
        taken.append(request)
    # The rows every ballot changes come last, so each is held only until the commit.
    for option, count in added.items():
        session.execute(
            update(VoteTally).where(VoteTally.vote_id == vote.id, VoteTally.option == option,
                                    VoteTally.shard == _chance.randrange(TALLY_SHARDS))
            .values(count=VoteTally.count + count).execution_options(synchronize_session=False)
        )
    return taken


def _mark_one(session: Session, vote: Vote, meeting: Meeting, voter_id: str | None,
              request: BallotRequest) -> list[str]:
    """One ballot in its voter's row, refused before anything is written; its choice."""
    if request.meeting_id is not None and vote.meeting_id != request.meeting_id:
        raise NotFound("Không tìm thấy lần biểu quyết.", "Vote not found.")
    # Only a refusal asks whether the user may see the meeting at all, so a ballot costs
    # no statement that a refused one does not need.
    if voter_id is None:
        user = session.get(User, request.user_id)
        if user is None or not access.sees(session, user, meeting):
            raise NotFound("Không tìm thấy lần biểu quyết.", "Vote not found.")
    now = request.now
    if vote.state != VoteState.OPEN.value or (vote.closes_at is not None and now >= aware(vote.closes_at)):
        raise VoteNotOpen()
    if voter_id is None:
        raise NotEntitled()
    choice = _checked(vote, list(request.choice))
    stored_choice = None if vote.secret else json.dumps(choice, ensure_ascii=False)
    voters = VoteVoter.__table__.c  # Core, not the ORM's bulk update: a third of a ballot's time
    marked = session.connection().execute(
        update(VoteVoter.__table__).where(voters.vote_id == vote.id, voters.voter_id == voter_id,
                                          voters.returned.is_(False))
        .values(returned=True, cast_by=request.user_id, choice=stored_choice)
    )
    if not marked.rowcount:
        already = session.scalar(select(VoteVoter.returned).where(VoteVoter.vote_id == vote.id,
                                                                    VoteVoter.voter_id == voter_id))
        if already is not None:
            raise AlreadyVoted()
        try:  # arrived after the opening: issued and returned at once, under the primary key
            with session.begin_nested():
                session.execute(insert(VoteVoter).values(vote_id=vote.id, voter_id=voter_id, returned=True,
                                                         cast_by=request.user_id, choice=stored_choice))
        except IntegrityError:
            raise AlreadyVoted() from None
    return choice


def _tell_progress(session: Session, vote: Vote) -> BallotReceipt:
    """The vote's progress told to the meeting ("312 of 500 voted"), and as a receipt."""
    returned, issued = _returned(session, [vote.id]).get(vote.id, (0, 0))
    tally = _tallies(session, [vote.id])[vote.id] if _tally_shown(vote) else None
    progress = VoteProgress(vote_id=vote.id, returned=returned, issued=issued, tally=tally)
    telling.announce(session, vote.meeting_id, telling.VOTE_PROGRESS, progress, coalesce=f"vote:{vote.id}")
    return BallotReceipt(vote_id=vote.id, returned=returned, issued=issued)

