"""The admin's commands, run as the admin runs them: ``python -m eoffice admin …``."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from sqlalchemy import select

from eoffice.server.embedded import EmbeddedServer
from eoffice.signing.models import TrustedRoot
from eoffice.server.process import open_server
from tests.server.conftest import api_client, bearer
from tests.server.pki import make_ca, make_leaf, pem
from tests.waiting import PATIENCE

ROOT = Path(__file__).resolve().parents[2]


def eoffice(server_dir: Path, *args: str, password: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "EOFFICE_DATA_DIR": str(server_dir.parent / "user")}
    if password is not None:
        env["NEW_PASSWORD"] = password
    return subprocess.run(
        [sys.executable, "-m", "eoffice", "admin", args[0], "--data-dir", str(server_dir), *args[1:]],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=120, stdin=subprocess.DEVNULL,
        start_new_session=True,  # no controlling terminal: a password prompt could never block
    )


def _organisation(server_dir: Path) -> None:
    done = eoffice(
        server_dir, "create-organisation", "--organ-id", "000.00.12.H41", "--name", "Sở Nội vụ tỉnh Nghệ An",
        "--abbreviation", "SNV",
    )
    assert done.returncode == 0, done.stderr
    assert "Đã tạo cơ quan 000.00.12.H41" in done.stdout


def _login(api: str, username: str, password: str) -> httpx.Response:
    with api_client(api) as c:
        return c.post("/auth/login", json={"username": username, "password": password})


def test_create_user_then_sign_in_then_reset_password_revokes_sign_ins(server_dir):
    _organisation(server_dir)
    made = eoffice(
        server_dir, "create-user", "--username", "VanThu", "--full-name", "Trần Thị Thu", "--organ-id",
        "000.00.12.H41", "--roles", "clerk,lãnh đạo", "--position", "Văn thư", "--password-env", "NEW_PASSWORD",
        password="mat-khau-dau-tien",
    )
    assert made.returncode == 0, made.stderr
    store, blobs, settings = open_server(None, server_dir)
    try:
        with EmbeddedServer(store, blobs, settings) as server:
            api = f"{server.url}/api/v1"
            signed_in = _login(api, "vanthu", "mat-khau-dau-tien")
            assert signed_in.status_code == 200, signed_in.text
            tokens = signed_in.json()
            assert tokens["user"]["roles"] == ["clerk", "leader"]

            reset = eoffice(server_dir, "reset-password", "--username", "vanthu", "--password-env", "NEW_PASSWORD",
                            password="mat-khau-moi-123")
            assert reset.returncode == 0, reset.stderr
            assert "1 phiên đăng nhập bị thu hồi" in reset.stdout

            with api_client(api) as c:
                refreshed = c.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
                assert refreshed.status_code == 401
                assert refreshed.json()["error"] == "token_revoked"
                # The access token made under the old password stops working too.
                assert c.get("/me", headers=bearer(tokens)).status_code == 401
            assert _login(api, "vanthu", "mat-khau-dau-tien").status_code == 401
            assert _login(api, "vanthu", "mat-khau-moi-123").status_code == 200
    finally:
        store.dispose()


def test_create_user_refuses_bad_input_with_a_vietnamese_message(server_dir):
    _organisation(server_dir)

    def create(username="a1", organ_id="000.00.12.H41", roles="clerk", password="mat-khau-1234", env=True):
        args = ["create-user", "--username", username, "--full-name", "A", "--organ-id", organ_id, "--roles", roles]
        return eoffice(server_dir, *args, *(["--password-env", "NEW_PASSWORD"] if env else []), password=password)

    bad_role = create(roles="giamdoc")
    assert bad_role.returncode == 1 and "Vai trò “giamdoc” không có" in bad_role.stderr
    bad_name = create(username="nguyễn văn")
    assert bad_name.returncode == 1 and "chỉ gồm chữ không dấu" in bad_name.stderr
    short = create(password="ngan")
    assert short.returncode == 1 and "ít nhất 8 ký tự" in short.stderr
    no_org = create(organ_id="000.00.99.H41")
    assert no_org.returncode == 1 and "Không có cơ quan mã 000.00.99.H41" in no_org.stderr
    no_tty = create(env=False)
    assert no_tty.returncode == 1 and "--password-env" in no_tty.stderr
    unknown = eoffice(server_dir, "reset-password", "--username", "khongco", "--password-env", "NEW_PASSWORD",
                      password="mat-khau-1234")
    assert unknown.returncode == 1 and "Không có người dùng “khongco”" in unknown.stderr


def test_import_orgchart_then_give_a_password(server_dir):
    imported = eoffice(server_dir, "import-orgchart", str(ROOT / "resources" / "demo" / "orgchart.csv"))
    assert imported.returncode == 0, imported.stderr
    assert "Đã tạo" in imported.stdout
    store, _, _ = open_server(None, server_dir)
    try:
        from eoffice.directory.models import User

        with store.read() as s:
            username = s.scalars(select(User.username).order_by(User.username)).first()
    finally:
        store.dispose()
    reset = eoffice(server_dir, "reset-password", "--username", username, "--password-env", "NEW_PASSWORD",
                    password="mat-khau-1234")
    assert reset.returncode == 0, reset.stderr


def test_add_trusted_root_accepts_a_ca_and_refuses_anything_else(server_dir, tmp_path):
    ca, ca_key = make_ca("CA Chính phủ thử nghiệm")
    (tmp_path / "ca.pem").write_bytes(pem(ca))
    (tmp_path / "leaf.pem").write_bytes(pem(make_leaf(ca, ca_key)))
    (tmp_path / "junk.pem").write_text("không phải chứng thư")

    added = eoffice(server_dir, "add-trusted-root", str(tmp_path / "ca.pem"))
    assert added.returncode == 0, added.stderr
    again = eoffice(server_dir, "add-trusted-root", str(tmp_path / "ca.pem"))
    assert again.returncode == 1 and "đã có trong danh sách tin cậy" in again.stderr
    leaf = eoffice(server_dir, "add-trusted-root", str(tmp_path / "leaf.pem"))
    assert leaf.returncode == 1 and "không phải của tổ chức cung cấp dịch vụ chứng thực" in leaf.stderr
    junk = eoffice(server_dir, "add-trusted-root", str(tmp_path / "junk.pem"))
    assert junk.returncode == 1 and "không phải chứng thư số dạng PEM" in junk.stderr
    missing = eoffice(server_dir, "add-trusted-root", str(tmp_path / "none.pem"))
    assert missing.returncode == 1

    store, _, _ = open_server(None, server_dir)
    try:
        with store.read() as s:
            roots = s.scalars(select(TrustedRoot)).all()
    finally:
        store.dispose()
    assert len(roots) == 1
    assert "CA Chính phủ thử nghiệm" in roots[0].subject
    assert roots[0].pem.encode() == pem(ca)
    assert (server_dir / "server.sqlite3").exists()


def test_the_server_command_migrates_and_serves(server_dir):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "EOFFICE_DATA_DIR": str(server_dir.parent / "user")}
    process = subprocess.Popen(
        [sys.executable, "-m", "eoffice", "server", "--data-dir", str(server_dir), "--port", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + PATIENCE
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/v1/hello", timeout=PATIENCE)
                break
            except httpx.ConnectError:
                assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)
        assert response.json()["protocol_max"] == 1
        with api_client(f"http://127.0.0.1:{port}/api/v1") as c:
            assert c.post("/auth/login", json={"username": "x", "password": "y"}).status_code == 401
        assert (server_dir / "server.sqlite3").exists()
        assert (server_dir / "server_secret.key").stat().st_mode & 0o077 == 0
    finally:
        process.terminate()
        process.wait(timeout=30)
        if process.stderr:
            process.stderr.close()


def test_the_admin_names_a_unit_head_and_turns_on_the_two_level_review(server_dir):
    from eoffice.directory.models import Organisation, Unit, User

    _organisation(server_dir)
    store, _blobs, _settings = open_server(None, server_dir)
    try:
        from eoffice.directory.admin import create_unit

        with store.write() as s:
            org = s.scalars(select(Organisation)).one()
            create_unit(s, org.id, "CCHC", "Phòng Cải cách hành chính")
    finally:
        store.dispose()
    made = eoffice(
        server_dir, "create-user", "--username", "tp.cchc", "--full-name", "Hồ Sỹ Dũng", "--organ-id",
        "000.00.12.H41", "--unit", "CCHC", "--roles", "officer", "--password-env", "NEW_PASSWORD",
        password="mat-khau-dau-tien",
    )
    assert made.returncode == 0, made.stderr
    head = eoffice(
        server_dir, "set-unit-head", "--organ-id", "000.00.12.H41", "--unit", "CCHC", "--username", "tp.cchc"
    )
    assert head.returncode == 0, head.stderr
    assert "Hồ Sỹ Dũng là trưởng đơn vị CCHC" in head.stdout
    chain = eoffice(server_dir, "set-draft-review", "--organ-id", "000.00.12.H41", "--levels", "2")
    assert chain.returncode == 0, chain.stderr
    assert "trưởng đơn vị cho ý kiến" in chain.stdout
    wrong = eoffice(server_dir, "set-unit-head", "--organ-id", "000.00.12.H41", "--unit", "XX", "--username", "tp.cchc")
    assert wrong.returncode == 1 and "Không có đơn vị XX" in wrong.stderr
    store, _blobs, _settings = open_server(None, server_dir)
    try:
        with store.read() as s:
            assert s.scalars(select(Organisation)).one().draft_review_levels == 2
            unit = s.scalars(select(Unit)).one()
            assert s.get(User, unit.head_user_id).username == "tp.cchc"
    finally:
        store.dispose()
