""""1 thao tác chờ gửi" is a button: it lists what waits to be sent, opens its document,
sends it now, and empties itself once the server has it."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import Qt

from tests.ui.helpers import drop_files, type_text
from tests.ui.test_synced_desktop import WAIT, _close, _desk

pytestmark = pytest.mark.parametrize("store", ["sqlite"], indirect=True)


def test_what_waits_to_be_sent_is_listed_opened_and_sent(qtbot, store, province, tmp_path, pdf_factory):
    clerk = _desk(qtbot, province, tmp_path, "vanthu")
    area = clerk.sync_area
    docs = clerk.section("documents")
    try:
        qtbot.waitUntil(lambda: area.state.text() == "Trực tuyến", timeout=WAIT)
        province.server.stop()
        clerk.account.engine.wake()
        qtbot.waitUntil(lambda: area.state.text().startswith("Ngoại tuyến"), timeout=WAIT)

        docs.act_register.trigger()
        dialog = docs.dialog
        drop_files(dialog, [pdf_factory(subject="Về việc rà soát biên chế")])
        type_text(dialog.organ_name, "Sở Nội vụ tỉnh Nghệ An")
        type_text(dialog.organ_id, "000.00.12.H41")
        type_text(dialog.code_number, "31")
        type_text(dialog.code_notation, "SNV-TCBC")
        type_text(dialog.subject.edit, "Về việc rà soát biên chế")
        with qtbot.waitSignal(dialog.succeeded, timeout=WAIT):
            qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
        document_id = dialog.document_id
        qtbot.waitUntil(lambda: area.pending.isVisible() and area.pending.text() == "1 thao tác chờ gửi", timeout=WAIT)

        # The count is a button: a click lists what waits, by the name the action has on screen.
        qtbot.mouseClick(area.pending, Qt.LeftButton)
        pending = clerk.pending_dialog
        qtbot.waitUntil(lambda: pending.isVisible() and pending.model.rowCount() == 1, timeout=WAIT)
        assert pending.windowTitle() == "Chờ gửi lên máy chủ"
        assert pending.model.index(0, 1).data() == "Vào sổ văn bản đến"
        assert len(pending.model.index(0, 0).data()) == len("08:30 06/12/2026")
        assert pending.open_button.isEnabled() and pending.send_button.isEnabled()

        # It opens the document the action concerns (from another screen: the work diary).
        clerk.show_section(clerk.section("diary"))
        qtbot.mouseClick(pending.open_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: clerk.current_section is docs, timeout=WAIT)
        qtbot.waitUntil(lambda: docs.current is not None and docs.current.id == document_id, timeout=WAIT)
        assert not shiboken6.isValid(pending) or not pending.isVisible()  # closed (and let go)

        # Open again while the server comes back: "Gửi ngay" sends, and the list follows.
        qtbot.mouseClick(area.pending, Qt.LeftButton)
        pending = clerk.pending_dialog
        qtbot.waitUntil(lambda: pending.model.rowCount() == 1, timeout=WAIT)
        province.restart()
        qtbot.mouseClick(pending.send_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: pending.model.rowCount() == 0, timeout=WAIT)
        assert pending.empty.isVisible() and pending.empty.text() == "Mọi thao tác đã được gửi."
        assert not pending.send_button.isEnabled()
        qtbot.waitUntil(lambda: not area.pending.isVisible(), timeout=WAIT)
        pending.reject()
    finally:
        _close(clerk)
