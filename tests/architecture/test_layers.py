"""The house's shape, checked: generic layers never name a capability.

A capability (documents, the work diary, signing, later meetings) is a package that
registers itself through ``eoffice.capabilities``; the machinery below and around it
(operations, sync, the server, the window's shell) must work for a capability it has
never heard of. These tests read every module's imports (at any depth: a function-level
import counts the same) so that a shortcut taken under pressure shows up at once.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from eoffice.capabilities import CAPABILITIES

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "eoffice"

#: The directory (organisations, units, users) is every layer's foundation: who is
#: signed in, who may see what. It registers its synced tables like a capability, but
#: generic code may read its models.
FOUNDATION = "eoffice.directory"
CAPABILITY_PACKAGES = tuple(name for name in CAPABILITIES if name != FOUNDATION)
UI_CAPABILITY_PACKAGES = tuple(f"eoffice.ui.{name.rsplit('.', 1)[1]}" for name in CAPABILITY_PACKAGES)

#: The generic layers, as folders or single modules under eoffice/.
GENERIC = ("ops", "sync", "server", "store", "audit")
#: The window's shell and the UI's generic parts.
UI_GENERIC = ("ui/main_window.py", "ui/section.py", "ui/tasks.py", "ui/rows.py", "ui/sync", "ui/app.py")
#: The modules allowed to list capabilities: that is their job.
LISTING = ("eoffice.capabilities", "eoffice.ui.sections")


def _modules(*places: str) -> Iterator[tuple[str, Path]]:
    for place in places:
        path = PACKAGE / place
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path] if path.exists() else []
        for file in files:
            if "migrations" in file.parts:  # frozen history: a migration names the tables of its day
                continue
            name = ".".join(file.relative_to(ROOT).with_suffix("").parts)
            yield name.removesuffix(".__init__"), file


def _imports(file: Path, module: str) -> Iterator[tuple[int, str]]:
    """Every module ``file`` imports, absolute, with its line."""
    tree = ast.parse(file.read_text(encoding="utf-8"), filename=str(file))
    package = module if file.name == "__init__.py" else module.rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            yield node.lineno, target
            for alias in node.names:  # ``from eoffice import documents``
                yield node.lineno, f"{target}.{alias.name}"


def _within(name: str, packages: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in packages)


def _violations(places: tuple[str, ...], forbidden: tuple[str, ...]) -> list[str]:
    found = []
    for module, file in _modules(*places):
        for line, target in _imports(file, module):
            if _within(target, forbidden) and not _within(target, LISTING):
                found.append(f"{file.relative_to(ROOT)}:{line} imports {target}")
    return sorted(set(found))


def test_the_capabilities_are_listed_and_each_has_its_registration_module() -> None:
    assert len(CAPABILITY_PACKAGES) >= 3
    for name in CAPABILITIES:
        assert (PACKAGE.parent / name.replace(".", "/") / "capability.py").is_file(), name


@pytest.mark.parametrize("layer", GENERIC)
def test_a_generic_layer_imports_no_capability(layer: str) -> None:
    assert _violations((layer,), (*CAPABILITY_PACKAGES, "eoffice.ui")) == []


def test_the_window_shell_imports_no_capability_nor_its_screens() -> None:
    assert _violations(UI_GENERIC, CAPABILITY_PACKAGES + UI_CAPABILITY_PACKAGES) == []


def test_ops_is_below_everything_but_the_listing() -> None:
    """``eoffice.ops`` is what every capability and sync build on: it reaches up to
    neither (the directory's ``User``, every layer's foundation, it names as a type)."""
    above = ("eoffice.sync", "eoffice.server", "eoffice.ui", *CAPABILITY_PACKAGES)
    assert _violations(("ops",), above) == []


def test_qt_lives_only_in_the_ui_package() -> None:
    places = tuple(p.name for p in PACKAGE.iterdir() if p.name != "ui" and (p.is_dir() or p.suffix == ".py"))
    assert _violations(places, ("PySide6", "shiboken6")) == []


def test_the_checker_sees_a_forbidden_import(tmp_path: Path) -> None:
    """The check itself: relative and function-level imports are resolved and caught."""
    file = tmp_path / "probe.py"
    file.write_text(
        "from .models import X\n"
        "def later():\n"
        "    from eoffice.documents import visibility\n"
        "    import eoffice.worklog.entries\n",
        encoding="utf-8",
    )
    targets = {target for _, target in _imports(file, "eoffice.sync.probe")}
    assert "eoffice.sync.models" in targets
    assert "eoffice.documents.visibility" in targets
    assert "eoffice.worklog.entries" in targets


def test_nothing_but_the_command_line_imports_the_ui() -> None:
    """The domain, sync and server run headless (the server has no Qt at all); only
    ``eoffice/cli.py`` opens the window."""
    places = tuple(
        p.name for p in PACKAGE.iterdir() if p.name not in ("ui", "cli.py") and (p.is_dir() or p.suffix == ".py")
    )
    assert _violations(places, ("eoffice.ui",)) == []


def test_a_desktop_loads_the_capabilities_without_the_web_framework() -> None:
    """A capability's HTTP routes are in its ``routes`` module, which only the server
    imports (``capabilities.load_routes``): the desktop does not pay FastAPI's import
    (a third of a second, some 15 MB) to count its sidebar; the server still mounts them.
    Nor pydantic (12 MB), which only the live session's messages are made of: a
    capability imports them where it makes one."""
    probe = (
        "import sys\n"
        "from eoffice import capabilities\n"
        "from eoffice.startup import prepare\n"
        "prepare()\n"  # what a desktop runs first: every capability, every table
        "print(sorted(m for m in ('fastapi', 'starlette', 'uvicorn', 'pydantic') if m in sys.modules))\n"
        "capabilities.load_routes()\n"
        "from eoffice.server.routes import ROUTERS\n"
        "print(sorted({r.path for router in ROUTERS for r in router.routes if '/votes' in r.path})[:1])\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    loaded, routes = out.stdout.splitlines()
    assert loaded == "[]"
    assert routes == "['/meetings/{meeting_id}/votes']"
