"""UI tests run offscreen, on SQLite, in Vietnamese (the shipped default)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402

import pytest  # noqa: E402

from tests.conftest import World, make_world  # noqa: E402


@pytest.fixture(autouse=True)
def vietnamese(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    from eoffice.ui.i18n import install_translator

    assert install_translator(qapp, "vi") == "vi"
    yield


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
    qtbot.waitUntil(lambda: bool(win.counts), timeout=10_000)
    yield win
    win.close()
