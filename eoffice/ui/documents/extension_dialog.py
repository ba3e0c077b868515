"""Deadline extensions on the detail pane's lines (``documents.extensions``).

The holder of a line asks for more time ("Xin gia hạn…": a new date, not before today,
and a reason); the leader who directed approves, maybe with another date ("Duyệt gia
hạn…"), or refuses with a reason ("Từ chối"). The bar under the lines offers what the
user may do on the selected line (or their own line when none is selected); the line's
state reads "Đang xin gia hạn đến dd/mm/yyyy" while the request waits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.store.base import new_id
from eoffice.ui import labels
from eoffice.ui.documents.forms import FormDialog, date_edit, from_qdate, to_qdate
from eoffice.ui.tasks import DbWorker

if TYPE_CHECKING:
    from eoffice.ui.documents.detail import DetailPane, LineView

OPEN_STATES = ("waiting", "in_progress")


@dataclass(frozen=True)
class ExtensionView:
    """A line's latest extension request, as the pane shows it."""

    id: str
    state: str
    requested_by: str
    requested_by_name: str
    requested_deadline: date
    reason: str
    decided_deadline: date | None
    decision_note: str
    #: The leader who directed the line: who decides.
    leader_id: str | None


def extension_views(session: Session, document_id: str, names: dict[str, str]) -> dict[str, ExtensionView]:
    """Each line's latest extension request (by line id), read in the worker's session."""
    from eoffice.documents.extensions import extensions_of
    from eoffice.documents.models import DirectionLine, DocumentDirection

    leaders: dict[str, str] = {
        line_id: leader_id
        for line_id, leader_id in session.execute(
            select(DirectionLine.id, DocumentDirection.leader_id)
            .join(DocumentDirection, DocumentDirection.id == DirectionLine.direction_id)
            .where(DirectionLine.document_id == document_id)
        )
    }
    out: dict[str, ExtensionView] = {}
    for e in extensions_of(session, document_id):  # oldest first: the latest wins
        out[e.line_id] = ExtensionView(
            e.id, e.state, e.requested_by, names.get(e.requested_by, ""), e.requested_deadline, e.reason,
            e.decided_deadline, e.decision_note, leaders.get(e.line_id),
        )
    return out


def extension_text(line: LineView) -> str:
    """What the line's state adds about its extension ("" for none, or for a request left
    undecided when the line closed)."""
    view = line.extension
    if view is None or (view.state == "requested" and line.state not in OPEN_STATES):
        return ""
    if view.state == "requested":
        return QCoreApplication.translate("Extensions", "Extension asked until %1").replace(
            "%1", labels.format_date(view.requested_deadline)
        )
    if view.state == "approved":
        return QCoreApplication.translate("Extensions", "Extended until %1").replace(
            "%1", labels.format_date(view.decided_deadline)
        )
    return QCoreApplication.translate("Extensions", "Extension refused: %1").replace("%1", view.decision_note)


