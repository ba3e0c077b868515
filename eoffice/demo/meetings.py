"""Demo meetings: three months of a province's meetings, past and coming.

The monthly UBND meeting (15 members), a two-sitting HĐND session (50 delegates), a
thematic HĐND session this afternoon with most delegates checked in (to run live), every
department's weekly giao ban; agenda items with real PDFs; answers, absences with their
reasons, a substitute, comments on a draft and read receipts. Everything goes through
the meetings' operations (``ops.registry.apply``, with the server's authority), as the
documents' demo goes through their domain functions: rules, audit and rows are those a
real province would have.

The HĐND delegates and the UBND members who are not in the org chart are made here
(``_council``): the org chart lists the people who handle documents, not every member of
a council.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import ops
from eoffice.demo.pdfs import SampleDocument, render_many
from eoffice.directory.admin import create_organisation, create_user
from eoffice.directory.models import Organisation, Role, Unit, User
from eoffice.meetings import operations as mo
from eoffice.meetings.models import AgendaItem, Participant
from eoffice.ops.values import FileRef, Id, ISODate
from eoffice.signing.filling import date_text
from eoffice.store import Store
from eoffice.store.base import new_id
from eoffice.store.blobs import BlobStore

VN = timezone(timedelta(hours=7))
Progress = Callable[[int, int, str], None]

#: The HĐND's own organisation in the demo (its delegates sign in like any official).
HDND_ORGAN_ID = "000.00.01.H41"
_SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý")
_MIDDLE = ("Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quốc", "Ngọc", "Xuân", "Thu")
_GIVEN = ("An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng", "Hương", "Khánh",
          "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phong", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trung",
          "Tuấn", "Vân", "Việt", "Yến")
_DEPARTMENTS = ("Sở Kế hoạch và Đầu tư", "Sở Xây dựng", "Sở Giao thông vận tải", "Sở Y tế", "Sở Giáo dục và Đào tạo",
                "Sở Nông nghiệp và Môi trường", "Sở Công Thương", "Sở Tư pháp", "Sở Văn hóa, Thể thao và Du lịch",
                "Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh")
_UBND_ITEMS = (
    ("Báo cáo tình hình kinh tế - xã hội tháng {m}, nhiệm vụ trọng tâm tháng {n}", "information", "Báo cáo"),
    ("Tờ trình về điều chỉnh kế hoạch đầu tư công trung hạn", "vote", "Tờ trình"),
    ("Dự thảo Nghị quyết quy định mức chi hỗ trợ chuyển đổi số cấp xã", "vote", "Dự thảo Nghị quyết"),
    ("Báo cáo kết quả giải quyết thủ tục hành chính", "discussion", "Báo cáo"),
)
_HDND_ITEMS = (
    ("Khai mạc kỳ họp; thông qua chương trình", "information", "Chương trình"),
    ("Báo cáo của UBND tỉnh về tình hình kinh tế - xã hội năm và kế hoạch năm tới", "discussion", "Báo cáo"),
    ("Báo cáo thẩm tra của các Ban HĐND tỉnh", "discussion", "Báo cáo"),
    ("Dự thảo Nghị quyết về kế hoạch phát triển kinh tế - xã hội năm tới", "vote", "Dự thảo Nghị quyết"),
    ("Dự thảo Nghị quyết về dự toán ngân sách địa phương", "vote", "Dự thảo Nghị quyết"),
    ("Thảo luận tại hội trường; chất vấn và trả lời chất vấn", "discussion", ""),
    ("Bế mạc kỳ họp", "information", ""),
)
_HDND_TODAY_ITEMS = (
    ("Khai mạc kỳ họp; thông qua chương trình", "information", ""),
    ("Tờ trình về danh mục dự án cần thu hồi đất năm tới", "vote", "Tờ trình"),
    ("Dự thảo Nghị quyết quy định chính sách hỗ trợ chuyển đổi số cấp xã", "vote", "Dự thảo Nghị quyết"),
    ("Bế mạc kỳ họp", "information", ""),
)
_BRIEFING_ITEMS = (
    ("Các phòng báo cáo kết quả tuần, nhiệm vụ tuần tới", "information"),
    ("Ý kiến chỉ đạo của Giám đốc", "discussion"),
)
_ABSENCES = ("Đi công tác tại Hà Nội theo Quyết định của UBND tỉnh", "Nghỉ ốm có giấy xác nhận của cơ sở y tế",
             "Dự hội nghị trực tuyến của Bộ cùng thời gian")
_SUBSTITUTES = ("Đ/c Phó Giám đốc phụ trách", "Đ/c Trưởng phòng Tổng hợp", "Đ/c Chánh Văn phòng")
_COMMENTS = ("Đề nghị làm rõ nguồn kinh phí thực hiện tại Điều 3.", "Thống nhất với dự thảo; đề nghị bổ sung "
             "thời điểm có hiệu lực.", "Mức chi đề xuất thấp so với các tỉnh lân cận, đề nghị rà soát lại.")


@dataclass
class _Demo:
    store: Store
    blobs: BlobStore
    rng: random.Random
    organ_names: dict[str, str]

    def apply(self, actor_id: str, op: ops.Operation) -> None:
        with self.store.write() as session:
            ops.registry.apply(session, actor_id, op, authority=True)

    def pdf(self, organ: str, type_name: str, title: str, day: date) -> FileRef:
        body = (f"{title}.\n\nTài liệu phục vụ cuộc họp, gửi các đại biểu nghiên cứu trước. Nội dung gồm: "
                "đánh giá kết quả thực hiện, tồn tại, hạn chế và nguyên nhân; phương hướng, nhiệm vụ, giải pháp "
                "trong thời gian tới; đề xuất, kiến nghị.")
        [data] = render_many([SampleDocument(
            organ_name=organ, number_label="", type_name=(type_name or "Tài liệu").upper(), subject=title, body=body,
            place_date=f"Nghệ An, {date_text(day)}",
        )])
        digest, size = self.blobs.put_bytes(data)
        return FileRef(digest, f"{type_name or 'Tài liệu'} - {title[:60]}.pdf", size, 1, title + "\n" + body)


def _name(rng: random.Random, taken: set[str]) -> str:
    while True:
        name = f"{rng.choice(_SURNAMES)} {rng.choice(_MIDDLE)} {rng.choice(_GIVEN)}"
        if name not in taken:
            taken.add(name)
            return name


def _council(session: Session, rng: random.Random) -> tuple[list[User], list[User]]:
    """The UBND's 15 members (its leaders, then department heads made here) and the HĐND's
    50 delegates (its standing members among them), made once."""
    ubnd = session.scalars(select(Organisation).where(Organisation.abbreviation == "UBND")).one()
    taken = set(session.scalars(select(User.full_name)))
    leaders = list(session.scalars(
        select(User).where(User.organisation_id == ubnd.id).order_by(User.username)
    ))
    members = [u for u in leaders if u.has_role(Role.LEADER)]
    for n, department in enumerate(_DEPARTMENTS[: 15 - len(members)], start=1):
        members.append(create_user(session, f"uyvien{n:02d}", _name(rng, taken), ubnd.id, {Role.LEADER},
                                   position=f"Ủy viên UBND tỉnh, Giám đốc {department}"))
    hdnd = session.scalars(select(Organisation).where(Organisation.organ_id == HDND_ORGAN_ID)).first()
    if hdnd is None:
        hdnd = create_organisation(session, HDND_ORGAN_ID, "Hội đồng nhân dân tỉnh Nghệ An", "HĐND")
    delegates = []
    for n in range(1, 51):
        position = ("Chủ tịch HĐND tỉnh" if n == 1 else "Phó Chủ tịch HĐND tỉnh" if n <= 3
                    else "Trưởng ban HĐND tỉnh" if n <= 6 else "Đại biểu HĐND tỉnh")
        roles = {Role.LEADER} if n <= 6 else {Role.OFFICER}
        delegates.append(create_user(session, f"daibieu{n:02d}", _name(rng, taken), hdnd.id, roles, position=position))
    return members[:15], delegates


def _moment(day: date, hour: int, minute: int = 0) -> str:
    return datetime.combine(day, time(hour, minute), VN).isoformat()


def _meeting(
    demo: _Demo, *, organiser: User, title: str, kind: str, day: date, hours: tuple[int, int], place: str,
    people: list[tuple[User, str, bool]], chair: User, secretary: User, room_id: str | None = None,
    notes: str = "",
) -> tuple[str, str]:
    """A draft meeting with its participants, chair and secretary; returns (meeting, sitting)."""
    meeting_id, sitting_id = new_id(), new_id()
    demo.apply(organiser.id, mo.CreateMeeting(
        Id(new_id()), title=title, kind_of_meeting=kind, starts_at=_moment(day, hours[0]),
        ends_at=_moment(day, hours[1], 30), room_id=Id(room_id) if room_id else None, place=place,
        unit_id=Id(organiser.unit_id) if organiser.unit_id else None, notes=notes,
        meeting_id=Id(meeting_id), sitting_id=Id(sitting_id),
    ))
    seen: set[str] = set()
    rows = []
    for user, role, votes in people:
        if user.id not in seen:
            seen.add(user.id)
            rows.append(mo.NewParticipant(Id(new_id()), Id(user.id), role, votes))
    demo.apply(organiser.id, mo.AddParticipants(Id(new_id()), Id(meeting_id), tuple(rows)))
    demo.apply(organiser.id, mo.UpdateMeeting(
        Id(new_id()), meeting_id=Id(meeting_id), title=title, kind_of_meeting=kind,
        starts_at=_moment(day, hours[0]), ends_at=_moment(day, hours[1], 30),
        room_id=Id(room_id) if room_id else None, place=place,
        unit_id=Id(organiser.unit_id) if organiser.unit_id else None, notes=notes,
        chair_id=Id(chair.id), secretary_id=Id(secretary.id),
    ))
    return meeting_id, sitting_id


def _agenda(
    demo: _Demo, organiser: User, meeting_id: str, sitting_id: str, items: list[tuple[str, str, str]],
    presenter: User, organ: str, day: date, rule: str,
) -> list[str]:
    """Items with a document each (where a type is given); returns the documents' ids."""
    documents = []
    for title, decision, type_name in items:
        item_id = new_id()
        demo.apply(organiser.id, mo.AddAgendaItem(
            Id(new_id()), title=title, presenter_id=Id(presenter.id), planned_minutes=demo.rng.choice((20, 30, 45)),
            decision=decision, vote_rule=rule if decision == "vote" else "", item_id=Id(item_id),
            meeting_id=Id(meeting_id), sitting_id=Id(sitting_id),
        ))
        if type_name:
            document_id = new_id()
            demo.apply(organiser.id, mo.AddMeetingDocument(
                Id(new_id()), document_id=Id(document_id), version_id=Id(new_id()), meeting_id=Id(meeting_id),
                item_id=Id(item_id),
                title=(title if title.startswith(type_name) else f"{type_name}: {title}")[:500],
                file=demo.pdf(organ, type_name, title, day - timedelta(days=5)),
            ))
            documents.append(document_id)
    return documents


