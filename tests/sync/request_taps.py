"""Seeing the requests a ``SyncClient`` makes, from a test: which step of the engine each
is, when it is about to go out, and the moment it is wholly sent with its answer not yet
read — where a test kills a process "inside" a request by construction, or counts the
rounds an engine tried while the server is away, instead of sleeping and hoping.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from eoffice.sync.client import SyncClient


def request_kind(request: httpx.Request) -> str:
    """Which step of the engine a request to the server is: push, pull, upload, download
    (or other: hello, sign-in, bodies, refetch)."""
    path, method = request.url.path, request.method
    if method == "POST" and path.endswith("/ops"):
        return "push"
    if method == "GET" and path.endswith("/changes"):
        return "pull"
    if "/blobs/" in path:
        return {"PUT": "upload", "GET": "download"}.get(method, "other")
    return "other"


def tap_requests(
    client: SyncClient,
    *,
    attempted: Callable[[str], None] | None = None,
    sent: Callable[[str], None] | None = None,
) -> None:
    """Calls ``attempted(kind)`` as each request of ``client`` is about to go out (before
    it connects), and ``sent(kind)`` in the requesting thread once the request is wholly
    written to the server and its answer not yet read (httpcore's ``trace`` extension,
    its event ``http11.send_request_body.complete``): the one moment a test can act
    "inside" a request without luck."""

    def hook(request: httpx.Request) -> None:
        kind = request_kind(request)
        if attempted is not None:
            attempted(kind)
        if sent is not None:

            def trace(event: str, info: dict[str, Any]) -> None:
                if event == "http11.send_request_body.complete":
                    sent(kind)

            request.extensions["trace"] = trace

    # The client's httpx.Client is its own (no product hook): tests only.
    client._http.event_hooks["request"].append(hook)
