"""The giấy mời (NĐ 30/2020 Phụ lục III, Mẫu 1.7) made from a meeting: its printed parts in
Vietnamese, in an embedded font, blanks left where the clerk's number and date go; as an
outgoing draft of type GM that follows the outgoing flow, and whose issuing makes the
meeting scheduled."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from eoffice.documents import operations as docops
from eoffice.documents.models import Document
from eoffice.errors import PermissionDenied, StateError, ValidationError
from eoffice.meetings.invitation import invitation_of, make_invitation_draft, render_invitation
from eoffice.meetings.invitation_ops import _after_issuing
from eoffice.meetings.models import Meeting, ParticipantRole
from eoffice.meetings.operations import LinkInvitation
from eoffice.ops import AppliedResult, FileRef, Id, registry
from eoffice.signing.placement import find_issue_places
from eoffice.store.base import new_id
from eoffice.store.blobs import BlobStore
from eoffice.sync.applying import apply_once
from tests.conftest import World, need
from tests.meetings import paper_factories as make
from tests.signing.conftest import Pki, have_font, test_pki  # noqa: F401  (fixture)

NOTES = "Đề nghị các đồng chí nghiên cứu tài liệu trước cuộc họp và có mặt trước 15 phút."


def _tools(*names: str) -> None:
    for name in names:
        need(shutil.which(name) is not None, f"{name} is not installed (apt install poppler-utils qpdf)")


def _text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout


def _prepared(world: World) -> str:
    """A meeting in a room, the leader chairing, two members and a guest, an agenda of two
    items (one with a sub-item) and notes."""
    room_id = make.room(world)
    meeting_id, sitting_id = make.meeting(world, notes=NOTES, room_id=room_id)
    make.participant(world, meeting_id, world.leader_id, ParticipantRole.CHAIR)
    make.participant(world, meeting_id, world.officer_id, ParticipantRole.SECRETARY)
    make.participant(world, meeting_id, world.officer2_id)
    make.participant(world, meeting_id, make.deputy(world))
    make.participant(world, meeting_id, make.guest(world), ParticipantRole.GUEST)
    first = make.item(world, meeting_id, sitting_id, "Báo cáo tình hình kinh tế - xã hội tháng 12", 0,
                      presenter_id=world.officer2_id)
    make.item(world, meeting_id, sitting_id, "Dự thảo Nghị quyết về kế hoạch đầu tư công năm 2027", 1)
    make.item(world, meeting_id, sitting_id, "Số liệu thu ngân sách", 0, parent_id=first)
    return meeting_id


def test_the_invitation_prints_the_decrees_parts_in_vietnamese_in_an_embedded_font(world: World, tmp_path: Path):
    need(have_font(), "no Vietnamese font (apt install fonts-liberation2)")
    _tools("pdftotext", "pdffonts", "qpdf")
    meeting_id = _prepared(world)
    with world.store.read() as s:
        pdf = tmp_path / "giay-moi.pdf"
        pdf.write_bytes(render_invitation(invitation_of(s, meeting_id)))

    text = _text(pdf)
    flat = " ".join(text.split())
    for part in (
        "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "/GM-UBND", "GIẤY MỜI", "Phiên họp thường kỳ tháng 12 năm 2026 của UBND tỉnh",
        "Ủy ban nhân dân tỉnh Nghệ An trân trọng kính mời:", "Đồng chí Phạm Quốc Huy, Chuyên viên",
        "Đồng chí Võ Thị Hương, Giám đốc Sở Tài chính", "Tới dự:", "Chủ trì: Nguyễn Văn Đức, Chủ tịch",
        "Thời gian: Từ 08 giờ 00 đến 11 giờ 30, thứ Hai, ngày 07 tháng 12 năm 2026",
        "Địa điểm: Phòng họp số 1, Tầng 3, trụ sở UBND tỉnh", "Nội dung:",
        "Các vấn đề cần lưu ý:", NOTES, "Nơi nhận:", "- Như trên;", "- Lưu: VT, VP.", "CHỦ TỊCH",
    ):
        assert part in flat, part
    # The number and the date are blank: issuing writes them (NĐ 30: "Số:      /GM-UBND").
    assert re.search(r"Số:\s+/GM-UBND", flat)
    assert re.search(r"Nghệ An, ngày\s+tháng\s+năm 2026", flat)
    # The agenda in order, numbered, the sub-item under its item, with its presenter.
    agenda = [
        "1. Báo cáo tình hình kinh tế - xã hội tháng 12 (Phạm Quốc Huy trình bày)",
        "1.1. Số liệu thu ngân sách",
        "2. Dự thảo Nghị quyết về kế hoạch đầu tư công năm 2027",
    ]
    positions = [flat.index(line) for line in agenda]
    assert positions == sorted(positions)
    assert flat.index("Nội dung:") < positions[0] < flat.index("Các vấn đề cần lưu ý:")
    # The chair and the secretary are not "invited" to their own meeting.
    assert "Đồng chí Lê Minh Anh" not in flat and "Đồng chí Nguyễn Văn Đức" not in flat
    assert flat.rstrip().endswith("Nguyễn Văn Đức")

    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all("TrueType" in row and " yes " in row for row in rows), fonts
    subprocess.run(["qpdf", "--check", str(pdf)], check=True, capture_output=True)

    # Where the leader's certification puts the clerk's fields: on those blanks, found for sure.
    places = find_issue_places(pdf)
    assert places.number is not None and places.date is not None and places.sure


def test_a_long_list_of_invitees_goes_to_an_annexed_list(world: World, tmp_path: Path):
    need(have_font(), "no Vietnamese font (apt install fonts-liberation2)")
    _tools("pdftotext")
    from eoffice.directory.admin import create_user
    from eoffice.directory.models import Role

    meeting_id, _sitting = make.meeting(world, title="Kỳ họp thứ 5 HĐND tỉnh khóa XVIII")
    with world.store.write() as s:
        ids = [
            create_user(s, f"daibieu{n}", f"Đại biểu số {n:02d}", world.org_id, {Role.OFFICER}, None, "Đại biểu").id
            for n in range(1, 21)
        ]
    for user_id in ids:
        make.participant(world, meeting_id, user_id)
    with world.store.read() as s:
        pdf = tmp_path / "giay-moi.pdf"
        pdf.write_bytes(render_invitation(invitation_of(s, meeting_id)))
    flat = " ".join(_text(pdf).split())
    assert "Các đồng chí có tên trong danh sách kèm theo (20 người)" in flat
    assert "DANH SÁCH THÀNH PHẦN ĐƯỢC MỜI" in flat and "20. Đại biểu số 20, Đại biểu" in flat


def _run(world: World, actor: str, op: object, *, authority: bool = True) -> AppliedResult:
    with world.store.write() as s:
        return registry.apply(s, actor, op, authority=authority)  # type: ignore[arg-type]


def _state(world: World, meeting_id: str) -> tuple[str, str | None]:
    with world.store.read() as s:
        row = s.get(Meeting, meeting_id)
        return row.state, row.invitation_document_id


def _draft(world: World, blobs: BlobStore, meeting_id: str) -> str:
    """The secretary makes the invitation draft; its operations applied as a desk would."""
    with world.store.read() as s:
        made = make_invitation_draft(s, blobs, world.officer_id, meeting_id)
    assert [op.kind for op in made.operations] == ["create_draft", "meeting_link_invitation"]
    assert blobs.has(made.pdf.digest) and made.pdf.page_count >= 1
    for op in made.operations:
        _run(world, world.officer_id, op, authority=False)  # offline first, as the client does
    return made.document_id


def test_the_draft_follows_the_outgoing_flow_and_issuing_it_schedules_the_meeting(world: World, blobs: BlobStore):
    need(have_font(), "no Vietnamese font (apt install fonts-liberation2)")
    from eoffice.server import events

    events.install()  # the server's live events, as its process has them
    meeting_id = _prepared(world)
    doc_id = _draft(world, blobs, meeting_id)
    with world.store.read() as s:
        doc = s.get(Document, doc_id)
        assert (doc.type_name, doc.state, doc.direction) == ("Giấy mời", "draft", "outgoing")
        assert doc.subject == "Mời dự Phiên họp thường kỳ tháng 12 năm 2026 của UBND tỉnh"
        assert (doc.signer_position, doc.signer_full_name) == ("Chủ tịch", "Nguyễn Văn Đức")
    assert _state(world, meeting_id) == ("draft", doc_id)

    _run(world, world.officer_id, docops.SubmitDraft(Id(new_id()), Id(doc_id), Id(world.leader_id)))
    _run(world, world.leader_id, docops.ApproveDraft(Id(new_id()), Id(doc_id)))  # approved on paper
    assert _state(world, meeting_id)[0] == "draft"
    issue = docops.Issue(Id(new_id()), Id(doc_id), "2026-12-01")
    with world.store.write() as s:  # the server's path: checked, applied once, with authority
        outcome = apply_once(s, world.clerk_id, issue)
    assert outcome.accepted, outcome.reason_vi
    assert outcome.result["state"] == "issued" and outcome.result["number_label"] == "01/GM-UBND"
    assert _state(world, meeting_id) == ("scheduled", doc_id)
    from sqlalchemy import select

    from eoffice.audit.models import AuditEvent

    with world.store.read() as s:
        actions = s.scalars(select(AuditEvent.action).where(AuditEvent.target_id == meeting_id)).all()
    assert actions == ["meeting.link_invitation", "meeting.scheduled"]
    # Each participant hears of it on the live channel.
    from eoffice.meetings.models import Participant
    from eoffice.server.events import LiveEvent

    with world.store.read() as s:
        told = s.scalars(select(LiveEvent).where(LiveEvent.kind == "meeting.scheduled")).all()
        invited = set(s.scalars(select(Participant.user_id).where(Participant.meeting_id == meeting_id)))
    assert {e.audience_ref for e in told} == invited and len(told) == len(invited)
    assert all(e.payload()["meeting_id"] == meeting_id and e.payload()["by_id"] == world.clerk_id for e in told)


def test_a_digitally_signed_invitation_schedules_only_when_sealed_and_only_with_authority(
    world: World, blobs: BlobStore
):
    need(have_font(), "no Vietnamese font (apt install fonts-liberation2)")
    meeting_id = _prepared(world)
    doc_id = _draft(world, blobs, meeting_id)
    _run(world, world.officer_id, docops.SubmitDraft(Id(new_id()), Id(doc_id), Id(world.leader_id)))
    with world.store.read() as s:
        main = next(f for f in s.get(Document, doc_id).files if f.is_main)
        file_id, digest = main.id, main.digest
    signed = FileRef("b" * 64, "giay-moi.pdf", 3000, 1)
    _run(world, world.leader_id, docops.SignFile(Id(new_id()), Id(doc_id), Id(file_id), digest, signed, "signer"),
         authority=False)
    numbered = _run(world, world.clerk_id, docops.Issue(Id(new_id()), Id(doc_id), "2026-12-01"))
    assert numbered.data["state"] == "numbered"
    assert _state(world, meeting_id)[0] == "draft"  # numbered, waiting for the seal: not issued yet
    sealed = FileRef("c" * 64, "giay-moi.pdf", 3100, 1)
    seal = docops.SignFile(Id(new_id()), Id(doc_id), Id(file_id), signed.digest, sealed, "agency")
    offline = _run(world, world.clerk_id, seal, authority=False)
    assert offline.data["state"] == "issued"
    assert _state(world, meeting_id)[0] == "draft"  # a client offline waits for the server's row
    assert not offline.changes.touches("meetings")

    # The server's seal (its finding on the bytes is the signing tests' business): the reaction.
    issued = AppliedResult("sign_file", {"document_id": doc_id, "state": "issued"})
    stamp = docops.SignFile(Id(new_id()), Id(doc_id), Id(new_id()), "d" * 64, sealed, "attachment")
    with world.store.write() as s:
        assert _after_issuing(s, world.clerk_id, stamp, issued, True) is None  # a stamp issues nothing
    with world.store.write() as s:
        changes = _after_issuing(s, world.clerk_id, seal, issued, True)
    assert changes is not None and changes.touches("meetings")
    assert _state(world, meeting_id)[0] == "scheduled"


def test_who_may_link_an_invitation_and_to_what(world: World, blobs: BlobStore):
    need(have_font(), "no Vietnamese font (apt install fonts-liberation2)")
    meeting_id = _prepared(world)
    doc_id = _draft(world, blobs, meeting_id)
    link = LinkInvitation(Id(new_id()), Id(meeting_id), Id(doc_id))
    with pytest.raises(PermissionDenied):  # a participant who does not organise it
        _run(world, world.officer2_id, link)
    other = Id(new_id())
    _run(world, world.officer_id, docops.CreateDraft(Id(new_id()), other, {"type_name": "Công văn", "subject": "Khác"}))
    with pytest.raises(ValidationError):  # not a giấy mời
        _run(world, world.officer_id, LinkInvitation(Id(new_id()), Id(meeting_id), other))
    with world.store.write() as s:
        s.get(Meeting, meeting_id).state = "in_session"
    with pytest.raises(StateError):
        _run(world, world.officer_id, link)


def test_the_signed_invitation_gets_its_number_and_date_on_its_blanks_and_stays_valid(
    world: World, tmp_path: Path, test_pki: Pki  # noqa: F811
):
    """The leader certifies the draft, the clerk's desk fills the number and the date over
    the invitation's blanks, the seal signs: both signatures valid for our verifier and pdfsig."""
    need(have_font(), "no Vietnamese font (apt install fonts-liberation2)")
    _tools("pdftotext", "pdfsig", "qpdf")
    from datetime import date

    from eoffice.signing import images
    from eoffice.signing.appearance import Appearance, Kind
    from eoffice.signing.filling import fill_issue_fields, issue_fields
    from eoffice.signing.keys import open_pkcs12
    from eoffice.signing.pades import sign_pdf
    from eoffice.signing.verify import verify_pdf
    from tests.signing.conftest import PASSWORD, assert_pdfsig_valid, qpdf_check

    meeting_id = _prepared(world)
    draft = tmp_path / "giay-moi.pdf"
    with world.store.read() as s:
        draft.write_bytes(render_invitation(invitation_of(s, meeting_id)))
    seal = images.seal_image("Ủy ban nhân dân tỉnh Nghệ An")
    signer = Appearance(
        Kind.SIGNER, image=images.signature_image("Nguyễn Văn Đức"), seal_image=seal, title="Chủ tịch",
        name="Nguyễn Văn Đức",
    )
    signed = sign_pdf(draft, tmp_path / "signed.pdf", open_pkcs12(test_pki.p12("signer"), PASSWORD), signer).output
    assert issue_fields(signed).open == ("number", "date")
    filled = tmp_path / "filled.pdf"
    fill_issue_fields(signed, filled, "01/GM-UBND", date(2026, 12, 1))
    agency = Appearance(Kind.AGENCY, image=seal, title="Chủ tịch", name="Nguyễn Văn Đức")
    sealed = sign_pdf(filled, tmp_path / "sealed.pdf", open_pkcs12(test_pki.p12("agency"), PASSWORD), agency).output

    report = verify_pdf(sealed, [test_pki.root.cert])
    assert report.ok, [s.problems for s in report.signatures]
    assert report.signatures[0].filled_after == ("number", "date", "agency-seal")
    assert_pdfsig_valid(sealed, 2)
    qpdf_check(sealed)
    flat = " ".join(_text(sealed).split())
    assert "01/GM-UBND" in flat and "ngày 01 tháng 12 năm 2026" in flat
