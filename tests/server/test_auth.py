"""Signing in over the real server: tokens, refresh rotation, throttling, and audited refusals."""

from __future__ import annotations

import jwt
from sqlalchemy import select

from eoffice.directory.models import User
from eoffice.server.models import LoginLimit, RefreshToken
from tests.server.conftest import PASSWORD, bearer


def _login(running, username="chuyenvien", password=PASSWORD):
    with running.client() as c:
        return c.post("/auth/login", json={"username": username, "password": password})


def test_login_gives_tokens_and_the_user(running):
    tokens = running.login("chuyenvien")
    assert tokens["expires_in"] == 15 * 60
    assert tokens["user"]["username"] == "chuyenvien"
    assert tokens["user"]["roles"] == ["officer"]
    assert tokens["user"]["unit_id"] == running.world.office_unit_id
    with running.client(headers=bearer(tokens)) as c:
        me = c.get("/me").json()
    assert me["id"] == running.world.officer_id
    assert me["full_name"] == "Lê Minh Anh"
    # Only the refresh token's digest is kept.
    with running.store.read() as s:
        stored = s.scalars(select(RefreshToken.token_hash)).all()
    assert tokens["refresh_token"] not in stored and len(stored) == 1
    assert running.audit("auth.login")[-1].actor_id == running.world.officer_id


def test_username_is_case_insensitive(running):
    assert _login(running, "ChuyenVien").status_code == 200


def test_wrong_password_and_unknown_user_look_the_same_and_are_audited(running):
    wrong = _login(running, "chuyenvien", "sai-mat-khau")
    unknown = _login(running, "khongco", "sai-mat-khau")
    for response in (wrong, unknown):
        assert response.status_code == 401
        assert response.json()["error"] == "invalid_credentials"
        assert response.json()["message"] == "Tên đăng nhập hoặc mật khẩu không đúng."
    failed = running.audit("auth.login_failed")
    assert [e.actor_id for e in failed] == [running.world.officer_id, None]
    assert '"username":"khongco"' in failed[1].after_json


def test_a_user_without_password_cannot_sign_in(running):
    # lanhdao has no password set in this test organisation.
    assert _login(running, "lanhdao", "").status_code == 422
    assert _login(running, "lanhdao", "bat-ky-mat-khau").status_code == 401


def test_repeated_failures_slow_down_then_lock(running):
    for _ in range(5):
        assert _login(running, password="sai").status_code == 401
    # After five failures the next attempt must wait, even with the right password.
    throttled = _login(running)
    assert throttled.status_code == 429
    assert throttled.json()["error"] == "login_throttled"
    assert int(throttled.headers["Retry-After"]) >= 1
    assert "thử lại sau" in throttled.json()["message"]
    statuses = []
    for _ in range(5):
        running.clock.advance(minutes=6)  # longer than any wait
        statuses.append(_login(running, password="sai").status_code)
    # The tenth failure in a row locks the account; the right password does not help.
    assert statuses == [401, 401, 401, 401, 423]
    locked = _login(running)
    assert locked.status_code == 423
    assert locked.json()["error"] == "account_locked"
    assert "tạm khóa" in locked.json()["message"]
    assert int(locked.headers["Retry-After"]) > 60
    assert running.audit("auth.account_locked")
    refusals = running.audit("auth.login_refused")
    assert {'"reason":"throttled"' in e.after_json for e in refusals} == {True, False}
    running.clock.advance(minutes=16)
    assert _login(running).status_code == 200


def test_waits_double_with_each_failure(running):
    retry_after = []
    for failures in range(1, 9):
        assert _login(running, password="sai").status_code == 401
        if failures >= 5:
            throttled = _login(running)
            assert throttled.status_code == 429
            retry_after.append(int(throttled.headers["Retry-After"]))
        running.clock.advance(minutes=6)
    assert retry_after == [1, 2, 4, 8]


def test_success_resets_the_failure_count(running):
    for _ in range(4):
        _login(running, password="sai")
    assert _login(running).status_code == 200
    for _ in range(4):
        assert _login(running, password="sai").status_code == 401
    assert _login(running).status_code == 200
    with running.store.read() as s:
        assert s.get(LoginLimit, "account||chuyenvien") is None
        assert s.get(LoginLimit, "pair|127.0.0.1|chuyenvien") is None


def test_an_expired_access_token_is_refused_as_expired(running):
    tokens = running.login()
    with running.client(headers=bearer(tokens)) as c:
        assert c.get("/me").status_code == 200
        running.clock.advance(minutes=15, seconds=1)
        response = c.get("/me")
    assert response.status_code == 401
    assert response.json()["error"] == "token_expired"
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert '"reason":"token_expired"' in running.audit("access.denied")[-1].after_json


def test_the_access_token_lifetime_is_a_setting(running):
    running.settings.access_token_ttl = running.settings.access_token_ttl / 900  # one second
    tokens = running.login()
    assert tokens["expires_in"] == 1
    claims = jwt.decode(tokens["access_token"], options={"verify_signature": False})
    assert claims["exp"] - claims["iat"] == 1
    assert {"sub", "exp", "iat", "jti"} <= set(claims)
    running.clock.advance(seconds=1)
    with running.client(headers=bearer(tokens)) as c:
        assert c.get("/me").json()["error"] == "token_expired"


