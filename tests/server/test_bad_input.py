"""Malformed, mistyped and oversized requests get a clear 4xx, and the server keeps serving."""

from __future__ import annotations

from typing import get_args

import httpx
from fastapi.routing import APIRoute

from eoffice import capabilities
from eoffice.server.routes import ROUTERS
from eoffice.server.routes.sync import PushRequest
from eoffice.server.schemas import RequestBody


def _still_serving(running):
    assert httpx.get(f"{running.api}/hello").status_code == 200


def test_malformed_json_is_a_400_with_a_message(running):
    with running.client() as c:
        response = c.post("/auth/login", content=b'{"username": "a", ', headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json()["error"] == "malformed_json"
    assert response.json()["message"] == "Dữ liệu gửi lên không phải JSON hợp lệ."
    _still_serving(running)


def test_wrong_types_and_missing_fields_name_the_field(running):
    with running.client() as c:
        wrong_type = c.post("/auth/login", json={"username": 12, "password": ["x"]})
        missing = c.post("/auth/login", json={"username": "chuyenvien"})
        not_an_object = c.post("/auth/login", json=[1, 2])
        nul = c.post("/auth/login", json={"username": "chuyen\x00vien", "password": "x"})
        bad_bytes = c.post("/auth/login", content=b"\xff\xfe\x00", headers={"Content-Type": "application/json"})
    assert wrong_type.status_code == 422
    assert wrong_type.json()["error"] == "invalid_request"
    assert "username" in wrong_type.json()["message"] and "password" in wrong_type.json()["message"]
    assert missing.status_code == 422 and "password" in missing.json()["message"]
    assert not_an_object.status_code == 422
    assert nul.status_code == 422 and "username" in nul.json()["message"]
    assert 400 <= bad_bytes.status_code < 500
    _still_serving(running)


def test_an_oversized_body_is_refused_before_it_is_read_whole(running):
    big = b'{"username": "' + b"a" * (11 * 1024 * 1024) + b'", "password": "x"}'
    with running.client() as c:
        declared = c.post("/auth/login", content=big, headers={"Content-Type": "application/json"})

        def chunks():
            for start in range(0, len(big), 1 << 20):
                yield big[start : start + (1 << 20)]

        streamed = c.post("/auth/login", content=chunks(), headers={"Content-Type": "application/json"})
    for response in (declared, streamed):
        assert response.status_code == 413
        assert response.json()["error"] == "body_too_large"
        assert response.json()["message"] == "Dữ liệu gửi lên quá lớn."
    _still_serving(running)


def test_a_wrong_method_or_content_type_is_a_4xx(running):
    with running.client() as c:
        wrong_method = c.get("/auth/login")
        form = c.post("/auth/login", data={"username": "a", "password": "b"})
    assert wrong_method.status_code == 405
    assert wrong_method.json()["error"] == "method_not_allowed"
    assert 400 <= form.status_code < 500 and "error" in form.json()
    _still_serving(running)


def test_every_json_body_refuses_text_no_database_stores():
    """Each route's body is a ``RequestBody`` (a NUL or a lone surrogate is a 422 naming the
    field, ``tests/meetings/live/test_text_http.py``), the capabilities' routes too. The
    push is the exception: the codec refuses such an operation alone, not its batch."""
    capabilities.load_routes()
    bodies = {
        (route.path, model)
        for router in ROUTERS for route in router.routes if isinstance(route, APIRoute)
        for param in route.dependant.body_params
        for model in get_args(param.field_info.annotation) or (param.field_info.annotation,) if model is not type(None)
    }
    paths = {path for path, _ in bodies}
    assert {"/auth/login", "/ops", "/meetings/{meeting_id}/attendance", "/meetings/{meeting_id}/votes"} <= paths
    unchecked = [(path, m) for path, m in bodies if m is not PushRequest and not issubclass(m, RequestBody)]
    assert unchecked == []
