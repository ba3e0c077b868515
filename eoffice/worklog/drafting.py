"""Drafted entries: the day's actions proposed as diary entries, never added silently.

What an officer did is already in the audit chain (every domain action writes an event
with its actor, action, target and time). ``SOURCES`` says which actions make a draft, in
what words and of which category; ``FINDERS`` say where the facts come from (the audit
chain today; meetings add a finder over their attendance when they land, signing adds
its audit actions to ``SOURCES``). Both are open: ``register_source`` and
``register_finder``.

Actions on one document the same day make one draft ("Hoàn thành xử lý văn bản …");
clerical actions repeated many times a day (registering, issuing, directing) make one
draft for all of them ("Vào sổ 12 văn bản đến …"). Each draft has a ``source_key``;
accepting or dropping it stores the key with the entry, so the same work is not proposed
again. A batch key ends with the time of its last action: what is done after it makes a
new batch.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.audit.models import AuditEvent
from eoffice.directory.models import User
from eoffice.documents.models import DirectionLine, Document
from eoffice.worklog.models import Category, WorklogEntry


@dataclass(frozen=True)
class Source:
    """One kind of action that proposes a diary entry."""

    action: str
    phrase: str  # Vietnamese, as the diary will read: "Hoàn thành xử lý"
    category: str
    minutes: int  # a first guess of the time it took, per item
    #: One draft for all of the day's actions of this kind, instead of one per document.
    batch: bool = False
    #: Actions of one group on one document the same day make one draft; the highest
    #: ``rank`` names it ("Hoàn thành xử lý" wins over "Xử lý").
    group: str = ""
    rank: int = 0
    #: The batch's words for many: "Vào sổ %d văn bản đến".
    plural: str = ""


SOURCES: dict[str, Source] = {}


def register_source(source: Source) -> Source:
    """Add (or replace) the source of an action; e.g. signing's ``signature.sign``."""
    SOURCES[source.action] = source
    return source


for _source in (
    Source("document.register_incoming", "Vào sổ văn bản đến", Category.REGULAR.value, 5, batch=True,
           plural="Vào sổ {n} văn bản đến"),
    Source("document.direct", "Cho ý kiến chỉ đạo (bút phê) văn bản", Category.REGULAR.value, 10, batch=True,
           plural="Cho ý kiến chỉ đạo (bút phê) {n} văn bản"),
    Source("document.issue", "Phát hành văn bản", Category.REGULAR.value, 10, batch=True,
           plural="Phát hành {n} văn bản"),
    Source("document.deliver", "Gửi văn bản điện tử", Category.REGULAR.value, 5, batch=True,
           plural="Gửi {n} văn bản điện tử"),
    Source("document.approve_draft", "Duyệt dự thảo", Category.REGULAR.value, 20, batch=True,
           plural="Duyệt {n} dự thảo"),
    Source("document.return_draft", "Cho ý kiến, trả lại dự thảo", Category.REGULAR.value, 20, batch=True,
           plural="Cho ý kiến, trả lại {n} dự thảo"),
    Source("document.pass_review", "Cho ý kiến dự thảo, chuyển lãnh đạo ký", Category.REGULAR.value, 15, batch=True,
           plural="Cho ý kiến {n} dự thảo, chuyển lãnh đạo ký"),
    Source("document.return_review", "Cho ý kiến, trả lại dự thảo", Category.REGULAR.value, 15, batch=True,
           plural="Cho ý kiến, trả lại {n} dự thảo"),
    Source("direction_line.start", "Xử lý văn bản", Category.DOCUMENT.value, 30, group="handle", rank=1),
    Source("direction_line.forward", "Phân công xử lý văn bản", Category.DOCUMENT.value, 10, group="handle", rank=2),
    Source("direction_line.return", "Trả lại văn bản", Category.DOCUMENT.value, 10, group="handle", rank=3),
    Source("direction_line.complete", "Hoàn thành xử lý văn bản", Category.DOCUMENT.value, 45, group="handle", rank=4),
    Source("document.create_draft", "Soạn dự thảo", Category.DOCUMENT.value, 60, group="draft", rank=1),
    Source("document.update_draft", "Chỉnh sửa dự thảo", Category.DOCUMENT.value, 30, group="draft", rank=2),
    Source("document.submit_draft", "Soạn và trình ký dự thảo", Category.DOCUMENT.value, 60, group="draft", rank=3),
):
    register_source(_source)


