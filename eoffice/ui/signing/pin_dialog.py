"""Asking for an e-card's PIN once: never stored, and the token's warnings shown first."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from eoffice.signing.keys import KeyChoice
from eoffice.signing.tokens import PinState, common_name


class PinDialog(QDialog):
    """The PIN for ``token_label``; ``take_pin()`` hands it over once and forgets it.

    A token at its final try must be confirmed with a tick before OK; a locked token
    cannot be tried at all.
    """

    def __init__(
        self, token_label: str, state: PinState, parent: QWidget | None = None, *, password: bool = False
    ) -> None:
        super().__init__(parent)
        # A certificate file's password is its PIN to the user: the demo's cards and the CAs'
        # soft certificates are handed out with "mã PIN", so the dialog says PIN either way.
        self.setWindowTitle(self.tr("Certificate PIN") if password else self.tr("E-card PIN"))
        self.state = state
        self.setMinimumWidth(360)
        layout = QVBoxLayout(self)
        what = self.tr("Certificate of %1") if password else self.tr("E-card: %1")
        self.holder = QLabel(what.replace("%1", token_label), self)
        self.holder.setObjectName("pinHolder")
        layout.addWidget(self.holder)
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.warning.setObjectName("pinWarning")
        layout.addWidget(self.warning)
        self.pin_edit = QLineEdit(self)
        self.pin_edit.setEchoMode(QLineEdit.Password)
        self.pin_edit.setPlaceholderText(self.tr("PIN"))
        layout.addWidget(self.pin_edit)
        self.confirm = QCheckBox(self.tr("I know that one wrong PIN more locks the e-card"), self)
        self.confirm.setVisible(state.final_try and not state.locked)
        layout.addWidget(self.confirm)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.buttons.button(QDialogButtonBox.Ok).setText(self.tr("Sign"))
        self.buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.pin_edit.textChanged.connect(self._update)
        self.confirm.toggled.connect(self._update)
        self._pin: str | None = None
        self._show_state()
        self._update()

    @classmethod
    def for_choice(cls, choice: KeyChoice, state: PinState, parent: QWidget | None = None) -> PinDialog:
        """The PIN dialog for a chosen key: a card by its label, a certificate file by its holder's name."""
        if choice.kind == "pkcs11":
            return cls(choice.token_label, state, parent)
        certificate = choice.certificate
        holder = common_name(certificate) if certificate is not None else choice.name
        return cls(holder, state, parent, password=True)

    def _show_state(self) -> None:
        s = self.state
        if s.locked:
            text = self.tr("The PIN of this e-card is locked. Ask the certificate provider to unlock it.")
        elif s.final_try:
            text = self.tr("Only ONE try is left: a wrong PIN now locks the e-card.")
        elif s.count_low:
            text = self.tr("A wrong PIN was typed before: fewer tries are left.")
        else:
            text = ""
        if s.pin_pad and not s.locked:
            text = (text + " " if text else "") + self.tr("Type the PIN on the reader's keypad.")
        self.warning.setText(text)
        self.warning.setVisible(bool(text))
        if s.locked or s.final_try:
            self.warning.setStyleSheet("color: #b00020; font-weight: bold;")
        self.pin_edit.setVisible(not s.pin_pad)
        self.pin_edit.setEnabled(not s.locked)

    def _update(self) -> None:
        s = self.state
        ok = (
            not s.locked
            and (s.pin_pad or bool(self.pin_edit.text()))
            and (not s.final_try or self.confirm.isChecked())
        )
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(ok)

    @property
    def confirmed_final_try(self) -> bool:
        return self.state.final_try and self.confirm.isChecked()

    def accept(self) -> None:
        self._pin = None if self.state.pin_pad else self.pin_edit.text()
        self.pin_edit.clear()
        super().accept()

    def reject(self) -> None:
        self.pin_edit.clear()
        self._pin = None
        super().reject()

    def take_pin(self) -> str | None:
        """The PIN typed (None for a PIN pad); asking again gives None: it is not kept."""
        pin, self._pin = self._pin, None
        return pin