def _participants(session: Session, meeting_id: str) -> list[tuple[str, str]]:
    return [(p.id, p.user_id) for p in session.scalars(
        select(Participant).where(Participant.meeting_id == meeting_id, Participant.deleted.is_(False))
        .order_by(Participant.user_id)
    )]


def _life(
    demo: _Demo, organiser: User, meeting_id: str, documents: list[str], day: date, today: date,
    chair_id: str, secretary_id: str, *, held: bool = False,
) -> None:
    """Invitations out, answers (some absent with reasons, one substitute), comments, read
    receipts; a past meeting is held and closed (``held``: through its live session, with
    attendance, speeches, votes and the secretary's notes, ``_hold``)."""
    demo.apply(organiser.id, mo.ChangeMeetingState(Id(new_id()), Id(meeting_id), "scheduled"))
    with demo.store.read() as session:
        people = _participants(session, meeting_id)
    rng = demo.rng
    # The invitation went out a week before, or two days ago for a meeting sooner than that;
    # answers and readings come after it and before now.
    invited = datetime.combine(min(day - timedelta(days=7), today - timedelta(days=2)), time(9), VN)
    now = datetime.combine(today, time(7), VN)

    def after_invitation(low: int, high: int) -> str:
        moment = invited + timedelta(hours=rng.randrange(low, high), minutes=rng.randrange(60))
        if moment > now:  # not yet: some time since the invitation instead
            moment = invited + (now - invited) * rng.random()
        return moment.isoformat()

    for n, (participant_id, user_id) in enumerate(people):
        if user_id in (chair_id, secretary_id) or rng.random() < 0.15:
            continue  # not answered yet
        answered = after_invitation(1, 72)
        if n % 9 == 4:
            demo.apply(user_id, mo.AnswerInvitation(Id(new_id()), Id(participant_id), "absent",
                                                    reason=rng.choice(_ABSENCES), answered_at=answered))
        elif n % 13 == 7:
            demo.apply(user_id, mo.AnswerInvitation(
                Id(new_id()), Id(participant_id), "substitute", reason=rng.choice(_ABSENCES),
                substitute_name=rng.choice(_SUBSTITUTES), answered_at=answered,
            ))
        else:
            demo.apply(user_id, mo.AnswerInvitation(Id(new_id()), Id(participant_id), "attend", answered_at=answered))
    readers = [user_id for _p, user_id in people]
    for document_id in documents:
        for user_id in readers:
            if rng.random() < (0.9 if day < today else 0.45):
                opened = after_invitation(2, 120)
                demo.apply(user_id, mo.RecordRead(Id(new_id()), Id(document_id), 1, opened))
    for document_id in documents[1:3]:
        for user_id in rng.sample(readers, k=min(3, len(readers))):
            demo.apply(user_id, mo.CommentDocument(Id(new_id()), Id(new_id()), Id(document_id), rng.choice(_COMMENTS),
                                                   page=1))
    if day < today and held:
        _hold(demo, meeting_id, day, chair_id, secretary_id)
    elif day < today:
        for state in ("in_session", "closed"):
            demo.apply(organiser.id, mo.ChangeMeetingState(Id(new_id()), Id(meeting_id), state))


