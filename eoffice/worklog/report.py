"""Weekly and monthly reports of diaries: per person or per unit, grouped by category.

The report is built as plain data (``Report``) in one pass over the period's entries, so
the PDF and the DOCX say the same thing; ``eoffice.worklog.export`` writes them. Only
entries that count are reported (not deleted, not a conflict waiting for its owner).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.directory.access import load_actor
from eoffice.directory.models import Organisation, Unit, User
from eoffice.errors import NotFound, PermissionDenied, ValidationError
from eoffice.worklog import review
from eoffice.worklog.drafting import document_labels
from eoffice.worklog.models import CATEGORY_LABELS_VI, Category, WeekState, WorklogEntry, WorklogWeek
from eoffice.worklog.weeks import duration_vi, hhmm, week_start

CATEGORY_ORDER = [c.value for c in Category]
WEEK, MONTH, PERIOD = "week", "month", "period"


@dataclass(frozen=True)
class ReportItem:
    day: date
    time: str  # "08:30–10:00", or "" when only a duration was written
    minutes: int
    text: str
    result: str
    document: str  # the linked document's number, as the register writes it


@dataclass
class CategoryBlock:
    category: str
    label: str
    items: list[ReportItem] = field(default_factory=list)
    minutes: int = 0


@dataclass
class PersonReport:
    user_id: str
    full_name: str
    position: str
    unit_name: str
    blocks: list[CategoryBlock] = field(default_factory=list)
    minutes: int = 0
    entries: int = 0
    days: int = 0  # days with at least one entry
    documents: list[str] = field(default_factory=list)
    approved_weeks: int = 0
    weeks: int = 0


@dataclass
class Report:
    organisation_name: str
    title: str
    period: str
    scope: str
    start: date
    end: date
    people: list[PersonReport] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)  # minutes per category
    counts: dict[str, int] = field(default_factory=dict)  # entries per category
    minutes: int = 0
    entries: int = 0

    def total_text(self) -> str:
        return duration_vi(self.minutes)


def _title(kind: str, start: date, end: date) -> tuple[str, str]:
    span = f"từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"
    if kind == WEEK:
        return "Báo cáo kết quả công việc tuần", f"Tuần {span}"
    if kind == MONTH:
        return (
            f"Báo cáo kết quả công việc tháng {start.month}/{start.year}",
            f"Tháng {start.month}/{start.year} ({span})",
        )
    return "Báo cáo kết quả công việc", span[:1].upper() + span[1:]


def _people(session: Session, viewer: User, owner_id: str | None, unit_id: str | None) -> tuple[list[User], str]:
    if unit_id is None:
        owner = session.get(User, owner_id or viewer.id)
        if owner is None:
            raise NotFound("Không tìm thấy người viết nhật ký.", "Diary owner not found.")
        if not review.may_read(session, viewer, owner):
            raise PermissionDenied("Bạn không xem được nhật ký của người này.", "You may not read this person's diary.")
        return [owner], owner.full_name
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise NotFound("Không tìm thấy đơn vị.", "Unit not found.")
    subtree = review.unit_subtree(session, unit.id)
    led = [p for p in review.led_people(session, viewer) if p.unit_id in subtree]
    if not led:
        raise PermissionDenied(
            "Chỉ lãnh đạo phụ trách đơn vị mới lập được báo cáo của đơn vị.",
            "Only a leader of the unit may report on it.",
        )
    if viewer.unit_id in subtree and viewer.id not in {p.id for p in led}:
        led.insert(0, viewer)  # a head of unit reports their own work with the unit's
    return led, unit.name


def build_report(
    session: Session,
    viewer_id: str,
    start: date,
    end: date,
    *,
    owner_id: str | None = None,
    unit_id: str | None = None,
    kind: str = PERIOD,
) -> Report:
    """The report of one person's diary (default: the viewer's) or of a unit's people."""
    if start > end:
        raise ValidationError(
            "Ngày bắt đầu phải trước ngày kết thúc.", "The start must not be after the end.", field="start"
        )
    if (end - start).days > 400:
        raise ValidationError("Báo cáo không quá một năm.", "A report covers at most a year.", field="end")
    viewer = load_actor(session, viewer_id)
    people, scope = _people(session, viewer, owner_id, unit_id)
    org = session.get(Organisation, viewer.organisation_id)
    title, period = _title(kind, start, end)
    report = Report(org.name if org else "", title, period, scope, start, end)
    ids = [p.id for p in people]
    rows: dict[str, list[tuple]] = defaultdict(list)  # type: ignore[type-arg]
    columns = (
        WorklogEntry.user_id, WorklogEntry.day, WorklogEntry.start_minute, WorklogEntry.end_minute,
        WorklogEntry.minutes, WorklogEntry.text, WorklogEntry.category, WorklogEntry.result, WorklogEntry.document_id,
    )
    for first in range(0, len(ids), 500):
        chunk = ids[first : first + 500]
        for row in session.execute(
            select(*columns)
            .where(
                WorklogEntry.user_id.in_(chunk), WorklogEntry.day >= start, WorklogEntry.day <= end,
                WorklogEntry.deleted.is_(False), WorklogEntry.conflict == "",
            )
            .order_by(WorklogEntry.user_id, WorklogEntry.day, WorklogEntry.start_minute, WorklogEntry.created_at)
        ):
            rows[row[0]].append(row)
    labels = document_labels(session, sorted({r[8] for rs in rows.values() for r in rs if r[8]}))
    weeks: dict[str, list[str]] = defaultdict(list)
    for first in range(0, len(ids), 500):
        chunk = ids[first : first + 500]
        for user_id, state in session.execute(
            select(WorklogWeek.user_id, WorklogWeek.state).where(
                WorklogWeek.user_id.in_(chunk),
                WorklogWeek.week_start >= week_start(start),
                WorklogWeek.week_start <= end,
            )
        ):
            weeks[user_id].append(state)
    units = dict(session.execute(select(Unit.id, Unit.name)).all())
    n_weeks = ((week_start(end) - week_start(start)).days // 7) + 1
    report.totals = {c: 0 for c in CATEGORY_ORDER}
    report.counts = {c: 0 for c in CATEGORY_ORDER}
    for person in people:
        pr = PersonReport(person.id, person.full_name, person.position, units.get(person.unit_id or "", ""))
        blocks: dict[str, CategoryBlock] = {}
        days: set[date] = set()
        documents: dict[str, None] = {}
        for _uid, day, s, e, minutes, text, category, result, doc_id in rows.get(person.id, []):
            block = blocks.get(category)
            if block is None:
                block = blocks[category] = CategoryBlock(category, CATEGORY_LABELS_VI.get(category, category))
            label = labels.get(doc_id, ("", ""))[0] if doc_id else ""
            time_text = f"{hhmm(s)}–{hhmm(e)}" if s is not None and e is not None else ""
            block.items.append(ReportItem(day, time_text, minutes, text, result, label))
            block.minutes += minutes
            days.add(day)
            if label:
                documents[label] = None
        pr.blocks = [blocks[c] for c in CATEGORY_ORDER if c in blocks] + [
            b for c, b in blocks.items() if c not in CATEGORY_ORDER
        ]
        pr.minutes = sum(b.minutes for b in pr.blocks)
        pr.entries = sum(len(b.items) for b in pr.blocks)
        pr.days = len(days)
        pr.documents = list(documents)
        pr.weeks = n_weeks
        pr.approved_weeks = sum(1 for s in weeks.get(person.id, []) if s == WeekState.APPROVED.value)
        for b in pr.blocks:
            report.totals[b.category] = report.totals.get(b.category, 0) + b.minutes
            report.counts[b.category] = report.counts.get(b.category, 0) + len(b.items)
        report.people.append(pr)
    report.minutes = sum(p.minutes for p in report.people)
    report.entries = sum(p.entries for p in report.people)
    return report
