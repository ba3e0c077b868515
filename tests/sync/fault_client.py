"""A desktop client that may be killed at any moment: the child process of the fault tests.

    python -m tests.sync.fault_client CONFIG.json

It does what a clerk-and-leader (chánh văn phòng) does at a desk, on its own SQLite file:
signs in with a password (the keychain does not outlive the process, so, as a user after
a crash without a stored sign-in, it signs in again at every start), registers PDFs,
directs them, starts and completes their lines — each through ``record_local``, as the
app does — and syncs with ``SyncEngine.sync_once`` between bursts of work.

What it records is a fixed plan drawn from a seed, so every start knows the same
operations with the same ids and skips those already in its outbox: a restart resumes the
user's work, it does not invent new work. Progress goes to a journal file, one line per
step (``push``, ``pushed``, ``pull``, ``page``…), so a test can tell where a kill from
outside landed; ``die_at`` makes it SIGKILL itself at an exact point (a push sent but not
answered, a pulled page not yet applied, inside a page's transaction…), which a kill from
outside can only hit by luck.

With ``finish`` it syncs until nothing is left to push, pull or download, writes ``done``
and exits 0; without it, it keeps syncing until it is killed.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sys
import threading
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import alembic.command
import keyring
import pypdf
from sqlalchemy import func, select
from sqlalchemy.orm import configure_mappers

import eoffice.models  # noqa: F401  (every table, as the app has them)
import eoffice.sync.engine as engine_module
from eoffice.documents import operations as ops
from eoffice.documents.incoming import prepare_files
from eoffice.documents.models import Register
from eoffice.errors import DomainError
from eoffice.ops import FileRef, Operation, from_json
from eoffice.store import Store
from eoffice.store.blobs import BlobStore
from eoffice.sync.client import NotSignedIn, Offline, SyncClient
from eoffice.sync.client_state import record_local
from eoffice.sync.credentials import Credentials
from eoffice.sync.engine import SyncEngine
from eoffice.sync.models import OutboxEntry
from tests.sync.keyring_double import MemoryKeyring
from tests.sync.request_taps import tap_requests

# What every start needs, done when the module is imported: a fork server that preloads
# this module pays for it once, not each client process it starts.
configure_mappers()
assert alembic.command and pypdf

#: Points where the client can kill itself (``die_at``):
#: ``push_sent``: inside a push, the request wholly sent and its answer not yet read (the
#: server may be applying it as the client dies);
#: ``pushed``: after the server answered a push, before the answer is stored;
#: ``uploaded``: after an attachment was uploaded, before the push that needs it;
#: ``pulled``: inside a pull, the server's page read, with rows, not yet applied;
#: ``page_applied``: inside the transaction of a pulled page with rows, before its commit;
#: ``refetch``: about to fetch the server's copy of documents after a rejection.
DIE_POINTS = ("push_sent", "pushed", "uploaded", "pulled", "page_applied", "refetch")


@dataclass
class Config:
    server_url: str
    database: str
    blobs: str
    journal: str
    username: str
    password: str
    user_id: str
    #: A colleague put on every direction as coordinating (phối hợp).
    colleague_id: str
    #: The PDFs this user registers, one document each, in this order.
    pdfs: list[str]
    seed: int
    #: Which start this is (0, 1, …): varies the bursts between syncs.
    run: int = 0
    page_limit: int = 3
    batch_size: int = 50
    #: Operations recorded between two sync rounds: from 1 to this.
    burst: int = 12
    #: ``[point, n]``: SIGKILL itself at the n-th time it reaches ``point`` (DIE_POINTS).
    die_at: list[Any] | None = None
    #: Operations (their JSON) to record before the plan, e.g. one the server will refuse.
    extra_ops: list[dict[str, Any]] = field(default_factory=list)
    finish: bool = False
    #: Where this process's own output (a traceback) goes; None keeps stdout and stderr.
    log: str | None = None

    def save(self, path: Path) -> Path:
        path.write_text(json.dumps(asdict(self), ensure_ascii=False))
        return path


# --------------------------------------------------------------------------- the plan


@dataclass(frozen=True)
class Step:
    """One user action of the plan; ``pdf`` for a registration."""

    op: Operation
    pdf: str | None = None


def _ids(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def plan(config: Config) -> list[Step]:
    """The user's work, the same at every start: per PDF a registration, then (interleaved
    with the next documents) a direction and, for most, the lead line started and done."""
    rng = random.Random(config.seed)
    chains: list[list[Step]] = []
    for n, pdf in enumerate(config.pdfs, start=1):
        doc, lead, colleague = _ids(rng), _ids(rng), _ids(rng)
        fields = {
            "type_name": "Công văn",
            "subject": f"Về việc kiểm tra hồ sơ số {n} (phiên {config.seed})",
            "organ_name": "Sở Nội vụ",
            "organ_id": "000.00.12.H41",
            "code_number": f"{n:02d}",
            "code_notation": f"SNV-VP{config.seed % 1000}",
            "issued_date": "2026-03-02",
        }
        chain = [
            Step(ops.RegisterIncoming(_ids(rng), doc, fields, (), "2026-03-03"), pdf),
            Step(ops.Direct(_ids(rng), doc, _ids(rng), f"Đề nghị xử lý văn bản {n}", (
                ops.LineRef(lead, "lead", user_id=config.user_id),
                ops.LineRef(colleague, "coordinate", user_id=config.colleague_id),
            ))),
        ]
        if n % 3:
            chain.append(Step(ops.StartLine(_ids(rng), lead)))
            chain.append(Step(ops.CompleteLine(_ids(rng), lead, f"Đã xử lý văn bản {n}")))
        chains.append(chain)
    steps: list[Step] = []
    open_chains: list[list[Step]] = []
    for chain in chains:
        steps.append(chain.pop(0))
        open_chains.append(chain)
        while open_chains and rng.random() < 0.6:
            pick = rng.choice(open_chains)
            steps.append(pick.pop(0))
            if not pick:
                open_chains.remove(pick)
    for chain in open_chains:
        steps.extend(chain)
    return steps


# --------------------------------------------------------------------------- the desk


class Journal:
    """Lines appended with one ``write`` each, so a reader never sees half a line."""

    def __init__(self, path: str) -> None:
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)

    def __call__(self, *words: object) -> None:
        os.write(self._fd, (" ".join(str(w) for w in words) + f" @{time.monotonic():.3f}\n").encode())


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


class _Points:
    """Counts the points the client passes and kills it at the chosen one."""

    def __init__(self, journal: Journal, die_at: list[Any] | None) -> None:
        self.journal = journal
        self.die_at = (str(die_at[0]), int(die_at[1])) if die_at else None
        if self.die_at is not None:
            assert self.die_at[0] in DIE_POINTS, self.die_at
        self.counts: dict[str, int] = {}
        self._lock = threading.Lock()  # pulls are fetched in a thread of their own

    def passed(self, point: str) -> None:
        with self._lock:
            self.counts[point] = self.counts.get(point, 0) + 1
            if self.die_at == (point, self.counts[point]):
                self.journal("dying", point)
                _die()


def _instrument(client: SyncClient, journal: Journal, points: _Points) -> None:
    """Journal every network step of the engine; kill at ``die_at``."""
    real_push, real_pull, real_upload = client.push, client.pull, client.upload_blob
    real_download, real_refetch = client.download_blob, client.refetch
    real_apply = engine_module.apply_page

    def sent(kind: str) -> None:
        if kind == "push":
            points.passed("push_sent")

    tap_requests(client, sent=sent)

    def push(batch):  # type: ignore[no-untyped-def]
        journal("push", len(batch))
        answers = real_push(batch)
        journal("pushed", len(answers))
        points.passed("pushed")
        return answers

    def pull(cursor, limit=1000):  # type: ignore[no-untyped-def]
        journal("pull", cursor)
        page = real_pull(cursor, limit)
        journal("pulled", page.next_cursor, page.count())
        if page.count():  # a page with rows: dying here loses something to apply
            points.passed("pulled")
        return page

    def apply_page(session, page, **kwargs):  # type: ignore[no-untyped-def]
        applied = real_apply(session, page, **kwargs)
        if page.count():
            points.passed("page_applied")
        return applied

    def upload_blob(path, digest=None):  # type: ignore[no-untyped-def]
        journal("upload", digest)
        result = real_upload(path, digest)
        journal("uploaded", digest)
        points.passed("uploaded")
        return result

    def download_blob(digest, dest):  # type: ignore[no-untyped-def]
        journal("download", digest)
        result = real_download(digest, dest)
        journal("downloaded", digest)
        return result

    def refetch(document_ids, cursor):  # type: ignore[no-untyped-def]
        points.passed("refetch")
        return real_refetch(document_ids, cursor)

    client.push, client.pull, client.upload_blob = push, pull, upload_blob  # type: ignore[method-assign]
    client.download_blob, client.refetch = download_blob, refetch  # type: ignore[method-assign]
    engine_module.apply_page = apply_page  # type: ignore[assignment]


class Desk:
    """The user's database, attachments and engine, and the plan's progress on them."""

    def __init__(self, store: Store, blobs: BlobStore, engine: SyncEngine, user_id: str, steps: list[Step]) -> None:
        self.store = store
        self.blobs = blobs
        self.engine = engine
        self.user_id = user_id
        self.steps = steps

    def recorded(self) -> set[str]:
        with self.store.read() as session:
            return set(session.scalars(select(OutboxEntry.op_id)))

    def todo(self) -> list[Step]:
        done = self.recorded()
        return [s for s in self.steps if s.op.op_id not in done]

    def has_directory(self) -> bool:
        with self.store.read() as session:
            return bool(session.scalar(select(func.count()).select_from(Register)))

    def record(self, step: Step) -> None:
        """What the app does when the user acts: the PDF checked and stored first (outside
        the transaction), then the operation applied locally and queued, together."""
        op = step.op
        if step.pdf is not None:
            [prepared] = prepare_files([Path(step.pdf)], self.blobs)
            ref = FileRef(prepared.digest, prepared.filename, prepared.size, prepared.page_count, prepared.text)
            assert isinstance(op, ops.RegisterIncoming)
            op = ops.RegisterIncoming(op.op_id, op.document_id, op.fields, (ref,), op.arrival_date)
        with self.store.write() as session:
            record_local(session, self.user_id, op)


def _open(config: Config, journal: Journal) -> tuple[Desk, SyncClient]:
    keyring.set_keyring(MemoryKeyring())  # the keychain's stand-in; gone with the process
    store = Store(f"sqlite:///{config.database}")
    journal("opened")
    store.migrate()
    journal("migrated")
    blobs = BlobStore(Path(config.blobs))
    client = SyncClient(config.server_url, credentials=Credentials(config.server_url, config.username), timeout=60)
    _instrument(client, journal, _Points(journal, config.die_at))
    engine = SyncEngine(
        store, blobs, client, config.user_id, page_limit=config.page_limit, batch_size=config.batch_size,
        min_backoff=0.05, max_backoff=0.5,
    )
    steps = plan(config)
    journal("plan")
    return Desk(store, blobs, engine, config.user_id, steps), client


def settled(desk: Desk) -> bool:
    """One more round found nothing to push, pull or download, and nothing is missing."""
    before = desk.engine.status()
    report = desk.engine.sync_once()
    after = desk.engine.status()
    return (
        before.pending == 0 and after.pending == 0 and report.pushed == 0 and report.rows == 0
        and report.downloaded == 0 and not desk.engine.missing_blobs() and not after.blob_errors
    )


def run(config: Config | dict[str, Any]) -> None:
    """The client's life: sign in, catch up, work through the plan, sync (see the module)."""
    if isinstance(config, dict):
        config = Config(**config)
    if config.log:
        out = os.open(config.log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        os.dup2(out, 1)
        os.dup2(out, 2)
    journal = Journal(config.journal)
    journal("start", config.run, os.getpid())
    desk, client = _open(config, journal)
    rng = random.Random(config.seed * 1000 + config.run)
    signed_in = False

    def sync() -> bool:
        nonlocal signed_in
        try:
            if not signed_in:
                journal("login")
                client.login(config.username, config.password)
                signed_in = True
                journal("signed-in")
            desk.engine.sync_once()
        except Offline:
            journal("offline")
            return False
        except NotSignedIn:
            signed_in = False
            journal("signed-out")
            return False
        journal("synced", desk.engine.status().pending)
        return True

    while not desk.has_directory():  # a fresh desk: the registers come from the server
        if not sync():
            time.sleep(0.05)
    for raw in config.extra_ops:
        op = from_json(raw)
        if op.op_id not in desk.recorded():
            desk.record(Step(op))
            journal("recorded", op.kind, op.op_id)
    todo = desk.todo()
    while todo:
        burst = todo[: rng.randint(1, config.burst)]
        for step in burst:
            try:
                desk.record(step)
            except DomainError as error:  # the plan is lawful: a refusal here is a finding
                journal("refused", step.op.kind, step.op.op_id, error.message_en)
                raise
            journal("recorded", step.op.kind, step.op.op_id)
        todo = todo[len(burst) :]
        sync()
    journal("planned")
    while True:
        if config.finish:
            try:
                if signed_in and settled(desk):
                    journal("done")
                    return
            except Offline:
                journal("offline")
        sync()
        time.sleep(0.05)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m tests.sync.fault_client CONFIG.json", file=sys.stderr)
        return 2
    run(json.loads(Path(args[0]).read_text()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
