"""Refused over HTTP, and nothing else: expired and revoked sign-ins, a wrong password,
someone else's secret document, forged and out-of-order operations, a cursor from the
future, a range beyond a file, bodies too large. Each gets the right status or a
per-operation rejection with a Vietnamese reason, is audited where it is a refusal of
access, changes nothing on the server — every synced row, counter, remembered operation
and stored file checksummed before and after — and the server goes on serving others.
"""

from __future__ import annotations

import json
import threading
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from eoffice.audit.models import AuditEvent
from eoffice.directory.admin import create_organisation, create_user
from eoffice.directory.models import Role
from eoffice.documents import operations as ops
from eoffice.documents.models import Document
from eoffice.ops import FileRef, to_json
from eoffice.server.protocol import HEADER, PROTOCOL_VERSION
from eoffice.store.base import new_id
from eoffice.sync.applying import apply_once
from eoffice.sync.client import SyncClient
from eoffice.sync.client_state import get_cursor, record_local, set_cursor
from eoffice.sync.credentials import Credentials
from eoffice.sync.versioning import current_version
from tests.server.conftest import PASSWORD, give_passwords
from tests.sync.conftest import doc_fields, register_op
from tests.sync.convergence import assert_same_rows, server_state
from tests.sync.http_support import Device, Province, close_audit_windows
from tests.sync.test_http_sync import _register


def _raw(province: Province, token: str | None = None) -> httpx.Client:
    headers = {HEADER: str(PROTOCOL_VERSION)}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return httpx.Client(base_url=f"{province.url}/api/v1", headers=headers, timeout=30)


def _denied(province: Province) -> list[dict[str, object]]:
    """The ``access.denied`` events so far: actor and what was refused."""
    with province.store.read() as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.action == "access.denied").order_by(AuditEvent.seq))
        return [{"actor": e.actor_id, "target": e.target_id, **json.loads(e.after_json or "{}")} for e in events]


def counted(events: list[dict[str, object]]) -> dict[object, int]:
    """Refusals the events stand for, per kind of operation."""
    total: dict[object, int] = {}
    for e in events:
        total[e["kind"]] = total.get(e["kind"], 0) + int(e["count"])  # type: ignore[call-overload]
    return total


def _state(province: Province) -> dict[str, str]:
    return server_state(province.store, province.blobs)


def _ready_op(device: Device, pdf_factory) -> ops.RegisterIncoming:  # type: ignore[no-untyped-def]
    """A registration recorded on the desk with its PDF already on the server: only the
    push is left, so a refused push is the only reason it does not land."""
    device.engine.sync_once()
    op = _register(device, pdf_factory())
    device.client.upload_blob(device.blobs.path_for(op.files[0].digest))
    return op


def test_a_push_with_an_expired_token_is_a_401_audited_and_changes_nothing(province, pdf_factory):
    clerk = province.device("vanthu", province.world.clerk_id)
    op = _ready_op(clerk, pdf_factory)
    token = clerk.client._access
    before, denied = _state(province), len(_denied(province))
    province.clock.advance(minutes=16)  # past the access token's 15 minutes
    with _raw(province, token) as c:
        response = c.post("/ops", json={"ops": [to_json(op)]})
    assert response.status_code == 401 and response.json()["error"] == "token_expired"
    assert response.json()["message"].startswith("Phiên làm việc đã hết hạn")
    [event] = _denied(province)[denied:]
    assert event["reason"] == "token_expired" and event["path"] == "/api/v1/ops"
    assert _state(province) == before
    clerk.engine.sync_once()  # the desk renews its token by itself and pushes
    assert _state(province) != before


def test_a_signed_out_or_stolen_sign_in_ends_its_access_tokens_at_once(province, pdf_factory):
    w = province.world
    clerk = province.device("vanthu", w.clerk_id)
    op = _ready_op(clerk, pdf_factory)
    token = clerk.client._access
    before, denied = _state(province), len(_denied(province))
    clerk.client.logout()
    with _raw(province, token) as c:
        pushed = c.post("/ops", json={"ops": [to_json(op)]})
        pulled = c.get("/changes", params={"cursor": 0})
    for response in (pushed, pulled):
        assert response.status_code == 401 and response.json()["error"] == "token_revoked"
        assert response.json()["message"] == "Phiên đăng nhập đã bị thu hồi; hãy đăng nhập lại."
    # The second refusal repeats the first (same reason, user and address): it is counted
    # in the audit's tally, to be written with its count when the window closes.
    assert [(e["actor"], e["reason"], e["count"]) for e in _denied(province)[denied:]] == [
        (w.clerk_id, "session_revoked", 1)
    ]
    assert _state(province) == before

    # A refresh token copied by someone else: when both use it, the sign-in ends for
    # both, and the access token already handed out stops working too.
    with _raw(province) as c:
        first = c.post("/auth/login", json={"username": "vanthu", "password": PASSWORD}).json()
        rotated = c.post("/auth/refresh", json={"refresh_token": first["refresh_token"]}).json()
        assert c.post("/auth/refresh", json={"refresh_token": first["refresh_token"]}).status_code == 401
    with _raw(province, rotated["access_token"]) as c:
        response = c.post("/ops", json={"ops": [to_json(op)]})
    assert response.status_code == 401 and response.json()["error"] == "token_revoked"
    assert _state(province) == before


