"""The reader window: a document's PDF full size, to zoom, page through, search, save and print.

Opened from the detail pane (double-click the page, or "Xem toàn màn hình") and for the
registers eOffice prints, so nobody depends on another PDF program being installed.
Signatures and seals show as on paper (``PdfPageView``); the copy saved is the file
itself, byte for byte, so its signatures stay valid.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from PySide6.QtCore import QModelIndex, QRectF, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtPdf import QPdfDocument, QPdfSearchModel
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from eoffice.ui.pdf.printing import PdfPrinting
from eoffice.ui.pdf.render import load_pdf
from eoffice.ui.pdf.view import PdfPageView

log = logging.getLogger(__name__)

#: A search with no match yet says "not found" after this long (the model searches page by page).
NOT_FOUND_AFTER_MS = 1500


class PdfReader(QMainWindow):
    """One PDF in its own window; ``open_reader`` shows it maximised."""

    def __init__(self, path: str | Path, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.path = Path(path)
        self.title = title or self.path.name
        self.setWindowTitle(self.tr("%1 — eOffice").replace("%1", self.title))
        self.document = QPdfDocument(self)
        self.view = PdfPageView(self)
        self.view.setDocument(self.document)
        #: Where the file is, for a file eOffice wrote (a printed register), with "Mở thư mục".
        self.notice = QWidget(self)
        self.notice.setObjectName("fileNotice")
        self.notice.setStyleSheet("QWidget#fileNotice { background: #e8f0fe; }")
        self.notice_label = QLabel(self.notice)
        self.notice_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice_label.setWordWrap(True)
        self.folder_button = QPushButton(self.tr("Open folder"), self.notice)
        self.folder_button.clicked.connect(self.open_folder)
        notice_layout = QHBoxLayout(self.notice)
        notice_layout.setContentsMargins(8, 4, 8, 4)
        notice_layout.addWidget(self.notice_label, 1)
        notice_layout.addWidget(self.folder_button)
        self.notice.hide()
        body = QWidget(self)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.setSpacing(0)
        body_layout.addWidget(self.notice)
        body_layout.addWidget(self.view, 1)
        self._body_layout = body_layout
        self.setCentralWidget(body)
        self.search_model = QPdfSearchModel(self)
        self.search_model.setDocument(self.document)
        self.search_model.rowsInserted.connect(self._results_came)
        self.search_model.modelReset.connect(self._results_came)
        self.result = -1  # the search result shown, -1 none
        self.printing = PdfPrinting(self.document, self.title, self)
        self.printing.done.connect(self._say)
        self.printing.failed.connect(self._warn)
        self.save_dialog: QFileDialog | None = None
        self.message_box: QMessageBox | None = None
        self.last_message = ""
        self._build()
        self.view.current_page_changed.connect(self._page_shown)
        self.view.zoom_changed.connect(self._zoom_shown)
        self.loaded = load_pdf(self.document, self.path)
        if not self.loaded:
            self.view.hide()
            self.notice_label.setText(self.tr("The file cannot be opened: it is missing or not a PDF."))
            self.folder_button.hide()
            self.notice.show()
        self._pages_known()
        self._zoom_shown()

    # -- building -------------------------------------------------------------------------------

    def _action(self, text: str, slot, shortcuts: list[QKeySequence | str]) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        if shortcuts:
            action.setToolTip(f"{text} ({QKeySequence(shortcuts[0]).toString(QKeySequence.SequenceFormat.NativeText)})")
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build(self) -> None:
        bar = QToolBar(self.tr("Reader"), self)
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(bar)
        self.act_save = self._action(self.tr("Save a copy…"), self.save_copy, [QKeySequence.StandardKey.Save])
        self.act_print = self._action(self.tr("Print…"), self.print_pages, [QKeySequence.StandardKey.Print])
        self.act_zoom_out = self._action(self.tr("Zoom out"), self.view.zoom_out, ["Ctrl+-"])
        self.act_zoom_in = self._action(self.tr("Zoom in"), self.view.zoom_in, ["Ctrl++", "Ctrl+="])
        self.act_fit = self._action(self.tr("Fit width"), self.view.fit_width, ["Ctrl+0"])
        self.act_previous = self._action(self.tr("Previous page"), self.previous_page, ["PgUp"])
        self.act_next = self._action(self.tr("Next page"), self.next_page, ["PgDown"])
        self.act_find = self._action(self.tr("Find"), self.focus_search, [QKeySequence.StandardKey.Find])
        self.act_find_next = self._action(self.tr("Next match"), self.next_result, ["F3"])
        self.act_find_previous = self._action(self.tr("Previous match"), self.previous_result, ["Shift+F3"])
        self.act_close = self._action(self.tr("Close"), self.close, ["Ctrl+W", "Esc"])
        self.act_close.setVisible(False)

        self.zoom_label = QLabel(self)
        self.zoom_label.setMinimumWidth(48)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_box = QSpinBox(self)
        self.page_box.setKeyboardTracking(False)
        self.page_box.setAccelerated(True)
        self.page_box.valueChanged.connect(lambda value: self.view.go_to_page(value - 1))
        self.page_total = QLabel(self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Find in the text (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(280)
        self.search.textChanged.connect(self._search_changed)
        self.search.returnPressed.connect(self._search_enter)
        self.found_label = QLabel(self)

        bar.addAction(self.act_save)
        bar.addAction(self.act_print)
        bar.addSeparator()
        bar.addAction(self.act_zoom_out)
        bar.addWidget(self.zoom_label)
        bar.addAction(self.act_zoom_in)
        bar.addAction(self.act_fit)
        bar.addSeparator()
        bar.addAction(self.act_previous)
        bar.addWidget(QLabel(self.tr("Page") + " ", self))
        bar.addWidget(self.page_box)
        bar.addWidget(self.page_total)
        bar.addAction(self.act_next)
        bar.addSeparator()
        bar.addWidget(self.search)
        bar.addAction(self.act_find_previous)
        bar.addAction(self.act_find_next)
        bar.addWidget(self.found_label)

    # -- pages and zoom ---------------------------------------------------------------------------

    def _pages_known(self) -> None:
        count = self.document.pageCount()
        self.page_box.blockSignals(True)
        self.page_box.setRange(1 if count else 0, max(count, 0))
        self.page_box.setValue(self.view.current_page() + 1 if count else 0)
        self.page_box.blockSignals(False)
        self.page_total.setText(f" / {count}  ")
        for action in (self.act_previous, self.act_next, self.act_print, self.act_find, self.act_zoom_in,
                       self.act_zoom_out, self.act_fit):
            action.setEnabled(count > 0)
        self._page_shown(self.view.current_page())

    def _page_shown(self, page: int) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setValue(page + 1)
        self.page_box.blockSignals(False)
        count = self.document.pageCount()
        self.act_previous.setEnabled(page > 0)
        self.act_next.setEnabled(page + 1 < count)

    def _zoom_shown(self) -> None:
        self.zoom_label.setText(f"{round(self.view.zoom_factor() * 100)}%")

    def page(self) -> int:
        """The page read now, from 1 (as the page box shows it)."""
        return self.view.current_page() + 1

    def go_to_page(self, number: int) -> None:
        """Show page ``number`` (from 1)."""
        self.view.go_to_page(number - 1)

    def previous_page(self) -> None:
        self.view.go_to_page(self.view.current_page() - 1)

    def next_page(self) -> None:
        self.view.go_to_page(self.view.current_page() + 1)

    # -- search ---------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _search_changed(self, text: str) -> None:
        self.result = -1
        self.search_model.setSearchString(text.strip())
        self._results_came()

    def _search_enter(self) -> None:
        if QGuiApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.previous_result()
        else:
            self.next_result()

    def result_count(self) -> int:
        return self.search_model.rowCount(QModelIndex())

    def _results_came(self, *_args: object) -> None:
        count = self.result_count()
        if count and self.result < 0:
            self.result = 0  # the first match is shown as soon as it is found
            self._show_result()
            return
        self._mark_results()

    def _mark_results(self) -> None:
        count = self.result_count()
        found: dict[int, list[QRectF]] = {}
        for n in range(count):
            link = self.search_model.resultAtIndex(n)
            found.setdefault(link.page(), []).extend(link.rectangles())
        current = None
        if 0 <= self.result < count:
            link = self.search_model.resultAtIndex(self.result)
            current = (link.page(), list(link.rectangles()))
        self.view.set_highlights(found, current)
        if not self.search.text().strip():
            self.found_label.clear()
        elif not count:  # the model searches page by page: "not found" only once it had time
            self.found_label.setText(self.tr("searching…"))
            text = self.search.text()
            # with the window as context: a reader closed meanwhile is not called back
            QTimer.singleShot(NOT_FOUND_AFTER_MS, self, lambda: self._not_found(text))
        else:
            self.found_label.setText(f"{self.result + 1}/{count}")
        self.act_find_next.setEnabled(count > 0)
        self.act_find_previous.setEnabled(count > 0)

    def _not_found(self, text: str) -> None:
        if self.search.text() == text and not self.result_count() and text.strip():
            self.found_label.setText(self.tr("not found"))

    def _show_result(self) -> None:
        if 0 <= self.result < self.result_count():
            link = self.search_model.resultAtIndex(self.result)
            rects = link.rectangles()
            y = rects[0].top() if rects else link.location().y()
            self.view.go_to_page(link.page(), y)
        self._mark_results()

    def next_result(self) -> None:
        count = self.result_count()
        if count:
            self.result = (self.result + 1) % count
            self._show_result()

    def previous_result(self) -> None:
        count = self.result_count()
        if count:
            self.result = (self.result - 1) % count
            self._show_result()

    # -- saving a copy -----------------------------------------------------------------------------

    def save_copy(self) -> None:
        """Ask where, then write the file there unchanged (its signatures stay valid)."""
        folder = Path.home() / "Documents"
        if not folder.is_dir():
            folder = Path.home()
        dialog = QFileDialog(self, self.tr("Save a copy of the document"), str(folder / self._file_name()))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("PDF files (*.pdf)"))
        dialog.setDefaultSuffix("pdf")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.fileSelected.connect(lambda name: self.save_copy_to(Path(name)))
        self.save_dialog = dialog
        dialog.open()

    def _file_name(self) -> str:
        name = self.title if self.title.lower().endswith(".pdf") else self.path.name
        return "".join("_" if c in '\\/:*?"<>|' else c for c in name)

    def save_copy_to(self, target: Path) -> bool:
        try:
            if target.resolve() != self.path.resolve():
                shutil.copyfile(self.path, target)
        except OSError as err:
            log.warning("cannot save a copy to %s: %s", target, err)
            self._warn(self.tr("The copy could not be saved there (the folder may be read-only or full)."))
            return False
        self._say(self.tr("Copy saved: %1").replace("%1", str(target)))
        return True

    # -- printing ---------------------------------------------------------------------------------

    def print_pages(self) -> None:
        """The print dialog (printer, pages, copies), then the pages with their seals."""
        self.printing.ask()

    @property
    def print_dialog(self) -> QPrintDialog | None:
        return self.printing.dialog

    def print_to(self, printer: QPrinter) -> int:
        """Print on ``printer`` as set (range, copies); the number of pages sent."""
        return self.printing.print_to(printer)

    # -- messages ---------------------------------------------------------------------------------

    def _say(self, text: str) -> None:
        self.last_message = text
        self.statusBar().showMessage(text, 10_000)

    def _warn(self, text: str) -> None:
        self.last_message = text
        box = QMessageBox(QMessageBox.Icon.Warning, self.windowTitle(), text, QMessageBox.StandardButton.Ok, self)
        box.button(QMessageBox.StandardButton.Ok).setText(self.tr("Close"))
        self.message_box = box
        box.open()

    def show_file_notice(self, text: str) -> None:
        """Say where the file is, beside an "Open folder" button."""
        self.notice_label.setText(text)
        self.folder_button.show()
        self.notice.show()

    def add_bar(self, widget: QWidget) -> None:
        """Show ``widget`` as a bar above the pages (a notice that belongs to what is read)."""
        self._body_layout.insertWidget(self._body_layout.count() - 1, widget)

    def say(self, text: str) -> None:
        """A passing message in the window's status bar."""
        self._say(text)

    def warn(self, text: str) -> None:
        """A message the reader must acknowledge (a box, not modal to the application)."""
        self._warn(text)

    def open_folder(self) -> None:
        if os.environ.get("EOFFICE_NO_OPEN"):  # tests and demos without a desktop
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path.parent)))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.document.close()
        super().closeEvent(event)


def open_reader(path: str | Path, title: str = "", parent: QWidget | None = None) -> PdfReader:
    """Show ``path`` in a reader window, maximised, in front."""
    reader = PdfReader(path, title, parent)
    screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
    if screen is not None:  # full size even where no window manager maximises it
        reader.setGeometry(screen.availableGeometry())
    reader.showMaximized()
    reader.raise_()
    reader.activateWindow()
    return reader
