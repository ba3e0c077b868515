"""Seeding the demo: a province's org chart and two years of documents in every state.

Everything goes through the real domain operations (registration, direction, drafting,
issuing, delivery), so the demo's numbers, states and audit chain are what a real office
would have after two years of use.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select

from eoffice.directory.models import Organisation, Role, Unit, User
from eoffice.directory.orgchart import import_orgchart
from eoffice.documents import delivery, directions, outgoing
from eoffice.documents.directions import LineSpec
from eoffice.documents.fields import DocumentFields
from eoffice.documents.incoming import PreparedFile, register_incoming
from eoffice.documents.types import LineRole, Priority, Secrecy
from eoffice.documents.workdays import add_working_days
from eoffice.demo import content
from eoffice.demo.pdfs import SampleDocument, render_many
from eoffice.store import Store
from eoffice.store.blobs import BlobStore

ORGCHART = Path(__file__).resolve().parents[2] / "resources" / "demo" / "orgchart.csv"
BATCH = 100

Progress = Callable[[int, int, str], None]


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
    holidays: set[date] = set()

    span = (today - start).days
    days = sorted(start + timedelta(days=rng.randrange(span + 1)) for _ in range(documents))
    days = [d if d.weekday() < 5 else d - timedelta(days=d.weekday() - 4) for d in days]
    plan = [(d, rng.random() < 0.66) for d in days]

    done = 0
    report(done, len(plan), "documents")
    for offset in range(0, len(plan), BATCH):
        chunk = plan[offset : offset + BATCH]
        specs = []
        for day, is_incoming in chunk:
            org = rng.choice(orgs)
            type_name = rng.choice(content.INCOMING_TYPES if is_incoming else content.OUTGOING_TYPES)
            subj = content.subject(rng, day.year, rng.choice(org.units).name if org.units else "Văn phòng")
            sender = rng.choice(content.EXTERNAL_ORGANS)
            number = f"{rng.randint(1, 2500):02d}"
            signer = rng.choice(content.SIGNERS)
            specs.append((day, is_incoming, org, type_name, subj, content.body(rng), sender, number, signer))
        pdfs = render_many(
            [
                SampleDocument(
                    organ_name=sender[0] if inc else org.org.name,
                    number_label=f"{number}/{content_abbrev(type_name)}{sender[2]}" if inc else "      /",
                    type_name=type_name,
                    subject=subj,
                    body=text,
                    signer_position=signer[0],
                    signer_full_name=signer[1],
                )
                for day, inc, org, type_name, subj, text, sender, number, signer in specs
            ]
        )
        for (day, is_incoming, org, type_name, subj, text, sender, number, signer), pdf in zip(
            specs, pdfs, strict=True
        ):
            digest, size = blobs.put_bytes(pdf)
            prepared = [PreparedFile(digest, f"{type_name} {day.isoformat()}.pdf", size, 1, subj + "\n" + text)]
            if is_incoming:
                _incoming(store, rng, org, day, today, holidays, type_name, subj, prepared, sender, number, signer)
            else:
                _outgoing(store, rng, org, orgs, day, today, type_name, subj, prepared)
            done += 1
        report(done, len(plan), "documents")
    return DemoInfo(demo_users(store))


def _incoming(store, rng, org, day, today, holidays, type_name, subj, files, sender, number, signer) -> None:  # type: ignore[no-untyped-def]
    organ_name, organ_id, organ_abbreviation = sender
    position, signer_name = signer
    issued = day - timedelta(days=rng.randint(0, 4))
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
        lead_lines = [
            line for line in directions.lines_of(s, doc.id)
            if line.direction_id == direction.id and line.role == LineRole.LEAD.value
        ]
        overdue_kept = deadline < today and rng.random() < 0.12
        if age > 20 and not overdue_kept:
            for line in lead_lines:
                directions.start_line(s, lead_officer.id, line.id)
                directions.complete_line(s, lead_officer.id, line.id, "Đã xử lý, báo cáo lãnh đạo.")
        elif age > 3 or overdue_kept:
            for line in lead_lines:
                directions.start_line(s, lead_officer.id, line.id)


def _outgoing(store, rng, org, orgs, day, today, type_name, subj, files) -> None:  # type: ignore[no-untyped-def]
    officer = rng.choice(org.officers)
    leader = rng.choice(org.leaders)
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
        if age < 3 and rng.random() < 0.5:
            if rng.random() < 0.5:
                outgoing.submit_draft(s, officer.id, draft.id, leader.id)
            return
        outgoing.submit_draft(s, officer.id, draft.id, leader.id)
        outgoing.approve_draft(s, leader.id, draft.id)
        issued = outgoing.issue(s, org.clerk.id, draft.id, day)
        others = [o for o in orgs if o.org.id != org.org.id]
        if others and rng.random() < 0.35:
            delivery.deliver(s, org.clerk.id, issued.id, [rng.choice(others).org.id], arrival_date=day)


def content_abbrev(type_name: str) -> str:
    from eoffice.documents.types import DOCUMENT_TYPES

    abbr = DOCUMENT_TYPES[type_name]
    return f"{abbr}-" if abbr else ""