@dataclass(frozen=True)
class Fact:
    """One action of the user, wherever it was found."""

    action: str
    at: datetime  # aware
    document_id: str | None = None
    line_id: str | None = None
    meeting_id: str | None = None
    text: str = ""  # a finder's own words (a meeting's title)
    result: str = ""
    #: The time it took, when the finder knows it (a meeting: check-in to close).
    minutes: int = 0


Finder = Callable[[Session, User, date], list[Fact]]
FINDERS: list[Finder] = []


def register_finder(finder: Finder) -> Finder:
    """Add a place facts come from (meetings: the ones the user attended that day)."""
    if finder not in FINDERS:
        FINDERS.append(finder)
    return finder


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """The local day as an aware UTC interval (audit times are stored in UTC)."""
    start = datetime.combine(day, time.min).astimezone()
    end = datetime.combine(day + timedelta(days=1), time.min).astimezone()
    return start.astimezone(timezone.utc), end.astimezone(timezone.utc)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _holds(line: DirectionLine | None, user: User) -> bool:
    """The user's own line (a clerk issuing a reply completes other people's lines)."""
    if line is None:
        return False
    return line.user_id == user.id or (
        line.user_id is None and line.unit_id is not None and line.unit_id == user.unit_id
    )


@register_finder
def audit_facts(session: Session, user: User, day: date) -> list[Fact]:
    """The user's audited actions of ``day`` that a source knows."""
    start, end = day_bounds(day)
    events = session.execute(
        select(AuditEvent.action, AuditEvent.at, AuditEvent.target_type, AuditEvent.target_id, AuditEvent.after_json)
        .where(
            AuditEvent.actor_id == user.id, AuditEvent.at >= start, AuditEvent.at < end,
            AuditEvent.action.in_(sorted(SOURCES)),
        )
        .order_by(AuditEvent.seq)
    ).all()
    facts = []
    for action, at, target_type, target_id, after_json in events:
        document_id = line_id = meeting_id = None
        result = ""
        if target_type == "document":
            document_id = target_id
        elif target_type == "direction_line":
            line = session.get(DirectionLine, target_id)
            if not _holds(line, user):
                continue
            assert line is not None
            line_id, document_id = line.id, line.document_id
            if action == "direction_line.complete":
                try:
                    result = str(json.loads(after_json or "{}").get("result_note") or "")
                except ValueError:
                    result = ""
        elif target_type == "meeting":
            meeting_id = target_id
        facts.append(Fact(action, _aware(at), document_id, line_id, meeting_id, result=result))
    return facts


@dataclass(frozen=True)
class Draft:
    """A proposed entry, waiting for the owner to accept, edit or drop it."""

    source_key: str
    day: date
    text: str
    category: str
    minutes: int
    #: Local time of its first action (minutes after midnight), to order and show it.
    at_minute: int
    result: str = ""
    document_id: str | None = None
    direction_line_id: str | None = None
    meeting_id: str | None = None
    actions: tuple[str, ...] = field(default_factory=tuple)


