"""Refresh the .ts sources from the code and compile the .qm files.

Run ``python -m eoffice.ui.i18n.build`` (or ``make translations``) after changing any
visible string; then translate the new entries in ``eoffice_vi.ts`` (Qt Linguist, or by
hand) and run it again.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from eoffice.ui.i18n import I18N_DIR, LANGUAGES, qm_path, qt_qm_path, qt_tool, qt_ts_path, ts_path

UI_DIR = I18N_DIR.parent


def sources() -> list[Path]:
    return sorted(p for p in UI_DIR.rglob("*.py") if "i18n" not in p.parts)


def update(ts_files: list[Path]) -> None:
    tool = qt_tool("pyside6-lupdate")
    if tool is None:
        raise SystemExit("pyside6-lupdate not found; install PySide6 in this environment")
    for ts in ts_files:
        args = [tool, "-no-obsolete", "-locations", "none", *map(str, sources()), "-ts", str(ts)]
        if ts.name.endswith("_en.ts"):
            args[1:1] = ["-source-language", "en", "-target-language", "en"]
        else:
            args[1:1] = ["-source-language", "en", "-target-language", "vi"]
        subprocess.run(args, check=True, capture_output=True)


def release() -> None:
    tool = qt_tool("pyside6-lrelease")
    if tool is None:
        raise SystemExit("pyside6-lrelease not found; install PySide6 in this environment")
    for language in LANGUAGES:
        subprocess.run([tool, "-silent", str(ts_path(language)), "-qm", str(qm_path(language))], check=True)
        if qt_ts_path(language).exists():  # Qt's own strings, kept by hand (lupdate does not touch it)
            subprocess.run([tool, "-silent", str(qt_ts_path(language)), "-qm", str(qt_qm_path(language))], check=True)


def main() -> int:
    update([ts_path(language) for language in LANGUAGES])
    release()
    print(f"translations updated in {I18N_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
