"""The admin's screens for signing: trusted CA roots, and this machine's PKCS#11 modules."""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from eoffice.errors import DomainError, ValidationError
from eoffice.signing.operations import AddTrustedRoot, RemoveTrustedRoot
from eoffice.signing.settings import SigningSettings, check_module_path, load_settings, save_settings
from eoffice.signing.tokens import list_tokens
from eoffice.signing.trust import TrustedRootInfo, list_trusted_roots
from eoffice.store.base import new_id
from eoffice.ui.i18n import current_language
from eoffice.ui.rows import QT_TRANSLATE_NOOP, Column, RowsModel
from eoffice.ui.tasks import TaskRunner
from eoffice.ui.tasks import DbWorker


class TrustedRootModel(RowsModel[TrustedRootInfo]):
    key = attrgetter("id")
    columns = (
        Column(QT_TRANSLATE_NOOP("TrustedRootModel", "Root certificate"), attrgetter("subject")),
        Column(QT_TRANSLATE_NOOP("TrustedRootModel", "Valid until"), lambda root: root.not_after.strftime("%d/%m/%Y")),
        Column(
            QT_TRANSLATE_NOOP("TrustedRootModel", "SHA-256 fingerprint"),
            lambda root: root.fingerprint_sha256[:32] + "…",
        ),
    )

    def row_data(self, root: TrustedRootInfo, role: int) -> Any:
        return root.fingerprint_sha256 if role == Qt.ToolTipRole else None