_SPEECH_NOTES = (
    "Đề nghị làm rõ nguồn vốn và tiến độ giải ngân của các dự án chuyển tiếp.",
    "Thống nhất với tờ trình; đề nghị bổ sung đánh giá tác động đến ngân sách cấp xã.",
    "Đề nghị rà soát danh mục, ưu tiên các công trình cấp bách về phòng chống thiên tai.",
    "Cơ quan soạn thảo giải trình, tiếp thu ý kiến của các thành viên.",
)


def _hold(demo: _Demo, meeting_id: str, day: date, chair_id: str, secretary_id: str) -> None:
    """The meeting run through its live session on ``day``, so that its minutes have what
    happened to say: attendance by the answers (absences with their reasons), one to three
    speeches per item, a named vote on each item to be voted, the secretary's summary of
    some speeches and each item's conclusion, then the close."""
    from eoffice.meetings.live import attendance, session as chairing, speakers, votes
    from eoffice.meetings.minutes import texts
    from eoffice.meetings.models import AgendaItem, Answer

    rng = demo.rng
    now = datetime.combine(day, time(8), VN)
    with demo.store.write() as session:
        chairing.open_session(session, chair_id, meeting_id, now)
    with demo.store.write() as session:
        people = session.execute(
            select(Participant.id, Participant.user_id, Participant.answer, Participant.votes)
            .where(Participant.meeting_id == meeting_id, Participant.deleted.is_(False))
            .order_by(Participant.user_id)
        ).all()
        present = []
        for participant_id, user_id, answer, votes_ in people:
            if answer == Answer.ABSENT.value:
                presence = "absent"
            elif answer == Answer.SUBSTITUTE.value:
                presence = "substitute"
            else:
                presence = "hall" if rng.random() < 0.92 or user_id in (chair_id, secretary_id) else "online"
            attendance.mark(session, secretary_id, meeting_id, participant_id, presence,
                            now + timedelta(minutes=rng.randrange(10)))
            if presence in ("hall", "online") and votes_:
                present.append(user_id)
        items = session.execute(
            select(AgendaItem.id, AgendaItem.decision).where(AgendaItem.meeting_id == meeting_id,
                                                             AgendaItem.deleted.is_(False))
            .order_by(AgendaItem.position)
        ).all()
    now += timedelta(minutes=15)
    speakers_pool = [u for u in present if u != chair_id] or present
    for n, (item_id, decision) in enumerate(items):
        with demo.store.write() as session:
            chairing.show(session, chair_id, meeting_id, item_id=item_id)
        for _ in range(rng.randint(1, 3)):
            speaker = rng.choice(speakers_pool)
            with demo.store.write() as session:
                asked = speakers.ask(session, speaker, meeting_id, "speech", now)
                speakers.accept(session, secretary_id, meeting_id, asked.id, now)
                speakers.start(session, secretary_id, meeting_id, asked.id, now)
                now += timedelta(minutes=rng.randint(3, 9))
                speakers.end(session, secretary_id, meeting_id, asked.id, now)
                if rng.random() < 0.6:
                    texts.write_text(session, secretary_id, meeting_id, texts.speech_part(asked.id),
                                     rng.choice(_SPEECH_NOTES))
        if decision == "vote" and present:
            with demo.store.write() as session:
                made = votes.create_vote(session, secretary_id, meeting_id, title=f"Biểu quyết nội dung {n + 1}",
                                         item_id=item_id, rule_key="majority", now=now)
                votes.open_vote(session, secretary_id, made.id, without_quorum=True, now=now)
                for voter in present:
                    votes.cast_ballot(session, voter, made.id, [rng.choice(("yes",) * 8 + ("no", "abstain"))],
                                      now=now)
                now += timedelta(minutes=3)
                votes.close_vote(session, secretary_id, made.id, now=now)
                votes.publish_vote(session, secretary_id, made.id, now=now)
        with demo.store.write() as session:
            texts.write_text(session, secretary_id, meeting_id, texts.item_part(item_id, "conclusion"),
                             "Thống nhất thông qua; giao cơ quan chủ trì tiếp thu ý kiến, hoàn thiện và tổ chức "
                             "thực hiện." if decision == "vote" else "Ghi nhận báo cáo; các sở, ngành triển khai "
                             "nhiệm vụ theo chức năng.")
        now += timedelta(minutes=5)
    with demo.store.write() as session:
        chairing.close(session, chair_id, meeting_id, now)


