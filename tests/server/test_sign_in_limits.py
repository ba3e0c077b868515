"""Limits on guessing passwords, seen from several client addresses over the real server.

Each client binds its own loopback address (127.0.0.2, 127.0.0.3, …: Linux routes all
of 127/8 to the loopback), so the server sees distinct sources as it would distinct
machines. Time moves by the server's injected clock, never by waiting.
"""

from __future__ import annotations

import json
import httpx
from sqlalchemy import select

from eoffice.audit.chain import verify_chain
from eoffice.cli import main as eoffice_main
from eoffice.server.admin import find_user, set_password
from eoffice.server.embedded import EmbeddedServer
from eoffice.server.models import LoginLimit
from eoffice.server.settings import ServerSettings
from eoffice.store.blobs import BlobStore
from tests.server.conftest import PASSWORD, api_client

ATTACKER = "127.0.0.2"
OWNER = "127.0.0.3"


def _login(running, username="chuyenvien", password=PASSWORD, source=ATTACKER, headers=None):
    transport = httpx.HTTPTransport(local_address=source)
    with running.client(transport=transport, headers=headers or {}) as c:
        return c.post("/auth/login", json={"username": username, "password": password})


def _events(running, action, reason=None):
    events = running.audit(action)
    if reason is not None:
        events = [e for e in events if json.loads(e.after_json).get("reason") == reason]
    return [(e, json.loads(e.after_json)) for e in events]


def _lock_out(running, source=ATTACKER, username="chuyenvien"):
    """Ten wrong passwords from ``source``, each after any wait is over: locked out."""
    statuses = []
    for _ in range(10):
        running.clock.advance(minutes=6)
        statuses.append(_login(running, username, "sai-mat-khau", source).status_code)
    assert statuses == [401] * 9 + [423]


def _audit_verifies(running):
    with running.store.read() as s:
        assert verify_chain(s) == []
    # The command an auditor runs, on the same database.
    assert eoffice_main(["--database-url", running.store.url, "audit-verify"]) == 0


def test_a_stranger_locks_out_only_their_own_address(running):
    _lock_out(running)
    # The owner, from their own machine, signs in: at once, or after a short wait that
    # the stranger's guesses cost (never the fifteen minutes of a lock).
    owner = _login(running, source=OWNER)
    if owner.status_code == 429:
        wait = int(owner.headers["Retry-After"])
        assert wait <= running.settings.account_max_delay.total_seconds()
        assert owner.json()["error"] == "login_throttled"
        running.clock.advance(seconds=wait)
        owner = _login(running, source=OWNER)
    assert owner.status_code == 200, owner.text
    # The stranger stays locked out, even with the right password.
    again = _login(running, source=ATTACKER)
    assert again.status_code == 423
    assert again.json()["error"] == "account_locked"
    assert "tạm khóa" in again.json()["message"] and "locked" in again.json()["message_en"]
    locked = _events(running, "auth.account_locked")
    assert [after["source"] for _e, after in locked] == [ATTACKER]
    _audit_verifies(running)


def test_guesses_from_many_addresses_are_spaced_out_but_never_lock_the_account(running):
    evaluated = refused = 0
    for n in range(20):
        source = f"127.0.1.{n + 1}"
        response = _login(running, password=f"doan-{n}", source=source)
        if response.status_code == 429:
            refused += 1
            assert response.json()["error"] == "login_throttled"
            assert int(response.headers["Retry-After"]) <= running.settings.account_max_delay.total_seconds()
            running.clock.advance(seconds=int(response.headers["Retry-After"]))
            response = _login(running, password=f"doan-{n}", source=source)
        assert response.status_code == 401, response.text
        evaluated += 1
    # After five failures in a row every new address waited its turn: guesses from a
    # crowd come no faster than from one machine.
    assert refused == 15 and evaluated == 20
    assert _events(running, "auth.account_locked") == []
    owner = _login(running, source=OWNER)
    assert owner.status_code == 429
    running.clock.advance(seconds=int(owner.headers["Retry-After"]))
    assert _login(running, source=OWNER).status_code == 200
    # The owner's sign-in starts the account's count over; each address keeps its own.
    with running.store.read() as s:
        assert s.get(LoginLimit, "account||chuyenvien") is None
        assert s.get(LoginLimit, "pair|127.0.1.1|chuyenvien").failures == 1


def test_one_address_guessing_many_accounts_is_blocked(running):
    limit = running.settings.source_block_after
    names = ["vanthu", "chuyenvien2", "lanhdao"] + [f"nguoi-{n}" for n in range(limit - 3)]
    statuses = [_login(running, name, "sai-mat-khau").status_code for name in names]
    # No account saw more than a few failures; the address saw them all.
    assert statuses[:-1] == [401] * (limit - 1)
    assert statuses[-1] == 429
    blocked = _login(running, "quantri", PASSWORD)  # the right password, from the blocked address
    assert blocked.status_code == 429
    assert blocked.json()["error"] == "source_blocked"
    assert "địa chỉ này" in blocked.json()["message"] and "this address" in blocked.json()["message_en"]
    assert int(blocked.headers["Retry-After"]) > 60
    for name in ("vanthu", "chuyenvien", "nguoi-khac"):  # whatever it tries next: one audit event
        assert _login(running, name, "sai-mat-khau").json()["error"] == "source_blocked"
    assert [a["count"] for _e, a in _events(running, "auth.login_refused", "source_blocked")] == [1]
    # Everyone else signs in, the accounts guessed at included.
    assert _login(running, "quantri", PASSWORD, source=OWNER).status_code == 200
    assert _login(running, "vanthu", PASSWORD, source=OWNER).status_code == 200
    [(_event, after)] = _events(running, "auth.source_blocked")
    assert after["source"] == ATTACKER and after["failures"] == limit
    running.clock.advance(minutes=15)
    assert _login(running, "quantri", PASSWORD).status_code == 200
    _audit_verifies(running)


