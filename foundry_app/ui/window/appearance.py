"""View → Theme and the zoom actions: the window's look, applied live and remembered.

The theme goes to the whole application (themes()); the fonts are the editor's and the
preview's, zoomed together by the same number of steps.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QFont, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from foundry_app.core.preferences import KEYS
from foundry_app.ui.theme import CHOICES, DEFAULT_CHOICE, Theme, themes
from foundry_app.ui.theme.fonts import default_editor_font, default_preview_font, zoomed

THEME_KEY = KEYS["theme"]
THEME_ENV = "FOUNDRY_THEME"  # light / dark / system when nothing is stored (screenshots)
ZOOM_KEY = "appearance/zoom"


class Appearance(QObject):
    """Owns the Theme submenu and the zoom actions of one window."""

    def __init__(self, window: QMainWindow, settings) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.editor_base: QFont = default_editor_font()
        self.preview_base: QFont = default_preview_font()
        self.zoom_steps = _int(settings.value(ZOOM_KEY, 0))
        self.theme_actions: dict[str, QAction] = {}
        self._build_actions(_view_menu(window))
        fallback = os.environ.get(THEME_ENV) or DEFAULT_CHOICE
        self.set_theme(str(settings.value(THEME_KEY, fallback) or fallback))
        self._apply_fonts()

    # --- theme --------------------------------------------------------------------------

    @property
    def choice(self) -> str:
        return themes().choice

    @property
    def theme(self) -> Theme:
        return themes().theme

    def set_theme(self, choice: str) -> Theme:
        theme = themes().set_choice(choice)
        self.settings.setValue(THEME_KEY, themes().choice)
        action = self.theme_actions.get(themes().choice)
        if action is not None:
            action.setChecked(True)
        return theme

    # --- fonts and zoom -------------------------------------------------------------------

    def set_base_fonts(self, editor: QFont, preview: QFont) -> None:
        """The unzoomed fonts (from the preferences); the zoom applies on top."""
        self.editor_base, self.preview_base = QFont(editor), QFont(preview)
        self._apply_fonts()

    def zoom_in(self) -> None:
        self._zoom(self.zoom_steps + 1)

    def zoom_out(self) -> None:
        self._zoom(self.zoom_steps - 1)

    def reset_zoom(self) -> None:
        self._zoom(0)

    def _zoom(self, steps: int) -> None:
        self.zoom_steps = max(-8, min(40, steps))
        self.settings.setValue(ZOOM_KEY, self.zoom_steps)
        self._apply_fonts()

    def _apply_fonts(self) -> None:
        self.window.editor.setFont(zoomed(self.editor_base, self.zoom_steps))
        self.window.preview.setFont(zoomed(self.preview_base, self.zoom_steps))

    # --- menus ------------------------------------------------------------------------------

    def _build_actions(self, view: QMenu) -> None:
        view.addSeparator()
        theme_menu = view.addMenu("&Theme")
        theme_menu.setObjectName("themeMenu")
        group = QActionGroup(self)
        group.setExclusive(True)
        for choice, title in CHOICES:
            action = QAction(title, self.window)
            action.setCheckable(True)
            action.setObjectName(f"theme_{choice}")
            action.triggered.connect(lambda _on=False, c=choice: self.set_theme(c))
            group.addAction(action)
            theme_menu.addAction(action)
            self.theme_actions[choice] = action
        view.addSeparator()
        self.zoom_in_action = self._add(view, "Zoom &In", self.zoom_in, "Ctrl+=", "Ctrl++")
        self.zoom_out_action = self._add(view, "Zoom &Out", self.zoom_out, "Ctrl+-")
        self.reset_zoom_action = self._add(view, "&Reset Zoom", self.reset_zoom, "Ctrl+0")

    def _add(self, menu: QMenu, text: str, slot, *keys: str) -> QAction:
        action = QAction(text, self.window)
        action.setShortcuts([QKeySequence(key) for key in keys])
        action.triggered.connect(slot)
        menu.addAction(action)
        self.window.addAction(action)  # works while the menu bar is hidden too
        return action


def _view_menu(window: QMainWindow) -> QMenu:
    """The window's View menu (made by build_menus), or a new one at the end."""
    for action in window.menuBar().actions():
        menu = action.menu()
        if menu is not None and action.text().replace("&", "") == "View":
            return menu
    return window.menuBar().addMenu("&View")


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
