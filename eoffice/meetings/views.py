"""What the meetings' screens show: the calendar, one meeting (sittings, agenda tree with
its numbers and planned times, documents with the reader's read state, participants),
who has read each document, and a person's next meetings.

Plain values read in a handful of queries per call (never one per row: a meeting of 500
participants, 100 items and 300 documents opens in a few statements), so the UI never
holds ORM objects across threads. Numbers ("1", "1.2") and planned times are computed
here, never stored.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import String, and_, cast, func, or_, select, union
from sqlalchemy.orm import Session, aliased

from eoffice.directory.access import load_actor
from eoffice.directory.models import Unit, User
from eoffice.errors import PermissionDenied
from eoffice.meetings.access import meeting_clause, organises, sees
from eoffice.meetings.organising import meeting_of
from eoffice.meetings.values import aware, utc
from eoffice.meetings.models import (
    AgendaItem,
    Answer,
    Audience,
    Meeting,
    MeetingDocument,
    MeetingDocumentVersion,
    MeetingState,
    Participant,
    ReadReceipt,
    Room,
    Sitting,
)

#: The longest a meeting spans (a council session of several days, well within): the
#: calendar asks the (organisation, start) index for starts from this long before the
#: range, so a month's query reads a month of rows, not every meeting before it.
LONGEST_MEETING = timedelta(days=31)

SCOPES = ("mine", "unit", "organisation")

#: A document's state for its reader.
UNREAD = "unread"  # chưa xem
READ = "read"  # đã xem
UPDATED = "updated"  # đã cập nhật: a newer version than the one the reader opened


def _maybe(moment: datetime | None) -> datetime | None:
    return None if moment is None else aware(moment)


# --------------------------------------------------------------------------- calendar


@dataclass(frozen=True)
class CalendarRow:
    """One meeting in a calendar; ``role``/``answer`` are the viewer's ("" when not a participant)."""

    id: str
    title: str
    kind: str
    state: str
    starts_at: datetime
    ends_at: datetime
    place: str
    chair_name: str
    role: str
    answer: str
    secret: bool


def _mine(user: User) -> object:
    """SQL over ``Meeting``: the meetings the user is in (as a participant or a substitute)
    or runs in person (creator, chair, secretary)."""
    # Two selects, not one OR: each side can use its own index (user, meeting) and substitute.
    participates = union(
        select(Participant.meeting_id).where(Participant.user_id == user.id, Participant.deleted.is_(False)),
        select(Participant.meeting_id).where(Participant.substitute_id == user.id, Participant.deleted.is_(False)),
    )
    return or_(
        Meeting.id.in_(participates),
        Meeting.created_by == user.id,
        Meeting.chair_id == user.id,
        Meeting.secretary_id == user.id,
    )


def _calendar_rows(
    session: Session, user: User, where: list[object], order_limit: int | None = None
) -> list[CalendarRow]:
    chair = aliased(User)
    me = aliased(Participant)
    query = (
        select(
            Meeting.id, Meeting.title, Meeting.kind, Meeting.state, Meeting.starts_at, Meeting.ends_at,
            Meeting.place, Room.name, chair.full_name, me.role, me.answer, Meeting.secret,
        )
        .outerjoin(Room, Room.id == Meeting.room_id)
        .outerjoin(chair, chair.id == Meeting.chair_id)
        .outerjoin(
            me,
            and_(
                me.meeting_id == Meeting.id, me.deleted.is_(False),
                or_(me.user_id == user.id, me.substitute_id == user.id),
            ),
        )
        .where(Meeting.deleted.is_(False), meeting_clause(user), *where)  # type: ignore[arg-type]
        .order_by(Meeting.starts_at, Meeting.id)
    )
    if order_limit is not None:
        query = query.limit(order_limit * 2)  # a doubled row (participant and substitute) is dropped below
    rows: list[CalendarRow] = []
    seen: set[str] = set()
    for r in session.execute(query):
        if r[0] in seen:
            continue
        seen.add(r[0])
        rows.append(CalendarRow(
            id=r[0], title=r[1], kind=r[2], state=r[3], starts_at=aware(r[4]), ends_at=aware(r[5]),
            place=r[7] or r[6] or "", chair_name=r[8] or "", role=r[9] or "", answer=r[10] or "", secret=r[11],
        ))
    return rows[:order_limit] if order_limit is not None else rows


