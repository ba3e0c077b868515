"""The window's frame as two people at one computer meet it: whose window is whose, a
switch that asks first, and a serving window that warns before it closes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from eoffice.sync.account import Profile
from eoffice.ui.session import Desktop
from tests.server.conftest import PASSWORD

pytestmark = pytest.mark.parametrize("store", ["sqlite"], indirect=True)

WAIT = 20_000


@pytest.fixture
def settings(tmp_path):  # type: ignore[no-untyped-def]
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp_path / "settings"))
    QSettings().clear()
    yield
    QSettings().clear()


def open_desktop(qtbot, province, tmp_path: Path, *, username: str = "vanthu", hosts_server: bool = False):  # type: ignore[no-untyped-def]
    w = province.world
    people = [(w.clerk_id, "vanthu", "Trần Thị Thu — văn thư"), (w.leader_id, "lanhdao", "Nguyễn Văn Đức — lãnh đạo")]
    desktop = Desktop(
        server_url=province.url, username=username, password=PASSWORD, demo_people=people,
        profile_for=lambda url, name: Profile.of(url, name, base=tmp_path / "desktop"), hosts_server=hosts_server,
    )
    shown: list[object] = []
    desktop.window_shown.connect(shown.append)
    desktop.start()
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=WAIT)
    return desktop, shown


def question(qtbot, window) -> QMessageBox:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.confirm_box is not None and window.confirm_box.isVisible(), timeout=WAIT)
    return window.confirm_box


def button(box: QMessageBox, text: str):  # type: ignore[no-untyped-def]
    return next(b for b in box.buttons() if b.text() == text)


def test_each_window_says_whose_it_is_and_the_switcher_names_usernames(qtbot, store, province, tmp_path, settings):
    desktop, shown = open_desktop(qtbot, province, tmp_path)
    window = shown[0]
    assert window.windowTitle() == "eOffice — Trần Thị Thu (Văn thư)"
    combo = window.user_switcher
    items = [combo.itemText(i) for i in range(combo.count())]
    assert items == ["Trần Thị Thu — văn thư · vanthu", "Nguyễn Văn Đức — lãnh đạo · lanhdao"]
    window.close()
    qtbot.waitUntil(lambda: desktop.account is None, timeout=WAIT)
    desktop.shutdown()


def test_switching_user_asks_first_and_cancel_keeps_the_window(qtbot, store, province, tmp_path, settings):
    w = province.world
    desktop, shown = open_desktop(qtbot, province, tmp_path)
    clerk_window = shown[0]
    combo = clerk_window.user_switcher
    combo.setCurrentIndex(combo.findData(w.leader_id))
    box = question(qtbot, clerk_window)
    assert box.text() == "Mở bàn làm việc của Nguyễn Văn Đức — lãnh đạo · lanhdao?"
    assert "Cửa sổ của Trần Thị Thu sẽ đóng" in box.informativeText()
    assert combo.currentData() == w.clerk_id  # nothing changes until the answer
    qtbot.mouseClick(button(box, "Hủy"), Qt.LeftButton)
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=WAIT)
    assert len(shown) == 1 and clerk_window.isVisible() and combo.currentData() == w.clerk_id

    combo.setCurrentIndex(combo.findData(w.leader_id))
    qtbot.mouseClick(button(question(qtbot, clerk_window), "Mở"), Qt.LeftButton)
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=WAIT)
    leader_window = shown[1]
    assert leader_window.windowTitle() == "eOffice — Nguyễn Văn Đức (Lãnh đạo)"
    assert leader_window.windowTitle() != clerk_window.windowTitle()
    qtbot.waitUntil(lambda: not clerk_window.isVisible(), timeout=WAIT)
    leader_window.close()
    qtbot.waitUntil(lambda: desktop.account is None, timeout=WAIT)
    desktop.shutdown()


def test_ctrl_q_on_the_serving_window_says_the_others_go_offline(qtbot, store, province, tmp_path, settings):
    desktop, shown = open_desktop(qtbot, province, tmp_path, hosts_server=True)
    window = shown[0]
    window.activateWindow()
    window.act_quit.trigger()  # Ctrl+Q
    box = question(qtbot, window)
    assert box.text() == "Đóng eOffice?"
    assert "máy chủ mẫu dừng" in box.informativeText() and "ngoại tuyến" in box.informativeText()
    qtbot.mouseClick(button(box, "Hủy"), Qt.LeftButton)
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=WAIT)
    assert window.isVisible() and desktop.account is not None

    window.act_quit.trigger()
    qtbot.mouseClick(button(question(qtbot, window), "Đóng eOffice"), Qt.LeftButton)
    qtbot.waitUntil(lambda: desktop.account is None, timeout=WAIT)
    assert not window.isVisible()
    desktop.shutdown()


def test_a_window_that_serves_no_one_closes_without_a_question(qtbot, store, province, tmp_path, settings):
    desktop, shown = open_desktop(qtbot, province, tmp_path)
    shown[0].act_quit.trigger()
    qtbot.waitUntil(lambda: desktop.account is None, timeout=WAIT)
    assert shown[0].confirm_box is None
    desktop.shutdown()
