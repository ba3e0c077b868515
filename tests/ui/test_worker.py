"""The database worker: results and both kinds of errors come back on the GUI thread."""

from __future__ import annotations

import threading

from eoffice.errors import ValidationError
from eoffice.ui.tasks import DbWorker


def test_writes_run_in_order_off_the_gui_thread(qtbot, sqlite_store):
    worker = DbWorker(sqlite_store)
    gui = threading.get_ident()
    seen: list[tuple[int, bool]] = []
    for n in range(5):
        worker.call("step", lambda n=n: (n, threading.get_ident() != gui), seen.append)
    qtbot.waitUntil(lambda: len(seen) == 5)
    assert seen == [(n, True) for n in range(5)]
    worker.shutdown()


def test_a_domain_error_is_reported_with_its_message(qtbot, sqlite_store):
    worker = DbWorker(sqlite_store)

    def fail(session):  # type: ignore[no-untyped-def]
        raise ValidationError("Trích yếu không được để trống.", "The subject is required.", field="subject")

    with qtbot.waitSignal(worker.domain_error) as blocker:
        worker.write("bad", fail)
    assert blocker.args[0].message("vi") == "Trích yếu không được để trống."
    worker.shutdown()


def test_a_bug_is_reported_with_its_traceback(qtbot, sqlite_store, caplog):
    worker = DbWorker(sqlite_store)
    with qtbot.waitSignal(worker.program_error) as blocker:
        worker.read("bug", lambda session: 1 / 0)
    err, trace = blocker.args
    assert isinstance(err, ZeroDivisionError)
    assert "ZeroDivisionError" in trace and "Traceback" in trace
    assert "ZeroDivisionError" in caplog.text
    worker.shutdown()


def test_a_program_error_shows_a_bug_report_in_the_window(qtbot, window):
    with qtbot.waitSignal(window.worker.finished):
        window.worker.call("bug", lambda: {}["missing"])
    assert window.message_box is not None
    assert window.message_box.windowTitle() == "Lỗi chương trình"
    assert "KeyError" in window.message_box.detailedText()
