"""Two desktops signed in to one real server on loopback, through the real widgets.

The clerk registers offline-first (number pending until the server gives it), the leader
directs in their window, and the officer's window hears it live: a notification, and the
document waiting in "Chờ tôi xử lý". The status area says what waits to be sent while the
server is away, and what the server refused and why.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt

from eoffice.documents.boxes import Box
from eoffice.documents.types import LineRole
from eoffice.sync.account import Account, Profile
from eoffice.ui.main_window import MainWindow
from tests.server.conftest import PASSWORD
from tests.sync.http_support import Province
from tests.ui.helpers import click_row, drop_files, type_text

# One engine is enough here: the server's engines are covered by tests/sync and tests/server.
pytestmark = pytest.mark.parametrize("store", ["sqlite"], indirect=True)

WAIT = 20_000


def _desk(qtbot, province: Province, tmp_path: Path, username: str) -> MainWindow:  # type: ignore[no-untyped-def]
    account = Account(Profile.of(province.url, username, base=tmp_path / "desktops"), interval=2.0)
    account.sign_in(PASSWORD)
    account.sync_until_ready()
    window = MainWindow(account.store, account.blobs, account.user_id or "", account=account)
    qtbot.addWidget(window)
    account.start()
    window.show()
    qtbot.waitUntil(
        lambda: bool(window.section("documents").counts) or window.section("documents").counts == {}, timeout=WAIT
    )
    return window


def _close(window: MainWindow) -> None:
    account = window.account
    window.close()
    if account is not None:
        account.close()


def test_a_direction_made_in_one_window_arrives_live_in_the_officer_window(
    qtbot, store, province, tmp_path, pdf_factory
):
    w = province.world
    clerk = _desk(qtbot, province, tmp_path, "vanthu")
    leader = _desk(qtbot, province, tmp_path, "lanhdao")
    officer = _desk(qtbot, province, tmp_path, "chuyenvien")
    try:
        assert officer.account is not None and officer.account.live is not None
        qtbot.waitUntil(lambda: officer.account.live.ready.is_set(), timeout=WAIT)
        # The clerk registers a PDF; the arrival number is the server's to give.
        clerk.section("documents").act_register.trigger()
        dialog = clerk.section("documents").dialog
        drop_files(dialog, [pdf_factory(subject="Về việc chuyển đổi số năm 2026")])
        type_text(dialog.organ_name, "Sở Nội vụ tỉnh Nghệ An")
        type_text(dialog.organ_id, "000.00.12.H41")
        type_text(dialog.code_number, "15")
        type_text(dialog.code_notation, "SNV-VP")
        dialog.issued_date.setDate(QDate.currentDate().addDays(-2))
        type_text(dialog.subject.edit, "Về việc chuyển đổi số năm 2026")
        with qtbot.waitSignal(dialog.succeeded, timeout=WAIT):
            qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
        document_id = dialog.document_id
        assert dialog.arrival_number is None  # "chờ cấp số" until the server answers
        # The engine pushes at once; the answer (number 01) comes back as a notification.
        qtbot.waitUntil(lambda: clerk.notifications.rowCount() >= 1, timeout=WAIT)
        assert "01" in clerk.notifications.items[0].text
        qtbot.waitUntil(lambda: clerk.account.engine.status().pending == 0, timeout=WAIT)

        # The leader's window receives it by pull and directs it to the officer.
        leader.account.engine.wake()
        qtbot.waitUntil(lambda: leader.section("documents").counts.get(Box.WAITING_FOR_ME) == 1, timeout=WAIT)
        click_row(qtbot, leader, document_id)
        leader.section("documents").act_direct.trigger()
        direct = leader.section("documents").dialog
        type_text(direct.text, "Giao đồng chí Anh chủ trì, báo cáo trước hạn.")
        direct.lines.select_role(LineRole.LEAD)
        direct.lines.select_assignee("user", w.officer_id)
        qtbot.mouseClick(direct.lines.add_button, Qt.LeftButton)
        with qtbot.waitSignal(leader.changed, timeout=WAIT):
            qtbot.mouseClick(direct.ok_button, Qt.LeftButton)

        # The officer hears it live and finds it waiting.
        qtbot.waitUntil(lambda: officer.notifications.rowCount() >= 1, timeout=WAIT)
        note = officer.notifications.items[0]
        assert note.document_id == document_id
        assert "Nguyễn Văn Đức" in note.text and "chuyển đổi số" in note.text
        assert officer.toast.isVisible()
        assert officer.sync_area.bell.text().endswith("(1)")
        qtbot.waitUntil(lambda: officer.section("documents").counts.get(Box.WAITING_FOR_ME) == 1, timeout=WAIT)
        # Clicking the toast opens the document.
        with qtbot.waitSignal(officer.section("documents").detail_loaded, timeout=WAIT):
            qtbot.mouseClick(officer.toast, Qt.LeftButton)
        current = officer.section("documents").current
        assert current is not None and current.id == document_id
        assert [line.role for line in officer.section("documents").current.lines] == ["lead"]
    finally:
        for window in (officer, leader, clerk):
            _close(window)


def test_offline_work_waits_in_the_status_area_and_a_refusal_is_shown_with_its_reason(
    qtbot, store, province, tmp_path, pdf_factory
):
    from eoffice.documents import operations as ops
    from eoffice.store.base import new_id
    from eoffice.sync.applying import apply_once
    from tests.sync.conftest import file_ref

    clerk = _desk(qtbot, province, tmp_path, "vanthu")
    area = clerk.sync_area
    try:
        qtbot.waitUntil(lambda: area.state.text() == "Trực tuyến", timeout=WAIT)
        province.server.stop()
        clerk.account.engine.wake()
        qtbot.waitUntil(lambda: area.state.text().startswith("Ngoại tuyến"), timeout=WAIT)

        # Offline, the clerk still registers: it waits in the outbox, its number pending.
        clerk.section("documents").act_register.trigger()
        dialog = clerk.section("documents").dialog
        drop_files(dialog, [pdf_factory(subject="Về việc kiểm tra hồ sơ")])
        type_text(dialog.organ_name, "Sở Nội vụ tỉnh Nghệ An")
        type_text(dialog.organ_id, "000.00.12.H41")
        type_text(dialog.code_number, "27")
        type_text(dialog.code_notation, "SNV-VP")
        type_text(dialog.subject.edit, "Về việc kiểm tra hồ sơ")
        with qtbot.waitSignal(dialog.succeeded, timeout=WAIT):
            qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
        document_id = dialog.document_id
        qtbot.waitUntil(lambda: area.pending.isVisible() and area.pending.text().startswith("1 "), timeout=WAIT)
        qtbot.waitUntil(lambda: clerk.section("documents").model.find_row(document_id) >= 0, timeout=WAIT)

        # Meanwhile the same document was registered at the office on another computer.
        fields = {
            "type_name": "Công văn", "subject": "Về việc kiểm tra hồ sơ", "organ_name": "Sở Nội vụ tỉnh Nghệ An",
            "organ_id": "000.00.12.H41", "code_number": "27", "code_notation": "SNV-VP",
            "issued_date": QDate.currentDate().toString("yyyy-MM-dd"),
        }
        with province.store.write() as s:
            other = ops.RegisterIncoming(
                new_id(), new_id(), fields, (file_ref(),), QDate.currentDate().toString("yyyy-MM-dd")
            )
            assert apply_once(s, province.world.clerk_id, other).accepted

        # The server comes back: the push is refused as a duplicate, with the reason.
        province.restart()
        clerk.account.engine.wake()
        qtbot.waitUntil(lambda: area.rejected.isVisible(), timeout=WAIT)
        assert area.rejected.text().startswith("1 ")
        assert not area.pending.isVisible()
        # The refused registration was undone here; the server's one arrives by pull.
        qtbot.waitUntil(lambda: clerk.section("documents").model.find_row(document_id) < 0, timeout=WAIT)
        qtbot.waitUntil(lambda: clerk.section("documents").model.find_row(other.document_id) >= 0, timeout=WAIT)
        qtbot.waitUntil(lambda: area.state.text() == "Trực tuyến", timeout=WAIT)
        assert any("từ chối" in item.text for item in clerk.notifications.items)

        qtbot.mouseClick(area.rejected, Qt.LeftButton)
        rejected = clerk.rejected_dialog
        assert rejected.model.rowCount() == 1
        reason = rejected.model.index(0, 1).data()
        assert "đã được vào sổ" in reason
        assert rejected.model.index(0, 0).data() == "Vào sổ văn bản đến"
        qtbot.mouseClick(rejected.dismiss_button, Qt.LeftButton)
        assert rejected.model.rowCount() == 0
        qtbot.waitUntil(lambda: not area.rejected.isVisible(), timeout=WAIT)
    finally:
        _close(clerk)


def test_the_pdf_of_a_document_opened_before_the_engine_fetched_it_is_fetched_at_once(
    qtbot, store, province, tmp_path, pdf_factory
):
    from eoffice.documents import operations as ops
    from eoffice.ops import FileRef
    from eoffice.store.base import new_id
    from eoffice.sync.applying import apply_once

    pdf = pdf_factory(subject="Về việc chuyển đổi số")
    digest, size = province.blobs.put_file(pdf)
    op = ops.RegisterIncoming(
        new_id(), new_id(),
        {"type_name": "Công văn", "subject": "Về việc chuyển đổi số", "organ_name": "Sở Nội vụ",
         "organ_id": "000.00.12.H41", "code_number": "31", "code_notation": "SNV-VP",
         "issued_date": QDate.currentDate().toString("yyyy-MM-dd")},
        (FileRef(digest, pdf.name, size, 1, ""),), QDate.currentDate().toString("yyyy-MM-dd"),
    )
    with province.store.write() as s:
        assert apply_once(s, province.world.clerk_id, op).accepted
    account = Account(Profile.of(province.url, "vanthu", base=tmp_path / "desktops"))
    account.sign_in(PASSWORD)
    account.sync_until_ready()  # rows only: the PDFs come later
    assert not account.blobs.has(digest)
    window = MainWindow(account.store, account.blobs, account.user_id or "", account=account)
    qtbot.addWidget(window)
    window.show()  # the engine is not running: only opening the document fetches it
    try:
        click_row(qtbot, window, op.document_id)
        qtbot.waitUntil(lambda: account.blobs.has(digest), timeout=WAIT)
        qtbot.waitUntil(lambda: window.section("documents").detail_pane.pdf.pageCount() == 1, timeout=WAIT)
        assert not window.section("documents").detail_pane.file_missing.isVisible()
    finally:
        window.close()
        account.close()
