"""UI tests run offscreen, on SQLite, in Vietnamese (the shipped default)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest

from pytestqt.qtbot import QtBot

from tests.conftest import World, make_world, need
from tests.signing.conftest import have_font, softhsm_token, test_pki  # noqa: F401  (fixtures of the signing tests)
from tests.sync.http_support import memory_keyring, province  # noqa: F401  (fixtures of the synced desktop tests)
from tests.waiting import PATIENCE

#: The least a Qt wait of a test may take before it fails (ms): see tests/waiting.py.
QT_PATIENCE = int(PATIENCE * 1000)


class PatientQtBot(QtBot):
    """pytest-qt's bot, whose waits for a signal or a condition give up after
    ``QT_PATIENCE`` at the least, whatever a test asked (pytest-qt's own default is 5 s):
    a wait ends as soon as its signal comes, so a long bound costs a failing test only, and
    a window busy on a loaded machine still passes."""

    def waitUntil(self, callback, *, timeout: int = QT_PATIENCE):  # type: ignore[no-untyped-def,override]
        return super().waitUntil(callback, timeout=max(timeout, QT_PATIENCE))

    def waitSignal(self, signal, *, timeout: int = QT_PATIENCE, **options):  # type: ignore[no-untyped-def,override]
        return super().waitSignal(signal, timeout=max(timeout, QT_PATIENCE), **options)

    def waitSignals(self, signals, *, timeout: int = QT_PATIENCE, **options):  # type: ignore[no-untyped-def,override]
        return super().waitSignals(signals, timeout=max(timeout, QT_PATIENCE), **options)

    def waitCallback(self, *, timeout: int = QT_PATIENCE, **options):  # type: ignore[no-untyped-def,override]
        return super().waitCallback(timeout=max(timeout, QT_PATIENCE), **options)

    def waitActive(self, widget, *, timeout: int = QT_PATIENCE):  # type: ignore[no-untyped-def,override]
        return super().waitActive(widget, timeout=max(timeout, QT_PATIENCE))

    def waitExposed(self, widget, *, timeout: int = QT_PATIENCE):  # type: ignore[no-untyped-def,override]
        return super().waitExposed(widget, timeout=max(timeout, QT_PATIENCE))


@pytest.fixture
def qtbot(qapp, request):  # type: ignore[no-untyped-def]
    """pytest-qt's ``qtbot``, patient (``PatientQtBot``)."""
    return PatientQtBot(request)


@pytest.fixture(autouse=True)
def vietnamese(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    from eoffice.ui.i18n import install_translator

    assert install_translator(qapp, "vi") == "vi"
    yield


@pytest.fixture
def letter(tmp_path: Path) -> Path:
    """A letter whose signature block reads CHỦ TỊCH / Nguyễn Văn Đức (the test leader)."""
    need(have_font(), "no Vietnamese font (apt install fonts-liberation2)")
    from eoffice.demo.pdfs import write_document

    return write_document(
        tmp_path / "du-thao.pdf", organ_name="Ủy ban nhân dân tỉnh Nghệ An", number_label="", type_name="Công văn",
        subject="Về việc chuyển đổi số", body="Nội dung dự thảo. " * 10, signer_position="Chủ tịch",
        signer_full_name="Nguyễn Văn Đức",
    )


@pytest.fixture
def ui_world(sqlite_store) -> World:  # type: ignore[no-untyped-def]
    return make_world(sqlite_store)


@pytest.fixture
def window(qtbot, ui_world, blobs):  # type: ignore[no-untyped-def]
    """The main window as the clerk, with the demo user switcher."""
    from eoffice.ui.app import create_main_window

    w = ui_world
    demo = [
        (w.clerk_id, "Trần Thị Thu — văn thư"),
        (w.leader_id, "Nguyễn Văn Đức — lãnh đạo"),
        (w.officer_id, "Lê Minh Anh — chuyên viên"),
    ]
    win = create_main_window(w.store, blobs, w.clerk_id, demo)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: bool(win.section("documents").counts), timeout=10_000)
    yield win
    win.close()
