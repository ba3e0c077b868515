"""The invitation through the real server on loopback, as the desks do it: the secretary
drafts it from the meeting, the leader signs, the clerk numbers, fills the number and date
in and seals; the server, accepting the seal, schedules the meeting and tells every
participant live."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select

from eoffice.documents import operations as ops
from eoffice.documents.models import Document
from eoffice.meetings.invitation import make_invitation_draft
from eoffice.meetings.models import AgendaItem, Meeting, Participant, ParticipantRole, Room, Sitting
from eoffice.ops import FileRef
from eoffice.server import events
from eoffice.signing import images
from eoffice.signing.appearance import Appearance, Kind
from eoffice.signing.filling import fill_issue_fields
from eoffice.signing.keys import open_pkcs12
from eoffice.signing.operations import AddTrustedRoot
from eoffice.signing.pades import sign_pdf
from eoffice.store import Store
from eoffice.store.base import new_id
from tests.conftest import need
from tests.meetings import paper_factories as make
from tests.signing.conftest import PASSWORD, Pki, assert_pdfsig_valid, have_font, qpdf_check
from tests.signing.conftest import test_pki  # noqa: F401  (fixture)
from tests.sync.http_support import Device, Province, memory_keyring, province  # noqa: F401  (fixtures)

MODELS = (Room, Meeting, Sitting, Participant, AgendaItem)


def _copy_meetings(source: Store, target: Store) -> None:
    """The meeting rows on a desk too, as the meetings' sync will bring them."""
    with source.read() as s:
        rows = [
            (model, {c.key: getattr(row, c.key) for c in model.__table__.columns})
            for model in MODELS for row in s.scalars(select(model))
        ]
    with target.write() as s:
        for model, values in rows:
            s.add(model(**values))


def _signed(device: Device, document_id: str, file_id: str, previous: str, path: Path, kind: str) -> ops.SignFile:
    digest, size = device.blobs.put_file(path)
    return ops.SignFile(new_id(), document_id, file_id, previous, FileRef(digest, "giay-moi.pdf", size, 1), kind)


def test_the_sealed_invitation_schedules_the_meeting_on_the_server(
    province: Province, test_pki: Pki, tmp_path: Path  # noqa: F811
):
    need(have_font(), "no Vietnamese font (apt install fonts-liberation2)")
    w = province.world
    admin = province.device("quantri", w.admin_id)
    officer = province.device("chuyenvien", w.officer_id)
    leader = province.device("lanhdao", w.leader_id)
    clerk = province.device("vanthu", w.clerk_id)
    admin.engine.sync_once()
    admin.record(AddTrustedRoot(new_id(), test_pki.root.pem.decode()))
    assert admin.engine.sync_once().accepted == 1
    for d in (officer, leader, clerk):
        d.engine.sync_once()

    meeting_id, sitting_id = make.meeting(w, notes="Đề nghị mang theo tài liệu.", place="Hội trường UBND tỉnh")
    make.participant(w, meeting_id, w.leader_id, ParticipantRole.CHAIR)
    make.participant(w, meeting_id, w.officer2_id)
    make.item(w, meeting_id, sitting_id, "Báo cáo tình hình kinh tế - xã hội", 0)
    _copy_meetings(province.store, officer.store)

    # The secretary makes the invitation from the meeting on their desk.
    with officer.store.read() as s:
        made = make_invitation_draft(s, officer.blobs, w.officer_id, meeting_id)
    for op in made.operations:
        officer.record(op)
    officer.record(ops.SubmitDraft(new_id(), made.document_id, w.leader_id))
    assert officer.engine.sync_once().accepted == 3
    with province.store.read() as s:
        assert (s.get(Meeting, meeting_id).invitation_document_id, s.get(Meeting, meeting_id).state) == (
            made.document_id, "draft"
        )

    # The leader signs it (certifying it, the number and date left open for the clerk).
    signer = open_pkcs12(test_pki.p12("signer"), PASSWORD)
    agency = open_pkcs12(test_pki.p12("agency"), PASSWORD)
    leader.engine.sync_once()
    file_id, unsigned, path = leader.file_of(made.document_id)
    signature = images.signature_image("Nguyễn Văn Đức")
    appearance = Appearance(Kind.SIGNER, image=signature, title="Chủ tịch", name="Nguyễn Văn Đức")
    signed = sign_pdf(path, tmp_path / "signed.pdf", signer, appearance).output
    leader.record(_signed(leader, made.document_id, file_id, unsigned, signed, "signer"))
    assert leader.engine.sync_once().accepted == 1

    # The clerk numbers it: numbered, waiting for the seal; the meeting is not scheduled yet.
    clerk.engine.sync_once()
    clerk.record(ops.Issue(new_id(), made.document_id, "2026-12-01"))
    assert clerk.engine.sync_once().accepted == 1
    with clerk.store.read() as s:
        assert s.get(Document, made.document_id).number_label == "01/GM-UBND"
    with province.store.read() as s:
        assert s.get(Meeting, meeting_id).state == "draft"

    # The number and date written in, then the seal: issued, and the meeting scheduled.
    file_id, leader_version, path = clerk.file_of(made.document_id)
    filled = tmp_path / "filled.pdf"
    fill_issue_fields(path, filled, "01/GM-UBND", date(2026, 12, 1))
    seal = images.seal_image("Ủy ban nhân dân tỉnh Nghệ An")
    sealed = sign_pdf(filled, tmp_path / "sealed.pdf", agency, Appearance(Kind.AGENCY, image=seal)).output
    clerk.record(_signed(clerk, made.document_id, file_id, leader_version, sealed, "agency"))
    assert clerk.engine.sync_once().accepted == 1
    with province.store.read() as s:
        assert s.get(Document, made.document_id).state == "issued"
        assert s.get(Meeting, meeting_id).state == "scheduled"
        heard = {e.audience_ref for e in s.scalars(select(events.LiveEvent).where(
            events.LiveEvent.kind == "meeting.scheduled"
        ))}
    assert heard == {w.leader_id, w.officer2_id}
    final = province.blobs.path_for(sealed_digest(sealed))
    assert_pdfsig_valid(final, 2)
    qpdf_check(final)


def sealed_digest(path: Path) -> str:
    from eoffice.store.blobs import sha256_file

    return sha256_file(path)
