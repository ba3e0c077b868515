"""Typing in the search bar, without diacritics, finds the document."""

from __future__ import annotations

from eoffice.documents.incoming import prepare_files, register_incoming
from tests.documents.workflow_helpers import incoming_fields


def register(world, blobs, pdf_factory, *, subject: str, **overrides: object) -> str:  # type: ignore[no-untyped-def]
    """Register a document whose PDF says the same as its subject."""
    from datetime import date

    files = prepare_files([pdf_factory(subject=subject, body=subject)], blobs)
    with world.store.write() as s:
        doc = register_incoming(
            s, world.clerk_id, incoming_fields(subject, **overrides), files, arrival_date=date(2026, 3, 3)
        )
        return doc.id


def test_typing_chuyen_doi_so_finds_chuyen_doi_so(qtbot, window, ui_world, blobs, pdf_factory):
    wanted = register(ui_world, blobs, pdf_factory, subject="Về việc đẩy mạnh chuyển đổi số")
    register(ui_world, blobs, pdf_factory, subject="Về việc phòng chống lụt bão")
    window.refresh()
    qtbot.waitUntil(lambda: window.section("documents").model.rowCount() == 2)

    window.section("documents").act_search.trigger()  # Ctrl+F
    assert window.section("documents").search_bar.edit.hasFocus()
    qtbot.keyClicks(window.section("documents").search_bar.edit, "chuyen doi so")
    qtbot.waitUntil(
        lambda: window.section("documents").model.searching and window.section("documents").model.rowCount() == 1,
        timeout=5_000,
    )
    assert window.section("documents").model.row_at(0).id == wanted
    assert window.section("documents").model.row_at(0).subject == "Về việc đẩy mạnh chuyển đổi số"
    assert window.section("documents").list_title.text() == "Kết quả tìm kiếm: “chuyen doi so”"

    relevance = window.section("documents").search_bar.order.findData("relevance")
    window.section("documents").search_bar.order.setCurrentIndex(relevance)
    assert window.section("documents").model.order == "relevance"
    qtbot.waitUntil(
        lambda: not window.section("documents").model.loading and window.section("documents").model.rowCount() == 1
    )

    window.section("documents").search_bar.edit.clear()
    qtbot.waitUntil(
        lambda: not window.section("documents").model.searching
        and window.section("documents").model.rowCount() == 2,
        timeout=5_000,
    )


def test_a_filter_narrows_the_results(qtbot, window, ui_world, blobs, pdf_factory):
    register(ui_world, blobs, pdf_factory, subject="Về việc chuyển đổi số", priority="urgent")
    register(ui_world, blobs, pdf_factory, subject="Về việc chuyển đổi số cấp xã")
    window.refresh()
    qtbot.waitUntil(lambda: window.section("documents").model.rowCount() == 2)
    qtbot.keyClicks(window.section("documents").search_bar.edit, "chuyen doi so")
    qtbot.waitUntil(
        lambda: window.section("documents").model.searching and window.section("documents").model.rowCount() == 2,
        timeout=5_000,
    )
    panel = window.section("documents").search_bar.panel
    panel.priority.setCurrentIndex(panel.priority.findData("urgent"))
    qtbot.waitUntil(lambda: window.section("documents").model.rowCount() == 1, timeout=5_000)
    assert window.section("documents").model.row_at(0).priority == "urgent"