class TrustedRootsWidget(QWidget):
    """List, add (PEM file) and remove trusted roots, as the admin's operations on the desk.

    On a synced desktop the server applies them and every computer receives the list.
    """

    changed = Signal()

    def __init__(self, worker: DbWorker, actor_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.actor_id = actor_id
        self.model = TrustedRootModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectRows)
        self.view.setSelectionMode(QTableView.SingleSelection)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.add_button = QPushButton(self.tr("Add root certificate…"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Signatures are trusted when their chain ends at one of these roots."), self))
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        #: Replaced in tests, where no file dialog or question box can be clicked.
        self.ask_file: Callable[[], str] = lambda: QFileDialog.getOpenFileName(
            self, self.tr("Root certificate"), "", self.tr("Certificates (*.pem *.crt *.cer)")
        )[0]
        self.confirm: Callable[[str], bool] = lambda subject: QMessageBox.question(
            self, self.tr("Remove root certificate"), self.tr("Stop trusting “%1”?").replace("%1", subject)
        ) == QMessageBox.Yes
        self.refresh()

    def refresh(self) -> None:
        self.worker.read("trusted roots", list_trusted_roots, self.model.set_rows)

    def _error(self, err: BaseException) -> bool:
        if isinstance(err, DomainError):
            self.message.setText(err.message(current_language()))
            return True
        return False

    def _done(self, text: str) -> Callable[[Any], None]:
        def after(_result: Any) -> None:
            self.message.setText(text)
            self.refresh()
            self.changed.emit()

        return after

    def _add(self) -> None:
        path = self.ask_file()
        if not path:
            return
        try:
            pem = Path(path).read_bytes()
        except OSError as err:
            self._error(ValidationError(f"Không đọc được tệp {path}.", f"Cannot read {path}: {err.strerror}."))
            return
        try:
            text = pem.decode("ascii")
        except UnicodeDecodeError:
            text = ""
        self.worker.submit(
            "add_trusted_root", self.actor_id, lambda _s: AddTrustedRoot(new_id(), text),
            self._done(self.tr("The root certificate is trusted.")), self._error,
        )

    def _remove(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            return
        row = self.model.rows[index.row()]
        if not self.confirm(row.subject):
            return
        self.worker.submit(
            "remove_trusted_root", self.actor_id, lambda _s: RemoveTrustedRoot(new_id(), row.id),
            self._done(self.tr("The root certificate is no longer trusted.")), self._error,
        )


class Pkcs11ModulesWidget(QWidget):
    """This machine's PKCS#11 module paths and timestamp server, kept in the settings file."""

    saved = Signal(object)

    def __init__(
        self, settings_file: Path | None = None, runner: TaskRunner | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.settings_file = settings_file
        self.runner = runner or TaskRunner(self)
        self.settings = load_settings(settings_file)
        self.modules = QListWidget(self)
        self.add_button = QPushButton(self.tr("Add module…"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.test_button = QPushButton(self.tr("Find e-cards"), self)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.timestamp = QLineEdit(self.settings.timestamp_url, self)
        self.timestamp.setPlaceholderText("http://…")
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.test_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Timestamp server (RFC 3161)"), self.timestamp)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("PKCS#11 modules of the e-card and USB token drivers on this computer"), self))
        layout.addWidget(self.modules)
        layout.addLayout(buttons)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.save_button)
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.test_button.clicked.connect(self.find_tokens)
        self.save_button.clicked.connect(self.save)
        self.ask_file: Callable[[], str] = lambda: QFileDialog.getOpenFileName(
            self, self.tr("PKCS#11 module"), "", self.tr("Libraries (*.so *.so.* *.dll *.dylib)")
        )[0]
        self._fill(self.settings.pkcs11_modules)

    def _fill(self, paths: tuple[str, ...]) -> None:
        self.modules.clear()
        for path in paths:
            present = Path(path).is_file()
            item = QListWidgetItem(path if present else self.tr("%1 (not installed)").replace("%1", path))
            item.setData(Qt.UserRole, path)
            self.modules.addItem(item)

    def module_paths(self) -> tuple[str, ...]:
        return tuple(self.modules.item(i).data(Qt.UserRole) for i in range(self.modules.count()))

    def _add(self) -> None:
        path = self.ask_file()
        if not path:
            return
        try:
            path = check_module_path(path)
        except DomainError as err:
            self.message.setText(err.message(current_language()))
            return
        if path not in self.module_paths():
            self._fill((*self.module_paths(), path))

    def _remove(self) -> None:
        row = self.modules.currentRow()
        if row >= 0:
            self.modules.takeItem(row)

    def find_tokens(self) -> None:
        paths = [p for p in self.module_paths() if Path(p).is_file()]
        self.message.setText(self.tr("Looking for e-cards…"))
        self.runner.run("list tokens", lambda: list_tokens(paths), self._found, self._not_found)

    def _not_found(self, err: BaseException) -> bool:
        self.message.setText(str(err))
        return True

    def _found(self, tokens: list[Any]) -> None:
        if not tokens:
            self.message.setText(self.tr("No e-card found in these modules."))
            return
        names = ", ".join(f"“{t.label}” ({len(t.signing_certificates)})" for t in tokens)
        self.message.setText(self.tr("E-cards found: %1").replace("%1", names))

    def save(self) -> None:
        settings = SigningSettings(self.module_paths(), self.timestamp.text().strip(), self.settings.fetch_revocation)
        try:
            save_settings(settings, self.settings_file)
        except DomainError as err:
            self.message.setText(err.message(current_language()))
            return
        self.settings = settings
        self.message.setText(self.tr("Saved."))
        self.saved.emit(settings)


class AdminDialog(QDialog):
    """The admin's signing screens: the province's trusted roots, this computer's e-card drivers."""

    def __init__(
        self, worker: DbWorker, actor_id: str, settings_file: Path | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Administration: digital signatures"))
        self.resize(760, 480)
        self.roots = TrustedRootsWidget(worker, actor_id, self)
        self.modules = Pkcs11ModulesWidget(settings_file, parent=self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.roots, self.tr("Trusted root certificates"))
        self.tabs.addTab(self.modules, self.tr("E-card drivers (PKCS#11)"))
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.button(QDialogButtonBox.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
