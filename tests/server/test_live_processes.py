"""Two server processes on one PostgreSQL database: an event caused through one reaches a
client of the other, carried by LISTEN/NOTIFY (no other broker, no polling on PostgreSQL)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from eoffice.ops import to_json
from eoffice.store import Store
from tests.conftest import World, make_world
from tests.processes import die_with_parent
from tests.server.conftest import api_client, bearer, give_passwords
from tests.server.live_helpers import (
    direct,
    direct_op,
    live_socket,
    receive,
    registered,
    until_ready,
)
from tests.waiting import PATIENCE

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class ServerProcess:
    """``python -m eoffice server`` as a child process; its output goes to a log file."""

    def __init__(self, database_url: str, data_dir: Path, log: Path) -> None:
        self.port = _free_port()
        self.log = log.open("wb")
        env = {**os.environ, "EOFFICE_DATA_DIR": str(data_dir.parent / "user")}
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "eoffice", "server", "--database-url", database_url,
                "--data-dir", str(data_dir), "--port", str(self.port),
            ],
            cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT,
            start_new_session=True, preexec_fn=die_with_parent,
        )
        self.log_path = log

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_started(self) -> None:
        deadline = time.monotonic() + PATIENCE
        while True:
            try:
                httpx.get(f"{self.url}/api/v1/hello", timeout=PATIENCE).raise_for_status()
                return
            except httpx.TransportError:
                assert self.process.poll() is None, self.log_path.read_text(errors="replace")
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=30)
        self.log.close()


@pytest.fixture
def shared_pg(tmp_path: Path) -> Iterator[tuple[str, World]]:
    """A fresh PostgreSQL database with the test organisation (skips without PostgreSQL)."""
    from tests.conftest import _pg_database

    gen = _pg_database()
    url = next(gen)
    store = Store(url)
    store.migrate()
    world = make_world(store)
    give_passwords(store, "chuyenvien", "lanhdao", "vanthu")
    try:
        yield url, world
    finally:
        store.dispose()
        gen.close()


@contextmanager
def two_servers(url: str, tmp_path: Path) -> Iterator[tuple[ServerProcess, ServerProcess, dict, dict]]:  # type: ignore[type-arg]
    """Server processes A and B on one database, the officer signed in on A, the leader on B."""
    data_dir = tmp_path / "server"  # one data dir: both processes sign tokens with one key
    a = ServerProcess(url, data_dir, tmp_path / "a.log")
    try:
        a.wait_started()  # A creates the signing key before B reads it
        b = ServerProcess(url, data_dir, tmp_path / "b.log")
        try:
            b.wait_started()
            with api_client(f"{a.url}/api/v1") as c:
                officer = c.post("/auth/login", json={"username": "chuyenvien", "password": "mat-khau-1234"}).json()
            with api_client(f"{b.url}/api/v1") as c:
                leader = c.post("/auth/login", json={"username": "lanhdao", "password": "mat-khau-1234"}).json()
            yield a, b, officer, leader
        finally:
            b.stop()
    finally:
        a.stop()


@pytest.mark.postgres
def test_a_client_of_one_process_hears_an_operation_pushed_through_another(shared_pg, tmp_path: Path):
    url, world = shared_pg
    with two_servers(url, tmp_path) as (a, b, officer, leader):
        store = Store(url)  # the test process: a third writer on the same database
        try:
            with live_socket(a.url, officer["access_token"], after=0) as ws:
                assert until_ready(ws) == ([], 0)

                # Through process B's HTTP API.
                doc = registered(store, world, "Về việc họp giao ban")
                op = direct_op(doc, user_id=world.officer_id)
                with api_client(f"{b.url}/api/v1", headers=bearer(leader)) as c:
                    response = c.post("/ops", json={"ops": [to_json(op)]})
                assert response.status_code == 200, response.text
                assert response.json()["results"][0]["outcome"] == "accepted", response.text
                event = receive(ws)
                assert event["kind"] == "direction.assigned"
                assert event["payload"]["line_id"] == op.lines[0].line_id
                assert event["payload"]["subject"] == "Về việc họp giao ban"

                # And from a third process writing the database directly.
                third = direct(store, world, registered(store, world), user_id=world.officer_id)
                event2 = receive(ws)
                assert event2["payload"]["line_id"] == third.lines[0].line_id
                assert event2["id"] > event["id"]
        finally:
            store.dispose()


@pytest.mark.postgres
def test_a_long_poll_on_one_process_answers_a_push_through_another(shared_pg, tmp_path: Path):
    """``/changes?wait=`` on A is held until a direction pushed through B commits: the
    version's NOTIFY reaches A's waiting pull as it reaches A's live channel."""
    url, world = shared_pg
    with two_servers(url, tmp_path) as (a, b, officer, leader):
        store = Store(url)
        try:
            doc = registered(store, world, "Về việc họp giao ban")
        finally:
            store.dispose()
        with api_client(f"{a.url}/api/v1", headers=bearer(officer)) as c:
            cursor = 0
            while True:  # catch up first
                page = c.get("/changes", params={"cursor": cursor}).json()
                cursor = page["next_cursor"]
                if not page["more"]:
                    break
            op = direct_op(doc, user_id=world.officer_id)

            def push_through_b() -> None:
                # Meant to come while A holds the pull; A's wait cannot be seen from this
                # process, so this is a moment, not a condition. It cannot fail the test:
                # pushed before A looks, the pull answers with the line at once.
                time.sleep(0.5)
                with api_client(f"{b.url}/api/v1", headers=bearer(leader)) as cb:
                    cb.post("/ops", json={"ops": [to_json(op)]})

            pusher = threading.Thread(target=push_through_b, daemon=True)
            pusher.start()
            response = c.get("/changes", params={"cursor": cursor, "wait": 20})
            pusher.join(PATIENCE)
        assert response.status_code == 200, response.text
        lines = [row["id"] for row in response.json()["rows"]["direction_lines"]]
        assert lines == [op.lines[0].line_id]