def calendar(session: Session, user: User, start: datetime, end: datetime, scope: str = "mine") -> list[CalendarRow]:
    """The meetings ``user`` may see that overlap [start, end), by start time.

    ``scope``: "mine" (the ones they are in or run in person), "unit" (their unit's),
    "organisation" (their organisation's). Reads the (organisation, start) index for the
    last two; the participants' (user, meeting) index for the first.
    """
    if scope not in SCOPES:
        raise ValueError(f"unknown calendar scope {scope!r}")
    start, end = utc(start), utc(end)  # SQLite compares the stored UTC text: no other zone
    where: list[object] = [
        Meeting.starts_at < end, Meeting.ends_at > start, Meeting.starts_at >= start - LONGEST_MEETING,
    ]
    if scope == "mine":
        where.append(_mine(user))
    else:
        where.append(Meeting.organisation_id == user.organisation_id)
        if scope == "unit":
            where.append(Meeting.unit_id == user.unit_id)
    return _calendar_rows(session, user, where)


def next_meetings(session: Session, user: User, now: datetime, limit: int = 5) -> list[CalendarRow]:
    """The user's meetings not yet over (nor cancelled), soonest first: "my next meetings"."""
    where: list[object] = [
        Meeting.ends_at > utc(now),  # SQLite compares the stored UTC text: no other zone
        Meeting.state.not_in((MeetingState.CANCELLED.value, MeetingState.ARCHIVED.value)),
        _mine(user),
    ]
    return _calendar_rows(session, user, where, limit)


# --------------------------------------------------------------------------- one meeting


@dataclass(frozen=True)
class SittingView:
    id: str
    number: int
    title: str
    starts_at: datetime
    ends_at: datetime
    place: str


@dataclass(frozen=True)
class DocumentView:
    """A document as its reader sees it: its newest file and whether they opened it.

    ``state`` is UNREAD, READ or UPDATED (a newer version arrived since they opened it);
    ``readable`` is False before ``release_at`` for a participant (the row arrives early
    so they know what is coming).
    """

    id: str
    item_id: str
    title: str
    version: int
    filename: str
    digest: str
    size: int
    page_count: int
    version_added_at: datetime | None
    release_at: datetime | None
    audience: str
    readable: bool
    state: str
    opened_at: datetime | None
    opened_version: int | None


@dataclass
class ItemView:
    """An agenda item with its computed number ("1.2") and planned times."""

    id: str
    sitting_id: str
    parent_id: str | None
    number: str
    depth: int
    title: str
    presenter_name: str
    planned_minutes: int
    decision: str
    starts_at: datetime
    ends_at: datetime
    documents: list[DocumentView] = field(default_factory=list)
    children: list[ItemView] = field(default_factory=list)
    #: The rule its vote is decided by (``rules``: a key of the meeting's rules; "" the default).
    vote_rule: str = ""


@dataclass(frozen=True)
class ParticipantView:
    id: str
    user_id: str
    name: str
    position: str
    unit_name: str
    role: str
    votes: bool
    answer: str
    answer_reason: str
    answered_at: datetime | None
    substitute_id: str | None
    substitute_name: str


