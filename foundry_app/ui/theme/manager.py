"""The theme in force for the whole application, and the one signal that announces a change.

Widgets read `themes().theme` when they paint and connect `themes().changed` to repaint;
the palette goes to the QApplication, so dialogs, menus and tooltips follow too.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QPalette

from foundry_app.core.preferences import DEFAULTS
from foundry_app.ui.theme.palettes import DARK, LIGHT, THEMES, Theme
from foundry_app.ui.theme.style import themed_style

SYSTEM = "system"
CHOICES = (("light", "Light"), ("dark", "Dark"), (SYSTEM, "Follow System"))
DEFAULT_CHOICE = DEFAULTS.theme


def resolve(choice: str, system_is_dark: bool) -> Theme:
    """The theme a stored choice stands for; an unknown choice follows the system."""
    if choice in THEMES:
        return THEMES[choice]
    return DARK if system_is_dark else LIGHT


class ThemeManager(QObject):
    changed = Signal(object)  # Theme

    def __init__(self) -> None:
        super().__init__()
        # what the platform gave us, read before our own palette replaces it
        window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
        self._startup_palette_dark = window.lightness() < 128
        self.choice = DEFAULT_CHOICE
        self.theme = LIGHT
        hints = QGuiApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):  # Qt 6.5+
            hints.colorSchemeChanged.connect(self._on_system_scheme_changed)

    def system_is_dark(self) -> bool:
        hints = QGuiApplication.styleHints()
        scheme = hints.colorScheme() if hasattr(hints, "colorScheme") else None
        if scheme == Qt.ColorScheme.Dark:
            return True
        if scheme == Qt.ColorScheme.Light:
            return False
        return self._startup_palette_dark

    def set_choice(self, choice: str) -> Theme:
        """Apply "light", "dark" or "system" at once; announces the theme if it changed."""
        self.choice = choice if choice in THEMES or choice == SYSTEM else DEFAULT_CHOICE
        theme = resolve(self.choice, self.system_is_dark())
        style = themed_style()  # before the palette: a new style resets it
        if style is not None:
            style.box_frame = theme.color("indicator_border")
            style.focus_frame = theme.color("focus_frame")
        palette_changed = QGuiApplication.palette() != theme.palette()
        if palette_changed:
            QGuiApplication.setPalette(theme.palette())
        if theme is not self.theme or palette_changed:
            self.theme = theme
            self.changed.emit(theme)
        return theme

    def _on_system_scheme_changed(self, *_args) -> None:
        if self.choice == SYSTEM:
            self.set_choice(SYSTEM)


_manager: ThemeManager | None = None


def themes() -> ThemeManager:
    """The application's one ThemeManager (made on first use, after the QApplication)."""
    global _manager
    if _manager is None:
        _manager = ThemeManager()
    return _manager


def current_theme() -> Theme:
    return themes().theme
