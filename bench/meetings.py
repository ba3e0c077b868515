"""Benchmark: the meetings' screens and the offline download of a meeting's documents.

    .venv/bin/python bench/meetings.py [--database sqlite|postgresql|both] [--meetings 2000]
                                       [--participants 500] [--items 100] [--documents 300]
                                       [--blob-mb 1] [--trials 15] [--postgres-url URL]
                                       [--no-live] [--only screens|live|minutes] [--delegates 500]
                                       [--minutes-trials 3]

Prints ONE JSON list on stdout, one object per database; progress goes to stderr. Not a
test: nothing here asserts a time. Per database:

- an organisation of 600 people with ``--meetings`` meetings over two years (5 to 20
  participants each, the leader in a quarter of them) and one large meeting: 500
  participants, an agenda of 100 items (25 with 3 sub-items each), 300 documents (a
  tenth of them replaced once), and read receipts (each participant opened about a third
  of the documents); all inserted in bulk;
- ``meeting_open_ms``: ``meetings.views.meeting_view`` for a delegate (agenda, documents
  with their read state, participants); ``meeting_open_organiser_ms`` for the secretary;
- ``calendar_month_ms``: ``meetings.views.calendar`` of the leader's month, scope
  organisation (``calendar_month_mine_ms``: scope mine);
- ``read_receipts_ms``: ``meetings.views.who_has_read`` for the large meeting;
- ``predownload_mb_per_s`` / ``client_peak_rss_mb``: a server process on loopback (the
  one of ``bench/sync.py``) holds the 300 documents' files (``--blob-mb`` each); a client
  process downloads them with ``SyncClient.download_many``, what the sync engine's
  ``_download`` does with the wanted blobs after a pull (several at a time). The client
  holds no synced rows here, so the downloading user is made the uploader of those blobs
  (``blob_uploads`` rows), which the server's read rule accepts: the path measured is the
  download itself. ``predownload_one_by_one_mb_per_s``: the same, one after the other (for
  comparison: with 1 MB files the time goes to each request's round trip).

Medians over ``--trials`` runs on a warm database.

``minutes`` (``bench/meetings_minutes.py``): a two-day HĐND session of 40 items, 300
speeches, 60 votes and 90 participants to minutes in PDF (``minutes_build_s``) and DOCX
(``minutes_docx_s``), and its record with 300 documents for the archive
(``record_export_s``); under ``"minutes"``, or alone with ``--only minutes``.

``--live`` (on unless ``--no-live``): the live session of ``bench/meetings_live.py`` (500
delegates on WebSockets, the chair's actions, a vote), its figures under ``"live"`` in
each database's object. ``--only live`` runs that part alone (its objects then carry its
keys at the top: ``database``, ``delegates``, ``chair_to_all_p95_ms``...); ``--only
screens`` the part above alone.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.sync import PASSWORD, Scratch, ServerProcess, memory_keyring, vm_hwm_mb  # noqa: E402

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
PEOPLE = 600
BATCH = 5000
FIRST_DAY = datetime(2025, 1, 6, 1, 0, tzinfo=UTC)  # 08:00 in Hà Nội
KINDS = ["ubnd_regular", "ubnd_topical", "briefing", "agency", "conference"]
TITLES = [
    "Phiên họp UBND tỉnh thường kỳ", "Họp giao ban tuần", "Họp chuyên đề chuyển đổi số",
    "Hội nghị sơ kết công tác cải cách hành chính", "Họp cơ quan", "Họp bàn giải ngân vốn đầu tư công",
]


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def median_ms(fn: Any, trials: int) -> float:
    times = []
    for _ in range(trials):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return round(statistics.median(times) * 1000, 2)


def _insert(store: Any, table: Any, rows: list[dict[str, Any]]) -> None:
    with store.write() as s:
        for first in range(0, len(rows), BATCH):
            s.execute(table.insert(), rows[first : first + BATCH])


def seed(url: str, args: argparse.Namespace) -> dict[str, Any]:
    """The organisation, its meetings and the large one; returns the ids the measures need."""
    from eoffice.directory.admin import create_organisation, create_unit, create_user
    from eoffice.directory.models import Role, User, UserRole
    from eoffice.meetings.models import (
        AgendaItem,
        Meeting,
        MeetingDocument,
        MeetingDocumentVersion,
        Participant,
        ReadReceipt,
        Room,
        Sitting,
    )
    from eoffice.server.admin import set_password
    from eoffice.store import Store
    from eoffice.sync.versioning import install_versioning, stamp_unversioned

    rng = random.Random(16)
    store = Store(url)
    store.migrate()
    install_versioning(store)
    now = datetime.now(UTC)
    with store.write() as s:
        org = create_organisation(s, "000.00.01.H41", "Ủy ban nhân dân tỉnh Nghệ An", "UBND")
        units = [create_unit(s, org.id, f"P{n}", f"Phòng {n}") for n in range(10)]
        leader = create_user(s, "lanhdao", "Nguyễn Văn Đức", org.id, {Role.LEADER}, units[0].id, "Chủ tịch")
        clerk = create_user(s, "vanthu", "Trần Thị Thu", org.id, {Role.CLERK}, units[0].id, "Văn thư")
        delegate = create_user(s, "daibieu", "Lê Minh Anh", org.id, {Role.OFFICER}, units[1].id, "Đại biểu")
        for user in (leader, clerk, delegate):
            set_password(s, user, PASSWORD)
        ids = {"org": org.id, "unit": units[0].id, "leader": leader.id, "clerk": clerk.id, "delegate": delegate.id}
    users, roles = [], []
    for n in range(PEOPLE - 3):
        uid = str(uuid.uuid4())
        users.append({
            "id": uid, "username": f"cb{n:04d}", "full_name": f"Cán bộ {n:04d}", "organisation_id": ids["org"],
            "unit_id": units[n % 10].id, "position": "Chuyên viên", "email": "", "password_hash": None,
            "signature_digest": None, "server_version": None, "deleted": False, "updated_at": now,
        })
        roles.append({"user_id": uid, "role": Role.OFFICER.value})
    _insert(store, User.__table__, users)
    _insert(store, UserRole.__table__, roles)
    people = [u["id"] for u in users]
    room_id = str(uuid.uuid4())
    _insert(store, Room.__table__, [{
        "id": room_id, "organisation_id": ids["org"], "name": "Hội trường tầng 3", "address": "", "capacity": 500,
        "server_version": None, "deleted": False, "updated_at": now,
    }])

    def meeting_row(mid: str, title: str, start: datetime, hours: int, chair: str, secretary: str) -> dict[str, Any]:
        return {
            "id": mid, "organisation_id": ids["org"], "unit_id": units[rng.randrange(10)].id, "title": title,
            "kind": rng.choice(KINDS), "state": "scheduled" if start > now else "closed", "state_reason": "",
            "starts_at": start, "ends_at": start + timedelta(hours=hours), "room_id": room_id, "place": "",
            "online_link": "", "chair_id": chair, "secretary_id": secretary, "secret": False, "vote_rules": "{}",
            "notes": "", "invitation_document_id": None, "created_by": secretary, "created_at": now,
            "server_version": None, "deleted": False, "updated_at": now,
        }

    def participant_row(mid: str, uid: str, role: str = "member") -> dict[str, Any]:
        return {
            "id": str(uuid.uuid4()), "meeting_id": mid, "user_id": uid, "role": role, "votes": role == "member",
            "answer": rng.choice(["pending", "attend", "attend", "absent"]), "answer_reason": "",
            "answered_at": None, "substitute_id": None, "substitute_name": "", "server_version": None,
            "deleted": False, "updated_at": now,
        }

    meetings, sittings, parts = [], [], []
    span_days = 730
    for n in range(args.meetings):
        mid = str(uuid.uuid4())
        day = FIRST_DAY + timedelta(days=n * span_days // args.meetings)
        start = day + timedelta(hours=rng.choice((0, 1, 5, 6)))
        chair = ids["leader"] if rng.random() < 0.25 else rng.choice(people)
        meetings.append(meeting_row(mid, f"{rng.choice(TITLES)} ({n + 1})", start, rng.choice((1, 2, 3)), chair,
                                    ids["clerk"]))
        sittings.append({
            "id": str(uuid.uuid4()), "meeting_id": mid, "number": 1, "title": "", "starts_at": start,
            "ends_at": start + timedelta(hours=2), "room_id": room_id, "place": "", "server_version": None,
            "deleted": False, "updated_at": now,
        })
        chosen = {chair, ids["clerk"], *rng.sample(people, rng.randrange(5, 20))}
        parts.extend(participant_row(mid, uid, "chair" if uid == chair else "member") for uid in chosen)
    # The large meeting: next month, 500 participants.
    big = str(uuid.uuid4())
    big_start = FIRST_DAY + timedelta(days=span_days // 2 + 3)
    meetings.append(meeting_row(big, "Kỳ họp thứ 12 Hội đồng nhân dân tỉnh", big_start, 8, ids["leader"], ids["clerk"]))
    sitting = str(uuid.uuid4())
    sittings.append({
        "id": sitting, "meeting_id": big, "number": 1, "title": "Phiên khai mạc", "starts_at": big_start,
        "ends_at": big_start + timedelta(hours=8), "room_id": room_id, "place": "", "server_version": None,
        "deleted": False, "updated_at": now,
    })
    members = [ids["delegate"], *rng.sample(people, args.participants - 3)]
    parts.append(participant_row(big, ids["leader"], "chair"))
    parts.append(participant_row(big, ids["clerk"], "secretary"))
    parts.extend(participant_row(big, uid) for uid in members)
    _insert(store, Meeting.__table__, meetings)
    _insert(store, Sitting.__table__, sittings)
    _insert(store, Participant.__table__, parts)

    items, docs, versions, receipts = [], [], [], []
    top = max(1, args.items // 4)
    item_ids = []
    for t in range(top):
        parent = str(uuid.uuid4())
        rows = [(parent, None, t)] + [(str(uuid.uuid4()), parent, k) for k in range(3)]
        for iid, parent_id, position in rows[: max(1, min(4, args.items - len(item_ids)))]:
            item_ids.append(iid)
            items.append({
                "id": iid, "meeting_id": big, "sitting_id": sitting, "parent_id": parent_id, "position": position,
                "title": f"Nội dung {len(item_ids)}", "presenter_id": rng.choice(members), "presenter_unit_id": None,
                "planned_minutes": 15, "decision": "vote" if position == 0 else "discussion", "vote_rule": "",
                "server_version": None, "deleted": False, "updated_at": now,
            })
    digests = []
    for d in range(args.documents):
        did = str(uuid.uuid4())
        replaced = d % 10 == 0
        docs.append({
            "id": did, "meeting_id": big, "item_id": item_ids[d % len(item_ids)], "position": d // len(item_ids),
            "title": f"Tài liệu {d + 1}", "audience": "all" if d % 5 else "voting", "readers": "[]",
            "release_at": None, "source_document_id": None, "version": 2 if replaced else 1,
            "added_by": ids["clerk"], "added_at": now, "server_version": None, "deleted": False, "updated_at": now,
        })
        for v in (1, 2) if replaced else (1,):
            digest = hashlib.sha256(f"meeting document {d} v{v}".encode()).hexdigest()
            if v == (2 if replaced else 1):
                digests.append(digest)
            versions.append({
                "id": str(uuid.uuid4()), "meeting_id": big, "meeting_document_id": did, "version": v,
                "filename": f"tai-lieu-{d + 1}.pdf", "digest": digest, "size": args.blob_mb * 1024 * 1024,
                "page_count": 10, "added_by": ids["clerk"], "added_at": now, "server_version": None,
                "deleted": False, "updated_at": now,
            })
        for uid in members:
            if rng.random() < 0.33:
                receipts.append({
                    "id": str(uuid.uuid4()), "meeting_id": big, "meeting_document_id": did, "user_id": uid,
                    "version": 1, "first_opened_at": now, "server_version": None, "deleted": False,
                    "updated_at": now,
                })
    _insert(store, AgendaItem.__table__, items)
    _insert(store, MeetingDocument.__table__, docs)
    _insert(store, MeetingDocumentVersion.__table__, versions)
    _insert(store, ReadReceipt.__table__, receipts)
    with store.write() as s:
        stamp_unversioned(s)
    if store.engine.dialect.name == "postgresql":
        # As autovacuum leaves a server's tables: statistics, and the visibility map that
        # lets the who-has-read table be read from its covering index alone.
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
    store.dispose()
    log(f"  seeded {len(meetings)} meetings, {len(parts)} participants, {len(items)} items, {len(docs)} documents, "
        f"{len(receipts)} read receipts")
    ids.update(big=big, big_start=big_start.isoformat(), digests=digests, receipts=len(receipts))
    return ids


def measure(url: str, ids: dict[str, Any], trials: int) -> dict[str, Any]:
    from eoffice.directory.access import load_actor
    from eoffice.meetings.views import calendar, meeting_view, who_has_read
    from eoffice.store import Store

    store = Store(url)
    big_start = datetime.fromisoformat(ids["big_start"])
    month = big_start.replace(day=1, hour=0)
    month_end = (month + timedelta(days=32)).replace(day=1)
    out: dict[str, Any] = {}

    def opening(user_id: str) -> Any:
        def run() -> None:
            with store.read() as s:
                meeting_view(s, load_actor(s, user_id), ids["big"], big_start)
        return run

    def month_view(scope: str) -> Any:
        def run() -> None:
            with store.read() as s:
                calendar(s, load_actor(s, ids["leader"]), month, month_end, scope)
        return run

    def receipts() -> None:
        with store.read() as s:
            who_has_read(s, ids["big"], load_actor(s, ids["clerk"]))

    with store.read() as s:
        view = meeting_view(s, load_actor(s, ids["delegate"]), ids["big"], big_start)
        out["meeting_documents_seen_by_delegate"] = len(view.documents())
        out["calendar_month_rows"] = len(calendar(s, load_actor(s, ids["leader"]), month, month_end, "organisation"))
    out["meeting_open_ms"] = median_ms(opening(ids["delegate"]), trials)
    out["meeting_open_organiser_ms"] = median_ms(opening(ids["clerk"]), trials)
    out["calendar_month_ms"] = median_ms(month_view("organisation"), trials * 2)
    out["calendar_month_mine_ms"] = median_ms(month_view("mine"), trials * 2)
    out["read_receipts_ms"] = median_ms(receipts, trials)
    store.dispose()
    return out


# ----------------------------------------------------------------------------- predownload


def place_blobs(url: str, data_dir: Path, ids: dict[str, Any], mb: int) -> None:
    """The server holds the documents' files; the delegate may read them (see the docstring)."""
    from eoffice.store import Store
    from eoffice.store.blobs import BlobStore
    from eoffice.sync.models import BlobUpload

    blobs = BlobStore(data_dir / "blobs")
    rows = []
    digests = []
    for _n in range(len(ids["digests"])):
        data = b"%PDF-1.4\n" + os.urandom(mb * 1024 * 1024 - 9)
        digest, size = blobs.put_bytes(data)
        digests.append(digest)
        rows.append({"digest": digest, "user_id": ids["delegate"], "uploaded_at": datetime.now(UTC), "size": size,
                     "page_count": 0, "claimed": False})
    store = Store(url)
    _insert(store, BlobUpload.__table__, rows)
    store.dispose()
    ids["blob_digests"] = digests


