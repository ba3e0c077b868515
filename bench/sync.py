"""Benchmark: the provincial server and the sync client, on SQLite and on PostgreSQL.

    .venv/bin/python bench/sync.py [--database sqlite|postgresql|both] [--documents 100000]
                                   [--postgres-url URL] [--trials 200]

Prints ONE JSON list on stdout, one object per database; progress goes to stderr. Not a
test: nothing here asserts a time.

The server runs in its own process (this file with ``--serve``: an EmbeddedServer over
the database) and every client measurement in another (``--phase``), so that the peak
RSS (VmHWM) of each side is its own. Measured, per database:

1. initial sync: N documents (one file each, half of them directed: a direction and a
   line) seeded in bulk on the server, pulled page by page into an empty client SQLite
   with ``prefetched_pages`` + ``apply_page`` (what ``SyncEngine`` does: the next page is
   fetched while one is applied; ``--page-limit`` to try other page sizes). Rows per second
   count every row the client holds afterwards (documents, files, directions, lines and
   the directory); the split between waiting on the server and applying is reported.
   Then, timed apart (``initial_sync_then_derived_*``), what the engine's next round does
   once the window is open: the rows derived from the load (the sidebar's counts); the
   peak RSS covers both.
2. twenty clerks, each with their own client database, register 50 incoming documents
   offline (``record_local``) and then push at the same moment; the server's register
   numbers must then be exactly 1..1000 (read from its database).
3. latency of one operation pushed by the leader (a ``Direct`` naming the officer) until
   the officer's client sees it, through pull (``/changes`` from a process of its own, as
   the officer's computer is another machine: long polls, the server answering when the
   change commits; short polls for comparison) and through the live channel
   (``LiveClient``).
4. 100 attachments of 2 MB uploaded then downloaded (a fresh server process, so its
   peak RSS is the attachments' one).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PASSWORD = "mat-khau-bench-1234"
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
CHUNK = 1000  # documents per server version in the seed (what stamp_unversioned does)
CLIENTS = 20
OPS_PER_CLIENT = 50
TRIALS = 200  # operations timed per latency measurement: a p95 of 60 rests on its three slowest
ATTACHMENTS = 100
ATTACHMENT_BYTES = 2 * 1024 * 1024


def log(msg: str) -> None:
    print(f"[bench-sync {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def vm_hwm_mb(pid: int | str = "self") -> float:
    """Peak resident set (VmHWM) of a process, MB."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return -1.0


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return -1.0
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


# ----------------------------------------------------------------------------- keyring


