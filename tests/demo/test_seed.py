"""The demo a newcomer opens with `make run`: every role, every state, real numbers."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
from sqlalchemy import func, select

from eoffice.audit.chain import verify_chain
from eoffice.demo.seed import demo_users, seed_demo
from eoffice.directory.models import Organisation, Role, User
from eoffice.documents.models import DirectionLine, Document, Register
from eoffice.documents.numbering import numbers_in_use
from eoffice.store import Store
from eoffice.store.blobs import BlobStore

TODAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("demo")
    store = Store(f"sqlite:///{root / 'demo.sqlite3'}")
    store.migrate()
    blobs = BlobStore(root / "blobs")
    info = seed_demo(store, blobs, documents=160, today=TODAY)
    yield store, blobs, info
    store.dispose()


def test_demo_has_a_province_with_users_in_every_role(demo):
    store, _blobs, info = demo
    with store.read() as s:
        orgs = s.scalar(select(func.count()).select_from(Organisation))
        users = list(s.scalars(select(User)))
    assert orgs >= 4  # the People's Committee and at least three departments
    assert len(users) >= 20
    for role in Role:
        assert any(u.has_role(role) for u in users), role
    assert len(info.users) == len(users)
    assert "văn thư" in info.users[0][1]  # the switcher opens on the clerk


def test_demo_drafts_go_to_the_head_of_unit_before_the_leader(demo):
    """Organisations whose units have a head review in two levels; a draft awaits its head."""
    from eoffice.directory.models import Unit

    store, _blobs, _info = demo
    with store.read() as s:
        levels = dict(s.execute(select(Organisation.abbreviation, Organisation.draft_review_levels)).all())
        assert levels["SNV"] == 2 and levels["STC"] == 1
        heads = {(u.code, s.get(User, u.head_user_id).username) for u in s.scalars(select(Unit)) if u.head_user_id}
        assert ("CCHC", "snv.tp.cchc") in heads
        waiting = s.scalars(select(Document).where(Document.state == "reviewing")).all()
        snv = s.scalar(select(Organisation.id).where(Organisation.abbreviation == "SNV"))
        assert any(d.organisation_id == snv and s.get(User, d.approver_id).username == "snv.tp.cchc" for d in waiting)


def test_demo_documents_cover_every_state_with_gapless_numbers(demo):
    store, blobs, _info = demo
    with store.read() as s:
        total = s.scalar(select(func.count()).select_from(Document))
        states = set(s.scalars(select(Document.state).distinct()))
        assert total >= 160  # internal deliveries add incoming copies
        assert {"registered", "directed", "done", "issued"} <= states
        overdue = s.scalar(
            select(func.count())
            .select_from(DirectionLine)
            .where(DirectionLine.state.in_(["waiting", "in_progress"]), DirectionLine.deadline < TODAY)
        )
        assert overdue > 0
        for register in s.scalars(select(Register)):
            for year in (2025, 2026):
                used = numbers_in_use(s, register.id, year)
                assert used == list(range(1, len(used) + 1)), (register.name, year)
        for doc in s.scalars(select(Document).limit(30)):
            assert doc.files and blobs.has(doc.files[0].digest)
        assert verify_chain(s) == []


def test_demo_users_are_listed_for_the_switcher(demo):
    store, _blobs, _info = demo
    labels = [label for _id, label in demo_users(store)]
    assert any("lãnh đạo" in label for label in labels)
    assert any("chuyên viên" in label for label in labels)


def test_eoffice_demo_command_creates_the_data_once(tmp_path):
    env = {"EOFFICE_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    cmd = [sys.executable, "-m", "eoffice", "demo", "--no-gui", "--documents", "30"]
    first = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    assert (tmp_path / "demo" / "server" / "eoffice.sqlite3").exists()
    again = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert "Đang tạo dữ liệu mẫu" not in again.stderr  # reused, not seeded twice
    verify = subprocess.run(
        [
            sys.executable, "-m", "eoffice",
            "--database-url", f"sqlite:///{tmp_path / 'demo' / 'server' / 'eoffice.sqlite3'}", "audit-verify",
        ],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert verify.returncode == 0, verify.stdout + verify.stderr


def test_every_demo_user_gets_a_card_and_the_clerks_their_seal(demo, tmp_path):
    from cryptography.hazmat.primitives.serialization import Encoding

    from eoffice.demo.cards import give_cards, key_files
    from eoffice.signing.appearance import Appearance, Kind
    from eoffice.signing.democards import DEMO_PASSWORD
    from eoffice.signing.keys import open_pkcs12
    from eoffice.signing.pades import sign_pdf
    from eoffice.signing.trust import trusted_roots
    from eoffice.signing.verify import verify_pdf

    store, blobs, _info = demo
    cards = give_cards(store, blobs, tmp_path / "cards")
    again = give_cards(store, blobs, tmp_path / "cards")  # the next start reuses everything
    assert again.people.keys() == cards.people.keys()
    with store.read() as s:
        users = list(s.scalars(select(User)))
        roots = trusted_roots(s)
        assert all(u.signature_digest and blobs.has(u.signature_digest) for u in users)
        assert all(o.seal_digest and blobs.has(o.seal_digest) for o in s.scalars(select(Organisation)))
        clerk = next(u for u in users if u.has_role(Role.CLERK))
        clerk_org = s.get(Organisation, clerk.organisation_id).name
        signature = blobs.path_for(clerk.signature_digest).read_bytes()
    assert len(roots) == 1 and roots[0].subject.rfc4514_string().startswith("CN=eoffice Demo Root CA")
    with store.read() as s:  # each card is registered to its holder: the server's binding
        from eoffice.signing.ownership import registered_certificates

        for user in users:
            [cert] = registered_certificates(s, user_id=user.id)
            assert cert.public_bytes(Encoding.PEM) == cards.people[user.username].certificate_pem
        [org_cert] = registered_certificates(s, organisation_id=clerk.organisation_id)
        assert org_cert.public_bytes(Encoding.PEM) == cards.organisations[clerk_org].certificate_pem
    own, seal = key_files(tmp_path / "cards", clerk.username)  # the sign dialog offers these
    assert own == cards.people[clerk.username].pkcs12 and seal == cards.organisations[clerk_org].pkcs12
    key = open_pkcs12(own, DEMO_PASSWORD)
    assert key.signer_name == clerk.full_name
    pdf = blobs.path_for(_first_pdf(store))
    signed = sign_pdf(pdf, tmp_path / "signed.pdf", key, Appearance(Kind.SIGNER, image=signature)).output
    assert verify_pdf(signed, roots).ok


def _first_pdf(store: Store) -> str:
    with store.read() as s:
        return s.scalars(select(Document).limit(1)).one().files[0].digest