def document_labels(session: Session, ids: list[str]) -> dict[str, tuple[str, str]]:
    """Per document id: (its number as a report writes it, its subject — hidden when secret)."""
    out: dict[str, tuple[str, str]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for doc in session.scalars(select(Document).where(Document.id.in_(chunk))):
            label = doc.number_label
            if doc.direction == "incoming" and doc.arrival_number is not None:
                label = f"{label} (số đến {doc.arrival_number:02d})"
            out[doc.id] = (label, "(văn bản mật)" if doc.is_secret else doc.subject)
    return out


def _local_minute(at: datetime) -> int:
    local = at.astimezone()
    return local.hour * 60 + local.minute


def propose(session: Session, user_id: str, day: date) -> list[Draft]:
    """The drafts of ``day`` for ``user_id`` not yet accepted or dropped, in time order."""
    user = session.get(User, user_id)
    if user is None:
        return []
    facts = sorted((f for finder in FINDERS for f in finder(session, user, day)), key=lambda f: f.at)
    facts = [f for f in facts if f.action in SOURCES or f.meeting_id]
    consumed = {
        key
        for key in session.scalars(
            select(WorklogEntry.source_key).where(
                WorklogEntry.user_id == user_id, WorklogEntry.day == day, WorklogEntry.source_key.is_not(None)
            )
        )
        if key is not None
    }
    labels = document_labels(session, sorted({f.document_id for f in facts if f.document_id}))
    drafts: list[Draft] = []
    drafts += _batches(day, [f for f in facts if f.action in SOURCES and SOURCES[f.action].batch], consumed, labels)
    drafts += _groups(
        day, [f for f in facts if not (f.action in SOURCES and SOURCES[f.action].batch)], consumed, labels
    )
    drafts.sort(key=lambda d: (d.at_minute, d.source_key))
    return drafts


def _about(document_id: str | None, labels: dict[str, tuple[str, str]]) -> str:
    if document_id is None or document_id not in labels:
        return ""
    number, subject = labels[document_id]
    return f"{number}: {subject}" if subject else number


def _groups(day: date, facts: list[Fact], consumed: set[str], labels: dict[str, tuple[str, str]]) -> list[Draft]:
    grouped: dict[tuple[str, str], list[Fact]] = {}
    for fact in facts:
        source = SOURCES.get(fact.action)
        group = source.group or fact.action if source else "meeting"
        target = fact.document_id or fact.meeting_id or fact.line_id or ""
        grouped.setdefault((group, target), []).append(fact)
    drafts = []
    for (group, target), items in grouped.items():
        key = f"{group}:{target}:{day.isoformat()}"
        if key in consumed:
            continue
        sources = [SOURCES[f.action] for f in items if f.action in SOURCES]
        best = max(sources, key=lambda s: s.rank) if sources else None
        first = items[0]
        about = _about(first.document_id, labels) or first.text
        phrase = best.phrase if best else "Dự họp"
        text = f"{phrase} {about}".strip() if about else phrase
        drafts.append(
            Draft(
                source_key=key, day=day, text=text,
                category=best.category if best else Category.MEETING.value,
                minutes=max((s.minutes for s in sources), default=max(f.minutes for f in items) or 60),
                at_minute=_local_minute(first.at),
                result=next((f.result for f in reversed(items) if f.result), ""),
                document_id=first.document_id,
                direction_line_id=next((f.line_id for f in items if f.line_id), None),
                meeting_id=first.meeting_id,
                actions=tuple(dict.fromkeys(f.action for f in items)),
            )
        )
    return drafts


def _batches(day: date, facts: list[Fact], consumed: set[str], labels: dict[str, tuple[str, str]]) -> list[Draft]:
    drafts = []
    by_action: dict[str, list[Fact]] = {}
    for fact in facts:
        by_action.setdefault(fact.action, []).append(fact)
    for action, items in by_action.items():
        prefix = f"{action}:{day.isoformat()}:"
        done_until = max((k[len(prefix):] for k in consumed if k.startswith(prefix)), default="")
        fresh = [f for f in items if _stamp(f.at) > done_until]
        documents = list(dict.fromkeys(f.document_id for f in fresh if f.document_id))
        if not fresh:
            continue
        source = SOURCES[action]
        if len(documents) == 1:
            text = f"{source.phrase} {_about(documents[0], labels)}".strip()
        else:
            numbers = ", ".join(labels[d][0] for d in documents if d in labels)
            text = source.plural.format(n=len(documents) or len(fresh)) + (f": {numbers}" if numbers else "")
        drafts.append(
            Draft(
                source_key=prefix + _stamp(fresh[-1].at), day=day, text=text, category=source.category,
                minutes=min(240, source.minutes * max(1, len(documents))), at_minute=_local_minute(fresh[0].at),
                document_id=documents[0] if len(documents) == 1 else None, actions=(action,),
            )
        )
    return drafts


def _stamp(at: datetime) -> str:
    """A sortable UTC time for batch keys."""
    return at.astimezone(timezone.utc).strftime("%H%M%S%f")
