"""Live events: what a user should hear about now (a direction for me, a document returned).

Events are rows of ``live_events`` written inside the transaction of the operation that
caused them, so an event exists exactly when its cause committed. Their ``seq`` comes from
the ``live_event`` counter (``eoffice.store.sequences.next_value``), whose row stays locked
until commit: events become visible strictly in ``seq`` order, so a client that has seen
event N and asks for ``seq > N`` never skips one committed later with a smaller number.

On PostgreSQL the same transaction runs ``pg_notify('eoffice_events', seq)``: PostgreSQL
delivers it to every listening server process only if and when the transaction commits.
On SQLite (one server process) a session ``after_commit`` hook wakes the in-process hubs.

This module names no capability; capabilities register with it (``eoffice.capabilities``
is loaded before a registry is read):

- What tells whom: ``on_operation(kind)`` rules, run in the transaction of each operation
  of that kind the server accepts (``record_for_operation``, the apply listener
  ``install`` registers), call ``Telling.tell`` for each event.
- Audiences: an event is for one ``AudienceKey`` — a kind and a reference, optionally
  narrowed to those holding a ``role``. ``user`` (the reference is the user's id) is built
  in; capabilities register other kinds (``register_audience``: the directory's unit and
  organisation members, a meeting's participants) by the query that lists their members
  as ``(ref, user_id)`` pairs. Membership and roles are resolved when the event is
  delivered, live (``deliveries``) or from the backlog (``backlog``), not when it was
  recorded or the socket connected. An event of an unregistered kind reaches nobody.
- Visibility: an event may be about something (``about=(subject, id)``; the payload holds
  the id as ``<subject>_id``, e.g. ``document_id``). It reaches a member of its audience
  only if they may see that thing when it is sent, by the rule its capability registered
  (``register_subject``; documents: the pull's own rule). ``admitted`` is the one gate the
  backlog and the live fan-out (``server.fanout``) both go through: a secret document
  directed to a unit tells nothing to those of its members the document does not name.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    BigInteger,
    DateTime,
    Index,
    Select,
    String,
    Text,
    and_,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Mapped, Session, mapped_column
from sqlalchemy.sql.elements import ColumnElement

from eoffice.capabilities import load
from eoffice.store.base import Base, new_id, utcnow
from eoffice.store.commits import CommitSignal, origin
from eoffice.store.sequences import next_value

if TYPE_CHECKING:
    from eoffice.directory.models import User

COUNTER = "live_event"
CHANNEL = "eoffice_events"

#: The payload key of an event's ``coalesce`` key (see ``record_event``).
COALESCE = "coalesce"
#: A payload key (true) saying the event tells about nothing registered although its
#: payload names something by a subject's key (a meeting's live event carries its
#: ``meeting_id``): without it ``LiveEvent.about`` would take the key for a subject and
#: every member of the audience would be asked, one by one, whether they may see it.
ABOUT_NOTHING = "about_nothing"

#: The one built-in audience kind: a single person (the reference is their user id).
USER = "user"


class LiveEvent(Base):
    """One event for one audience (``audience_kind`` + ``audience_ref``, maybe a ``role``).

    No foreign keys: events are a log; they outlive whatever they talk about.
    """

    __tablename__ = "live_events"
    __table_args__ = (Index("ix_live_events_audience", "audience_kind", "audience_ref"),)

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    id: Mapped[str] = mapped_column(String(36), unique=True, default=new_id)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    kind: Mapped[str] = mapped_column(String(60))
    audience_kind: Mapped[str] = mapped_column(String(40))
    audience_ref: Mapped[str] = mapped_column(String(36))
    role: Mapped[str | None] = mapped_column(String(20), nullable=True)
    payload_json: Mapped[str] = mapped_column(Text, default="{}")

    @property
    def audience(self) -> AudienceKey:
        return AudienceKey(self.audience_kind, self.audience_ref, self.role)

    def payload(self) -> dict[str, Any]:
        value = json.loads(self.payload_json or "{}")
        return value if isinstance(value, dict) else {}

    @cached_property
    def coalesce_key(self) -> str | None:
        """The event's ``coalesce`` key (``record_event``), read once per event however many
        users it is sent to."""
        if f'"{COALESCE}"' not in self.payload_json:
            return None
        key = self.payload().get(COALESCE)
        return key if isinstance(key, str) else None

    def about(self) -> Iterator[tuple[str, str]]:
        """The registered subjects the event tells about, as ``(subject, id)``."""
        return iter(self.subjects_told)

    @cached_property
    def subjects_told(self) -> tuple[tuple[str, str], ...]:
        """``about``, read from the payload once per event however many users it may reach
        (a dispatch asks it for each of them: 500 delegates); empty when the payload says
        it is about nothing (``ABOUT_NOTHING``)."""
        load()  # every subject registered before the payload is read for them
        payload = self.payload()
        if payload.get(ABOUT_NOTHING):
            return ()
        return tuple(
            (subject, value) for subject in _subjects if isinstance(value := payload.get(f"{subject}_id"), str)
        )

    def to_message(self) -> dict[str, Any]:
        """The event as the live channel sends it."""
        return {
            "type": "event",
            "id": self.seq,
            "event_id": self.id,
            "kind": self.kind,
            "at": (self.at if self.at.tzinfo else self.at.replace(tzinfo=UTC)).isoformat(),
            "payload": self.payload(),
        }


# --------------------------------------------------------------------------- audiences


@dataclass(frozen=True)
class AudienceKey:
    """Who an event is for: the members of the audience ``kind`` named by ``ref`` (for
    ``user``, that user), only those holding ``role`` when one is given."""

    kind: str
    ref: str
    role: str | None = None


def person(user_id: str | None) -> AudienceKey | None:
    """One user as an audience (None, which tells nobody, for no user)."""
    return AudienceKey(USER, user_id) if user_id else None


#: The members of a kind's audiences: a query of ``(ref, user_id)`` pairs, its columns
#: labelled ``ref`` and ``user_id``; built anew each time it is asked.
Members = Callable[[], Select[Any, Any]]


@dataclass(frozen=True)
class AudienceKind:
    name: str
    members: Members


_audiences: dict[str, AudienceKind] = {}


def register_audience(name: str, members: Members) -> AudienceKind:
    """Make ``name`` an audience kind whose members ``members`` lists (at import of a
    capability's registrations; the same registration twice is harmless)."""
    found = _audiences.get(name)
    if name == USER or (found is not None and found.members is not members):
        raise ValueError(f"audience kind {name!r} is registered already")
    kind = _audiences[name] = AudienceKind(name, members)
    return kind


def unregister_audience(name: str) -> None:
    """Forget a registered audience kind (tests); its events reach nobody from then on."""
    _audiences.pop(name, None)


def _held_roles(session: Session, user_ids: Collection[str], roles: Collection[str]) -> set[tuple[str, str]]:
    from eoffice.directory.models import UserRole

    if not user_ids or not roles:
        return set()
    rows = session.execute(
        select(UserRole.user_id, UserRole.role).where(
            UserRole.user_id.in_(sorted(user_ids)), UserRole.role.in_(sorted(roles))
        )
    )
    return {(user_id, role) for user_id, role in rows}


#: Above this many connected users, membership queries name the audiences only.
_NAMED_USERS_MAX = 1000


def _hearers(session: Session, evs: list[LiveEvent], user_ids: set[str]) -> dict[int, set[str]]:
    """Which of ``user_ids`` each event's audience holds now: one query per audience kind
    present (none for single users), one for the roles that narrow them."""
    refs: dict[str, set[str]] = defaultdict(set)
    for ev in evs:
        refs[ev.audience_kind].add(ev.audience_ref)
    members: dict[tuple[str, str], set[str]] = defaultdict(set)
    for kind, named in refs.items():
        if kind == USER:
            for ref in named & user_ids:
                members[(USER, ref)].add(ref)
            continue
        declared = _audiences.get(kind)
        if declared is None:
            continue  # nobody: a kind no capability of this server declares
        found = declared.members().subquery()
        query = select(found.c.ref, found.c.user_id).where(found.c.ref.in_(sorted(named)))
        if len(user_ids) <= _NAMED_USERS_MAX:
            query = query.where(found.c.user_id.in_(sorted(user_ids)))
        for ref, user_id in session.execute(query):
            if user_id in user_ids:
                members[(kind, ref)].add(user_id)
    narrowed = [ev for ev in evs if ev.role is not None]
    held = _held_roles(
        session,
        set().union(*(members.get((ev.audience_kind, ev.audience_ref), set()) for ev in narrowed)),
        {ev.role for ev in narrowed if ev.role is not None},
    )
    return {
        ev.seq: {
            user_id for user_id in members.get((ev.audience_kind, ev.audience_ref), ())
            if ev.role is None or (user_id, ev.role) in held
        }
        for ev in evs
    }


def _heard_by(user_id: str) -> ColumnElement[bool]:
    """The events whose audience holds ``user_id`` now, as SQL (``_hearers``' rule)."""
    from eoffice.directory.models import UserRole

    keyed = [and_(LiveEvent.audience_kind == USER, LiveEvent.audience_ref == user_id)]
    for kind in _audiences.values():
        found = kind.members().subquery()
        keyed.append(and_(
            LiveEvent.audience_kind == kind.name,
            LiveEvent.audience_ref.in_(select(found.c.ref).where(found.c.user_id == user_id)),
        ))
    held = select(UserRole.role).where(UserRole.user_id == user_id)
    return and_(or_(*keyed), or_(LiveEvent.role.is_(None), LiveEvent.role.in_(held)))


# --------------------------------------------------------------------------- visibility

#: Which of ``ids`` ``user`` may see now (a set of them).
Visible = Callable[[Session, "User", set[str]], set[str]]

_subjects: dict[str, Visible] = {}


def register_subject(name: str, visible: Visible) -> None:
    """Events may be ``about=(name, id)``; they reach only those ``visible`` says may see it."""
    found = _subjects.get(name)
    if found is not None and found is not visible:
        raise ValueError(f"subject {name!r} is registered already")
    _subjects[name] = visible


def admitted(session: Session, user_id: str, evs: list[LiveEvent]) -> list[LiveEvent]:
    """Of events addressed to a user (their audience includes them), those the user may
    receive now: each about something passes only if the user may see it by its
    subject's rule (for documents, the pull's), asked once per subject. What every event
    sent to a user goes through."""
    from eoffice.directory.models import User

    load()
    asked: dict[str, set[str]] = defaultdict(set)
    for ev in evs:
        for subject, about_id in ev.about():
            asked[subject].add(about_id)
    if not asked:
        return list(evs)
    user = session.get(User, user_id)
    if user is None or user.deleted:
        return []
    seen = {
        (subject, about_id) for subject, ids in asked.items() for about_id in _subjects[subject](session, user, ids)
    }
    return [ev for ev in evs if all(about in seen for about in ev.about())]


# --------------------------------------------------------------------------- recording and reading


def record_event(
    session: Session,
    kind: str,
    payload: dict[str, Any],
    *,
    to: AudienceKey,
    about: tuple[str, str] | None,
    coalesce: str | None = None,
) -> LiveEvent:
    """Write one event in the caller's transaction; it is announced when that commits.

    ``coalesce``: a key for an event that the next one with the same key makes obsolete
    (a vote's progress: "312 of 500 voted"). When several such events are sent at once to
    a user (a burst that arrives faster than it can be sent, or a backlog), only the
    newest of each key is sent (``latest_only``): a client is never behind because it is
    told stale counts.

    ``about``: what the event tells about, ``(subject, id)`` of a registered subject (None
    only for an event that tells nothing of anything one may not see): each member of the
    audience receives it only if they may see that (``admitted``).

    On PostgreSQL the sequence number, the row and the NOTIFY are one statement (three
    round trips were a tenth of a direction's push); elsewhere the ORM writes the row.
    """
    if coalesce is not None:
        payload = {**payload, COALESCE: coalesce}
    if about is not None:
        subject, about_id = about
        load()
        if subject not in _subjects:
            raise ValueError(f"an event about {subject!r}, which no capability says who may see")
        payload = {**payload, f"{subject}_id": about_id}
    ev = LiveEvent(
        id=new_id(), at=utcnow(), kind=kind, audience_kind=to.kind, audience_ref=to.ref, role=to.role,
        payload_json=json.dumps(payload, ensure_ascii=False, default=str),
    )
    if session.get_bind().dialect.name == "postgresql":
        ev.seq = int(session.execute(_PG_RECORD, {
            "counter": COUNTER, "channel": CHANNEL, "origin": origin(), "id": ev.id, "at": ev.at, "kind": kind,
            "audience_kind": to.kind, "audience_ref": to.ref, "role": to.role, "payload_json": ev.payload_json,
        }).scalar_one())
    else:
        ev.seq = next_value(session, COUNTER)
        session.add(ev)
        session.flush()
    LIVE_COMMITS.note(session, ev.seq)
    return ev


_PG_RECORD = text(
    "WITH s AS (INSERT INTO counters(name, value) VALUES (:counter, 1) "
    "ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value), "
    "e AS (INSERT INTO live_events (seq, id, at, kind, audience_kind, audience_ref, role, payload_json) "
    "SELECT s.value, :id, :at, :kind, :audience_kind, :audience_ref, :role, :payload_json FROM s "
    "RETURNING seq) "
    "SELECT seq, pg_notify(:channel, seq::text || ' ' || :origin) FROM e"
)


def latest_only(evs: list[LiveEvent]) -> list[LiveEvent]:
    """``evs`` (oldest first) without the coalescing events a later one of theirs with the
    same key supersedes (``record_event``'s ``coalesce``); the others all stay, in order."""
    keys = [ev.coalesce_key for ev in evs]
    if not any(keys):
        return evs
    last = {key: i for i, key in enumerate(keys) if key}
    return [ev for i, (ev, key) in enumerate(zip(evs, keys, strict=True)) if not key or last[key] == i]


def deliveries(session: Session, evs: list[LiveEvent], user_ids: Collection[str]) -> dict[str, list[LiveEvent]]:
    """Of ``evs`` (oldest first), those each of ``user_ids`` receives now: the events whose
    audience holds them at this moment and that they may receive (``admitted``)."""
    load()
    hearers = _hearers(session, evs, set(user_ids))
    addressed: dict[str, list[LiveEvent]] = defaultdict(list)
    for ev in evs:
        for user_id in hearers[ev.seq]:
            addressed[user_id].append(ev)
    out = {}
    for user_id, found in addressed.items():
        if passed := latest_only(admitted(session, user_id, found)):
            out[user_id] = passed
    return out


def backlog(session: Session, user_id: str, after: int, limit: int = 500) -> tuple[list[LiveEvent], int, bool]:
    """What a reconnecting client missed: the user's events with ``seq > after`` that they
    may receive (``admitted``), oldest first, from at most ``limit`` events of their
    audiences; with the last seq read (to resume from) and whether more may follow."""
    load()
    rows = list(
        session.scalars(
            select(LiveEvent).where(LiveEvent.seq > after, _heard_by(user_id)).order_by(LiveEvent.seq).limit(limit)
        )
    )
    upto = rows[-1].seq if rows else after
    return latest_only(admitted(session, user_id, rows)), upto, len(rows) == limit


def events_after(session: Session, user_id: str, after: int, limit: int = 500) -> list[LiveEvent]:
    """The user's events with ``seq > after`` they may receive, oldest first (from the
    first ``limit`` of their audiences: ``backlog`` says where to go on from)."""
    return backlog(session, user_id, after, limit)[0]


def latest_seq(session: Session) -> int:
    return int(session.scalar(select(LiveEvent.seq).order_by(LiveEvent.seq.desc()).limit(1)) or 0)


# --------------------------------------------------------------------------- which operations say what


@dataclass
class Telling:
    """What an ``on_operation`` rule works with: the operation's transaction, who acted,
    and ``tell``, which records the events (``made``)."""

    session: Session
    actor_id: str
    made: list[LiveEvent] = field(default_factory=list)
    _by: dict[str, Any] | None = None

    def tell(
        self, kind: str, payload: dict[str, Any], *, to: AudienceKey | None, about: tuple[str, str] | None
    ) -> None:
        """Record event ``kind`` for ``to``, saying who acted; nobody is told of their own
        action, and ``to=None`` tells nobody."""
        if to is None or not to.ref or (to.kind == USER and to.ref == self.actor_id):
            return
        if self._by is None:
            from eoffice.directory.models import User

            actor = self.session.get(User, self.actor_id)
            self._by = {"by_id": self.actor_id, "by": actor.full_name if actor is not None else ""}
        self.made.append(record_event(self.session, kind, {**payload, **self._by}, to=to, about=about))


#: A capability's rule for one operation kind: ``rule(telling, op, result)``, reading the
#: operation's fields and its applied result by name.
Rule = Callable[[Telling, Any, Any], None]

_rules: dict[str, list[Rule]] = {}


def on_operation(*kinds: str) -> Callable[[Rule], Rule]:
    """Decorator: run the rule for every accepted operation of these kinds."""

    def register(rule: Rule) -> Rule:
        for kind in kinds:
            rules = _rules.setdefault(kind, [])
            if rule not in rules:
                rules.append(rule)
        return rule

    return register


def record_for_operation(session: Session, actor_id: str, op: Any, result: Any) -> list[LiveEvent]:
    """The events an accepted operation causes (its kind's rules), written in its transaction."""
    load()
    rules = _rules.get(op.kind)
    if not rules:
        return []
    telling = Telling(session, actor_id)
    for rule in rules:
        rule(telling, op, result)
    return telling.made


# --------------------------------------------------------------------------- waking listeners in this process

#: This process's commits of live events (what wakes the hubs of this process).
LIVE_COMMITS = CommitSignal("live")
on_commit = LIVE_COMMITS.connect
off_commit = LIVE_COMMITS.disconnect


def install() -> None:
    """Record events for operations applied on this server (idempotent)."""
    from eoffice.sync import applying

    applying.add_listener(record_for_operation)
    LIVE_COMMITS.install(Session)
