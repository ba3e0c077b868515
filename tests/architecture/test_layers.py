"""The layering of DESIGN.md, checked rather than hoped for."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "eoffice"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_qt_is_imported_only_in_the_ui_package():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] == "ui":
            continue
        if any(name == "PySide6" or name.startswith("PySide6.") for name in _imports(path)):
            offenders.append(str(relative))
    assert offenders == [], f"Qt imported outside eoffice/ui/: {offenders}"


def test_domain_does_not_import_the_ui():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] == "ui" or relative.name in {"cli.py"}:
            continue
        if any(name.startswith("eoffice.ui") for name in _imports(path)):
            offenders.append(str(relative))
    assert offenders == [], f"domain modules importing the UI: {offenders}"
