"""The organisers' agenda editor on the meeting page: add an item or a sub-item, edit it
(title, presenter, presenting unit, planned minutes, decision, vote rule), remove it,
move it (Alt+Up/Down, or drag and drop in the tree).

Every change is an operation of ``meetings.operations`` submitted through the desk's
worker; the tree follows when the worker says the agenda changed. A refused move (an item
under its own sub-item, a closed meeting) shows the domain's own message.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from eoffice.meetings import rules
from eoffice.meetings.models import AgendaItem, Meeting
from eoffice.meetings.operations import AddAgendaItem, MoveAgendaItem, RemoveAgendaItem, UpdateAgendaItem
from eoffice.meetings.views import DocumentView, ItemView
from eoffice.ops.values import Id
from eoffice.store.base import new_id
from eoffice.ui.directory import OrgDirectory
from eoffice.ui.meetings.labels import decision_label

SAID_FOR = 6000


@dataclass(frozen=True)
class ItemContext:
    """What the item dialog offers: the meeting's vote rules, and the item's values when editing."""

    vote_rules: list[tuple[str, str]]  # key, label
    values: dict[str, Any] | None


def load_context(session: Session, meeting_id: str, item_id: str | None) -> ItemContext:
    meeting = session.get(Meeting, meeting_id)
    ruleset = rules.RuleSet.from_json(meeting.vote_rules) if meeting is not None else None
    votes = [(r.key, r.label) for r in ruleset.votes] if ruleset is not None else []
    values = None
    if item_id is not None and (item := session.get(AgendaItem, item_id)) is not None:
        values = {
            "title": item.title, "presenter_id": item.presenter_id, "presenter_unit_id": item.presenter_unit_id,
            "planned_minutes": item.planned_minutes, "decision": item.decision, "vote_rule": item.vote_rule,
        }
    return ItemContext(votes, values)


class ItemDialog(QDialog):
    """One agenda item's fields (Thêm nội dung / Sửa nội dung)."""

    def __init__(self, directory: OrgDirectory, context: ItemContext, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("agendaItemDialog")
        self.title = QLineEdit(self)
        self.title.setObjectName("itemTitle")
        self.title.setMinimumWidth(420)
        self.presenter = QComboBox(self)
        self.presenter.addItem(self.tr("(none)"), None)
        for person in sorted(directory.people, key=lambda p: p.full_name):
            unit = directory.unit_name(person.unit_id)
            label = person.full_name + (f" — {person.position}" if person.position else "") + (
                f", {unit}" if unit else "")
            self.presenter.addItem(label, person.id)
        self.presenter.setEditable(True)  # type to find a name among hundreds
        self.presenter.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.unit = QComboBox(self)
        self.unit.addItem(self.tr("(none)"), None)
        for unit_id, name, _parent in directory.units:
            self.unit.addItem(name, unit_id)
        self.presenter.currentIndexChanged.connect(self._presenter_changed)
        self.directory = directory
        self.minutes = QSpinBox(self)
        self.minutes.setRange(0, 24 * 60)
        self.minutes.setSuffix(self.tr(" min"))
        self.decision = QComboBox(self)
        for key in ("information", "discussion", "vote"):
            self.decision.addItem(decision_label(key), key)
        self.rule = QComboBox(self)
        for key, label in context.vote_rules:
            self.rule.addItem(label, key)
        self.decision.currentIndexChanged.connect(self._decision_changed)
        form = QFormLayout()
        form.addRow(self.tr("&Title:"), self.title)
        form.addRow(self.tr("&Presenter:"), self.presenter)
        form.addRow(self.tr("Presenting &unit:"), self.unit)
        form.addRow(self.tr("Planned &time:"), self.minutes)
        form.addRow(self.tr("&Decision:"), self.decision)
        form.addRow(self.tr("&Vote rule:"), self.rule)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        if context.values is not None:
            v = context.values
            self.title.setText(v["title"])
            self._select(self.presenter, v["presenter_id"])
            self._select(self.unit, v["presenter_unit_id"])
            self.minutes.setValue(v["planned_minutes"])
            self._select(self.decision, v["decision"])
            self._select(self.rule, v["vote_rule"])
        self._decision_changed()

    @staticmethod
    def _select(combo: QComboBox, value: Any) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    def _presenter_changed(self) -> None:
        """The presenter's unit, unless one was chosen already."""
        person = self.directory.person(self.presenter.currentData())
        if person is not None and person.unit_id and self.unit.currentData() is None:
            self._select(self.unit, person.unit_id)

    def _decision_changed(self) -> None:
        self.rule.setEnabled(self.decision.currentData() == "vote")

    def _accept(self) -> None:
        if not self.title.text().strip():
            self.title.setFocus()
            self.title.setPlaceholderText(self.tr("The item needs a title"))
            return
        self.accept()

    def values(self) -> dict[str, Any]:
        decision = str(self.decision.currentData())
        return {
            "title": self.title.text().strip(),
            "presenter_id": self.presenter.currentData(),
            "presenter_unit_id": self.unit.currentData(),
            "planned_minutes": self.minutes.value(),
            "decision": decision,
            "vote_rule": str(self.rule.currentData() or "") if decision == "vote" else "",
        }


class AgendaEditor(QObject):
    """The agenda's actions on the meeting page (shown to organisers only)."""

    def __init__(self, page: Any) -> None:
        super().__init__(page)
        self.page = page
        self.dialog: ItemDialog | None = None
        self.act_add = self._action(self.tr("Add item"), "Insert", self.add_item,
                                    self.tr("Add an agenda item after the selected one (Insert)"))
        self.act_add_sub = self._action(self.tr("Add sub-item"), "Ctrl+Insert", self.add_sub_item,
                                        self.tr("Add a sub-item under the selected item (Ctrl+Insert)"))
        self.act_edit = self._action(self.tr("Edit item"), "F2", self.edit_item,
                                     self.tr("Edit the selected item (F2)"))
        self.act_remove = self._action(self.tr("Remove item"), "Del", self.remove_item,
                                       self.tr("Remove the selected item or document (Delete)"))
        self.act_up = self._action(self.tr("Move up"), "Alt+Up", lambda: self.move_by(-1),
                                   self.tr("Move the selected item up (Alt+Up)"))
        self.act_down = self._action(self.tr("Move down"), "Alt+Down", lambda: self.move_by(1),
                                     self.tr("Move the selected item down (Alt+Down)"))
        self.actions = [self.act_add, self.act_add_sub, self.act_edit, self.act_remove, self.act_up, self.act_down]
        page.agenda.move_requested.connect(self.move)

    def _action(self, text: str, keys: str, slot: Any, tip: str) -> QAction:
        action = QAction(text, self.page)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(tip)
        action.triggered.connect(slot)
        self.page.tree.addAction(action)
        return action

    # -- what is selected ----------------------------------------------------------

    def current_item(self) -> ItemView | None:
        node = self.page.agenda.node(self.page.tree.currentIndex())
        if isinstance(node, DocumentView):
            return self._item_by_id(node.item_id)
        return node if isinstance(node, ItemView) else None

    def _item_by_id(self, item_id: str) -> ItemView | None:
        data = self.page.data
        if data is None:
            return None
        return next((i for i in data.view.items() if i.id == item_id), None)

    def _siblings(self, item: ItemView) -> list[ItemView]:
        data = self.page.data
        if item.parent_id is None:
            return list(data.view.agenda.get(item.sitting_id, [])) if data is not None else []
        parent = self._item_by_id(item.parent_id)
        return parent.children if parent is not None else []

    def _status(self, text: str) -> None:
        self.page.window_.statusBar().showMessage(text, SAID_FOR)

    def _submit(self, label: str, op: Any, said: str, then: Any = None) -> None:
        def done(_result: Any) -> None:
            self._status(said)
            if then is not None:
                then()

        self.page.worker.submit(label, self.page.user_id, lambda _s: op, done)

    # -- the actions ---------------------------------------------------------------

    def _open_dialog(self, item_id: str | None, title: str, on_ok: Any) -> None:
        meeting_id = self.page.meeting_id

        def show(context: ItemContext) -> None:
            self.dialog = ItemDialog(self.page.window_.directory, context, title, self.page)
            self.dialog.accepted.connect(lambda: on_ok(self.dialog.values()))
            self.dialog.open()

        self.page.worker.read("agenda_item_context", lambda s: load_context(s, meeting_id, item_id), show)

    def add_item(self) -> None:
        """After the selected item, at its level (or at the end of the first sitting)."""
        data = self.page.data
        if data is None or not data.view.sittings:
            return
        current = self.current_item()
        if current is not None:
            sitting_id, parent_id = current.sitting_id, current.parent_id
            position = [s.id for s in self._siblings(current)].index(current.id) + 1
        else:
            sitting_id, parent_id, position = data.view.sittings[0].id, None, 1_000_000
        self._add(sitting_id, parent_id, position)

    def add_sub_item(self) -> None:
        current = self.current_item()
        if current is None:
            self.add_item()
            return
        self._add(current.sitting_id, current.id, 1_000_000)

    def _add(self, sitting_id: str, parent_id: str | None, position: int) -> None:
        meeting_id = self.page.meeting_id

        def ok(values: dict[str, Any]) -> None:
            item_id = new_id()
            op = AddAgendaItem(
                op_id=Id(new_id()), item_id=Id(item_id), meeting_id=Id(meeting_id), sitting_id=Id(sitting_id),
                parent_id=Id(parent_id) if parent_id else None, position=position, **values,
            )
            self.page.select_after_load = item_id
            self._submit("meeting_add_item", op, self.tr("Item added: %1").replace("%1", values["title"]))

        self._open_dialog(None, self.tr("Add agenda item"), ok)

    def edit_item(self) -> None:
        current = self.current_item()
        if current is None:
            return
        item_id = current.id

        def ok(values: dict[str, Any]) -> None:
            op = UpdateAgendaItem(op_id=Id(new_id()), item_id=Id(item_id), **values)
            self.page.select_after_load = item_id
            self._submit("meeting_update_item", op, self.tr("Item saved: %1").replace("%1", values["title"]))

        self._open_dialog(item_id, self.tr("Edit agenda item"), ok)

    def remove_item(self) -> None:
        """The selected document, or the item with its sub-items and documents, after a question."""
        node = self.page.agenda.node(self.page.tree.currentIndex())
        if isinstance(node, DocumentView):
            self.page.documents.remove_document()
            return
        if not isinstance(node, ItemView):
            return
        item = node

        def count(i: ItemView) -> tuple[int, int]:
            subs, docs = len(i.children), len(i.documents)
            for child in i.children:
                s, d = count(child)
                subs, docs = subs + s, docs + d
            return subs, docs

        subs, docs = count(item)
        op = RemoveAgendaItem(op_id=Id(new_id()), item_id=Id(item.id))
        self.page.window_._confirm(
            self.tr("Remove agenda item"),
            self.tr("Remove “%1 %2”?").replace("%1", item.number).replace("%2", item.title),
            self.tr("Its %1 sub-items and %2 documents are removed too.").replace("%1", str(subs))
            .replace("%2", str(docs)),
            self.tr("Remove"),
            lambda: self._submit("meeting_remove_item", op, self.tr("Item removed: %1").replace("%1", item.title)),
        )

    def move_by(self, step: int) -> None:
        current = self.current_item()
        if current is None:
            return
        siblings = self._siblings(current)
        at = [s.id for s in siblings].index(current.id) + step
        if not 0 <= at < len(siblings):
            return
        self.move(current.id, current.parent_id or "", at, current.sitting_id)

    def move(self, item_id: str, parent_id: str, position: int, sitting_id: str) -> None:
        """A drop in the tree or Alt+Up/Down: refused moves say the domain's message."""
        op = MoveAgendaItem(
            op_id=Id(new_id()), item_id=Id(item_id), parent_id=Id(parent_id) if parent_id else None,
            position=position, sitting_id=Id(sitting_id) if sitting_id else None,
        )
        self.page.select_after_load = item_id
        self._submit("meeting_move_item", op, self.tr("Item moved"))
