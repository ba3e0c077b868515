"""The synced desktop's life: sign in, first sync, the main window, switching users.

``Desktop`` opens an ``Account`` for a user on a server and shows its window once the
user's records are on this computer. With a stored sign-in (a refresh token in the
keyring) and a local database it opens at once, online or not; otherwise it asks for the
password. In the demo, the switcher's choice opens that user's own account, signed in
with the demo password, and closes the previous one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from eoffice.errors import DomainError
from eoffice.sync.account import Account, Profile
from eoffice.sync.client import Offline
from eoffice.ui.tasks import TaskRunner
from eoffice.ui.i18n import current_language
from eoffice.ui.main_window import MainWindow

log = logging.getLogger(__name__)

ProfileFor = Callable[[str, str], Profile]


class Desktop(QObject):
    """The application's controller in synced mode (one window, one account at a time)."""

    #: A window is on screen for this account (tests wait on it).
    window_shown = Signal(object)
    #: Nothing is open and nothing will be: the app should end (exit code).
    finished = Signal(int)

    def __init__(
        self,
        *,
        server_url: str = "",
        username: str = "",
        password: str | None = None,
        profile_for: ProfileFor | None = None,
        demo_people: list[tuple[str, str, str]] | None = None,
        verify: bool | str | Path = True,
        today: Any = None,
        locate: Callable[[], str | None] | None = None,
        hosts_server: bool = False,
    ) -> None:
        super().__init__()
        self.locate = locate
        #: This app runs the demo server the other apps use: closing its window stops it.
        self.hosts_server = hosts_server
        self.server_url = server_url
        self.username = username
        self.demo_password = password
        self.profile_for: ProfileFor = profile_for or (lambda url, name: Profile.of(url, name))
        self.demo_people = demo_people or []
        self.verify = verify
        self.today = today
        self.account: Account | None = None
        self.window: MainWindow | None = None
        self.dialog: Any = None
        self._background = TaskRunner(self, threads=2)
        self._closing: list[tuple[MainWindow, Account]] = []
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setQuitOnLastWindowClosed(False)

    # ------------------------------------------------------------------ starting

    def start(self) -> None:
        settings = QSettings()
        self.server_url = self.server_url or str(settings.value("sync/server_url", "") or "")
        self.username = self.username or str(settings.value("sync/username", "") or "")
        if self.server_url and self.username:
            self.open(self.username, self.demo_password)
        else:
            self.ask_password()

    def _account(self, username: str) -> Account:
        return Account(self.profile_for(self.server_url, username), verify=self.verify, locate=self.locate)

    def open(self, username: str, password: str | None = None) -> None:
        """Open ``username``'s account: signing in first when a password is given."""
        account = self._account(username)
        if password is None:
            if account.has_user_row():
                self._show(account)  # offline or not: the sign-in is renewed in the background
            else:
                account.close()
                self.ask_password(username)
            return

        def failed(error: BaseException) -> bool:
            if isinstance(error, Offline) and account.has_user_row():
                self._show(account)  # the server is away: work offline, sync later
                return True
            account.close()
            self._fatal(error)
            return True

        self._background.run("sign_in", lambda: account.sign_in(password), lambda _u: self._ready(account), failed)

    def ask_password(self, username: str = "") -> None:
        """The sign-in dialog, for a new user on this computer (or one signed out)."""
        from eoffice.ui.sync.login_dialog import LoginDialog

        def sign_in(server_url: str, name: str, password: str) -> Account:
            account = Account(self.profile_for(server_url, name), verify=self.verify)
            try:
                account.sign_in(password)
            except BaseException:
                account.close()
                raise
            return account

        dialog = LoginDialog(sign_in, server_url=self.server_url, username=username or self.username)
        dialog.signed_in.connect(self._signed_in)
        dialog.rejected.connect(lambda: self.finished.emit(0) if self.window is None else None)
        self.dialog = dialog
        dialog.open()

    def _signed_in(self, account: Account) -> None:
        self.server_url, self.username = account.profile.server_url, account.profile.username
        settings = QSettings()
        settings.setValue("sync/server_url", self.server_url)
        settings.setValue("sync/username", self.username)
        self._ready(account)

    def _ready(self, account: Account) -> None:
        """Signed in: open the window, after the first sync when this computer is new."""
        if account.has_user_row():
            self._show(account)
            return
        from eoffice.ui.sync.first_sync import FirstSyncDialog

        dialog = FirstSyncDialog(account, self.window)

        def failed(error: BaseException) -> None:
            account.close()
            self._fatal(error)

        def cancelled() -> None:
            account.close()
            if self.window is None:
                self.finished.emit(1)

        dialog.ready.connect(lambda: self._show(account))
        dialog.failed.connect(failed)
        dialog.rejected.connect(cancelled)
        self.dialog = dialog
        dialog.open()
        dialog.start()

    def _show(self, account: Account) -> None:
        user_id = account.user_id
        assert user_id is not None
        previous = (self.window, self.account)
        # The username beside each person: it is what ``eoffice demo --user`` takes.
        demo = [(uid, f"{caption} · {name}") for uid, name, caption in self.demo_people] or None
        window = MainWindow(account.store, account.blobs, user_id, demo, today=self.today, account=account)
        if self.hosts_server:
            window.close_warning = QApplication.translate(
                "Desktop",
                "This window runs the demo server. When it closes, the server stops and the other eOffice "
                "windows open on this computer go offline until the demo is started again.",
            )
        window.switch_requested.connect(self.switch)
        window.sign_in_requested.connect(self.renew_sign_in)
        window.closed.connect(lambda w=window: self._window_closed(w))
        self.window, self.account = window, account
        account.start()
        window.show()
        if previous[0] is not None and previous[1] is not None:
            self._closing.append((previous[0], previous[1]))
            previous[0].close_now()  # the user agreed to the switch; this window's place is taken
        self.window_shown.emit(window)

    # ------------------------------------------------------------------ while running

    def switch(self, user_id: str) -> None:
        """Open another demo user's account (their own database), then close this one."""
        names = {uid: name for uid, name, _caption in self.demo_people}
        if user_id in names:
            self.open(names[user_id], self.demo_password)

    def renew_sign_in(self) -> None:
        """The server wants the password again (refresh token expired or revoked)."""
        account = self.account
        if account is None:
            return
        if self.demo_password is not None:
            self._background.run(
                "sign_in", lambda: account.sign_in(self.demo_password or ""), lambda _u: account.start()
            )
            return
        from eoffice.ui.sync.login_dialog import LoginDialog

        def sign_in(_url: str, _name: str, password: str) -> Account:
            account.sign_in(password)
            return account

        dialog = LoginDialog(
            sign_in, server_url=account.profile.server_url, username=account.profile.username,
            fixed_account=True, parent=self.window,
            message=QApplication.translate("Desktop", "The server asks you to sign in again."),
        )
        def signed_in(_account: Account) -> None:
            account.start()
            if self.window is not None:
                self.window.sync_area.refresh()

        dialog.signed_in.connect(signed_in)
        self.dialog = dialog
        dialog.open()

    def _window_closed(self, window: MainWindow) -> None:
        closing = next(((w, a) for w, a in self._closing if w is window), None)
        if closing is not None:
            self._closing.remove(closing)
            account = closing[1]
            self._background.run("close_account", account.close)
            return
        if window is self.window and self.account is not None:
            account = self.account
            self.window = self.account = None
            account.close()  # stops sync: what is queued stays in the outbox
            self.finished.emit(0)

    def _fatal(self, error: BaseException) -> None:
        """Opening failed and no window is open: say why (then the app ends)."""
        text = error.message(current_language()) if isinstance(error, DomainError) else str(error)
        box = QMessageBox(QMessageBox.Warning, QApplication.translate("Desktop", "Cannot open eOffice"), text)
        box.addButton(QApplication.translate("Desktop", "Close"), QMessageBox.AcceptRole)
        self.dialog = box
        if self.window is None:
            box.finished.connect(lambda _r: self.finished.emit(1))
        box.open()

    def shutdown(self) -> None:
        """Close every account (the app is quitting)."""
        for _window, account in self._closing:
            account.close()
        self._closing.clear()
        if self.account is not None:
            self.account.close()
            self.account = None
        self._background.shutdown()
