"""The document list reads 200 rows at a time and never more than it shows."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QTableView

from eoffice.documents.boxes import Box
from eoffice.documents.fields import DocumentFields
from eoffice.documents.incoming import prepare_files, register_incoming
from eoffice.ui.documents.list_model import PAGE, DocumentListModel


def register_many(world, blobs, pdf_factory, n: int) -> None:  # type: ignore[no-untyped-def]
    files = prepare_files([pdf_factory()], blobs)
    with world.store.write() as s:
        for i in range(n):
            register_incoming(
                s,
                world.clerk_id,
                DocumentFields(
                    type_name="Công văn",
                    subject=f"Về việc số {i}",
                    organ_name="Sở Nội vụ",
                    code_number=str(i + 1),
                    code_notation="SNV-VP",
                    issued_date=date(2026, 3, 2),
                ),
                files,
                arrival_date=date(2026, 3, 3),
                allow_duplicate=True,  # one shared PDF for speed
            )


def test_rows_arrive_a_page_at_a_time_newest_first(qapp, world, blobs, pdf_factory):
    register_many(world, blobs, pdf_factory, 2 * PAGE + 50)
    model = DocumentListModel(world.store, world.clerk_id, Box.INCOMING, today=date(2026, 3, 10))
    assert model.rowCount() == PAGE
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 2 * PAGE
    model.fetchMore()
    assert model.rowCount() == 2 * PAGE + 50
    assert not model.canFetchMore()
    keys = [r.sort_key for r in model.rows]
    assert keys == sorted(keys, reverse=True) and len(set(keys)) == len(keys)
    assert model.index(0, 0).data() == f"{2 * PAGE + 50} — {2 * PAGE + 50}/SNV-VP"
    assert model.index(0, model.COLUMNS.index("subject")).data() == f"Về việc số {2 * PAGE + 49}"


def test_scrolling_the_view_fetches_the_next_page(qtbot, world, blobs, pdf_factory):
    register_many(world, blobs, pdf_factory, PAGE + 10)
    model = DocumentListModel(world.store, world.clerk_id, Box.INCOMING)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(800, 400)
    view.show()
    assert model.rowCount() == PAGE
    view.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() == PAGE + 10)


def test_an_empty_box_and_a_box_switch(qapp, world, blobs, pdf_factory):
    register_many(world, blobs, pdf_factory, 3)
    model = DocumentListModel(world.store, world.clerk_id, Box.OUTGOING)
    assert model.rowCount() == 0 and not model.canFetchMore()
    model.set_box(Box.INCOMING)
    assert model.rowCount() == 3


def test_with_a_worker_pages_are_read_off_the_gui_thread(qtbot, world, blobs, pdf_factory):
    from eoffice.ui.tasks import DbWorker

    register_many(world, blobs, pdf_factory, PAGE + 10)
    worker = DbWorker(world.store)
    model = DocumentListModel(world.store, world.clerk_id, Box.INCOMING, worker=worker)
    qtbot.waitUntil(lambda: model.rowCount() == PAGE)
    model.fetchMore()
    assert model.loading and not model.canFetchMore()  # one read at a time
    qtbot.waitUntil(lambda: model.rowCount() == PAGE + 10)
    assert not model.canFetchMore()

    # A box left before its page arrived never shows that page.
    model.set_box(Box.INCOMING)
    model.set_box(Box.OUTGOING)
    qtbot.waitUntil(lambda: not model.loading)
    assert model.box is Box.OUTGOING and model.rowCount() == 0
    worker.shutdown()
