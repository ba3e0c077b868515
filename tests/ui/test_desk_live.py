"""Desks signed in to one real server: the lists follow what arrives at once.

A direction made in the leader's window reaches the officer's list as soon as its rows are
pulled, without waiting for the round's PDF text and files; the clerk who registered
offline-first is told the arrival number when the server gives it.
"""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QDate, Qt

from eoffice.documents.boxes import Box
from eoffice.documents.types import LineRole
from tests.ui.helpers import click_row, drop_files, type_text
from tests.ui.test_synced_desktop import WAIT, _close, _desk

pytestmark = pytest.mark.parametrize("store", ["sqlite"], indirect=True)


def test_the_list_follows_a_direction_before_the_files_arrive(qtbot, store, province, tmp_path, pdf_factory):
    w = province.world
    clerk = _desk(qtbot, province, tmp_path, "vanthu")
    leader = _desk(qtbot, province, tmp_path, "lanhdao")
    officer = _desk(qtbot, province, tmp_path, "chuyenvien")
    release = threading.Event()
    try:
        # The clerk registers; the number is the server's to give, and the clerk is told it.
        docs = clerk.section("documents")
        docs.act_register.trigger()
        dialog = docs.dialog
        drop_files(dialog, [pdf_factory(subject="Về việc chuyển đổi số năm 2026")])
        type_text(dialog.organ_name, "Sở Nội vụ tỉnh Nghệ An")
        type_text(dialog.code_number, "15")
        type_text(dialog.code_notation, "SNV-VP")
        dialog.issued_date.setDate(QDate.currentDate().addDays(-2))
        type_text(dialog.subject.edit, "Về việc chuyển đổi số năm 2026")
        with qtbot.waitSignal(dialog.succeeded, timeout=WAIT):
            qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
        document_id = dialog.document_id
        assert dialog.arrival_number is None
        # Open at once, even before its box lists it.
        qtbot.waitUntil(lambda: docs.current is not None and docs.current.id == document_id, timeout=WAIT)
        qtbot.waitUntil(
            lambda: "Máy chủ đã cấp số đến 01" in clerk.statusBar().currentMessage(), timeout=WAIT
        )

        # The officer's files are slow to come: the round is held in its downloads.
        assert officer.account is not None and officer.account.live is not None
        qtbot.waitUntil(lambda: officer.account.live.ready.is_set(), timeout=WAIT)
        client = officer.account.engine.client
        download = client.download_blob
        downloading = threading.Event()

        def slow_download(*args, **kwargs):  # type: ignore[no-untyped-def]
            downloading.set()
            release.wait(120)
            return download(*args, **kwargs)

        client.download_blob = slow_download  # type: ignore[method-assign]
        rounds_with_rows: list[int] = []
        officer.bridge.round_done.connect(lambda report: rounds_with_rows.append(report.rows))

        leader.account.engine.wake()
        qtbot.waitUntil(lambda: leader.section("documents").counts.get(Box.WAITING_FOR_ME) == 1, timeout=WAIT)
        click_row(qtbot, leader, document_id)
        leader.section("documents").act_direct.trigger()
        direct = leader.section("documents").dialog
        direct.lines.select_role(LineRole.LEAD)
        direct.lines.select_assignee("user", w.officer_id)
        qtbot.mouseClick(direct.lines.add_button, Qt.LeftButton)
        with qtbot.waitSignal(leader.changed, timeout=WAIT):
            qtbot.mouseClick(direct.ok_button, Qt.LeftButton)

        # The officer's list shows the task while the round still waits for the PDF.
        mine = officer.section("documents")
        assert mine.model.box is Box.WAITING_FOR_ME
        qtbot.waitUntil(lambda: mine.model.find_row(document_id) >= 0, timeout=WAIT)
        assert not any(rounds_with_rows)  # no round that brought the rows had ended
        assert mine.model.row_at(mine.model.find_row(document_id)).state == "directed"
        qtbot.waitUntil(lambda: mine.counts.get(Box.WAITING_FOR_ME) == 1, timeout=WAIT)
        # That round is held in the PDF's download meanwhile.
        qtbot.waitUntil(downloading.is_set, timeout=WAIT)
        assert not any(rounds_with_rows)
    finally:
        release.set()
        for window in (officer, leader, clerk):
            _close(window)
