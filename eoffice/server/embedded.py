"""A server inside this process, on a free loopback port: for tests and ``make run``."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path
from types import TracebackType

import uvicorn

from eoffice.server.app import create_app, stop_app
from eoffice.server.settings import SOCKET_OPTIONS, ServerSettings
from eoffice.store import Store
from eoffice.store.blobs import BlobStore


class EmbeddedServer:
    """uvicorn in a background thread; the port is bound before the thread starts.

    Binding the socket ourselves (port 0) means ``url`` is known at once and no other
    process can take the port between choosing and listening.
    """

    def __init__(
        self,
        store: Store,
        blobs: BlobStore,
        settings: ServerSettings,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        certfile: Path | None = None,
        keyfile: Path | None = None,
    ) -> None:
        self.app = create_app(store, blobs, settings)
        self.settings = settings
        self.host = host
        self._requested_port = port
        self._certfile = certfile
        self._keyfile = keyfile
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None
        self.port = 0

    @property
    def url(self) -> str:
        scheme = "https" if self._certfile else "http"
        return f"{scheme}://{self.host}:{self.port}"

    def start(self, timeout: float = 10.0) -> EmbeddedServer:
        # IPPROTO_TCP named, not 0: asyncio sets TCP_NODELAY only on sockets whose proto
        # says TCP. Without it every response waited ~40 ms for the client's delayed ACK.
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.bind((self.host, self._requested_port))
        self.port = sock.getsockname()[1]
        self._socket = sock
        config = uvicorn.Config(
            self.app,
            log_level="warning",
            lifespan="off",
            ssl_certfile=str(self._certfile) if self._certfile else None,
            ssl_keyfile=str(self._keyfile) if self._keyfile else None,
            timeout_graceful_shutdown=5,
            **self.settings.proxy_options(),  # type: ignore[arg-type]
            **SOCKET_OPTIONS,  # type: ignore[arg-type]
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [sock]}, name="eoffice-server", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the embedded server did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        hub = getattr(self.app.state, "live_hub", None)
        if hub is not None:
            hub.close()  # long polls answer at once, instead of holding the stop up
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        # Only now: a long poll arriving while uvicorn shuts down finds the closed hub and
        # answers at once; a fresh hub made then would hold it past the shutdown deadline.
        if hub is not None:
            self.app.state.live_hub = None  # a later start makes a new one
        if self._socket is not None:
            self._socket.close()
        self._server = self._thread = self._socket = None
        stop_app(self.app)

    def __enter__(self) -> EmbeddedServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