@dataclass
class MeetingView:
    id: str
    title: str
    kind: str
    state: str
    state_reason: str
    starts_at: datetime
    ends_at: datetime
    place: str
    online_link: str
    chair_name: str
    secretary_name: str
    secret: bool
    notes: str
    #: The viewer runs the meeting (sees every document, who has read it, the answers).
    organiser: bool
    #: The viewer's own participant row, if any.
    me: ParticipantView | None
    sittings: list[SittingView]
    #: Top-level items per sitting, in order (``ItemView.children`` for the tree).
    agenda: dict[str, list[ItemView]]
    participants: list[ParticipantView]

    def items(self) -> list[ItemView]:
        """Every item, depth first in agenda order (sittings in order)."""
        out: list[ItemView] = []

        def walk(items: list[ItemView]) -> None:
            for item in items:
                out.append(item)
                walk(item.children)

        for sitting in self.sittings:
            walk(self.agenda.get(sitting.id, []))
        return out

    def documents(self) -> list[DocumentView]:
        return [d for item in self.items() for d in item.documents]


def _participants(session: Session, meeting_id: str) -> list[ParticipantView]:
    substitute = aliased(User)
    query = (
        select(
            Participant.id, Participant.user_id, User.full_name, User.position, Unit.name, Participant.role,
            Participant.votes, Participant.answer, Participant.answer_reason, Participant.answered_at,
            Participant.substitute_name, substitute.full_name, Participant.substitute_id,
        )
        .join(User, User.id == Participant.user_id)
        .outerjoin(Unit, Unit.id == User.unit_id)
        .outerjoin(substitute, substitute.id == Participant.substitute_id)
        .where(Participant.meeting_id == meeting_id, Participant.deleted.is_(False))
    )
    order = {"chair": 0, "secretary": 1, "member": 2, "guest": 3, "staff": 4}
    rows = [
        ParticipantView(
            id=r[0], user_id=r[1], name=r[2], position=r[3] or "", unit_name=r[4] or "", role=r[5], votes=r[6],
            answer=r[7], answer_reason=r[8] or "", answered_at=_maybe(r[9]), substitute_id=r[12],
            substitute_name=r[11] or r[10] or "",
        )
        for r in session.execute(query)
    ]
    rows.sort(key=lambda p: (order.get(p.role, 9), p.name))
    return rows


def _in_audience(audience: str, readers: str, me: ParticipantView | None, user_id: str) -> bool:
    if me is None:
        return False
    if audience == Audience.VOTING.value:
        return me.votes
    if audience == Audience.NAMED.value:
        return f'"{user_id}"' in readers and user_id in json.loads(readers or "[]")
    return True


