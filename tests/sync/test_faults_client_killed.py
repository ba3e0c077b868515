"""The client killed with SIGKILL at random moments, inside pushes and pulls, many times:
after restarts and a last sync, client and server hold the same rows, and every
operation the user made is applied once — none lost, none twice.

The server runs as its own process (``eoffice server``), as in production; the client is
``tests.sync.fault_client`` in its own process, on its own SQLite file. A colleague keeps
registering documents meanwhile, so there is always something to pull and download.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from eoffice.store import Store
from eoffice.store.base import new_id
from eoffice.store.blobs import BlobStore
from eoffice.sync import operations as ops
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
#: How each run ends: a kill from outside after a moment, or inside a step of the engine
#: (once its journal says the step began), or the client killing itself at an exact point.
#: Those about pushing come in the first runs, while the user still has work to push.
WHILE_PUSHING = ("push", "pushed", "uploaded") * 3 + ("moment", "pull", "download", "page_applied")
LATER = ("moment", "pull", "download", "page_applied") * 2
KILLS = len(WHILE_PUSHING) + len(LATER)


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


#: How long a run waits for the step it is to die in. Generous: a loaded machine (CI, a
#: parallel test run) may take seconds to get there, and a step that comes dies at once.
STEP_WAIT = 12.0


def _one_run(runs: ClientRuns, ending: str, rng: random.Random) -> str:
    """Start the client and end it by ``ending``; returns where the kill landed."""
    if ending in fault_client.DIE_POINTS:
        process = runs.start(die_at=[ending, rng.randint(1, 2)])
        where = runs.died(process, timeout=STEP_WAIT)
        return where if where is not None else runs.kill(process)  # the point never came
    process = runs.start()
    if ending == "moment":
        time.sleep(rng.uniform(0.0, 1.0))
    else:
        runs.wait_for(ending, rng.randint(1, 2), timeout=STEP_WAIT)
        time.sleep(rng.uniform(0.0, 0.03))
    return runs.kill(process)


@pytest.mark.slow
def test_a_client_killed_at_random_moments_converges_with_every_operation_applied_once(store: Store, tmp_path: Path, memory_keyring):
    office = make_office(store)
    pdfs = write_pdfs(tmp_path / "pdfs", 40, "kill")
    server = ServerProcess(store.url, tmp_path / "server", tmp_path / "logs").start()
    colleague = Colleague(server.url, tmp_path / "colleague", SEED)
    try:
        runs = _client(tmp_path, server, office.chief_id, office.world.clerk_id, pdfs)
        rng = random.Random(SEED)
        colleague.start()
        for ending in _endings(rng):
            _one_run(runs, ending, rng)
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
    # The kills landed where they were meant to, not only between steps.
    landed = runs.landed
    assert landed["inside push"] >= 1 and landed["inside pull"] >= 1, landed
    assert {"at pushed", "at page_applied", "at uploaded"} <= set(landed), landed
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
        died = runs.died(runs.start(extra_ops=[ops.to_json(direct)], die_at=["refetch", 1]), timeout=30)
        assert died == "at refetch"
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
