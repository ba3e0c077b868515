"""Deadline extensions through the real widgets: the officer asks on the line's row, the
leader sees the request there and approves it with another date; the line's deadline and
the sidebar's due-soon count follow."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt

from eoffice.documents.boxes import Box
from eoffice.documents.directions import LineSpec, direct, lines_of
from eoffice.documents.extensions import extensions_of
from eoffice.documents.types import LineRole
from tests.documents.workflow_helpers import register
from tests.ui.helpers import click_row, switch_user, type_text

IN_2 = date.today() + timedelta(days=2)
IN_8 = date.today() + timedelta(days=8)
IN_10 = date.today() + timedelta(days=10)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _state_text(window) -> str:  # type: ignore[no-untyped-def]
    model = window.section("documents").detail_pane.lines_model
    return str(model.data(model.index(0, 3), Qt.DisplayRole))


def _show_lines(window) -> None:  # type: ignore[no-untyped-def]
    pane = window.section("documents").detail_pane
    pane.tabs.setCurrentIndex(1)


def test_the_officer_asks_and_the_leader_approves_on_the_lines_row(qtbot, window, ui_world, blobs, pdf_factory):
    w = ui_world
    doc = register(w, blobs, pdf_factory, arrival_date=date.today(), issued_date=date.today())
    with w.store.write() as s:
        lead = LineSpec(LineRole.LEAD, user_id=w.officer_id, deadline=IN_2)
        direct(s, w.leader_id, doc, "Giao chuyên viên Anh.", [lead])
    docs = window.section("documents")

    # The clerk holds no line: nothing to ask.
    window.refresh()  # F5: the direction was written behind the window's back
    click_row(qtbot, window, doc)
    _show_lines(window)
    assert not docs.detail_pane.extensions.ask_button.isVisible()

    # The officer: "Xin gia hạn…" on the line's row.
    switch_user(qtbot, window, w.officer_id)
    click_row(qtbot, window, doc)
    _show_lines(window)
    bar = docs.detail_pane.extensions
    assert bar.ask_button.isVisible() and bar.ask_button.isEnabled()
    assert bar.ask_button.text() == "Xin gia hạn…"
    assert not bar.approve_button.isVisible()
    qtbot.mouseClick(bar.ask_button, Qt.LeftButton)
    dialog = bar.dialog
    assert dialog is not None and dialog.isVisible() and dialog.windowTitle() == "Xin gia hạn xử lý"
    assert dialog.new_date.minimumDate() == _qdate(date.today())  # no date in the past can be picked
    # A date not after the current deadline and no reason: both errors at once, nothing saved.
    dialog.new_date.setDate(_qdate(IN_2))
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    assert dialog.isVisible()
    assert dialog.error_text == (
        f"Hạn xử lý mới phải sau hạn hiện tại ({IN_2:%d/%m/%Y}).\nHãy ghi lý do xin gia hạn."
    )
    assert dialog.new_date.styleSheet() and dialog.reason.styleSheet()
    dialog.new_date.setDate(_qdate(IN_10))
    type_text(dialog.reason, "Chờ số liệu của các huyện.")
    with qtbot.waitSignal(window.changed, timeout=20_000):
        qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: f"Đang xin gia hạn đến {IN_10:%d/%m/%Y}" in _state_text(window), timeout=10_000)
    assert not bar.ask_button.isEnabled()  # one request at a time
    assert bar.status.text() == f"Lê Minh Anh xin gia hạn đến {IN_10:%d/%m/%Y}: Chờ số liệu của các huyện."
    with w.store.read() as s:
        [asked] = extensions_of(s, doc)
        assert (asked.state, asked.requested_deadline) == ("requested", IN_10)
        assert asked.reason == "Chờ số liệu của các huyện."

    # The leader who directed: "Duyệt gia hạn…" and "Từ chối" on the same row.
    switch_user(qtbot, window, w.leader_id)
    qtbot.waitUntil(lambda: docs.counts.get(Box.DUE_SOON) == 1, timeout=10_000)
    docs.show_box(Box.INCOMING)
    click_row(qtbot, window, doc)
    _show_lines(window)
    assert f"Đang xin gia hạn đến {IN_10:%d/%m/%Y}" in _state_text(window)
    assert bar.approve_button.isVisible() and bar.approve_button.isEnabled() and bar.refuse_button.isEnabled()
    assert (bar.approve_button.text(), bar.refuse_button.text()) == ("Duyệt gia hạn…", "Từ chối")
    assert not bar.ask_button.isVisible()
    # The same on the row's context menu.
    view = docs.detail_pane.lines_view
    bar._context_menu(view.visualRect(view.model().index(0, 1)).center())
    assert [a.text() for a in bar.menu.actions()] == ["Duyệt gia hạn…", "Từ chối"]
    bar.menu.close()

    qtbot.mouseClick(bar.refuse_button, Qt.LeftButton)
    refuse = bar.dialog
    qtbot.mouseClick(refuse.ok_button, Qt.LeftButton)
    assert refuse.isVisible() and refuse.error_text == "Hãy ghi lý do không duyệt gia hạn."
    refuse.reject()

    qtbot.mouseClick(bar.approve_button, Qt.LeftButton)
    approve = bar.dialog
    assert approve.windowTitle() == "Duyệt gia hạn xử lý"
    assert approve.new_date.date() == _qdate(IN_10)  # the date asked, which the leader may change
    approve.new_date.setDate(_qdate(IN_8))
    with qtbot.waitSignal(window.changed, timeout=20_000):
        qtbot.mouseClick(approve.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: f"Đã gia hạn đến {IN_8:%d/%m/%Y}" in _state_text(window), timeout=10_000)
    model = docs.detail_pane.lines_model
    assert model.data(model.index(0, 2), Qt.DisplayRole) == f"{IN_8:%d/%m/%Y}"
    qtbot.waitUntil(lambda: docs.counts.get(Box.DUE_SOON) == 0, timeout=10_000)  # no longer due soon
    row = docs.model.find_row(doc)  # the list's deadline is the lead's: it follows
    qtbot.waitUntil(lambda: docs.model.data(docs.model.index(row, 6), Qt.DisplayRole) == f"{IN_8:%d/%m/%Y}")
    assert not bar.approve_button.isVisible()
    assert bar.status.text() == f"Đã gia hạn đến {IN_8:%d/%m/%Y} (xin đến {IN_10:%d/%m/%Y})."
    with w.store.read() as s:
        assert lines_of(s, doc)[0].deadline == IN_8
    history = docs.detail_pane.history_model.items
    assert any("Xin gia hạn xử lý: Chờ số liệu của các huyện." in item for item in history)
    assert any("Duyệt gia hạn xử lý" in item for item in history)


def test_the_notifications_say_who_asks_and_what_was_decided(qapp):
    from eoffice.ui.sync.notifications import event_notification

    asked = event_notification(
        {"kind": "extension.requested", "payload": {"by": "Lê Minh Anh", "subject": "Về việc chuyển đổi số",
                                                   "reason": "Chờ số liệu", "document_id": "d"}}
    )
    assert asked.text == "Lê Minh Anh xin gia hạn xử lý: Về việc chuyển đổi số — lý do: Chờ số liệu"
    refused = event_notification(
        {"kind": "extension.decided", "payload": {"by": "Nguyễn Văn Đức", "subject": "Về việc chuyển đổi số",
                                                 "state": "refused", "reason": "Việc gấp"}}
    )
    assert refused.warning and refused.text.startswith("Nguyễn Văn Đức không đồng ý gia hạn")