def meeting_view(session: Session, user: User | str, meeting_id: str, now: datetime | None = None) -> MeetingView:
    """Everything the meeting's screen shows for ``user``, in seven queries.

    Raises NotFound when the meeting is not there and PermissionDenied when the user may
    not see it.
    """
    if isinstance(user, str):
        user = load_actor(session, user)
    now = now or datetime.now(timezone.utc)
    meeting = meeting_of(session, meeting_id)
    if not sees(session, user, meeting):
        raise PermissionDenied("Bạn không có quyền xem cuộc họp này.", "You may not see this meeting.")
    organiser = organises(session, user, meeting)

    sitting_rows = session.execute(
        select(
            Sitting.id, Sitting.number, Sitting.title, Sitting.starts_at, Sitting.ends_at, Sitting.place,
            Sitting.room_id,
        )
        .where(Sitting.meeting_id == meeting_id, Sitting.deleted.is_(False))
        .order_by(Sitting.number)
    ).all()
    room_ids = {r for r in [meeting.room_id, *(s[6] for s in sitting_rows)] if r}
    rooms = dict(session.execute(select(Room.id, Room.name).where(Room.id.in_(room_ids))).all()) if room_ids else {}
    sittings = [
        SittingView(s[0], s[1], s[2], aware(s[3]), aware(s[4]), rooms.get(s[6] or "", "") or s[5])
        for s in sitting_rows
    ]
    participants = _participants(session, meeting_id)
    by_user = {p.user_id: p for p in participants}
    me = by_user.get(user.id)
    if me is None:
        me = next((p for p in participants if p.substitute_id == user.id), None)

    items = session.execute(
        select(
            AgendaItem.id, AgendaItem.sitting_id, AgendaItem.parent_id, AgendaItem.position, AgendaItem.title,
            AgendaItem.presenter_id, AgendaItem.planned_minutes, AgendaItem.decision, AgendaItem.vote_rule,
        )
        .where(AgendaItem.meeting_id == meeting_id, AgendaItem.deleted.is_(False))
        .order_by(AgendaItem.position, AgendaItem.id)
    ).all()
    presenter_ids = {r[5] for r in items if r[5]}
    names = {uid: p.name for uid, p in by_user.items()}
    if missing := presenter_ids - names.keys():
        names.update(dict(session.execute(select(User.id, User.full_name).where(User.id.in_(missing))).all()))
    presents = {r[0] for r in items if r[5] == user.id}

    version = aliased(MeetingDocumentVersion)
    documents = session.execute(
        select(
            MeetingDocument.id, MeetingDocument.item_id, MeetingDocument.title, MeetingDocument.version,
            MeetingDocument.audience, MeetingDocument.readers, MeetingDocument.release_at,
            version.filename, version.digest, version.size, version.page_count, version.added_at,
        )
        .outerjoin(
            version,
            and_(
                version.meeting_document_id == MeetingDocument.id, version.version == MeetingDocument.version,
                version.deleted.is_(False),
            ),
        )
        .where(MeetingDocument.meeting_id == meeting_id, MeetingDocument.deleted.is_(False))
        .order_by(MeetingDocument.position, MeetingDocument.added_at, MeetingDocument.id)
    ).all()
    receipts = {
        r[0]: (aware(r[1]), r[2])
        for r in session.execute(
            select(ReadReceipt.meeting_document_id, ReadReceipt.first_opened_at, ReadReceipt.version).where(
                ReadReceipt.meeting_id == meeting_id, ReadReceipt.user_id == user.id, ReadReceipt.deleted.is_(False)
            )
        )
    }
    docs_by_item: dict[str, list[DocumentView]] = defaultdict(list)
    for d in documents:
        presenter = d[1] in presents
        if not (organiser or presenter or _in_audience(d[4], d[5], me, user.id)):
            continue
        release = _maybe(d[6])
        readable = organiser or presenter or release is None or release <= now
        receipt = receipts.get(d[0])
        state = UNREAD if receipt is None else UPDATED if receipt[1] < d[3] else READ
        docs_by_item[d[1]].append(DocumentView(
            id=d[0], item_id=d[1], title=d[2], version=d[3], filename=d[7] or "", digest=d[8] or "",
            size=d[9] or 0, page_count=d[10] or 0, version_added_at=_maybe(d[11]), release_at=release,
            audience=d[4], readable=readable, state=state,
            opened_at=receipt[0] if receipt else None, opened_version=receipt[1] if receipt else None,
        ))

    starts = {s.id: s.starts_at for s in sittings}
    children: dict[tuple[str, str | None], list[Any]] = defaultdict(list)
    known = {r[0] for r in items}
    for r in items:  # already in position order; an orphan (its parent not here yet) is top level
        children[(r[1], r[2] if r[2] in known else None)].append(r)

    def build(sitting_id: str, parent: str | None, prefix: str, depth: int, at: datetime) -> tuple[list[ItemView], int]:
        out: list[ItemView] = []
        total = 0
        for n, r in enumerate(children.get((sitting_id, parent), []), 1):
            number = f"{prefix}{n}"
            start = at + timedelta(minutes=total)
            subs, sub_minutes = build(sitting_id, str(r[0]), number + ".", depth + 1, start)
            span = max(int(r[6]), sub_minutes)
            out.append(ItemView(
                id=str(r[0]), sitting_id=sitting_id, parent_id=parent, number=number, depth=depth, title=str(r[4]),
                presenter_name=names.get(str(r[5]), "") if r[5] else "", planned_minutes=int(r[6]),
                decision=str(r[7]), starts_at=start, ends_at=start + timedelta(minutes=span),
                documents=docs_by_item.get(str(r[0]), []), children=subs, vote_rule=str(r[8] or ""),
            ))
            total += span
        return out, total

    agenda = {s.id: build(s.id, None, "", 0, starts[s.id])[0] for s in sittings}
    chair = by_user.get(meeting.chair_id or "")
    secretary = by_user.get(meeting.secretary_id or "")
    missing_names = {i for i in (meeting.chair_id, meeting.secretary_id) if i and i not in by_user}
    extra: dict[str, str] = {}
    if missing_names:
        extra = dict(session.execute(select(User.id, User.full_name).where(User.id.in_(missing_names))).all())
    place = rooms.get(meeting.room_id or "", "") or meeting.place
    return MeetingView(
        id=meeting.id, title=meeting.title, kind=meeting.kind, state=meeting.state, state_reason=meeting.state_reason,
        starts_at=aware(meeting.starts_at), ends_at=aware(meeting.ends_at), place=place,
        online_link=meeting.online_link,
        chair_name=chair.name if chair else extra.get(meeting.chair_id or "", ""),
        secretary_name=secretary.name if secretary else extra.get(meeting.secretary_id or "", ""),
        secret=meeting.secret, notes=meeting.notes, organiser=organiser, me=me, sittings=sittings, agenda=agenda,
        participants=participants if (organiser or me is not None) else [],
    )


