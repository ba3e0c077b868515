"""The user's signing profile: their signature image, and (a clerk's) their organisation's seal.

Each image is a transparent PNG put in the blob store; the choice is an operation on the
desk (``set_signature_image`` / ``set_seal_image``), so it works offline and, once the
server has it, follows the user to every computer they sign in on.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from eoffice import ops
from eoffice.directory.models import Organisation, Role, User
from eoffice.errors import DomainError
from eoffice.signing.images import check_png
from eoffice.signing.operations import SetSealImage, SetSignatureImage
from eoffice.store.base import new_id
from eoffice.store.blobs import BlobStore
from eoffice.ui.directory import OrgDirectory
from eoffice.ui.i18n import current_language
from eoffice.ui.tasks import DbWorker

PREVIEW = (240, 110)


class ImageBox(QGroupBox):
    """One image with "Choose…" and "Remove"."""

    choose_clicked = Signal()
    remove_clicked = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.preview = QLabel(self)
        self.preview.setAlignment(Qt.AlignCenter)
        self.preview.setMinimumSize(*PREVIEW)
        self.preview.setStyleSheet("background: white; border: 1px solid #ccc;")
        self.choose_button = QPushButton(self.tr("Choose image…"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        buttons = QVBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addLayout(buttons)
        self.choose_button.clicked.connect(self.choose_clicked)
        self.remove_button.clicked.connect(self.remove_clicked)
        self.show_image(None)

    def show_image(self, path: Path | None) -> None:
        pixmap = QPixmap(str(path)) if path is not None and path.is_file() else QPixmap()
        if pixmap.isNull():
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.tr("No image"))
        else:
            self.preview.setPixmap(pixmap.scaled(*PREVIEW, Qt.KeepAspectRatio, Qt.SmoothTransformation))
        self.remove_button.setEnabled(not pixmap.isNull())

    @property
    def has_image(self) -> bool:
        return self.preview.pixmap() is not None and not self.preview.pixmap().isNull()


class ProfileDialog(QDialog):
    """Signature image (everyone) and seal image (clerks), each saved as it is chosen."""

    #: An image was saved (tests wait on it).
    saved = Signal(str)

    def __init__(
        self, worker: DbWorker, blobs: BlobStore, directory: OrgDirectory, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Signature and seal images"))
        self.worker = worker
        self.blobs = blobs
        self.user_id = directory.user.id
        self.organisation_id = directory.organisation_id
        self.clerk = directory.has_role(Role.CLERK)
        self.digests: dict[str, str | None] = {"signature": None, "seal": None}
        self.signature = ImageBox(self.tr("My signature image (blue, transparent background)"), self)
        self.seal = ImageBox(self.tr("Seal image of %1 (red, transparent, real size at its dpi)").replace(
            "%1", directory.organisation_name), self)
        self.seal.setVisible(self.clerk)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setObjectName("profileMessage")
        hint = QLabel(self.tr("The images appear on the documents you sign. They are kept with your account "
                              "and follow you to every computer you sign in on."), self)
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.button(QDialogButtonBox.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.signature)
        layout.addWidget(self.seal)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.signature.choose_clicked.connect(lambda: self._choose("signature"))
        self.signature.remove_clicked.connect(lambda: self._save("signature", None))
        self.seal.choose_clicked.connect(lambda: self._choose("seal"))
        self.seal.remove_clicked.connect(lambda: self._save("seal", None))
        #: Asks for a PNG; replaced in tests, where no file dialog can be clicked.
        self.ask_file: Callable[[], str] = lambda: QFileDialog.getOpenFileName(
            self, self.tr("Choose image"), "", self.tr("PNG images (*.png)")
        )[0]
        self.refresh()

    def refresh(self) -> None:
        user_id, org_id = self.user_id, self.organisation_id

        def read(session: Any) -> tuple[str | None, str | None]:
            user, org = session.get(User, user_id), session.get(Organisation, org_id)
            return (user.signature_digest if user else None, org.seal_digest if org else None)

        self.worker.read("signing profile", read, self._show)

    def _show(self, digests: tuple[str | None, str | None]) -> None:
        self.digests = {"signature": digests[0], "seal": digests[1]}
        for which, box in (("signature", self.signature), ("seal", self.seal)):
            digest = self.digests[which]
            box.show_image(self.blobs.path_for(digest) if digest else None)

    def _choose(self, which: str) -> None:
        path = self.ask_file()
        if path:
            self._save(which, Path(path))

    def _save(self, which: str, path: Path | None) -> None:
        blobs, worker, user_id, previous = self.blobs, self.worker, self.user_id, self.digests[which]
        org_id = self.organisation_id

        def save() -> str:
            ref = None
            if path is not None:
                check_png(path.read_bytes())  # a clear message here, before the server says it
                digest, size = blobs.put_file(path)
                ref = ops.FileRef(digest, path.name, size, 0)
            if which == "signature":
                op: ops.Operation = SetSignatureImage(new_id(), ref, previous)
            else:
                op = SetSealImage(new_id(), org_id, ref, previous)
            worker.apply_operation(user_id, lambda _session: op)
            return which

        self.message.clear()
        worker.call("set_image", save, self._saved, self._error)

    def _saved(self, which: str) -> None:
        self.message.setText(self.tr("Saved."))
        self.refresh()
        self.saved.emit(which)

    def _error(self, err: BaseException) -> bool:
        if isinstance(err, DomainError):
            self.message.setText(err.message(current_language()))
            return True
        return False
