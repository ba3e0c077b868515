"""The sidebar's counts as the database keeps them equal the counts of the boxes' lists.

On SQLite ``box_counts`` reads the tables kept by triggers (``documents.boxcounts``); on
PostgreSQL it counts by the lists' conditions. Here, after each step of the workflow
(local operations, raw writes as a sync page makes them, a pull, documents dropped),
every user's counts equal ``counts_by_condition`` and, on SQLite, the kept rows equal
what a rebuild from scratch makes.
"""

from __future__ import annotations

import threading
from datetime import date, timedelta
from uuid import uuid4

from sqlalchemy import text, update

from eoffice.directory.admin import create_unit, create_user
from eoffice.directory.models import Role, User
from eoffice.documents import boxcounts
from eoffice.documents.boxes import Box, box_counts, counts_by_condition
from eoffice.documents.directions import (
    LineSpec,
    complete_line,
    direct,
    forward_line,
    return_document,
    return_line,
    start_line,
)
from eoffice.documents.followup import due_soon_until
from eoffice.documents.models import DirectionLine, Document
from eoffice.documents.outgoing import (
    approve_draft,
    create_draft,
    issue,
    return_draft,
    submit_draft,
)
from eoffice.documents.types import LineRole
from eoffice.server.embedded import EmbeddedServer
from eoffice.server.settings import ServerSettings
from eoffice.store import Store
from tests.conftest import make_world
from tests.documents.workflow_helpers import incoming_fields, register
from tests.waiting import PATIENCE

TODAY = date(2026, 3, 20)
#: When the directions are made: some deadlines are past by TODAY.
DIRECTED_ON = date(2026, 3, 4)


def _kept_rows(store: Store) -> dict[str, list[tuple[object, ...]]]:
    with store.read() as s:
        return {
            t: sorted((tuple(r) for r in s.execute(text(f"SELECT * FROM {t}"))), key=repr)
            for t in boxcounts.TABLES
        }


def check(world, *more_users: str, rebuild: bool = True) -> None:  # type: ignore[no-untyped-def]
    """Every user's counts equal their lists'; the kept rows equal a rebuild's."""
    users = (world.clerk_id, world.leader_id, world.officer_id, world.officer2_id, world.admin_id, *more_users)
    with world.store.read() as s:
        soon = due_soon_until(s, TODAY, 3)
        for user_id in users:
            user = s.get(User, user_id)
            assert box_counts(s, user, TODAY) == counts_by_condition(s, user, TODAY, soon), user.username
    if world.store.is_sqlite and rebuild:
        kept = _kept_rows(world.store)
        with world.store.write() as s:
            boxcounts.rebuild(s.connection())
        assert _kept_rows(world.store) == kept


def _draft(world, blobs, pdf_factory, actor_id: str, **overrides: object) -> str:  # type: ignore[no-untyped-def]
    from eoffice.documents.incoming import prepare_files

    files = prepare_files([pdf_factory()], blobs)
    fields = incoming_fields("Về việc báo cáo", **overrides)
    with world.store.write() as s:
        return create_draft(s, actor_id, fields, files).id


