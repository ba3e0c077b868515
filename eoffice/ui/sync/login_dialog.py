"""Sign-in: the server's address, the username and the password (never stored).

The password is checked by the server on a background thread; the dialog stays open with
the server's reason (wrong password, locked account, unreachable server, another protocol
version) until it succeeds or the user gives up. On success only the refresh token is
kept, in the system keyring, by ``Account.sign_in``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from eoffice.errors import DomainError
from eoffice.ui.tasks import TaskRunner
from eoffice.ui.i18n import current_language

#: ``sign_in(server_url, username, password)`` runs on a pool thread and returns anything
#: (the opened account); a DomainError is shown in the dialog.
SignIn = Callable[[str, str, str], Any]


class LoginDialog(QDialog):
    """Ask for the server, username and password; ``signed_in(result)`` on success."""

    signed_in = Signal(object)

    def __init__(
        self,
        sign_in: SignIn,
        *,
        server_url: str = "",
        username: str = "",
        fixed_account: bool = False,
        message: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in to eOffice"))
        self.setMinimumWidth(460)
        self._sign_in = sign_in
        self._background = TaskRunner(self, threads=2)
        self.result_value: Any = None
        self.error_text = ""
        heading = QLabel(message or self.tr("Sign in with the account your administrator gave you."), self)
        heading.setWordWrap(True)
        self.banner = QLabel(self)
        self.banner.setObjectName("errorBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "QLabel#errorBanner { background: #fdecea; color: #8e0000; padding: 6px; border-radius: 3px; }"
        )
        self.banner.hide()
        self.server = QLineEdit(server_url, self)
        self.server.setPlaceholderText("https://eoffice.example.gov.vn")
        self.username = QLineEdit(username, self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.Password)
        for edit in (self.server, self.username):
            edit.setReadOnly(fixed_account)
        form = QFormLayout()
        form.addRow(self.tr("Server"), self.server)
        form.addRow(self.tr("Username"), self.username)
        form.addRow(self.tr("Password"), self.password)
        self.busy = QLabel(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.ok_button = self.buttons.button(QDialogButtonBox.Ok)
        self.ok_button.setText(self.tr("Sign in"))
        self.buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)
        (self.password if server_url and username else self.server).setFocus(Qt.OtherFocusReason)

    @property
    def working(self) -> bool:
        return not self.buttons.isEnabled()

    def show_error(self, text: str) -> None:
        self.error_text = text
        self.banner.setText(text)
        self.banner.show()

    def submit(self) -> None:
        server, username, password = self.server.text().strip(), self.username.text().strip(), self.password.text()
        if not server or not username or not password:
            self.show_error(self.tr("Fill in the server, the username and the password."))
            return
        if not server.startswith(("http://", "https://")):
            server = "https://" + server
            self.server.setText(server)
        self.banner.hide()
        self.buttons.setEnabled(False)
        self.busy.setText(self.tr("Signing in…"))
        sign_in = self._sign_in
        self._background.run("sign_in", lambda: sign_in(server, username, password), self._done, self._failed)

    def _done(self, result: Any) -> None:
        self.password.clear()
        self.buttons.setEnabled(True)
        self.busy.clear()
        self.result_value = result
        self.signed_in.emit(result)
        self.accept()

    def _failed(self, error: BaseException) -> bool:
        self.password.clear()
        self.buttons.setEnabled(True)
        self.busy.clear()
        if isinstance(error, DomainError):
            self.show_error(error.message(current_language()))
        else:
            self.show_error(self.tr("Something went wrong inside eOffice: %1").replace("%1", str(error)))
        self.password.setFocus(Qt.OtherFocusReason)
        return True

    def reject(self) -> None:
        if not self.working:
            super().reject()
