"""The OK / Cancel row of the meetings' dialogs: OK named for what it does ("Gửi", "Giao"),
Cancel closing the dialog."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox


def ok_cancel(dialog: QDialog, ok: str) -> QDialogButtonBox:
    """The row for ``dialog``: the caller connects ``accepted`` to its own action."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
        QCoreApplication.translate("DialogButtons", "Cancel"))
    buttons.rejected.connect(dialog.reject)
    return buttons
