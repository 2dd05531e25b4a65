"""The window's preferences: read from its settings, applied to its parts, stored again.

Edit → Preferences… (Ctrl+,) and View → Word Wrap / Theme all change them through
`update`, which applies the change at once and writes it; the defaults come from
core.preferences and nowhere else.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMainWindow

from foundry_app.core.library import find_library_root
from foundry_app.core.preferences import (
    DEFAULTS,
    KEYS,
    Preferences,
    changed_fields,
    read_preferences,
    start_library,
    stored_values,
)
from foundry_app.ui.theme import themes
from foundry_app.ui.theme.fonts import chosen_font, default_editor_font, default_preview_font
from foundry_app.ui.window import window_settings as keys
from foundry_app.ui.window.window_settings import read_path

_FONTS = {"editor_font_family", "editor_font_size", "preview_font_family", "preview_font_size"}


class WindowPreferences(QObject):
    changed = Signal(object)  # Preferences, after they were applied

    def __init__(self, window: QMainWindow, settings) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self._values = read_preferences(settings.value)
        self._apply(self.current, set(KEYS) - {"theme"})  # Appearance has set the theme

    @property
    def current(self) -> Preferences:
        # the theme is the application's (View → Theme changes it too)
        return replace(self._values, theme=themes().choice)

    def update(self, **changes) -> Preferences:
        """Apply and store `changes` (field name → value); returns the new preferences."""
        old = self.current
        new = old.with_changes(**changes)
        self._store(new, changed_fields(old, new))
        return new

    def reset(self) -> Preferences:
        """Every preference back to its default (what a new user has)."""
        self._store(DEFAULTS, set(KEYS))
        return DEFAULTS

    def start_library(self) -> Path:
        """The library to open when none was named on the command line."""
        last = read_path(self.settings, keys.LIBRARY)
        chosen = start_library(self.current, str(last) if last else None)
        return Path(chosen) if chosen else find_library_root()

    def _store(self, new: Preferences, names: set[str]) -> None:
        self._values = new
        values = stored_values(new)
        for name in names:
            self.settings.setValue(KEYS[name], values[KEYS[name]])
        self._apply(new, names)
        self.changed.emit(self.current)

    def _apply(self, prefs: Preferences, names: set[str]) -> None:
        window = self.window
        if "theme" in names:
            window.appearance.set_theme(prefs.theme)
        if names & _FONTS:
            window.appearance.set_base_fonts(
                chosen_font(
                    default_editor_font(), prefs.editor_font_family, prefs.editor_font_size
                ),
                chosen_font(
                    default_preview_font(), prefs.preview_font_family, prefs.preview_font_size
                ),
            )
        if "lint_delay_ms" in names:
            window.editor.set_lint_delay(prefs.lint_delay_ms)
        if "save_on_tick" in names:
            window.documents.save_on_tick = prefs.save_on_tick
        if "word_wrap" in names:
            window.editor.set_line_wrap(prefs.word_wrap)
            action = window.word_wrap_action
            if action.isChecked() != prefs.word_wrap:
                action.blockSignals(True)  # the action is how a change arrives, not news
                action.setChecked(prefs.word_wrap)
                action.blockSignals(False)
        if "show_whitespace" in names:
            window.editor.set_show_whitespace(prefs.show_whitespace)
