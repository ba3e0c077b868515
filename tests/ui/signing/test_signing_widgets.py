"""The signing widgets, driven like a user: the PIN dialog, the sign dialog, the panel, admin."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from eoffice.signing.appearance import Appearance, Kind
from eoffice.signing.placement import existing_signatures
from eoffice.signing.tokens import PinState
from eoffice.signing.verify import verify_pdf
from eoffice.ui.signing.pin_dialog import PinDialog
from eoffice.ui.tasks import TaskRunner
from eoffice.ui.signing.sign_dialog import SignDialog
from eoffice.ui.signing.signatures_panel import SignaturesPanel
from tests.signing.conftest import PASSWORD, SOFTHSM_LIB, assert_pdfsig_valid


def ok_button(dialog: PinDialog):  # type: ignore[no-untyped-def]
    return dialog.buttons.button(QDialogButtonBox.Ok)


def test_pin_dialog_at_the_final_try_needs_a_tick(qtbot):
    dialog = PinDialog("Thẻ của tôi", PinState(count_low=True, final_try=True))
    qtbot.addWidget(dialog)
    dialog.show()
    assert "MỘT" in dialog.warning.text()
    qtbot.keyClicks(dialog.pin_edit, "246810")
    assert not ok_button(dialog).isEnabled()
    dialog.confirm.setChecked(True)
    assert ok_button(dialog).isEnabled()
    qtbot.mouseClick(ok_button(dialog), Qt.LeftButton)
    assert dialog.confirmed_final_try
    assert dialog.take_pin() == "246810"
    assert dialog.take_pin() is None  # handed over once, not kept
    assert dialog.pin_edit.text() == ""


def test_pin_dialog_for_a_locked_token_cannot_be_tried(qtbot):
    dialog = PinDialog("Thẻ bị khóa", PinState(locked=True))
    qtbot.addWidget(dialog)
    dialog.show()
    assert "khóa" in dialog.warning.text()
    assert not dialog.pin_edit.isEnabled() and not ok_button(dialog).isEnabled()


def answer_pin(qtbot, pin: str) -> None:  # type: ignore[no-untyped-def]
    """Type ``pin`` into the PIN dialog once it opens (it runs its own event loop)."""

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PinDialog):
            QTimer.singleShot(20, fill)
            return
        dialog.pin_edit.setText(pin)
        ok_button(dialog).click()

    QTimer.singleShot(20, fill)


def drag(view, start: QPointF, end: QPointF) -> None:  # type: ignore[no-untyped-def]
    """Press, move with the button held, release: QTest's mouseMove carries no buttons."""
    viewport = view.viewport()
    a, b = view.mapFromScene(start), view.mapFromScene(end)
    for kind, pos, buttons in (
        (QEvent.MouseButtonPress, a, Qt.LeftButton),
        (QEvent.MouseMove, QPoint((a.x() + b.x()) // 2, (a.y() + b.y()) // 2), Qt.LeftButton),
        (QEvent.MouseMove, b, Qt.LeftButton),
        (QEvent.MouseButtonRelease, b, Qt.NoButton),
    ):
        event = QMouseEvent(
            kind, QPointF(pos), viewport.mapToGlobal(QPointF(pos)), Qt.LeftButton, buttons, Qt.NoModifier
        )
        QApplication.sendEvent(viewport, event)


def test_sign_dialog_with_a_certificate_file_and_a_moved_box(qtbot, document, test_pki, tmp_path):
    out = tmp_path / "signed.pdf"
    dialog = SignDialog(
        document, out, Appearance(Kind.SIGNER, title="Giám đốc", name="Nguyễn Văn Đức"),
        module_paths=[], pkcs12_files=[test_pki.p12("signer")],
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.box_item is not None, timeout=10_000)
    found = dialog.box
    assert found is not None and found.found
    assert "vị trí ký" in dialog.place.text()
    # the preview shows the page, and the box where the signature block is
    assert dialog.page_item is not None and not dialog.page_item.pixmap().isNull()
    rect = dialog.box_item.rect()
    drag(dialog.view, rect.center(), rect.center() + QPointF(-60, 40))
    moved = dialog.box
    assert moved.x1 < found.x1 - 30 and moved.y1 < found.y1 - 20  # left and down (PDF y grows upwards)
    corner = dialog.box_item.rect().bottomRight() - QPointF(2, 2)
    drag(dialog.view, corner, corner + QPointF(30, 20))
    resized = dialog.box
    assert resized.width > moved.width + 15 and resized.height > moved.height + 10

    assert dialog.sign_button.isEnabled()
    answer_pin(qtbot, PASSWORD)
    with qtbot.waitSignal(dialog.signed, timeout=30_000) as blocker:
        qtbot.mouseClick(dialog.sign_button, Qt.LeftButton)
    result = blocker.args[0]
    assert result.output == out
    assert_pdfsig_valid(out, 1)
    [sig] = existing_signatures(out)
    assert sig.box is not None and abs(sig.box.x1 - resized.x1) < 1.5 and abs(sig.box.y2 - resized.y2) < 1.5


def test_sign_dialog_with_the_e_card_and_a_wrong_then_right_pin(qtbot, document, test_pki, softhsm_token, tmp_path):
    out = tmp_path / "signed.pdf"
    dialog = SignDialog(document, out, Appearance(Kind.SIGNER), module_paths=[SOFTHSM_LIB])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.chooser.model.rowCount() >= 2 and dialog.box is not None, timeout=15_000)
    rows = dialog.chooser.model.rows
    dialog.chooser.select(next(i for i, c in enumerate(rows) if c.key_id == softhsm_token.generated_id.hex()))
    answer_pin(qtbot, "000000")
    qtbot.mouseClick(dialog.sign_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "Mã PIN sai" in dialog.error.text(), timeout=15_000)
    assert dialog.isVisible() and not out.exists()  # no retry: the user decides
    # the next PIN dialog says a wrong PIN was typed before
    seen: list[str] = []

    def fill() -> None:
        pin_dialog = QApplication.activeModalWidget()
        if not isinstance(pin_dialog, PinDialog):
            QTimer.singleShot(20, fill)
            return
        seen.append(pin_dialog.warning.text())
        pin_dialog.pin_edit.setText(softhsm_token.pin)
        ok_button(pin_dialog).click()

    QTimer.singleShot(20, fill)
    with qtbot.waitSignal(dialog.signed, timeout=30_000):
        qtbot.mouseClick(dialog.sign_button, Qt.LeftButton)
    assert seen and "nhập sai" in seen[0]
    assert verify_pdf(out, [test_pki.root.cert]).ok


def test_signing_runs_off_the_gui_thread(qtbot):
    runner = TaskRunner()
    gui = threading.get_ident()
    seen: list[bool] = []
    runner.run("job", lambda: threading.get_ident() != gui, seen.append)
    qtbot.waitUntil(lambda: seen == [True])
    assert not runner.busy


def test_signatures_panel_shows_valid_and_tampered(qtbot, document, test_pki, tmp_path):
    from eoffice.signing.keys import open_pkcs12
    from eoffice.signing.pades import sign_pdf

    signed = sign_pdf(document, tmp_path / "s.pdf", open_pkcs12(test_pki.p12("signer"), PASSWORD), Appearance()).output
    panel = SignaturesPanel()
    qtbot.addWidget(panel)
    panel.show()
    with qtbot.waitSignal(panel.verified, timeout=15_000):
        panel.verify(signed, [test_pki.root.cert])
    assert "hợp lệ" in panel.banner.text() and "KHÔNG" not in panel.banner.text()
    assert panel.model.rowCount() == 1
    assert panel.model.index(0, 0).data() == "Nguyễn Văn Đức"
    assert "Nguyên vẹn: có" in panel.details.text()

    with qtbot.waitSignal(panel.verified, timeout=15_000):
        panel.verify(signed, [test_pki.stranger_root.cert])
    assert "KHÔNG" in panel.banner.text()
    assert panel.model.index(0, 2).data() == "KHÔNG hợp lệ"
    assert "tin cậy" in panel.details.text()

    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"rubbish")
    panel.verify(junk, [test_pki.root.cert])
    qtbot.waitUntil(lambda: "Không đọc được" in panel.banner.text(), timeout=10_000)
    assert panel.model.rowCount() == 0


