"""The client killed with SIGKILL at random moments, inside pushes and pulls, many times:
after restarts and a last sync, client and server hold the same rows, and every
operation the user made is applied once — none lost, none twice.

The server runs as its own process (``eoffice server``), as in production; the client is
``tests.sync.fault_client`` in its own process, on its own SQLite file. A colleague keeps
registering documents meanwhile, so there is something to pull and download; a run meant
to die inside a pull waits for the colleague's next documents first.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from pathlib import Path

import pytest

from eoffice.documents import operations as ops
from eoffice.ops import to_json
from eoffice.store import Store
from eoffice.store.base import new_id
from eoffice.store.blobs import BlobStore
from tests.server.conftest import PASSWORD
from tests.sync import fault_client
from tests.sync.convergence import (
    assert_applied_once,
    assert_files_complete,
    assert_numbers_gapless,
    assert_same_rows,
    outbox,
)
from tests.sync.faults_support import CHIEF, ClientRuns, Colleague, make_office, write_pdfs
from tests.sync.server_process import ServerProcess

SEED = 20260303
#: How each run ends. A point of DIE_POINTS: the client kills itself there, and the run is
#: made sure to get there (see ``_make_it_come``): those kills land where they are meant to
#: by construction. "moment": a kill from outside after a random moment; "push", "pull",
#: "download": a kill from outside just after the journal says such a step began — aimed,
#: but where it lands is luck, and nothing is asserted about it.
#: Those about pushing come first, while the user still has plenty of work to push.
WHILE_PUSHING = ("push_sent", "pushed", "uploaded") * 3 + ("push",)
LATER = ("pulled", "page_applied") * 3 + ("moment", "pull", "download") * 2
KILLS = len(WHILE_PUSHING) + len(LATER)

#: How long an aimed kill from outside waits for its step before it kills anyway (a busy
#: machine may not get there in time; the kill then lands elsewhere, which is fine).
AIM_WAIT = 20.0


def _endings(rng: random.Random) -> list[str]:
    first, later = list(WHILE_PUSHING), list(LATER)
    rng.shuffle(first)
    rng.shuffle(later)
    return first + later


def _client(tmp_path: Path, server: ServerProcess, chief_id: str, colleague_id: str, pdfs: list[str]) -> ClientRuns:
    folder = tmp_path / "client"
    folder.mkdir()
    config = fault_client.Config(
        server_url=server.url, database=str(folder / "client.sqlite3"), blobs=str(folder / "blobs"),
        journal=str(folder / "journal.txt"), username=CHIEF, password=PASSWORD, user_id=chief_id,
        colleague_id=colleague_id, pdfs=pdfs, seed=SEED, page_limit=1, batch_size=40, burst=6,
    )
    return ClientRuns(config, folder)


def _make_it_come(runs: ClientRuns, colleague: Colleague, point: str, n: int) -> None:
    """Before a run that is to reach ``point`` ``n`` times: make sure it will.

    Pushes and uploads come from the user's work: every burst of the plan is followed by a
    sync that pushes it, and every registration pushed uploads its PDF first; what is left
    must be enough (the push phase comes first and the plan is long, so it is; if not, the
    test's design is wrong and says so here). Pulled pages with rows come from the
    colleague: ``n`` documents registered after the last run died are ``n`` versions above
    any cursor the desk holds, one page each (``page_limit`` 1).
    """
    if point in ("push_sent", "pushed", "push", "uploaded"):
        todo, pending = runs.work_left()
        burst = runs.config.burst
        if point == "uploaded":
            comes = sum(1 for s in todo if s.pdf) + sum(isinstance(op, ops.RegisterIncoming) for op in pending)
        else:
            comes = -(-len(todo) // burst) if todo else int(bool(pending))
        assert comes >= n, f"the plan ran out: {comes} {point} of {n} left ({len(todo)} steps, {len(pending)} pending)"
    else:
        colleague.await_registrations(n)


def _one_run(runs: ClientRuns, colleague: Colleague, ending: str, rng: random.Random) -> str:
    """Start the client and end it by ``ending``; returns where the kill landed."""
    n = rng.randint(1, 2)
    if ending in fault_client.DIE_POINTS:
        _make_it_come(runs, colleague, ending, n)
        return runs.died(runs.start(die_at=[ending, n]), ending)
    if ending != "moment":
        _make_it_come(runs, colleague, ending, n)
    process = runs.start()
    if ending == "moment":
        time.sleep(rng.uniform(0.0, 1.0))  # a random moment, not a wait for something
    else:
        runs.wait_for(ending, n, timeout=AIM_WAIT)
        time.sleep(rng.uniform(0.0, 0.03))
    return runs.kill(process)


@pytest.mark.slow
def test_a_client_killed_at_random_moments_converges_with_every_operation_applied_once(
    store: Store, tmp_path: Path, memory_keyring
):
    office = make_office(store)
    pdfs = write_pdfs(tmp_path / "pdfs", 40, "kill")
    server = ServerProcess(store.url, tmp_path / "server", tmp_path / "logs").start()
    colleague = Colleague(server.url, tmp_path / "colleague", SEED)
    try:
        runs = _client(tmp_path, server, office.chief_id, office.world.clerk_id, pdfs)
        rng = random.Random(SEED)
        colleague.start()
        endings = _endings(rng)
        for ending in endings:
            _one_run(runs, colleague, ending, rng)
        colleague.stop()
        runs.finish()
        server.assert_no_errors()
    finally:
        colleague.close()
        server.stop()

    client = Store(f"sqlite:///{runs.config.database}")
    try:
        made = [step.op.op_id for step in fault_client.plan(runs.config)]
        assert_applied_once(store, client, office.chief_id, made)
        assert_numbers_gapless(store, len(pdfs) + len(colleague.registered))
        assert_same_rows(store, client, office.chief_id)
        assert_files_complete(client, BlobStore(Path(runs.config.blobs)))
    finally:
        client.dispose()
    # Every run meant to die at a point died there (``died`` checks each as it ends), so
    # the kills landed inside pushes and pulls, not only between steps, on every run.
    landed = runs.landed
    meant = Counter(f"at {e}" for e in endings if e in fault_client.DIE_POINTS)
    assert {where: landed[where] for where in meant} == meant, landed
    assert {"at push_sent", "at pushed", "at uploaded", "at pulled", "at page_applied"} <= set(meant)
    assert sum(landed.values()) == KILLS
    print(f"kills: {dict(landed)}; colleague registered {len(colleague.registered)}")



@pytest.mark.slow
def test_a_client_killed_between_a_rejection_and_the_refetch_still_returns_to_the_servers_truth(
    store: Store, tmp_path: Path, memory_keyring
):
    """The server refuses a direction made offline (the user is no longer a leader); the
    client dies as it is about to fetch the document back. After a restart the document
    must not stay "directed" on this desk alone."""
    from eoffice.directory.models import Role, UserRole
    from eoffice.documents.models import Document
    from eoffice.sync.versioning import install_versioning

    office = make_office(store)
    server = ServerProcess(store.url, tmp_path / "server", tmp_path / "logs").start()
    colleague = Colleague(server.url, tmp_path / "colleague", SEED)
    try:
        colleague.register()
        [doc_id] = colleague.registered
        runs = _client(tmp_path, server, office.chief_id, office.world.clerk_id, [])
        runs.finish()  # the desk has the document, registered
        install_versioning(store)  # the admin's change reaches clients like any other
        with store.write() as s:
            s.delete(s.get(UserRole, (office.chief_id, Role.LEADER.value)))
        direct = ops.Direct(new_id(), doc_id, new_id(), "Giao Văn phòng xử lý",
                            (ops.LineRef(new_id(), "lead", user_id=office.world.officer_id),))
        # The refusal is certain (the user is no leader now), so the refetch comes.
        runs.died(runs.start(extra_ops=[to_json(direct)], die_at=["refetch", 1]), "refetch")
        runs.finish()
        server.assert_no_errors()
    finally:
        colleague.close()
        server.stop()
    client = Store(f"sqlite:///{runs.config.database}")
    try:
        with client.read() as s:
            assert s.get(Document, doc_id).state == "registered"
        assert outbox(client) == [(direct.op_id, "direct", "rejected")]
        assert_same_rows(store, client, office.chief_id)
    finally:
        client.dispose()
