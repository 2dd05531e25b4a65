"""Preferences: one set of defaults, forgiving reads of stored strings, the start library."""

from __future__ import annotations

from foundry_app.core.preferences import (
    DEFAULTS,
    KEYS,
    START_BUNDLED,
    START_FOLDER,
    START_LAST,
    Preferences,
    changed_fields,
    read_preferences,
    start_library,
    stored_values,
)


def test_nothing_stored_reads_the_defaults():
    assert read_preferences(lambda _key: None) == DEFAULTS == Preferences()


def test_stored_strings_read_back_as_their_types():
    prefs = DEFAULTS.with_changes(
        theme="dark",
        editor_font_family="DejaVu Sans Mono",
        editor_font_size=13.0,
        lint_delay_ms=400,
        save_on_tick=False,
        word_wrap=False,
        show_whitespace=True,
        start_library=START_FOLDER,
        start_folder="/libs/team",
    )
    # an INI file gives every value back as a string
    ini = {
        key: str(value).lower() if isinstance(value, bool) else str(value)
        for key, value in stored_values(prefs).items()
    }
    assert read_preferences(ini.get) == prefs


def test_unreadable_or_out_of_range_values_fall_back_or_are_clamped():
    stored = {
        KEYS["theme"]: "purple",
        KEYS["lint_delay_ms"]: "soon",
        KEYS["editor_font_size"]: "500",
        KEYS["save_on_tick"]: "maybe",
        KEYS["start_library"]: "elsewhere",
    }
    prefs = read_preferences(stored.get)
    assert prefs.theme == DEFAULTS.theme
    assert prefs.lint_delay_ms == DEFAULTS.lint_delay_ms
    assert prefs.editor_font_size == 72.0
    assert prefs.save_on_tick is DEFAULTS.save_on_tick
    assert prefs.start_library == DEFAULTS.start_library
    assert DEFAULTS.with_changes(lint_delay_ms=-5).lint_delay_ms == 0


def test_every_preference_has_a_key_of_its_own():
    assert len(set(KEYS.values())) == len(KEYS) == len(stored_values(DEFAULTS))


def test_changed_fields_names_only_what_changed():
    new = DEFAULTS.with_changes(word_wrap=False, lint_delay_ms=DEFAULTS.lint_delay_ms)
    assert changed_fields(DEFAULTS, new) == {"word_wrap"}


def test_the_start_library():
    last = "/libs/last"
    assert start_library(DEFAULTS.with_changes(start_library=START_LAST), last) == last
    assert start_library(DEFAULTS.with_changes(start_library=START_LAST), None) is None
    assert start_library(DEFAULTS.with_changes(start_library=START_BUNDLED), last) is None
    chosen = DEFAULTS.with_changes(start_library=START_FOLDER, start_folder="/libs/team")
    assert start_library(chosen, last) == "/libs/team"
    unset = DEFAULTS.with_changes(start_library=START_FOLDER, start_folder="")
    assert start_library(unset, last) == last
