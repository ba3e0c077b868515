"""Seeding the demo: a province's org chart and two years of documents in every state.

Everything goes through the real domain operations (registration, direction, drafting,
issuing, delivery), so the demo's numbers, states and audit chain are what a real office
would have after two years of use.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import select

from eoffice.directory.models import Organisation, Role, Unit, User
from eoffice.directory.orgchart import import_orgchart
from eoffice.documents import delivery, directions, outgoing, review
from eoffice.documents.directions import LineSpec
from eoffice.documents.fields import DocumentFields
from eoffice.documents.incoming import PreparedFile, register_incoming
from eoffice.documents.models import Document
from eoffice.documents.types import DocState, LineRole, Priority, Secrecy
from eoffice.documents.workdays import add_working_days
from eoffice.demo import content
from eoffice.demo.pdfs import SampleDocument, render_many
from eoffice.store import Store
from eoffice.store.blobs import BlobStore

ORGCHART = Path(__file__).resolve().parents[2] / "resources" / "demo" / "orgchart.csv"
BATCH = 100

Progress = Callable[[int, int, str], None]
VN = timezone(timedelta(hours=7))


@dataclass
class DemoInfo:
    """The demo users to offer in the switcher: (user id, "Full name — role"), clerk first."""

    users: list[tuple[str, str]] = field(default_factory=list)


ROLE_VI = {"clerk": "văn thư", "leader": "lãnh đạo", "officer": "chuyên viên", "admin": "quản trị"}


@dataclass
class _Org:
    org: Organisation
    clerk: User
    leaders: list[User]
    officers: list[User]
    units: list[Unit]


def _people(session, orgchart: Path) -> list[_Org]:  # type: ignore[no-untyped-def]
    import_orgchart(session, orgchart)
    orgs = []
    for org in session.scalars(select(Organisation).order_by(Organisation.organ_id)):
        users = list(session.scalars(select(User).where(User.organisation_id == org.id).order_by(User.username)))
        clerks = [u for u in users if u.has_role(Role.CLERK)]
        leaders = [u for u in users if u.has_role(Role.LEADER)]
        officers = [u for u in users if u.has_role(Role.OFFICER)]
        units = list(session.scalars(select(Unit).where(Unit.organisation_id == org.id).order_by(Unit.code)))
        if clerks and leaders and officers:
            orgs.append(_Org(org, clerks[0], leaders, officers, units))
    return orgs


#: Positions of the head of a unit (trưởng đơn vị) in the demo org chart.
HEAD_POSITIONS = ("Trưởng phòng", "Chánh Văn phòng")


def _review_chains(session, orgs: list[_Org]) -> None:  # type: ignore[no-untyped-def]
    """Name each unit's head from the positions; an organisation with heads reviews its
    drafts in two levels (drafter → head of unit → leader), the others in one."""
    for org in orgs:
        users = session.scalars(select(User).where(User.organisation_id == org.org.id).order_by(User.username))
        heads = [u for u in users if u.unit_id and u.position.startswith(HEAD_POSITIONS)]
        for head in heads:
            review.set_unit_head(session, head.unit_id, head.id)
        if heads:
            review.set_draft_review_levels(session, org.org.id, 2)


def demo_users(store: Store) -> list[tuple[str, str]]:
    """Every demo user, one per role first so the switcher starts with a useful spread."""
    with store.read() as s:
        users = list(s.scalars(select(User).order_by(User.username)))
        orgs = {o.id: o.abbreviation for o in s.scalars(select(Organisation))}
        order = {"clerk": 0, "leader": 1, "officer": 2, "admin": 3}
        users.sort(key=lambda u: (min((order[r.value] for r in u.roles), default=9), u.username))
        roles = {u.id: ", ".join(ROLE_VI[r.value] for r in sorted(u.roles, key=lambda r: order[r.value]))
                 for u in users}
        return [(u.id, f"{u.full_name} — {roles[u.id]} ({orgs.get(u.organisation_id, '')})") for u in users]


def seed_demo(
    store: Store,
    blobs: BlobStore,
    *,
    documents: int = 2000,
    today: date | None = None,
    seed: int = 30,
    progress: Progress | None = None,
    orgchart: Path = ORGCHART,
) -> DemoInfo:
    """Fill an empty, migrated database with the demo province.

    ``documents`` are spread over the two years before ``today``: about two thirds
    incoming, one third outgoing; older ones finished, recent ones open, some overdue.
    """
    rng = random.Random(seed)
    today = today or date.today()
    start = date(today.year - 1, 1, 2)
    report = progress or (lambda done, total, what: None)

    report(0, 0, "people")
    with store.write() as s:
        orgs = _people(s, orgchart)
        _review_chains(s, orgs)
    holidays: set[date] = set()

    span = (today - start).days
    days = sorted(start + timedelta(days=rng.randrange(span + 1)) for _ in range(documents))
    days = [d if d.weekday() < 5 else d - timedelta(days=d.weekday() - 4) for d in days]
    plan = [(d, rng.random() < 0.66) for d in days]

    parents = {o.org.id: o.org.name for o in orgs}
    done = 0
    report(done, len(plan), "documents")
    for offset in range(0, len(plan), BATCH):
        specs = [_spec(rng, day, is_incoming, orgs) for day, is_incoming in plan[offset : offset + BATCH]]
        pdfs = render_many([_sample(spec, parents) for spec in specs])
        for spec, pdf in zip(specs, pdfs, strict=True):
            digest, size = blobs.put_bytes(pdf)
            name = f"{spec.type_name} {spec.day.isoformat()}.pdf"
            prepared = [PreparedFile(digest, name, size, 1, spec.subject + "\n" + spec.body)]
            if spec.incoming:
                _incoming(store, rng, spec, today, holidays, prepared)
            else:
                _outgoing(store, rng, spec, orgs, today, prepared)
            done += 1
        report(done, len(plan), "documents")
    _drafts_to_review(store, blobs, orgs, today)
    return DemoInfo(demo_users(store))


def _drafts_to_review(store: Store, blobs: BlobStore, orgs: list[_Org], today: date) -> None:
    """In each organisation that reviews in two levels, a draft awaiting its head of unit
    (the demo shows the step whatever the random draw gave)."""
    for org in orgs:
        with store.read() as s:
            if s.get(Organisation, org.org.id).draft_review_levels < 2:  # type: ignore[union-attr]
                continue
            if s.scalar(select(Document.id).where(
                Document.organisation_id == org.org.id, Document.state == DocState.REVIEWING.value
            ).limit(1)):
                continue
            drafters = [
                u for u in org.officers
                if not u.has_role(Role.LEADER) and review.unit_head(s, u.unit_id) is not None
            ]
        if not drafters:
            continue
        officer, leader = drafters[0], org.leaders[0]
        unit = next((u.name for u in org.units if u.id == officer.unit_id), "Văn phòng")
        subject = f"Về việc báo cáo kết quả công tác cải cách hành chính của {unit} năm {today.year}"
        body = "Kính gửi lãnh đạo. Đơn vị báo cáo kết quả thực hiện nhiệm vụ trong năm và đề xuất kế hoạch năm sau."
        [pdf] = render_many([SampleDocument(
            organ_name=org.org.name, number_label="      /", type_name="Báo cáo", subject=subject, body=body,
            signer_position=leader.position, signer_full_name=leader.full_name,
            place_date=content.place_date("Nghệ An", None, today.year),
        )])
        digest, size = blobs.put_bytes(pdf)
        files = [PreparedFile(digest, f"Báo cáo {today.isoformat()}.pdf", size, 1, subject + "\n" + body)]
        fields = DocumentFields(
            type_name="Báo cáo", subject=subject, organ_name=org.org.name, organ_id=org.org.organ_id,
            signer_position=leader.position, signer_full_name=leader.full_name, to_places="Như trên; Lưu: VT.",
            page_amount=1,
        )
        with store.write() as s:
            draft = outgoing.create_draft(s, officer.id, fields, files)
            outgoing.submit_draft(s, officer.id, draft.id, leader.id)


@dataclass(frozen=True)
class _Spec:
    """One demo document before it exists: what its PDF prints and its record holds alike."""

    day: date  # arrival (incoming) or issue (outgoing)
    incoming: bool
    org: _Org
    type_name: str
    subject: str
    body: str
    signer_position: str
    signer_full_name: str
    issued: date  # incoming: the sender's date, a working day up to four days before arrival
    sender: content.Organ | None = None
    number: str = ""
    officer: User | None = None  # outgoing: who drafts it
    leader: User | None = None  # outgoing: who approves and signs it


def _working_day_before(day: date, days: int) -> date:
    moment = day - timedelta(days=days)
    while moment.weekday() >= 5:
        moment -= timedelta(days=1)
    return moment


def _spec(rng: random.Random, day: date, is_incoming: bool, orgs: list[_Org]) -> _Spec:
    org = rng.choice(orgs)
    type_name = rng.choice(content.INCOMING_TYPES if is_incoming else content.OUTGOING_TYPES)
    subj = content.subject(rng, day.year, rng.choice(org.units).name if org.units else "Văn phòng")
    text = content.body(rng)
    if is_incoming:
        sender = rng.choice(content.EXTERNAL_ORGANS)
        position, name = rng.choice(sender.signers)
        issued = _working_day_before(day, rng.randint(0, 4))
        # Numbers restart each 1 January: a sender's number grows with the day of its year.
        day_of_year = issued.timetuple().tm_yday
        number = f"{rng.randint(2 * day_of_year - 1, 6 * day_of_year):02d}"
        return _Spec(day, True, org, type_name, subj, text, position, name, issued, sender, number)
    officer = rng.choice(org.officers)
    signers = [u for u in org.leaders if u.position in content.SIGNING_POSITIONS] or org.leaders
    leader = rng.choice(signers)
    return _Spec(
        day, False, org, type_name, subj, text, leader.position, leader.full_name, day, officer=officer, leader=leader
    )


def _sample(spec: _Spec, parents: dict[str, str]) -> SampleDocument:
    """The PDF of a spec: the signer and dates its record will hold."""
    if spec.sender is not None:
        sender = spec.sender
        return SampleDocument(
            organ_name=sender.name,
            parent_organ=sender.parent,
            number_label=f"{spec.number}/{content_abbrev(spec.type_name)}{sender.abbreviation}",
            type_name=spec.type_name,
            subject=spec.subject,
            body=spec.body,
            signer_position=spec.signer_position,
            signer_full_name=spec.signer_full_name,
            place_date=content.place_date(sender.place, spec.issued, spec.issued.year),
        )
    org = spec.org.org
    return SampleDocument(
        organ_name=org.name,
        parent_organ=parents.get(org.parent_id or "", ""),
        number_label="      /",  # the clerk's number and date come when it is issued
        type_name=spec.type_name,
        subject=spec.subject,
        body=spec.body,
        signer_position=spec.signer_position,
        signer_full_name=spec.signer_full_name,
        place_date=content.place_date("Nghệ An", None, spec.day.year),
    )


def _at(day: date, rng: random.Random) -> datetime:
    """A moment in office hours on ``day`` (Vietnam's time): what the records say happened then."""
    return datetime(day.year, day.month, day.day, rng.randint(8, 10), rng.randint(0, 59), tzinfo=VN)


def _incoming(store, rng, spec: _Spec, today, holidays, files) -> None:  # type: ignore[no-untyped-def]
    org, day, type_name, subj = spec.org, spec.day, spec.type_name, spec.subject
    sender = spec.sender
    assert sender is not None
    organ_name, organ_id, organ_abbreviation = sender.name, sender.organ_id, sender.abbreviation
    position, signer_name, number = spec.signer_position, spec.signer_full_name, spec.number
    issued = spec.issued
    secrecy = Secrecy.CONFIDENTIAL.value if rng.random() < 0.03 else Secrecy.NONE.value
    priority = rng.choices([p.value for p in Priority], weights=[80, 12, 5, 3])[0]
    fields = DocumentFields(
        type_name=type_name,
        subject=subj,
        organ_name=organ_name,
        organ_id=organ_id,
        code_number=number,
        code_notation=f"{content_abbrev(type_name)}{organ_abbreviation}",
        issued_date=issued,
        signer_position=position,
        signer_full_name=signer_name,
        priority=priority,
        secrecy=secrecy,
        page_amount=1,
    )
    age = (today - day).days
    with store.write() as s:
        doc = register_incoming(s, org.clerk.id, fields, files, arrival_date=day, allow_duplicate=True, today=today)
        doc.created_at = _at(day, rng)
        if age < 2 and rng.random() < 0.6:
            return  # still waiting for the leader's direction
        leader = rng.choice(org.leaders)
        lead_officer = rng.choice(org.officers)
        deadline = add_working_days(day, rng.choice([3, 5, 7, 10, 15]), holidays)
        lines = [LineSpec(LineRole.LEAD, user_id=lead_officer.id, deadline=deadline)]
        others = [o for o in org.officers if o.id != lead_officer.id]
        if others and rng.random() < 0.5:
            lines.append(LineSpec(LineRole.COORDINATE, user_id=rng.choice(others).id, deadline=deadline))
        if org.units and rng.random() < 0.4:
            lines.append(LineSpec(LineRole.INFORM, unit_id=rng.choice(org.units).id))
        direction = directions.direct(
            s, leader.id, doc.id, "Đề nghị chủ trì xử lý, báo cáo kết quả đúng hạn.", lines, today=day
        )
        # Passed on the day it arrived, not the day the demo was made (the register prints it).
        direction.created_at = doc.created_at + timedelta(hours=2)
        lead_lines = [
            line for line in directions.lines_of(s, doc.id)
            if line.direction_id == direction.id and line.role == LineRole.LEAD.value
        ]
        overdue_kept = deadline < today and rng.random() < 0.12
        if age > 20 and not overdue_kept:
            handled = min(day + timedelta(days=(deadline - day).days * 2 // 3), today - timedelta(days=1))
            finished = _at(_working_day_before(handled, 0), rng)
            for line in lead_lines:
                directions.start_line(s, lead_officer.id, line.id)
                directions.complete_line(s, lead_officer.id, line.id, "Đã xử lý, báo cáo lãnh đạo.")
            s.flush()
            for line in directions.lines_of(s, doc.id):
                if line.completed_at is not None:
                    line.completed_at = finished
            if doc.completed_at is not None:
                doc.completed_at = finished
        elif age > 3 or overdue_kept:
            for line in lead_lines:
                directions.start_line(s, lead_officer.id, line.id)


def _outgoing(store, rng, spec: _Spec, orgs, today, files) -> None:  # type: ignore[no-untyped-def]
    org, day, type_name, subj = spec.org, spec.day, spec.type_name, spec.subject
    officer, leader = spec.officer, spec.leader
    assert officer is not None and leader is not None
    fields = DocumentFields(
        type_name=type_name,
        subject=subj,
        organ_name=org.org.name,
        organ_id=org.org.organ_id,
        signer_position=leader.position,
        signer_full_name=leader.full_name,
        to_places="Như trên; Lưu: VT.",
        issued_amount=rng.randint(2, 6),
        page_amount=1,
    )
    age = (today - day).days
    with store.write() as s:
        draft = outgoing.create_draft(s, officer.id, fields, files)
        draft.created_at = _at(_working_day_before(day, rng.randint(1, 3)), rng)
        if age < 3 and rng.random() < 0.5:
            if rng.random() < 0.5:
                outgoing.submit_draft(s, officer.id, draft.id, leader.id)  # maybe to the head of unit first
            return
        outgoing.submit_draft(s, officer.id, draft.id, leader.id)
        if draft.state == DocState.REVIEWING.value and draft.approver_id:
            outgoing.pass_review(s, draft.approver_id, draft.id, "Nội dung phù hợp, đề nghị lãnh đạo ký.")
        outgoing.approve_draft(s, leader.id, draft.id)
        issued = outgoing.issue(s, org.clerk.id, draft.id, day)
        others = [o for o in orgs if o.org.id != org.org.id]
        if others and rng.random() < 0.35:
            delivery.deliver(s, org.clerk.id, issued.id, [rng.choice(others).org.id], arrival_date=day)


def content_abbrev(type_name: str) -> str:
    from eoffice.documents.types import DOCUMENT_TYPES

    abbr = DOCUMENT_TYPES[type_name]
    return f"{abbr}-" if abbr else ""

