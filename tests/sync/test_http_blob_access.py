"""Naming and reading attachments through the real server on loopback.

A digest travels in the rows everyone pulls (a document's files, a colleague's signature
image, another organisation's seal), so knowing one must give nothing: an operation may
name a file only when its user uploaded those bytes or may already read them, with the
file's own size and page count; ``GET`` and ``HEAD`` answer alike, their 403s audited; a
file whose row went out of sight is no longer readable; and what cut-off or unclaimed
uploads leave behind is swept.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from PIL import Image
from sqlalchemy import select

from eoffice.audit.models import AuditEvent
from eoffice.directory.admin import create_organisation, create_user
from eoffice.directory.models import Organisation, Role, User
from eoffice.documents import operations as ops
from eoffice.documents.models import DirectionLine, Document
from eoffice.ops import FileRef, Operation
from eoffice.server.embedded import EmbeddedServer
from eoffice.server.settings import ServerSettings
from eoffice.server.sweeper import sweep
from eoffice.signing.operations import SetSealImage, SetSignatureImage
from eoffice.store.base import new_id
from eoffice.store.blobs import BlobStore
from eoffice.sync.client_state import record_local
from eoffice.sync.models import BlobUpload
from tests.server.conftest import FakeClock, give_passwords
from tests.sync.conftest import doc_fields
from tests.sync.convergence import server_state
from tests.sync.http_support import Device, Province
from tests.sync.test_http_sync import _register

REFUSED = "không có quyền dùng tệp"
NOT_UPLOADED = "chưa được gửi lên máy chủ"


def _png(path: Path, colour: tuple[int, int, int, int]) -> Path:
    """A small transparent PNG of its own colour (a signature or seal image)."""
    image = Image.new("RGBA", (60, 30), (0, 0, 0, 0))
    for x in range(10, 50):
        image.putpixel((x, 15), colour)
    image.save(path, "PNG")
    return path


def _ref(path: Path, pages: int) -> FileRef:
    """The reference a desk makes to ``path``: its digest, name, size and pages."""
    import hashlib

    return FileRef(hashlib.sha256(path.read_bytes()).hexdigest(), path.name, path.stat().st_size, pages)


def _push(device: Device, op: Operation) -> Any:
    """The operation straight to the server, as a program could send it; its answer."""
    [answer] = device.client.push([op])
    return answer


def _act(device: Device, op: Operation) -> None:
    """The operation as the desk makes it (files uploaded first), accepted."""
    with device.store.write() as s:
        record_local(s, device.user_id, op)
    report = device.engine.sync_once()
    assert [a.outcome for a in report.answers] == ["accepted"], [a.reason for a in report.answers]


def _denied(province: Province, actor_id: str) -> list[dict[str, Any]]:
    with province.store.read() as s:
        events = s.scalars(select(AuditEvent).where(
            AuditEvent.action == "access.denied", AuditEvent.actor_id == actor_id).order_by(AuditEvent.seq))
        return [{"target": e.target_id, **json.loads(e.after_json or "{}")} for e in events]


def _status(device: Device, method: str, digest: str) -> int:
    return device.client._send(method, f"/blobs/{digest}").status_code


@dataclass
class Scene:
    """A province where several people's files are on the server."""

    org_id: str
    clerk: Device
    leader: Device
    officer: Device
    finance: Device  # an officer of another unit
    leader_signature: FileRef  # the director's signature image (its digest in every users row)
    other_seal: FileRef  # another organisation's seal image
    secret_file: FileRef  # the PDF of a secret document the clerk registered
    pending: FileRef  # a PDF the finance officer uploaded and has not named yet
    own_draft: str  # the officer's draft, still a draft
    submitted: tuple[str, str, str]  # a draft submitted to the leader: (document, file id, digest)


