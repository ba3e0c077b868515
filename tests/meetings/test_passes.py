"""Meeting passes: signed by the server's key, one person for one meeting; printed as a QR
code a camera reads back; a forged pass, another meeting's or an uninvited person's is
refused; the server gives them to the organisers only, and its public key to anyone
signed in."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from eoffice.meetings import passes
from eoffice.meetings.models import ParticipantRole
from eoffice.meetings.passes import FORGED, OTHER_MEETING, UNKNOWN_PERSON, PassRefused
from eoffice.store.base import new_id
from tests.conftest import World, need
from tests.meetings import paper_factories as make
from tests.server.conftest import Running, bearer, give_passwords, running  # noqa: F401  (fixture)
from tests.sync.http_support import memory_keyring  # noqa: F401  (fixture)
from tests.signing.conftest import have_font


def _refusal(token: str, meeting_id: str, key: object, participants: set[str] | None = None) -> str:
    with pytest.raises(PassRefused) as caught:
        passes.verify(token, meeting_id, key, participants)  # type: ignore[arg-type]
    assert caught.value.message_vi and caught.value.message_en
    return caught.value.reason


def test_the_server_key_is_made_once_readable_by_its_owner_only(tmp_path: Path):
    key = passes.load_or_create_key(tmp_path / "server")
    again = passes.load_or_create_key(tmp_path / "server")
    assert passes.public_key_text(key) == passes.public_key_text(again)
    mode = stat.S_IMODE(os.stat(tmp_path / "server" / passes.KEY_FILE).st_mode)
    assert mode == 0o600


def test_a_pass_admits_its_person_to_its_meeting_and_nothing_else(tmp_path: Path):
    key = passes.load_or_create_key(tmp_path)
    public = passes.public_key_text(key)
    meeting, other_meeting, person, stranger = new_id(), new_id(), new_id(), new_id()
    token = passes.issue_pass(key, meeting, person)
    assert token == passes.issue_pass(key, meeting, person)  # the same pass each time it is asked
    admitted = passes.verify(token, meeting, public, {person})
    assert (admitted.meeting_id, admitted.user_id) == (meeting, person)

    assert _refusal(token, other_meeting, public) == OTHER_MEETING
    assert _refusal(passes.issue_pass(key, meeting, stranger), meeting, public, {person}) == UNKNOWN_PERSON
    # Made with another key, as anyone can: forged.
    assert _refusal(passes.issue_pass(Ed25519PrivateKey.generate(), meeting, person), meeting, public) == FORGED
    # A real pass edited to name someone else or another meeting: its signature no longer holds.
    prefix, _payload, signature = token.split(".")
    for edited in (f"{meeting} {stranger}", f"{other_meeting} {person}"):
        assert _refusal(f"{prefix}.{passes._b64(edited.encode())}.{signature}", meeting, public) == FORGED
    for junk in ("", "EM1", "EM1..", "xin chào", token[:-3], token + "A", "EM2" + token[3:], "x" * 5000):
        assert _refusal(junk, meeting, public) == FORGED


def test_the_printed_card_carries_a_qr_code_a_scanner_reads_back(world: World, tmp_path: Path):
    need(have_font(), "no Vietnamese font (apt install fonts-liberation2)")
    for tool in ("pdftoppm", "pdftotext", "pdffonts", "qpdf", "zbarimg"):
        need(shutil.which(tool) is not None, f"{tool} is not installed (apt install poppler-utils qpdf zbar-tools)")
    meeting_id, _sitting = make.meeting(world, place="Hội trường tầng 2", state="scheduled")
    other_id, _ = make.meeting(world, title="Họp giao ban tuần", state="scheduled")
    guest = make.guest(world)
    make.participant(world, meeting_id, guest, ParticipantRole.GUEST)
    key = passes.load_or_create_key(tmp_path / "server")
    token = passes.issue_pass(key, meeting_id, guest)
    with world.store.read() as s:
        card = passes.card_of(s, meeting_id, guest, token)
    pdf = tmp_path / "the-moi.pdf"
    pdf.write_bytes(passes.attendance_card(card))

    out = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    text = " ".join(out.split())
    for part in (
        "GIẤY MỜI KÈM MÃ QR ĐIỂM DANH", "Kính mời: Võ Thị Hương, Giám đốc Sở Tài chính", "Địa điểm: Hội trường tầng 2",
        "Thời gian: Từ 08 giờ 00 đến 11 giờ 30, thứ Hai, ngày 07 tháng 12 năm 2026",
    ):
        assert part in text, part
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all("TrueType" in row and " yes " in row for row in rows), fonts
    subprocess.run(["qpdf", "--check", str(pdf)], check=True, capture_output=True)

    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(tmp_path / "page")], check=True)
    [image] = sorted(tmp_path.glob("page*.png"))
    scanned = subprocess.run(["zbarimg", "--quiet", "--raw", str(image)], check=True, capture_output=True, text=True)
    decoded = scanned.stdout.strip()
    assert decoded == token
    public = passes.public_key_text(key)
    assert passes.verify(decoded, meeting_id, public, {guest}).user_id == guest
    assert _refusal(decoded, other_id, public) == OTHER_MEETING
    forged = passes.issue_pass(Ed25519PrivateKey.generate(), meeting_id, guest)
    assert _refusal(forged, meeting_id, public) == FORGED


def test_the_server_gives_passes_to_the_organisers_and_its_key_to_anyone_signed_in(running: Running):  # noqa: F811
    world = running.world
    meeting_id, _sitting = make.meeting(world, state="scheduled")
    for user_id in (world.officer_id, world.officer2_id, world.leader_id):
        make.participant(world, meeting_id, user_id)
    give_passwords(running.store, "lanhdao")

    with running.client(headers=bearer(running.login("chuyenvien2"))) as member:
        key = member.get("/meetings/pass-key")
        assert key.status_code == 200 and key.json()["algorithm"] == "Ed25519"
        refused = member.get(f"/meetings/{meeting_id}/passes")  # a participant, not an organiser
        assert refused.status_code == 403 and "người tổ chức" in refused.json()["message"]
    public = key.json()["public_key"]
    assert public == passes.public_key_text(passes.load_or_create_key(running.settings.data_dir))

    with running.client(headers=bearer(running.login("chuyenvien"))) as secretary:  # the meeting's secretary
        got = secretary.get(f"/meetings/{meeting_id}/passes")
        assert got.status_code == 200, got.text
        assert secretary.get(f"/meetings/{new_id()}/passes").status_code == 404
    people = {row["user_id"]: row["token"] for row in got.json()}
    assert set(people) == {world.officer_id, world.officer2_id, world.leader_id}
    for user_id, token in people.items():
        assert passes.verify(token, meeting_id, public, set(people)).user_id == user_id

    with running.client() as anonymous:
        assert anonymous.get("/meetings/pass-key").status_code == 401
    with running.client(headers=bearer(running.login("lanhdao"))) as leader:  # the office's leader organises it
        assert leader.get(f"/meetings/{meeting_id}/passes").json() == got.json()


def test_a_desk_fetches_the_key_and_the_passes_through_its_signed_in_client(
    running: Running, memory_keyring: object  # noqa: F811
):
    from eoffice.sync.client import ServerRefused, SyncClient
    from eoffice.sync.credentials import Credentials
    from tests.server.conftest import PASSWORD

    world = running.world
    meeting_id, _sitting = make.meeting(world, state="scheduled")
    make.participant(world, meeting_id, world.officer2_id)
    base = running.server.url
    with SyncClient(base, credentials=Credentials(base, "chuyenvien")) as secretary:
        secretary.login("chuyenvien", PASSWORD)
        public = passes.fetch_pass_key(secretary)
        tokens = passes.fetch_passes(secretary, meeting_id)
    assert passes.verify(tokens[world.officer2_id], meeting_id, public, set(tokens)).user_id == world.officer2_id
    with SyncClient(base, credentials=Credentials(base, "chuyenvien2")) as member:
        member.login("chuyenvien2", PASSWORD)
        with pytest.raises(ServerRefused) as caught:
            passes.fetch_passes(member, meeting_id)
    assert caught.value.status == 403


def test_the_secretariat_prints_every_card_of_an_issued_invitation_each_with_its_own_code(
    world: World, tmp_path: Path
):
    need(have_font(), "no Vietnamese font (apt install fonts-liberation2)")
    for tool in ("pdftoppm", "pdftotext", "zbarimg"):
        need(shutil.which(tool) is not None, f"{tool} is not installed (apt install poppler-utils zbar-tools)")
    from eoffice.documents.models import Document

    meeting_id, _sitting = make.meeting(world, state="scheduled")
    people = [world.officer2_id, world.leader_id, make.guest(world)]
    for user_id in people:
        make.participant(world, meeting_id, user_id)
    with world.store.write() as s:  # its invitation, issued as 07/GM-UBND
        doc = Document(
            id=new_id(), organisation_id=world.org_id, direction="outgoing", state="issued", type_name="Giấy mời",
            subject="Mời dự họp", register_number=7, code_number="07", code_notation="GM-UBND", sort_key=1,
        )
        s.add(doc)
        s.flush()
        from eoffice.meetings.models import Meeting

        s.get(Meeting, meeting_id).invitation_document_id = doc.id
    key = passes.load_or_create_key(tmp_path / "server")
    tokens = {user_id: passes.issue_pass(key, meeting_id, user_id) for user_id in people}
    with world.store.read() as s:
        cards = passes.meeting_cards(s, meeting_id, tokens)
    assert [c.person.split(",")[0] for c in cards] == ["Nguyễn Văn Đức", "Phạm Quốc Huy", "Võ Thị Hương"]
    pdf = tmp_path / "the-moi.pdf"
    pdf.write_bytes(passes.attendance_cards(cards))
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(tmp_path / "page")], check=True)
    images = sorted(tmp_path.glob("page*.png"))
    assert len(images) == 3
    public = passes.public_key_text(key)
    for card, image in zip(cards, images, strict=True):
        scan = ["zbarimg", "--quiet", "--raw", str(image)]
        scanned = subprocess.run(scan, check=True, capture_output=True, text=True)
        admitted = passes.verify(scanned.stdout.strip(), meeting_id, public, set(people))
        assert tokens[admitted.user_id] == card.token
    out = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    text = " ".join(out.split())
    assert text.count("(Kèm theo Giấy mời số 07/GM-UBND)") == 3