def _checked_in(demo: _Demo, staff: User, meeting_id: str, *, keep_out: set[str], count: int) -> None:
    """``count`` of the voting participants who sent no word of an absence, ticked present in the hall
    by ``staff`` (not those named in ``keep_out``: they check in themselves in the demo)."""
    from eoffice.meetings.live import attendance
    from eoffice.meetings.models import Answer

    with demo.store.write() as session:
        rows = session.execute(
            select(Participant.id).join(User, User.id == Participant.user_id).where(
                Participant.meeting_id == meeting_id, Participant.deleted.is_(False),
                Participant.answer.in_((Answer.ATTEND.value, Answer.PENDING.value)), Participant.votes.is_(True),
                User.username.not_in(sorted(keep_out)),
            ).order_by(User.username).limit(count)
        ).scalars().all()
        now = datetime.now(VN)
        for participant_id in rows:
            attendance.mark(session, staff.id, meeting_id, participant_id, "hall", now)


def _room(demo: _Demo, organiser: User, name: str, address: str, capacity: int) -> str:
    room_id = new_id()
    demo.apply(organiser.id, mo.CreateRoom(Id(new_id()), Id(room_id), name, address, capacity))
    return room_id


def _tasks(demo: _Demo, chair: User, meeting_id: str, day: date) -> None:
    """What a past UBND meeting gave Sở Nội vụ (the README's people): its Phòng CCHC leads
    one with Phòng TCBC, its director another, counted from the meeting's day (one is
    overdue by now); Phòng CCHC's head finds the first in "Việc được giao từ cuộc họp"."""
    with demo.store.read() as session:
        units = {u.code: u.id for u in session.scalars(
            select(Unit).join(Organisation, Organisation.id == Unit.organisation_id)
            .where(Organisation.abbreviation == "SNV", Unit.deleted.is_(False)))}
        director = session.scalar(select(User.id).where(User.username == "snv.giamdoc"))
        item = session.scalar(select(AgendaItem.id).where(AgendaItem.meeting_id == meeting_id)
                              .order_by(AgendaItem.position).limit(1))
    if "CCHC" not in units or director is None:
        return  # another org chart: no demo tasks
    on = ISODate(day.isoformat())
    demo.apply(chair.id, mo.AssignMeetingTask(
        Id(new_id()), Id(new_id()), Id(meeting_id),
        f"Rà soát, trình UBND tỉnh Kế hoạch cải cách hành chính năm {day.year + 1}",
        mo.TaskHolder(unit_id=Id(units["CCHC"])), 30,
        tuple(mo.TaskHolder(unit_id=Id(units[c])) for c in ("TCBC",) if c in units), Id(item) if item else None, on,
    ))
    demo.apply(chair.id, mo.AssignMeetingTask(
        Id(new_id()), Id(new_id()), Id(meeting_id),
        "Báo cáo tình hình sắp xếp đơn vị sự nghiệp công lập thuộc Sở", mo.TaskHolder(user_id=Id(director)), 5,
        on_date=on,
    ))


