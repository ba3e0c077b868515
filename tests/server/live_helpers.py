"""Helpers shared by the live-channel tests: sockets, operations, and waiting for events."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from websockets.sync.client import ClientConnection, connect

from eoffice.documents import operations as ops
from eoffice.server import events
from eoffice.server.protocol import HEADER, PROTOCOL_VERSION
from eoffice.store import Store
from eoffice.store.base import new_id
from eoffice.sync.applying import apply_batch
from eoffice.sync.live import live_url
from tests.conftest import World
from tests.sync.conftest import register_op
from tests.waiting import PATIENCE

WAIT = PATIENCE  # generous: a slow machine must not fail a correct channel

events.install()  # this process applies operations as the server would


@contextmanager
def live_socket(base_url: str, token: str | None, after: int | None = None) -> Iterator[ClientConnection]:
    headers = {HEADER: str(PROTOCOL_VERSION)}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    with connect(live_url(base_url, after), additional_headers=headers, open_timeout=WAIT) as ws:
        yield ws


def receive(ws: ClientConnection) -> dict[str, Any]:
    return json.loads(ws.recv(timeout=WAIT))  # type: ignore[no-any-return]


def until_ready(ws: ClientConnection) -> tuple[list[dict[str, Any]], int]:
    """The events sent before ``ready`` (the missed ones) and the id ``ready`` names."""
    got = []
    while True:
        message = receive(ws)
        if message["type"] == "ready":
            return got, message["id"]
        got.append(message)


def registered(store: Store, world: World, subject: str = "Về việc chuyển đổi số") -> str:
    """A registered incoming document (no event: nobody is assigned yet); its id."""
    op = register_op(subject)
    with store.write() as s:
        assert apply_batch(s, world.clerk_id, [op])[0].accepted
    return op.document_id


def direct_op(document_id: str, *, user_id: str | None = None, unit_id: str | None = None) -> ops.Direct:
    return ops.Direct(
        new_id(), document_id, new_id(), "Đề nghị xử lý",
        (ops.LineRef(new_id(), "lead", unit_id=unit_id, user_id=user_id, deadline="2099-01-01"),),
    )


def direct(store: Store, world: World, document_id: str, **to: str) -> ops.Direct:
    """The leader directs the document to a user or unit (a "direction.assigned" event)."""
    op = direct_op(document_id, **to)
    with store.write() as s:
        outcome = apply_batch(s, world.leader_id, [op])[0]
    assert outcome.accepted, outcome.reason_vi
    return op