def test_counts_follow_the_workflow(world, blobs, pdf_factory):
    with world.store.write() as s:
        sub = create_unit(s, world.org_id, "VP1", "Tổ tổng hợp", parent_id=world.office_unit_id).id
        sub_officer = create_user(s, "cvtonghop", "Vũ Thị Hoa", world.org_id, {Role.OFFICER}, sub, "Chuyên viên").id
    check(world, sub_officer)

    plain = register(world, blobs, pdf_factory, arrival_date=date(2026, 3, 3))
    last_year = register(world, blobs, pdf_factory, arrival_date=date(2025, 12, 30), issued_date=date(2025, 12, 29))
    secret = register(world, blobs, pdf_factory, secrecy="confidential")
    to_return = register(world, blobs, pdf_factory)
    check(world, sub_officer)  # registered: waiting for the leader

    late, soon = TODAY - timedelta(days=2), TODAY + timedelta(days=1)
    with world.store.write() as s:
        direct(s, world.leader_id, plain, "Giao Văn phòng", [
            LineSpec(LineRole.LEAD, unit_id=world.office_unit_id, deadline=late),
            LineSpec(LineRole.COORDINATE, unit_id=world.finance_unit_id, deadline=soon),
            LineSpec(LineRole.INFORM, user_id=world.officer2_id),
        ], today=DIRECTED_ON)
        direct(s, world.leader_id, secret, "Mật", [
            LineSpec(LineRole.LEAD, user_id=world.officer_id, deadline=soon),
            LineSpec(LineRole.COORDINATE, unit_id=world.finance_unit_id, deadline=late),
        ], today=DIRECTED_ON)
        direct(s, world.leader_id, last_year, "", [LineSpec(LineRole.LEAD, unit_id=sub, deadline=late)],
               today=DIRECTED_ON)
        return_document(s, world.clerk_id, to_return, "Sai nơi nhận")
    check(world, sub_officer)

    with world.store.read() as s:
        lines = {(ln.document_id, ln.unit_id, ln.user_id): ln.id for ln in s.query(DirectionLine)}
    with world.store.write() as s:
        start_line(s, world.officer_id, lines[(plain, world.office_unit_id, None)])
    check(world, sub_officer)
    with world.store.write() as s:  # the office hands the work down to its team
        forward_line(s, world.officer_id, lines[(plain, world.office_unit_id, None)], [
            LineSpec(LineRole.LEAD, unit_id=sub, deadline=soon),
        ], today=DIRECTED_ON)
    check(world, sub_officer)
    with world.store.write() as s:
        return_line(s, world.officer2_id, lines[(secret, world.finance_unit_id, None)], "Không thuộc thẩm quyền")
        complete_line(s, world.officer_id, lines[(secret, None, world.officer_id)], "Đã xong")
    check(world, sub_officer)

    draft = _draft(world, blobs, pdf_factory, world.officer_id)
    secret_draft = _draft(world, blobs, pdf_factory, world.officer2_id, secrecy="secret")
    check(world, sub_officer)
    with world.store.write() as s:
        submit_draft(s, world.officer_id, draft, world.leader_id)
        submit_draft(s, world.officer2_id, secret_draft, world.leader_id)
    check(world, sub_officer)
    with world.store.write() as s:
        return_draft(s, world.leader_id, draft, "Sửa lại trích yếu")
        approve_draft(s, world.leader_id, secret_draft)
    check(world, sub_officer)  # the secret draft now reaches the clerks
    with world.store.write() as s:
        submit_draft(s, world.officer_id, draft, world.leader_id)
        approve_draft(s, world.leader_id, draft)
        issue(s, world.clerk_id, draft, TODAY)
        issue(s, world.clerk_id, secret_draft, TODAY)
    check(world, sub_officer)


def test_counts_follow_raw_writes_as_a_sync_page_makes_them(world, blobs, pdf_factory):
    """Upserts and deletes straight on the tables: secrecy, tombstones, a moved line."""
    a = register(world, blobs, pdf_factory)
    b = register(world, blobs, pdf_factory)
    with world.store.write() as s:
        direct(s, world.leader_id, a, "", [
            LineSpec(LineRole.LEAD, unit_id=world.office_unit_id, deadline=TODAY - timedelta(days=1)),
            LineSpec(LineRole.INFORM, user_id=world.officer2_id),
        ], today=DIRECTED_ON)
        direct(s, world.leader_id, b, "", [LineSpec(LineRole.LEAD, unit_id=world.finance_unit_id, deadline=TODAY)],
               today=DIRECTED_ON)
    check(world)
    with world.store.write() as s:
        s.execute(update(Document).where(Document.id == a).values(secrecy="secret"))
    check(world)
    with world.store.write() as s:
        s.execute(update(DirectionLine).where(DirectionLine.document_id == b).values(unit_id=world.office_unit_id))
    check(world)
    with world.store.write() as s:
        s.execute(update(DirectionLine).where(DirectionLine.user_id == world.officer2_id).values(deleted=True))
        s.execute(update(Document).where(Document.id == a).values(secrecy="none", register_number=None))
    check(world)
    with world.store.write() as s:
        s.execute(update(Document).where(Document.id == b).values(deleted=True))
    check(world)


