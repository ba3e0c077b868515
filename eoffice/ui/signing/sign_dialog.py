"""Ký số: preview the page, move or resize the signature's box, choose the key, sign.

The box starts where the decree puts it (found in the document's text, else a default
place); the user may drag it or its bottom-right corner. Finding the box, reading the
token's PIN state and signing all run off the GUI thread.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from cryptography import x509
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPen, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from eoffice.errors import DomainError
from eoffice.signing.appearance import Appearance, plan_box
from eoffice.signing.keys import KeyChoice, open_key
from eoffice.signing.pades import SigningOptions, SignResult, sign_pdf
from eoffice.signing.placement import Box
from eoffice.signing.tokens import PinState, token_pin_state
from eoffice.ui.i18n import current_language
from eoffice.ui.pdf.render import load_pdf, render_page
from eoffice.ui.signing.key_chooser import KeyChooser
from eoffice.ui.signing.pin_dialog import PinDialog
from eoffice.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

HANDLE = 12.0  # px: the corner that resizes
MIN_SIZE = 20.0  # px


class BoxItem(QGraphicsRectItem):
    """The signature's box on the page: drag to move, drag the bottom-right corner to resize."""

    def __init__(self, rect: QRectF, bounds: QRectF, on_change: Callable[[], None]) -> None:
        super().__init__(rect)
        self.bounds = bounds
        self.on_change = on_change
        self.setPen(QPen(QColor(0, 70, 200), 2, Qt.DashLine))
        self.setBrush(QBrush(QColor(0, 90, 255, 40)))
        self.setAcceptHoverEvents(True)
        self._drag: tuple[str, QPointF, QRectF] | None = None
        self.locked = False  # the place a certification left for the seal: shown, not moved
        self.setCursor(Qt.SizeAllCursor)

    def lock(self) -> None:
        self.locked = True
        self.setAcceptHoverEvents(False)
        self.setCursor(Qt.ArrowCursor)

    def _corner(self, pos: QPointF) -> bool:
        r = self.rect()
        return abs(pos.x() - r.right()) <= HANDLE and abs(pos.y() - r.bottom()) <= HANDLE

    def hoverMoveEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.setCursor(Qt.SizeFDiagCursor if self._corner(event.pos()) else Qt.SizeAllCursor)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.locked:
            event.ignore()
            return
        mode = "resize" if self._corner(event.pos()) else "move"
        self._drag = (mode, event.scenePos(), QRectF(self.rect()))
        event.accept()

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._drag is None:
            return
        mode, start, rect = self._drag
        delta = event.scenePos() - start
        if mode == "move":
            moved = rect.translated(delta)
            dx = min(max(moved.left(), self.bounds.left()), self.bounds.right() - moved.width()) - moved.left()
            dy = min(max(moved.top(), self.bounds.top()), self.bounds.bottom() - moved.height()) - moved.top()
            self.setRect(moved.translated(dx, dy))
        else:
            width = min(max(rect.width() + delta.x(), MIN_SIZE), self.bounds.right() - rect.left())
            height = min(max(rect.height() + delta.y(), MIN_SIZE), self.bounds.bottom() - rect.top())
            self.setRect(QRectF(rect.left(), rect.top(), width, height))
        self.on_change()

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self._drag = None
        self.on_change()


def ask_pin(parent: QWidget, choice: KeyChoice, state: PinState) -> tuple[str | None, bool] | None:
    """The PIN dialog; None when cancelled, else (pin, final try confirmed)."""
    dialog = PinDialog.for_choice(choice, state, parent)
    if dialog.exec() != QDialog.Accepted:
        return None
    return dialog.take_pin(), dialog.confirmed_final_try