def _scene(province: Province, pdf_factory, tmp_path: Path) -> Scene:  # type: ignore[no-untyped-def]
    w = province.world
    with province.store.write() as s:  # another organisation, with its clerk
        other = create_organisation(s, "000.00.02.H41", "Sở Tài chính", "STC")
        create_user(s, "vanthu.stc", "Hồ Thị Lan", other.id, {Role.CLERK}, None, "Văn thư")
    give_passwords(province.store, "vanthu.stc")
    clerk = province.device("vanthu", w.clerk_id)
    leader = province.device("lanhdao", w.leader_id)
    officer = province.device("chuyenvien", w.officer_id)
    finance = province.device("chuyenvien2", w.officer2_id)
    with province.store.read() as s:
        other_clerk_id = s.scalars(select(User.id).where(User.username == "vanthu.stc")).one()
    other_clerk = province.device("vanthu.stc", other_clerk_id)
    for d in (clerk, leader, officer, finance, other_clerk):
        d.engine.sync_once()

    signature = _ref(_png(tmp_path / "chu-ky.png", (20, 20, 160, 255)), 0)
    leader.blobs.put_file(tmp_path / "chu-ky.png")
    _act(leader, SetSignatureImage(new_id(), signature))
    seal = _ref(_png(tmp_path / "con-dau-stc.png", (200, 20, 20, 255)), 0)
    other_clerk.blobs.put_file(tmp_path / "con-dau-stc.png")
    _act(other_clerk, SetSealImage(new_id(), other.id, seal))

    secret = _register(clerk, pdf_factory("Kế hoạch bảo vệ"), "Kế hoạch bảo vệ", secrecy="secret")
    assert clerk.engine.sync_once().accepted == 1
    pending_pdf = pdf_factory("Báo cáo chưa gửi")
    finance.client.upload_blob(pending_pdf)

    own_pdf, submitted_pdf = pdf_factory("Dự thảo của tôi"), pdf_factory("Dự thảo trình ký")
    for pdf in (own_pdf, submitted_pdf):
        officer.blobs.put_file(pdf)
    own_draft, submitted = new_id(), new_id()
    fields = {"type_name": "Công văn", "subject": "Về việc chuyển đổi số"}
    _act(officer, ops.CreateDraft(new_id(), own_draft, fields, (_ref(own_pdf, 1),)))
    _act(officer, ops.CreateDraft(new_id(), submitted, fields, (_ref(submitted_pdf, 1),)))
    _act(officer, ops.SubmitDraft(new_id(), submitted, w.leader_id))
    leader.engine.sync_once()
    with leader.store.read() as s:
        file = s.get(Document, submitted).files[0]
        submitted_file = (submitted, file.id, file.digest)
    return Scene(
        w.org_id, clerk, leader, officer, finance, signature, seal, secret.files[0], _ref(pending_pdf, 1), own_draft,
        submitted_file,
    )


#: Each kind of operation that names a file, made by who may make it, naming ``ref``.
KINDS: dict[str, tuple[str, Callable[[Scene, FileRef], Operation]]] = {
    "register_incoming": ("clerk", lambda sc, ref: ops.RegisterIncoming(
        new_id(), new_id(), doc_fields("Về việc mượn tệp"), (ref,), "2026-03-03")),
    "create_draft": ("officer", lambda sc, ref: ops.CreateDraft(
        new_id(), new_id(), {"type_name": "Công văn", "subject": "Về việc mượn tệp"}, (ref,))),
    "update_draft": ("officer", lambda sc, ref: ops.UpdateDraft(
        new_id(), sc.own_draft, {"type_name": "Công văn", "subject": "Về việc mượn tệp"}, (ref,))),
    "sign_file": ("leader", lambda sc, ref: ops.SignFile(
        new_id(), sc.submitted[0], sc.submitted[1], sc.submitted[2], ref, "signer")),
    "set_signature_image": ("officer", lambda sc, ref: SetSignatureImage(new_id(), ref)),
    "set_seal_image": ("clerk", lambda sc, ref: SetSealImage(new_id(), sc.org_id, ref)),
}


def test_no_kind_of_operation_makes_someone_elses_file_readable_by_naming_it(province, pdf_factory, tmp_path):
    sc = _scene(province, pdf_factory, tmp_path)
    devices = {"clerk": sc.clerk, "leader": sc.leader, "officer": sc.officer}
    # What each may not read: the director's signature image, another organisation's
    # seal, a secret document's PDF (the clerk who registered it and the leaders see
    # it), and another user's upload nobody named.
    forbidden = {
        "clerk": [sc.leader_signature, sc.other_seal],
        "leader": [sc.other_seal],
        "officer": [sc.leader_signature, sc.other_seal, sc.secret_file],
    }
    for kind, (who, make) in KINDS.items():
        device = devices[who]
        for ref in [*forbidden[who], sc.pending]:
            referenced = ref is not sc.pending
            # Each try in a window of its own: a refusal that repeats one of its window is
            # only counted (audit.repeats), and this test wants each one's own event.
            province.clock.advance(seconds=province.settings.audit_repeat_window.total_seconds() + 1)
            before, denied = server_state(province.store, province.blobs), len(_denied(province, device.user_id))
            op = make(sc, ref)
            answer = _push(device, op)
            assert answer.outcome == "rejected", (kind, ref.filename)
            expected = REFUSED if referenced else NOT_UPLOADED
            assert expected in answer.reason and answer.reason_en, (kind, ref.filename, answer.reason)
            assert server_state(province.store, province.blobs) == before, (kind, ref.filename)
            # Refused as reading it is: a 403 audited, or a 404 that says nobody's upload exists.
            events = _denied(province, device.user_id)[denied:]
            if referenced:
                assert [(e["target"], e["kind"]) for e in events] == [(op.op_id, kind)]
            else:
                assert events == []

    # Nor does it show through a profile: the officer's and the clerk's rows are unchanged.
    with province.store.read() as s:
        assert s.get(User, province.world.officer_id).signature_digest is None
        assert s.get(Organisation, province.world.org_id).seal_digest is None