def test_forged_and_missing_tokens_are_refused_and_audited(running):
    tokens = running.login()
    claims = jwt.decode(tokens["access_token"], options={"verify_signature": False})
    forged = jwt.encode({**claims, "sub": running.world.admin_id}, "not-the-server-key-but-long-enough-0123456789")
    with running.client() as c:
        assert c.get("/me", headers={"Authorization": f"Bearer {forged}"}).json()["error"] == "token_invalid"
        assert c.get("/me", headers={"Authorization": "Bearer not.a.jwt"}).status_code == 401
        missing = c.get("/me")
    assert missing.status_code == 401
    assert missing.json()["error"] == "not_authenticated"
    reasons = [e.after_json for e in running.audit("access.denied")]
    assert any('"reason":"token_invalid"' in r for r in reasons)
    assert any('"reason":"no_token"' in r for r in reasons)


def test_refresh_rotates_and_reuse_revokes_the_whole_sign_in(running):
    first = running.login()
    with running.client() as c:
        second = c.post("/auth/refresh", json={"refresh_token": first["refresh_token"]})
        assert second.status_code == 200
        second = second.json()
        assert second["refresh_token"] != first["refresh_token"]
        assert c.get("/me", headers=bearer(second)).status_code == 200
        # The first token was replaced; showing it again means someone copied it.
        reuse = c.post("/auth/refresh", json={"refresh_token": first["refresh_token"]})
        assert reuse.status_code == 401
        assert reuse.json()["error"] == "token_revoked"
        # … so the legitimate holder's newer token is revoked too.
        later = c.post("/auth/refresh", json={"refresh_token": second["refresh_token"]})
        assert later.status_code == 401
    assert len(running.audit("auth.refresh_reuse")) >= 1
    with running.store.read() as s:
        rows = s.scalars(select(RefreshToken)).all()
    assert len(rows) == 2 and all(r.revoked_at is not None for r in rows)
    assert rows[0].replaced_by in {r.id for r in rows}


def test_another_sign_in_survives_a_reuse_elsewhere(running):
    phone = running.login()
    laptop = running.login()
    with running.client() as c:
        c.post("/auth/refresh", json={"refresh_token": phone["refresh_token"]})
        c.post("/auth/refresh", json={"refresh_token": phone["refresh_token"]})
        assert c.post("/auth/refresh", json={"refresh_token": laptop["refresh_token"]}).status_code == 200


def test_an_unknown_or_expired_refresh_token_is_refused(running):
    tokens = running.login()
    with running.client() as c:
        assert c.post("/auth/refresh", json={"refresh_token": "khong-co"}).json()["error"] == "token_invalid"
        running.clock.advance(days=31)
        expired = c.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
        assert expired.json()["error"] == "token_expired"


def test_logout_ends_the_sign_in(running):
    tokens = running.login()
    with running.client() as c:
        assert c.post("/auth/logout", json={"refresh_token": tokens["refresh_token"]}).status_code == 204
        assert c.post("/auth/logout", json={"refresh_token": tokens["refresh_token"]}).status_code == 204
        assert c.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]}).status_code == 401
    assert len(running.audit("auth.logout")) == 1


def test_a_deleted_user_is_refused_with_a_valid_token(running):
    tokens = running.login()
    with running.store.write() as s:
        s.get(User, running.world.officer_id).deleted = True
    with running.client(headers=bearer(tokens)) as c:
        response = c.get("/me")
        assert response.status_code == 401
        assert response.json()["error"] == "account_disabled"
        assert c.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]}).status_code == 401
    assert _login(running).status_code == 401


def test_admin_pages_refuse_others_and_the_refusal_is_audited(running):
    officer = running.login("chuyenvien")
    admin = running.login("quantri")
    with running.client() as c:
        refused = c.get("/admin/users", headers=bearer(officer))
        allowed = c.get("/admin/users", headers=bearer(admin))
    assert refused.status_code == 403
    assert refused.json()["error"] == "permission_denied"
    assert refused.json()["message"] == "Chỉ quản trị mới được làm việc này."
    assert allowed.status_code == 200
    assert "vanthu" in {u["username"] for u in allowed.json()}
    denied = running.audit("access.denied")[-1]
    assert denied.actor_id == running.world.officer_id
    assert "/api/v1/admin/users" in denied.after_json


def test_parallel_guesses_are_all_counted(running):
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=4) as pool:
        statuses = list(pool.map(lambda _: _login(running, password="sai").status_code, range(4)))
    assert statuses == [401] * 4
    with running.store.read() as s:
        assert s.get(LoginLimit, "account||chuyenvien").failures == 4
        assert s.get(LoginLimit, "pair|127.0.0.1|chuyenvien").failures == 4
        assert s.get(LoginLimit, "source|127.0.0.1|").failures == 4