class SignDialog(QDialog):
    """Sign ``source`` into ``output`` with ``appearance``; ``signed(SignResult)`` on success."""

    signed = Signal(object)

    def __init__(
        self,
        source: Path,
        output: Path,
        appearance: Appearance,
        *,
        module_paths: list[str],
        options: SigningOptions | None = None,
        trust_store: Iterable[x509.Certificate] = (),
        pkcs12_files: list[Path] | None = None,
        runner: TaskRunner | None = None,
        key_check: Callable[[x509.Certificate], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Digital signature"))
        self.source, self.output = Path(source), Path(output)
        self.appearance = appearance
        self.options = options or SigningOptions()
        self.trust_store = list(trust_store)
        #: Raises a DomainError for a certificate that is not the signer's (or not the
        #: organisation's, for a seal): asked before the PIN, and again on the opened key.
        self.key_check = key_check
        self.runner = runner or TaskRunner(self)
        self.result: SignResult | None = None
        self.box: Box | None = None
        self.page_size = (595.0, 842.0)
        self.scale = 1.0
        #: Asks for the PIN; the default opens the PIN dialog.
        self.ask_pin: Callable[[QWidget, KeyChoice, PinState], tuple[str | None, bool] | None] = ask_pin

        self.scene = QGraphicsScene(self)
        self.view = QGraphicsView(self.scene, self)
        self.view.setMinimumSize(420, 560)
        self.page_item: QGraphicsPixmapItem | None = None
        self.box_item: BoxItem | None = None
        self.pdf = QPdfDocument(self)

        self.chooser = KeyChooser(module_paths, self.runner, self, pkcs12_files=pkcs12_files)
        self.reason = QLineEdit(self.options.reason, self)
        self.location = QLineEdit(self.options.location, self)
        self.place = QLabel(self)
        self.place.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setObjectName("signError")
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.sign_button = self.buttons.button(QDialogButtonBox.Ok)
        self.sign_button.setText(self.tr("Sign"))
        self.buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.start_signing)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.tr("Place"), self.location)
        side = QVBoxLayout()
        side.addWidget(self.chooser)
        side.addLayout(form)
        side.addWidget(self.place)
        side.addWidget(self.error)
        side.addStretch(1)
        side.addWidget(self.buttons)
        layout = QHBoxLayout(self)
        layout.addWidget(self.view, 3)
        layout.addLayout(side, 2)
        self.chooser.changed.connect(self._update)
        self.runner.busy_changed.connect(lambda *_: self._update())
        self._update()
        self.runner.run(
            "place the signature", lambda: plan_box(self.source, self.appearance), self._placed, self._failed
        )
        if module_paths:
            self.chooser.refresh()

    # -- the preview --------------------------------------------------------------------------

    def _placed(self, box: Box) -> None:
        load_pdf(self.pdf, self.source)  # the signatures already made show on the page
        size = self.pdf.pagePointSize(box.page)
        self.page_size = (size.width(), size.height()) if size.width() > 0 else self.page_size
        width, height = self.page_size
        self.scale = 560 / height
        image = render_page(self.pdf, box.page, QSize(round(width * self.scale), round(height * self.scale)))
        self.scene.clear()
        self.page_item = self.scene.addPixmap(QPixmap.fromImage(image))
        bounds = QRectF(0, 0, width * self.scale, height * self.scale)
        self.box = box
        self.box_item = BoxItem(self._to_scene(box), bounds, self._box_changed)
        if box.fixed:
            self.box_item.lock()
        self.scene.addItem(self.box_item)
        self.scene.setSceneRect(bounds)
        self.view.fitInView(bounds, Qt.KeepAspectRatio)
        self._show_place(box)
        self._update()

    def _to_scene(self, box: Box) -> QRectF:
        s, height = self.scale, self.page_size[1]
        return QRectF(box.x1 * s, (height - box.y2) * s, box.width * s, box.height * s)

    def _from_scene(self, rect: QRectF) -> Box:
        s, height = self.scale, self.page_size[1]
        assert self.box is not None
        return Box(
            self.box.page, rect.left() / s, height - rect.bottom() / s, rect.right() / s, height - rect.top() / s,
            self.box.found,
        )

    def _box_changed(self) -> None:
        if self.box_item is not None:
            self.box = self._from_scene(self.box_item.rect())
            self._show_place(self.box)

    def set_box(self, box: Box) -> None:
        """Place the box (in PDF points) as if the user had dragged it there."""
        self.box = box
        if self.box_item is not None:
            self.box_item.setRect(self._to_scene(box))
        self._show_place(box)

    def _show_place(self, box: Box) -> None:
        where = self.tr("Page %1, at the signature block.") if box.found else self.tr(
            "Page %1: no signature block found, placed at the default spot. Drag the box where it belongs."
        )
        self.place.setText(where.replace("%1", str(box.page + 1)))

    # -- signing ------------------------------------------------------------------------------

    def _update(self) -> None:
        ready = self.box is not None and self.chooser.current() is not None and not self.runner.busy
        self.sign_button.setEnabled(ready)

    def start_signing(self) -> None:
        choice = self.chooser.current()
        if choice is None or self.box is None:
            return
        self.error.clear()
        known = choice.certificate
        if self.key_check is not None and known is not None:
            try:
                self.key_check(known)  # another's card is refused before its PIN is asked
            except DomainError as err:
                self._failed(err)
                return
        if choice.kind == "pkcs11":
            self.runner.run(
                "read the PIN state", lambda: token_pin_state(choice.module, choice.token_label),
                lambda state: self._with_pin(choice, state), self._failed,
            )
        else:
            self._with_pin(choice, PinState())

    def _with_pin(self, choice: KeyChoice, state: PinState) -> None:
        answer = self.ask_pin(self, choice, state)
        if answer is None:
            return
        pin, confirmed = answer
        appearance = replace(self.appearance, box=self.box)
        options = replace(self.options, reason=self.reason.text().strip(), location=self.location.text().strip())
        source, output, trust, check = self.source, self.output, self.trust_store, self.key_check

        secret = [pin]  # taken by the job: nothing here keeps the PIN after the login

        def job() -> SignResult:
            with open_key(choice, secret.pop(), confirm_final_try=confirmed, trust_store=trust) as key:
                if check is not None:  # a certificate file known only with its password
                    check(key.certificate)
                return sign_pdf(source, output, key, appearance, options)

        self.sign_button.setEnabled(False)
        self.place.setText(self.tr("Signing…"))
        self.runner.run("sign", job, self._signed, self._failed)

    def _signed(self, result: SignResult) -> None:
        self.result = result
        self.signed.emit(result)
        self.accept()

    def _failed(self, err: BaseException) -> bool:
        if isinstance(err, DomainError):
            self.error.setText(err.message(current_language()))
        else:
            log.error("signing failed: %s", "".join(traceback.format_exception(err)))
            self.error.setText(self.tr("Signing failed because of a program error; it was logged."))
        if self.box is not None:
            self._show_place(self.box)
        self._update()
        return True

    def reject(self) -> None:
        if self.runner.busy:  # a signature half made is not abandoned: wait for it
            return
        super().reject()

    def done(self, code: int) -> None:
        self.pdf.close()
        super().done(code)
