"""Choosing the key to sign with: certificates on the plugged-in tokens, or a PKCS#12 file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QListView, QPushButton, QVBoxLayout, QWidget

from eoffice.signing.keys import KeyChoice, pkcs12_choice, token_choices
from eoffice.signing.tokens import common_name, list_tokens
from eoffice.ui.i18n import current_language
from eoffice.ui.rows import Column, RowsModel
from eoffice.ui.tasks import TaskRunner

Index = QModelIndex | QPersistentModelIndex


def _key_text(choice: KeyChoice) -> str:
    """The holder and validity, as a clerk knows their certificate; never a file name."""
    until = choice.not_after.strftime("%d/%m/%Y") if choice.not_after else ""
    if choice.kind == "pkcs12":
        certificate = choice.certificate
        name = common_name(certificate) if certificate is not None else choice.name
        if until:
            text = QCoreApplication.translate("KeyListModel", "%1 — certificate on this computer, valid until %2")
            text = text.replace("%1", name).replace("%2", until)
        else:
            text = QCoreApplication.translate("KeyListModel", "%1 — certificate on this computer").replace("%1", name)
        return text + (QCoreApplication.translate("KeyListModel", " (expired)") if choice.expired else "")
    text = QCoreApplication.translate("KeyListModel", "%1 — e-card “%2”, valid until %3").replace("%1", choice.name)
    text = text.replace("%2", choice.token_label).replace("%3", until)
    return text + (QCoreApplication.translate("KeyListModel", " (expired)") if choice.expired else "")


class KeyListModel(RowsModel[KeyChoice]):
    """Token certificates first, then PKCS#12 files, as the user added them."""

    columns = (
        Column(
            "", _key_text, tooltip=lambda choice: choice.issuer or (str(choice.path) if choice.path else ""),
            user=lambda choice: choice,
        ),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.tokens: list[KeyChoice] = []
        self.files: list[KeyChoice] = []

    def flags(self, index: Index) -> Qt.ItemFlag:
        choice = self.row(index) if index.isValid() else None
        if choice is None:
            return Qt.NoItemFlags
        base = Qt.ItemIsSelectable | Qt.ItemIsEnabled
        return base if not choice.expired else Qt.ItemIsSelectable

    def set_tokens(self, choices: list[KeyChoice]) -> None:
        self.tokens = list(choices)
        self.set_rows([*self.tokens, *self.files])

    def add_file(self, path: Path) -> int:
        existing = [i for i, c in enumerate(self.rows) if c.path == Path(path)]
        if existing:
            return existing[0]
        choice = pkcs12_choice(path)
        self.files.append(choice)
        self.append_rows([choice])
        return len(self.rows) - 1


class KeyChooser(QWidget):
    """Lists the keys; ``changed`` fires when the selection changes."""

    changed = Signal()

    def __init__(
        self, module_paths: list[str], runner: TaskRunner, parent: QWidget | None = None,
        pkcs12_files: list[Path] | None = None,
    ) -> None:
        super().__init__(parent)
        self.module_paths = module_paths
        self.runner = runner
        self.model = KeyListModel(self)
        self.view = QListView(self)
        self.view.setModel(self.model)
        self.view.setSelectionMode(QListView.SingleSelection)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.refresh_button = QPushButton(self.tr("Find e-cards"), self)
        self.file_button = QPushButton(self.tr("Certificate file…"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.file_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Key to sign with"), self))
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.refresh_button.clicked.connect(self.refresh)
        self.file_button.clicked.connect(self._choose_file)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.changed.emit())
        #: Asks for a .p12 file; replaced in tests, where no file dialog can be clicked.
        self.ask_file: Callable[[], str] = lambda: QFileDialog.getOpenFileName(
            self, self.tr("Certificate file"), "", self.tr("Certificates (*.p12 *.pfx)")
        )[0]
        for path in pkcs12_files or []:
            self.model.add_file(path)
        if self.model.rowCount():
            self.select(0)

    def refresh(self) -> None:
        """Look for tokens again (off the GUI thread: a slow reader must not freeze the window)."""
        self.refresh_button.setEnabled(False)
        self.status.setText(self.tr("Looking for e-cards…"))
        paths = list(self.module_paths)
        self.runner.run("list tokens", lambda: token_choices(list_tokens(paths)), self._tokens_found, self._failed)

    def _tokens_found(self, choices: list[KeyChoice]) -> None:
        self.refresh_button.setEnabled(True)
        current = self.current()
        self.model.set_tokens(choices)
        if not choices and self.model.files:
            self.status.setText(self.tr("No e-card is plugged in; you can sign with the certificate on this computer."))
        elif not choices:
            self.status.setText(self.tr("No e-card found. Plug it in, or choose a certificate file."))
        else:
            self.status.setText(self.tr("Certificates found on e-cards: %1.").replace("%1", str(len(choices))))
        rows = self.model.rows
        keep = rows.index(current) if current in rows else next((i for i, c in enumerate(rows) if not c.expired), -1)
        if keep >= 0:
            self.select(keep)
        self.changed.emit()

    def _failed(self, err: BaseException) -> bool:
        self.refresh_button.setEnabled(True)
        message = getattr(err, "message", None)
        self.status.setText(message(current_language()) if callable(message) else self.tr("Cannot read the e-cards."))
        # The technical detail (a module's path, the library's words) for an administrator, not in the text.
        self.status.setToolTip(str(getattr(err, "detail", "") or ""))
        return True

    def _choose_file(self) -> None:
        path = self.ask_file()
        if path:
            self.select(self.model.add_file(Path(path)))

    def select(self, row: int) -> None:
        self.view.setCurrentIndex(self.model.index(row, 0))

    def current(self) -> KeyChoice | None:
        index = self.view.currentIndex()
        if not index.isValid() or not self.view.selectionModel().isSelected(index):
            return None
        return self.model.rows[index.row()]