# --------------------------------------------------------------------------- who has read


@dataclass(frozen=True)
class Reader:
    """A participant in a document's audience (one value per person, shared by every document)."""

    user_id: str
    name: str
    unit_name: str
    role: str
    answer: str


@dataclass
class DocumentReaders:
    """Per document: who in its audience has opened it (with the first time and the
    version they opened) and who has not.

    ``audience`` is shared between the documents with the same audience and ``opened``
    holds only the receipts, so the table of a meeting of 500 people and 300 documents
    costs its receipts, not its 150,000 pairs; ``read`` and ``unread`` list them when a
    screen asks.
    """

    document_id: str
    item_id: str
    title: str
    version: int
    audience: list[Reader]
    #: Participant's user id → (first opened, version opened), by them or their substitute;
    #: the time as the database gave it (``read`` makes it a datetime).
    opened: dict[str, tuple[datetime | str, int]]

    @property
    def read_count(self) -> int:
        return len(self.opened)

    @property
    def unread_count(self) -> int:
        return len(self.audience) - len(self.opened)

    @property
    def read(self) -> list[tuple[Reader, datetime, int]]:
        """Those who opened it, earliest first."""
        rows = [(r, _moment(self.opened[r.user_id][0]), self.opened[r.user_id][1]) for r in self.audience
                if r.user_id in self.opened]
        rows.sort(key=lambda row: row[1])
        return rows

    @property
    def unread(self) -> list[Reader]:
        return [r for r in self.audience if r.user_id not in self.opened]


def _moment(value: datetime | str) -> datetime:
    """A stored time read raw: SQLite's text ("2026-12-06 02:00:00.000000") or a datetime."""
    return aware(value if isinstance(value, datetime) else datetime.fromisoformat(value))


