"""Signing in on a new computer, and opening again later — online or not — without the
password, through the real dialogs and a real server on loopback."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from eoffice.sync.account import Profile
from eoffice.ui.session import Desktop
from eoffice.ui.sync.first_sync import FirstSyncDialog
from eoffice.ui.sync.login_dialog import LoginDialog
from tests.server.conftest import PASSWORD
from tests.ui.helpers import type_text

pytestmark = pytest.mark.parametrize("store", ["sqlite"], indirect=True)

WAIT = 20_000


@pytest.fixture
def settings(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """QSettings of this test only (the last server and username are remembered there)."""
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp_path / "settings"))
    QSettings().clear()
    yield
    QSettings().clear()


def _desktop(tmp_path: Path) -> Desktop:
    return Desktop(profile_for=lambda url, name: Profile.of(url, name, base=tmp_path / "desktop"))


def test_a_new_computer_asks_for_the_password_and_says_why_it_was_refused(qtbot, store, province, tmp_path, settings):
    desktop = _desktop(tmp_path)
    shown: list[object] = []
    desktop.window_shown.connect(shown.append)
    desktop.start()
    dialog = desktop.dialog
    assert isinstance(dialog, LoginDialog) and dialog.isVisible()
    type_text(dialog.server, province.url)
    type_text(dialog.username, "chuyenvien")
    type_text(dialog.password, "not-the-password")
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.error_text), timeout=WAIT)
    assert dialog.error_text == "Tên đăng nhập hoặc mật khẩu không đúng."
    assert dialog.password.text() == ""  # never kept
    assert dialog.isVisible()

    type_text(dialog.password, PASSWORD)
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: bool(shown), timeout=WAIT)
    window = shown[0]
    assert isinstance(desktop.dialog, FirstSyncDialog)  # the first sync ran before the window
    assert window.user_id == province.world.officer_id
    assert QSettings().value("sync/username") == "chuyenvien"
    window.close()
    qtbot.waitUntil(lambda: desktop.account is None, timeout=WAIT)


def test_the_next_start_opens_at_once_even_with_the_server_away(qtbot, store, province, tmp_path, settings):
    first = _desktop(tmp_path)
    shown: list[object] = []
    first.window_shown.connect(shown.append)
    first.start()
    dialog = first.dialog
    type_text(dialog.server, province.url)
    type_text(dialog.username, "vanthu")
    type_text(dialog.password, PASSWORD)
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: bool(shown), timeout=WAIT)
    shown.pop().close()
    qtbot.waitUntil(lambda: first.account is None, timeout=WAIT)

    province.server.stop()
    again = _desktop(tmp_path)
    again.window_shown.connect(shown.append)
    again.start()  # no password asked: the refresh token is in the keyring, the data here
    qtbot.waitUntil(lambda: bool(shown), timeout=WAIT)
    window = shown[0]
    assert not isinstance(again.dialog, LoginDialog)
    assert window.user_id == province.world.clerk_id
    qtbot.waitUntil(lambda: window.sync_area.state.text().startswith("Ngoại tuyến"), timeout=WAIT)
    window.close()
    qtbot.waitUntil(lambda: again.account is None, timeout=WAIT)


def test_the_demo_switcher_opens_the_other_users_own_desktop(qtbot, store, province, tmp_path, settings):
    w = province.world
    people = [(w.clerk_id, "vanthu", "Trần Thị Thu — văn thư"), (w.leader_id, "lanhdao", "Nguyễn Văn Đức — lãnh đạo")]
    desktop = Desktop(
        server_url=province.url, username="vanthu", password=PASSWORD, demo_people=people,
        profile_for=lambda url, name: Profile.of(url, name, base=tmp_path / "desktop"),
    )
    shown: list[object] = []
    desktop.window_shown.connect(shown.append)
    desktop.start()
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=WAIT)
    clerk_window = shown[0]
    clerk_account = desktop.account
    assert clerk_window.user_id == w.clerk_id
    combo = clerk_window.user_switcher
    combo.setCurrentIndex(combo.findData(w.leader_id))
    qtbot.waitUntil(lambda: clerk_window.confirm_box is not None and clerk_window.confirm_box.isVisible())
    qtbot.mouseClick(clerk_window.confirm_box.defaultButton(), Qt.LeftButton)  # "Mở"
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=WAIT)
    leader_window = shown[1]
    assert leader_window.user_id == w.leader_id
    assert desktop.account is not clerk_account
    assert desktop.account.profile.root != clerk_account.profile.root  # their own database
    qtbot.waitUntil(lambda: not clerk_window.isVisible(), timeout=WAIT)
    assert leader_window.isVisible()
    leader_window.close()
    qtbot.waitUntil(lambda: desktop.account is None, timeout=WAIT)
    desktop.shutdown()
