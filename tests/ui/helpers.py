"""Driving the main window the way a person does: clicks, keys, drops."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent


def drop_files(widget, paths: list[Path]) -> None:  # type: ignore[no-untyped-def]
    """Deliver a drop of local files onto ``widget`` as the window system would."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPointF(20, 20), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    widget.dropEvent(event)


def click_row(qtbot, window, document_id: str) -> None:  # type: ignore[no-untyped-def]
    """Click a document's row in the list and wait until its detail is on screen."""
    docs = window.section("documents")
    qtbot.waitUntil(lambda: not docs.model.loading and docs.model.find_row(document_id) >= 0, timeout=10_000)
    row = docs.model.find_row(document_id)
    table = docs.table
    selected = [i.row() for i in table.selectionModel().selectedRows()]
    if selected == [row] and docs.current is not None and docs.current.id == document_id:
        return  # already selected and shown (a box reopened on it): a click changes nothing
    # The subject column: always shown, whatever the window's width hides.
    index = docs.model.index(row, docs.model.column_of("subject"))
    table.scrollTo(index)
    rect = table.visualRect(index)
    assert not rect.isEmpty()
    with qtbot.waitSignal(docs.detail_loaded, timeout=10_000):
        qtbot.mouseClick(table.viewport(), Qt.LeftButton, pos=rect.center())
    assert docs.current is not None and docs.current.id == document_id


def switch_user(qtbot, window, user_id: str) -> None:  # type: ignore[no-untyped-def]
    combo = window.user_switcher
    docs = window.section("documents")
    with qtbot.waitSignal(docs.counts_loaded, timeout=10_000):
        combo.setCurrentIndex(combo.findData(user_id))
    assert window.user_id == user_id
    qtbot.waitUntil(lambda: not docs.model.loading, timeout=10_000)


def type_text(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type ``text`` into a widget key by key, Vietnamese letters included.

    QTest.keyClicks only knows ASCII keys; a Vietnamese keyboard (Telex/VNI via the input
    method) delivers finished letters, which is what these key events carry.
    """
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtGui import QKeyEvent

    target = widget.viewport() if hasattr(widget, "toPlainText") else widget
    widget.setFocus()
    for ch in text:
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            QCoreApplication.sendEvent(target, QKeyEvent(kind, Qt.Key_unknown, Qt.NoModifier, ch))
