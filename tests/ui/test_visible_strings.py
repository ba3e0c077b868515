"""No visible string escapes translation, in Vietnamese or in English.

``test_translations`` checks that every string the code passes through ``tr`` has a
Vietnamese translation. These tests catch the strings that never reach it: a literal
handed straight to a widget (caught in the source), and a screen that, once open, shows
English in the Vietnamese UI or Vietnamese in the English one (caught by walking the
real window as each user, in each language, and reading its chrome: menus, actions,
buttons, tabs, headers, form labels, the sidebar, placeholders).
"""

from __future__ import annotations

import ast
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QTabBar,
    QWidget,
)

from eoffice.directory.access import ROLE_LABELS_VI
from eoffice.documents.directions import STATE_LABELS_VI
from eoffice.documents.types import PRIORITY_LABELS_VI
from eoffice.ui import i18n
from eoffice.ui.documents.section import BOXES
from eoffice.worklog.models import CATEGORY_LABELS_VI
from tests.documents.workflow_helpers import register
from tests.ui.helpers import click_row

UI = Path(i18n.__file__).resolve().parent.parent

#: Setters and constructors whose first argument is shown to the user.
_SHOWN_FIRST = {
    "setText", "setWindowTitle", "setPlaceholderText", "setToolTip", "addAction", "setTitle", "addTab",
    "insertTab", "setTabText", "setStatusTip", "showMessage", "setHorizontalHeaderLabels", "addItem", "addItems",
    "setLabelText", "setSpecialValueText", "setSuffix", "setPrefix", "addMenu", "setWhatsThis",
    "setInformativeText", "setCancelButtonText", "addRow", "setHeaderLabels", "QLabel", "QPushButton", "QAction",
    "QGroupBox", "QCheckBox", "QRadioButton", "QToolButton", "QMenu",
}
#: QMessageBox's static functions: the title and the text.
_SHOWN_TITLE_TEXT = {"information", "warning", "critical", "question", "about"}
#: Literals that are the same in every language: codes, formats, a file type.
_NOT_WORDS = {"QĐ-UBND", "http://…", "https://eoffice.example.gov.vn", "PDF", "DOCX", "eoffice", "…", "×", "✓"}


