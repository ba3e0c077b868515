"""Signing through the real server on loopback: the leader signs, the clerk numbers and seals.

Each desk signs on its own computer (a PKCS#12 soft card of the test PKI) and pushes the
signed version as a ``sign_file`` operation; the server accepts it only when the PDF it
received verifies against its trusted roots, and refuses, with the reason, a tampered file
or one signed by a certificate nobody trusts. The final PDF passes pdfsig and qpdf.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from eoffice.audit.models import AuditEvent
from eoffice.documents import operations as ops
from eoffice.documents.models import Document, DocumentFile
from eoffice.errors import DomainError, StateError
from eoffice.ops import FileRef, Operation
from eoffice.server import events
from eoffice.signing import images
from eoffice.signing.appearance import Appearance, Kind
from eoffice.signing.keys import open_pkcs12
from eoffice.signing.models import TrustedRoot
from eoffice.signing.operations import AddTrustedRoot
from eoffice.signing.pades import SigningOptions, sign_pdf
from eoffice.store.base import new_id
from eoffice.sync.client_state import record_local
from tests.conftest import need
from tests.signing.conftest import PASSWORD, Pki, assert_pdfsig_valid, have_font, qpdf_check
from tests.sync.http_support import Device, Province


@pytest.fixture(scope="module")
def keys(test_pki: Pki):  # type: ignore[no-untyped-def]
    """The soft cards, opened once (a PKCS#12's key derivation is slow on purpose)."""
    return {who: open_pkcs12(test_pki.p12(who), PASSWORD) for who in ("signer", "agency", "stranger")}


def _signed_op(device: Device, document_id: str, file_id: str, previous: str, path: Path, kind: str) -> ops.SignFile:
    digest, size = device.blobs.put_file(path)
    return ops.SignFile(new_id(), document_id, file_id, previous, FileRef(digest, "du-thao.pdf", size, 1), kind)


def _reason(device: Device, op: Operation) -> str:
    report = device.engine.sync_once()
    [answer] = [a for a in report.answers if a.op_id == op.op_id]
    assert answer.outcome == "rejected"
    return answer.reason


def test_leader_signs_clerk_numbers_and_seals_and_the_server_refuses_bad_files(
    province: Province, pdf_factory, test_pki, keys, tmp_path
):
    need(have_font(), "no Vietnamese font (apt install fonts-liberation2)")
    w = province.world
    admin = province.device("quantri", w.admin_id)
    officer = province.device("chuyenvien", w.officer_id)
    leader = province.device("lanhdao", w.leader_id)
    clerk = province.device("vanthu", w.clerk_id)
    for d in (admin, officer, leader, clerk):
        d.engine.sync_once()

    # The admin trusts the test CA; every desk receives the root with its pull.
    admin.record(AddTrustedRoot(new_id(), test_pki.root.pem.decode()))
    assert admin.engine.sync_once().accepted == 1
    for d in (officer, leader, clerk):
        d.engine.sync_once()
        with d.store.read() as s:
            assert [r.fingerprint_sha256 for r in s.scalars(select(TrustedRoot))] != []

    # The officer drafts (a main file and an attachment) and submits to the leader.
    main_pdf, annex_pdf = pdf_factory("Về việc chuyển đổi số"), pdf_factory("Phụ lục kèm theo")
    refs = []
    for pdf in (main_pdf, annex_pdf):
        digest, size = officer.blobs.put_file(pdf)
        refs.append(FileRef(digest, pdf.name, size, 1))
    draft_id = new_id()
    officer.record(ops.CreateDraft(
        new_id(), draft_id, {"type_name": "Công văn", "subject": "Về việc chuyển đổi số"}, tuple(refs)
    ))
    officer.record(ops.SubmitDraft(new_id(), draft_id, w.leader_id))
    assert officer.engine.sync_once().accepted == 2

    # The leader signs the main file on their computer; the server verifies and approves.
    leader.engine.sync_once()
    file_id, unsigned, path = leader.file_of(draft_id)
    assert path.is_file()
    untrusted = sign_pdf(path, tmp_path / "stranger.pdf", keys["stranger"], Appearance(Kind.SIGNER)).output
    bad = _signed_op(leader, draft_id, file_id, unsigned, untrusted, "signer")
    leader.record(bad)
    assert "không thuộc tổ chức chứng thực được tin cậy" in _reason(leader, bad)
    with leader.store.read() as s:  # the refusal undid the local version
        assert s.get(DocumentFile, file_id).digest == unsigned
        assert s.get(Document, draft_id).state == "submitted"

    options = SigningOptions(reason="Ký duyệt văn bản", location="Nghe An")
    signed = sign_pdf(path, tmp_path / "signed.pdf", keys["signer"], Appearance(Kind.SIGNER), options).output
    op = _signed_op(leader, draft_id, file_id, unsigned, signed, "signer")
    leader.record(op)
    with leader.store.read() as s:
        assert s.get(Document, draft_id).state == "approved"  # at once, offline-first
    assert leader.engine.sync_once().accepted == 1
    with province.store.read() as s:
        doc = s.get(Document, draft_id)
        assert doc.state == "approved" and doc.files[0].signed_kinds == "signer"
        [event] = s.scalars(select(AuditEvent).where(AuditEvent.action == "document.sign")).all()
        assert event.actor_id == w.leader_id
        before, after = json.loads(event.before_json), json.loads(event.after_json)
        assert (before["digest"], after["digest"], after["signature"]) == (unsigned, op.file.digest, "signer")
        assert after["signers"] == ["Nguyễn Văn Đức"]
        clerk_heard = [e.kind for e in events.events_after(s, w.clerk_id, 0)]
        officer_heard = [e.kind for e in events.events_after(s, w.officer_id, 0)]
    assert "document.to_issue" in clerk_heard and "draft.approved" in officer_heard

    # The clerk issues offline-first: the number is pending, and the seal must wait for it.
    clerk.engine.sync_once()
    clerk.record(ops.Issue(new_id(), draft_id, "2026-03-05"))
    file_id, leader_version, path = clerk.file_of(draft_id)
    sealed_path = tmp_path / "sealed.pdf"
    seal = images.seal_image("Ủy ban nhân dân tỉnh Nghệ An")
    with pytest.raises(StateError, match="chờ cấp số"):
        with clerk.store.write() as s:
            record_local(s, w.clerk_id, _signed_op(clerk, draft_id, file_id, leader_version, signed, "agency"))
    assert clerk.engine.sync_once().accepted == 1
    with clerk.store.read() as s:
        doc = s.get(Document, draft_id)
        assert doc.number_label == "01/UBND-VP"
        reason = f"Đóng dấu, ban hành văn bản số {doc.number_label} ngày 05/03/2026"

    # A tampered seal (a byte of the new revision changed after signing) is refused.
    sign_pdf(path, sealed_path, keys["agency"], Appearance(Kind.AGENCY, image=seal),
             SigningOptions(reason=reason, location="Nghe An"))
    data = bytearray(sealed_path.read_bytes())
    at = data.index(b"Nghe An", path.stat().st_size)
    data[at : at + 7] = b"Nghe Am"
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(bytes(data))
    bad = _signed_op(clerk, draft_id, file_id, leader_version, tampered, "agency")
    clerk.record(bad)
    assert "không hợp lệ" in _reason(clerk, bad)

    # A "seal" made over another PDF than the leader's is refused too.
    other = sign_pdf(main_pdf, tmp_path / "other.pdf", keys["agency"], Appearance(Kind.AGENCY, image=seal)).output
    bad = _signed_op(clerk, draft_id, file_id, leader_version, other, "agency")
    clerk.record(bad)
    assert "nội dung đã bị thay đổi" in _reason(clerk, bad)

    # The real seal, over the leader's signature, keeps it valid; the attachment is stamped.
    op = _signed_op(clerk, draft_id, file_id, leader_version, sealed_path, "agency")
    clerk.record(op)
    with clerk.store.read() as s:
        annex = s.scalars(
            select(DocumentFile).where(DocumentFile.document_id == draft_id, DocumentFile.is_main.is_(False))
        ).one()
        annex_id, annex_digest = annex.id, annex.digest
    stamped = sign_pdf(
        clerk.blobs.path_for(annex_digest), tmp_path / "annex.pdf", keys["agency"],
        Appearance(Kind.ATTACHMENT, code_label="01/UBND-VP", organisation="Ủy ban nhân dân tỉnh Nghệ An"),
    ).output
    stamp = _signed_op(clerk, draft_id, annex_id, annex_digest, stamped, "attachment")
    clerk.record(stamp)
    assert clerk.engine.sync_once().accepted == 2

    with province.store.read() as s:
        doc = s.get(Document, draft_id)
        final = {f.is_main: f for f in doc.files}
        assert final[True].digest == op.file.digest and final[True].signed_kinds == "signer,agency"
        assert final[False].signed_kinds == "attachment"
        signs = s.scalars(select(AuditEvent).where(AuditEvent.action == "document.sign")).all()
        assert len(signs) == 3  # signer, agency, attachment: the refused versions changed nothing
    final_pdf = province.blobs.path_for(op.file.digest)
    assert_pdfsig_valid(final_pdf, 2)
    qpdf_check(final_pdf)
    assert_pdfsig_valid(province.blobs.path_for(stamp.file.digest), 1)

    # The officer's desk pulls the sealed version (and its file) like any change.
    officer.engine.sync_once()
    _fid, digest, path = officer.file_of(draft_id)
    assert digest == op.file.digest and path.read_bytes() == final_pdf.read_bytes()


def test_profile_images_and_trusted_roots_follow_their_owners_to_other_computers(
    province: Province, test_pki, tmp_path
):
    from eoffice.signing.operations import RemoveTrustedRoot, SetSealImage, SetSignatureImage
    from eoffice.sync.client import ServerRefused

    need(have_font(), "no Vietnamese font (apt install fonts-liberation2)")
    w = province.world
    leader = province.device("lanhdao", w.leader_id)
    clerk = province.device("vanthu", w.clerk_id)
    admin = province.device("quantri", w.admin_id)
    for d in (leader, clerk, admin):
        d.engine.sync_once()

    # The leader sets their signature image; a second computer of theirs receives it.
    png = tmp_path / "chu-ky.png"
    png.write_bytes(images.signature_image("Nguyễn Văn Đức"))
    digest, size = leader.blobs.put_file(png)
    leader.record(SetSignatureImage(new_id(), FileRef(digest, png.name, size, 0)))
    not_png = tmp_path / "chu-ky.pdf"
    not_png.write_bytes(b"%PDF-1.4 not an image")
    bad_digest, bad_size = leader.blobs.put_file(not_png)
    bad = SetSignatureImage(new_id(), FileRef(bad_digest, not_png.name, bad_size, 0), digest)
    leader.record(bad)
    report = leader.engine.sync_once()
    assert [a.outcome for a in report.answers] == ["accepted", "rejected"]
    assert "PNG" in report.answers[1].reason
    with leader.store.read() as s:  # the refused image is undone, the accepted one stays
        assert _user(s, w.leader_id).signature_digest == digest
    laptop = province.device("lanhdao", w.leader_id)
    laptop.engine.sync_once()
    with laptop.store.read() as s:
        assert _user(s, w.leader_id).signature_digest == digest
    assert laptop.blobs.path_for(digest).read_bytes() == png.read_bytes()
    with pytest.raises(ServerRefused):  # another person cannot read it
        clerk.client.download_blob(digest, clerk.blobs)

    # The clerk sets the seal of their own organisation, not another's.
    seal = tmp_path / "con-dau.png"
    seal.write_bytes(images.seal_image("Ủy ban nhân dân tỉnh Nghệ An"))
    seal_digest, seal_size = clerk.blobs.put_file(seal)
    clerk.record(SetSealImage(new_id(), w.org_id, FileRef(seal_digest, seal.name, seal_size, 0)))
    assert clerk.engine.sync_once().accepted == 1
    leader.engine.sync_once()
    with leader.store.read() as s:
        from eoffice.directory.models import Organisation

        assert s.get(Organisation, w.org_id).seal_digest == seal_digest

    # Only an admin manages the trusted roots; a removal reaches every client.
    refused_op = AddTrustedRoot(new_id(), test_pki.root.pem.decode())
    admin.record(AddTrustedRoot(new_id(), test_pki.root.pem.decode()))
    assert admin.engine.sync_once().accepted == 1
    with pytest.raises(DomainError, match="quản trị"):
        with clerk.store.write() as s:
            record_local(s, w.clerk_id, refused_op)
    clerk.engine.sync_once()
    with clerk.store.read() as s:
        from eoffice.signing.trust import list_trusted_roots, trusted_roots

        [root] = list_trusted_roots(s)
        assert trusted_roots(s) == [test_pki.root.cert]
    admin.record(RemoveTrustedRoot(new_id(), root.id))
    assert admin.engine.sync_once().accepted == 1
    clerk.engine.sync_once()
    with clerk.store.read() as s:
        assert trusted_roots(s) == []


def _user(session, user_id: str):  # type: ignore[no-untyped-def]
    from eoffice.directory.models import User

    return session.get(User, user_id)
