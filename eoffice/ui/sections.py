"""The one UI place that lists the window's sections, mirroring ``eoffice.capabilities``.

A capability with screens adds one line here: its ``ui/<capability>/section.py`` module
and the ``Section`` class in it. The order is the order of the sidebar, of the stacked
area and of the menus' contributions; a section may build on the ones above it (signing
acts on the document on screen).
"""

from __future__ import annotations

from importlib import import_module

from eoffice.ui.section import Section

SECTIONS: tuple[tuple[str, str], ...] = (
    ("eoffice.ui.documents.section", "DocumentsSection"),
    ("eoffice.ui.signing.section", "SigningSection"),
    ("eoffice.ui.worklog.section", "DiarySection"),
    ("eoffice.ui.meetings.section", "MeetingsSection"),
)


def section_classes() -> list[type[Section]]:
    """The sections' classes, in order (imported on first use: the shell names none)."""
    return [getattr(import_module(module), name) for module, name in SECTIONS]