def _month_meeting_day(year: int, month: int) -> date:
    """The UBND's regular meeting: the last Thursday but one of the month."""
    day = date(year, month, 28)
    while day.weekday() != 3:
        day -= timedelta(days=1)
    return day - timedelta(days=7)


def seed_meetings(store: Store, blobs: BlobStore, *, today: date, seed: int = 16,
                  progress: Progress | None = None) -> None:
    """Fill the demo province's meetings around ``today`` (call after ``seed_demo``)."""
    report = progress or (lambda done, total, what: None)
    rng = random.Random(seed)
    with store.write() as session:
        members, delegates = _council(session, rng)
        organisations = list(session.scalars(select(Organisation).order_by(Organisation.organ_id)))
        users = {o.id: list(session.scalars(select(User).where(User.organisation_id == o.id).order_by(User.username)))
                 for o in organisations}
        session.flush()
        session.expunge_all()  # read below, after this session: detached before its commit expires them
    demo = _Demo(store, blobs, rng, {o.id: o.name for o in organisations})
    by_abbr = {o.abbreviation: o for o in organisations}
    ubnd = by_abbr["UBND"]
    ubnd_people = users[ubnd.id]
    office_clerk = next(u for u in ubnd_people if u.has_role(Role.CLERK))
    chairman = next(u for u in ubnd_people if u.has_role(Role.LEADER))
    secretary = next((u for u in ubnd_people if u.position.startswith("Chánh Văn phòng")), office_clerk)
    hall = _room(demo, office_clerk, "Phòng họp số 1, tầng 3", "Trụ sở UBND tỉnh, số 3 Trường Thi, TP Vinh", 40)

    plans: list[Callable[[], None]] = []
    first = date(today.year, today.month, 1) - timedelta(days=40)
    months = sorted({(d.year, d.month) for d in (first, first + timedelta(days=31), first + timedelta(days=62),
                                                 today + timedelta(days=20))})
    #: The last monthly meeting before today: held through its live session, it gave tasks.
    last_held = max((d for d in (_month_meeting_day(y, m) for y, m in months) if d < today), default=None)
    for year, month in months:
        day = _month_meeting_day(year, month)
        if abs((day - today).days) > 75:
            continue

        def ubnd_meeting(day: date = day, month: int = month) -> None:
            people = [(chairman, "chair", True), (secretary, "secretary", secretary in members),
                      *((m, "member", True) for m in members)]
            meeting_id, sitting_id = _meeting(
                demo, organiser=office_clerk, title=f"Phiên họp UBND tỉnh thường kỳ tháng {month}/{day.year}",
                kind="ubnd_regular", day=day, hours=(8, 17), place="", room_id=hall, people=people,
                chair=chairman, secretary=secretary,
                notes="Đề nghị các đồng chí nghiên cứu tài liệu trước trên phần mềm; mang theo thẻ để điểm danh.",
            )
            items = [(t.format(m=month, n=month % 12 + 1), d, k) for t, d, k in _UBND_ITEMS]
            documents = _agenda(demo, office_clerk, meeting_id, sitting_id, items, members[-1], ubnd.name, day,
                                "majority")
            if day > today + timedelta(days=14):
                return  # still being prepared: a draft
            held = day == last_held  # run live: its minutes have what happened to say
            _life(demo, office_clerk, meeting_id, documents, day, today, chairman.id, secretary.id, held=held)
            if held:  # the last one held gave tasks
                _tasks(demo, chairman, meeting_id, day)

        plans.append(ubnd_meeting)

    def hdnd_session() -> None:
        start = today + timedelta(days=(3 - today.weekday()) % 7 + 7)  # a Thursday, next week or the one after
        chair, deputy = delegates[0], delegates[1]
        big_hall = _room(demo, deputy, "Hội trường Trung tâm Hội nghị tỉnh", "Số 2 Lê Hồng Phong, TP Vinh", 300)
        people = [(chair, "chair", True), (deputy, "secretary", True), *((d, "member", True) for d in delegates),
                  *((m, "guest", False) for m in members[:5])]
        meeting_id, first_sitting = _meeting(
            demo, organiser=deputy, title=f"Kỳ họp thường lệ cuối năm {start.year}, HĐND tỉnh khóa XVIII",
            kind="hdnd_session", day=start, hours=(8, 11), place="", room_id=big_hall, people=people, chair=chair,
            secretary=deputy, notes="Đại biểu mặc trang phục lịch sự; có mặt trước 15 phút để điểm danh.",
        )
        second_sitting, next_day = new_id(), start + timedelta(days=1)
        demo.apply(deputy.id, mo.AddSitting(
            Id(new_id()), starts_at=_moment(next_day, 8), ends_at=_moment(next_day, 17),
            title="Phiên thứ hai", room_id=Id(big_hall), sitting_id=Id(second_sitting), meeting_id=Id(meeting_id),
        ))
        items = [(t, d, k) for t, d, k in _HDND_ITEMS]
        documents = _agenda(demo, deputy, meeting_id, first_sitting, items[:3], delegates[3], "HĐND tỉnh Nghệ An",
                            start, "majority")
        documents += _agenda(demo, deputy, meeting_id, second_sitting, items[3:], delegates[3], "HĐND tỉnh Nghệ An",
                             start, "majority")
        _life(demo, deputy, meeting_id, documents, start, today, chair.id, deputy.id)

    plans.append(hdnd_session)

    def hdnd_today() -> None:
        """A thematic HĐND session this afternoon, most delegates already checked in at the
        door: the chair (``daibieu01``) runs it live, delegates join from other apps."""
        chair, deputy = delegates[0], delegates[1]
        people = [(chair, "chair", True), (deputy, "secretary", True), *((d, "member", True) for d in delegates),
                  *((m, "guest", False) for m in members[:3])]
        meeting_id, sitting_id = _meeting(
            demo, organiser=deputy, title="Kỳ họp chuyên đề HĐND tỉnh khóa XVIII",
            kind="hdnd_session", day=today, hours=(14, 17), place="Hội trường Trung tâm Hội nghị tỉnh",
            people=people, chair=chair, secretary=deputy,
            notes="Đại biểu mang theo giấy mời có mã QR để điểm danh tại cửa hội trường.",
        )
        documents = _agenda(demo, deputy, meeting_id, sitting_id, list(_HDND_TODAY_ITEMS), delegates[3],
                            "HĐND tỉnh Nghệ An", today, "majority")
        _life(demo, deputy, meeting_id, documents, today, today, chair.id, deputy.id)
        joining = {"daibieu10", "daibieu11", "daibieu12"}  # the README's delegates: they said they would come
        with demo.store.read() as session:
            rows = session.execute(
                select(Participant.id, User.id).join(User, User.id == Participant.user_id)
                .where(Participant.meeting_id == meeting_id, User.username.in_(sorted(joining)))
            ).all()
        for participant_id, user_id in rows:
            demo.apply(user_id, mo.AnswerInvitation(Id(new_id()), Id(participant_id), "attend"))
        _checked_in(demo, deputy, meeting_id, keep_out=joining, count=38)

    plans.append(hdnd_today)

    for organisation in organisations:
        if organisation.abbreviation in ("UBND", "HĐND"):
            continue
        staff = users[organisation.id]
        leaders = [u for u in staff if u.has_role(Role.LEADER)]
        if not leaders:
            continue
        clerk = next((u for u in staff if u.has_role(Role.CLERK)), leaders[0])
        monday = today - timedelta(days=today.weekday()) - timedelta(weeks=8)
        for week in range(12):

            def briefing(day: date = monday + timedelta(weeks=week), staff: list[User] = staff,
                         leaders: list[User] = leaders, clerk: User = clerk, organisation: Organisation = organisation,
                         ) -> None:
                people = [(leaders[0], "chair", False), (clerk, "secretary", False),
                          *((u, "member", False) for u in staff if u.id != clerk.id)]
                meeting_id, sitting_id = _meeting(
                    demo, organiser=clerk, title=f"Giao ban tuần của {organisation.name}", kind="briefing",
                    day=day, hours=(8, 9), place="Phòng họp cơ quan", people=people, chair=leaders[0],
                    secretary=clerk,
                )
                for title, decision in _BRIEFING_ITEMS:
                    demo.apply(clerk.id, mo.AddAgendaItem(
                        Id(new_id()), title=title, planned_minutes=30, decision=decision, item_id=Id(new_id()),
                        meeting_id=Id(meeting_id), sitting_id=Id(sitting_id),
                    ))
                _life(demo, clerk, meeting_id, [], day, today, leaders[0].id, clerk.id)

            plans.append(briefing)
    for done, plan in enumerate(plans):
        report(done, len(plans), "meetings")
        plan()
    report(len(plans), len(plans), "meetings")
