"""Server versions: one per transaction, bumped by children, committed in order."""

from __future__ import annotations

import gc
import random
import threading

import pytest
from sqlalchemy import select

from eoffice.directory.admin import create_user
from eoffice.directory.models import Role, User
from eoffice.documents import operations as ops
from eoffice.documents.models import Document, DocumentDirection, RegisterCounter
from eoffice.ops import FileRef
from eoffice.store.base import new_id
from eoffice.sync.applying import apply_batch, apply_once
from eoffice.sync.changes import changes_since
from eoffice.sync.versioning import current_version, install_versioning, stamp_unversioned
from tests.conftest import make_world
from tests.sync.conftest import register_op


def _version(store, model, row_id: str) -> int:  # type: ignore[no-untyped-def]
    with store.read() as s:
        return s.get(model, row_id).server_version


def test_rows_of_one_transaction_share_one_version_and_later_ones_are_higher(server):
    a, b, c = register_op(), register_op(), register_op()
    with server.store.write() as s:
        apply_batch(s, server.clerk_id, [a, b])
    with server.store.write() as s:
        apply_batch(s, server.clerk_id, [c])
    va, vb, vc = (_version(server.store, Document, op.document_id) for op in (a, b, c))
    assert va == vb < vc
    with server.store.read() as s:
        assert current_version(s) == vc


def test_a_file_or_a_line_change_re_versions_its_document(server):
    draft_id = new_id()
    create = ops.CreateDraft(new_id(), draft_id, {"type_name": "Công văn", "subject": "Về việc A"},
                             (FileRef("d" * 64, "a.pdf", 1, 1),))
    with server.store.write() as s:
        apply_once(s, server.officer_id, create)
    v1 = _version(server.store, Document, draft_id)
    with server.store.write() as s:
        # Same fields, new file only: the document row itself is unchanged.
        apply_once(s, server.officer_id, ops.UpdateDraft(
            new_id(), draft_id, create.fields, (FileRef("e" * 64, "b.pdf", 1, 1),)
        ))
    v2 = _version(server.store, Document, draft_id)
    assert v2 > v1

    reg = register_op()
    line = new_id()
    with server.store.write() as s:
        apply_once(s, server.clerk_id, reg)
        apply_once(s, server.leader_id, ops.Direct(
            new_id(), reg.document_id, new_id(), "", (ops.LineRef(line, "lead", user_id=server.officer_id),)
        ))
    v3 = _version(server.store, Document, reg.document_id)
    with server.store.write() as s:
        apply_once(s, server.officer_id, ops.StartLine(new_id(), line))  # the document row is untouched
    assert _version(server.store, Document, reg.document_id) > v3


def test_every_new_sessionmaker_versions_its_writes(sqlite_store):
    """A process opens session factory after session factory (a server's stores, tests):
    each one's writes carry versions, also when it takes the place in memory of an
    earlier one that had versioning on (SQLAlchemy's event.contains then says yes)."""
    from sqlalchemy.orm import sessionmaker

    world = make_world(sqlite_store)
    for i in range(20):
        factory = sessionmaker(sqlite_store._write_engine, expire_on_commit=False)
        install_versioning(factory)
        with factory() as s, s.begin():
            user = create_user(s, f"moi{i:02d}", f"Người mới {i}", world.org_id, {Role.OFFICER}, None, "Chuyên viên")
        assert user.server_version is not None, f"factory {i}"
        del factory, user
        gc.collect()


def test_a_rolled_back_savepoint_gives_its_version_back(server):
    reg = register_op()
    with server.store.write() as s:
        apply_once(s, server.clerk_id, reg)
    # The direction is flushed (taking a version) before its past deadline is refused.
    bad = ops.Direct(new_id(), reg.document_id, new_id(), "Quá hạn",
                     (ops.LineRef(new_id(), "lead", user_id=server.officer_id, deadline="2000-01-01"),))
    good = ops.Direct(
        new_id(), reg.document_id, new_id(), "Đúng hạn", (ops.LineRef(new_id(), "lead", user_id=server.officer_id),)
    )
    with server.store.write() as s:
        assert not apply_once(s, server.leader_id, bad).accepted
        assert apply_once(s, server.leader_id, good).accepted
    v_good = _version(server.store, DocumentDirection, good.direction_id)
    with server.store.read() as s:
        assert current_version(s) == v_good
    with server.store.write() as s:
        apply_once(s, server.clerk_id, register_op())
    with server.store.read() as s:
        assert current_version(s) == v_good + 1


def test_rows_written_before_versioning_get_stamped(store):
    world = make_world(store)  # no versioning installed
    with store.read() as s:
        assert s.get(User, world.clerk_id).server_version is None
    with store.write() as s:
        assert stamp_unversioned(s, chunk=3) > 7
    with store.read() as s:
        versions = {u.server_version for u in s.scalars(select(User))}
        assert None not in versions and len(versions) >= 2


