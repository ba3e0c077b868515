"""Sync over the real HTTP server: push, pull, rejections, permissions, outages, tokens."""

from __future__ import annotations

import threading
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select, text

from eoffice.audit.models import AuditEvent
from eoffice.documents import operations as ops
from eoffice.documents.models import DirectionLine, Document
from eoffice.ops import FileRef, to_json
from eoffice.server.protocol import HEADER, PROTOCOL_VERSION
from eoffice.store.base import new_id
from eoffice.store.blobs import sha256_file
from eoffice.sync.client import (
    NotSignedIn,
    Offline,
    ProtocolMismatchError,
    SyncClient,
    UntrustedServer,
)
from eoffice.sync.client_state import get_cursor, pending_operations, record_local
from eoffice.sync.credentials import Credentials
from eoffice.sync.engine import RoundReport
from eoffice.sync.tables import schema
from tests.sync.conftest import doc_fields
from tests.sync.http_support import Device, Province
from tests.sync.request_taps import tap_requests
from tests.waiting import PATIENCE, until


def _register(
    device: Device, pdf: Path, subject: str = "Về việc kiểm tra hồ sơ", text: str = "", **fields: object
) -> ops.RegisterIncoming:
    """Register a PDF on the device, offline: applied locally, queued for the server.

    ``text`` is what the device extracted from the PDF (its searchable body).
    """
    digest, size = device.blobs.put_file(pdf)
    op = ops.RegisterIncoming(
        op_id=new_id(), document_id=new_id(), fields=doc_fields(subject, **fields),
        files=(FileRef(digest, pdf.name, size, 1, text),), arrival_date="2026-03-03",
    )
    with device.store.write() as s:
        record_local(s, device.user_id, op)
    return op


def _server_docs(province: Province) -> dict[str, int | None]:
    with province.store.read() as s:
        return dict(s.execute(select(Document.id, Document.arrival_number)).all())


