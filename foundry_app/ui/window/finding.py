"""The window's "Find" menu: quick open, and the panels that find things in the library.

`install_finding(window)` builds the parts and wires them with the window's own
`open_path` / `documents`; main_window calls it once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from foundry_app.ui.panels.quick_open import QuickOpen

if TYPE_CHECKING:
    from foundry_app.ui.window.main_window import MainWindow


class Finding:
    """What install_finding built, so tests and other parts can reach it."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.quick_open = QuickOpen(window)
        self.quick_open.fileChosen.connect(window.open_path)
        self.menu = _menu_before_help(window, "F&ind")
        self.quick_open_action = self._action("&Quick Open…", self.show_quick_open, "Ctrl+P")

    def _action(self, text: str, slot, shortcut: str | None = None) -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.menu.addAction(action)
        self.window.addAction(action)  # the shortcut works with the menu bar hidden too
        return action

    def show_quick_open(self) -> None:
        library = self.window.library
        if library is None:
            return
        self.quick_open.open_for(library.root, library.markdown_files())


def _menu_before_help(window: MainWindow, title: str) -> QMenu:
    bar = window.menuBar()
    menu = QMenu(title, window)
    help_menu = next((a for a in bar.actions() if a.text().replace("&", "") == "Help"), None)
    if help_menu is None:
        bar.addMenu(menu)
    else:
        bar.insertMenu(help_menu, menu)
    return menu


def install_finding(window: MainWindow) -> Finding:
    return Finding(window)
