"""The client end of the live channel: stay connected, hand over events once each, in order.

``LiveClient`` keeps one WebSocket to ``/api/v1/live`` open, reconnecting with backoff when
the server or the network goes away, and always resuming from the last event id it handed
to ``on_event`` — so a reconnect brings exactly what was missed. The caller persists that
id (it is in every event) and gives it back on the next start.

See ``eoffice.server.routes.live`` for the protocol.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import ssl
import threading
from collections.abc import Callable
from typing import Any

from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus, WebSocketException

from eoffice.server.protocol import API_PREFIX, HEADER, PROTOCOL_VERSION

log = logging.getLogger("eoffice.sync.live")

CLOSE_UNAUTHORIZED = 4401

# States given to ``on_status``.
CONNECTING = "connecting"
ONLINE = "online"
OFFLINE = "offline"
UNAUTHORIZED = "unauthorized"
PROTOCOL_MISMATCH = "protocol_mismatch"


def live_url(base_url: str, after: int | None) -> str:
    """``http(s)://host:port[/api/v1]`` → ``ws(s)://host:port/api/v1/live?after=N``."""
    base = base_url.rstrip("/")
    base = base.removesuffix(API_PREFIX)
    if base.startswith("https://"):
        base = "wss://" + base[len("https://"):]
    elif base.startswith("http://"):
        base = "ws://" + base[len("http://"):]
    url = f"{base}{API_PREFIX}/live"
    return url if after is None else f"{url}?after={int(after)}"


class LiveClient:
    """One live connection to the server, kept up until ``stop``.

    ``token_provider()`` returns a current access token (or None when signed out); it is
    asked again before every connection, so it may refresh. ``on_event(event)`` is called
    for each event in id order, never twice for one id; ``on_status(state, message)``
    reports connecting / online / offline / unauthorized / protocol_mismatch;
    ``on_ready(id)`` tells the id the channel is caught up to at each connection (to keep,
    so that the next start asks for what came meanwhile).
    """

    def __init__(
        self,
        base_url: str,
        token_provider: Callable[[], str | None],
        last_event_id: int | None,
        on_event: Callable[[dict[str, Any]], None],
        *,
        on_status: Callable[[str, str], None] | None = None,
        on_ready: Callable[[int], None] | None = None,
        ssl_context: ssl.SSLContext | None = None,
        min_backoff: float = 0.5,
        max_backoff: float = 30.0,
        ping_interval: float = 20.0,
    ) -> None:
        self.base_url = base_url
        self.token_provider = token_provider
        self.last_event_id = last_event_id
        self.on_event = on_event
        self.on_status = on_status
        self.on_ready = on_ready
        self.ssl_context = ssl_context
        self.min_backoff = min_backoff
        self.max_backoff = max_backoff
        self.ping_interval = ping_interval
        self.state = OFFLINE
        self.ready = threading.Event()  # set while connected and caught up
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------------ in a thread of its own

    def start(self) -> LiveClient:
        """Run in a background thread (with its own event loop) until ``stop``."""
        started = threading.Event()

        def main() -> None:
            async def go() -> None:
                self._loop = asyncio.get_running_loop()
                self._stop = asyncio.Event()
                started.set()
                await self.run()

            asyncio.run(go())

        self._thread = threading.Thread(target=main, name="eoffice-live-client", daemon=True)
        self._thread.start()
        started.wait(5)
        return self

    def stop(self, timeout: float = 10.0) -> None:
        loop, stop = self._loop, self._stop
        if loop is not None and stop is not None and not loop.is_closed():
            try:
                loop.call_soon_threadsafe(stop.set)
            except RuntimeError:
                pass
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    # ------------------------------------------------------------------ the loop

    def _status(self, state: str, message: str = "") -> None:
        self.state = state
        if state != ONLINE:
            self.ready.clear()
        if self.on_status is not None:
            try:
                self.on_status(state, message)
            except Exception:
                log.exception("live status callback failed")

    async def run(self) -> None:
        """Connect, receive, reconnect with backoff; returns once ``stop`` is asked."""
        if self._stop is None:
            self._loop = asyncio.get_running_loop()
            self._stop = asyncio.Event()
        stop = self._stop
        backoff = self.min_backoff
        while not stop.is_set():
            session = asyncio.create_task(self._session())
            stopping = asyncio.create_task(stop.wait())
            await asyncio.wait({session, stopping}, return_when=asyncio.FIRST_COMPLETED)
            stopping.cancel()
            if not session.done():
                session.cancel()
                await asyncio.gather(session, return_exceptions=True)
                break
            try:
                caught_up = session.result()
            except Exception:  # a bug in a callback must not end the channel
                log.exception("live session failed")
                caught_up = False
            if caught_up:
                backoff = self.min_backoff
            delay = backoff * (0.5 + random.random() / 2)
            backoff = min(backoff * 2, self.max_backoff)
            try:
                await asyncio.wait_for(stop.wait(), delay)
            except TimeoutError:
                pass
        self._status(OFFLINE)

    async def _session(self) -> bool:
        """One connection until it drops; True when it got as far as being caught up."""
        self._status(CONNECTING)
        token = self.token_provider()
        if not token:
            self._status(UNAUTHORIZED, "Chưa đăng nhập.")
            return False
        headers = {HEADER: str(PROTOCOL_VERSION), "Authorization": f"Bearer {token}"}
        url = live_url(self.base_url, self.last_event_id)
        caught_up = False
        try:
            async with connect(
                url, additional_headers=headers, ssl=self.ssl_context if url.startswith("wss") else None,
                ping_interval=self.ping_interval, open_timeout=10, max_size=2**20,
            ) as ws:
                async for raw in ws:
                    message = json.loads(raw)
                    kind = message.get("type")
                    if kind == "ready":
                        # Normally our id or later; lower only when the server's database
                        # is not the one our id came from (then its numbering is the truth).
                        self.last_event_id = int(message["id"])
                        caught_up = True
                        if self.on_ready is not None:
                            try:
                                self.on_ready(self.last_event_id)
                            except Exception:
                                log.exception("live ready callback failed")
                        self._status(ONLINE)
                        self.ready.set()
                    elif kind == "event":
                        self._deliver(message)
                    elif kind == "error":
                        self._status(UNAUTHORIZED, str(message.get("message", "")))
        except InvalidStatus as error:
            status = error.response.status_code
            detail = _error_message(error.response.body)
            self._status(PROTOCOL_MISMATCH if status == 426 else OFFLINE, detail or f"HTTP {status}")
            return False
        except ConnectionClosed as error:
            if error.rcvd is not None and error.rcvd.code == CLOSE_UNAUTHORIZED:
                return caught_up
            self._status(OFFLINE, "Mất kết nối tới máy chủ.")
            return caught_up
        except (OSError, WebSocketException, TimeoutError, ValueError) as error:
            self._status(OFFLINE, f"Không kết nối được máy chủ ({error.__class__.__name__}).")
            return caught_up
        if self.state == ONLINE:
            self._status(OFFLINE, "Máy chủ đã đóng kết nối.")
        return caught_up

    def _deliver(self, message: dict[str, Any]) -> None:
        event_id = int(message["id"])
        if self.last_event_id is not None and event_id <= self.last_event_id:
            return  # seen already (the server never sends one twice, but be sure)
        try:
            self.on_event(message)
        except Exception:
            log.exception("handling live event %s failed", event_id)
        self.last_event_id = event_id


def _error_message(body: bytes | bytearray | None) -> str:
    try:
        data = json.loads(body or b"")
    except ValueError:
        return ""
    return str(data.get("message", "")) if isinstance(data, dict) else ""