def test_typing_errors_spread_over_time_do_not_block_an_address(running):
    # An office behind one address: a few typing errors every few minutes all day.
    for _hour in range(4):
        for _ in range(3):
            assert _login(running, "vanthu", "go-nham").status_code == 401
            assert _login(running, "vanthu").status_code == 200
            running.clock.advance(minutes=5)
    assert _events(running, "auth.source_blocked") == []


def test_repeated_refusals_are_one_audit_event_with_a_count(running):
    _lock_out(running)
    for _ in range(40):
        assert _login(running).status_code == 423
    refusals = _events(running, "auth.login_refused", "locked")
    assert len(refusals) == 1  # 40 refusals, one event so far
    assert refusals[0][1]["count"] == 1 and refusals[0][1]["source"] == ATTACKER
    # The window rolls over: the 39 repeats become one event with their count, and the
    # next refusal opens a new window with an event of its own.
    running.clock.advance(seconds=running.settings.audit_repeat_window.total_seconds())
    assert _login(running).status_code == 423
    refusals = _events(running, "auth.login_refused", "locked")
    assert [after["count"] for _e, after in refusals] == [1, 39, 1]
    repeats = refusals[1][1]
    assert repeats["repeated"] is True and repeats["username"] == "chuyenvien"
    assert repeats["first_at"] == repeats["last_at"]  # the clock stood still meanwhile
    assert sum(after["count"] for _e, after in refusals) == 41
    _audit_verifies(running)


def test_floods_of_other_refusals_are_counted_too(running):
    """No token, an unknown refresh token, a wrong password for an unknown user: each
    flood is one event, and its count reaches the chain with the next refusal of any
    kind after the window, or when a server starts."""
    transport = httpx.HTTPTransport(local_address=ATTACKER)
    with running.client(transport=transport) as c:
        for _ in range(25):
            assert c.get("/me").status_code == 401
            assert c.post("/auth/refresh", json={"refresh_token": "khong-co"}).status_code == 401
    assert [a["count"] for _e, a in _events(running, "access.denied", "no_token")] == [1]
    assert [a["count"] for _e, a in _events(running, "access.denied", "unknown_refresh_token")] == [1]
    running.clock.advance(seconds=running.settings.audit_repeat_window.total_seconds())
    assert _login(running, "khongco", "sai-mat-khau").status_code == 401  # another kind
    assert [a["count"] for _e, a in _events(running, "access.denied", "no_token")] == [1, 24]
    assert [a["count"] for _e, a in _events(running, "access.denied", "unknown_refresh_token")] == [1, 24]
    # Repeats whose window is still open when the server stops are written at the next start.
    for _ in range(3):
        assert _login(running, "khongco", "sai-mat-khau").status_code == 401
    running.server.stop()
    running.clock.advance(seconds=running.settings.audit_repeat_window.total_seconds())
    running.server = EmbeddedServer(
        running.store, BlobStore(running.settings.data_dir / "blobs"), running.settings
    ).start()
    assert [a["count"] for _e, a in _events(running, "auth.login_failed", "unknown_user")] == [1, 3]
    _audit_verifies(running)


def test_forwarded_addresses_count_only_from_a_trusted_proxy(running, tmp_path):
    # By default a header cannot move a client to another address.
    _lock_out(running, source="127.0.0.1")
    spoofed = _login(running, source="127.0.0.1", headers={"X-Forwarded-For": "10.1.2.3"})
    assert spoofed.status_code == 423
    # A server told to trust its reverse proxy (on 127.0.0.1) takes the client from it.
    running.clock.advance(minutes=1)  # past the account's wait
    settings = ServerSettings(
        data_dir=tmp_path / "proxied", clock=running.clock, trusted_proxies=("127.0.0.1",)
    )
    with EmbeddedServer(running.store, BlobStore(tmp_path / "proxied" / "blobs"), settings) as proxied:
        with api_client(f"{proxied.url}/api/v1", headers={"X-Forwarded-For": "10.1.2.3"}) as c:
            assert c.post("/auth/login", json={"username": "chuyenvien", "password": PASSWORD}).status_code == 200
            assert c.post("/auth/login", json={"username": "vanthu", "password": "sai"}).status_code == 401
        # … and from nobody else.
        transport = httpx.HTTPTransport(local_address=ATTACKER)
        with api_client(f"{proxied.url}/api/v1", transport=transport, headers={"X-Forwarded-For": "10.9.9.9"}) as c:
            assert c.post("/auth/login", json={"username": "vanthu", "password": "sai"}).status_code == 401
    with running.store.read() as s:
        sources = set(s.scalars(select(LoginLimit.source).where(LoginLimit.scope == "pair")))
    assert sources == {"127.0.0.1", "10.1.2.3", ATTACKER}
    login = json.loads(running.audit("auth.login")[-1].after_json)
    assert login["source"] == "10.1.2.3"


def test_a_password_reset_lets_a_locked_out_address_in_again(running):
    _lock_out(running, source=OWNER)  # the owner's own typing, ten times
    assert _login(running, source=OWNER).status_code == 423
    with running.store.write() as s:
        set_password(s, find_user(s, "chuyenvien"), PASSWORD)
    assert _login(running, source=OWNER).status_code == 200

