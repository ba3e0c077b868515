"""``python -m eoffice server`` as a real child process, to kill with SIGKILL and restart.

The server of the fault tests runs apart from the test process, as in production: a
SIGKILL ends it with its transactions and connections half-way, and what survives is
what its database and its folder hold. Restarted, it listens on the same port, so its
clients keep their address (and their tokens: the signing key is in the data folder).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from tests.processes import die_with_parent

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class ServerProcess:
    """One server process at a time over ``database_url`` and ``data_dir``, its output in
    ``log_dir`` (one file per start)."""

    def __init__(self, database_url: str, data_dir: Path, log_dir: Path) -> None:
        self.database_url = database_url
        self.data_dir = data_dir
        self.log_dir = log_dir
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0
        self.kills = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log(self) -> Path:
        return self.log_dir / f"server-{self.starts}.log"

    def start(self, timeout: float = 120.0) -> ServerProcess:
        assert self.process is None, "already running"
        self.starts += 1
        self.log_dir.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "EOFFICE_DATA_DIR": str(self.data_dir.parent / "user-data")}
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                [
                    sys.executable, "-m", "eoffice", "server", "--database-url", self.database_url,
                    "--data-dir", str(self.data_dir), "--port", str(self.port),
                ],
                cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True, preexec_fn=die_with_parent,
            )
        deadline = time.monotonic() + timeout
        while True:
            try:
                if httpx.get(f"{self.url}/api/v1/hello", timeout=2).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                log = self.log.read_text(errors="replace")
                self.kill()
                raise AssertionError(f"the server did not start:\n{log[-3000:]}")
            time.sleep(0.05)

    def kill(self) -> None:
        """SIGKILL: no shutdown, no rollback but the database's own."""
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=30)
        self.process = None
        self.kills += 1

    def stop(self) -> None:
        """A clean stop (SIGTERM, as a service manager does), SIGKILL if it hangs."""
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill()
            return
        self.process = None

    def assert_no_errors(self) -> None:
        """No request of any start ended in a 500 (a bug, where a refusal was due)."""
        for n in range(1, self.starts + 1):
            text = (self.log_dir / f"server-{n}.log").read_text(errors="replace")
            assert "Traceback" not in text and " 500 " not in text, text[-3000:]
