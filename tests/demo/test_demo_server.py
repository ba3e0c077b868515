"""`make run` twice: the first demo app serves, a second one as another user connects to
it and hears the first one's direction arrive live."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from eoffice.demo.server import DEMO_PASSWORD, DemoFolder, ServerLock, running_server
from eoffice.directory.models import User
from eoffice.documents import operations as ops
from eoffice.documents.models import DirectionLine
from eoffice.ops import FileRef
from eoffice.store import Store
from eoffice.sync.account import LIVE_CURSOR
from eoffice.sync.client import SyncClient
from eoffice.sync.client_state import get_cursor
from eoffice.sync.credentials import Credentials
from eoffice.sync.models import SyncState
from tests.processes import die_with_parent

pytestmark = pytest.mark.slow
WAIT = 240.0


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "EOFFICE_DATA_DIR": str(tmp_path),
        "QT_QPA_PLATFORM": "offscreen",
        # No real keychain in a test: the app keeps its token in memory, as it does when
        # the keyring refuses it.
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }


def _app(tmp_path: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "eoffice", "demo", *args], env=_env(tmp_path),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, preexec_fn=die_with_parent,
    )


def _wait(condition, what: str, procs: list[subprocess.Popen[str]]) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if condition():
            return
        for proc in procs:
            if proc.poll() is not None:
                output = _stop(proc)
                pytest.fail(f"a demo app ended ({proc.returncode}) while waiting for {what}:\n{output}")
        time.sleep(0.5)
    pytest.fail(f"timed out waiting for {what}")


def _stop(proc: subprocess.Popen[str]) -> str:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)
    if proc.stdout is None:
        return ""
    with proc.stdout:
        return proc.stdout.read()


def _line_for(db: Path, user_id: str) -> bool:
    if not db.exists():
        return False
    store = Store(f"sqlite:///{db}")
    try:
        with store.read() as s:
            return s.scalars(select(DirectionLine.id).where(DirectionLine.user_id == user_id)).first() is not None
    except OperationalError:
        return False
    finally:
        store.dispose()


def test_a_second_demo_app_shares_the_first_ones_server_and_hears_its_direction(tmp_path, memory_keyring, pdf_factory):
    folder = DemoFolder.at(tmp_path)
    first = _app(tmp_path, "--documents", "24")
    procs = [first]
    try:
        _wait(lambda: running_server(folder) is not None, "the first app's server", procs)
        url = running_server(folder)
        assert url is not None and url.startswith("http://127.0.0.1:")
        assert not ServerLock(folder.lock_file).acquire()  # the first app holds the server
        second = _app(tmp_path, "--user", "snv.cv.cchc")
        procs.append(second)
        officer_db = folder.account_root("snv.cv.cchc") / "eoffice.sqlite3"
        server = Store(folder.database_url)
        with server.read() as s:
            officer_id = s.scalars(select(User.id).where(User.username == "snv.cv.cchc")).one()
        server.dispose()

        def officer_ready() -> bool:
            if not officer_db.exists():
                return False
            store = Store(f"sqlite:///{officer_db}")
            try:
                with store.read() as s:
                    return s.get(User, officer_id) is not None
            except OperationalError:  # the app is still creating its database
                return False
            finally:
                store.dispose()

        _wait(officer_ready, "the second app's first sync", procs)

        def live_channel_up() -> bool:  # the app keeps the id its live channel caught up to
            store = Store(f"sqlite:///{officer_db}")
            try:
                with store.read() as s:
                    return s.get(SyncState, "live") is not None
            except OperationalError:
                return False
            finally:
                store.dispose()

        _wait(live_channel_up, "the second app's live channel", procs)

        # The department's clerk registers a document at the first app's server...
        pdf = pdf_factory("Về việc chuyển đổi số")
        clerk = SyncClient(url, credentials=Credentials(url, "snv.vanthu"))
        clerk.login("snv.vanthu", DEMO_PASSWORD)
        digest = clerk.upload_blob(pdf)
        register = ops.RegisterIncoming(
            str(uuid.uuid4()), str(uuid.uuid4()),
            {"type_name": "Công văn", "subject": "Về việc chuyển đổi số", "organ_name": "Bộ Nội vụ",
             "organ_id": "000.00.00.G12", "code_number": "77", "code_notation": "BNV-CCHC",
             "issued_date": date.today().isoformat()},
            (FileRef(digest, pdf.name, pdf.stat().st_size, 1, ""),), date.today().isoformat(),
        )
        answer = clerk.push([register])[0]
        assert answer.accepted, answer.reason
        clerk.close()
        document_id = register.document_id

        # ...and the director directs it to the officer.
        leader = SyncClient(url, credentials=Credentials(url, "snv.giamdoc"))
        leader.login("snv.giamdoc", DEMO_PASSWORD)
        op = ops.Direct(
            str(uuid.uuid4()), document_id, str(uuid.uuid4()), "Giao đồng chí Anh chủ trì tham mưu.",
            (ops.LineRef(str(uuid.uuid4()), "lead", user_id=officer_id, deadline_days=5),),
            on_date=date.today().isoformat(),
        )
        assert leader.push([op])[0].accepted
        leader.close()
        _wait(lambda: _line_for(officer_db, officer_id), "the direction in the second app", procs)

        # The live channel told the app of it: the app keeps the told event's id as its
        # cursor. The line itself may have come by a pull that was already under way (the
        # first sync's follow-up), so this is waited for on its own, not read at once.
        def live_event_heard() -> bool:
            store = Store(f"sqlite:///{officer_db}")
            try:
                with store.read() as s:
                    return get_cursor(s, LIVE_CURSOR) > 0
            except OperationalError:
                return False
            finally:
                store.dispose()

        _wait(live_event_heard, "the direction's event on the second app's live channel", procs)
    finally:
        outputs = [_stop(p) for p in reversed(procs)]
    assert "Connecting to the other app's demo server" in outputs[0]
