"""run_app in its own process: the window opens in Vietnamese and the loop returns 0."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.waiting import PATIENCE

SCRIPT = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from eoffice.store import Store
    from eoffice.store.blobs import BlobStore
    from eoffice.ui.app import application, run_app
    from eoffice.ui.main_window import MainWindow
    from tests.conftest import make_world

    base = Path(sys.argv[1])
    store = Store(f"sqlite:///{base / 'e.sqlite3'}")
    store.migrate()
    world = make_world(store)
    app = application("vi")

    def look_then_close():
        for w in QApplication.topLevelWidgets():
            if isinstance(w, MainWindow) and w.isVisible():
                print("TITLE", w.windowTitle(), "BOXES", w.sidebar.item(0).text(), flush=True)
                w.close()  # the last window closing ends the loop
                return
        QTimer.singleShot(50, look_then_close)  # not shown yet (a busy machine): look again

    QTimer.singleShot(0, look_then_close)
    code = run_app(store, BlobStore(base / "blobs"), world.clerk_id, language="vi")
    print("EXIT", code, flush=True)
    """
)


def test_run_app_opens_the_window_and_returns(tmp_path):
    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(root), XDG_CACHE_HOME=str(tmp_path / "cache"))
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path)], env=env, cwd=root, capture_output=True, text=True,
        timeout=PATIENCE,
    )
    assert done.returncode == 0, done.stderr
    assert "TITLE eOffice — Trần Thị Thu (Văn thư) BOXES Văn bản đến" in done.stdout
    assert "EXIT 0" in done.stdout



def test_the_window_fits_a_1366_by_768_laptop_and_opens_within_the_screen(window):
    """The common government laptop: the window can be that small, and it opens within the
    available area (not 1500×900 past the edges) as far as its minimum allows."""
    smallest = window.minimumSizeHint().expandedTo(window.minimumSize())
    assert smallest.width() <= 1366 - 40 and smallest.height() <= 768 - 60
    area = window.screen().availableGeometry()
    assert window.height() <= area.height()
    assert window.width() <= max(area.width(), smallest.width())


def test_each_menu_of_the_menu_bar_opens_with_its_own_alt_key(window):
    """Alt and a letter opens one menu: "&Xử lý" and "&Xem" both took Alt+X (WORDING.md)."""
    def mnemonic(title: str) -> str:
        """The letter after the "&" that is not "&&" (Qt's rule), lower-cased."""
        i = 0
        while (i := title.find("&", i)) != -1 and i + 1 < len(title):
            if title[i + 1] != "&":
                return title[i + 1].lower()
            i += 2
        return ""

    titles = [action.text() for action in window.menuBar().actions() if action.text()]
    letters = [mnemonic(title) for title in titles]
    assert all(letters), titles
    assert len(set(letters)) == len(letters), titles
