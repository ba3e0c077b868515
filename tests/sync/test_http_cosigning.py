"""Minutes signed by two people through the real server on loopback: the secretary (THƯ KÝ,
left) with her e-card (SoftHSM2), then the chair (CHỦ TỌA, right); the clerk numbers,
fills in the number and date, seals and so issues them.

The server accepts the co-signature only from the co-signer the draft names, made with
her own certificate, once; the chair's signature only after hers. The final PDF passes
pdfsig, qpdf and ``eoffice verify``, and each signature sits in its block.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from sqlalchemy import select

from eoffice.audit.models import AuditEvent
from eoffice.directory.admin import create_user
from eoffice.directory.models import Role
from eoffice.documents import operations as ops
from eoffice.documents.models import Document, DocumentFile
from eoffice.ops import FileRef
from eoffice.server import events
from eoffice.signing import images
from eoffice.signing.appearance import Appearance, Kind
from eoffice.signing.filling import fill_issue_fields
from eoffice.signing.keys import open_pkcs11, open_pkcs12
from eoffice.signing.operations import AddTrustedRoot
from eoffice.signing.pades import SigningOptions, sign_pdf
from eoffice.signing.placement import APPROVER_FIELD, existing_signatures, find_signer_box
from eoffice.store.base import new_id
from tests.conftest import need
from tests.server.conftest import give_passwords
from tests.signing.conftest import PASSWORD, SOFTHSM_LIB, Pki, Token, assert_pdfsig_valid, have_font, qpdf_check
from tests.signing.conftest import softhsm_token  # noqa: F401  (a fixture)
from tests.signing.minutes_pdf import CHAIR, CHAIR_TITLE, SECRETARY, SECRETARY_TITLE, write_minutes
from tests.sync.http_support import Device, Province

ORGANISATION = "Ủy ban nhân dân tỉnh Nghệ An"


def _upload(device: Device, path: Path) -> FileRef:
    digest, size = device.blobs.put_file(path)
    device.client.upload_blob(device.blobs.path_for(digest), digest)
    return FileRef(digest, "bien-ban.pdf", size, 1)


def _push(device: Device, document_id: str, file_id: str, previous: str, path: Path, kind: str) -> tuple[str, str]:
    """A signed version straight to the server, as a program could send it: (outcome, reason)."""
    op = ops.SignFile(new_id(), document_id, file_id, previous, _upload(device, path), kind)
    [answer] = device.client.push([op])
    return answer.outcome, answer.reason


def _act(device: Device, op: ops.Operation) -> None:
    """As the desk does it: applied here, pushed, accepted."""
    device.record(op)
    report = device.engine.sync_once()
    assert [a.outcome for a in report.answers] == ["accepted"], [a.reason for a in report.answers]


def test_secretary_then_chair_sign_the_minutes_and_the_clerk_issues_them(
    province: Province, test_pki: Pki, softhsm_token: Token, tmp_path: Path  # noqa: F811
):
    need(have_font(), "no Vietnamese font (apt install fonts-liberation2)")
    w = province.world
    with province.store.write() as s:  # the secretary, in another unit than the drafter's
        secretary_id = create_user(
            s, "thuky", SECRETARY, w.org_id, {Role.OFFICER}, w.finance_unit_id, "Chánh Văn phòng"
        ).id
    give_passwords(province.store, "thuky")
    admin = province.device("quantri", w.admin_id)
    officer = province.device("chuyenvien", w.officer_id)
    secretary = province.device("thuky", secretary_id)
    chair = province.device("lanhdao", w.leader_id)
    clerk = province.device("vanthu", w.clerk_id)
    for d in (admin, officer, secretary, chair, clerk):
        d.engine.sync_once()
    _act(admin, AddTrustedRoot(new_id(), test_pki.root.pem.decode()))

    # the officer drafts the minutes naming the secretary as co-signer, and submits them to the chair
    draft = write_minutes(tmp_path / "bien-ban.pdf")
    draft_id = new_id()
    digest, size = officer.blobs.put_file(draft)
    officer.record(ops.CreateDraft(
        new_id(), draft_id,
        {"type_name": "Biên bản", "subject": "Phiên họp thường kỳ tháng 12", "signer_position": CHAIR_TITLE},
        (FileRef(digest, "bien-ban.pdf", size, 1),), cosigner_id=secretary_id, cosigner_position=SECRETARY_TITLE,
    ))
    officer.record(ops.SubmitDraft(new_id(), draft_id, w.leader_id))
    assert officer.engine.sync_once().accepted == 2

    chair_key = open_pkcs12(test_pki.p12("signer"), PASSWORD)
    seal = images.seal_image(ORGANISATION)
    chair_look = Appearance(Kind.SIGNER, image=images.signature_image(CHAIR), title=CHAIR_TITLE, name=CHAIR)
    secretary_look = Appearance(
        Kind.COSIGNER, image=images.signature_image(SECRETARY), title=SECRETARY_TITLE, name=SECRETARY,
        approver_title=CHAIR_TITLE, approver_name=CHAIR, seal_image=seal,
    )

    # the chair cannot sign before the secretary: the server says whom it waits for
    chair.engine.sync_once()
    file_id, unsigned, path = chair.file_of(draft_id)
    early = sign_pdf(path, tmp_path / "early.pdf", chair_key, chair_look).output
    outcome, reason = _push(chair, draft_id, file_id, unsigned, early, "signer")
    assert outcome == "rejected" and "Người ký trước (Trần Thị Thẻ) chưa ký số" in reason
    # nor add the co-signature himself
    outcome, reason = _push(chair, draft_id, file_id, unsigned, early, "cosigner")
    assert outcome == "rejected" and "Chỉ người ký trước" in reason

    with province.store.read() as s:  # she hears of it: the draft names her
        heard = [e.kind for e in events.events_after(s, secretary_id, 0)]
    assert heard.count("draft.to_cosign") == 2  # named when drafted, then submitted
    # the secretary's desk receives the draft (it names her) and its file
    secretary.engine.sync_once()
    _fid, _digest, path = secretary.file_of(draft_id)
    assert path.is_file()
    # her signature made with another's certificate is refused, after her desk applied it
    not_hers = sign_pdf(path, tmp_path / "not-hers.pdf", chair_key, secretary_look).output
    bad = ops.SignFile(new_id(), draft_id, file_id, unsigned, _upload(secretary, not_hers), "cosigner")
    secretary.record(bad)
    [answer] = [a for a in secretary.engine.sync_once().answers if a.op_id == bad.op_id]
    assert answer.outcome == "rejected" and "Nguyễn Văn Đức" in answer.reason
    with secretary.store.read() as s:
        assert s.get(DocumentFile, file_id).digest == unsigned  # the refusal undid it

    # her own e-card: the certification, in the left block
    with open_pkcs11(SOFTHSM_LIB, softhsm_token.label, softhsm_token.pin, key_id=softhsm_token.generated_id) as key:
        first = sign_pdf(path, tmp_path / "1.pdf", key, secretary_look,
                         SigningOptions(reason="Ký văn bản (người ký trước)"))
    _act(secretary, ops.SignFile(new_id(), draft_id, file_id, unsigned, _upload(secretary, first.output), "cosigner"))
    assert first.box.rect() == find_signer_box(draft, SECRETARY_TITLE, SECRETARY).rect()
    with province.store.read() as s:
        doc = s.get(Document, draft_id)
        assert doc.state == "submitted" and doc.files[0].signed_kinds == "cosigner"
        cosigned = doc.files[0].digest
    # a second co-signature is refused
    with open_pkcs11(SOFTHSM_LIB, softhsm_token.label, softhsm_token.pin, key_id=softhsm_token.generated_id) as key:
        again = sign_pdf(first.output, tmp_path / "again.pdf", key, secretary_look).output
    outcome, reason = _push(secretary, draft_id, file_id, cosigned, again, "cosigner")
    assert outcome == "rejected" and "đã ký số tệp này" in reason
    # a chair's signature beside the certification, not in the field it left, is refused by the change review
    beside = sign_pdf(first.output, tmp_path / "beside.pdf", chair_key, Appearance(
        Kind.COSIGNER, title=CHAIR_TITLE, name=CHAIR,
    )).output
    outcome, reason = _push(chair, draft_id, file_id, cosigned, beside, "signer")
    assert outcome == "rejected" and "sau chữ ký chứng nhận" in reason

    with province.store.read() as s:  # the chair hears it is his turn
        assert "draft.cosigned" in [e.kind for e in events.events_after(s, w.leader_id, 0)]
    # the chair signs into the right block, which approves the minutes
    chair.engine.sync_once()
    _fid, digest, path = chair.file_of(draft_id)
    assert digest == cosigned
    second = sign_pdf(path, tmp_path / "2.pdf", chair_key, chair_look, SigningOptions(reason="Ký duyệt văn bản"))
    assert second.field_name == APPROVER_FIELD
    assert second.box.rect() == find_signer_box(draft, CHAIR_TITLE, CHAIR).rect()
    _act(chair, ops.SignFile(new_id(), draft_id, file_id, cosigned, _upload(chair, second.output), "signer"))
    with province.store.read() as s:
        assert s.get(Document, draft_id).state == "approved"

    # the clerk numbers, writes the number and date, seals: issued
    clerk.engine.sync_once()
    _act(clerk, ops.Issue(new_id(), draft_id, date.today().isoformat()))
    with clerk.store.read() as s:
        doc = s.get(Document, draft_id)
        label, issued_on = doc.number_label, doc.issued_date
    assert label == "01/BB-UBND"
    _fid, approved, path = clerk.file_of(draft_id)
    filled = fill_issue_fields(path, tmp_path / "3.pdf", label, issued_on) and tmp_path / "3.pdf"
    sealed = sign_pdf(filled, tmp_path / "4.pdf", open_pkcs12(test_pki.p12("agency"), PASSWORD),
                      Appearance(Kind.AGENCY, image=seal),
                      SigningOptions(reason=f"Đóng dấu, ban hành văn bản số {label}")).output
    _act(clerk, ops.SignFile(new_id(), draft_id, file_id, approved, _upload(clerk, sealed), "agency"))

    with province.store.read() as s:
        doc = s.get(Document, draft_id)
        assert doc.state == "issued" and doc.files[0].signed_kinds == "cosigner,signer,agency"
        final = province.blobs.path_for(doc.files[0].digest)
        signs = s.scalars(
            select(AuditEvent).where(AuditEvent.action == "document.sign").order_by(AuditEvent.seq)
        ).all()
        assert [(e.actor_id, json.loads(e.after_json)["signature"]) for e in signs] == [
            (secretary_id, "cosigner"), (w.leader_id, "signer"), (w.clerk_id, "agency"),
        ]
    assert_pdfsig_valid(final, 3)
    qpdf_check(final)
    roots = tmp_path / "root.pem"
    roots.write_bytes(test_pki.root.pem)
    done = subprocess.run(
        [sys.executable, "-m", "eoffice", "verify", str(final), "--trust", str(roots), "--json"],
        capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout)
    [one] = report if isinstance(report, list) else [report]
    assert [sig["signer"] for sig in one["signatures"]] == [SECRETARY, CHAIR, ORGANISATION]
    # each signature where its block is: hers left, his right, the seal over his
    boxes = [sig.box for sig in existing_signatures(final)]
    assert boxes[0] is not None and boxes[1] is not None and boxes[2] is not None
    assert boxes[0].rect() == find_signer_box(draft, SECRETARY_TITLE, SECRETARY).rect()
    assert boxes[1].rect() == find_signer_box(draft, CHAIR_TITLE, CHAIR).rect()
    assert boxes[0].x2 < boxes[1].x1 and boxes[2].x1 < boxes[1].x1 < boxes[2].x2