def test_counts_follow_an_upserted_document_whose_reader_is_named_twice(world, blobs, pdf_factory):
    """The pull writes documents with an upsert. The clerk who registered a document and is
    also named in one of its lines is its reader twice over: the kept rows take them once
    (an ``OR IGNORE`` inside a trigger gave way to the upsert's ABORT and failed the pull)."""
    a = register(world, blobs, pdf_factory)
    with world.store.write() as s:
        direct(s, world.leader_id, a, "", [
            LineSpec(LineRole.LEAD, user_id=world.officer_id, deadline=TODAY),
            LineSpec(LineRole.INFORM, user_id=world.clerk_id),
        ], today=DIRECTED_ON)
    check(world)
    with world.store.write() as s:
        s.execute(
            text(
                "INSERT INTO documents SELECT * FROM documents WHERE id = :id "
                "ON CONFLICT (id) DO UPDATE SET state = 'done', subject = excluded.subject || ' (đã xong)'"
            ),
            {"id": a},
        )
    check(world)


def test_counts_follow_deadlines_and_unnumbered_secret_lines(world, blobs, pdf_factory):
    """A document's earliest open deadline moves as its lines do (overdue is read from
    it); a secret document without a number keeps its unit lines, checked one by one."""
    a = register(world, blobs, pdf_factory)
    with world.store.write() as s:
        direct(s, world.leader_id, a, "", [
            LineSpec(LineRole.LEAD, unit_id=world.office_unit_id, deadline=TODAY + timedelta(days=5)),
            LineSpec(LineRole.COORDINATE, unit_id=world.finance_unit_id, deadline=TODAY - timedelta(days=1)),
            LineSpec(LineRole.INFORM, user_id=world.officer_id, deadline=TODAY + timedelta(days=1)),
        ], today=DIRECTED_ON)
    check(world)  # overdue by its second line, due soon by its third
    with world.store.read() as s:
        late = s.query(DirectionLine).filter_by(document_id=a, role=LineRole.COORDINATE.value).one().id
        soon = s.query(DirectionLine).filter_by(document_id=a, role=LineRole.INFORM.value).one().id
    with world.store.write() as s:
        complete_line(s, world.officer2_id, late, "Xong")
    check(world)  # the earliest open deadline is now the person's, tomorrow
    with world.store.write() as s:
        s.execute(update(DirectionLine).where(DirectionLine.id == soon).values(deadline=TODAY - timedelta(days=3)))
    check(world)
    with world.store.write() as s:
        s.execute(update(DirectionLine).where(DirectionLine.id == soon).values(deadline=None))
    check(world)  # a line without a deadline leaves the earliest one to the others
    with world.store.write() as s:
        s.execute(update(Document).where(Document.id == a).values(secrecy="secret", register_number=None))
    check(world)  # the unit's lines no longer make it visible; its person still sees it
    with world.store.write() as s:
        s.execute(update(DirectionLine).where(DirectionLine.id == soon).values(deleted=True))
    check(world)


def _add_line(world, document_id: str, **values: object) -> None:  # type: ignore[no-untyped-def]
    """A line written straight into the table, as a pull writes one that came after."""
    with world.store.write() as s:
        direction_id = s.execute(
            text("SELECT direction_id FROM direction_lines WHERE document_id = :d LIMIT 1"), {"d": document_id}
        ).scalar_one()
        s.add(DirectionLine(
            id=str(uuid4()), document_id=document_id, direction_id=direction_id, role=LineRole.COORDINATE.value,
            deadline=TODAY + timedelta(days=2), **values,
        ))


def test_a_document_that_names_an_officer_counts_once_as_their_units_lines_come_and_go(world, blobs, pdf_factory):
    """Each kept row carries the units reaching its document (``reach``): the officer's own
    row is left out of their count when their unit's line reaches it, and counts again when
    that line goes; a unit below theirs reaching it too does not count it twice."""
    with world.store.write() as s:
        sub = create_unit(s, world.org_id, "VP1", "Tổ tổng hợp", parent_id=world.office_unit_id).id
    a = register(world, blobs, pdf_factory)
    with world.store.write() as s:
        direct(s, world.leader_id, a, "", [
            LineSpec(LineRole.LEAD, unit_id=world.finance_unit_id, deadline=TODAY + timedelta(days=5)),
            LineSpec(LineRole.INFORM, user_id=world.officer_id),
        ], today=DIRECTED_ON)

    def incoming() -> int:
        with world.store.read() as s:
            return box_counts(s, s.get(User, world.officer_id), TODAY)[Box.INCOMING]

    assert incoming() == 1  # named on it
    check(world)
    _add_line(world, a, unit_id=world.office_unit_id)  # the row kept for the person learns of it
    assert incoming() == 1
    check(world)
    _add_line(world, a, unit_id=sub)
    assert incoming() == 1
    check(world)
    with world.store.write() as s:
        mine = DirectionLine.unit_id.in_([world.office_unit_id, sub])
        s.execute(update(DirectionLine).where(mine).values(deleted=True))
    assert incoming() == 1  # by the person alone again
    check(world)
    with world.store.write() as s:
        s.execute(update(DirectionLine).where(DirectionLine.user_id == world.officer_id).values(deleted=True))
    assert incoming() == 0
    check(world)