@pytest.mark.postgres
def test_versions_commit_in_order_under_concurrent_writers_and_a_pager(pg_server):
    """Two writer threads and a pager: the pager never moves past a version still to come."""
    server = pg_server
    per_writer = 25
    seen: dict[str, int] = {}
    errors: list[BaseException] = []
    done = threading.Event()
    cursors: list[int] = []

    def writer(seed: int) -> None:
        rng = random.Random(seed)
        try:
            for _ in range(per_writer):
                with server.store.write() as s:
                    apply_batch(s, server.clerk_id, [register_op() for _ in range(rng.randint(1, 3))])
        except BaseException as e:  # noqa: BLE001 — reported by the main thread
            errors.append(e)

    def page_once(cursor: int, limit: int = 1000) -> int:
        with server.store.read() as s:
            page = changes_since(s, s.get(User, server.clerk_id), cursor, limit=limit)
        for row in page.rows["documents"]:
            if row["server_version"] <= page.next_cursor:
                seen[row["id"]] = row["server_version"]
        assert page.next_cursor >= cursor
        return page.next_cursor

    def pager() -> None:
        cursor = 0
        rng = random.Random(7)
        try:
            while not done.is_set():
                # Mostly whole pages, to stay at the writers' heels where a skip would show.
                cursor = page_once(cursor, rng.choice((2, 1000, 1000)))
                cursors.append(cursor)
        except BaseException as e:  # noqa: BLE001
            errors.append(e)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(2)]
    reader = threading.Thread(target=pager)
    reader.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    done.set()
    reader.join()
    assert not errors, errors
    cursor = cursors[-1] if cursors else 0
    while True:
        nxt = page_once(cursor)
        if nxt == cursor:
            break
        cursor = nxt
    with server.store.read() as s:
        final = dict(s.execute(select(Document.id, Document.server_version)).all())
    assert len(final) >= 2 * per_writer
    # Every document was seen at its final version: none was skipped by a moving cursor.
    assert seen == final
    assert len(set(cursors)) > 3  # the pager really paged while the writers wrote


@pytest.mark.postgres
def test_twenty_clients_registering_offline_end_with_gapless_numbers(pg_server):
    """Twenty clerks each register offline, then all push at once, in random interleaving."""
    server = pg_server
    with server.store.write() as s:
        clerks = [
            create_user(
                s, f"vanthu{n:02d}", f"Văn thư {n}", server.org_id, {Role.CLERK}, server.office_unit_id, "Văn thư"
            ).id
            for n in range(20)
        ]
    per_client = 6
    queued = {clerk: [register_op(f"Văn bản {n} của {clerk[:4]}") for n in range(per_client)] for clerk in clerks}
    outcomes: dict[str, dict[str, object]] = {}
    errors: list[BaseException] = []
    start = threading.Barrier(len(clerks))

    def client_pushes(clerk: str, seed: int) -> None:
        rng = random.Random(seed)
        todo = list(queued[clerk])
        try:
            start.wait()
            while todo:
                size = rng.randint(1, 3)
                batch, todo = todo[:size], todo[size:]
                with server.store.write() as s:
                    for o in apply_batch(s, clerk, batch):
                        outcomes[o.op_id] = o.result
                if rng.random() < 0.5:  # the answer was lost: the client pushes again
                    with server.store.write() as s:
                        again = apply_batch(s, clerk, batch)
                    assert all(o.replayed for o in again)
        except BaseException as e:  # noqa: BLE001
            errors.append(e)

    threads = [threading.Thread(target=client_pushes, args=(c, n)) for n, c in enumerate(clerks)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    total = len(clerks) * per_client
    numbers = sorted(int(r["arrival_number"]) for r in outcomes.values())  # type: ignore[call-overload]
    assert numbers == list(range(1, total + 1))
    with server.store.read() as s:
        stored = sorted(s.scalars(select(Document.arrival_number)))
        counter = s.scalar(select(RegisterCounter.last_number))
    assert stored == list(range(1, total + 1)) and counter == total


@pytest.mark.postgres
def test_the_same_batch_pushed_twice_at_once_is_applied_once(pg_server):
    """A client retrying while its first push is still running: one application, one number."""
    server = pg_server
    batch = [register_op(f"Văn bản {n}") for n in range(5)]
    results: list[list[object]] = []
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def push() -> None:
        try:
            start.wait()
            with server.store.write() as s:
                results.append([o.result["arrival_number"] for o in apply_batch(s, server.clerk_id, batch)])
        except BaseException as e:  # noqa: BLE001
            errors.append(e)

    threads = [threading.Thread(target=push) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert results == [[1, 2, 3, 4, 5]] * 4
    with server.store.read() as s:
        assert sorted(s.scalars(select(Document.arrival_number))) == [1, 2, 3, 4, 5]