class RequestExtensionDialog(FormDialog):
    """The holder asks for a later deadline: a date from today on and a reason (both checked here)."""

    def __init__(
        self, worker: DbWorker, actor_id: str, line: LineView, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(worker, self.tr("Ask for a deadline extension"), parent)
        self.actor_id, self.line, self.today = actor_id, line, today
        current = labels.format_date(line.deadline) if line.deadline else self.tr("none")
        self.form.addRow(self.tr("Assignment"), QLabel(f"{labels.line_role_label(line.role)} — {line.assignee}"))
        self.form.addRow(self.tr("Current deadline"), QLabel(current))
        self.new_date = date_edit(self._proposed(), self)
        self.new_date.setMinimumDate(to_qdate(today))
        self.form.addRow(self.tr("New deadline"), self.new_date)
        self.reason = QPlainTextEdit(self)
        self.reason.setTabChangesFocus(True)
        self.reason.setMinimumWidth(420)
        self.reason.setMaximumHeight(110)
        self.reason.setPlaceholderText(self.tr("Why more time is needed"))
        self.form.addRow(self.tr("Reason"), self.reason)
        self.field_widgets.update(requested_deadline=self.new_date, reason=self.reason)
        self.ok_button.setText(self.tr("Ask"))

    def _proposed(self) -> date:
        base = self.line.deadline if self.line.deadline and self.line.deadline >= self.today else self.today
        return base + timedelta(days=7)

    def submit(self) -> None:
        from eoffice.documents import operations as ops

        self.clear_error()
        new = from_qdate(self.new_date.date())
        reason = self.reason.toPlainText().strip()
        errors: list[tuple[str, str]] = []
        if new < self.today:
            errors.append((self.tr("The new deadline cannot be in the past."), "requested_deadline"))
        elif self.line.deadline is not None and new <= self.line.deadline:
            errors.append(
                (
                    self.tr("The new deadline must be after the current one (%1).").replace(
                        "%1", labels.format_date(self.line.deadline)
                    ),
                    "requested_deadline",
                )
            )
        if not reason:
            errors.append((self.tr("Write the reason for the extension."), "reason"))
        if errors:
            self._show_errors(errors)
            return
        line_id, today = self.line.id, self.today
        self.run_operation(
            "request_extension", self.actor_id,
            lambda _s: ops.RequestExtension(
                op_id=new_id(), extension_id=new_id(), line_id=line_id, requested_deadline=new.isoformat(),
                reason=reason, on_date=today.isoformat(),
            ),
            lambda _op, _result: new,
        )

    def _show_errors(self, errors: list[tuple[str, str]]) -> None:
        """Every error at once: the banner lists them, each field is outlined."""
        self.show_error("\n".join(text for text, _ in errors), errors[0][1])
        for _text, name in errors[1:]:
            self.field_widgets[name].setStyleSheet("border: 2px solid #c62828;")


class DecideExtensionDialog(FormDialog):
    """The directing leader approves (the asked date or another) or refuses (a reason required)."""

    def __init__(
        self,
        worker: DbWorker,
        actor_id: str,
        line: LineView,
        extension: ExtensionView,
        approve: bool,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        title = self.tr("Approve the extension") if approve else self.tr("Refuse the extension")
        super().__init__(worker, title, parent)
        self.actor_id, self.line, self.extension, self.approve, self.today = actor_id, line, extension, approve, today
        current = labels.format_date(line.deadline) if line.deadline else self.tr("none")
        self.form.addRow(self.tr("Assignment"), QLabel(f"{labels.line_role_label(line.role)} — {line.assignee}"))
        self.form.addRow(self.tr("Asked by"), QLabel(extension.requested_by_name))
        self.form.addRow(self.tr("Current deadline"), QLabel(current))
        self.form.addRow(self.tr("Asked until"), QLabel(labels.format_date(extension.requested_deadline)))
        asked_reason = QLabel(extension.reason)
        asked_reason.setWordWrap(True)
        asked_reason.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.form.addRow(self.tr("Reason given"), asked_reason)
        self.new_date = date_edit(max(extension.requested_deadline, today), self)
        self.new_date.setMinimumDate(to_qdate(today))
        if approve:
            self.form.addRow(self.tr("New deadline"), self.new_date)
        else:
            self.new_date.hide()
        self.note = QPlainTextEdit(self)
        self.note.setTabChangesFocus(True)
        self.note.setMinimumWidth(420)
        self.note.setMaximumHeight(110)
        self.form.addRow(self.tr("Comment") if approve else self.tr("Reason for refusing"), self.note)
        self.field_widgets.update(deadline=self.new_date, note=self.note)
        self.ok_button.setText(self.tr("Approve") if approve else self.tr("Refuse"))

    def submit(self) -> None:
        from eoffice.documents import operations as ops

        self.clear_error()
        note = self.note.toPlainText().strip()
        new = from_qdate(self.new_date.date())
        if self.approve:
            if new < self.today:
                self.show_error(self.tr("The new deadline cannot be in the past."), "deadline")
                return
            if self.line.deadline is not None and new <= self.line.deadline:
                self.show_error(
                    self.tr("The new deadline must be after the current one (%1).").replace(
                        "%1", labels.format_date(self.line.deadline)
                    ),
                    "deadline",
                )
                return
        elif not note:
            self.show_error(self.tr("Write the reason for refusing."), "note")
            return
        extension_id, line_id, approve, today = self.extension.id, self.line.id, self.approve, self.today
        self.run_operation(
            "decide_extension", self.actor_id,
            lambda _s: ops.DecideExtension(
                op_id=new_id(), extension_id=extension_id, line_id=line_id, approve=approve,
                deadline=new.isoformat() if approve else None, note=note, on_date=today.isoformat(),
            ),
            lambda _op, _result: approve,
        )


class ExtensionBar(QWidget):
    """Under the detail pane's lines: ask for, approve or refuse an extension of a line
    (also in the line row's context menu), and where the line's request stands.

    It follows the pane's lines model and selection by itself; the window (the pane's
    top-level widget) gives the worker, the signed-in user and today's date.
    """

    def __init__(self, pane: DetailPane) -> None:
        super().__init__(pane)
        self.pane = pane
        self.dialog: FormDialog | None = None
        self.ask_button = QPushButton(self.tr("Ask for extension…"), self)
        self.approve_button = QPushButton(self.tr("Approve extension…"), self)
        self.refuse_button = QPushButton(self.tr("Refuse"), self)
        self.ask_button.setToolTip(self.tr("Ask the directing leader for a later deadline"))
        self.refuse_button.setToolTip(self.tr("Refuse the extension asked, with a reason"))
        self.ask_button.clicked.connect(self.ask)
        self.approve_button.clicked.connect(lambda: self.decide(True))
        self.refuse_button.clicked.connect(lambda: self.decide(False))
        #: Where the line's latest request stands, in words (the state column may be cut).
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextSelectableByMouse)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.ask_button)
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.refuse_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        pane.lines_view.setContextMenuPolicy(Qt.CustomContextMenu)
        pane.lines_view.customContextMenuRequested.connect(self._context_menu)
        self.menu: QMenu | None = None
        model = pane.lines_model
        for signal in (model.modelReset, model.dataChanged, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
            signal.connect(self.update_buttons)
        pane.lines_view.selectionModel().selectionChanged.connect(self.update_buttons)
        self.update_buttons()

    # -- who, what --------------------------------------------------------------------

    def _host(self) -> Any:
        """The main window: worker, directory (the signed-in user), today; None outside one."""
        host = self.pane.window()
        return host if hasattr(host, "worker") and hasattr(host, "directory") else None

    def _today(self) -> date:
        host = self._host()
        return getattr(host, "today", None) or date.today()

    def _me(self) -> Any:
        host = self._host()
        return host.directory.user if host is not None else None

    def _holds(self, line: LineView, me: Any) -> bool:
        if line.user_id is not None:
            return bool(line.user_id == me.id)
        return line.unit_id is not None and line.unit_id == me.unit_id

    def line(self) -> LineView | None:
        """The selected line; else the first open line the user holds or decides on."""
        lines = self.pane.lines_model.lines
        rows = self.pane.lines_view.selectionModel().selectedRows()
        if rows and 0 <= rows[0].row() < len(lines):
            return lines[rows[0].row()]
        me = self._me()
        if me is None:
            return None
        for line in lines:
            if line.state in OPEN_STATES and (self._holds(line, me) or self._may_decide(line, me)):
                return line
        return None

    def _may_ask(self, line: LineView, me: Any) -> bool:
        pending = line.extension is not None and line.extension.state == "requested"
        return line.state in OPEN_STATES and self._holds(line, me) and not pending

    def _may_decide(self, line: LineView, me: Any) -> bool:
        e = line.extension
        return line.state in OPEN_STATES and e is not None and e.state == "requested" and e.leader_id == me.id

    def update_buttons(self, *_args: Any) -> None:
        me, line = self._me(), self.line()
        ask = me is not None and line is not None and self._may_ask(line, me)
        decide = me is not None and line is not None and self._may_decide(line, me)
        # Asking is offered to those who hold a line of this document (greyed on another line).
        holder = me is not None and any(
            ln.state in OPEN_STATES and self._holds(ln, me) for ln in self.pane.lines_model.lines
        )
        self.ask_button.setEnabled(ask)
        self.approve_button.setEnabled(decide)
        self.refuse_button.setEnabled(decide)
        self.ask_button.setVisible(holder and not decide)
        self.approve_button.setVisible(decide)
        self.refuse_button.setVisible(decide)
        self.status.setText(self._status_text(line))
        self.status.setVisible(bool(self.status.text()))
        self.setVisible(holder or decide or bool(self.status.text()))

    def _status_text(self, line: LineView | None) -> str:
        e = line.extension if line is not None else None
        if line is None or e is None or not extension_text(line):
            return ""
        when = labels.format_date(e.requested_deadline)
        if e.state == "requested":
            text = self.tr("%1 asks for an extension until %2: %3")
        elif e.state == "approved":
            text = self.tr("Extended until %4 (asked until %2).")
        else:
            text = self.tr("The extension until %2 was refused: %5")
        return (
            text.replace("%1", e.requested_by_name).replace("%2", when).replace("%3", e.reason)
            .replace("%4", labels.format_date(e.decided_deadline)).replace("%5", e.decision_note)
        )

    def _context_menu(self, pos: QPoint) -> None:
        """Right click on a line: select it and offer what the bar offers for it."""
        view = self.pane.lines_view
        index = view.indexAt(pos)
        if not index.isValid():
            return
        view.selectRow(index.row())
        self.update_buttons()
        self.menu = QMenu(view)
        for button, slot in (
            (self.ask_button, self.ask),
            (self.approve_button, lambda: self.decide(True)),
            (self.refuse_button, lambda: self.decide(False)),
        ):
            if button.isEnabled():
                action = QAction(button.text(), self.menu)
                action.triggered.connect(slot)
                self.menu.addAction(action)
        if not self.menu.isEmpty():
            self.menu.popup(view.viewport().mapToGlobal(pos))

    # -- actions ----------------------------------------------------------------------

    def _open(self, dialog: FormDialog) -> None:
        self.dialog = dialog
        dialog.open()

    def ask(self) -> None:
        host, line = self._host(), self.line()
        if host is None or line is None or not self._may_ask(line, self._me()):
            return
        self._open(RequestExtensionDialog(host.worker, str(host.user_id), line, self._today(), host))

    def decide(self, approve: bool) -> None:
        host, line = self._host(), self.line()
        if host is None or line is None or line.extension is None or not self._may_decide(line, self._me()):
            return
        self._open(
            DecideExtensionDialog(host.worker, str(host.user_id), line, line.extension, approve, self._today(), host)
        )
