"""The first start of the demo seeds for about a minute: a window shows its steps at once,
the seeding runs behind it, and the desktop opens when it is done."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from eoffice.errors import DomainError
from eoffice.ui.app import StartupProgress, prepare_with_progress
from tests.waiting import PATIENCE


def startup_dialog() -> StartupProgress | None:
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, StartupProgress) and w.isVisible()), None)


def test_the_first_start_shows_its_steps_at_once_while_seeding_runs_behind(qtbot):
    gate = threading.Event()
    seen: list[tuple[str, int, int]] = []
    worker_threads: list[threading.Thread] = []

    def seed(progress):  # type: ignore[no-untyped-def]
        worker_threads.append(threading.current_thread())
        progress(0, 0, "database")
        progress(0, 0, "people")
        progress(1200, 2000, "documents")
        assert gate.wait(PATIENCE)  # the window is seen while this job still runs
        progress(0, 0, "server")
        return "served"

    def look() -> None:
        dialog = startup_dialog()
        if dialog is not None and "1.200/2.000" in dialog.labelText():
            dialog.reject()  # Escape, or the window's close: it stays until the work is done
            dialog.close()
            assert dialog.isVisible()
            seen.append((dialog.labelText(), dialog.value(), dialog.maximum()))
            gate.set()
            return
        QTimer.singleShot(20, look)

    QTimer.singleShot(0, look)
    assert prepare_with_progress(seed) == "served"
    [(text, value, maximum)] = seen
    assert text.startswith("Lần chạy đầu tiên, eOffice tạo dữ liệu mẫu (khoảng một phút).")
    assert text.endswith("Đang tạo văn bản mẫu: 1.200/2.000")
    assert (value, maximum) == (1200, 2000)
    assert worker_threads[0] is not threading.main_thread()
    assert startup_dialog() is None  # gone once the desktop can open


def test_a_failed_start_raises_its_error_after_the_window_goes(qtbot):
    def seed(progress):  # type: ignore[no-untyped-def]
        progress(0, 0, "database")
        raise DomainError("Cơ sở dữ liệu mẫu bị khóa.", "The demo database is locked.")

    with pytest.raises(DomainError, match="bị khóa"):
        prepare_with_progress(seed)
    assert startup_dialog() is None
