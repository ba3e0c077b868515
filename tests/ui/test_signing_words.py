"""Signing speaks the clerk's language: a PIN is a PIN, a wrong one says so without a file
path or a format's name, and no file name stands in for the certificate's holder."""

from __future__ import annotations

import logging
import shutil

import pytest
from cryptography.hazmat.primitives import serialization
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QLineEdit

from eoffice.signing.appearance import Appearance, Kind
from eoffice.signing.errors import ModuleLoadError, NoTokenError
from eoffice.signing.keys import pkcs12_choice
from eoffice.signing.tokens import PinState
from eoffice.signing.tokens import _load as load_module
from eoffice.ui.signing.key_chooser import KeyChooser
from eoffice.ui.signing.pin_dialog import PinDialog
from eoffice.ui.signing.sign_dialog import SignDialog
from eoffice.ui.tasks import TaskRunner
from tests.signing.conftest import PASSWORD

JARGON = ("PKCS", ".p12", ".pfx", "Mật khẩu", "/", "token", "thư viện")


def visible_texts(widget) -> list[str]:  # type: ignore[no-untyped-def]
    texts = [widget.windowTitle()]
    texts += [label.text() for label in widget.findChildren(QLabel) if label.isVisible()]
    texts += [edit.placeholderText() for edit in widget.findChildren(QLineEdit)]
    return texts


@pytest.fixture
def card(test_pki, tmp_path):  # type: ignore[no-untyped-def]
    """The signer's soft card as a CA hands it out: the .p12 and its certificate beside it."""
    path = tmp_path / "nguyen-van-duc.p12"
    shutil.copy(test_pki.p12("signer"), path)
    path.with_suffix(".crt.pem").write_bytes(test_pki.signer.cert.public_bytes(serialization.Encoding.PEM))
    return path


def holder(test_pki) -> str:  # type: ignore[no-untyped-def]
    from eoffice.signing.tokens import common_name

    return common_name(test_pki.signer.cert)


def test_the_pin_dialog_for_a_soft_card_asks_for_its_pin_by_the_holders_name(qtbot, card, test_pki):
    dialog = PinDialog.for_choice(pkcs12_choice(card), PinState())
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "Mã PIN chứng thư số"
    assert dialog.pin_edit.placeholderText() == "Mã PIN"
    assert dialog.holder.text() == f"Chứng thư số của {holder(test_pki)}"
    for text in visible_texts(dialog):
        assert not any(word in text for word in JARGON), text


def test_a_wrong_pin_says_wrong_pin_and_nothing_of_files(qtbot, letter, card, tmp_path):
    out = tmp_path / "signed.pdf"
    appearance = Appearance(Kind.SIGNER, title="Chủ tịch", name="Nguyễn Văn Đức")
    dialog = SignDialog(letter, out, appearance, module_paths=[], pkcs12_files=[card])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.box is not None and dialog.sign_button.isEnabled(), timeout=15_000)

    def fill() -> None:
        pin_dialog = QApplication.activeModalWidget()
        if not isinstance(pin_dialog, PinDialog):
            QTimer.singleShot(20, fill)
            return
        pin_dialog.pin_edit.setText("000000")
        pin_dialog.buttons.button(QDialogButtonBox.Ok).click()

    QTimer.singleShot(20, fill)
    qtbot.mouseClick(dialog.sign_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.error.text()), timeout=15_000)
    message = dialog.error.text()
    assert message.startswith("Mã PIN sai.")
    assert not any(word in message for word in JARGON), message
    assert card.name not in message and not out.exists()
    assert PASSWORD  # the right PIN is the test PKI's; the wrong one changed nothing


def test_the_key_list_names_the_holder_and_no_card_plugged_is_said_plainly(qtbot, card, test_pki):
    runner = TaskRunner()
    chooser = KeyChooser([], runner, pkcs12_files=[card])
    qtbot.addWidget(chooser)
    chooser.show()
    chooser.refresh()
    qtbot.waitUntil(lambda: chooser.refresh_button.isEnabled() and bool(chooser.status.text()), timeout=15_000)
    assert chooser.status.text() == "Chưa cắm thẻ ký số; có thể ký bằng chứng thư số trên máy này."
    row = chooser.model.index(0, 0).data()
    assert row.startswith(f"{holder(test_pki)} — chứng thư số trên máy này, hiệu lực đến ")
    assert card.name not in row and card.stem not in row
    heading = [label.text() for label in chooser.findChildren(QLabel)]
    assert "Chứng thư số dùng để ký" in heading


def test_card_errors_keep_module_paths_for_the_log(tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="eoffice.signing.errors")
    missing = str(tmp_path / "libvendor-pkcs11.so")
    with pytest.raises(ModuleLoadError) as err:
        load_module(missing)
    assert err.value.message("vi").startswith("Không dùng được phần mềm của thẻ ký số")
    assert missing not in err.value.message("vi") and "PKCS" not in err.value.message("en")
    assert missing in err.value.detail and missing in caplog.text
    no_card = NoTokenError("VNPT-CA", "/usr/lib/softhsm/libsofthsm2.so")
    assert no_card.message("vi") == "Không tìm thấy thẻ ký số “VNPT-CA”. Hãy cắm thẻ rồi thử lại."
    assert "softhsm" in no_card.detail
