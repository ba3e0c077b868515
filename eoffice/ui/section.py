"""A capability's part of the main window: what a section brings, and how it refreshes.

The window (``eoffice.ui.main_window``) is a shell: sidebar, stacked area, menus,
toolbar, status bar and the sync UI. Each capability adds a ``Section``
(``eoffice.ui.sections`` lists them): its sidebar entries, its actions placed in menus
and on the toolbar (with their shortcuts), its widget in the stacked area. After an
operation or a sync round the shell passes every section the ``Changes`` it made; a
section shown refreshes what those tables touch, a hidden one only remembers that it is
stale and refreshes when it is shown again (Anki's ``OpChanges`` reaching each screen).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QMimeData, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QListWidgetItem, QWidget

from eoffice.ops.changes import NOTHING, Changes

if TYPE_CHECKING:
    from eoffice.ui.main_window import MainWindow


@dataclass(frozen=True)
class Menu:
    """A menu of the menu bar, by key; menus are ordered by ``order``.

    Several sections may place actions in one menu (``view``); the shell declares the
    generic ones (``file``, ``view``), a section's declaration of the same key names it.
    """

    key: str
    title: str
    order: int


@dataclass(frozen=True)
class Placed:
    """An action in a menu at a position (``None``: a separator)."""

    menu: str
    at: int
    action: QAction | None


class Section(QObject):
    """One capability's screens and actions in the window (subclass per capability)."""

    #: The section's name: ``window.section(name)``.
    name: ClassVar[str] = ""
    #: The tables whose changes this section shows (by SQL name); others leave it alone.
    tables: ClassVar[frozenset[str]] = frozenset()
    #: Operation kinds whose answer from the server is shown as a toast, not only listed.
    toast_kinds: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        #: The section's screen in the stacked area (None: it only adds actions).
        self.widget: QWidget | None = None
        self.sidebar: list[QListWidgetItem] = []
        self.menus: list[Menu] = []
        self.placed: list[Placed] = []
        self.toolbar: list[tuple[int, QAction]] = []
        self.visible = False
        #: What changed while the section was hidden (refreshed when it is shown).
        self.missed: Changes = NOTHING

    # -- building ---------------------------------------------------------------------

    def action(
        self,
        text: str,
        slot: Callable[..., Any],
        shortcut: str | list[str] | None = None,
        tip: str = "",
        *,
        menu: str | None = None,
        at: int = 0,
        toolbar: int | None = None,
    ) -> QAction:
        """An action of the window (its shortcut works everywhere in it), placed in
        ``menu`` at ``at`` and on the toolbar at ``toolbar`` when given."""
        action = QAction(text, self.window)
        if isinstance(shortcut, list):
            action.setShortcuts([QKeySequence(s) for s in shortcut])
        elif shortcut:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.window.addAction(action)
        if menu is not None:
            self.placed.append(Placed(menu, at, action))
        if toolbar is not None:
            self.toolbar.append((toolbar, action))
        return action

    def separator(self, menu: str, at: int) -> None:
        self.placed.append(Placed(menu, at, None))

    # -- what the shell calls ---------------------------------------------------------

    def activate(self, item: QListWidgetItem) -> None:
        """One of this section's sidebar entries was chosen (the section is shown)."""

    def on_changes(self, changes: Changes) -> None:
        """Tables changed: refresh what they touch now if shown, else when shown."""
        if not changes.touches(*self.tables):
            return
        if self.visible:
            self.refresh(changes)
        else:
            self.missed = self.missed | changes

    def refresh(self, changes: Changes) -> None:
        """Read again what ``changes`` touch (the section is on screen)."""

    def shown(self) -> None:
        self.visible = True
        if self.missed:
            missed, self.missed = self.missed, NOTHING
            self.refresh(missed)

    def hidden(self) -> None:
        self.visible = False

    def set_user(self, user_id: str) -> None:
        """The window now acts as another user (the standalone demo's switcher)."""

    def update_actions(self) -> None:
        """Enable what the user may do now (after a change of user or of selection)."""

    def open(self, target_id: str) -> bool:
        """Show the item a notification names, when it is this section's."""
        return False

    def accepts_drop(self, mime: QMimeData) -> bool:
        return False

    def drop(self, mime: QMimeData) -> bool:
        """Take dropped data (files); True when taken."""
        return False

    def close(self) -> None:
        """The window closes: stop timers."""
