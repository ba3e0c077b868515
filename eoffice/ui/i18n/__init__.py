"""Translations: Vietnamese is the shipped default, English (the source strings) second.

The ``.ts`` files are the sources kept in git; ``python -m eoffice.ui.i18n.build`` refreshes
them from the code and compiles the ``.qm`` files. When a ``.qm`` is missing at run time
it is compiled on the fly from its ``.ts`` into the cache dir; failing that the UI stays
in English and says so in the log.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

I18N_DIR = Path(__file__).resolve().parent
LANGUAGES = ("vi", "en")
_current = "vi"
_installed: list[QTranslator] = []


def current_language() -> str:
    """The language of the running UI ("vi" or "en"), for DomainError.message()."""
    return _current


def ts_path(language: str) -> Path:
    return I18N_DIR / f"eoffice_{language}.ts"


def qm_path(language: str) -> Path:
    return I18N_DIR / f"eoffice_{language}.qm"


def qt_tool(name: str) -> str | None:
    """Path of a Qt Linguist tool (pyside6-lupdate / pyside6-lrelease) in this environment."""
    beside = Path(sys.executable).with_name(name)
    if beside.exists():
        return str(beside)
    return shutil.which(name)


def compile_ts(ts: Path, qm: Path) -> bool:
    tool = qt_tool("pyside6-lrelease")
    if tool is None or not ts.exists():
        return False
    qm.parent.mkdir(parents=True, exist_ok=True)
    # Written aside and moved in whole: another process (a second window, a test worker)
    # finding the file never reads it half-written.
    partial = qm.with_name(f"{qm.name}.{os.getpid()}.partial")
    done = subprocess.run([tool, "-silent", str(ts), "-qm", str(partial)], capture_output=True, text=True)
    if done.returncode != 0 or not partial.exists():
        log.warning("lrelease failed for %s: %s", ts, done.stderr.strip())
        partial.unlink(missing_ok=True)
        return False
    os.replace(partial, qm)
    return True


def qt_ts_path(language: str) -> Path:
    """Our translation of Qt's own strings, for a language Qt ships none for (Vietnamese)."""
    return I18N_DIR / f"qtbase_{language}.ts"


def qt_qm_path(language: str) -> Path:
    return I18N_DIR / f"qtbase_{language}.qm"


def _find_qm(language: str) -> Path | None:
    return _compiled(ts_path(language), qm_path(language))


def _compiled(ts: Path, shipped: Path) -> Path | None:
    """``shipped`` when it is newer than ``ts``, else a .qm compiled from ``ts`` into the cache."""
    if shipped.exists() and (not ts.exists() or shipped.stat().st_mtime >= ts.stat().st_mtime):
        return shipped
    import platformdirs

    # Named by the .ts's content, not its time: two checkouts (or an upgrade that keeps
    # the cache) never load a .qm compiled from another version's strings.
    digest = hashlib.sha256(ts.read_bytes()).hexdigest()[:16] if ts.exists() else "none"
    cached = Path(platformdirs.user_cache_dir("eoffice", "eoffice")) / "i18n" / digest / shipped.name
    if cached.exists():
        return cached
    if compile_ts(ts, cached):
        return cached
    if shipped.exists():
        return shipped
    return None


def _install_qt_own(app: QCoreApplication, language: str) -> None:
    """Translate Qt's own strings (message box buttons, the file chooser, context menus).

    Qt ships no ``qtbase_vi.qm``, so ours (``qtbase_vi.ts``) is loaded; Qt's, should a
    later Qt ship one, is installed after it and so is asked first.
    """
    ours = _compiled(qt_ts_path(language), qt_qm_path(language))
    theirs = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)) / f"qtbase_{language}.qm"
    loaded = False
    for qm in (ours, theirs):
        if qm is None or not qm.exists():
            continue
        translator = QTranslator(app)
        if translator.load(str(qm)):
            app.installTranslator(translator)
            _installed.append(translator)
            loaded = True
    if not loaded:
        log.warning("no translation of Qt's own dialogs for %r; their buttons stay in English", language)


def install_translator(app: QCoreApplication, language: str = "vi") -> str:
    """Load the UI's translation for ``language``; returns the language actually in use."""
    global _current
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language not in LANGUAGES:
        log.warning("unknown language %r; using Vietnamese", language)
        language = "vi"
    _current = language
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.English, QLocale.UnitedKingdom))
        return language
    qm = _find_qm(language)
    translator = QTranslator(app)
    if qm is None or not translator.load(str(qm)):
        log.warning("no translation for %r (missing %s); the interface stays in English", language, qm_path(language))
        _current = "en"
        return "en"
    app.installTranslator(translator)
    _installed.append(translator)
    QLocale.setDefault(QLocale(QLocale.Vietnamese, QLocale.Vietnam))
    _install_qt_own(app, language)
    return language