def test_a_wrong_password_is_a_401_audited_and_changes_nothing(province):
    before = _state(province)
    with _raw(province) as c:
        response = c.post("/auth/login", json={"username": "vanthu", "password": "sai-mat-khau"})
    assert response.status_code == 401 and response.json()["message"] == "Tên đăng nhập hoặc mật khẩu không đúng."
    with province.store.read() as s:
        failed = s.scalars(select(AuditEvent).where(AuditEvent.action == "auth.login_failed")).all()
    assert [e.actor_id for e in failed] == [province.world.clerk_id]
    assert _state(province) == before


def test_asking_for_someone_elses_secret_document_is_refused_audited_and_changes_nothing(province, pdf_factory):
    w = province.world
    clerk = province.device("vanthu", w.clerk_id)
    clerk.engine.sync_once()
    secret = _register(clerk, pdf_factory("Kế hoạch bảo vệ"), "Kế hoạch bảo vệ", secrecy="secret")
    plain = _register(clerk, pdf_factory("Lịch công tác"), "Lịch công tác")
    clerk.engine.sync_once()
    # The plain one is directed to the finance office, whose officer may therefore read it.
    with province.store.write() as s:
        direct = ops.Direct(
            new_id(), plain.document_id, new_id(), "Phòng Tài chính chủ trì",
            (ops.LineRef(new_id(), "lead", unit_id=w.finance_unit_id, deadline="2099-01-01"),),
        )
        assert apply_once(s, w.leader_id, direct).accepted
    outsider = province.device("chuyenvien2", w.officer2_id)  # not named on the secret one
    outsider.engine.sync_once()
    before, denied = _state(province), len(_denied(province))

    page = outsider.client.refetch([secret.document_id, plain.document_id], 0)
    assert [d["id"] for d in page.rows["documents"]] == [plain.document_id]  # nothing of the secret one's
    blob = outsider.client._send("GET", f"/blobs/{secret.files[0].digest}")
    assert blob.status_code == 403 and blob.json()["message"] == "Bạn không có quyền xem tệp đính kèm này."
    events = _denied(province)[denied:]
    assert next((e["actor"], e["target"], e["reason"]) for e in events) == (
        w.officer2_id, secret.document_id, "document_not_visible"
    )
    assert events[1]["actor"] == w.officer2_id and secret.files[0].digest in str(events[1]["path"])
    with outsider.store.read() as s:
        assert s.get(Document, secret.document_id) is None
    assert _state(province) == before


def test_forged_operations_are_rejected_audited_and_change_nothing(province, pdf_factory):
    w = province.world
    # Another organisation, with a document of its own.
    with province.store.write() as s:
        other = create_organisation(s, "000.00.02.H41", "Sở Tài chính", "STC")
        stranger = create_user(s, "vanthustc", "Ngô Thị Lạ", other.id, {Role.CLERK, Role.LEADER}, None, "Văn thư").id
    theirs = register_op("Về việc quyết toán")
    with province.store.write() as s:
        assert apply_once(s, stranger, theirs).accepted
    give_passwords(province.store, "vanthustc")
    clerk = province.device("vanthu", w.clerk_id)
    mine = _ready_op(clerk, pdf_factory)
    clerk.engine.sync_once()
    leader = province.device("lanhdao", w.leader_id)
    leader.engine.sync_once()
    before, denied = _state(province), len(_denied(province))

    forged = [
        # a direction on another organisation's document
        ops.Direct(new_id(), theirs.document_id, new_id(), "", (ops.LineRef(new_id(), "lead", user_id=w.officer_id),)),
        # a direction naming a person of another organisation
        ops.Direct(new_id(), mine.document_id, new_id(), "", (ops.LineRef(new_id(), "lead", user_id=stranger),)),
        # someone else's operation id, with other content
        ops.RegisterIncoming(mine.op_id, new_id(), doc_fields("Giả mạo"), mine.files, "2026-03-03"),
    ]
    results = leader.client.push(forged)
    assert [r.outcome for r in results] == ["rejected"] * 3
    assert results[0].reason == results[1].reason == "Bạn không có quyền thực hiện thao tác này trên văn bản đó."
    assert results[2].reason == "Mã thao tác này đã được dùng cho một thao tác khác."
    # Audited: the first refusal of each kind at once, naming its operation; the second
    # direction only counted, written with its count when the window closes.
    events = _denied(province)[denied:]
    assert [(e["actor"], e["target"], e["kind"], e["count"]) for e in events] == [
        (w.leader_id, forged[0].op_id, "direct", 1), (w.leader_id, forged[2].op_id, "register_incoming", 1),
    ]
    assert _state(province) == before
    close_audit_windows(province)
    assert counted(_denied(province)[denied:]) == {"direct": 2, "register_incoming": 1}