def phase_download(args: dict[str, Any]) -> dict[str, Any]:
    """In its own process (its own peak RSS): sign in and fetch every digest as the engine does."""
    from eoffice.heap import freeze_startup_heap
    from eoffice.store.blobs import BlobStore
    from eoffice.sync.client import SyncClient
    from eoffice.sync.credentials import Credentials

    folder = Path(args["folder"])
    client = SyncClient(args["url"], credentials=Credentials(args["url"], "daibieu"))
    client.login("daibieu", PASSWORD)
    client.hello()
    freeze_startup_heap()
    blobs = BlobStore(folder / "client-blobs")
    t0 = time.perf_counter()
    for _digest, error in client.download_many(args["digests"], blobs):
        if error is not None:
            raise error
    seconds = time.perf_counter() - t0
    peak = vm_hwm_mb()
    mb = sum(blobs.path_for(d).stat().st_size for d in args["digests"]) / (1024 * 1024)
    # For comparison: the same downloads one after the other (as the engine did before).
    again = BlobStore(folder / "client-blobs-one-by-one")
    t1 = time.perf_counter()
    for digest in args["digests"]:
        client.download_blob(digest, again)
    one_by_one = time.perf_counter() - t1
    client.close()
    return {
        "predownload_mb": round(mb),
        "predownload_s": round(seconds, 2),
        "predownload_mb_per_s": round(mb / seconds, 1),
        "client_peak_rss_mb": peak,
        "predownload_one_by_one_mb_per_s": round(mb / one_by_one, 1),
    }