def test_trusted_roots_admin_adds_and_removes(qtbot, ui_world, test_pki):
    from eoffice.ui.signing.admin import TrustedRootsWidget
    from eoffice.ui.tasks import DbWorker

    worker = DbWorker(ui_world.store)
    widget = TrustedRootsWidget(worker, ui_world.admin_id)
    qtbot.addWidget(widget)
    widget.ask_file = lambda: str(test_pki.root_pem)
    widget.confirm = lambda subject: True
    with qtbot.waitSignal(widget.changed, timeout=10_000):
        qtbot.mouseClick(widget.add_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: widget.model.rowCount() == 1)
    assert "CA gốc thử nghiệm" in widget.model.index(0, 0).data()
    qtbot.mouseClick(widget.add_button, Qt.LeftButton)  # the same root again
    qtbot.waitUntil(lambda: "đã có" in widget.message.text(), timeout=10_000)
    widget.view.selectRow(0)
    with qtbot.waitSignal(widget.changed, timeout=10_000):
        qtbot.mouseClick(widget.remove_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: widget.model.rowCount() == 0)
    worker.shutdown()


def test_pkcs11_modules_admin_finds_the_token_and_saves(qtbot, softhsm_token, tmp_path):
    from eoffice.signing.settings import load_settings
    from eoffice.ui.signing.admin import Pkcs11ModulesWidget

    settings_file = tmp_path / "signing.json"
    widget = Pkcs11ModulesWidget(settings_file)
    qtbot.addWidget(widget)
    widget.ask_file = lambda: SOFTHSM_LIB
    qtbot.mouseClick(widget.add_button, Qt.LeftButton)
    assert SOFTHSM_LIB in widget.module_paths()
    qtbot.mouseClick(widget.test_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: softhsm_token.label in widget.message.text(), timeout=15_000)
    widget.timestamp.setText("http://127.0.0.1:8318/tsa")
    with qtbot.waitSignal(widget.saved):
        qtbot.mouseClick(widget.save_button, Qt.LeftButton)
    saved = load_settings(settings_file)
    assert SOFTHSM_LIB in saved.pkcs11_modules and saved.timestamp_url == "http://127.0.0.1:8318/tsa"
    widget.timestamp.setText("ftp://nope")
    qtbot.mouseClick(widget.save_button, Qt.LeftButton)
    assert "http://" in widget.message.text()
    assert load_settings(settings_file).timestamp_url == "http://127.0.0.1:8318/tsa"


__all__ = ["Path"]


def test_the_seals_box_stays_where_the_leaders_certification_left_it(qtbot, decree, test_pki, tmp_path):
    from eoffice.signing import images

    dialog = SignDialog(
        decree.signed["plain"], tmp_path / "sealed.pdf",
        Appearance(Kind.AGENCY, image=images.seal_image("Ủy ban nhân dân tỉnh Nghệ An")),
        module_paths=[], pkcs12_files=[test_pki.p12("agency")],
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.box_item is not None, timeout=10_000)
    placed = dialog.box
    assert placed is not None and placed.fixed and dialog.box_item.locked
    rect = dialog.box_item.rect()
    drag(dialog.view, rect.center(), rect.center() + QPointF(-60, 40))
    assert dialog.box == placed  # not moved
