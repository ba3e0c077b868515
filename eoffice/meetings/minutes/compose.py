"""The minutes' content in the decree's order (Mẫu 1.9), from the meeting's rows, its
record and what the secretary wrote; laid out by ``paper_pdf`` and ``paper_docx``.

The content is a list of ``Block``s: a labelled line ("Thời gian bắt đầu: …"), a heading,
a paragraph at a depth. Both layouts walk the same list, so the PDF and the DOCX say the
same thing. The composer runs on the desktop (from its local rows and the cached record)
and on the server alike: it reads only the meeting's synced rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.directory.models import Unit, User
from eoffice.documents.numbering import notation
from eoffice.meetings.live.counting import LEVELS, OUTCOME_TEXT
from eoffice.meetings.live.models import PRESENT, Presence, SessionState, VoteMethod
from eoffice.meetings.live.schemas import AttendanceRow, VoteView
from eoffice.meetings.live.state import parse_time
from eoffice.meetings.live.votes import LEVEL_LABELS
from eoffice.meetings.minutes import texts as parts
from eoffice.meetings.minutes.schemas import MeetingRecord, SpeechRecord
from eoffice.meetings.models import AgendaItem, Meeting, MeetingKind, ParticipantRole, Sitting
from eoffice.meetings.organising import meeting_of
from eoffice.meetings.task_models import MeetingTask
from eoffice.meetings.tasks import coordinators_of, holder_name, lead_of
from eoffice.meetings.paper import (
    BLANK_NUMBER,
    clock_text,
    day_text,
    meeting_place,
    organisation_of,
    parent_name,
    place_of,
)
from eoffice.meetings.values import vietnam

TYPE_NAME = "Biên bản"
#: What the minutes print where a time is not known yet (the session is still running).
BLANK_TIME = "…… giờ ……, ngày …… tháng …… năm ……"
UNNAMED = "(chưa xác định)"
_ROLE_ORDER = {ParticipantRole.CHAIR.value: 0, ParticipantRole.SECRETARY.value: 1, ParticipantRole.MEMBER.value: 2}


@dataclass(frozen=True)
class Block:
    """One piece of the minutes: ``kind`` "label" (``label``: ``text``), "heading" (bold,
    its own line) or "para" (``depth`` 0 to 2: the item's lines, a speech under them)."""

    kind: str
    text: str
    label: str = ""
    depth: int = 0


@dataclass(frozen=True)
class Minutes:
    organisation: str
    parent: str
    notation: str  # "BB-UBND": the clerk writes the number before it
    place: str  # the date line's place
    year: int
    title: str
    blocks: tuple[Block, ...]
    ending: str  # "Cuộc họp kết thúc vào 16 giờ 30, ngày …"
    secretary: str
    chair: str
    recipients: tuple[str, ...]
    number_label: str = ""
    issued: date | None = None
    #: Where each agenda item's heading is, for the bookmarks and the editor's sections:
    #: (numbered title, block index, item id; None for "Nội dung khác").
    outline: tuple[tuple[str, int, str | None], ...] = field(default=())

    @property
    def number_line(self) -> str:
        return f"Số: {self.number_label}" if self.number_label else f"Số: {BLANK_NUMBER}/{self.notation}"

    def text(self) -> str:
        """The minutes as plain text (the draft's searchable text, the tests' reading)."""
        lines = ["BIÊN BẢN", self.title]
        for b in self.blocks:
            lines.append(f"{b.label}: {b.text}" if b.label else b.text)
        lines += [self.ending, "THƯ KÝ", self.secretary, "CHỦ TỌA", self.chair]
        return "\n".join(lines)


def member_word(meeting: Meeting) -> str:
    """"đại biểu" in a council's session, "thành viên" elsewhere (MEETINGS.md)."""
    return "đại biểu" if meeting.kind == MeetingKind.HDND_SESSION.value else "thành viên"


def percent(value: str) -> str:
    """"85.63" as Vietnamese writes it: "85,63%"."""
    return f"{value.replace('.', ',')}%"


def _at(text: str | None) -> str:
    moment = parse_time(text)
    return clock_text(moment) if moment is not None else ""


def _when(text: str | None) -> str:
    moment = parse_time(text)
    return f"{clock_text(moment)}, {day_text(vietnam(moment).date())}" if moment is not None else BLANK_TIME


class _People:
    """Names and titles as the minutes write a person: "Nguyễn Văn A, Giám đốc Sở Tài chính"."""

    def __init__(self, session: Session, ids: Iterable[str]) -> None:
        wanted = {i for i in ids if i}
        self.users = {u.id: u for u in session.scalars(select(User).where(User.id.in_(wanted)))} if wanted else {}

    def named(self, user_id: str | None, name: str = "", *, brackets: bool = False) -> str:
        """"Name, Title" in a list; "Name (Title)" inside a sentence (``brackets``)."""
        user = self.users.get(user_id or "")
        name = name or (user.full_name if user is not None else "")
        position = user.position if user is not None else ""
        if not (position and name):
            return name or UNNAMED
        return f"{name} ({position})" if brackets else f"{name}, {position}"


def _attendance(
    meeting: Meeting, record: MeetingRecord | None, people: _People, written: Mapping[str, str]
) -> list[Block]:
    word = member_word(meeting)
    rows = sorted(record.attendance.rows if record is not None else [],
                  key=lambda r: (_ROLE_ORDER.get(r.role, 3), r.full_name))
    voting = [r for r in rows if r.role != ParticipantRole.GUEST.value and r.role != ParticipantRole.STAFF.value]

    def names(found: list[AttendanceRow], with_reason: bool = False) -> str:
        out = []
        for r in found:
            text = people.named(r.user_id, r.full_name)
            if r.presence == Presence.SUBSTITUTE.value and r.substitute_name:
                text = f"{r.substitute_name} (dự thay {r.full_name})"
            if with_reason:
                text += f" (lý do: {r.reason.strip()})" if r.reason.strip() else " (không có lý do)"
            out.append(text)
        return "; ".join(out)

    blocks: list[Block] = [Block("label", "", label="Thành phần tham dự")]
    if record is None:
        return [*blocks, Block("para", "(chưa có dữ liệu điểm danh của phiên họp)", depth=1)]
    quorum = record.attendance.quorum
    hall = [r for r in voting if r.presence == Presence.HALL.value]
    online = [r for r in voting if r.presence == Presence.ONLINE.value]
    substitutes = [r for r in voting if r.presence == Presence.SUBSTITUTE.value]
    left = [r for r in voting if r.presence == Presence.LEFT.value]
    absent = [r for r in voting if r.presence in (Presence.ABSENT.value, Presence.NOT_ARRIVED.value)]
    if quorum.members:
        blocks.append(Block("para", (
            f"Số {word} có mặt: {quorum.present}/{quorum.members} ({percent(quorum.percent)})"
            + (f"; {quorum.label.lower()}: {'đủ' if quorum.holds else 'không đủ'} số {word} cần có mặt"
               f" ({quorum.needed})" if quorum.label else "") + "."
        ), depth=1))
    for label, found in (("Có mặt tại hội trường", hall), ("Dự trực tuyến", online), ("Người dự thay", substitutes),
                         ("Đã rời cuộc họp", left)):
        if found:
            blocks.append(Block("para", f"- {label} ({len(found)}): {names(found)}.", depth=1))
    if absent:
        blocks.append(Block("para", f"- Vắng mặt ({len(absent)}): {names(absent, with_reason=True)}.", depth=1))
    guests = [r for r in rows if r.role == ParticipantRole.GUEST.value and r.presence in PRESENT]
    guest_text = written.get("guests", "").strip() or names(guests)
    if guest_text:
        blocks.append(Block("para", f"- Khách mời: {guest_text.rstrip('.')}.", depth=1))
    return blocks


def _speech_line(speech: SpeechRecord, people: _People, written: Mapping[str, str]) -> Block:
    who = people.named(speech.user_id, speech.full_name, brackets=True)
    what = "ý kiến về thủ tục" if speech.kind == "order" else "phát biểu"
    minutes = max(1, round(speech.seconds / 60)) if speech.seconds else 0
    when = _at(speech.started_at) + (f", {minutes} phút" if minutes else "")
    summary = written.get(parts.speech_part(speech.id), "").strip()
    head = f"+ Đồng chí {who} {what} ({when})"
    return Block("para", f"{head}: {summary}" if summary else f"{head}.", depth=2)


def _labels(vote: VoteView) -> dict[str, str]:
    return {o.key: o.label for o in vote.options}


def vote_lines(vote: VoteView, word: str) -> list[Block]:
    """A vote as the minutes give it: counts with percentages of the members in office,
    the verdict, the counting committee's record of a secret ballot."""
    how = "bỏ phiếu kín" if vote.secret else "biểu quyết công khai"
    blocks = [Block("para", f"- Biểu quyết: {vote.title} ({how}).", depth=1)]
    result = vote.result
    if result is None:
        return [*blocks, Block("para", "Kết quả chưa được công bố.", depth=2)]
    labels = _labels(vote)
    if vote.method == VoteMethod.CONFIDENCE.value:
        for subject in result.subjects:
            counts = ", ".join(
                f"{LEVEL_LABELS[level].lower()} {subject.counts.get(level, 0)} phiếu"
                f" ({percent(subject.percents.get(level, '0.00'))})" for level in LEVELS
            )
            blocks.append(Block("para", f"+ {subject.name}: {counts}; {OUTCOME_TEXT.get(subject.outcome, '').lower()}.",
                                depth=2))
    else:
        counts = "; ".join(
            f"{labels.get(key, key)}: {n}/{result.members} {word} ({percent(result.percents.get(key, '0.00'))})"
            for key, n in result.counts.items()
        )
        blocks.append(Block("para", f"Kết quả: {counts}.", depth=2))
    if result.elected:
        blocks.append(Block("para", "Trúng cử: " + ", ".join(labels.get(k, k) for k in result.elected) + ".", depth=2))
    if result.verdict is not None and vote.method != VoteMethod.CONFIDENCE.value:
        tie = " (số phiếu ngang nhau, theo ý kiến của chủ tọa)" if result.verdict.tie_broken_by_chair else ""
        blocks.append(Block("para", f"Kết luận biểu quyết: {result.verdict.text}{tie}.", depth=2))
    if result.record is not None:
        r = result.record
        per = "; ".join(f"{labels.get(k, k)}: {n}" for k, n in r.per_option.items())
        blocks.append(Block("para", (
            f"Biên bản kiểm phiếu: tổng số {word} {r.electors}; số {word} tham gia bỏ phiếu {r.took_part}; "
            f"số phiếu phát ra {r.issued}; số phiếu thu vào {r.returned}; số phiếu hợp lệ {r.valid}; "
            f"số phiếu không hợp lệ {r.invalid}" + (f"; {per}" if per else "") + "."
        ), depth=2))
    if result.named and not vote.secret:
        for key, label in labels.items():
            who = [n.full_name for n in result.named if key in n.choice]
            if who:
                blocks.append(Block("para", f"{label}: {', '.join(who)}.", depth=2))
    return blocks


def _items(session: Session, meeting_id: str) -> list[tuple[str, AgendaItem]]:
    """The agenda in order, numbered as the invitation numbers it ("1.", "1.1.")."""
    sittings = session.scalars(
        select(Sitting).where(Sitting.meeting_id == meeting_id, Sitting.deleted.is_(False))
        .order_by(Sitting.number, Sitting.starts_at)
    ).all()
    items = session.scalars(
        select(AgendaItem).where(AgendaItem.meeting_id == meeting_id, AgendaItem.deleted.is_(False))
        .order_by(AgendaItem.position, AgendaItem.id)
    ).all()
    children: dict[tuple[str, str | None], list[AgendaItem]] = {}
    for item in items:
        children.setdefault((item.sitting_id, item.parent_id), []).append(item)
    out: list[tuple[str, AgendaItem]] = []
    counter = [0]

    def walk(sitting_id: str, parent: str | None, prefix: list[int]) -> None:
        for n, item in enumerate(children.get((sitting_id, parent), []), start=1):
            number = [*prefix, n] if prefix else [counter[0] + n]
            out.append((".".join(str(p) for p in number) + ".", item))
            walk(sitting_id, item.id, number)
        if not prefix:
            counter[0] += len(children.get((sitting_id, parent), []))

    for sitting in sittings:
        walk(sitting.id, None, [])
    return out


def task_line(session: Session, task: MeetingTask) -> str:
    """"Giao nhiệm vụ: …; đơn vị chủ trì: …; phối hợp: …; hạn xử lý: dd/mm/yyyy." (a person
    leading is written "người chủ trì")."""
    lead = lead_of(task)
    parts_ = [f"Giao nhiệm vụ: {task.what.rstrip('.')}",
              f"{'đơn vị' if lead.unit_id else 'người'} chủ trì: {holder_name(session, lead) or UNNAMED}"]
    helpers = [holder_name(session, c) for c in coordinators_of(task)]
    if any(helpers):
        parts_.append(f"phối hợp: {', '.join(h for h in helpers if h)}")
    if task.deadline is not None:
        parts_.append(f"hạn xử lý: {task.deadline:%d/%m/%Y}")
    return "; ".join(parts_) + "."


def tasks_by_item(session: Session, meeting_id: str) -> dict[str | None, list[str]]:
    """The lines of the tasks the meeting assigned (not what they were forwarded to), by
    agenda item (None: the meeting as a whole), in the order they were assigned."""
    out: dict[str | None, list[str]] = {}
    for task in session.scalars(
        select(MeetingTask).where(
            MeetingTask.meeting_id == meeting_id, MeetingTask.parent_id.is_(None), MeetingTask.deleted.is_(False)
        ).order_by(MeetingTask.assigned_at, MeetingTask.id)
    ):
        out.setdefault(task.item_id, []).append(task_line(session, task))
    return out


def _item_blocks(
    number: str, item: AgendaItem, speeches: list[SpeechRecord], votes: list[VoteView], people: _People,
    written: Mapping[str, str], word: str, tasks: list[str] | None = None,
) -> list[Block]:
    blocks = [Block("heading", f"{number} {item.title}")]
    presenter = written.get(parts.item_part(item.id, "presenter"), "").strip()
    if not presenter and item.presenter_id:
        presenter = people.named(item.presenter_id)
    if presenter:
        blocks.append(Block("para", f"- Trình bày: {presenter.rstrip('.')}.", depth=1))
    summary = written.get(parts.item_part(item.id, "summary"), "").strip()
    if speeches or summary:
        blocks.append(Block("para", "- Ý kiến phát biểu:", depth=1))
        blocks += [_speech_line(s, people, written) for s in speeches]
        if summary:
            blocks.append(Block("para", summary, depth=2))
    for vote in votes:
        blocks += vote_lines(vote, word)
    conclusion = written.get(parts.item_part(item.id, "conclusion"), "").strip()
    if conclusion:
        blocks.append(Block("para", f"- Kết luận: {conclusion}", depth=1))
    blocks += [Block("para", f"- {line}", depth=1) for line in tasks or []]
    return blocks


def minutes_of(
    session: Session,
    meeting_id: str,
    record: MeetingRecord | None,
    written: Mapping[str, str] | None = None,
    *,
    year: int | None = None,
) -> Minutes:
    """The minutes of a meeting: its rows, its record (None before the session's record
    reached this desk) and the secretary's texts (``texts.texts_of``)."""
    written = written or {}
    meeting = meeting_of(session, meeting_id)
    org = organisation_of(session, meeting)
    word = member_word(meeting)
    speeches = record.speeches if record is not None else []
    votes = record.votes if record is not None else []
    people = _People(session, [
        meeting.chair_id or "", meeting.secretary_id or "",
        *(r.user_id for r in (record.attendance.rows if record is not None else [])),
        *(s.user_id for s in speeches),
    ])
    items = _items(session, meeting_id)
    people.users.update({u.id: u for u in session.scalars(
        select(User).where(User.id.in_({i.presenter_id for _n, i in items if i.presenter_id} - set(people.users)))
    )})
    opened = record.opened_at if record is not None and record.opened_at else meeting.starts_at.isoformat()
    blocks: list[Block] = [
        Block("label", _when(opened), label="Thời gian bắt đầu"),
        Block("label", meeting_place(session, meeting), label="Địa điểm"),
        *_attendance(meeting, record, people, written),
        Block("label", people.named(meeting.chair_id) if meeting.chair_id else UNNAMED, label="Chủ trì (chủ tọa)"),
        Block("label", people.named(meeting.secretary_id) if meeting.secretary_id else UNNAMED,
              label="Thư ký (người ghi biên bản)"),
    ]
    opening = written.get("opening", "").strip()
    blocks.append(Block("label", opening, label="Nội dung"))
    known = {i.id for _n, i in items}
    assigned = tasks_by_item(session, meeting_id)
    outline: list[tuple[str, int, str | None]] = []
    for number, item in items:
        outline.append((f"{number} {item.title}", len(blocks), item.id))
        blocks += _item_blocks(
            number, item, [s for s in speeches if s.item_id == item.id], [v for v in votes if v.item_id == item.id],
            people, written, word, assigned.get(item.id),
        )
    other_speeches = [s for s in speeches if s.item_id not in known]
    other_votes = [v for v in votes if v.item_id not in known]
    other_tasks = [line for item_id, lines in assigned.items() if item_id not in known for line in lines]
    if other_speeches or other_votes or other_tasks:
        outline.append(("Nội dung khác", len(blocks), None))
        blocks.append(Block("heading", "Nội dung khác"))
        if other_speeches:
            blocks.append(Block("para", "- Ý kiến phát biểu:", depth=1))
            blocks += [_speech_line(s, people, written) for s in other_speeches]
        for vote in other_votes:
            blocks += vote_lines(vote, word)
        blocks += [Block("para", f"- {line}", depth=1) for line in other_tasks]
    closing = written.get("closing", "").strip()
    if closing:
        blocks.append(Block("para", closing))
    closed = record.closed_at if record is not None and record.state == SessionState.CLOSED.value else None
    unit = session.get(Unit, meeting.unit_id) if meeting.unit_id else None
    archive = f"- Lưu: VT, {unit.code}, Hồ sơ." if unit is not None and unit.code else "- Lưu: VT, Hồ sơ."
    recipients = tuple(
        line.strip() for line in written.get("recipients", "").splitlines() if line.strip()
    ) or ("- Các thành viên dự họp;", archive)
    chair = session.get(User, meeting.chair_id) if meeting.chair_id else None
    secretary = session.get(User, meeting.secretary_id) if meeting.secretary_id else None
    return Minutes(
        organisation=org.name, parent=parent_name(session, org), notation=notation(TYPE_NAME, org.abbreviation),
        place=place_of(org.name), year=year or vietnam(meeting.starts_at).year, title=meeting.title,
        blocks=tuple(blocks), ending=f"Cuộc họp kết thúc vào {_when(closed)}.",
        secretary=secretary.full_name if secretary is not None else "",
        chair=chair.full_name if chair is not None else "", recipients=recipients, outline=tuple(outline),
    )


def agenda_items(session: Session, meeting_id: str) -> list[tuple[str, AgendaItem]]:
    """The agenda in order with its numbers ("1.", "1.1.")."""
    return _items(session, meeting_id)


def conclusions_of(session: Session, meeting_id: str, written: Mapping[str, str]) -> list[tuple[str, str]]:
    """(numbered item title, conclusion) for the items the secretary concluded, in order."""
    out = []
    for number, item in _items(session, meeting_id):
        text = written.get(parts.item_part(item.id, "conclusion"), "").strip()
        if text:
            out.append((f"{number} {item.title}", text))
    return out