def bench_database(kind: str, args: argparse.Namespace) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix=f"eoffice-bench-meetings-{kind}-"))
    scratch = Scratch(kind, folder, args.postgres_url)
    result: dict[str, Any] = {"database": kind}
    try:
        url = scratch.url("meetings")
        t0 = time.perf_counter()
        ids = seed(url, args)
        result["seed_s"] = round(time.perf_counter() - t0, 1)
        result.update(meetings=args.meetings + 1, participants=args.participants, items=args.items,
                      documents=args.documents, read_receipts=ids["receipts"])
        result.update(measure(url, ids, args.trials))
        log(f"{kind}: open {result['meeting_open_ms']} ms, month {result['calendar_month_ms']} ms, "
            f"receipts {result['read_receipts_ms']} ms")
        place_blobs(url, folder / "server", ids, args.blob_mb)
        server = ServerProcess(url, folder / "server")
        try:
            out = subprocess.run(
                [sys.executable, __file__, "--phase", "download",
                 json.dumps({"url": server.url, "folder": str(folder), "digests": ids["blob_digests"]})],
                stdout=subprocess.PIPE, text=True, check=True,
            )
            result.update(json.loads(out.stdout.strip().splitlines()[-1]))
        finally:
            result["server_peak_rss_mb"] = server.stop()
        log(f"{kind}: predownload {result['predownload_mb_per_s']} MB/s, client {result['client_peak_rss_mb']} MB")
    finally:
        scratch.drop()
        shutil.rmtree(folder, ignore_errors=True)
    return result


