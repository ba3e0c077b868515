"""The synced tables: declared by the capabilities, read by a pull that names none of them,
and the tables a page or a sync round changed reported to the window."""

from __future__ import annotations

import ast
from pathlib import Path

from sqlalchemy import select

from eoffice.directory.models import User
from eoffice.store.base import new_id
from eoffice.documents import operations as ops
from eoffice.sync.applying import apply_batch
from eoffice.sync.changes import apply_pulled, changes_since
from eoffice.sync.client_state import get_cursor, record_local
from eoffice.sync.tables import schema
from tests.sync.conftest import doc_fields, register_op, wire

SYNC = Path(__file__).resolve().parents[2] / "eoffice" / "sync"
#: The pull's generic modules: they read the declarations and name no capability.
GENERIC = ("tables.py", "changes.py", "writing.py", "versioning.py")
CAPABILITIES = ("eoffice.documents", "eoffice.worklog", "eoffice.signing", "eoffice.meetings")


def test_the_pull_modules_import_no_capability():
    for name in GENERIC:
        tree = ast.parse((SYNC / name).read_text(encoding="utf-8"))
        imported = [
            node.module if isinstance(node, ast.ImportFrom) else alias.name
            for node in ast.walk(tree)
            if isinstance(node, (ast.Import, ast.ImportFrom))
            for alias in node.names
        ]
        named = [m for m in imported if m and m.startswith(CAPABILITIES)]
        assert named == [], f"sync/{name} imports {named}"


def test_every_capability_declares_its_tables_and_they_apply_parents_first():
    s = schema()
    assert s.names == (
        "organisations", "units", "users", "registers", "delegations", "documents", "document_directions",
        "direction_lines", "deadline_extensions", "worklog_entries", "worklog_weeks", "worklog_comments",
        "trusted_roots", "signing_certificates", "meeting_rooms", "meetings", "meeting_sittings",
        "meeting_participants", "meeting_agenda_items", "meeting_documents",
        "meeting_document_versions", "meeting_comments", "meeting_private_notes", "meeting_read_receipts",
        "meeting_opinion_polls", "meeting_opinion_documents", "meeting_opinion_answers", "meeting_minutes_texts",
        "meeting_tasks",
    )
    assert "document_directions" not in s.versioned and "direction_lines" not in s.versioned
    assert "deadline_extensions" not in s.versioned
    assert [t.name for t in s.revocables] == ["documents", "meetings"]
    assert s.bulk_tables() == ("documents", "document_files", "document_directions", "direction_lines")
    assert [t.name for t in s.trailing] == ["bodies"]
    for name, refs in s.references.items():
        for _column, target in refs:
            assert target == name or s.names.index(target) < s.names.index(name)


def _pulled(server, client, user_id):  # type: ignore[no-untyped-def]
    """One page pulled and applied as the engine does; what applying it reported."""
    with client.read() as c:
        cursor = get_cursor(c)
    with server.store.read() as s:
        page = wire(changes_since(s, s.get(User, user_id), cursor))
    with client.write() as c:
        return apply_pulled(c, page, user_id=user_id)


def test_a_page_reports_the_tables_it_wrote(server, client):
    first = _pulled(server, client, server.clerk_id)
    assert first.changes.touches("organisations", "users", "user_roles", "registers")
    assert not first.changes.touches("documents", "worklog_entries")
    with server.store.write() as s:
        assert all(o.accepted for o in apply_batch(s, server.clerk_id, [register_op("Về việc thống kê")]))
    applied = _pulled(server, client, server.clerk_id)
    assert applied.rows == 1
    assert applied.changes.tables == {"documents", "document_files", "document_search"}
    nothing = _pulled(server, client, server.clerk_id)
    assert nothing.rows == 0 and not nothing.changes


def test_a_round_reports_everything_on_a_first_sync_then_only_what_it_pulled(province, pdf_factory):
    w = province.world
    leader = province.device("lanhdao", w.leader_id)
    assert leader.engine.sync_once().changes.everything
    assert not leader.engine.sync_once().changes  # nothing new
    clerk = province.device("vanthu", w.clerk_id)
    clerk.engine.sync_once()
    pdf = pdf_factory("Về việc kiểm tra hồ sơ")
    digest, size = clerk.blobs.put_file(pdf)
    op = ops.RegisterIncoming(
        op_id=new_id(), document_id=new_id(), fields=doc_fields("Về việc kiểm tra hồ sơ"),
        files=(ops.FileRef(digest, pdf.name, size, 1, "biên bản kiểm tra"),), arrival_date="2026-03-03",
    )
    with clerk.store.write() as s:
        record_local(s, clerk.user_id, op)
    assert clerk.engine.sync_once().accepted == 1
    report = leader.engine.sync_once()
    assert report.changes.touches("documents") and report.changes.touches("document_search")
    assert not report.changes.everything
    assert not report.changes.touches("worklog_entries", "trusted_roots", "users")
    with leader.store.read() as s:
        assert s.scalar(select(User.id).where(User.id == w.leader_id)) == w.leader_id
