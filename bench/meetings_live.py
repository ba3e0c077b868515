"""Benchmark, live part of ``bench/meetings.py``: a session of 500 delegates on loopback.

    .venv/bin/python bench/meetings.py --only live [--database sqlite|postgresql|both]
                                       [--delegates 500] [--live-actions 120]
                                       [--delegate-processes 4]

Setup (straight into a fresh database, then server processes over it): one organisation,
a meeting in state "scheduled" chaired by the leader with ``--delegates`` voting members,
an agenda of ``--live-actions`` items. Access tokens are minted in the database, not by signing in:
500 password hashes would take minutes. The bench writes the server's signing key first
(``ServerSettings.signing_key`` creates it in the data folder the servers then read), one
``RefreshToken`` row per delegate (a live sign-in, as ``auth.login`` leaves) and each
access token with ``auth.issue_access_token``; the server checks them like any other.

SQLite: one server process. PostgreSQL: two server processes sharing the database (the
chair on the first; delegates alternate between them, so half hear through NOTIFY).

Delegates: ``--delegate-processes`` processes of asyncio ``websockets`` clients of
``/api/v1/live`` (and ``httpx`` for their requests). Each delegate checks in (``POST
/check-in``) and then connects its socket (no ``after``: it starts from now).

Measured (every process of the machine shares CLOCK_MONOTONIC, so a latency is a
delegate's receive time minus the chair's send time):

- ``chair_to_all_*``: the chair shows the items one after the other (``POST
  /session/show``, half of ``--live-actions``), then gives the floor to one speaker after
  the other (``POST /speakers/next``, the other half; the speakers asked and were accepted
  through the routes in between, untimed); for each action, from just before the request
  to the moment the last delegate received its event (a ``session`` event naming that
  item, or a ``speakers`` event naming that speech as current). The chair's next action
  waits for the previous one to reach everyone (a chair does not click faster than that).
  ``chair_to_first_*``: to the first delegate; ``chair_request_*``: the request alone.
- ``vote_ack_p95_ms``: a yes/no vote is opened; each delegate, on hearing it, casts a
  ballot after a random delay within 5 s; the time of each ballot's HTTP request (200).
- ``result_after_close_ms``: once every ballot is in, from just before ``/close`` (then
  ``/publish`` at once) to the last delegate receiving the published vote.
- ``missed_or_duplicated_events``: per delegate, the chair's events (each action's event
  and the published vote) it missed, events it received twice (the same id) and whether
  it heard them out of order (ids not increasing, or the actions' first events not in
  the chair's order); summed over delegates. Must be 0. (Two distinct events saying the
  same, ``events_repeating_an_action``, are not a fault.)
- ``server_peak_rss_mb``: the SUM of the server processes' peak RSS (VmHWM);
  ``server_peak_rss_mb_each`` lists each.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import subprocess
import sys
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.sync import Scratch, ServerProcess, directory, log, percentile  # noqa: E402

BALLOT_WINDOW_S = 5.0
ACTION_TIMEOUT_S = 30.0
TOKEN_TTL = timedelta(hours=3)


def cpu_seconds(pid: int) -> float:
    """User and system CPU time a process has used so far (Linux ``/proc``)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return -1.0
    return round((int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"), 1)


# ----------------------------------------------------------------------------- setup


def seed_session(url: str, data_dir: Path, delegates: int, actions: int) -> dict[str, Any]:
    """The meeting, its delegates, agenda and speakers' queue; tokens minted (see module)."""
    from sqlalchemy import select

    from eoffice.directory.models import Role, User, UserRole
    from eoffice.meetings import rules
    from eoffice.meetings.models import AgendaItem, Meeting, Participant, Sitting
    from eoffice.server.auth import issue_access_token, token_digest
    from eoffice.server.models import RefreshToken
    from eoffice.server.settings import ServerSettings
    from eoffice.store import Store
    from eoffice.sync.versioning import stamp_unversioned

    info = directory(url)  # migrated, versioned; the leader chairs
    org, unit, chair = info["org_id"], info["unit_id"], info["users"]["lanhdao"]
    store = Store(url)
    now = datetime.now(UTC)
    users = [{
        "id": str(uuid.uuid4()), "username": f"daibieu{n:04d}", "full_name": f"Đại biểu {n:04d}",
        "organisation_id": org, "unit_id": unit, "position": "Đại biểu", "email": "", "password_hash": None,
        "signature_digest": None, "server_version": None, "deleted": False, "updated_at": now,
    } for n in range(delegates)]
    kind = "ubnd_regular"
    start = now + timedelta(hours=1)
    meeting_id, sitting_id = str(uuid.uuid4()), str(uuid.uuid4())
    with store.write() as s:
        s.execute(User.__table__.insert(), users)
        s.execute(UserRole.__table__.insert(), [{"user_id": u["id"], "role": Role.OFFICER.value} for u in users])
        s.add(Meeting(
            id=meeting_id, organisation_id=org, unit_id=unit, title="Phiên họp UBND tỉnh thường kỳ (bench)",
            kind=kind, state="scheduled", starts_at=start, ends_at=start + timedelta(hours=8),
            place="Hội trường tầng 3", chair_id=chair, secretary_id=info["users"]["vanthu"],
            vote_rules=rules.defaults_for(kind).to_json(), created_by=info["users"]["vanthu"],
        ))
        s.add(Sitting(id=sitting_id, meeting_id=meeting_id, number=1, starts_at=start,
                      ends_at=start + timedelta(hours=8)))
        s.execute(Participant.__table__.insert(), [
            {"id": str(uuid.uuid4()), "meeting_id": meeting_id, "user_id": uid, "role": role, "votes": votes,
             "answer": "attend", "answer_reason": "", "answered_at": None, "substitute_id": None,
             "substitute_name": "", "server_version": None, "deleted": False, "updated_at": now}
            for uid, role, votes in [(chair, "chair", True), *((u["id"], "member", True) for u in users)]
        ])
        items = [str(uuid.uuid4()) for _ in range(actions)]
        s.execute(AgendaItem.__table__.insert(), [
            {"id": iid, "meeting_id": meeting_id, "sitting_id": sitting_id, "parent_id": None, "position": n,
             "title": f"Nội dung {n + 1}", "presenter_id": None, "presenter_unit_id": None, "planned_minutes": 10,
             "decision": "discussion", "vote_rule": "", "server_version": None, "deleted": False, "updated_at": now}
            for n, iid in enumerate(items)
        ])
        stamp_unversioned(s)
    # Tokens: the server's key first, then one live sign-in and one access token each.
    settings = ServerSettings(data_dir=data_dir, access_token_ttl=TOKEN_TTL)
    data_dir.mkdir(parents=True, exist_ok=True)
    settings.signing_key()
    tokens: dict[str, str] = {}
    with store.write() as s:
        wanted = [u["id"] for u in users] + [chair]
        refresh = []
        for user in s.scalars(select(User).where(User.id.in_(wanted))):
            family = str(uuid.uuid4())
            refresh.append({
                "id": str(uuid.uuid4()), "user_id": user.id, "family_id": family,
                "token_hash": token_digest(uuid.uuid4().hex + uuid.uuid4().hex),
                "expires_at": now + timedelta(days=1), "created_at": now,
            })
            tokens[user.id] = issue_access_token(settings, user, family)
        s.execute(RefreshToken.__table__.insert(), refresh)
    if store.engine.dialect.name == "postgresql":
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
    store.dispose()
    return {
        "meeting_id": meeting_id, "sitting_id": sitting_id, "items": items, "chair": chair,
        "chair_token": tokens[chair], "delegates": [(u["id"], tokens[u["id"]]) for u in users],
    }


# ----------------------------------------------------------------------------- delegates


def event_key(payload: dict[str, Any]) -> str | None:
    """What chair action a live event answers: the item shown, the speech given the floor,
    a vote's state."""
    part, data = payload.get("part"), payload.get("data") or {}
    if part == "session" and data.get("item_id"):
        return f"show:{data['item_id']}"
    if part == "speakers" and data.get("current"):
        return f"next:{data['current']['id']}"
    if part == "vote" and data.get("id"):
        return f"vote:{data.get('state')}:{data['id']}"
    return None


async def _delegates(spec: dict[str, Any]) -> None:
    """``--delegate-process``: this process's share of the delegates (see the module)."""
    import httpx
    from websockets.asyncio.client import connect
    from websockets.exceptions import ConnectionClosed

    from eoffice.server.protocol import HEADER, PROTOCOL_VERSION
    from eoffice.sync.live import live_url

    meeting = spec["meeting_id"]
    people: list[dict[str, Any]] = spec["delegates"]  # {"user_id", "token", "server"}
    count = len(people)
    loop = asyncio.get_running_loop()
    commands: asyncio.Queue[str] = asyncio.Queue()

    def read_stdin() -> None:
        for line in sys.stdin:
            loop.call_soon_threadsafe(commands.put_nowait, line.strip())
        loop.call_soon_threadsafe(commands.put_nowait, "quit")

    threading.Thread(target=read_stdin, daemon=True).start()

    def say(line: str) -> None:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()

    limits = httpx.Limits(max_connections=count + 10, max_keepalive_connections=count + 10)
    clients = {
        url: httpx.AsyncClient(base_url=f"{url}/api/v1/meetings/{meeting}", timeout=60, limits=limits,
                               headers={HEADER: str(PROTOCOL_VERSION)})
        for url in {p["server"] for p in people}
    }

    def auth(person: dict[str, Any]) -> dict[str, str]:
        return {"Authorization": f"Bearer {person['token']}"}

    # 1. Check in, a few at a time (a hall's delegates do not all press at once).
    gate = asyncio.Semaphore(16)

    async def check_in(person: dict[str, Any]) -> None:
        async with gate:
            r = await clients[person["server"]].post("/check-in", json={"online": True}, headers=auth(person))
        if r.status_code != 200:
            raise RuntimeError(f"check-in refused: {r.status_code} {r.text[:300]}")

    await asyncio.gather(*(check_in(p) for p in people))
    say(f"checked {count}")
    while await commands.get() != "connect":
        pass

    # 2. Sockets. Per delegate: the events' ids and keys in order, first receipt per key.
    received: list[list[tuple[int, str | None]]] = [[] for _ in people]
    first: list[dict[str, float]] = [{} for _ in people]
    have: dict[str, tuple[int, float, float]] = {}  # key -> (delegates with it, latest, earliest receipt)
    acks: list[float] = []
    refused: list[str] = []
    voted_for: set[tuple[int, str]] = set()
    ballots_done = 0
    ballots_expected: dict[str, int] = {}
    ready = 0
    all_ready = asyncio.Event()
    sockets: list[Any] = []
    pending: set[asyncio.Future[None]] = set()
    rng = random.Random(os.getpid())

    async def ballot(n: int, vote_id: str, choice: str) -> None:
        nonlocal ballots_done
        await asyncio.sleep(rng.uniform(0, BALLOT_WINDOW_S))
        person = people[n]
        t0 = time.monotonic()
        r = await clients[person["server"]].post(f"/votes/{vote_id}/ballot", json={"choice": [choice]},
                                                 headers=auth(person))
        if r.status_code == 200:
            acks.append((time.monotonic() - t0) * 1000)
        else:
            refused.append(f"{r.status_code} {r.text[:200]}")
        ballots_done += 1
        if ballots_done == ballots_expected.get(vote_id):
            say(f"voted {json.dumps({'acks_ms': acks, 'refused': refused})}")

    gate_connect = asyncio.Semaphore(25)  # handshakes at once (each signs in on the server)

    async def listen(n: int) -> None:
        nonlocal ready
        person = people[n]
        headers = {HEADER: str(PROTOCOL_VERSION), **auth(person)}
        async with gate_connect:
            ws = await connect(live_url(person["server"], None), additional_headers=headers, open_timeout=300,
                               max_size=None, ping_timeout=None)
        sockets.append(ws)
        try:
            async for raw in ws:
                t = time.monotonic()
                message = json.loads(raw)
                if message.get("type") == "ready":
                    ready += 1
                    if ready == count:
                        all_ready.set()
                    continue
                if message.get("type") != "event" or message.get("kind") != "meeting.live":
                    continue
                payload = message.get("payload") or {}
                if payload.get("meeting_id") != meeting:
                    continue
                heard_bytes[0] += len(raw)
                if payload.get("part") == "vote_progress":
                    progress[0] += 1
                key = event_key(payload)
                received[n].append((int(message["id"]), key))
                if key is None or key in first[n]:
                    continue
                first[n][key] = t
                got, latest, earliest = have.get(key, (0, 0.0, t))
                have[key] = (got + 1, max(latest, t), min(earliest, t))
                if got + 1 == count:
                    say(f"have {key} {have[key][1]!r} {have[key][2]!r}")
                if key.startswith("vote:open:") and (n, key) not in voted_for:
                    voted_for.add((n, key))
                    vote_id = key.rsplit(":", 1)[1]
                    ballots_expected[vote_id] = count
                    options = (payload.get("data") or {}).get("options") or [{"key": "yes"}]
                    casting = asyncio.ensure_future(ballot(n, vote_id, options[0]["key"]))
                    pending.add(casting)
                    casting.add_done_callback(pending.discard)
        except ConnectionClosed:
            say(f"closed {n}")

    progress = [0]  # vote_progress events heard, all delegates of this process
    heard_bytes = [0]  # the meeting's live events' text heard, all delegates of this process
    lags: list[float] = []  # how late this process's loop wakes (it delays what it times)

    async def probe() -> None:
        while True:
            t = time.monotonic()
            await asyncio.sleep(0.01)
            lags.append((time.monotonic() - t - 0.01) * 1000)

    tasks = [asyncio.ensure_future(listen(n)) for n in range(count)]
    tasks.append(asyncio.ensure_future(probe()))
    await all_ready.wait()
    say(f"ready {count}")

    # 3. At "report <expected keys as JSON>": what each delegate missed, twice, out of order.
    while True:
        command = await commands.get()
        if command == "quit":
            break
        if command.startswith("report "):
            expected: list[str] = json.loads(command[len("report "):])
            wanted = set(expected)
            missed = duplicated = disordered = repeated = 0
            for events in received:
                ids = [i for i, _ in events]
                duplicated += len(ids) - len(set(ids))  # an event (by its id) sent twice
                disordered += int(ids != sorted(ids))
                keys = [k for _, k in events if k in wanted]
                missed += len(wanted - set(keys))
                repeated += len(keys) - len(set(keys))  # two events saying the same (not a fault)
                firsts = [keys.index(k) for k in expected if k in keys]
                disordered += int(firsts != sorted(firsts))
            ordered = sorted(lags)
            say("report " + json.dumps({"missed": missed, "duplicated": duplicated, "disordered": disordered,
                                         "repeated": repeated, "progress": progress[0] / count,
                                         "bytes": heard_bytes[0] / count,
                                         "lag_p95": ordered[int(0.95 * (len(ordered) - 1))] if ordered else -1,
                                         "lag_max": ordered[-1] if ordered else -1}))
    for ws in sockets:
        await ws.close()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    for client in clients.values():
        await client.aclose()


def delegate_process(spec_path: str) -> None:
    spec = json.loads(Path(spec_path).read_text())
    asyncio.run(_delegates(spec))


class Delegates:
    """The delegate processes and what they say (lines read by one thread each)."""

    def __init__(self, folder: Path, meeting_id: str, people: list[dict[str, Any]], processes: int) -> None:
        self.procs: list[subprocess.Popen[str]] = []
        self.cond = threading.Condition()
        self.lines: list[list[str]] = []
        for p in range(processes):
            share = people[p::processes]
            spec = folder / f"delegates-{p}.json"
            spec.write_text(json.dumps({"meeting_id": meeting_id, "delegates": share}))
            proc = subprocess.Popen(
                [sys.executable, __file__, "--delegate-process", str(spec)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
            )
            self.procs.append(proc)
            self.lines.append([])
            threading.Thread(target=self._read, args=(p, proc), daemon=True).start()

    def _read(self, p: int, proc: subprocess.Popen[str]) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            with self.cond:
                self.lines[p].append(line.strip())
                self.cond.notify_all()
        with self.cond:
            self.lines[p].append("exited")
            self.cond.notify_all()

    def said(self, prefix: str) -> list[str | None]:
        """Per process, the last line starting with ``prefix`` (None if none yet)."""
        out: list[str | None] = []
        for lines in self.lines:
            found = [line for line in lines if line.startswith(prefix)]
            out.append(found[-1] if found else None)
        return out

    def wait_all(self, prefix: str, timeout: float) -> list[str] | None:
        """Every process's line starting with ``prefix``; None after ``timeout``."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                if any(lines and lines[-1] == "exited" and not any(x.startswith(prefix) for x in lines)
                       for lines in self.lines):
                    raise RuntimeError(f"a delegate process ended waiting for {prefix!r}")
                got = self.said(prefix)
                if all(g is not None for g in got):
                    return [g for g in got if g is not None]
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self.cond.wait(left)

    def tell(self, line: str) -> None:
        for proc in self.procs:
            assert proc.stdin is not None
            proc.stdin.write(line + "\n")
            proc.stdin.flush()

    def cpu_seconds(self) -> float:
        return round(sum(cpu_seconds(proc.pid) for proc in self.procs), 1)

    def stop(self) -> None:
        for proc in self.procs:
            if proc.stdin is not None and not proc.stdin.closed:
                proc.stdin.close()
        for proc in self.procs:
            try:
                proc.wait(60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)


# ----------------------------------------------------------------------------- the chair


def run_session(kind: str, servers: list[str], seeded: dict[str, Any], folder: Path, processes: int,
                actions: int) -> dict[str, Any]:
    import httpx

    from eoffice.server.protocol import HEADER, PROTOCOL_VERSION

    meeting = seeded["meeting_id"]
    chair = httpx.Client(
        base_url=f"{servers[0]}/api/v1/meetings/{meeting}", timeout=60,
        headers={HEADER: str(PROTOCOL_VERSION), "Authorization": f"Bearer {seeded['chair_token']}"},
    )

    def post(path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        r = chair.post(path, json=body or {})
        if r.status_code != 200:
            raise RuntimeError(f"POST {path}: {r.status_code} {r.text[:500]}")
        return r.json()  # type: ignore[no-any-return]

    post("/session/open", {"sitting_id": seeded["sitting_id"]})
    people = [{"user_id": uid, "token": token, "server": servers[n % len(servers)]}
              for n, (uid, token) in enumerate(seeded["delegates"])]
    delegates = Delegates(folder, meeting, people, processes)
    out: dict[str, Any] = {}
    try:
        t0 = time.monotonic()
        if delegates.wait_all("checked", 600) is None:
            raise RuntimeError("the delegates did not check in")
        log(f"  {kind}: {len(people)} delegates checked in ({time.monotonic() - t0:.1f}s)")
        delegates.tell("connect")
        t0 = time.monotonic()
        if delegates.wait_all("ready", 600) is None:
            raise RuntimeError("the delegates' sockets did not connect")
        log(f"  {kind}: {len(people)} sockets ready ({time.monotonic() - t0:.1f}s)")

        firsts: list[float] = []

        def everyone_has(key: str, sent: float) -> float | None:
            lines = delegates.wait_all(f"have {key} ", ACTION_TIMEOUT_S)
            if lines is None:
                return None
            firsts.append((min(float(line.split()[3]) for line in lines) - sent) * 1000)
            return max(float(line.split()[2]) for line in lines)

        latencies: list[float] = []
        requests: list[float] = []
        expected: list[str] = []
        lost = 0
        by_action: dict[str, list[float]] = {}

        def timed(key: str, sent: float) -> None:
            """The action sent at ``sent`` answered: wait for every delegate to hear ``key``."""
            nonlocal lost
            requests.append((time.monotonic() - sent) * 1000)
            expected.append(key)
            reached = everyone_has(key, sent)
            if reached is None:
                lost += 1
            else:
                latencies.append((reached - sent) * 1000)
                by_action.setdefault(key.split(":", 1)[0], []).append(latencies[-1])

        shows = (actions + 1) // 2
        # The chair's "next item": one item after the other.
        for n, item in enumerate(seeded["items"][:shows]):
            sent = time.monotonic()
            post("/session/show", {"item_id": item})
            timed(f"show:{item}", sent)
            if (n + 1) % 20 == 0:
                log(f"  {kind}: {n + 1} items shown, p95 so far {percentile(latencies, 0.95):.0f} ms")
        # Delegates ask to speak (on the item shown last) and the chair accepts them: not
        # timed, it fills the queue the chair's "next speaker" goes through.
        for _uid, token in seeded["delegates"][: actions - shows]:
            asked = httpx.post(f"{servers[0]}/api/v1/meetings/{meeting}/speakers", json={"kind": "speech"},
                               headers={HEADER: str(PROTOCOL_VERSION), "Authorization": f"Bearer {token}"},
                               timeout=60)
            if asked.status_code != 200:
                raise RuntimeError(f"asking to speak: {asked.status_code} {asked.text[:300]}")
            post(f"/speakers/{asked.json()['id']}/accept")
        for n in range(actions - shows):
            sent = time.monotonic()
            view = post("/speakers/next")
            timed(f"next:{(view.get('current') or {}).get('id')}", sent)
            if (n + 1) % 20 == 0:
                log(f"  {kind}: {n + 1} speakers given the floor, p95 so far {percentile(latencies, 0.95):.0f} ms")

        # The vote.
        vote = post("/votes", {"title": "Biểu quyết thông qua tờ trình (bench)", "method": "yes_no",
                               "secret": False, "rule_key": "majority"})
        t_open = time.monotonic()
        post(f"/votes/{vote['id']}/open", {"without_quorum": True})
        lines = delegates.wait_all("voted ", 120)
        if lines is None:
            raise RuntimeError("the ballots did not all come back")
        log(f"  {kind}: {len(people)} ballots in {time.monotonic() - t_open:.1f}s after opening")
        acks: list[float] = []
        refusals: list[str] = []
        for line in lines:
            got = json.loads(line[len("voted "):])
            acks.extend(got["acks_ms"])
            refusals.extend(got["refused"])
        t_close = time.monotonic()
        post(f"/votes/{vote['id']}/close")
        t_publish = time.monotonic()
        result = post(f"/votes/{vote['id']}/publish")
        published = f"vote:published:{vote['id']}"
        expected.append(published)
        reached = everyone_has(published, t_close)
        tally = (result.get("result") or {}).get("counts")
        log(f"  {kind}: result {tally}, {len(refusals)} ballots refused")

        delegates.tell("report " + json.dumps(expected))
        reports = delegates.wait_all("report ", 120) or []
        faults = [json.loads(line[len("report "):]) for line in reports]
        out.update({
            "chair_actions": actions,
            "chair_to_all_p50_ms": round(percentile(latencies, 0.5), 1),
            "chair_to_all_p95_ms": round(percentile(latencies, 0.95), 1),
            "chair_to_all_max_ms": round(max(latencies), 1) if latencies else -1,
            "chair_actions_not_reaching_all": lost,
            "chair_show_to_all_p95_ms": round(percentile(by_action.get("show", []), 0.95), 1),
            "chair_next_to_all_p95_ms": round(percentile(by_action.get("next", []), 0.95), 1),
            # For reading the above: to the FIRST delegate (the request and the server's
            # dispatch), the rest being the fan-out to the sockets and their reading.
            "chair_to_first_p50_ms": round(percentile(firsts[:len(latencies)], 0.5), 1),
            "chair_to_first_p95_ms": round(percentile(firsts[:len(latencies)], 0.95), 1),
            "chair_request_p50_ms": round(percentile(requests, 0.5), 1),
            "chair_request_p95_ms": round(percentile(requests, 0.95), 1),
            "ballots_acknowledged": len(acks),
            "ballots_refused": len(refusals),
            "ballots_refused_first": refusals[:3],
            "vote_ack_p50_ms": round(percentile(acks, 0.5), 1),
            "vote_ack_p95_ms": round(percentile(acks, 0.95), 1),
            "vote_ack_max_ms": round(max(acks), 1) if acks else -1,
            "result_after_close_ms": round((reached - t_close) * 1000, 1) if reached else -1,
            "result_after_publish_ms": round((reached - t_publish) * 1000, 1) if reached else -1,
            "result_counts": tally,
            "missed_or_duplicated_events": sum(f["missed"] + f["duplicated"] + f["disordered"] for f in faults),
            "events_missed": sum(f["missed"] for f in faults),
            "events_duplicated": sum(f["duplicated"] for f in faults),
            "delegates_out_of_order": sum(f["disordered"] for f in faults),
            "events_repeating_an_action": sum(f["repeated"] for f in faults),
            "vote_progress_events_per_delegate": round(sum(f["progress"] for f in faults) / len(faults), 1),
            "live_kb_per_delegate": round(sum(f["bytes"] for f in faults) / len(faults) / 1024),
            # How late the delegates' own event loops ran (the worst process): what the
            # machine's load adds to every time a delegate takes, not the server's doing.
            "delegate_loop_lag_p95_ms": round(max((f["lag_p95"] for f in faults), default=-1), 1),
            "delegate_loop_lag_max_ms": round(max((f["lag_max"] for f in faults), default=-1), 1),
        })
        out["delegate_processes_cpu_s"] = delegates.cpu_seconds()
    finally:
        delegates.stop()
        chair.close()
    return out


def bench_live(kind: str, pg_url: str, delegates: int, actions: int, processes: int, folder: Path) -> dict[str, Any]:
    """One database: seed, start the server process(es), run the session; the figures."""
    scratch = Scratch(kind, folder, pg_url)
    result: dict[str, Any] = {"database": kind, "delegates": delegates,
                              "load_average_at_start": round(os.getloadavg()[0], 2)}
    servers: list[ServerProcess] = []
    try:
        url = scratch.url("live")
        data_dir = folder / "live-server"
        t0 = time.perf_counter()
        seeded = seed_session(url, data_dir, delegates, actions)
        log(f"{kind}: live session seeded in {time.perf_counter() - t0:.1f}s (tokens minted in the database)")
        for _ in range(1 if kind == "sqlite" else 2):
            servers.append(ServerProcess(url, data_dir))
        result["server_processes"] = len(servers)
        result.update(run_session(kind, [s.url for s in servers], seeded, folder, processes, actions))
    finally:
        result["server_cpu_s"] = round(sum(cpu_seconds(s.proc.pid) for s in servers), 1)
        peaks = [s.stop() for s in servers]
        result["server_peak_rss_mb"] = round(sum(peaks), 1)  # the sum over server processes
        result["server_peak_rss_mb_each"] = peaks
        result["server_peak_rss_is"] = "sum over server processes"
        scratch.drop()
    result["load_average_at_end"] = round(os.getloadavg()[0], 2)
    log(f"{kind}: chair→all p95 {result.get('chair_to_all_p95_ms')} ms, ballot p95 {result.get('vote_ack_p95_ms')} "
        f"ms, result {result.get('result_after_close_ms')} ms, faults {result.get('missed_or_duplicated_events')}")
    return result


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--delegate-process":
        delegate_process(sys.argv[2])