def _literal(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
    return None


def _words(text: str) -> bool:
    return sum(c.isalpha() for c in text) >= 2 and text.strip() not in _NOT_WORDS


def test_no_literal_reaches_a_widget_without_translation():
    found = []
    for path in sorted(UI.rglob("*.py")):
        if "i18n" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            shown = node.args[:1] if name in _SHOWN_FIRST else node.args[1:3] if name in _SHOWN_TITLE_TEXT else []
            for arg in shown:
                text = _literal(arg)
                if text is not None and _words(text):
                    found.append(f"{path.relative_to(UI.parent.parent)}:{node.lineno}: {name}({text!r})")
    assert not found, "pass these through self.tr(...) (or QCoreApplication.translate):\n" + "\n".join(found)


def _vietnamese(text: str) -> bool:
    """Whether ``text`` holds a letter English does not have (ạ, ơ, đ, …)."""
    return any(ord(c) > 127 and unicodedata.category(c).startswith("L") for c in text)


def _english_sources() -> set[str]:
    """The source strings the Vietnamese file translates to something else."""
    root = ET.parse(i18n.ts_path("vi")).getroot()
    sources = set()
    for message in root.iter("message"):
        source, translation = message.findtext("source") or "", message.findtext("translation") or ""
        if translation.strip() and translation != source and _words(source):
            sources.add(source.replace("&", ""))
    return sources


def _vietnamese_labels() -> set[str]:
    """The Vietnamese words the UI shows for the domain's vocabularies (states, roles,
    categories…): what a table cell of the English UI must never hold. A cell is data
    (a subject, a name) unless it is one of these."""
    root = ET.parse(i18n.ts_path("vi")).getroot()
    labels = {m.findtext("translation") or "" for m in root.iter("message")}
    labels |= set(STATE_LABELS_VI.values()) | set(CATEGORY_LABELS_VI.values()) | set(ROLE_LABELS_VI.values())
    labels |= set(PRIORITY_LABELS_VI.values())
    return {label for label in labels if _vietnamese(label)}


def _chrome(window: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) of what the window and its open parts show: its chrome, and the
    cells of its visible tables (``cell``: data there unless it is a vocabulary's word)."""
    for action in window.findChildren(QMenu):
        yield "menu", action.title()
    for widget in [window, *window.findChildren(QWidget)]:
        for action in widget.actions():
            if action.text():
                yield "action", action.text()
            if action.toolTip() and action.toolTip() != action.text().replace("&", ""):
                yield "action tooltip", action.toolTip()
    for button in window.findChildren(QAbstractButton):
        if button.isVisibleTo(window) and button.text():
            yield "button", button.text()
    for bar in window.findChildren(QTabBar):
        for i in range(bar.count()):
            yield "tab", bar.tabText(i)
    for box in window.findChildren(QGroupBox):
        yield "group", box.title()
    for edit in window.findChildren(QLineEdit):
        if edit.placeholderText():
            yield "placeholder", edit.placeholderText()
    for form in window.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if isinstance(label, QLabel) and label.text():
                yield "form label", label.text()
    for view in window.findChildren(QAbstractItemView):
        model = view.model()
        if model is None or isinstance(view, QListWidget):  # a list widget's model is private; read below
            continue
        for column in range(model.columnCount(QModelIndex())):
            header = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
            if isinstance(header, str):
                yield "column", header
    for view in window.findChildren(QAbstractItemView):
        model = view.model()
        if model is None or isinstance(view, QListWidget) or not view.isVisibleTo(window):
            continue
        for row in range(min(model.rowCount(QModelIndex()), 40)):
            for column in range(model.columnCount(QModelIndex())):
                cell = model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)
                if isinstance(cell, str) and cell:
                    yield "cell", cell
    for sidebar in window.findChildren(QListWidget):
        for i in range(sidebar.count()):
            # a box's label with its count ("Văn bản đến (12)"): the words only
            yield "sidebar", "".join(c for c in sidebar.item(i).text() if not c.isdigit()).replace("()", "").strip()


def _walk(qtbot, window) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """What the window shows in each section and each of the documents' boxes."""
    seen: list[tuple[str, str]] = list(_chrome(window))
    for section in window.sections:
        window.show_section(section)
        seen.extend(_chrome(window))
    documents = window.section("documents")
    for box in BOXES:
        documents.show_box(box)
        qtbot.waitUntil(lambda box=box: documents.model.box == box and not documents.model.loading)
        seen.extend(_chrome(window))
        if documents.model.rowCount():  # the first document's panes: its lines, their states
            click_row(qtbot, window, documents.model.row_at(0).id)
            seen.extend(_chrome(window))
    return seen


@pytest.fixture
def windows(qtbot, ui_world, blobs, pdf_factory):  # type: ignore[no-untyped-def]
    from eoffice.documents.directions import LineSpec, direct
    from eoffice.documents.types import LineRole
    from eoffice.ui.app import create_main_window

    w = ui_world
    # Documents in the boxes, so that their cells (states, parts, priorities) are read too.
    directed = register(w, blobs, pdf_factory, subject="Về việc báo cáo tình hình")
    register(w, blobs, pdf_factory, subject="Về việc kiểm tra công vụ")
    with w.store.write() as s:
        direct(s, w.leader_id, directed, "Giao phòng xử lý", [
            LineSpec(LineRole.LEAD, user_id=w.officer_id, deadline_days=5),
            LineSpec(LineRole.INFORM, unit_id=w.office_unit_id),
        ])
    opened = []

    def open_as(user_id: str):  # type: ignore[no-untyped-def]
        win = create_main_window(w.store, blobs, user_id, [])
        qtbot.addWidget(win)
        win.show()
        qtbot.waitUntil(lambda: bool(win.section("documents").counts), timeout=10_000)
        opened.append(win)
        return win

    yield open_as
    for win in opened:
        win.close()


def _users(world) -> list[str]:  # type: ignore[no-untyped-def]
    return [world.clerk_id, world.leader_id, world.officer_id]


def test_the_vietnamese_window_shows_no_english(qtbot, qapp, ui_world, windows):
    english = _english_sources()
    for user_id in _users(ui_world):
        shown = _walk(qtbot, windows(user_id))
        assert ("sidebar", "Văn bản đến") in shown and len({text for _, text in shown}) > 60
        untranslated = sorted({(where, text) for where, text in shown if text.replace("&", "") in english})
        assert not untranslated, f"shown in English in the Vietnamese UI: {untranslated}"


def test_the_english_window_shows_no_vietnamese(qtbot, qapp, ui_world, windows):
    assert i18n.install_translator(qapp, "en") == "en"
    try:
        for user_id in _users(ui_world):
            shown = _walk(qtbot, windows(user_id))
            assert ("sidebar", "Incoming documents") in shown and len({text for _, text in shown}) > 60
            labels = _vietnamese_labels()
            vietnamese = sorted({
                (where, text) for where, text in shown
                if (text in labels if where == "cell" else _vietnamese(text))
            })
            assert not vietnamese, f"shown in Vietnamese in the English UI: {vietnamese}"
    finally:
        i18n.install_translator(qapp, "vi")