def bench_one(kind: str, args: argparse.Namespace) -> dict[str, Any]:
    """The parts asked for, on one database."""
    from bench.meetings_live import bench_live
    from bench.meetings_minutes import bench_minutes

    def live() -> dict[str, Any]:
        folder = Path(tempfile.mkdtemp(prefix=f"eoffice-bench-meetings-live-{kind}-"))
        try:
            return bench_live(kind, args.postgres_url, args.delegates, args.live_actions, args.delegate_processes,
                              folder)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    if args.only == "live":
        return live()
    if args.only == "minutes":
        return bench_minutes(kind, args.postgres_url, args.minutes_trials)
    result = bench_database(kind, args)
    if args.live and args.only != "screens":
        result["live"] = live()
    if args.only != "screens":
        result["minutes"] = bench_minutes(kind, args.postgres_url, args.minutes_trials)
    return result


def main() -> None:
    if len(sys.argv) >= 2 and sys.argv[1] == "--phase":
        memory_keyring()
        print(json.dumps(phase_download(json.loads(sys.argv[3]))), flush=True)
        return
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--meetings", type=int, default=2000)
    parser.add_argument("--participants", type=int, default=500)
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--blob-mb", type=int, default=1)
    parser.add_argument("--trials", type=int, default=15)
    parser.add_argument("--postgres-url", default=os.environ.get("EOFFICE_TEST_POSTGRES_URL") or DEFAULT_PG)
    parser.add_argument("--live", action=argparse.BooleanOptionalAction, default=True,
                        help="the live session's part (bench/meetings_live.py)")
    parser.add_argument("--only", choices=("screens", "live", "minutes"), help="run one part alone")
    parser.add_argument("--minutes-trials", type=int, default=3, help="runs of each minutes measure (median)")
    parser.add_argument("--delegates", type=int, default=500, help="delegates of the live session")
    parser.add_argument("--live-actions", type=int, default=120, help="the chair's actions timed (at least 100)")
    parser.add_argument("--delegate-processes", type=int, default=4, help="processes the delegates are spread over")
    args = parser.parse_args()
    kinds = ["sqlite", "postgresql"] if args.database == "both" else [args.database]
    print(json.dumps([bench_one(kind, args) for kind in kinds], ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