def _audited(province: Province, action: str) -> list[AuditEvent]:
    with province.store.read() as s:
        return list(s.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_offline_registration_is_numbered_by_the_server_and_reaches_another_desk(province, pdf_factory):
    w = province.world
    clerk = province.device("vanthu", w.clerk_id)
    clerk.engine.sync_once()  # the organisation, its units, users and registers
    op = _register(clerk, pdf_factory("Về việc kiểm tra hồ sơ"))
    with clerk.store.read() as s:
        doc = s.get(Document, op.document_id)
        assert (doc.arrival_number, doc.register_number) == (None, None)  # "chờ cấp số"
    assert clerk.engine.status().pending == 1

    report = clerk.engine.sync_once()
    assert (report.accepted, report.rejected, report.uploaded) == (1, 0, 1)
    assert province.blobs.has(op.files[0].digest)
    assert _server_docs(province) == {op.document_id: 1}
    with clerk.store.read() as s:
        doc = s.get(Document, op.document_id)
        assert doc.arrival_number == 1 and doc.register_id is not None and doc.server_version is not None
    status = clerk.engine.status()
    assert status.online is True and status.pending == 0 and status.rejected == ()

    leader = province.device("lanhdao", w.leader_id)
    leader.engine.sync_once()
    with leader.store.read() as s:
        doc = s.get(Document, op.document_id)
        assert doc.arrival_number == 1 and [f.digest for f in doc.files] == [op.files[0].digest]
    assert sha256_file(leader.blobs.path_for(op.files[0].digest)) == op.files[0].digest


def test_a_retried_push_changes_nothing(province, pdf_factory):
    w = province.world
    clerk = province.device("vanthu", w.clerk_id)
    clerk.engine.sync_once()
    first = _register(clerk, pdf_factory())
    second = _register(clerk, pdf_factory())
    with clerk.store.read() as s:
        batch = pending_operations(s)
    clerk.client.upload_blob(clerk.blobs.path_for(first.files[0].digest))
    clerk.client.upload_blob(clerk.blobs.path_for(second.files[0].digest))
    answers = clerk.client.push(batch)
    again = clerk.client.push(batch)  # the client never heard the first answer
    assert [a.outcome for a in answers] == ["accepted", "accepted"]
    assert [(a.op_id, a.outcome, a.result["arrival_number"]) for a in again] == [
        (a.op_id, a.outcome, a.result["arrival_number"]) for a in answers
    ]
    assert all(a.replayed for a in again) and not any(a.replayed for a in answers)
    assert _server_docs(province) == {first.document_id: 1, second.document_id: 2}
    clerk.engine.sync_once()  # the outbox pushes them a third time: still nothing new
    assert _server_docs(province) == {first.document_id: 1, second.document_id: 2}


def test_a_malformed_op_is_rejected_alone_and_a_malformed_envelope_is_422(province, pdf_factory):
    w = province.world
    clerk = province.device("vanthu", w.clerk_id)
    clerk.engine.sync_once()
    good = _register(clerk, pdf_factory())
    clerk.client.upload_blob(clerk.blobs.path_for(good.files[0].digest))
    response = clerk.client._send(
        "POST", "/ops", json={"ops": [{"kind": "register_incoming", "op_id": "không-phải-uuid"}, to_json(good)]}
    )
    results = response.json()["results"]
    assert results[0]["outcome"] == "rejected" and results[0]["reason"].startswith("Thao tác không hợp lệ")
    assert results[1]["outcome"] == "accepted"
    assert clerk.client._send("POST", "/ops", json={"ops": "không phải danh sách"}).status_code == 422
    assert clerk.client._send("POST", "/ops", json={"ops": [{}] * 501}).status_code == 422
    nul = {**to_json(good), "op_id": new_id(), "document_id": new_id()}
    nul["fields"] = {**nul["fields"], "subject": "Về việc\x00"}
    [answer] = clerk.client._send("POST", "/ops", json={"ops": [nul]}).json()["results"]
    assert answer["outcome"] == "rejected" and "“Trích yếu” chứa ký tự không hợp lệ" in answer["reason"]
    # a NUL in the address is refused before any route reads it (server.app's guard), never a 500
    odd = clerk.client._send("GET", "/documents", params={"ids": ["\x00", good.document_id]})
    assert odd.status_code == 422 and odd.json()["error"] == "invalid_text"


def test_a_rejected_op_comes_back_with_its_reason_and_the_client_returns_to_the_servers_truth(province, pdf_factory):
    w = province.world
    desk1 = province.device("vanthu", w.clerk_id)
    desk2 = province.device("vanthu", w.clerk_id)  # the same clerk on a second computer
    desk1.engine.sync_once()
    desk2.engine.sync_once()
    pdf = pdf_factory("Về việc tuyển dụng")
    first = _register(desk1, pdf, "Về việc tuyển dụng")
    desk1.engine.sync_once()
    # Offline, the second desk registers the same document again.
    same = ops.RegisterIncoming(new_id(), new_id(), first.fields, first.files, first.arrival_date)
    desk2.blobs.put_file(pdf)
    with desk2.store.write() as s:
        record_local(s, w.clerk_id, same)
    report = desk2.engine.sync_once()
    assert report.rejected == 1
    status = desk2.engine.status()
    assert [(r.op_id, r.document_id) for r in status.rejected] == [(same.op_id, same.document_id)]
    assert status.rejected[0].reason.startswith("Văn bản có thể đã được vào sổ")
    with desk2.store.read() as s:
        assert s.get(Document, same.document_id) is None
        assert [d.id for d in s.scalars(select(Document))] == [first.document_id]
    assert _server_docs(province) == {first.document_id: 1}


def test_a_rejected_state_change_is_refetched_from_the_server(province, pdf_factory):
    w = province.world
    clerk = province.device("vanthu", w.clerk_id)
    clerk.engine.sync_once()
    reg = _register(clerk, pdf_factory())
    clerk.engine.sync_once()
    leader = province.device("lanhdao", w.leader_id)
    leader.engine.sync_once()
    line = new_id()
    with leader.store.write() as s:
        record_local(s, w.leader_id, ops.Direct(new_id(), reg.document_id, new_id(), "Đề nghị xử lý",
                                                (ops.LineRef(line, "lead", user_id=w.officer_id),)))
    leader.engine.sync_once()
    officer = province.device("chuyenvien", w.officer_id)
    phone = province.device("chuyenvien", w.officer_id)  # the same officer elsewhere
    officer.engine.sync_once()
    phone.engine.sync_once()
    with phone.store.write() as s:
        record_local(s, w.officer_id, ops.ReturnLine(new_id(), line, "Không thuộc phạm vi"))
    phone.engine.sync_once()
    with officer.store.write() as s:
        record_local(s, w.officer_id, ops.StartLine(new_id(), line))
        assert s.get(DirectionLine, line).state == "in_progress"
    cursor_before = None
    with officer.store.read() as s:
        cursor_before = get_cursor(s)
    officer.engine._push(RoundReport())
    with officer.store.read() as s:
        assert s.get(DirectionLine, line).state == "returned"  # back to the server's truth
        assert get_cursor(s) == cursor_before
    [rejected] = officer.engine.status().rejected
    assert "đã trả lại" in rejected.reason


def test_a_forged_op_on_a_secret_document_is_rejected_audited_and_changes_nothing(province, pdf_factory):
    w = province.world
    clerk = province.device("vanthu", w.clerk_id)
    clerk.engine.sync_once()
    secret = _register(clerk, pdf_factory("Kế hoạch bảo vệ bí mật"), "Kế hoạch bảo vệ bí mật", secrecy="secret")
    clerk.engine.sync_once()
    leader = province.device("lanhdao", w.leader_id)
    leader.engine.sync_once()
    line = new_id()
    with leader.store.write() as s:
        record_local(s, w.leader_id, ops.Direct(new_id(), secret.document_id, new_id(), "",
                                                (ops.LineRef(line, "lead", user_id=w.officer_id),)))
    leader.engine.sync_once()

    outsider = province.device("chuyenvien2", w.officer2_id)  # not named on it
    outsider.engine.sync_once()
    with outsider.store.read() as s:
        assert s.get(Document, secret.document_id) is None  # never pulled
    forged = [
        ops.StartLine(new_id(), line),
        ops.Direct(new_id(), secret.document_id, new_id(), "", (ops.LineRef(new_id(), "lead", user_id=w.officer2_id),)),
    ]
    before = _audited(province, "access.denied")
    with province.store.read() as s:
        state_before = s.get(DirectionLine, line).state
        lines_before = s.scalar(select(func.count()).select_from(DirectionLine))
    results = outsider.client.push(forged)
    assert [r.outcome for r in results] == ["rejected", "rejected"]
    assert results[0].reason == "Bạn không có quyền thực hiện thao tác này trên văn bản đó."
    denied = _audited(province, "access.denied")[len(before):]
    assert {(e.actor_id, e.target_id) for e in denied} >= {
        (w.officer2_id, forged[0].op_id), (w.officer2_id, forged[1].op_id)
    }
    with province.store.read() as s:
        assert s.get(DirectionLine, line).state == state_before
        assert s.scalar(select(func.count()).select_from(DirectionLine)) == lines_before

    # The attachment of the secret document is refused too, and the refusal audited.
    digest = secret.files[0].digest
    response = outsider.client._send("GET", f"/blobs/{digest}")
    assert response.status_code == 403 and response.json()["message"].startswith("Bạn không có quyền")
    assert any(e.actor_id == w.officer2_id and f"/blobs/{digest}" in (e.after_json or "")
               for e in _audited(province, "access.denied"))
    # The officer named on it receives both.
    named = province.device("chuyenvien", w.officer_id)
    named.engine.sync_once()
    assert named.blobs.has(digest)


def test_an_interrupted_pull_resumes_where_it_stopped(province, pdf_factory):
    w = province.world
    clerk = province.device("vanthu", w.clerk_id)
    leader = province.device("lanhdao", w.leader_id, page_limit=2)
    clerk.engine.sync_once()
    leader.engine.sync_once()
    for i in range(5):
        _register(clerk, pdf_factory(), f"Văn bản {i}")
        clerk.engine.sync_once()  # one server version each
    real_pull = leader.client.pull
    calls: list[int] = []

    def failing_pull(cursor: int, limit: int = 1000):  # type: ignore[no-untyped-def]
        calls.append(cursor)
        if len(calls) == 3:
            raise Offline("cut")
        return real_pull(cursor, limit)

    leader.client.pull = failing_pull  # type: ignore[method-assign]
    with pytest.raises(Offline):
        leader.engine.sync_once()
    assert leader.engine.status().online is False
    with leader.store.read() as s:
        kept = get_cursor(s)
        have = s.scalar(select(func.count()).select_from(Document))
    assert kept == calls[2] and have == 4  # two pages of two committed
    leader.engine.sync_once()
    assert calls[3] == kept  # resumed at the committed cursor, not from the start
    with leader.store.read() as s:
        assert s.scalar(select(func.count()).select_from(Document)) == 5
    status = leader.engine.status()
    assert status.online is True and status.rows > 0 and status.pages > 0


def test_server_down_the_client_keeps_working_then_converges(province, pdf_factory):
    w = province.world
    clerk = province.device("vanthu", w.clerk_id)
    clerk.engine.sync_once()
    province.server.stop()
    with pytest.raises(Offline):
        clerk.engine.sync_once()
    status = clerk.engine.status()
    assert status.online is False and "ngoại tuyến" in status.last_error
    ops_made = [_register(clerk, pdf_factory(), f"Làm việc ngoại tuyến {i}") for i in range(3)]
    assert clerk.engine.status().pending == 3  # local work goes on

    tried: list[str] = []
    tap_requests(clerk.client, attempted=tried.append)
    stop = threading.Event()
    thread = clerk.engine.start(stop)
    try:
        until(lambda: len(tried) >= 3, "a few failed rounds with backoff while the server is away")
        assert clerk.engine.status().online is False and clerk.engine.status().pending == 3
        province.restart()
        clerk.engine.wake()
        until(lambda: clerk.engine.status().pending == 0, "the outbox empties once the server is back")
    finally:
        stop.set()
        thread.join(timeout=PATIENCE)
    assert not thread.is_alive()
    clerk.engine.sync_once()
    assert sorted(_server_docs(province).values()) == [1, 2, 3]
    with clerk.store.read() as s:
        numbers = dict(s.execute(select(Document.id, Document.arrival_number)).all())
    assert numbers == _server_docs(province) and set(numbers) == {o.document_id for o in ops_made}
    assert clerk.engine.status().online is True


def test_protocol_mismatch_gives_a_vietnamese_message(province, memory_keyring):
    old = SyncClient(province.url, credentials=Credentials(province.url, "vanthu"), protocol=PROTOCOL_VERSION + 98)
    with old:
        with pytest.raises(ProtocolMismatchError) as raised:
            old.hello()
        assert raised.value.message_vi.startswith(
            "Máy chủ dùng giao thức phiên bản 1, ứng dụng này dùng phiên bản 99"
        )
        with pytest.raises(ProtocolMismatchError) as raised:
            old.login("vanthu", "mat-khau-1234")  # the server's own 426 answer
        assert "hãy cập nhật eoffice" in raised.value.message_vi
    clerk = province.device("vanthu", province.world.clerk_id)
    clerk.client.protocol = 99
    clerk.engine._hello_done = False
    with pytest.raises(ProtocolMismatchError):
        clerk.engine.sync_once()
    assert clerk.engine.status().last_error.startswith("Máy chủ dùng giao thức phiên bản 1")


def test_an_expired_access_token_is_renewed_transparently(province, memory_keyring):
    w = province.world
    clerk = province.device("vanthu", w.clerk_id)
    first_refresh = dict(memory_keyring.secrets)
    assert len(first_refresh) == 1 and next(iter(first_refresh)) == ("eoffice", f"vanthu@{province.url}")
    province.clock.advance(minutes=16)  # the access token (15 min) has expired
    clerk.engine.sync_once()
    assert clerk.engine.status().online is True
    assert memory_keyring.secrets != first_refresh  # refresh tokens rotate
    # A fresh client process finds its sign-in in the keyring, not in a file.
    again = SyncClient(province.url, credentials=Credentials(province.url, "vanthu"))
    with again:
        assert again.pull(0, 10).next_cursor > 0
    token = next(iter(memory_keyring.secrets.values())).encode()
    for path in province.tmp.rglob("*"):
        if path.is_file() and path.stat().st_size < 50_000_000:
            assert token not in path.read_bytes(), path
    # Once the refresh token is revoked too, a password is needed.
    memory_keyring.secrets.clear()
    stranger = SyncClient(province.url, credentials=Credentials(province.url, "vanthu"))
    with stranger, pytest.raises(NotSignedIn):
        stranger.pull(0, 10)


def test_requests_need_a_user_and_the_protocol_header(province):
    with httpx.Client(base_url=f"{province.url}/api/v1", headers={HEADER: str(PROTOCOL_VERSION)}) as c:
        assert c.get("/changes").status_code == 401
        assert c.post("/ops", json={"ops": []}).status_code == 401
    with httpx.Client(base_url=f"{province.url}/api/v1") as c:
        assert c.get("/changes").status_code == 426


def test_a_pulled_document_is_found_by_a_word_only_in_its_pdf_text(province, pdf_factory):
    from eoffice.directory.models import User
    from eoffice.documents.search import search

    w = province.world
    clerk = province.device("vanthu", w.clerk_id)
    clerk.engine.sync_once()
    op = _register(
        clerk, pdf_factory("Về việc kiểm tra hồ sơ", body="Đề án thủy lợi Khe Bố."), "Về việc kiểm tra hồ sơ",
        text="Đề án thủy lợi Khe Bố: nạo vét kênh mương",
    )
    clerk.engine.sync_once()

    leader = province.device("lanhdao", w.leader_id)
    report = leader.engine.sync_once()  # rows first, then the PDFs' text
    assert report.bodies == 1
    with leader.store.read() as s:
        me = s.get(User, w.leader_id)
        assert [r.id for r in search(s, me, "nao vet kenh")] == [op.document_id]
        assert [r.id for r in search(s, me, "kiểm tra hồ sơ")] == [op.document_id]
        assert search(s, me, "thuy dien") == []
    assert leader.engine.sync_once().bodies == 0  # the text came once


def test_rows_written_by_another_process_without_versions_are_still_pulled(province):
    w = province.world
    leader = province.device("lanhdao", w.leader_id)
    leader.engine.sync_once()
    # The admin CLI is another process: its writes carry no server version.
    from eoffice.directory.admin import create_user
    from eoffice.directory.models import Role, User
    from eoffice.store import Store

    cli = Store(province.store.url)
    try:
        with cli.write() as s:
            newcomer = create_user(
                s, "moivao", "Vũ Thị Mới", w.org_id, {Role.OFFICER}, w.office_unit_id, "Chuyên viên"
            ).id
    finally:
        cli.dispose()
    leader.engine.sync_once()  # caught up a moment ago: a poll does not look again at once
    with leader.store.read() as s:
        assert s.get(User, newcomer) is None
    province.clock.advance(seconds=2)
    leader.engine.sync_once()
    with leader.store.read() as s:
        assert s.get(User, newcomer).full_name == "Vũ Thị Mới"


def test_sync_over_https_verifies_the_servers_certificate(province, tmp_path):
    from eoffice.server.embedded import EmbeddedServer
    from tests.server.pki import make_server_cert

    (tmp_path / "tls").mkdir()
    certfile, keyfile = make_server_cert(tmp_path / "tls")
    with EmbeddedServer(province.store, province.blobs, province.settings, certfile=certfile, keyfile=keyfile) as tls:
        trusting = SyncClient(tls.url, credentials=Credentials(tls.url, "vanthu"), verify=certfile)
        with trusting:
            assert trusting.hello()["protocol_max"] >= PROTOCOL_VERSION
            assert trusting.login("vanthu", "mat-khau-1234")["username"] == "vanthu"
            assert trusting.pull(0, 100).rows["users"]
        distrusting = SyncClient(tls.url, credentials=Credentials(tls.url, "vanthu"))
        with distrusting, pytest.raises(UntrustedServer) as raised:
            distrusting.hello()
        assert raised.value.message_vi.startswith("Chứng chỉ bảo mật của máy chủ không được tin cậy")


def test_an_op_naming_an_attachment_never_uploaded_is_rejected(province, pdf_factory):
    w = province.world
    clerk = province.device("vanthu", w.clerk_id)
    clerk.engine.sync_once()
    op = _register(clerk, pdf_factory())
    [answer] = clerk.client.push([op])  # straight to the server, the PDF left behind
    assert answer.outcome == "rejected" and "chưa được gửi lên máy chủ" in answer.reason
    assert _server_docs(province) == {}
    clerk.engine.sync_once()  # the engine uploads first: now it goes through
    assert _server_docs(province) == {op.document_id: 1}


def test_large_operations_are_pushed_in_several_requests(province, pdf_factory):
    w = province.world
    clerk = province.device("vanthu", w.clerk_id, batch_bytes=1000)
    clerk.engine.sync_once()
    made = []
    for i in range(3):
        pdf = pdf_factory()
        digest, size = clerk.blobs.put_file(pdf)
        long_text = "Nội dung trang văn bản rất dài. " * 100  # its JSON alone is over the budget
        op = ops.RegisterIncoming(new_id(), new_id(), doc_fields(f"Văn bản dài {i}"),
                                  (FileRef(digest, pdf.name, size, 1, long_text),), "2026-03-03")
        with clerk.store.write() as s:
            record_local(s, w.clerk_id, op)
        made.append(op)
    sizes: list[int] = []
    real_push = clerk.client.push

    def counting_push(batch):  # type: ignore[no-untyped-def]
        sizes.append(len(batch))
        return real_push(batch)

    clerk.client.push = counting_push  # type: ignore[method-assign]
    report = clerk.engine.sync_once()
    assert sizes == [1, 1, 1] and report.accepted == 3
    assert sorted(_server_docs(province).values()) == [1, 2, 3]


def test_a_first_sync_opens_on_the_rows_and_the_next_round_builds_the_counts(province, pdf_factory):
    """The window opens once the rows are here (``sync_once(attachments=False)``, as
    ``sync_until_ready`` does): the sidebar's counts, which the load left aside, are built
    by the engine's next round, not before the window. Meanwhile they are counted by the
    lists' conditions: the same numbers."""
    from datetime import date

    from eoffice.directory.models import User
    from eoffice.documents import boxcounts
    from eoffice.documents.boxes import box_counts

    w = province.world
    clerk = province.device("vanthu", w.clerk_id)
    clerk.engine.sync_once()  # the directory, to register with
    _register(clerk, pdf_factory(), "Văn bản chờ chỉ đạo")
    clerk.engine.sync_once()
    leader = province.device("lanhdao", w.leader_id)
    today = date(2026, 3, 20)
    leader.engine.sync_once(attachments=False)
    with leader.store.read() as s:
        assert boxcounts.is_aside(s.connection())
        before = box_counts(s, s.get(User, w.leader_id), today)
    assert sum(before.values()) > 0
    leader.engine.sync_once()
    with leader.store.read() as s:
        assert boxcounts.is_kept(s.connection())
        assert box_counts(s, s.get(User, w.leader_id), today) == before


def test_a_first_sync_loads_with_the_big_tables_indexes_aside_and_builds_them_after(province, pdf_factory, monkeypatch):
    """A new computer's first sync is a bulk load; the next syncs write with every index."""
    from eoffice.store.bulk import secondary_indexes
    from eoffice.sync import engine as engine_module

    w = province.world
    clerk = province.device("vanthu", w.clerk_id)
    clerk.engine.sync_once()  # the directory, to register with
    for i in range(3):
        _register(clerk, pdf_factory(), f"Văn bản {i}")
    clerk.engine.sync_once()
    big = {str(i.name) for i in secondary_indexes(schema().bulk_tables())}
    seen: list[bool] = []  # per page applied: were the big tables' indexes there?
    real_apply = engine_module.apply_page

    def watching_apply(session, page, **kwargs):  # type: ignore[no-untyped-def]
        names = set(session.scalars(text("SELECT name FROM sqlite_master WHERE type = 'index'")))
        seen.append(big <= names)
        return real_apply(session, page, **kwargs)

    monkeypatch.setattr(engine_module, "apply_page", watching_apply)
    leader = province.device("lanhdao", w.leader_id, page_limit=2)
    leader.engine.sync_once()
    assert seen and not any(seen)  # every page of the first sync: aside
    with leader.store.read() as s:
        assert big <= set(s.scalars(text("SELECT name FROM sqlite_master WHERE type = 'index'")))
        assert s.scalar(select(func.count()).select_from(Document)) == 3
    seen.clear()
    _register(clerk, pdf_factory(), "Văn bản sau")
    clerk.engine.sync_once()
    leader.engine.sync_once()
    assert seen and all(seen)  # an ordinary pull keeps them