def test_get_and_head_answer_alike_and_both_are_audited(province, pdf_factory, tmp_path):
    sc = _scene(province, pdf_factory, tmp_path)
    officer = sc.officer
    expected = {
        sc.leader_signature.digest: 403,  # someone else's image
        sc.other_seal.digest: 403,  # another organisation's seal
        sc.secret_file.digest: 403,  # a secret document's file
        sc.pending.digest: 404,  # another user's upload nobody named: not even told it exists
        "0" * 64: 404,
    }
    own = pdf_factory("Tệp của tôi")
    officer.client.upload_blob(own)
    expected[_ref(own, 1).digest] = 200  # an upload of one's own, not yet named
    with officer.store.read() as s:
        expected[s.get(Document, sc.own_draft).files[0].digest] = 200  # a file of one's own draft
    denied = len(_denied(province, officer.user_id))
    for digest, status in expected.items():
        head, get = (officer.client._send(m, f"/blobs/{digest}") for m in ("HEAD", "GET"))
        assert (head.status_code, get.status_code) == (status, status), digest
        if status == 200:
            on_disk = province.blobs.path_for(digest).stat().st_size
            assert int(head.headers["content-length"]) == len(get.content) == on_disk
    # Each refused file is audited when first tried (by HEAD); the GET that repeats it is
    # counted with it and written as the window closes: two refusals per file in all.
    refused = [d for d, status in expected.items() if status == 403]
    first = _denied(province, officer.user_id)[denied:]
    assert sorted((e["method"], e["path"], e["count"]) for e in first) == sorted(
        ("HEAD", f"/api/v1/blobs/{d}", 1) for d in refused
    )
    province.clock.advance(seconds=province.settings.audit_repeat_window.total_seconds() + 1)
    assert _status(officer, "GET", sc.leader_signature.digest) == 403  # a refusal sweeps closed windows
    counted = Counter()
    for e in _denied(province, officer.user_id)[denied:]:
        counted[e["path"]] += e["count"]
    assert counted == {f"/api/v1/blobs/{d}": 2 + (d == sc.leader_signature.digest) for d in refused}


def test_a_file_is_named_with_its_own_size_and_page_count(province, pdf_factory, tmp_path):
    w = province.world
    officer = province.device("chuyenvien", w.officer_id)
    officer.engine.sync_once()
    pdf = pdf_factory("Về việc đếm trang")
    officer.client.upload_blob(pdf)
    ref = _ref(pdf, 1)
    png = _png(tmp_path / "chu-ky.png", (0, 90, 0, 255))
    officer.client.upload_blob(png)
    image = _ref(png, 0)
    fields = {"type_name": "Công văn", "subject": "Về việc đếm trang"}
    before = server_state(province.store, province.blobs)
    wrong = [
        (
            ops.CreateDraft(new_id(), new_id(), fields, (FileRef(ref.digest, ref.filename, ref.size + 1, 1),)),
            "Kích thước",
        ),
        (ops.CreateDraft(new_id(), new_id(), fields, (FileRef(ref.digest, ref.filename, ref.size, 3),)), "Số trang"),
        (ops.CreateDraft(new_id(), new_id(), fields, (FileRef(ref.digest, ref.filename, ref.size, 0),)), "Số trang"),
        (SetSignatureImage(new_id(), FileRef(image.digest, image.filename, image.size - 1, 0)), "Kích thước"),
        (SetSignatureImage(new_id(), FileRef(image.digest, image.filename, image.size, 1)), "Số trang"),
    ]
    for op, said in wrong:
        answer = _push(officer, op)
        named = op.files[0] if isinstance(op, ops.CreateDraft) else op.file  # type: ignore[union-attr]
        assert answer.outcome == "rejected" and said in answer.reason and named.filename in answer.reason, said
        assert answer.reason_en
    assert server_state(province.store, province.blobs) == before
    assert _push(officer, ops.CreateDraft(new_id(), new_id(), fields, (ref,))).outcome == "accepted"
    assert _push(officer, SetSignatureImage(new_id(), image)).outcome == "accepted"