def who_has_read(session: Session, meeting_id: str, user: User | None = None) -> list[DocumentReaders]:
    """The secretary's table: for each document of the meeting, the participants in its
    audience who opened it (with the first time) and those who have not. A participant's
    substitute opening it counts for them. An absent participant is listed too (the
    screen may set them apart by ``answer``).

    Three queries and one pass over the receipts. With ``user``, raise PermissionDenied
    unless they organise the meeting.
    """
    if user is not None:
        meeting = meeting_of(session, meeting_id)
        if not organises(session, user, meeting):
            raise PermissionDenied(
                "Chỉ người tổ chức cuộc họp mới xem được ai đã xem tài liệu.",
                "Only the meeting's organisers see who has read its documents.",
            )
    people = session.execute(
        select(
            Participant.user_id, Participant.substitute_id, Participant.role, Participant.votes, Participant.answer,
            User.full_name, Unit.name,
        )
        .join(User, User.id == Participant.user_id)
        .outerjoin(Unit, Unit.id == User.unit_id)
        .where(Participant.meeting_id == meeting_id, Participant.deleted.is_(False))
        .order_by(User.full_name)
    ).all()
    everyone = [Reader(p[0], p[5], p[6] or "", p[2], p[4]) for p in people]
    voting = [r for r, p in zip(everyone, people, strict=True) if p[3]]
    voters = {r.user_id for r in voting}
    #: Who a receipt counts for: the participant, also when their substitute opened it.
    counts_for = {p[1]: p[0] for p in people if p[1]} | {p[0]: p[0] for p in people}
    out: list[DocumentReaders] = []
    by_id: dict[str, tuple[DocumentReaders, set[str] | None]] = {}
    for doc_id, item_id, title, version, audience, readers in session.execute(
        select(
            MeetingDocument.id, MeetingDocument.item_id, MeetingDocument.title, MeetingDocument.version,
            MeetingDocument.audience, MeetingDocument.readers,
        )
        .where(MeetingDocument.meeting_id == meeting_id, MeetingDocument.deleted.is_(False))
        .order_by(MeetingDocument.position, MeetingDocument.added_at, MeetingDocument.id)
    ):
        allowed: set[str] | None
        if audience == Audience.NAMED.value:
            allowed = set(json.loads(readers or "[]"))
            members = [r for r in everyone if r.user_id in allowed]
        elif audience == Audience.VOTING.value:
            allowed, members = voters, voting
        else:
            allowed, members = None, everyone
        row = DocumentReaders(doc_id, item_id, title, version, members, {})
        by_id[doc_id] = (row, allowed)
        out.append(row)
    # One row per document, its receipts folded into one text by the database ("user
    # version time" lines): a meeting's tens of thousands of receipts cross the driver as a
    # few hundred rows, and the time stays as the database writes it (parsed only for the
    # rows a screen shows; within one database the texts compare as the times do).
    entry = ReadReceipt.user_id + " " + cast(ReadReceipt.version, String) + " " + cast(
        ReadReceipt.first_opened_at, String
    )
    folded = session.connection().execute(
        select(ReadReceipt.meeting_document_id, func.aggregate_strings(entry, "\n"))
        .where(ReadReceipt.meeting_id == meeting_id, ReadReceipt.deleted.is_(False))
        .group_by(ReadReceipt.meeting_document_id)
    ).all()
    receipts = (
        (doc_id, *line.split(" ", 2)) for doc_id, lines in folded for line in (lines or "").split("\n") if line
    )
    for doc_id, user_id, version_text, opened in receipts:
        version = int(version_text)
        target = by_id.get(doc_id)
        who = counts_for.get(user_id)
        if target is None or who is None or (target[1] is not None and who not in target[1]):
            continue
        seen = target[0].opened
        if who not in seen or opened < seen[who][0]:  # type: ignore[operator]  # text, as the database writes it
            # the member's own opening or their substitute's, whichever came first
            seen[who] = (opened, version)
    return out


def answered(participants: list[ParticipantView]) -> dict[str, int]:
    """How many gave each answer (the secretary's count of who will come)."""
    counts = {a.value: 0 for a in Answer}
    for p in participants:
        counts[p.answer] = counts.get(p.answer, 0) + 1
    return counts


__all__ = [
    "LONGEST_MEETING",
    "READ",
    "SCOPES",
    "UNREAD",
    "UPDATED",
    "CalendarRow",
    "DocumentReaders",
    "DocumentView",
    "ItemView",
    "MeetingView",
    "ParticipantView",
    "Reader",
    "SittingView",
    "answered",
    "calendar",
    "meeting_view",
    "next_meetings",
    "who_has_read",
]
