"""Text that merely spells a NUL escape (the six characters ``\\u0000``) is harmless and
kept as written, through the real server on SQLite and PostgreSQL; a real NUL is refused.

PostgreSQL refuses a NUL in text (and ``\\u0000`` in ``jsonb``): a check that looked for
the escape in the request's JSON rather than for the character in the decoded value
would refuse a clerk's note about it.
"""

from __future__ import annotations

from sqlalchemy import select

from eoffice.documents.models import Document
from eoffice.worklog.models import WorklogEntry
from tests.sync.http_support import Province
from tests.sync.test_http_sync import _register
from tests.sync.test_limits import _entry, _raw_push

SPELLED = "Sửa lỗi ký tự \\u0000 trong tệp xuất"  # backslash, u, 0, 0, 0, 0
assert len("\\u0000") == 6 and "\x00" not in SPELLED


def test_text_spelling_a_nul_escape_is_accepted_and_pulled_as_written(province: Province, pdf_factory):
    w = province.world
    clerk = province.device("vanthu", w.clerk_id)
    officer = province.device("chuyenvien", w.officer_id)
    clerk.engine.sync_once()
    registered = _register(clerk, pdf_factory(), subject=SPELLED)
    report = clerk.engine.sync_once()
    assert (report.accepted, report.rejected) == (1, 0)

    spelled, real = _entry(SPELLED), _entry("Sửa lỗi ký tự \x00 trong tệp xuất")
    results = _raw_push(officer, province, [spelled, real]).json()["results"]
    assert [r["outcome"] for r in results] == ["accepted", "rejected"], results
    assert "ký tự không hợp lệ" in results[1]["reason"]

    with province.store.read() as s:
        assert s.get(Document, registered.document_id).subject == SPELLED
        assert s.get(WorklogEntry, spelled["entry_id"]).text == SPELLED
        assert s.get(WorklogEntry, real["entry_id"]) is None
    leader = province.device("lanhdao", w.leader_id)
    leader.engine.sync_once()
    officer.engine.sync_once()
    with leader.store.read() as s:
        assert s.scalar(select(Document.subject).where(Document.id == registered.document_id)) == SPELLED
    with officer.store.read() as s:
        assert s.scalar(select(WorklogEntry.text).where(WorklogEntry.id == spelled["entry_id"])) == SPELLED
