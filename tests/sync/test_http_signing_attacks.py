"""The server refuses a ``sign_file`` that carries an attacked PDF (see ``tests.signing.attacks``).

Seven drafts of one decision go to the real server on loopback: the leader signs them all
with ``eoffice sign``, the clerk numbers the ones the server approved and seals them with
``eoffice sign``, and each attack is made on the very versions the server holds — the
attacker's preparation in the draft itself, the change after signing in the file a desk
uploads. The server's check (``check_signed_version``, the verifier's verdict) refuses
every one, with the reason; the honest draft (its number and date written in the fields
the leader's certification left open, then sealed) goes through.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from eoffice.documents import operations as ops
from eoffice.documents.models import Document, DocumentFile
from eoffice.ops import FileRef
from eoffice.signing import images
from eoffice.signing.operations import AddTrustedRoot
from eoffice.store.base import new_id
from tests.conftest import need
from tests.signing import attacks
from tests.signing.conftest import PASSWORD, Pki, have_font, test_pki  # noqa: F401
from tests.sync.http_support import Device, Province

#: draft -> (its preparation, the attack on the leader's version, the attack on the sealed one)
DRAFTS = {
    "late-definition": (attacks.late_prepare, None, None),
    "wrap-single": (None, attacks.wrap_signature, None),
    "shadow-hide": (attacks.shadow_prepare, None, attacks.shadow_hide),
    "no-xref": (None, None, attacks.append_without_xref),
    "wrap-then-sealed": (None, None, None),  # the clerk seals a wrapped copy of the leader's version
    "null-byte-range": (None, None, attacks.null_byte_range),
    "honest": (None, None, None),
}


def _sign_op(device: Device, document_id: str, file_id: str, previous: str, path: Path, kind: str) -> ops.SignFile:
    digest, size = device.blobs.put_file(path)
    return ops.SignFile(new_id(), document_id, file_id, previous, FileRef(digest, "quyet-dinh.pdf", size, 1), kind)


def _answers(device: Device) -> dict[str, tuple[str, str]]:
    report = device.engine.sync_once()
    return {a.op_id: (a.outcome, a.reason or "") for a in report.answers}


def test_the_server_refuses_a_sign_file_carrying_an_attack(province: Province, test_pki: Pki, tmp_path: Path):  # noqa: F811
    need(have_font(), "no Vietnamese font (apt install fonts-liberation2)")
    w = province.world
    admin, officer = province.device("quantri", w.admin_id), province.device("chuyenvien", w.officer_id)
    leader, clerk = province.device("lanhdao", w.leader_id), province.device("vanthu", w.clerk_id)
    for d in (admin, officer, leader, clerk):
        d.engine.sync_once()
    admin.record(AddTrustedRoot(new_id(), test_pki.root.pem.decode()))
    assert admin.engine.sync_once().accepted == 1

    # The officer's drafts: the attacker prepared two of them before they were signed.
    letter = attacks.write_letter(tmp_path / "letter.pdf")
    drafts: dict[str, str] = {}
    for name, (prepare, _on_signed, _on_sealed) in DRAFTS.items():
        pdf = tmp_path / "drafts" / f"{name}.pdf"
        pdf.parent.mkdir(exist_ok=True)
        pdf.write_bytes(prepare(letter.read_bytes()) if prepare else letter.read_bytes())
        digest, size = officer.blobs.put_file(pdf)
        drafts[name] = new_id()
        fields = {"type_name": "Quyết định", "subject": f"Về việc phê duyệt kinh phí ({name})"}
        officer.record(ops.CreateDraft(new_id(), drafts[name], fields, (FileRef(digest, pdf.name, size, 1),)))
        officer.record(ops.SubmitDraft(new_id(), drafts[name], w.leader_id))
    assert officer.engine.sync_once().accepted == 2 * len(DRAFTS)

    # The leader signs every draft with eoffice sign; two uploads carry an attack.
    leader.engine.sync_once()
    signature, seal = tmp_path / "chu-ky.png", tmp_path / "con-dau.png"
    signature.write_bytes(images.signature_image("Nguyễn Văn Đức"))
    seal.write_bytes(images.seal_image("Ủy ban nhân dân tỉnh Nghệ An"))
    files = {name: leader.file_of(doc) for name, doc in drafts.items()}
    inputs = []
    for name, (_f, _d, path) in files.items():
        copy = tmp_path / "to-sign" / f"{name}.pdf"
        copy.parent.mkdir(exist_ok=True)
        copy.write_bytes(path.read_bytes())
        inputs.append(copy)
    signed = dict(zip(files, attacks.cli_sign(
        inputs, tmp_path / "signed", test_pki.p12("signer"), PASSWORD, "signer", signature, seal
    ), strict=True))
    leader_ops = {}
    for name, (file_id, digest, _path) in files.items():
        upload = signed[name]
        if DRAFTS[name][1] is not None:
            upload = tmp_path / "signed" / f"{name}-attacked.pdf"
            upload.write_bytes(DRAFTS[name][1](signed[name].read_bytes()))
        leader_ops[name] = _sign_op(leader, drafts[name], file_id, digest, upload, "signer")
        leader.record(leader_ops[name])
    answers = _answers(leader)
    refused = {name for name, op in leader_ops.items() if answers[op.op_id][0] == "rejected"}
    assert refused == {"late-definition", "wrap-single"}, answers
    assert "does not define" in answers[leader_ops["late-definition"].op_id][1] or "không có" in answers[
        leader_ops["late-definition"].op_id][1]
    assert "không hợp lệ" in answers[leader_ops["wrap-single"].op_id][1]
    with province.store.read() as s:
        assert s.get(Document, drafts["wrap-single"]).state == "submitted"  # not approved

    # The clerk numbers the approved ones, seals them with eoffice sign; four uploads carry an attack.
    approved = [name for name in DRAFTS if name not in refused]
    clerk.engine.sync_once()
    for name in approved:
        clerk.record(ops.Issue(new_id(), drafts[name], "2026-03-05"))
    assert clerk.engine.sync_once().accepted == len(approved)
    versions = {name: clerk.file_of(drafts[name]) for name in approved}
    inputs = []
    for name in approved:
        copy = tmp_path / "to-seal" / f"{name}.pdf"
        copy.parent.mkdir(exist_ok=True)
        data = versions[name][2].read_bytes()
        if name == "wrap-then-sealed":
            data = attacks.wrap_signature(data)
        copy.write_bytes(data)
        if name == "honest":  # the number and date the server gave, written in before the seal
            from eoffice.signing.filling import fill_issue_fields

            with clerk.store.read() as s:
                doc = s.get(Document, drafts[name])
                number, day = doc.number_label, doc.issued_date
            fill_issue_fields(copy, copy.with_name(f"{name}-filled.pdf"), number, day)
            copy.write_bytes(copy.with_name(f"{name}-filled.pdf").read_bytes())
        inputs.append(copy)
    sealed = dict(zip(
        approved, attacks.cli_sign(inputs, tmp_path / "sealed", test_pki.p12("agency"), PASSWORD, "agency", seal),
        strict=True,
    ))
    clerk_ops = {}
    for name in approved:
        file_id, digest, _path = versions[name]
        upload = sealed[name]
        if DRAFTS[name][2] is not None:
            upload = tmp_path / "sealed" / f"{name}-attacked.pdf"
            upload.write_bytes(DRAFTS[name][2](sealed[name].read_bytes()))
        clerk_ops[name] = _sign_op(clerk, drafts[name], file_id, digest, upload, "agency")
        clerk.record(clerk_ops[name])
    answers = _answers(clerk)
    outcome = {name: answers[op.op_id][0] for name, op in clerk_ops.items()}
    assert outcome == {name: ("accepted" if name == "honest" else "rejected") for name in approved}, answers
    for name in ("shadow-hide", "no-xref", "null-byte-range", "wrap-then-sealed"):
        answer = answers[clerk_ops[name].op_id]
        assert answer[1].startswith("Tệp đã ký không được chấp nhận"), answer
    with province.store.read() as s:
        for name in approved:
            main = s.scalars(
                select(DocumentFile).where(DocumentFile.document_id == drafts[name], DocumentFile.is_main)
            ).one()
            assert main.signed_kinds == ("signer,agency" if name == "honest" else "signer"), name