def memory_keyring() -> None:
    """The OS keychain's stand-in for this process: tokens in a dict, never in a file."""
    import keyring
    from keyring.backend import KeyringBackend

    class MemoryKeyring(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            super().__init__()
            self.secrets: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.secrets.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.secrets[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.secrets.pop((service, username), None)

    keyring.set_keyring(MemoryKeyring())


# ----------------------------------------------------------------------------- databases


class Scratch:
    """Scratch server databases for one engine: SQLite files or PostgreSQL databases."""

    def __init__(self, kind: str, folder: Path, pg_url: str) -> None:
        self.kind = kind
        self.folder = folder
        self.pg_url = pg_url
        self.made: list[str] = []

    def url(self, name: str) -> str:
        if self.kind == "sqlite":
            return f"sqlite:///{self.folder / f'{name}.sqlite3'}"
        import sqlalchemy as sa

        db = f"eoffice_bench_{name}_{uuid.uuid4().hex[:8]}"
        admin = sa.create_engine(self.pg_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{db}"')
        admin.dispose()
        self.made.append(db)
        return sa.engine.make_url(self.pg_url).set(database=db).render_as_string(hide_password=False)

    def drop(self) -> None:
        if not self.made:
            return
        import sqlalchemy as sa

        admin = sa.create_engine(self.pg_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            for db in self.made:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        admin.dispose()
        self.made.clear()


def directory(url: str, clerks: int = 1) -> dict[str, Any]:
    """Migrated, versioned server database with one organisation, its clerks, a leader and
    an officer (passwords set); returns their ids."""
    from sqlalchemy import select

    from eoffice.directory.admin import create_organisation, create_unit, create_user
    from eoffice.directory.models import Role
    from eoffice.documents.models import Register
    from eoffice.server.admin import set_password
    from eoffice.store import Store
    from eoffice.store.bulk import drop_derived
    from eoffice.sync.versioning import install_versioning

    store = Store(url)
    store.migrate()
    install_versioning(store)
    with store.write() as s:
        # As a server leaves its database at its first start (``create_app``): without the
        # desktop's sidebar counts, which the seed's documents would otherwise fill.
        drop_derived(s.connection())
        org = create_organisation(s, "000.00.01.H41", "Ủy ban nhân dân tỉnh Nghệ An", "UBND")
        vp = create_unit(s, org.id, "VP", "Văn phòng")
        users = {}
        for i in range(clerks):
            name = "vanthu" if i == 0 else f"vanthu{i:02d}"
            users[name] = create_user(s, name, f"Văn thư {i}", org.id, {Role.CLERK}, vp.id, "Văn thư")
        users["lanhdao"] = create_user(s, "lanhdao", "Nguyễn Văn Đức", org.id, {Role.LEADER}, vp.id, "Chủ tịch")
        users["chuyenvien"] = create_user(s, "chuyenvien", "Lê Minh Anh", org.id, {Role.OFFICER}, vp.id, "Chuyên viên")
        for user in users.values():
            set_password(s, user, PASSWORD)
        register = s.scalars(
            select(Register).where(
                Register.organisation_id == org.id, Register.kind == "incoming", Register.secret.is_(False)
            )
        ).one()
        info = {
            "org_id": org.id,
            "unit_id": vp.id,
            "register_id": register.id,
            "users": {name: u.id for name, u in users.items()},
        }
    store.dispose()
    return info


def seed_documents(url: str, info: dict[str, Any], n: int) -> None:
    """``n`` registered incoming documents in bulk (plain INSERTs), one file each, every
    other one directed to the officer; one server version per 1000 documents."""
    from sqlalchemy import text

    from eoffice.documents.models import (
        DirectionLine,
        Document,
        DocumentDirection,
        DocumentFile,
    )
    from eoffice.store import Store
    from eoffice.store.sequences import next_value
    from eoffice.sync.versioning import COUNTER, stamp_unversioned

    store = Store(url)
    now = datetime.now(UTC)
    clerk, leader, officer = info["users"]["vanthu"], info["users"]["lanhdao"], info["users"]["chuyenvien"]
    topics = ["chuyển đổi số", "cải cách hành chính", "phòng chống thiên tai", "an toàn thực phẩm",
              "dịch vụ công trực tuyến", "xây dựng nông thôn mới", "giải ngân vốn đầu tư công"]
    t0 = time.perf_counter()
    for start in range(0, n, CHUNK):
        docs, files, dirs, lines = [], [], [], []
        for i in range(start, min(n, start + CHUNK)):
            doc_id = str(uuid.uuid4())
            docs.append({
                "id": doc_id, "organisation_id": info["org_id"], "direction": "incoming",
                "state": "directed" if i % 2 == 0 else "registered", "register_id": info["register_id"],
                "year": 2025, "register_number": i + 1, "sort_key": i + 1, "code_number": str(i % 3000 + 1),
                "code_notation": "SNV-VP", "arrival_number": i + 1, "arrival_date": date(2025, 1 + i % 12, 1 + i % 28),
                "issued_date": date(2025, 1 + i % 12, 1 + i % 28), "organ_id": "000.00.12.H41",
                "organ_name": "Sở Nội vụ", "type_name": "Công văn",
                "subject": f"Về việc {topics[i % len(topics)]} (văn bản {i + 1})",
                "signer_position": "Giám đốc", "signer_full_name": "Trần Quốc Khánh", "priority": "normal",
                "secrecy": "none", "created_by": clerk, "created_at": now, "deleted": False, "updated_at": now,
            })
            files.append({
                "id": str(uuid.uuid4()), "document_id": doc_id,
                "digest": hashlib.sha256(f"bench file {i}".encode()).hexdigest(),
                "filename": f"van-ban-{i + 1}.pdf", "size": 100_000 + i, "page_count": 2, "is_main": True,
                "position": 0,
            })
            if i % 2 == 0:
                dir_id = str(uuid.uuid4())
                dirs.append({"id": dir_id, "document_id": doc_id, "leader_id": leader, "text": "Đề nghị xử lý",
                             "created_at": now, "deleted": False, "updated_at": now})
                lines.append({"id": str(uuid.uuid4()), "document_id": doc_id, "direction_id": dir_id,
                              "role": "lead", "user_id": officer, "deadline": date(2025, 12, 31),
                              "state": "waiting", "deleted": False, "updated_at": now})
        with store.write() as s:
            version = next_value(s, COUNTER)
            for rows in (docs, dirs, lines):
                for r in rows:
                    r["server_version"] = version
            s.execute(Document.__table__.insert(), docs)
            s.execute(DocumentFile.__table__.insert(), files)
            s.execute(DocumentDirection.__table__.insert(), dirs)
            s.execute(DirectionLine.__table__.insert(), lines)
        if (start // CHUNK) % 20 == 0:
            log(f"  seeded {start + len(docs)} documents ({time.perf_counter() - t0:.1f}s)")
    with store.write() as s:
        stamped = stamp_unversioned(s)
        # The server's own counter of register numbers must continue after the seed.
        s.execute(text("SELECT 1"))
    if stamped:
        log(f"  stamped {stamped} unversioned rows")
    if store.engine.dialect.name == "postgresql":
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("ANALYZE")
    store.dispose()


# ----------------------------------------------------------------------------- server process


def serve(url: str, data_dir: str) -> None:
    """``--serve``: an EmbeddedServer until stdin closes; prints its port first."""
    from eoffice.heap import freeze_startup_heap
    from eoffice.server.embedded import EmbeddedServer
    from eoffice.server.settings import ServerSettings
    from eoffice.store import Store
    from eoffice.store.blobs import BlobStore

    store = Store(url)
    settings = ServerSettings(data_dir=Path(data_dir))
    blobs = BlobStore(Path(data_dir) / "blobs")
    server = EmbeddedServer(store, blobs, settings).start()
    freeze_startup_heap()  # what `eoffice server` does once its app is made
    print(server.port, flush=True)
    sys.stdin.read()  # the parent closes our stdin to stop us
    server.stop()
    store.dispose()


class ServerProcess:
    def __init__(self, url: str, data_dir: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, __file__, "--serve", url, str(data_dir)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line.strip():
            raise RuntimeError("the server process did not start")
        self.url = f"http://127.0.0.1:{int(line)}"

    def peak_rss_mb(self) -> float:
        return vm_hwm_mb(self.proc.pid)

    def stop(self) -> float:
        peak = self.peak_rss_mb()
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(10)
        return peak


# ----------------------------------------------------------------------------- client phases


def _device(server_url: str, username: str, folder: Path, name: str):  # type: ignore[no-untyped-def]
    from eoffice.heap import freeze_startup_heap
    from eoffice.startup import prepare
    from eoffice.store import Store
    from eoffice.store.blobs import BlobStore
    from eoffice.sync.client import SyncClient
    from eoffice.sync.credentials import Credentials

    prepare()  # what `eoffice app` does first
    store = Store(f"sqlite:///{folder / f'{name}.sqlite3'}")
    store.migrate()
    client = SyncClient(server_url, credentials=Credentials(server_url, username))
    client.login(username, PASSWORD)
    client.hello()
    freeze_startup_heap()  # what the desktop app does once its window is up
    return store, BlobStore(folder / f"{name}-blobs"), client


def _pull_all(
    store: Any, client: Any, limit: int | None = None, *, derived: bool = True
) -> tuple[int, int, float, float]:
    """SyncEngine's pull loop (the next page fetched while this one is applied), timed:
    (pages, rows reported, seconds the applier waited for a page, seconds applying).
    With ``derived``, then what the engine's next round does first: the rows derived from
    a first sync's load (the sidebar's counts, ``store.bulk.restore_derived``)."""
    from contextlib import closing

    from eoffice.store.bulk import restore_derived
    from eoffice.sync.changes import apply_page
    from eoffice.sync.client_state import get_cursor
    from eoffice.sync.engine import SyncEngine, first_sync_load, prefetched_pages

    with store.read() as s:
        cursor = get_cursor(s)
    pages = rows = 0
    waiting = applying = 0.0
    limit = limit or SyncEngine.DEFAULT_PAGE_LIMIT
    with first_sync_load(store, cursor), closing(prefetched_pages(client, cursor, limit)) as stream:
        while True:
            t0 = time.perf_counter()
            page = next(stream, None)
            t1 = time.perf_counter()
            waiting += t1 - t0
            if page is None:
                break
            with store.write() as s:
                rows += apply_page(s, page)
            applying += time.perf_counter() - t1
            pages += 1
    if derived:
        restore_derived(store)
    return pages, rows, waiting, applying


def phase_initial(args: dict[str, Any]) -> dict[str, Any]:
    from sqlalchemy import func, select

    from eoffice.directory.models import Organisation, Unit, User, UserRole
    from eoffice.documents.models import (
        DirectionLine,
        Document,
        DocumentDirection,
        DocumentFile,
        Register,
    )

    folder = Path(args["folder"])
    store, _blobs, client = _device(args["url"], "vanthu", folder, "initial")
    profile = None
    if args.get("profile"):
        import cProfile

        profile = cProfile.Profile()
        profile.enable()
    t0 = time.perf_counter()
    cpu0 = time.process_time()
    pages, _reported, waiting, applying = _pull_all(store, client, args.get("page_limit"), derived=False)
    elapsed = time.perf_counter() - t0
    cpu = time.process_time() - cpu0
    # The engine's next round, the window open: the sidebar's counts from the loaded rows.
    from eoffice.store.bulk import restore_derived

    loaded_rss = vm_hwm_mb()
    t1 = time.perf_counter()
    cpu1 = time.process_time()
    built = restore_derived(store)
    derived_s = time.perf_counter() - t1
    derived_cpu = time.process_time() - cpu1
    if profile is not None:
        import io
        import pstats

        profile.disable()
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(30)
        print(out.getvalue(), file=sys.stderr)
    counts = {}
    with store.read() as s:
        for model in (
            Organisation, Unit, User, UserRole, Register, Document, DocumentFile, DocumentDirection, DirectionLine
        ):
            counts[model.__tablename__] = int(s.scalar(select(func.count()).select_from(model)) or 0)
    rows = sum(counts.values())
    client.close()
    store.dispose()
    return {
        "initial_sync_documents": counts["documents"],
        "initial_sync_rows": rows,
        "initial_sync_rows_by_table": counts,
        "initial_sync_pages": pages,
        "initial_sync_s": round(elapsed, 2),
        "initial_sync_rows_per_s": round(rows / elapsed),
        "initial_sync_documents_per_s": round(counts["documents"] / elapsed),
        "initial_sync_server_wait_s": round(waiting, 2),
        "initial_sync_client_apply_s": round(applying, 2),
        "initial_sync_client_cpu_s": round(cpu, 2),
        "initial_sync_derived_built": built,
        "initial_sync_peak_rss_before_derived_mb": loaded_rss,
        "initial_sync_then_derived_s": round(derived_s, 2),
        "initial_sync_then_derived_cpu_s": round(derived_cpu, 2),
        "initial_sync_client_peak_rss_mb": vm_hwm_mb(),
    }


def _file_bytes(n: int, tag: str) -> bytes:
    return f"%PDF-1.4 bench attachment {tag} {n}\n".encode()


def _upload_files(client: Any, folder: Path, ops_: list[Any]) -> None:
    """What the engine does before a push: send the blobs the operations name."""
    src = folder / "op-files"
    src.mkdir(exist_ok=True)
    for op in ops_:
        for ref in op.files:
            path = src / ref.filename
            if not path.exists():
                raise RuntimeError(f"no local file {path}")
            client.upload_blob(path, ref.digest)


def _register_op(n: int, tag: str, folder: Path) -> Any:
    """An incoming document registered with one small file (written under ``folder``)."""
    from eoffice.documents.operations import RegisterIncoming
    from eoffice.ops import FileRef

    data = _file_bytes(n, tag)
    digest = hashlib.sha256(data).hexdigest()
    src = folder / "op-files"
    src.mkdir(exist_ok=True)
    (src / f"van-ban-{tag}-{n}.pdf").write_bytes(data)
    return RegisterIncoming(
        op_id=str(uuid.uuid4()),
        document_id=str(uuid.uuid4()),
        fields={
            "type_name": "Công văn", "subject": f"Về việc chuyển đổi số ({tag} {n})", "organ_name": "Sở Nội vụ",
            "organ_id": "000.00.12.H41", "code_number": str(n), "code_notation": f"SNV-{tag}",
            "issued_date": "2026-03-02",
        },
        files=(FileRef(digest, f"van-ban-{tag}-{n}.pdf", len(data), 0, ""),),  # stand-in bytes: no pages
        arrival_date="2026-03-03",
    )


def phase_concurrent(args: dict[str, Any]) -> dict[str, Any]:
    """20 clerks register offline, then push together."""
    from eoffice.sync.client_state import mark_outcome, pending_operations, record_local

    folder = Path(args["folder"])
    devices = []
    for i in range(CLIENTS):
        username = "vanthu" if i == 0 else f"vanthu{i:02d}"
        store, _blobs, client = _device(args["url"], username, folder, f"clerk{i}")
        _pull_all(store, client)  # the directory: needed to register locally
        user_id = args["users"][username]
        with store.write() as s:
            for k in range(OPS_PER_CLIENT):
                record_local(s, user_id, _register_op(k, f"C{i}", folder))
        devices.append((store, client))
    log(f"  {CLIENTS} clients each hold {OPS_PER_CLIENT} operations registered offline")
    barrier = threading.Barrier(CLIENTS + 1)
    accepted = [0] * CLIENTS
    errors: list[str] = []

    def push(i: int) -> None:
        store, client = devices[i]
        with store.read() as s:
            batch = pending_operations(s, limit=OPS_PER_CLIENT)
        _upload_files(client, folder, batch)  # before the clock starts: ops/s of the push itself
        barrier.wait()
        try:
            results = client.push(batch)
        except Exception as error:  # noqa: BLE001 - reported, not raised: the others' figures still count
            errors.append(repr(error))
            return
        with store.write() as s:
            for r in results:
                mark_outcome(s, r.op_id, r.outcome, r.reason, r.reason_en)
        accepted[i] = sum(r.accepted for r in results)

    threads = [threading.Thread(target=push, args=(i,)) for i in range(CLIENTS)]
    for t in threads:
        t.start()
    barrier.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    for store, client in devices:
        client.close()
        store.dispose()
    return {
        "concurrent_push_ops": CLIENTS * OPS_PER_CLIENT,
        "concurrent_push_accepted": sum(accepted),
        "concurrent_push_errors": errors[:3],
        "concurrent_push_s": round(elapsed, 2),
        "concurrent_push_ops_per_s": round(sum(accepted) / elapsed, 1),
    }


def phase_latency(args: dict[str, Any]) -> dict[str, Any]:
    """The leader directs a document to the officer; how long until the officer sees it."""
    from eoffice.documents import operations as ops
    from eoffice.sync.live import LiveClient

    folder = Path(args["folder"])
    trials = int(args.get("trials") or TRIALS)
    clerk_store, _, clerk = _device(args["url"], "vanthu", folder, "lat-clerk")
    leader_store, _, leader = _device(args["url"], "lanhdao", folder, "lat-leader")
    officer_store, _, officer = _device(args["url"], "chuyenvien", folder, "lat-officer")
    _pull_all(officer_store, officer)

    def direct_op(document_id: str) -> ops.Direct:
        return ops.Direct(
            str(uuid.uuid4()), document_id, str(uuid.uuid4()), "Đề nghị xử lý",
            (ops.LineRef(str(uuid.uuid4()), "lead", user_id=args["users"]["chuyenvien"], deadline="2099-01-01"),),
        )

    def registered() -> str:
        op = _register_op(int(time.time() * 1000) % 10_000_000, "L", folder)
        _upload_files(clerk, folder, [op])
        result = clerk.push([op])[0]
        assert result.accepted, result.reason
        return op.document_id

    # (a) through pull: the officer's computer (its own process, as it is another machine)
    # pulls /changes from its cursor: a long poll (``wait``: the server answers when the
    # change commits), and for comparison short polls, again 2 ms after an empty page.
    def through_pull(mode: str) -> tuple[list[float], list[float]]:
        poller = subprocess.Popen(
            [sys.executable, __file__, "--poller", args["url"], str(folder), mode],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        assert poller.stdin is not None and poller.stdout is not None
        pull_ms: list[float] = []
        push_ms: list[float] = []
        for _ in range(trials):
            doc = registered()
            op = direct_op(doc)
            poller.stdin.write(f"watch {op.lines[0].line_id}\n")
            poller.stdin.flush()
            if poller.stdout.readline().strip() != "ready":  # caught up: the next change is the direction
                raise RuntimeError("the officer's poller stopped")
            time.sleep(0.01)  # the long poll is waiting on the server
            sent = time.monotonic_ns()
            assert leader.push([op])[0].accepted
            push_ms.append((time.monotonic_ns() - sent) / 1e6)
            answer = poller.stdout.readline().split()
            if answer[:1] == ["seen"]:
                pull_ms.append((int(answer[1]) - sent) / 1e6)
        poller.stdin.close()
        poller.wait(30)
        log(f"  pull latency ({mode} poll): {len(pull_ms)} trials")
        return pull_ms, push_ms

    pull_ms, push_ms = through_pull("long")
    short_ms, _ = through_pull("short")

    # (b) through the live channel.
    arrived: dict[str, float] = {}
    cond = threading.Condition()

    def on_event(event: dict[str, Any]) -> None:
        line = (event.get("payload") or {}).get("line_id")
        with cond:
            arrived[str(line)] = time.perf_counter()
            cond.notify_all()

    live = LiveClient(officer.base_url, lambda: officer._access, None, on_event).start()
    if not live.ready.wait(20):
        raise RuntimeError("the live channel did not connect")
    live_ms: list[float] = []
    for _ in range(trials):
        doc = registered()
        op = direct_op(doc)
        line_id = op.lines[0].line_id
        t0 = time.perf_counter()
        assert leader.push([op])[0].accepted
        with cond:
            cond.wait_for(lambda line_id=line_id: line_id in arrived, timeout=30)
        if line_id in arrived:
            live_ms.append((arrived[line_id] - t0) * 1000)
    live.stop()
    log(f"  live latency: {len(live_ms)} trials")
    for store, client in ((clerk_store, clerk), (leader_store, leader), (officer_store, officer)):
        client.close()
        store.dispose()
    return {
        "op_latency_trials": trials,
        "op_push_round_trip_p50_ms": round(statistics.median(push_ms), 1) if push_ms else -1,
        "op_push_round_trip_p95_ms": round(percentile(push_ms, 0.95), 1),
        "op_latency_pull_p50_ms": round(statistics.median(pull_ms), 1) if pull_ms else -1,
        "op_latency_pull_p95_ms": round(percentile(pull_ms, 0.95), 1),
        "op_latency_pull_seen": len(pull_ms),
        "op_latency_short_poll_p50_ms": round(statistics.median(short_ms), 1) if short_ms else -1,
        "op_latency_short_poll_p95_ms": round(percentile(short_ms, 0.95), 1),
        "op_latency_live_p50_ms": round(statistics.median(live_ms), 1) if live_ms else -1,
        "op_latency_live_p95_ms": round(percentile(live_ms, 0.95), 1),
        "op_latency_live_seen": len(live_ms),
    }


def poll_for_lines(server_url: str, folder: str, mode: str) -> None:
    """``--poller``: the officer's computer. For each ``watch LINE`` on stdin: pull until
    caught up, say ``ready``, then pull until the line arrives and say ``seen <monotonic
    ns>`` (the clock every process of this machine shares). ``mode`` "long": each pull
    waits on the server for a change; "short": an empty page is asked again after 2 ms."""
    from eoffice.sync.changes import apply_page
    from eoffice.sync.client_state import get_cursor

    store, _, client = _device(server_url, "chuyenvien", Path(folder), f"lat-poller-{mode}")
    wait = 10.0 if mode == "long" else 0.0
    for command in sys.stdin:
        line_id = command.split()[1]
        _pull_all(store, client)
        with store.read() as s:
            cursor = get_cursor(s)
        print("ready", flush=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            t_a = time.perf_counter()
            page = client.pull(cursor, 1000, wait=wait)
            t_b = time.perf_counter()
            with store.write() as s:
                apply_page(s, page)
            cursor = page.next_cursor
            if page.count() and os.environ.get("BENCH_POLLER_TRACE"):
                log(f"poller: pull {1000 * (t_b - t_a):.1f} ms, apply {1000 * (time.perf_counter() - t_b):.1f} ms")
            if any(row["id"] == line_id for row in page.rows.get("direction_lines", [])):
                print("seen", time.monotonic_ns(), flush=True)
                break
            if not page.count() and not wait:
                time.sleep(0.002)
        else:
            print("lost", flush=True)
    client.close()
    store.dispose()


def phase_attachments(args: dict[str, Any]) -> dict[str, Any]:
    """100 attachments of 2 MB: upload from one device, download into another."""
    folder = Path(args["folder"])
    _store_a, _blobs_a, up = _device(args["url"], "vanthu", folder, "att-up")
    # The leader: an officer sees only what reaches their unit, not a newly registered document.
    _store_b, blobs_b, down = _device(args["url"], "lanhdao", folder, "att-down")
    source = folder / "att-src"
    source.mkdir(exist_ok=True)
    digests = []
    for i in range(ATTACHMENTS):
        data = os.urandom(ATTACHMENT_BYTES)
        path = source / f"{i}.bin"
        path.write_bytes(data)
        digests.append((path, hashlib.sha256(data).hexdigest()))
    t0 = time.perf_counter()
    for path, digest in digests:
        up.upload_blob(path, digest)
    t_up = time.perf_counter() - t0
    # A blob is reachable only through a document that names it: the clerk registers them.
    from eoffice.documents.operations import RegisterIncoming
    from eoffice.ops import FileRef

    batch = [
        RegisterIncoming(
            op_id=str(uuid.uuid4()), document_id=str(uuid.uuid4()),
            fields={"type_name": "Công văn", "subject": f"Về việc tệp đính kèm {i}", "organ_name": "Sở Nội vụ",
                    "organ_id": "000.00.12.H41", "code_number": str(i), "code_notation": "SNV-TEP",
                    "issued_date": "2026-03-02"},
            files=(FileRef(digest, f"tep-{i}.pdf", ATTACHMENT_BYTES, 0, ""),),  # random bytes: no pages
            arrival_date="2026-03-04",
        )
        for i, (_path, digest) in enumerate(digests)
    ]
    refused = [r.reason_en for r in up.push(batch) if not r.accepted]
    if refused:
        raise RuntimeError(f"registering the attachments' documents was refused: {refused[:3]}")
    t1 = time.perf_counter()
    for _path, digest in digests:
        down.download_blob(digest, blobs_b)
    t_down = time.perf_counter() - t1
    mb = ATTACHMENTS * ATTACHMENT_BYTES / (1024 * 1024)
    up.close()
    down.close()
    return {
        "attachments_mb": round(mb),
        "attachments_upload_mb_per_s": round(mb / t_up, 1),
        "attachments_download_mb_per_s": round(mb / t_down, 1),
        "attachments_mb_per_s": round(2 * mb / (t_up + t_down), 1),
        "client_peak_rss_mb": vm_hwm_mb(),
    }


PHASES = {
    "initial": phase_initial,
    "concurrent": phase_concurrent,
    "latency": phase_latency,
    "attachments": phase_attachments,
}


def run_phase(name: str, args: dict[str, Any]) -> dict[str, Any]:
    """A client phase in a fresh process (its own peak RSS); its JSON result."""
    out = subprocess.run(
        [sys.executable, __file__, "--phase", name, json.dumps(args)],
        stdout=subprocess.PIPE, text=True, check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


# ----------------------------------------------------------------------------- orchestration


def numbers_gapless(url: str, register_id: str, expected: int) -> tuple[bool, int]:
    from sqlalchemy import select

    from eoffice.documents.models import Document
    from eoffice.store import Store

    store = Store(url)
    with store.read() as s:
        numbers = sorted(
            n for n in s.scalars(
                select(Document.register_number).where(Document.register_id == register_id, Document.year == 2026)
            )
        )
    store.dispose()
    return numbers == list(range(1, expected + 1)), len(numbers)


def settle(kind: str, pg_url: str) -> None:
    """Let what one phase wrote reach the disk before the next phase measures.

    The seeding and the initial sync leave hundreds of megabytes to write back (the seeded
    or dropped database, the client's file, on PostgreSQL the WAL a checkpoint will flush):
    measured, that I/O doubled the latency phase's p95 on PostgreSQL when it ran on top of
    it (131 ms against 61), a cost of the previous phase, not of an operation's way from
    one client to another.
    """
    os.sync()
    if kind == "postgresql":
        import sqlalchemy as sa

        admin = sa.create_engine(pg_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.exec_driver_sql("CHECKPOINT")
        admin.dispose()
    time.sleep(1.0)


def bench_database(
    kind: str, n: int, pg_url: str, profile: bool, page_limit: int | None, trials: int = TRIALS
) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix=f"eoffice-bench-sync-{kind}-"))
    scratch = Scratch(kind, folder, pg_url)
    result: dict[str, Any] = {"database": kind, "load_average_at_start": round(os.getloadavg()[0], 2)}
    try:
        # 1. Initial sync of n documents.
        big = scratch.url("big")
        t0 = time.perf_counter()
        info = directory(big)
        seed_documents(big, info, n)
        log(f"{kind}: seeded {n} documents in {time.perf_counter() - t0:.1f}s")
        settle(kind, pg_url)
        server = ServerProcess(big, folder / "server-big")
        try:
            r = run_phase(
                "initial", {"url": server.url, "folder": str(folder), "profile": profile, "page_limit": page_limit}
            )
        finally:
            result["server_peak_rss_mb_initial_sync"] = server.stop()
        result.update(r)
        log(f"{kind}: initial sync {r['initial_sync_rows']} rows in {r['initial_sync_s']}s")
        scratch.drop()
        shutil.rmtree(folder / "server-big", ignore_errors=True)
        settle(kind, pg_url)

        # 2. Twenty clients pushing at once, then 3. latency, on a small database.
        small = scratch.url("small")
        info = directory(small, clerks=CLIENTS)
        server = ServerProcess(small, folder / "server-small")
        try:
            args = {"url": server.url, "folder": str(folder), "users": info["users"], "trials": trials}
            result.update(run_phase("concurrent", args))
            gapless, count = numbers_gapless(small, info["register_id"], CLIENTS * OPS_PER_CLIENT)
            result["numbers_gapless"] = gapless
            result["numbers_count"] = count
            log(f"{kind}: concurrent push {result['concurrent_push_ops_per_s']} ops/s, gapless {gapless}")
            result.update(run_phase("latency", args))
            log(f"{kind}: latency pull p95 {result['op_latency_pull_p95_ms']} ms, "
                f"live p95 {result['op_latency_live_p95_ms']} ms")
        finally:
            result["server_peak_rss_mb_push_and_latency"] = server.stop()

        # 4. Attachments, on a fresh server process.
        server = ServerProcess(small, folder / "server-small")
        try:
            result.update(run_phase("attachments", {"url": server.url, "folder": str(folder)}))
        finally:
            result["server_peak_rss_mb"] = server.stop()
        log(f"{kind}: attachments {result['attachments_mb_per_s']} MB/s")
    finally:
        scratch.drop()
        shutil.rmtree(folder, ignore_errors=True)
    result["load_average_at_end"] = round(os.getloadavg()[0], 2)
    keys = [
        "database", "initial_sync_rows_per_s", "op_latency_pull_p50_ms", "op_latency_pull_p95_ms",
        "op_latency_live_p50_ms", "op_latency_live_p95_ms", "concurrent_push_ops_per_s", "numbers_gapless",
        "attachments_mb_per_s", "server_peak_rss_mb", "client_peak_rss_mb",
    ]
    return {**{k: result.get(k) for k in keys}, **{k: v for k, v in result.items() if k not in keys}}


def main() -> None:
    if len(sys.argv) >= 2 and sys.argv[1] == "--serve":
        serve(sys.argv[2], sys.argv[3])
        return
    if len(sys.argv) >= 2 and sys.argv[1] == "--poller":
        memory_keyring()
        poll_for_lines(sys.argv[2], sys.argv[3], sys.argv[4])
        return
    if len(sys.argv) >= 2 and sys.argv[1] == "--phase":
        memory_keyring()
        print(json.dumps(PHASES[sys.argv[2]](json.loads(sys.argv[3]))), flush=True)
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--postgres-url", default=os.environ.get("EOFFICE_TEST_POSTGRES_URL") or DEFAULT_PG)
    parser.add_argument("--profile", action="store_true", help="cProfile the initial sync client (stderr)")
    parser.add_argument("--page-limit", type=int, help="rows per pull page (default: the engine's)")
    parser.add_argument("--trials", type=int, default=TRIALS, help="operations timed per latency measurement")
    args = parser.parse_args()
    kinds = ["sqlite", "postgresql"] if args.database == "both" else [args.database]
    results = [
        bench_database(kind, args.documents, args.postgres_url, args.profile, args.page_limit, args.trials)
        for kind in kinds
    ]
    print(json.dumps(results, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
