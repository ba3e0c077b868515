"""What the document dialogs share: an error banner, field highlighting, busy state."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from eoffice.errors import DomainError
from eoffice.ops import AppliedResult, Operation
from eoffice.ui.i18n import current_language
from eoffice.ui.tasks import DbWorker

ERROR_STYLE = "border: 2px solid #c62828;"


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def date_edit(value: date | None = None, parent: QWidget | None = None) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setDate(to_qdate(value or date.today()))
    return edit


class OptionalDate(QWidget):
    """A date that may be left out: a check box in front of a date edit."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(caption, self)
        self.edit = date_edit(parent=self)
        self.edit.setEnabled(False)
        self.check.toggled.connect(self.edit.setEnabled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)

    def value(self) -> date | None:
        return from_qdate(self.edit.date()) if self.check.isChecked() else None

    def set_value(self, value: date | None) -> None:
        self.check.setChecked(value is not None)
        if value is not None:
            self.edit.setDate(to_qdate(value))


class FormDialog(QDialog):
    """A dialog whose OK runs one operation on the worker and stays open on a domain error.

    The error is shown in Vietnamese (or the UI's language) above the form and the field
    it names is outlined; nothing was saved, so the user corrects it and presses OK again.
    """

    succeeded = Signal(object)

    def __init__(self, worker: DbWorker, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.setWindowTitle(title)
        self.setAttribute(Qt.WA_DeleteOnClose, False)
        self.field_widgets: dict[str, QWidget] = {}
        self.result_value: Any = None
        self.error_text = ""
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setObjectName("errorBanner")
        self.banner.setStyleSheet(
            "QLabel#errorBanner { background: #fdecea; color: #8e0000; padding: 6px; border-radius: 3px; }"
        )
        self.banner.hide()
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.ok_button = self.buttons.button(QDialogButtonBox.Ok)
        self.ok_button.setText(self.tr("OK"))
        self.buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Cancel"))
        self.busy_label = QLabel(self)
        bottom = QHBoxLayout()
        bottom.addWidget(self.busy_label, 1)
        bottom.addWidget(self.buttons)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.banner)
        self.layout_.addLayout(self.form)
        self.layout_.addLayout(bottom)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.submit_if_ready)

    def submit_if_ready(self) -> None:
        """Ctrl+Enter from anywhere in the dialog (also inside a multi-line text)."""
        if not self.busy:
            self.submit()

    # -- subclasses -------------------------------------------------------------------

    def submit(self) -> None:
        """Validate locally, then ``self.run(...)`` the operation."""
        raise NotImplementedError

    # -- running ----------------------------------------------------------------------

    def run_write(self, label: str, fn: Callable[[Session], Any]) -> None:
        """Run ``fn(session)`` in one write transaction."""
        self._start()
        self.worker.write(label, fn, self._done, self._failed)

    def run_call(self, label: str, fn: Callable[[], Any]) -> None:
        """Run ``fn()`` on the writer thread (it opens its own transaction after slow work)."""
        self._start()
        self.worker.call(label, fn, self._done, self._failed)

    def run_operation(
        self,
        label: str,
        actor_id: str,
        build: Callable[[Session], Operation],
        outcome: Callable[[Operation, AppliedResult], Any],
    ) -> None:
        """Submit the user's action as one operation; ``outcome(op, result)`` is the dialog's result."""
        self._start()
        self.worker.submit(label, actor_id, build, lambda done: self._done(outcome(*done)), self._failed)

    @property
    def busy(self) -> bool:
        return not self.buttons.isEnabled()

    def _start(self) -> None:
        self.clear_error()
        self.buttons.setEnabled(False)
        self.busy_label.setText(self.tr("Working…"))

    def _idle(self) -> None:
        self.buttons.setEnabled(True)
        self.busy_label.clear()

    def reject(self) -> None:
        """Cancel (or Esc) waits while the operation runs: its outcome must be shown here."""
        if not self.busy:
            super().reject()

    def _done(self, result: Any) -> None:
        self._idle()
        self.result_value = result
        self.succeeded.emit(result)
        self.accept()

    def _failed(self, err: BaseException) -> bool:
        self._idle()
        if isinstance(err, DomainError):
            return self.handle_domain_error(err)
        return False

    def handle_domain_error(self, err: DomainError) -> bool:
        self.show_error(err.message(current_language()), err.field)
        return True

    # -- errors -----------------------------------------------------------------------

    def show_error(self, text: str, field_name: str | None = None) -> None:
        self.error_text = text
        self.banner.setText(text)
        self.banner.show()
        widget = self.field_widgets.get(field_name or "")
        if widget is not None:
            widget.setStyleSheet(ERROR_STYLE)
            widget.setFocus()

    def show_errors(self, problems: list[tuple[str | None, str]], *, focus: bool = True) -> None:
        """Every problem at once: the messages listed above the form, each field outlined;
        with ``focus`` the first outlined field takes the focus."""
        if not problems:
            self.clear_error()
            return
        self.error_text = "\n".join(text for _field, text in problems)
        self.banner.setText(
            problems[0][1] if len(problems) == 1 else "\n".join(f"• {text}" for _field, text in problems)
        )
        self.banner.show()
        wrong = [self.field_widgets[name] for name, _text in problems if name in self.field_widgets]
        for widget in set(self.field_widgets.values()):
            widget.setStyleSheet(ERROR_STYLE if widget in wrong else "")
        if focus and wrong:
            wrong[0].setFocus()

    def clear_error(self) -> None:
        self.error_text = ""
        self.banner.hide()
        for widget in self.field_widgets.values():
            widget.setStyleSheet("")


class TextDialog(FormDialog):
    """One text (a reason, a comment, a result note) and the operation made with it.

    ``build(text)`` makes the operation; the dialog's result is ``document_id``.
    """

    def __init__(
        self,
        worker: DbWorker,
        title: str,
        caption: str,
        build: Callable[[str], Operation],
        *,
        actor_id: str,
        document_id: str,
        required: bool,
        label: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(worker, title, parent)
        self.build = build
        self.actor_id = actor_id
        self.document_id = document_id
        self.required = required
        self.label = label
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        self.text.setMinimumWidth(420)
        self.text.setMaximumHeight(120)
        self.form.addRow(caption, self.text)
        self.field_widgets["text"] = self.text
        for name in ("reason", "comment", "result_note"):
            self.field_widgets[name] = self.text

    def submit(self) -> None:
        text = self.text.toPlainText().strip()
        if self.required and not text:
            self.show_error(self.tr("This text is required."), "text")
            return
        build, document_id = self.build, self.document_id
        self.run_operation(self.label, self.actor_id, lambda _session: build(text), lambda _op, _result: document_id)
