"""Ký số: preview the page, move or resize the signature's box, choose the key, sign.

The box starts where the decree puts it (found in the document's text, else a default
place); the user may drag it or its bottom-right corner. Finding the box, reading the
token's PIN state and signing all run off the GUI thread.

The leader's signature on a draft (the certification) leaves the number and date fields
open for the clerk; where the finder is unsure of their places (no "Số:" in a PDF from
Word, or several blanks) the preview shows them as two more boxes, on page 1, for the
leader to put where the number and the date belong; the fields are made there.
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
from eoffice.signing.placement import DATE, NUMBER, Box, IssuePlaces, existing_signatures, find_issue_places
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

    def __init__(
        self, rect: QRectF, bounds: QRectF, on_change: Callable[[], None], color: QColor | None = None
    ) -> None:
        super().__init__(rect)
        self.bounds = bounds
        self.on_change = on_change
        color = color or QColor(0, 70, 200)
        self.setPen(QPen(color, 2, Qt.DashLine))
        self.setBrush(QBrush(QColor(color.red(), color.green(), color.blue(), 40)))
        self.setAcceptHoverEvents(True)
        self._drag: tuple[str, QPointF, QRectF] | None = None
        self.locked = False  # the place a certification left for the seal: shown, not moved
        self.label = ""  # written in the box (the number's and the date's places say which is which)
        self.setCursor(Qt.SizeAllCursor)

    def paint(self, painter, option, widget=None) -> None:  # type: ignore[no-untyped-def]
        super().paint(painter, option, widget)
        if self.label:
            painter.setPen(self.pen().color())
            painter.drawText(self.rect().adjusted(3, 0, -3, 0), Qt.AlignLeft | Qt.AlignVCenter, self.label)

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


def _unsure_places(source: Path, appearance: Appearance) -> IssuePlaces | None:
    """The certification of a draft (the leader's, or its co-signer's): the number and date
    places to put by hand, when the finder is unsure of them (None when it is sure, or
    nothing certifies)."""
    if not appearance.personal or appearance.number_box or appearance.date_box:
        return None
    if existing_signatures(source):
        return None
    places = find_issue_places(source, propose=True)
    return None if places.sure else places


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
        self.page_item: QGraphicsPixmapItem | None = None  # the signature's page
        self.box_item: BoxItem | None = None
        #: Page 1 above the signature's page when the issuing places are shown and it is another page.
        self.first_page_item: QGraphicsPixmapItem | None = None
        self.page_top = 0.0  # the signature page's top in the scene
        #: The number and date places the leader puts by hand (the finder was unsure), in PDF points.
        self.issue_boxes: dict[str, Box] = {}
        self.issue_items: dict[str, BoxItem] = {}
        self._first_height = 842.0
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
        source, appearance = self.source, self.appearance
        self.runner.run(
            "place the signature", lambda: (plan_box(source, appearance), _unsure_places(source, appearance)),
            self._planned, self._failed,
        )
        if module_paths:
            self.chooser.refresh()

    # -- the preview --------------------------------------------------------------------------

    def _planned(self, planned: tuple[Box, IssuePlaces | None]) -> None:
        box, places = planned
        self._placed(box, places)

    def _placed(self, box: Box, places: IssuePlaces | None = None) -> None:
        load_pdf(self.pdf, self.source)  # the signatures already made show on the page
        size = self.pdf.pagePointSize(box.page)
        self.page_size = (size.width(), size.height()) if size.width() > 0 else self.page_size
        width, height = self.page_size
        self.scale = 560 / height
        self.scene.clear()
        self.first_page_item, self.page_top = None, 0.0
        self.issue_items, self.issue_boxes = {}, {}
        shown = {name: place for name, place in (
            (NUMBER, places.number if places else None), (DATE, places.date if places else None),
        ) if place is not None and places is not None and name in places.unsure}
        first = QRectF(0, 0, width * self.scale, height * self.scale)
        if shown and box.page != 0:  # page 1 (the header) above the signature's page
            first_size = self.pdf.pagePointSize(0)
            self._first_height = first_size.height() if first_size.height() > 0 else height
            first_width = first_size.width() if first_size.width() > 0 else width
            first = QRectF(0, 0, first_width * self.scale, self._first_height * self.scale)
            image = render_page(self.pdf, 0, QSize(round(first.width()), round(first.height())))
            self.first_page_item = self.scene.addPixmap(QPixmap.fromImage(image))
            self.page_top = first.height() + 12
        else:
            self._first_height = height
        image = render_page(self.pdf, box.page, QSize(round(width * self.scale), round(height * self.scale)))
        self.page_item = self.scene.addPixmap(QPixmap.fromImage(image))
        self.page_item.setPos(0, self.page_top)
        bounds = QRectF(0, self.page_top, width * self.scale, height * self.scale)
        self.box = box
        self.box_item = BoxItem(self._to_scene(box), bounds, self._box_changed)
        if box.fixed:
            self.box_item.lock()
        self.scene.addItem(self.box_item)
        for name, place in shown.items():
            self.issue_boxes[name] = place
            item = BoxItem(self._to_scene(place), first, lambda n=name: self._issue_changed(n), QColor(200, 90, 0))
            item.setToolTip(
                self.tr("Where the number goes: drag it after “Số:”.") if name == NUMBER
                else self.tr("Where the issuing date goes: drag it over “ngày … tháng … năm …”.")
            )
            item.label = self.tr("Number") if name == NUMBER else self.tr("Issuing date")
            self.issue_items[name] = item
            self.scene.addItem(item)
        scene_rect = bounds.united(first)
        self.scene.setSceneRect(scene_rect)
        self.view.fitInView(first if shown else bounds, Qt.KeepAspectRatio)
        self._show_place(box)
        self._update()

    def _top_and_height(self, page: int) -> tuple[float, float]:
        if page == 0 and self.first_page_item is not None:
            return 0.0, self._first_height
        return self.page_top, self.page_size[1]

    def _to_scene(self, box: Box) -> QRectF:
        s = self.scale
        top, height = self._top_and_height(box.page)
        return QRectF(box.x1 * s, top + (height - box.y2) * s, box.width * s, box.height * s)

    def _from_scene(self, rect: QRectF, like: Box | None = None) -> Box:
        like = like or self.box
        assert like is not None
        s = self.scale
        top, height = self._top_and_height(like.page)
        return Box(
            like.page, rect.left() / s, height - (rect.bottom() - top) / s, rect.right() / s,
            height - (rect.top() - top) / s, like.found,
        )

    def _issue_changed(self, name: str) -> None:
        item = self.issue_items.get(name)
        if item is not None:
            self.issue_boxes[name] = self._from_scene(item.rect(), self.issue_boxes[name])
            self._show_place(self.box or self.issue_boxes[name])

    def set_issue_box(self, name: str, box: Box) -> None:
        """Place the number's or the date's box (PDF points) as if the user had dragged it there."""
        self.issue_boxes[name] = box
        if name in self.issue_items:
            self.issue_items[name].setRect(self._to_scene(box))

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
        text = where.replace("%1", str(box.page + 1))
        if self.issue_items:
            text += "\n" + self.tr(
                "The places of the number and the issuing date were not found for sure: drag the orange boxes "
                "on page 1 after “Số:” and over the date line; the clerk's desk writes them there when issuing."
            )
        self.place.setText(text)

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
        if self.issue_boxes:  # the places the leader put the number and date at
            appearance = replace(
                appearance, number_box=self.issue_boxes.get(NUMBER), date_box=self.issue_boxes.get(DATE)
            )
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
