"""The one place that lists the capabilities: a new capability is one line here.

Each capability is a package with a ``capability`` module that, when imported,
registers what the capability brings to the generic machinery: its operation kinds
(``eoffice.ops``), its synced tables (``eoffice.sync``), its live events
(``eoffice.server``); and, if it serves HTTP routes of its own, a ``routes`` module
that registers its routers, imported by the server only (:func:`load_routes`): a
desktop does not load the web framework to show its sidebar. The window's sections
are listed by the UI's own counterpart, ``eoffice.ui.sections``, for the same
capabilities. The generic layers call :func:`load` before they read a registry, and
never import a capability themselves.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module
from importlib.util import find_spec

#: In dependency order: a capability may build on the ones above it.
CAPABILITIES: tuple[str, ...] = (
    "eoffice.directory",
    "eoffice.documents",
    "eoffice.signing",
    "eoffice.worklog",
    "eoffice.meetings",
)


@cache
def load() -> None:
    """Import every capability's registrations (once; later calls return at once)."""
    for package in CAPABILITIES:
        import_module(f"{package}.capability")


@cache
def load_routes() -> None:
    """``load``, then every capability's ``routes`` module (the server, before it mounts
    the routers ``server.routes.register_router`` collected)."""
    load()
    for package in CAPABILITIES:
        if find_spec(f"{package}.routes") is not None:
            import_module(f"{package}.routes")
