"""Private notes on a meeting document in the reader: highlight a passage, draw with a
pen, pin a text note to a page; a side panel lists the user's notes on the document
(those made on older versions apart), and "Export with my notes" writes the annotated
PDF. A notice says when a newer version arrived than the one the user last opened.

The reader (``eoffice.ui.pdf``) knows nothing of meetings: this module draws the notes
through its overlay and takes the mouse through its page hooks. Each note is an
operation (``AddNote``, ``UpdateNote``, ``DeleteNote``) on the desk's worker, so it is
kept offline and synced to the user's other computers only. Shapes are in PDF points
with the origin at the bottom left (``eoffice.meetings.notes``); the view's points have
it at the top left, hence the flips below.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QColor,
    QIcon,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QToolBar,
    QToolTip,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.errors import DomainError
from eoffice.meetings.models import MeetingDocumentVersion
from eoffice.meetings.notes import export_annotated, notes_on
from eoffice.meetings.operations import AddNote, DeleteNote, UpdateNote
from eoffice.store.base import new_id
from eoffice.ui.i18n import current_language
import itertools

log = logging.getLogger(__name__)

HIGHLIGHT, PEN, TEXT, SELECT = "highlight", "pen", "text", "select"
#: The colours offered: (value stored, name shown — translated where shown).
COLOURS = (("#ffeb3b", "Yellow"), ("#8bc34a", "Green"), ("#4fc3f7", "Blue"), ("#f48fb1", "Pink"),
           ("#e53935", "Red"))
PIN = 18.0  # points: the side of a text note's icon
TOUCH = 5.0  # points: how near a click must come to a pen stroke to select it


@dataclass
class Mark:
    """A note as the reader draws it; ``shape`` as stored (points, bottom-left origin)."""

    id: str
    version: int
    page: int  # from 1
    kind: str
    shape: dict[str, Any]
    text: str
    color: str


@dataclass
class VersionFacts:
    version: int
    page_count: int
    digest: str


@dataclass
class NotesData:
    marks: list[Mark]
    versions: dict[int, VersionFacts]


def load(session: Session, user_id: str, document_id: str) -> NotesData:
    """The user's notes on the document (every version) and the document's versions."""
    marks = [
        Mark(line.note.id, line.note.version, line.note.page, line.note.kind, json.loads(line.note.shape),
             line.note.text, line.note.color)
        for line in notes_on(session, user_id, document_id)
    ]
    versions = {
        v.version: VersionFacts(v.version, v.page_count, v.digest)
        for v in session.scalars(
            select(MeetingDocumentVersion).where(
                MeetingDocumentVersion.meeting_document_id == document_id, MeetingDocumentVersion.deleted.is_(False)
            )
        )
    }
    return NotesData(marks, versions)


class TextNoteDialog(QDialog):
    """The text of a note pinned to a page (new or edited)."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Text note"))
        self.edit = QPlainTextEdit(self)
        self.edit.setPlainText(text)
        self.edit.setPlaceholderText(self.tr("Your note (only you can see it)"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit)
        layout.addWidget(buttons)
        self.resize(360, 200)

    def text(self) -> str:
        return self.edit.toPlainText().strip()


class ReaderNotes(QObject):
    """The notes tools, overlay and side panel of one reader showing one version."""

    #: The notes on screen changed (after loading or an operation came back).
    changed = Signal()

    def __init__(self, reader: Any, page: Any, doc: Any, version: int) -> None:
        super().__init__(reader)
        self.reader = reader
        self.view = reader.view
        self.meeting_page = page
        self.worker = page.worker
        self.user_id: str = page.user_id
        self.doc = doc
        self.version = version
        self.marks: list[Mark] = []
        self.versions: dict[int, VersionFacts] = {}
        self.selected: str | None = None
        self.undo_stack: list[str] = []  # the notes made here, last last
        self.tool = SELECT
        self.color = COLOURS[0][0]
        self._drag: list[QPointF] = []
        self._drag_page = -1
        self._pending = 0
        self._generation = 0
        #: Notes drawn here whose ``AddNote`` is not applied yet, and notes whose
        #: ``DeleteNote`` is on its way: a reload read meanwhile must not undo what is on screen.
        self._unsaved: dict[str, Mark] = {}
        self._deleted: set[str] = set()
        self.text_dialog: TextNoteDialog | None = None
        self.export_dialog: QFileDialog | None = None
        self.other_reader: Any = None
        self.other_notes: ReaderNotes | None = None
        self._build()
        self.view.set_overlay(self._paint)
        self.view.set_page_mouse(self._mouse)
        synced = getattr(page.window_, "synced", None)
        if synced is not None:  # notes made on the user's other computer arrive while reading
            synced.connect(self._synced)
        self.reload()

    def _synced(self, report: Any) -> None:
        changes = getattr(report, "changes", None)
        if changes is None or changes.touches("meeting_private_notes", "meeting_document_versions"):
            if not self._drag:
                self.reload()

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        reader = self.reader
        reader.addToolBarBreak()
        bar = QToolBar(self.tr("Notes"), reader)
        bar.setObjectName("notesBar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        reader.addToolBar(bar)
        self.bar = bar
        group = QActionGroup(self)
        self.tool_actions: dict[str, QAction] = {}
        for tool, text, key in (
            (SELECT, self.tr("Select"), "S"),
            (HIGHLIGHT, self.tr("Highlight"), "H"),
            (PEN, self.tr("Pen"), "P"),
            (TEXT, self.tr("Text note"), "T"),
        ):
            action = QAction(text, reader)
            action.setCheckable(True)
            action.setShortcut(QKeySequence(key))
            action.setToolTip(f"{text} ({key})")
            action.triggered.connect(lambda _checked=False, t=tool: self.set_tool(t))
            group.addAction(action)
            reader.addAction(action)
            bar.addAction(action)
            self.tool_actions[tool] = action
        self.tool_actions[SELECT].setChecked(True)
        self.colour_box = QComboBox(reader)
        self.colour_box.setToolTip(self.tr("Colour of new notes"))
        names = {"Yellow": self.tr("Yellow"), "Green": self.tr("Green"), "Blue": self.tr("Blue"),
                 "Pink": self.tr("Pink"), "Red": self.tr("Red")}
        for value, name in COLOURS:
            self.colour_box.addItem(names[name], value)
            swatch = QPixmap(14, 14)
            swatch.fill(QColor(value))
            self.colour_box.setItemIcon(self.colour_box.count() - 1, QIcon(swatch))
        self.colour_box.currentIndexChanged.connect(lambda i: self.set_color(self.colour_box.itemData(i)))
        bar.addWidget(self.colour_box)
        bar.addSeparator()
        self.act_undo = self._action(self.tr("Undo last note"), self.undo, QKeySequence.StandardKey.Undo)
        self.act_delete = self._action(self.tr("Delete note"), self.delete_selected, QKeySequence.StandardKey.Delete)
        self.act_export = self._action(self.tr("Export with my notes…"), self.export, "Ctrl+E")
        for action in (self.act_undo, self.act_delete, self.act_export):
            bar.addAction(action)

        self.dock = QDockWidget(self.tr("My notes"), reader)
        self.dock.setObjectName("notesDock")
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        panel = QWidget(self.dock)
        self.private_label = QLabel(self.tr("Only you can see these notes."), panel)
        self.private_label.setWordWrap(True)
        self.private_label.setObjectName("notesPrivate")
        self.private_label.setStyleSheet(
            "QLabel#notesPrivate { color: #5f6368; background: #f1f3f4; padding: 4px; border-radius: 3px; }"
        )
        self.tree = QTreeWidget(panel)
        self.tree.setObjectName("notesList")
        self.tree.setHeaderLabels([self.tr("Page"), self.tr("Kind"), self.tr("Text")])
        self.tree.setRootIsDecorated(True)
        self.tree.itemClicked.connect(lambda item, _column: self._clicked(item))
        self.tree.itemActivated.connect(lambda item, _column: self._clicked(item))
        self.current_group = QTreeWidgetItem(self.tree, [""])
        self.old_group = QTreeWidgetItem(self.tree, [""])
        for group_item in (self.current_group, self.old_group):
            group_item.setFirstColumnSpanned(True)
            group_item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        export_button = QPushButton(self.tr("Export with my notes…"), panel)
        export_button.clicked.connect(self.export)
        layout = QVBoxLayout(panel)
        layout.addWidget(self.private_label)
        layout.addWidget(self.tree, 1)
        layout.addWidget(export_button)
        self.dock.setWidget(panel)
        reader.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        reader.resizeDocks([self.dock], [300], Qt.Orientation.Horizontal)

        self.version_bar = QWidget(reader)
        self.version_bar.setObjectName("versionNotice")
        self.version_bar.setStyleSheet("QWidget#versionNotice { background: #fff3e0; }")
        self.version_label = QLabel(self.version_bar)
        self.version_label.setWordWrap(True)
        self.old_button = QPushButton(self.version_bar)
        self.old_button.clicked.connect(self.open_previous)
        row = QHBoxLayout(self.version_bar)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.version_label, 1)
        row.addWidget(self.old_button)
        self.version_bar.hide()
        reader.add_bar(self.version_bar)

    def _action(self, text: str, slot: Any, key: Any) -> QAction:
        action = QAction(text, self.reader)
        action.setShortcut(QKeySequence(key))
        action.setToolTip(f"{text} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})")
        action.triggered.connect(lambda _checked=False: slot())
        self.reader.addAction(action)
        return action

    # ------------------------------------------------------------------ tools

    def set_tool(self, tool: str) -> None:
        self.tool = tool
        self.tool_actions[tool].setChecked(True)
        cursor = Qt.CursorShape.ArrowCursor if tool == SELECT else (
            Qt.CursorShape.IBeamCursor if tool == HIGHLIGHT else Qt.CursorShape.CrossCursor
        )
        self.view.viewport().setCursor(cursor)

    def set_color(self, color: str) -> None:
        self.color = color
        index = self.colour_box.findData(color)
        if index >= 0 and index != self.colour_box.currentIndex():
            self.colour_box.setCurrentIndex(index)

    # ------------------------------------------------------------------ loading

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def reload(self) -> None:
        user_id, document_id = self.user_id, self.doc.id
        self._pending += 1

        self._generation += 1
        generation = self._generation

        def show(data: NotesData) -> None:
            self._pending -= 1
            if generation != self._generation:
                return  # a later reload is on its way
            loaded = {m.id for m in data.marks}
            self.marks = [m for m in data.marks if m.id not in self._deleted]
            self.marks += [m for m in self._unsaved.values() if m.id not in loaded and m.id not in self._deleted]
            self.versions = data.versions
            if self.selected not in {m.id for m in self.marks}:
                self.selected = None
            self._fill_list()
            self._show_version_notice()
            self.view.refresh_overlay()
            self.changed.emit()

        def failed(_error: BaseException) -> bool:
            self._pending -= 1
            return False

        self.worker.read("meeting_notes", lambda s: load(s, user_id, document_id), show, failed)

    def shown_marks(self, page: int | None = None) -> list[Mark]:
        """The notes on the version shown (on page ``page`` from 0, when given)."""
        return [m for m in self.marks if m.version == self.version and (page is None or m.page == page + 1)]

    def _fill_list(self) -> None:
        kinds = {HIGHLIGHT: self.tr("Highlight"), PEN: self.tr("Pen"), TEXT: self.tr("Text note")}
        for group in (self.current_group, self.old_group):
            group.takeChildren()
        newest = max(self.versions, default=self.version)
        here = sum(1 for m in self.marks if m.version == self.version)
        self.current_group.setText(0, self.tr("On this version (%1)").replace("%1", str(here)))
        self.old_group.setText(0, (self.tr("Notes on older versions") if self.version >= newest
                                   else self.tr("Notes on other versions")) + f" ({len(self.marks) - here})")
        for mark in self.marks:
            mine = mark.version == self.version
            page = str(mark.page) if mine else self.tr("v%1, p. %2").replace("%1", str(mark.version)).replace(
                "%2", str(mark.page))
            item = QTreeWidgetItem([page, kinds.get(mark.kind, mark.kind), mark.text.replace("\n", " ")])
            item.setData(0, Qt.ItemDataRole.UserRole, mark.id)
            item.setData(1, Qt.ItemDataRole.DecorationRole, QColor(mark.color))
            item.setToolTip(2, mark.text)
            (self.current_group if mine else self.old_group).addChild(item)
            if mark.id == self.selected:
                self.tree.setCurrentItem(item)
        self.old_group.setHidden(self.old_group.childCount() == 0)
        self.tree.expandAll()
        for column in range(2):
            self.tree.resizeColumnToContents(column)

    def _clicked(self, item: QTreeWidgetItem) -> None:
        note_id = item.data(0, Qt.ItemDataRole.UserRole)
        mark = next((m for m in self.marks if m.id == note_id), None)
        if mark is None:
            return
        if mark.version == self.version:
            self.select(mark.id)
            self.view.go_to_page(mark.page - 1, self._top_of(mark))
        else:
            self.open_version(mark.version, mark.page)

    def _top_of(self, mark: Mark) -> float:
        height = self.view.page_points(mark.page - 1).height()
        if mark.kind == HIGHLIGHT:
            return height - max(r[3] for r in mark.shape["rects"])
        if mark.kind == PEN:
            return height - max(p[1] for p in mark.shape["points"])
        return height - mark.shape["at"][1] - PIN

    # ------------------------------------------------------------------ drawing

    def _to_view(self, page: int, x: float, y: float, shown: QRect, scale: float) -> QPointF:
        height = self.view.page_points(page).height()
        return QPointF(shown.left() + x * scale, shown.top() + (height - y) * scale)

    def _paint(self, painter: QPainter, page: int, shown: QRect, scale: float) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for mark in self.shown_marks(page):
            colour = QColor(mark.color)
            chosen = mark.id == self.selected
            if mark.kind == HIGHLIGHT:
                colour.setAlpha(100)
                for x0, y0, x1, y1 in mark.shape["rects"]:
                    rect = QRectF(self._to_view(page, x0, y1, shown, scale), self._to_view(page, x1, y0, shown, scale))
                    painter.fillRect(rect.normalized(), colour)
                    if chosen:
                        painter.setPen(QPen(QColor("#1a73e8"), 1.5, Qt.PenStyle.DashLine))
                        painter.drawRect(rect.normalized())
            elif mark.kind == PEN:
                path = QPainterPath()
                points = [self._to_view(page, x, y, shown, scale) for x, y in mark.shape["points"]]
                path.moveTo(points[0])
                for point in points[1:]:
                    path.lineTo(point)
                if chosen:
                    painter.setPen(QPen(QColor(26, 115, 232, 90), max(6.0, 6 * scale), Qt.PenStyle.SolidLine,
                                        Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
                    painter.drawPath(path)
                painter.setPen(QPen(colour, max(1.5, 2 * scale), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                                    Qt.PenJoinStyle.RoundJoin))
                painter.drawPath(path)
            else:
                x, y = mark.shape["at"]
                top_left = self._to_view(page, x, y + PIN, shown, scale)
                rect = QRectF(top_left.x(), top_left.y(), PIN * scale, PIN * scale)
                painter.setPen(QPen(QColor("#1a73e8") if chosen else colour.darker(160), 2 if chosen else 1))
                painter.setBrush(colour)
                painter.drawRoundedRect(rect, 3, 3)
                painter.setPen(QPen(QColor("#202124"), max(1.0, scale)))
                for n in (0.3, 0.5, 0.7):  # lines of text on the icon
                    painter.drawLine(QPointF(rect.left() + rect.width() * 0.2, rect.top() + rect.height() * n),
                                     QPointF(rect.right() - rect.width() * 0.2, rect.top() + rect.height() * n))
                painter.setBrush(Qt.BrushStyle.NoBrush)
        if self._drag and self._drag_page == page:  # what is being drawn
            colour = QColor(self.color)
            points = [QPointF(shown.left() + p.x() * scale, shown.top() + p.y() * scale) for p in self._drag]
            if self.tool == HIGHLIGHT:
                colour.setAlpha(90)
                painter.fillRect(QRectF(points[0], points[-1]).normalized(), colour)
            elif self.tool == PEN and len(points) > 1:
                painter.setPen(QPen(colour, max(1.5, 2 * scale), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
                for a, b in itertools.pairwise(points):
                    painter.drawLine(a, b)

    # ------------------------------------------------------------------ the mouse

    def _mouse(self, kind: str, page: int, point: QPointF, event: QMouseEvent) -> bool:
        if event.button() not in (Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton):
            return False
        if kind == "press":
            hit = self.mark_at(page, point)
            if self.tool == SELECT or (self.tool != HIGHLIGHT and self.tool != PEN and hit is not None):
                if hit is None:
                    self.select(None)
                    return False
                self.select(hit.id)
                if hit.kind == TEXT:
                    self.edit_text(hit)
                return True
            if self.tool == TEXT:
                self.new_text(page, point)
                return True
            self._drag, self._drag_page = [point], page
            return True
        if not self._drag and kind == "move":  # hovering a text note shows its text
            hit = self.mark_at(page, point)
            if hit is not None and hit.kind == TEXT:
                QToolTip.showText(event.globalPosition().toPoint(), hit.text, self.view.viewport())
            return False
        if not self._drag or page != self._drag_page:
            return False
        if kind == "move":
            if self.tool == PEN:
                if (point - self._drag[-1]).manhattanLength() >= 1.0:
                    self._drag.append(point)
            else:
                self._drag[1:] = [point]
            self.view.refresh_overlay()
            return True
        drag, self._drag = [*self._drag, point], []
        self.view.refresh_overlay()
        if self.tool == HIGHLIGHT:
            self._finish_highlight(page, drag[0], drag[-1])
        elif self.tool == PEN:
            self._finish_pen(page, drag)
        return True

    def mark_at(self, page: int, point: QPointF) -> Mark | None:
        """The note of the shown version under ``point`` (view points, top-left origin), topmost first."""
        height = self.view.page_points(page).height()
        x, y = point.x(), height - point.y()
        for mark in reversed(self.shown_marks(page)):
            if mark.kind == TEXT:
                ax, ay = mark.shape["at"]
                if ax <= x <= ax + PIN and ay <= y <= ay + PIN:
                    return mark
            elif mark.kind == HIGHLIGHT:
                if any(x0 <= x <= x1 and y0 <= y <= y1 for x0, y0, x1, y1 in mark.shape["rects"]):
                    return mark
            elif any(abs(px - x) <= TOUCH and abs(py - y) <= TOUCH for px, py in mark.shape["points"]):
                return mark
        return None

    def _flip(self, page: int, point: QPointF) -> list[float]:
        height = self.view.page_points(page).height()
        return [round(point.x(), 2), round(height - point.y(), 2)]

    def _finish_highlight(self, page: int, start: QPointF, end: QPointF) -> None:
        """The text between the two points when the page has text there (QtPdf's selection),
        otherwise the rectangle dragged."""
        drawn = QRectF(start, end).normalized()
        if drawn.width() < 3 and drawn.height() < 3:
            return
        document = self.reader.document
        rects: list[QRectF] = []
        selection = document.getSelection(page, start, end)
        if selection.isValid():  # from a letter to a letter: the text between, line by line
            rects = [polygon.boundingRect() for polygon in selection.bounds() if not polygon.isEmpty()]
            rects = [r for r in rects if r.intersects(drawn.adjusted(-2, -2, 2, 2))]
        if not rects:  # a rectangle around text: its lines, cut to the rectangle's width
            for polygon in document.getAllText(page).bounds():
                line = polygon.boundingRect()
                if line.intersects(drawn) and line.center().y() >= drawn.top() and line.center().y() <= drawn.bottom():
                    left, right = max(line.left(), drawn.left()), min(line.right(), drawn.right())
                    if right - left > 1:
                        rects.append(QRectF(left, line.top(), right - left, line.height()))
        if not rects:  # no text there (a scan, a figure): the rectangle itself
            rects = [drawn]
        height = self.view.page_points(page).height()
        shape = {"rects": [[round(r.left(), 2), round(height - r.bottom(), 2), round(r.right(), 2),
                            round(height - r.top(), 2)] for r in rects]}
        self.add(page, HIGHLIGHT, shape)

    def _finish_pen(self, page: int, points: list[QPointF]) -> None:
        kept = [self._flip(page, p) for p in points]
        if len(kept) < 2:
            return
        self.add(page, PEN, {"points": kept})

    # ------------------------------------------------------------------ text notes

    def new_text(self, page: int, point: QPointF) -> None:
        at = self._flip(page, point)
        at[1] = round(at[1] - PIN, 2)  # the icon's top left corner where clicked

        def done() -> None:
            if dialog.text():
                self.add(page, TEXT, {"at": at}, dialog.text())

        dialog = self._text_dialog("", done)

    def edit_text(self, mark: Mark) -> None:
        def done() -> None:
            if dialog.text() and dialog.text() != mark.text:
                self.update(mark, dialog.text())

        dialog = self._text_dialog(mark.text, done)

    def _text_dialog(self, text: str, done: Any) -> TextNoteDialog:
        dialog = TextNoteDialog(text, self.reader)
        dialog.accepted.connect(done)
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        self.text_dialog = dialog
        dialog.open()
        return dialog

    def _dialog_closed(self, dialog: TextNoteDialog) -> None:
        if self.text_dialog is dialog:
            self.text_dialog = None
        dialog.deleteLater()

    # ------------------------------------------------------------------ operations

    def select(self, note_id: str | None) -> None:
        self.selected = note_id
        self.act_delete.setEnabled(note_id is not None)
        for group in (self.current_group, self.old_group):
            for n in range(group.childCount()):
                if group.child(n).data(0, Qt.ItemDataRole.UserRole) == note_id:
                    self.tree.setCurrentItem(group.child(n))
        self.view.refresh_overlay()

    def add(self, page: int, kind: str, shape: dict[str, Any], text: str = "") -> str:
        """A new note on page ``page`` (from 0) of the version shown; drawn at once, kept by an operation."""
        note_id = new_id()
        mark = Mark(note_id, self.version, page + 1, kind, shape, text, self.color)
        self.marks.append(mark)
        self._unsaved[note_id] = mark
        self.undo_stack.append(note_id)
        self.view.refresh_overlay()
        op = AddNote(op_id=new_id(), note_id=note_id, document_id=self.doc.id, version=self.version, page=page + 1,
                     note_kind=kind, shape=json.dumps(shape, separators=(",", ":")), text=text, color=self.color)
        def failed() -> None:
            self._unsaved.pop(note_id, None)
            self._forget(note_id)

        self._submit("meeting_add_note", op, undo=failed, saved=lambda: self._unsaved.pop(note_id, None))
        return note_id

    def update(self, mark: Mark, text: str) -> None:
        before = mark.text
        mark.text = text
        op = UpdateNote(op_id=new_id(), note_id=mark.id, shape=json.dumps(mark.shape, separators=(",", ":")),
                        text=text, color=mark.color)

        def undo() -> None:
            mark.text = before

        self._submit("meeting_update_note", op, undo)

    def delete(self, note_id: str) -> None:
        if note_id in self._deleted:
            return
        self._deleted.add(note_id)
        self._forget(note_id)

        def failed() -> None:
            self._deleted.discard(note_id)

        self._submit("meeting_delete_note", DeleteNote(op_id=new_id(), note_id=note_id), undo=failed)

    def _forget(self, note_id: str) -> None:
        self.marks = [m for m in self.marks if m.id != note_id]
        if note_id in self.undo_stack:
            self.undo_stack.remove(note_id)
        if self.selected == note_id:
            self.select(None)
        self.view.refresh_overlay()

    def undo(self) -> None:
        """Ctrl+Z: the last note made here is deleted."""
        if self.undo_stack:
            self.delete(self.undo_stack[-1])

    def delete_selected(self) -> None:
        if self.selected is not None:
            self.delete(self.selected)

    def _submit(self, label: str, op: Any, undo: Any, saved: Any = None) -> None:
        """``op`` on the desk's worker; ``undo()`` puts the screen back if it is refused."""
        self._pending += 1

        def done(_result: Any) -> None:
            self._pending -= 1
            if saved is not None:
                saved()
            self.reload()

        def failed(error: BaseException) -> bool:
            self._pending -= 1
            undo()
            self.reload()
            if isinstance(error, DomainError):
                self.reader.warn(error.message(current_language()))
                return True
            return False

        self.worker.submit(label, self.user_id, lambda _s: op, done, failed)

    # ------------------------------------------------------------------ export

    def export(self) -> None:
        """Ask where, then write this version with the user's notes as PDF annotations."""
        folder = Path.home() / "Documents"
        if not folder.is_dir():
            folder = Path.home()
        base = "".join("_" if c in '\\/:*?"<>|' else c for c in self.doc.title)
        dialog = QFileDialog(self.reader, self.tr("Export with my notes"),
                             str(folder / (base + self.tr(" (my notes)") + ".pdf")))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("PDF files (*.pdf)"))
        dialog.setDefaultSuffix("pdf")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.fileSelected.connect(lambda name: self.export_to(Path(name)))
        self.export_dialog = dialog
        dialog.open()

    def export_to(self, target: Path) -> None:
        user_id, document_id, version = self.user_id, self.doc.id, self.version
        blobs = self.meeting_page.window_.blobs
        self._pending += 1

        def done(_path: Any) -> None:
            self._pending -= 1
            self.reader.say(self.tr("Exported with your notes: %1").replace("%1", str(target)))

        def failed(error: BaseException) -> bool:
            self._pending -= 1
            if isinstance(error, DomainError):
                self.reader.warn(error.message(current_language()))
                return True
            if isinstance(error, OSError):
                self.reader.warn(self.tr("The file could not be written there (the folder may be read-only or full)."))
                return True
            return False

        self.worker.read(
            "meeting_export_notes",
            lambda s: export_annotated(s, user_id, document_id, version, blobs, target), done, failed,
        )

    # ------------------------------------------------------------------ versions

    def _show_version_notice(self) -> None:
        """A newer version than the one the user last opened: say so, with the way back."""
        opened = self.doc.opened_version
        newest = self.versions.get(self.doc.version)
        before = self.versions.get(opened) if opened else None
        if self.version != self.doc.version or newest is None or before is None or opened >= self.doc.version:
            self.version_bar.hide()
            return
        self.version_label.setText(
            self.tr("The document was updated (version %1, %2 pages; before: %3 pages).")
            .replace("%1", str(newest.version)).replace("%2", str(newest.page_count))
            .replace("%3", str(before.page_count))
        )
        self.old_button.setText(self.tr("Open version %1").replace("%1", str(before.version)))
        self.version_bar.show()

    def open_previous(self) -> None:
        if self.doc.opened_version:
            self.open_version(self.doc.opened_version, 1)

    def open_version(self, version: int, page: int = 1) -> None:
        """Another version in its own reader, with the notes made on it."""
        facts = self.versions.get(version)
        if facts is None:
            return
        path = self.meeting_page.window_.blobs.path_for(facts.digest)
        if not path.exists():
            self.reader.warn(self.tr("This version is not downloaded to this computer yet; "
                                     "it downloads with the meeting's files when online."))
            return
        from eoffice.ui.pdf.reader import open_reader

        if self.other_reader is not None:
            try:
                self.other_reader.close()
            except RuntimeError:  # closed already (deleted on close)
                pass
        title = self.tr("%1 (version %2)").replace("%1", self.doc.title).replace("%2", str(version))
        self.other_reader = open_reader(path, title, self.reader)
        self.other_notes = ReaderNotes(self.other_reader, self.meeting_page, self.doc, version)
        self.other_reader.go_to_page(page)


def attach_notes(reader: Any, page: Any, doc: Any) -> ReaderNotes | None:
    """The notes on a reader showing ``doc``'s newest version (None when it did not open)."""
    if not reader.loaded:
        return None
    return ReaderNotes(reader, page, doc, doc.version)