def test_counts_hold_after_concurrent_writers(world, blobs, pdf_factory):
    """Writers in several threads at once (SQLite queues them; each transaction's triggers
    keep the rows of what it wrote): the counts equal the lists' and a rebuild's after."""
    ids = [register(world, blobs, pdf_factory) for _ in range(6)]
    drafts = [_draft(world, blobs, pdf_factory, world.officer_id) for _ in range(3)]
    errors: list[BaseException] = []

    def run(step) -> None:  # type: ignore[no-untyped-def]
        try:
            with world.store.write() as s:
                step(s)
        except BaseException as error:  # noqa: BLE001 - reported by the test below
            errors.append(error)

    steps = [
        *(
            (lambda s, d=d, i=i: direct(s, world.leader_id, d, "", [
                LineSpec(LineRole.LEAD, unit_id=(world.office_unit_id, world.finance_unit_id)[i % 2],
                         deadline=TODAY + timedelta(days=i - 3)),
                LineSpec(LineRole.INFORM, user_id=world.officer_id),
            ], today=DIRECTED_ON))
            for i, d in enumerate(ids)
        ),
        *((lambda s, d=d: submit_draft(s, world.officer_id, d, world.leader_id)) for d in drafts),
    ]
    threads = [threading.Thread(target=run, args=(step,)) for step in steps]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with world.store.read() as s:
        counts = box_counts(s, s.get(User, world.leader_id), TODAY)
    assert counts[Box.DRAFTS_TO_APPROVE] == 3
    check(world)


def test_a_rebuild_makes_tables_of_an_older_shape_again(sqlite_store, blobs, pdf_factory):
    """A desk upgraded from before ``reach`` and ``readers``: a rebuild run by an older
    migration (with this module as it is now) makes the tables again, then fills them."""
    world = make_world(sqlite_store)
    a = register(world, blobs, pdf_factory)
    with world.store.write() as s:
        direct(s, world.leader_id, a, "", [
            LineSpec(LineRole.LEAD, unit_id=world.office_unit_id, deadline=TODAY - timedelta(days=1)),
        ], today=DIRECTED_ON)
    with world.store.write() as s:
        boxcounts.drop_triggers(s.connection())
        for statement in (
            "DROP INDEX ix_box_open_untrusted",
            "DROP INDEX ix_box_open_documents_untrusted",
            "ALTER TABLE box_entries DROP COLUMN reach",
            "ALTER TABLE box_open DROP COLUMN readers",
            "ALTER TABLE box_open_documents DROP COLUMN readers",
        ):
            s.execute(text(statement))
        boxcounts.rebuild(s.connection())
    check(world)


def test_a_server_keeps_no_counts_not_even_after_a_restart_and_still_answers_one(
    sqlite_store, blobs, pdf_factory, tmp_path
):
    """The counts are a desktop's (its sidebar): a server over SQLite (a small office's)
    drops their tables and triggers when it starts, so that its writes do not pay them; the
    migration of a restart does not bring them back, and a count asked of it is still
    right (by the lists' conditions)."""
    world = make_world(sqlite_store)
    register(world, blobs, pdf_factory)
    with sqlite_store.read() as s:
        assert boxcounts.is_kept(s.connection())  # a desktop's database, as migrated
    settings = ServerSettings(data_dir=tmp_path / "server")
    EmbeddedServer(sqlite_store, blobs, settings).start(timeout=PATIENCE).stop()
    register(world, blobs, pdf_factory)
    sqlite_store.migrate()
    with sqlite_store.read() as s:
        names = set(s.execute(text("SELECT name FROM sqlite_master")).scalars())
        assert not names & {*boxcounts.TABLES, *boxcounts.TRIGGERS}
        assert box_counts(s, s.get(User, world.clerk_id), TODAY)[Box.INCOMING] == 2
