"""A real server on loopback over the test database, and clients that speak to it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from eoffice.audit.models import AuditEvent
from eoffice.directory.models import User
from eoffice.server.admin import set_password
from eoffice.server.embedded import EmbeddedServer
from eoffice.server.protocol import HEADER, PROTOCOL_VERSION
from eoffice.server.settings import ServerSettings
from eoffice.store import Store
from eoffice.store.base import utcnow
from eoffice.store.blobs import BlobStore
from tests.conftest import World, make_world
from tests.waiting import PATIENCE

PASSWORD = "mat-khau-1234"


class FakeClock:
    """The server's idea of now, moved by the test instead of by waiting."""

    def __init__(self) -> None:
        self.now = utcnow()

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class Running:
    world: World
    store: Store
    server: EmbeddedServer
    settings: ServerSettings
    clock: FakeClock

    @property
    def api(self) -> str:
        return f"{self.server.url}/api/v1"

    def client(self, **kwargs) -> httpx.Client:  # type: ignore[no-untyped-def]
        return api_client(self.api, **kwargs)

    def login(self, username: str = "chuyenvien", password: str = PASSWORD) -> dict:  # type: ignore[type-arg]
        with self.client() as c:
            response = c.post("/auth/login", json={"username": username, "password": password})
        assert response.status_code == 200, response.text
        return response.json()

    def audit(self, action: str) -> list[AuditEvent]:
        with self.store.read() as s:
            return list(s.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.seq)))


def api_client(base: str, **kwargs) -> httpx.Client:  # type: ignore[no-untyped-def]
    headers = {HEADER: str(PROTOCOL_VERSION), **kwargs.pop("headers", {})}
    return httpx.Client(base_url=base, headers=headers, timeout=30, **kwargs)


def bearer(tokens: dict) -> dict[str, str]:  # type: ignore[type-arg]
    return {"Authorization": f"Bearer {tokens['access_token']}"}


def give_passwords(store: Store, *usernames: str) -> None:
    with store.write() as s:
        for user in s.scalars(select(User).where(User.username.in_(usernames))):
            set_password(s, user, PASSWORD)


@pytest.fixture
def server_dir(tmp_path: Path) -> Path:
    """The server's folder for the admin command line's tests (made by ``init``)."""
    return tmp_path / "server"


@pytest.fixture
def running(store: Store, tmp_path: Path) -> Iterator[Running]:
    """The test organisation on a live server; its clock is the test's."""
    world = make_world(store)
    give_passwords(store, "chuyenvien", "chuyenvien2", "quantri", "vanthu")
    clock = FakeClock()
    settings = ServerSettings(data_dir=tmp_path / "server", clock=clock)
    server = EmbeddedServer(store, BlobStore(tmp_path / "server" / "blobs"), settings).start(timeout=PATIENCE)
    try:
        yield Running(world, store, server, settings, clock)
    finally:
        server.stop()
