"""Putting the Diary section into the main window: one call, nothing else of the window changed.

The section is the last item of the sidebar ("Nhật ký công việc", Ctrl+J, also in the View
menu); choosing it shows the diary where the document list and detail are, choosing a
box (or its Ctrl+1…7) shows the documents again.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QListWidgetItem, QStackedWidget

from eoffice.ui.worklog.panel import DiaryPanel

DIARY_ROLE = "diary"


class DiarySection:
    """The diary panel and the window's switch between it and the documents."""

    def __init__(self, window: Any) -> None:
        self.window = window
        self.panel = DiaryPanel(window.worker, window.user_id, window, today=window.today)
        self.panel.open_reports = getattr(window, "open_printed", True)
        splitter = window.splitter
        self.documents = splitter.widget(1)
        self.detail = splitter.widget(2)
        sizes = splitter.sizes()
        self._sizes = sizes
        self.stack = QStackedWidget(window)
        splitter.replaceWidget(1, self.stack)
        self.stack.addWidget(self.documents)
        self.stack.addWidget(self.panel)
        splitter.setSizes(sizes)
        title = QCoreApplication.translate("Diary", "Work diary")
        self.item = QListWidgetItem(title)
        self.item.setData(Qt.UserRole, DIARY_ROLE)
        window.sidebar.addItem(self.item)
        window.sidebar.currentRowChanged.connect(self._row_changed)
        self.action = QAction(title, window)
        self.action.setShortcut(QKeySequence("Ctrl+J"))
        self.action.setStatusTip(QCoreApplication.translate("Diary", "Write today's work, see the week, export reports"))
        self.action.triggered.connect(self.show)
        window.addAction(self.action)
        for action in window.box_actions:
            action.triggered.connect(self.hide)
        for menu_action in window.menuBar().actions():
            menu = menu_action.menu()
            if menu is not None and window.act_refresh in menu.actions():
                menu.addSeparator()
                menu.addAction(self.action)
        window.act_refresh.triggered.connect(self._refresh_if_shown)
        window.changed.connect(lambda _id: self.panel.refresh() if self.shown else None)
        window.synced.connect(lambda _r: self.panel.refresh())
        window.counts_loaded.connect(lambda _c: self._follow_user())

    @property
    def shown(self) -> bool:
        return self.stack.currentWidget() is self.panel

    def show(self) -> None:
        self._follow_user()
        if not self.shown:
            splitter = self.window.splitter
            self._sizes = splitter.sizes()
            self.stack.setCurrentWidget(self.panel)
            self.detail.hide()
            side, middle, right = self._sizes
            splitter.setSizes([side, middle + right, 0])
        sidebar = self.window.sidebar
        sidebar.blockSignals(True)
        sidebar.setCurrentItem(self.item)
        sidebar.blockSignals(False)
        self.panel.refresh()
        self.panel.focus_quick()

    def hide(self) -> None:
        if self.shown:
            self.stack.setCurrentWidget(self.documents)
            self.detail.show()
            self.window.splitter.setSizes(self._sizes)

    def _row_changed(self, row: int) -> None:
        if self.window.sidebar.item(row) is self.item:
            self.show()
        else:
            self.hide()

    def _refresh_if_shown(self) -> None:
        if self.shown:
            self.panel.refresh()

    def _follow_user(self) -> None:
        if self.panel.user_id != self.window.user_id:
            self.panel.set_user(self.window.user_id)


def install_diary(window: Any) -> DiarySection:
    """Add the Diary section to a ``MainWindow``; kept on it as ``window.diary``."""
    section = DiarySection(window)
    window.diary = section
    return section
