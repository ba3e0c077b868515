"""Qt's own dialogs (message box buttons, the file chooser) speak the UI's language."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QTreeView

from eoffice.ui import i18n

YES, NO, CANCEL = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No, QMessageBox.StandardButton.Cancel
LABELS = (QFileDialog.DialogLabel.LookIn, QFileDialog.DialogLabel.FileName, QFileDialog.DialogLabel.FileType)

EXPECTED = {
    "vi": {
        "buttons": ["&Có", "&Không", "Hủy"],
        "labels": ["&Tìm trong:", "Tên &tệp:", "&Loại tệp:"],
        "accept": "&Mở",
        "header": ["Tên", "Kích thước", "Loại", "Ngày sửa đổi"],
    },
    "en": {
        "buttons": ["&Yes", "&No", "Cancel"],
        "labels": ["&Look in:", "File &name:", "Files of &type:"],
        "accept": "&Open",
        "header": ["Name", "Size", "Type", "Date Modified"],
    },
}


@pytest.fixture(params=["vi", "en"])
def language(request, qapp):  # type: ignore[no-untyped-def]
    assert i18n.install_translator(qapp, request.param) == request.param
    yield request.param
    i18n.install_translator(qapp, "vi")


def test_message_box_standard_buttons(qtbot, language):
    box = QMessageBox(QMessageBox.Icon.Question, "eOffice", "?", YES | NO | CANCEL)
    qtbot.addWidget(box)
    assert [box.button(b).text() for b in (YES, NO, CANCEL)] == EXPECTED[language]["buttons"]


def test_file_chooser_labels_buttons_and_columns(qtbot, language, tmp_path):
    dialog = QFileDialog(None, "eOffice", str(tmp_path))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    assert [dialog.labelText(label) for label in LABELS] == EXPECTED[language]["labels"]
    assert dialog.labelText(QFileDialog.DialogLabel.Accept) == EXPECTED[language]["accept"]
    [details] = dialog.findChildren(QTreeView)
    columns = [details.model().headerData(i, Qt.Orientation.Horizontal) for i in range(4)]
    assert columns == EXPECTED[language]["header"]
