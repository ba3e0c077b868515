"""The live channel: one WebSocket per client carrying that user's events as they happen.

Protocol (``GET /api/v1/live?after=<last event id>``, JSON text frames):

- Handshake: ``X-Eoffice-Protocol`` (checked by the ProtocolGuard, 426 otherwise) and
  ``Authorization: Bearer <access token>``. A missing, bad, expired or revoked token is
  audited; the socket is accepted only to say why — ``{"type": "error", "error": code,
  "message": vi, "message_en": en}`` — and closed with code 4401 (sign in / refresh, then
  reconnect).
- The server first sends every event of the user with id above ``after`` (what the client
  missed), oldest first, then ``{"type": "ready", "id": N}``, then live events as they
  commit. Without ``after`` nothing old is sent; ``ready`` gives the id to resume from
  (lower than ``after`` when the client's id is above every event of this database).
- An event reaches the users its audience (a user, a unit, an organisation's clerks, or a
  kind a capability registers) holds when it is sent, and of those, when it is about a
  document (or anything else registered), only those who may see it then
  (``events.deliveries`` live, ``events.backlog`` for the missed ones): a secret document
  directed to a unit tells its members nothing unless it names them.
- Each event: ``{"type": "event", "id": seq, "event_id": uuid, "kind": ..., "at": ISO time,
  "payload": {...}}``. Ids increase; a client keeps the last one it handled.
- Keepalive: WebSocket pings both ways (uvicorn and the client library); a client may also
  send ``{"type": "ping"}`` and gets ``{"type": "pong"}``.
- When the access token expires the server sends the same error (``token_expired``) and
  closes with 4401; the client refreshes its token and resumes from its last id.
- The sign-in is checked again every ``live_recheck`` (30 s): after a sign-out, a disabled
  account or a password reset the channel ends the same way (audited like any refusal),
  as the user's HTTP requests already do, not only when the token runs out.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from fastapi import APIRouter, Query, WebSocket, WebSocketDisconnect
from starlette.concurrency import run_in_threadpool

from eoffice.server import auth, events
from eoffice.server.deps import client_address
from eoffice.server.errors import AuthError, TokenExpired
from eoffice.server.fanout import Subscriber, hub_of
from eoffice.server.settings import ServerSettings
from eoffice.store import Store

router = APIRouter(tags=["live"])

CLOSE_UNAUTHORIZED = 4401
BACKLOG_PAGE = 500

events.install()


def _bearer(websocket: WebSocket) -> str | None:
    value = websocket.headers.get("authorization", "")
    scheme, _, token = value.partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


def _connect(store: Store, settings: ServerSettings, token: str | None, path: str, source: str) -> tuple[str, float]:
    """Who is connecting (their user id) and when their token expires (epoch seconds);
    refusals audited."""
    user = auth.authenticate(store, settings, token, path=path, source=source)
    assert token is not None
    claims = auth.decode_access_token(settings, token)
    return user.id, float(claims["exp"])


def _latest(store: Store) -> int:
    with store.read() as session:
        return events.latest_seq(session)


def _backlog(store: Store, user_id: str, after: int) -> tuple[list[dict[str, Any]], int, bool]:
    """The missed events the user may receive (``events.backlog``), as messages."""
    with store.read() as session:
        found, upto, more = events.backlog(session, user_id, after, BACKLOG_PAGE)
        return [ev.to_message() for ev in found], upto, more


async def _error(websocket: WebSocket, error: AuthError) -> None:
    await websocket.send_json(
        {"type": "error", "error": error.code, "message": error.message_vi, "message_en": error.message_en}
    )
    await websocket.close(CLOSE_UNAUTHORIZED, error.code)


async def _send_live(websocket: WebSocket, sub: Subscriber, last: int) -> None:
    while True:
        seq, text = await sub.queue.get()
        if seq > last:  # already sent from the backlog otherwise
            await websocket.send_text(text)
            last = seq


async def _watch(store: Store, settings: ServerSettings, token: str, path: str, source: str) -> AuthError:
    """Wait until the sign-in behind ``token`` no longer stands; return why."""
    while True:
        await asyncio.sleep(settings.live_recheck.total_seconds())
        try:
            await run_in_threadpool(auth.authenticate, store, settings, token, path=path, source=source)
        except AuthError as error:
            return error


async def _receive(websocket: WebSocket) -> None:
    while True:
        raw = await websocket.receive_text()
        try:
            message = json.loads(raw)
        except ValueError:
            continue
        if isinstance(message, dict) and message.get("type") == "ping":
            await websocket.send_json({"type": "pong"})


@router.websocket("/live")
async def live(websocket: WebSocket, after: int | None = Query(default=None, ge=0)) -> None:
    """The signed-in user's events: the missed ones after ``after``, then live ones."""
    store: Store = websocket.app.state.store
    settings: ServerSettings = websocket.app.state.settings
    token = _bearer(websocket)
    source = client_address(websocket)
    try:
        user_id, expires = await run_in_threadpool(_connect, store, settings, token, websocket.url.path, source)
    except AuthError as error:
        await websocket.accept()  # accepted only to say why, with a close code the client acts on
        await _error(websocket, error)
        return
    hub = await hub_of(websocket.app)
    await websocket.accept()
    # Subscribe before reading the database: an event committed meanwhile is either in the
    # backlog read below or queued for this socket (or both: the id filter drops the copy).
    sub = hub.subscribe(user_id)
    tasks: list[asyncio.Task[Any]] = []
    try:
        latest = await run_in_threadpool(_latest, store)
        if after is not None and after > latest:
            after = None  # an id from another life of this database: start from now
        last = after if after is not None else latest
        if after is not None:
            while True:
                page, upto, more = await run_in_threadpool(_backlog, store, user_id, last)
                for message in page:
                    await websocket.send_json(message)
                last = max(last, upto)  # the events read and not theirs to see are passed
                if not more:
                    break
        # Every event of this user up to ``latest`` was in the backlog (or deliberately
        # left out when no ``after`` was given): resume from the larger of the two.
        last = max(last, latest)
        await websocket.send_json({"type": "ready", "id": last})
        assert token is not None  # _connect refused it otherwise
        watch = asyncio.create_task(_watch(store, settings, token, websocket.url.path, source))
        tasks = [
            asyncio.create_task(_send_live(websocket, sub, last)),
            asyncio.create_task(_receive(websocket)),
            watch,
        ]
        remaining = max(0.0, expires - settings.clock().timestamp())
        done, _ = await asyncio.wait(tasks, timeout=remaining, return_when=asyncio.FIRST_COMPLETED)
        if not done:
            await _error(websocket, TokenExpired())
        elif watch in done:
            await _error(websocket, watch.result())
        for task in done - {watch}:
            task.result()  # a disconnect ends here
    except WebSocketDisconnect:
        pass
    finally:
        hub.unsubscribe(sub)
        for task in tasks:
            task.cancel()