def test_operations_pushed_out_of_order_are_rejected_each_with_its_reason_and_the_rest_applies(province, pdf_factory):
    w = province.world
    clerk = province.device("vanthu", w.clerk_id)
    reg = _ready_op(clerk, pdf_factory)
    line = new_id()
    direct = ops.Direct(
        new_id(), reg.document_id, new_id(), "Đề nghị xử lý", (ops.LineRef(line, "lead", user_id=w.officer_id),)
    )
    leader = province.device("lanhdao", w.leader_id)
    officer = province.device("chuyenvien", w.officer_id)
    before = _state(province)

    # The officer completes a line, the leader directs a document, before either exists.
    [early_done] = officer.client.push([ops.CompleteLine(new_id(), line, "Xong")])
    [early_direct] = leader.client.push([direct])
    assert early_done.outcome == early_direct.outcome == "rejected"
    assert early_done.reason == "Không tìm thấy việc được giao."
    assert early_direct.reason == "Không tìm thấy văn bản."
    # Refused, remembered as refused, nothing else: the same ids stay refused.
    assert _state(province)["documents"] == before["documents"]
    assert _state(province)["direction_lines"] == before["direction_lines"]
    [again] = leader.client.push([direct])
    assert again.replayed and again.outcome == "rejected"

    # In one batch the order is the client's: returning a document before registering it.
    late_direct = ops.Direct(
        new_id(), reg.document_id, new_id(), "", (ops.LineRef(new_id(), "lead", user_id=w.officer_id),)
    )
    with_register = clerk.client.push([ops.ReturnDocument(new_id(), reg.document_id, "Gửi nhầm nơi"), reg])
    assert [(r.outcome, r.reason) for r in with_register] == [("rejected", "Không tìm thấy văn bản."), ("accepted", "")]
    [in_order] = leader.client.push([late_direct])
    assert in_order.outcome == "accepted"
    with province.store.read() as s:
        assert [d.id for d in s.scalars(select(Document))] == [reg.document_id]


def test_a_cursor_beyond_the_server_is_a_409_and_the_desk_pulls_again_from_the_start(province, pdf_factory):
    w = province.world
    clerk = province.device("vanthu", w.clerk_id)
    clerk.engine.sync_once()
    _register(clerk, pdf_factory())
    clerk.engine.sync_once()
    with province.store.read() as s:
        version = current_version(s)
    assert clerk.client._send("GET", "/changes", params={"cursor": version}).status_code == 200
    ahead = clerk.client._send("GET", "/changes", params={"cursor": version + 50})
    assert ahead.status_code == 409 and ahead.json()["error"] == "cursor_ahead"
    assert ahead.json()["message"].endswith("cần đồng bộ lại từ đầu.")

    # A desk whose cursor is ahead (the server came back from an older backup) would
    # otherwise never see a new row again.
    leader = province.device("lanhdao", w.leader_id)
    leader.engine.sync_once()
    with leader.store.write() as s:
        set_cursor(s, version + 1000)
    _register(clerk, pdf_factory(), "Văn bản sau khi khôi phục")
    clerk.engine.sync_once()
    leader.engine.sync_once()
    with leader.store.read() as s:
        assert get_cursor(s) <= _current_version(province)
    assert_same_rows(province.store, leader.store, w.leader_id)


def _current_version(province: Province) -> int:
    with province.store.read() as s:
        return current_version(s)