def test_the_same_bytes_from_another_user_are_named_once_uploaded_by_them(province, pdf_factory, tmp_path):
    """One circular, sent by email to two organisations, registered by both clerks: the
    second desk is refused a look at the first one's copy, uploads its own, and goes on."""
    w = province.world
    with province.store.write() as s:
        other = create_organisation(s, "000.00.02.H41", "Sở Tài chính", "STC")
        other_clerk_id = create_user(s, "vanthu.stc", "Hồ Thị Lan", other.id, {Role.CLERK}, None, "Văn thư").id
    give_passwords(province.store, "vanthu.stc")
    clerk = province.device("vanthu", w.clerk_id)
    other_clerk = province.device("vanthu.stc", other_clerk_id)
    for d in (clerk, other_clerk):
        d.engine.sync_once()
    circular = pdf_factory("Về việc triển khai chuyển đổi số")
    first = _register(clerk, circular)
    assert clerk.engine.sync_once().accepted == 1
    digest = first.files[0].digest
    assert _status(other_clerk, "HEAD", digest) == 403
    assert _push(other_clerk, ops.RegisterIncoming(
        new_id(), new_id(), doc_fields("Về việc triển khai chuyển đổi số"), first.files, "2026-03-03",
    )).outcome == "rejected"  # naming the other organisation's copy is not enough
    second = _register(other_clerk, circular)
    report = other_clerk.engine.sync_once()
    assert report.accepted == 1 and report.uploaded == 1
    assert other_clerk.blobs.path_for(digest).read_bytes() == circular.read_bytes()
    assert _status(other_clerk, "GET", digest) == 200  # through its own document now
    with province.store.read() as s:
        assert s.get(Document, second.document_id).organisation_id == other.id


def test_a_file_whose_row_went_out_of_sight_can_no_longer_be_read_or_named(province, pdf_factory):
    w = province.world
    clerk = province.device("vanthu", w.clerk_id)
    leader = province.device("lanhdao", w.leader_id)
    office = province.device("chuyenvien", w.officer_id)
    finance = province.device("chuyenvien2", w.officer2_id)
    for d in (clerk, leader, office, finance):
        d.engine.sync_once()
    registered = _register(clerk, pdf_factory("Về việc rà soát biên chế"))
    assert clerk.engine.sync_once().accepted == 1
    leader.engine.sync_once()
    line_id = new_id()
    _act(leader, ops.Direct(new_id(), registered.document_id, new_id(), "Văn phòng chủ trì.",
                            (ops.LineRef(line_id, "lead", unit_id=w.office_unit_id),)))
    office.engine.sync_once()
    ref = registered.files[0]
    fields = {"type_name": "Công văn", "subject": "Về việc rà soát biên chế"}
    assert [_status(office, m, ref.digest) for m in ("HEAD", "GET")] == [200, 200]
    assert [_status(finance, m, ref.digest) for m in ("HEAD", "GET")] == [403, 403]

    # The line goes to the finance unit: the office's officer loses the document and its
    # file; the finance officer may read it, and name it (a reply carrying the PDF).
    with province.store.write() as s:
        s.get(DirectionLine, line_id).unit_id = w.finance_unit_id
    denied = len(_denied(province, w.officer_id))
    assert [_status(office, m, ref.digest) for m in ("HEAD", "GET")] == [403, 403]
    assert len(_denied(province, w.officer_id)) == denied + 1  # HEAD audited, the GET that repeats it counted with it
    answer = _push(office, ops.CreateDraft(new_id(), new_id(), fields, (ref,)))
    assert answer.outcome == "rejected" and REFUSED in answer.reason
    assert [_status(finance, m, ref.digest) for m in ("HEAD", "GET")] == [200, 200]
    assert _push(finance, ops.CreateDraft(new_id(), new_id(), fields, (ref,))).outcome == "accepted"


def _aged(path: Path, province: Province, age: timedelta) -> Path:
    """``path`` last written ``age`` before the server's (test) clock says now."""
    when = (province.clock() - age).timestamp()
    os.utime(path, (when, when))
    return path


