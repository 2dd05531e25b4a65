"""The author's preferences: what they are, their defaults, and how they are stored.

This is the one place the defaults live. The window reads and writes the values through
a settings store (QSettings in the app); stored values are strings in an INI file, so
reading them back is forgiving: anything unreadable falls back to its default.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from typing import Any

THEME_CHOICES = ("light", "dark", "system")
START_LAST, START_BUNDLED, START_FOLDER = "last", "bundled", "folder"
START_CHOICES = (START_LAST, START_BUNDLED, START_FOLDER)
LINT_DELAY_RANGE = (0, 5000)  # ms; 0 checks at once on every keystroke
FONT_SIZE_RANGE = (0.0, 72.0)  # points; 0 keeps the system's size


@dataclass(frozen=True)
class Preferences:
    theme: str = "system"  # "light", "dark" or "system" (follow the desktop)
    editor_font_family: str = ""  # "": the system's fixed-pitch font
    editor_font_size: float = 0.0  # 0: the system's size
    preview_font_family: str = ""  # "": the application font
    preview_font_size: float = 0.0
    lint_delay_ms: int = 150  # quiet time after the last keystroke before the check runs
    save_on_tick: bool = True  # a tick in a clean file is saved at once
    word_wrap: bool = True  # library prose is written in long paragraphs
    show_whitespace: bool = False
    start_library: str = START_LAST  # which library the app opens when none is named
    start_folder: str = ""  # the library for START_FOLDER

    def with_changes(self, **changes: Any) -> Preferences:
        """A copy with `changes`, each value brought into its allowed range."""
        return _clean(replace(self, **changes))


DEFAULTS = Preferences()

# where each preference is stored; the theme keeps the key View → Theme has always used
KEYS = {
    "theme": "appearance/theme",
    "editor_font_family": "preferences/editorFontFamily",
    "editor_font_size": "preferences/editorFontSize",
    "preview_font_family": "preferences/previewFontFamily",
    "preview_font_size": "preferences/previewFontSize",
    "lint_delay_ms": "preferences/lintDelayMs",
    "save_on_tick": "preferences/saveOnTick",
    "word_wrap": "preferences/wordWrap",
    "show_whitespace": "preferences/showWhitespace",
    "start_library": "preferences/startLibrary",
    "start_folder": "preferences/startFolder",
}


def read_preferences(value: Callable[[str], Any], defaults: Preferences = DEFAULTS) -> Preferences:
    """Preferences from a store's `value(key)` (None where nothing is stored)."""
    found: dict[str, Any] = {}
    for field in fields(Preferences):
        stored = value(KEYS[field.name])
        if stored is None:
            continue
        parsed = _parse(stored, type(getattr(defaults, field.name)))
        if parsed is not None:
            found[field.name] = parsed
    return defaults.with_changes(**found)


def stored_values(preferences: Preferences) -> dict[str, str | int | float | bool]:
    """Settings key → value, for every preference."""
    return {KEYS[field.name]: getattr(preferences, field.name) for field in fields(Preferences)}


def changed_fields(old: Preferences, new: Preferences) -> set[str]:
    return {f.name for f in fields(Preferences) if getattr(old, f.name) != getattr(new, f.name)}


def _parse(stored: Any, kind: type) -> Any:
    """An INI string (or a native value) as `kind`; None when it cannot be read."""
    if kind is bool:
        if isinstance(stored, bool):
            return stored
        text = str(stored).strip().lower()
        return {"true": True, "1": True, "false": False, "0": False}.get(text)
    try:
        return kind(stored)
    except (TypeError, ValueError):
        return None


def _clean(preferences: Preferences) -> Preferences:
    low, high = LINT_DELAY_RANGE
    font_low, font_high = FONT_SIZE_RANGE
    return Preferences(
        theme=preferences.theme if preferences.theme in THEME_CHOICES else DEFAULTS.theme,
        editor_font_family=preferences.editor_font_family.strip(),
        editor_font_size=min(font_high, max(font_low, float(preferences.editor_font_size))),
        preview_font_family=preferences.preview_font_family.strip(),
        preview_font_size=min(font_high, max(font_low, float(preferences.preview_font_size))),
        lint_delay_ms=min(high, max(low, int(preferences.lint_delay_ms))),
        save_on_tick=bool(preferences.save_on_tick),
        word_wrap=bool(preferences.word_wrap),
        show_whitespace=bool(preferences.show_whitespace),
        start_library=(
            preferences.start_library
            if preferences.start_library in START_CHOICES
            else DEFAULTS.start_library
        ),
        start_folder=preferences.start_folder.strip(),
    )


def start_library(preferences: Preferences, last: str | None) -> str | None:
    """The library to open when none is named: a folder, or None for the bundled one.

    A chosen folder that is not set falls back to the last library, like "last" does.
    """
    if preferences.start_library == START_BUNDLED:
        return None
    if preferences.start_library == START_FOLDER and preferences.start_folder:
        return preferences.start_folder
    return last or None
