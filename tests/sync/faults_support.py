"""What the fault tests share: the office, a colleague who keeps writing, the client's PDFs,
and a way to start client processes fast enough to kill them many times.

A client process is started from a fork server that has imported the client code once
(``multiprocessing``'s forkserver with ``tests.sync.fault_client`` preloaded): each start
is a new process with its own memory, database connections and sockets, killed by a real
SIGKILL, but without two seconds of imports before it does anything. The last start of
each test runs as ``python -m tests.sync.fault_client``, the program's own command.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import random
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sqlalchemy import select

from eoffice.demo.pdfs import SampleDocument, render_many
from eoffice.directory.admin import create_user
from eoffice.directory.models import Role
from eoffice.documents import operations as ops
from eoffice.ops import FileRef, Operation
from eoffice.store import Store
from eoffice.store.base import new_id
from eoffice.sync.client import Offline, SyncClient
from eoffice.sync.client_state import pending_operations
from eoffice.sync.credentials import Credentials
from eoffice.sync.models import OutboxEntry
from tests.conftest import World, make_world
from tests.server.conftest import PASSWORD, give_passwords
from tests.sync import fault_client
from tests.sync.server_process import ROOT

CHIEF = "chanhvanphong"


@dataclass
class Office:
    world: World
    #: Chánh Văn phòng: keeps the register and directs (clerk and leader), the user of the
    #: client under test.
    chief_id: str


def make_office(store: Store) -> Office:
    world = make_world(store)
    with store.write() as s:
        chief = create_user(
            s, CHIEF, "Hoàng Văn Chánh", world.org_id, {Role.CLERK, Role.LEADER}, world.office_unit_id,
            "Chánh Văn phòng",
        )
    give_passwords(store, CHIEF, "vanthu", "lanhdao", "chuyenvien")
    return Office(world, chief.id)


def write_pdfs(folder: Path, n: int, tag: str) -> list[str]:
    """``n`` real one-page PDFs with Vietnamese text, each different."""
    folder.mkdir(parents=True, exist_ok=True)
    docs = [
        SampleDocument("Sở Nội vụ", f"{i:02d}/SNV-VP", "Công văn", f"Về việc kiểm tra hồ sơ {tag} số {i}",
                       f"Nội dung văn bản số {i} của đợt {tag}.")
        for i in range(1, n + 1)
    ]
    paths = []
    for i, data in enumerate(render_many(docs), start=1):
        path = folder / f"{tag}-{i:02d}.pdf"
        path.write_bytes(data)
        paths.append(str(path))
    return paths


@dataclass
class Colleague:
    """The office's clerk at another desk, registering documents on the server while the
    client under test crashes and restarts: its pulls have new pages to fetch, its
    downloads new files, and the numbers of the register are shared by both."""

    url: str
    folder: Path
    seed: int
    registered: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.client = SyncClient(self.url, credentials=Credentials(self.url, "vanthu"), timeout=60)
        self.rng = random.Random(self.seed)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._grew = threading.Condition()
        self.error: BaseException | None = None
        self.folder.mkdir(parents=True, exist_ok=True)

    def register(self) -> None:
        """One registration, its attachment (up to a quarter MB) uploaded first; while the
        server cannot be reached it tries again, so every registration lands once."""
        n = len(self.registered) + 1
        data = hashlib.sha256(f"{self.seed}-{n}".encode()).digest() * (self.rng.randint(2, 8) * 1024)
        path = self.folder / f"colleague-{n}.pdf"
        path.write_bytes(b"%PDF-1.4\n" + data)
        op = ops.RegisterIncoming(
            new_id(), new_id(),
            {"type_name": "Công văn", "subject": f"Về việc báo cáo định kỳ số {n}", "organ_name": "Sở Tài chính",
             "organ_id": "000.00.13.H41", "code_number": f"{n:02d}", "code_notation": "STC-KH",
             "issued_date": "2026-03-02"},
            # Stand-in bytes, no PDF the server can count pages in: declared as it measures them.
            (FileRef(hashlib.sha256(path.read_bytes()).hexdigest(), path.name, path.stat().st_size, 0, ""),),
            "2026-03-03",
        )
        while True:  # as any client: the same operation again until the server answers
            try:
                if self.client.user is None:
                    self.client.login("vanthu", PASSWORD)
                self.client.upload_blob(path)
                [answer] = self.client.push([op])
                break
            except Offline:
                time.sleep(0.1)
        assert answer.accepted, answer.reason
        with self._grew:
            self.registered.append(op.document_id)
            self._grew.notify_all()

    def await_registrations(self, n: int, timeout: float = 120.0) -> None:
        """Until the server holds ``n`` more of this colleague's documents than now: what a
        desk stopped before this call has not pulled yet. ``timeout`` only bounds a failure."""
        with self._grew:
            target = len(self.registered) + n
            arrived = self._grew.wait_for(
                lambda: len(self.registered) >= target or self.error is not None or self._thread is None,
                timeout=timeout,
            )
        if self.error is not None:
            raise AssertionError("the colleague's registration failed") from self.error
        assert arrived and len(self.registered) >= target, (
            f"the colleague registered {len(self.registered)} of {target} documents in {timeout}s"
            + ("" if self._thread is not None else " (not started)")
        )

    def start(self, every: float = 0.4) -> None:
        """Register one document every ``every`` seconds, in a thread, until ``stop``."""
        self._stop.clear()

        def loop() -> None:
            try:
                while not self._stop.wait(every * (0.5 + self.rng.random())):
                    self.register()
            except BaseException as error:  # noqa: BLE001 - whatever it is, stop() raises it in the test's thread
                with self._grew:
                    self.error = error
                    self._grew.notify_all()

        self._thread = threading.Thread(target=loop, name="colleague", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
            assert not self._thread.is_alive()
            self._thread = None
        if self.error is not None:
            raise AssertionError("the colleague's registration failed") from self.error

    def close(self) -> None:
        self.stop()
        self.client.close()


# --------------------------------------------------------------------------- client processes

_forkserver = multiprocessing.get_context("forkserver")


def _preload() -> None:
    # Only the first start of the fork server reads it; a later call changes nothing.
    _forkserver.set_forkserver_preload(["tests.sync.fault_client"])


class ClientRuns:
    """Starts of one client (one database, one journal), and where each kill landed."""

    def __init__(self, config: fault_client.Config, folder: Path) -> None:
        self.config = config
        self.folder = folder
        self.landed: Counter[str] = Counter()
        self.runs = 0
        self._offset = 0
        self._lines: list[str] = []
        _preload()

    def journal(self) -> list[str]:
        """The journal's lines so far, without their times (read on from where it stopped)."""
        path = Path(self.config.journal)
        if path.exists():
            with path.open("rb") as f:
                f.seek(self._offset)
                data = f.read()
            end = data.rfind(b"\n") + 1  # a line being written is read next time
            self._offset += end
            self._lines.extend(line.rsplit(" @", 1)[0] for line in data[:end].decode().splitlines())
        return self._lines

    def _this_run(self) -> list[str]:
        lines = self.journal()
        for i in range(len(lines) - 1, -1, -1):
            if lines[i].startswith(f"start {self.runs} "):
                return lines[i:]
        return []

    def start(self, **changes: object) -> multiprocessing.process.BaseProcess:
        self.runs += 1
        defaults = {"run": self.runs, "die_at": None, "extra_ops": [], "log": str(self.folder / "runs.log")}
        for key, value in {**defaults, **changes}.items():
            setattr(self.config, key, value)
        process = _forkserver.Process(target=fault_client.run, args=(self._config_dict(),), daemon=True)
        process.start()
        return process

    def _config_dict(self) -> dict[str, object]:
        return asdict(self.config)

    def wait_for(self, word: str, nth: int, timeout: float) -> bool:
        """Until this run's journal has ``nth`` lines starting with ``word``; False at timeout."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if sum(1 for line in self._this_run() if line.split(" ", 1)[0] == word) >= nth:
                return True
            time.sleep(0.002)
        return False

    def kill(self, process: multiprocessing.process.BaseProcess) -> str:
        """SIGKILL now; returns where the run was (its last journal line's step)."""
        process.kill()
        process.join(timeout=30)
        return self._landed(process)

    def _tail(self, n: int = 30) -> str:
        log = Path(self.config.log).read_text(errors="replace")[-3000:] if self.config.log else ""
        return "\n".join(self._this_run()[-n:]) + ("\n" + log if log else "")

    def _landed(self, process: multiprocessing.process.BaseProcess) -> str:
        if process.exitcode != -9:
            raise AssertionError(f"the client failed (exit {process.exitcode}):\n{self._tail()}")
        lines = self._this_run()
        # A run that killed itself says so; another thread may have written after it.
        dying = [line.split() for line in lines if line.startswith("dying ")]
        if dying:
            where = f"at {dying[-1][1]}"
        else:
            last = lines[-1].split() if lines else ["nothing"]
            where = {
                "push": "inside push", "pull": "inside pull", "upload": "inside upload",
                "download": "inside download",
            }.get(last[0], f"after {last[0]}")
        self.landed[where] += 1
        return where

    def died(self, process: multiprocessing.process.BaseProcess, point: str, timeout: float = 180.0) -> str:
        """Waits for a run started with ``die_at=[point, n]`` to kill itself there; fails,
        with its journal, if it dies anywhere else or is still alive after ``timeout``
        (which only bounds a failure: the caller made sure the point comes)."""
        process.join(timeout=timeout)
        if process.exitcode is None:
            process.kill()
            process.join(timeout=30)
            raise AssertionError(f"the run never reached {point!r} in {timeout}s:\n{self._tail()}")
        where = self._landed(process)
        assert where == f"at {point}", f"the run meant to die at {point!r} ended {where}:\n{self._tail()}"
        return where

    def work_left(self) -> tuple[list[fault_client.Step], list[Operation]]:
        """Between runs: the plan's steps not yet recorded, and the operations recorded but
        not answered (pushed again by the next run), as the client's database holds them."""
        steps = fault_client.plan(self.config)
        if not Path(self.config.database).exists():
            return steps, []
        store = Store(f"sqlite:///{self.config.database}")
        try:
            with store.read() as session:
                recorded = set(session.scalars(select(OutboxEntry.op_id)))
                pending = pending_operations(session, limit=1_000_000)
        finally:
            store.dispose()
        return [s for s in steps if s.op.op_id not in recorded], pending

    def finish(self, timeout: float = 300.0) -> None:
        """The last start, as its own command: sync to the end, exit 0 with ``done``."""
        self.runs += 1
        self.config.run, self.config.die_at, self.config.finish, self.config.extra_ops = self.runs, None, True, []
        self.config.log = None
        path = self.config.save(self.folder / f"run-{self.runs}.json")
        log = self.folder / f"run-{self.runs}.log"
        with log.open("wb") as out:
            result = subprocess.run(
                [sys.executable, "-m", "tests.sync.fault_client", str(path)], cwd=ROOT, stdout=out,
                stderr=subprocess.STDOUT, timeout=timeout, env={**os.environ},
            )
        assert result.returncode == 0, log.read_text(errors="replace")[-3000:]
        assert self._this_run()[-1] == "done", self._this_run()[-10:]