def test_cut_off_and_unclaimed_uploads_are_swept_after_their_time(province, pdf_factory):
    w = province.world
    clerk = province.device("vanthu", w.clerk_id)
    officer = province.device("chuyenvien", w.officer_id)
    finance = province.device("chuyenvien2", w.officer2_id)
    for d in (clerk, officer, finance):
        d.engine.sync_once()
    grace = province.settings.upload_grace
    forgotten, renewed = pdf_factory("Tải lên rồi bỏ"), pdf_factory("Tải lên hai lần")
    officer.client.upload_blob(forgotten)  # uploaded, never named
    finance.client.upload_blob(renewed)
    named = _register(clerk, pdf_factory("Về việc lưu trữ"))
    assert clerk.engine.sync_once().accepted == 1  # uploaded and named: claimed
    province.clock.advance(seconds=grace.total_seconds() - 3600)
    officer.client.upload_blob(renewed)  # the same bytes again, by another user, later
    province.clock.advance(hours=2)  # the first uploads are past their grace now

    # What uploads cut off (or a killed process) left, and one still being written.
    root = province.blobs.root
    ages = {
        ".upload-cat-ngang": province.settings.upload_temp_max_age + timedelta(minutes=1),
        ".incoming-do-dang": timedelta(days=3),
        ".upload-dang-gui": timedelta(hours=2),
    }
    for name, age in ages.items():
        (root / name).write_bytes(b"%PDF-1.7 mot phan")
        _aged(root / name, province, age)
    cut_off, local, in_progress = (root / name for name in ages)
    old_blob = _aged(province.blobs.path_for(named.files[0].digest), province, timedelta(days=30))

    swept = sweep(province.store, province.blobs, province.settings)
    gone, kept = _ref(forgotten, 1).digest, _ref(renewed, 1).digest
    assert sorted(swept.temporary) == sorted([cut_off.name, local.name]) and in_progress.exists()
    assert swept.uploads == [gone]
    assert not province.blobs.has(gone) and province.blobs.has(kept) and old_blob.exists()
    with province.store.read() as s:
        assert s.scalars(select(BlobUpload).where(BlobUpload.digest == gone)).all() == []
        assert s.get(BlobUpload, (named.files[0].digest, w.clerk_id)).claimed
    assert sweep(province.store, province.blobs, province.settings).uploads == []  # nothing twice

    # The officer names the swept file after all: the desk sends it again, and it lands.
    assert _status(officer, "HEAD", gone) == 404
    officer.blobs.put_file(forgotten)
    _act(officer, ops.CreateDraft(new_id(), new_id(), {"type_name": "Công văn", "subject": "Về việc bỏ quên"},
                                  (_ref(forgotten, 1),)))
    assert province.blobs.has(gone)
    province.clock.advance(days=30)
    assert sweep(province.store, province.blobs, province.settings).uploads == [kept]  # named, it stays


def test_the_server_sweeps_as_it_starts_and_then_on_its_timer(store, tmp_path):
    clock = FakeClock()
    settings = ServerSettings(data_dir=tmp_path / "server", clock=clock, sweep_every=timedelta(milliseconds=20))
    blobs = BlobStore(tmp_path / "server" / "blobs")
    old = (clock() - timedelta(days=2)).timestamp()
    left = blobs.root / ".upload-tu-lan-truoc"
    left.write_bytes(b"mot phan")
    os.utime(left, (old, old))
    server = EmbeddedServer(store, blobs, settings).start()
    try:
        sweeper = server.app.state.sweeper
        assert sweeper.wait_rounds(1, timeout=30)
        assert not left.exists()
        later = blobs.root / ".upload-bi-cat"
        later.write_bytes(b"mot phan")
        os.utime(later, (old, old))
        done = sweeper.rounds
        assert sweeper.wait_rounds(done + 2, timeout=30)  # one round may have begun before the file
        assert not later.exists()
    finally:
        server.stop()
    assert not sweeper._thread.is_alive()


def test_the_grace_period_of_uploads_is_the_servers_setting(tmp_path, monkeypatch):
    """``eoffice server --upload-grace-days`` reaches every worker through the environment."""
    from eoffice.server.cli import add_commands
    from eoffice.server.process import ENV_UPLOAD_GRACE_DAYS, open_server

    monkeypatch.setenv(ENV_UPLOAD_GRACE_DAYS, "2.5")
    store, _blobs, settings = open_server(f"sqlite:///{tmp_path / 'server.sqlite3'}", tmp_path)
    store.dispose()
    assert settings.upload_grace == timedelta(days=2.5)
    monkeypatch.delenv(ENV_UPLOAD_GRACE_DAYS)
    store, _blobs, settings = open_server(f"sqlite:///{tmp_path / 'server.sqlite3'}", tmp_path)
    store.dispose()
    assert settings.upload_grace == timedelta(days=7)
    import argparse

    parser = argparse.ArgumentParser()
    add_commands(parser.add_subparsers())
    assert parser.parse_args(["server", "--upload-grace-days", "3"]).upload_grace_days == 3
