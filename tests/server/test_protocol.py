"""The protocol handshake: a client learns the server's versions and is told to update."""

from __future__ import annotations

import httpx
import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

import eoffice
from eoffice.server.protocol import HEADER
from tests.waiting import PATIENCE


def test_hello_needs_neither_sign_in_nor_version(running):
    response = httpx.get(f"{running.api}/hello")
    assert response.status_code == 200
    assert response.json() == {
        "protocol_min": 1, "protocol_max": 1, "server": "eoffice", "version": eoffice.__version__,
    }


def test_a_client_of_another_protocol_is_told_to_update(running):
    for headers in ({HEADER: "2"}, {HEADER: "0"}, {HEADER: b"mot"}, {HEADER: "m\xf4t".encode("latin-1")}, {}):
        response = httpx.post(f"{running.api}/auth/login", json={"username": "x", "password": "y"}, headers=headers)
        assert response.status_code == 426, headers
        body = response.json()
        assert body["error"] == "protocol_mismatch"
        assert "Máy chủ dùng giao thức phiên bản 1; hãy cập nhật eoffice." in body["message"]
        assert (body["protocol_min"], body["protocol_max"]) == (1, 1)


def test_the_spec_is_served_to_any_client(running):
    spec = httpx.get(f"{running.api}/openapi.json").json()
    assert {"/api/v1/hello", "/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/me"} <= set(spec["paths"])


def test_unknown_address_is_a_json_404(running):
    with running.client() as c:
        response = c.get("/no-such-thing")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_a_live_channel_of_another_protocol_is_refused_at_the_handshake(running):
    url = running.api.replace("http://", "ws://") + "/live"
    with pytest.raises(InvalidStatus) as refused:
        connect(url, additional_headers={HEADER: "2"}, open_timeout=PATIENCE)
    assert refused.value.response.status_code == 426
    assert "hãy cập nhật eoffice" in refused.value.response.body.decode("utf-8")