def test_a_range_beyond_an_attachment_is_a_416_with_a_message(province, pdf_factory):
    clerk = province.device("vanthu", province.world.clerk_id)
    op = _ready_op(clerk, pdf_factory)
    clerk.engine.sync_once()
    digest = op.files[0].digest
    size = clerk.blobs.path_for(digest).stat().st_size
    beyond = clerk.client._send("GET", f"/blobs/{digest}", headers={"Range": f"bytes={size}-"})
    assert beyond.status_code == 416 and beyond.headers["content-range"] == f"bytes */{size}"
    assert beyond.json()["message"] == f"Đoạn tệp được yêu cầu nằm ngoài tệp đính kèm (tệp dài {size} byte)."
    garbled = clerk.client._send("GET", f"/blobs/{digest}", headers={"Range": "bytes=abc"})
    assert garbled.status_code == 400 and garbled.json()["error"] == "bad_range"
    changed = clerk.client._send("GET", f"/blobs/{digest}", headers={"Range": "bytes=abc", "If-Range": '"another"'})
    assert changed.status_code == 200 and len(changed.content) == size  # If-Range: the whole file


@pytest.mark.slow
def test_an_operation_too_large_to_send_is_refused_on_the_desk_and_the_outbox_moves_on(province, pdf_factory):
    w = province.world
    clerk = province.device("vanthu", w.clerk_id)
    clerk.engine.sync_once()
    pdf = pdf_factory()
    digest, size = clerk.blobs.put_file(pdf)
    # Many pages of Vietnamese text: over the server's 10 MB request limit on its own.
    huge = ops.RegisterIncoming(new_id(), new_id(), doc_fields("Hồ sơ rất dày"),
                                (FileRef(digest, pdf.name, size, 1, "ệậữ" * 1_400_000),), "2026-03-03")
    with clerk.store.write() as s:
        record_local(s, w.clerk_id, huge)
    after = _register(clerk, pdf_factory())
    clerk.engine.sync_once()
    status = clerk.engine.status()
    assert status.pending == 0
    [refused] = status.rejected
    assert refused.op_id == huge.op_id and refused.reason.startswith("Thao tác quá lớn để gửi lên máy chủ")
    with province.store.read() as s:
        assert [d.id for d in s.scalars(select(Document))] == [after.document_id]
    with clerk.store.read() as s:
        assert s.get(Document, huge.document_id) is None  # gone from the desk, as a refusal does
    assert_same_rows(province.store, clerk.store, w.clerk_id)


def test_bad_requests_are_4xx_with_a_message_while_the_server_keeps_serving_others(province, pdf_factory):
    w = province.world
    clerk = province.device("vanthu", w.clerk_id)
    clerk.engine.sync_once()
    bad: list[tuple[str, str, dict[str, Any]]] = [  # content: made anew for each send
        ("POST", "/ops", {"content": lambda: b'{"ops": [', "headers": {"Content-Type": "application/json"}}),
        ("POST", "/ops", {"json": {"ops": "không phải danh sách"}}),
        ("POST", "/ops", {"json": {"ops": [{}] * 501}}),
        ("POST", "/ops", {"content": lambda: b'{"ops": ["' + b"x" * (11 * 1024 * 1024) + b'"]}',
                          "headers": {"Content-Type": "application/json"}}),
        ("GET", "/changes", {"params": {"cursor": -1}}),
        ("GET", "/changes", {"params": {"limit": 0}}),
        ("GET", "/changes", {"params": {"cursor": "mười"}}),
        ("GET", "/documents", {"params": {"ids": [new_id()] * 501}}),
        ("GET", "/blobs/not-a-digest", {}),
        ("PUT", f"/blobs/{'0' * 64}", {"content": lambda: b"not what the digest says"}),
    ]
    answers: list[tuple[str, int, str]] = []
    failures: list[BaseException] = []

    def attack() -> None:
        try:
            sender = SyncClient(province.url, credentials=Credentials(province.url, "chuyenvien"))
            with sender:
                sender.login("chuyenvien", PASSWORD)
                for _ in range(3):
                    for method, path, kwargs in bad:
                        r = sender._send(method, path, **kwargs)
                        answers.append((path, r.status_code, r.json().get("message", "")))
        except BaseException as error:  # noqa: BLE001  (shown below, in the test's thread)
            failures.append(error)

    attacker = threading.Thread(target=attack)
    attacker.start()
    made = []
    while attacker.is_alive() or not made:  # the clerk works on meanwhile
        made.append(_register(clerk, pdf_factory(), f"Văn bản {len(made) + 1}"))
        clerk.engine.sync_once()
    attacker.join()
    assert not failures, failures
    assert len(answers) == 3 * len(bad)
    for path, status, message in answers:
        assert 400 <= status < 500 and message, (path, status)
    with province.store.read() as s:
        numbers = sorted(s.scalars(select(Document.arrival_number)))
    assert numbers == list(range(1, len(made) + 1))
    assert_same_rows(province.store, clerk.store, w.clerk_id)
