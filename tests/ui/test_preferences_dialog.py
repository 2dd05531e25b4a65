"""Edit → Preferences… (Ctrl+,): each preference applied at once, remembered by the next
window, and put back by Reset to defaults."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QPlainTextEdit
from window_helpers import conventions, line_of, make_window, open_file

from foundry_app.core.preferences import DEFAULTS, START_BUNDLED, START_FOLDER
from foundry_app.ui.theme import DARK, LIGHT, themes
from foundry_app.ui.theme.fonts import default_editor_font
from foundry_app.ui.window.preferences_dialog import PreferencesDialog

WRAPS = QPlainTextEdit.LineWrapMode.WidgetWidth


@pytest.fixture(autouse=True)
def light_afterwards():
    yield
    themes().set_choice("light")  # later tests expect the light look


def open_preferences(qtbot, window) -> PreferencesDialog:
    actions = [a for a in window.findChildren(QAction) if QKeySequence("Ctrl+,") in a.shortcuts()]
    assert [a.text() for a in actions] == ["Preferences…"]
    actions[0].trigger()
    dialog = window.findChild(PreferencesDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitExposed(dialog)
    return dialog


def choose(combo, value) -> None:
    """What picking an entry with the mouse does."""
    index = combo.findData(value)
    assert index >= 0, f"{value!r} is not offered"
    combo.setCurrentIndex(index)


def a_fixed_family(dialog) -> str:
    combo = dialog.editor_family
    families = [combo.itemData(i) for i in range(1, combo.count())]
    default = default_editor_font().family()
    assert families, "no fixed-pitch font installed"
    return next((f for f in families if f != default), families[0])


def test_ctrl_comma_opens_the_dialog_showing_the_defaults(qtbot, window):
    dialog = open_preferences(qtbot, window)
    assert dialog.theme.currentData() == themes().choice
    assert dialog.lint_delay.value() == DEFAULTS.lint_delay_ms
    assert dialog.save_on_tick.isChecked() is DEFAULTS.save_on_tick
    assert dialog.word_wrap.isChecked() is DEFAULTS.word_wrap
    assert dialog.show_whitespace.isChecked() is DEFAULTS.show_whitespace
    assert dialog.editor_family.currentData() == ""  # the system's font
    assert dialog.editor_size.text() == "Default size"
    # pressing the key in the window opens the same dialog
    dialog.close()
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    assert window.findChild(PreferencesDialog).isVisible()


def test_every_change_is_applied_at_once(qtbot, window):
    dialog = open_preferences(qtbot, window)
    choose(dialog.theme, "dark")
    assert themes().theme is DARK
    family = a_fixed_family(dialog)
    choose(dialog.editor_family, family)
    dialog.editor_size.setValue(17)
    assert window.editor.font().family() == family
    assert window.editor.font().pointSizeF() == 17
    dialog.preview_size.setValue(15)
    assert window.preview.font().pointSizeF() == 15
    dialog.lint_delay.setValue(900)
    assert window.editor.lint_delay() == 900
    dialog.word_wrap.click()
    assert window.editor.lineWrapMode() == QPlainTextEdit.LineWrapMode.NoWrap
    assert not window.findChild(QAction, "wordWrapAction").isChecked()  # the menu agrees
    dialog.show_whitespace.click()
    assert window.editor.shows_whitespace()
    dialog.save_on_tick.click()
    assert window.documents.save_on_tick is False


def test_zoom_still_applies_on_top_of_the_chosen_size(qtbot, window):
    dialog = open_preferences(qtbot, window)
    dialog.editor_size.setValue(14)
    window.appearance.zoom_in()
    assert window.editor.font().pointSizeF() == 15
    window.appearance.reset_zoom()
    assert window.editor.font().pointSizeF() == 14


def test_preferences_persist_across_a_new_window(qtbot, window, library, settings):
    dialog = open_preferences(qtbot, window)
    choose(dialog.theme, "dark")
    family = a_fixed_family(dialog)
    choose(dialog.editor_family, family)
    dialog.editor_size.setValue(16)
    dialog.preview_size.setValue(13)
    dialog.lint_delay.setValue(650)
    dialog.save_on_tick.click()
    dialog.word_wrap.click()
    dialog.show_whitespace.click()
    window.close()
    themes().set_choice("light")
    settings.sync()

    again = make_window(qtbot, library, settings)
    assert themes().theme is DARK
    assert again.editor.font().family() == family
    assert again.editor.font().pointSizeF() == 16
    assert again.preview.font().pointSizeF() == 13
    assert again.editor.lint_delay() == 650
    assert again.documents.save_on_tick is False
    assert again.editor.lineWrapMode() == QPlainTextEdit.LineWrapMode.NoWrap
    assert not again.findChild(QAction, "wordWrapAction").isChecked()
    assert again.editor.shows_whitespace()
    shown = open_preferences(qtbot, again)
    assert shown.lint_delay.value() == 650 and shown.editor_family.currentData() == family


def test_word_wrap_from_the_view_menu_is_the_same_preference(qtbot, window, library, settings):
    window.findChild(QAction, "wordWrapAction").trigger()
    assert window.preferences.current.word_wrap is False
    assert open_preferences(qtbot, window).word_wrap.isChecked() is False
    window.close()
    again = make_window(qtbot, library, settings)
    assert again.editor.lineWrapMode() == QPlainTextEdit.LineWrapMode.NoWrap


def test_reset_to_defaults_puts_everything_back(qtbot, window, library, settings):
    dialog = open_preferences(qtbot, window)
    start_font = window.editor.font()
    choose(dialog.theme, "dark")
    dialog.editor_size.setValue(20)
    dialog.lint_delay.setValue(1200)
    dialog.word_wrap.click()
    dialog.show_whitespace.click()
    dialog.save_on_tick.click()
    choose(dialog.start, START_BUNDLED)
    dialog.reset_button.click()
    assert window.preferences.current == DEFAULTS
    assert window.editor.font() == start_font
    assert window.editor.lint_delay() == DEFAULTS.lint_delay_ms
    assert window.editor.lineWrapMode() == WRAPS
    assert not window.editor.shows_whitespace()
    assert window.documents.save_on_tick is True
    assert themes().choice == DEFAULTS.theme
    # the form shows the defaults too
    assert dialog.lint_delay.value() == DEFAULTS.lint_delay_ms
    assert dialog.word_wrap.isChecked() and dialog.save_on_tick.isChecked()
    assert dialog.start.currentData() == DEFAULTS.start_library
    window.close()
    themes().set_choice("light")
    again = make_window(qtbot, library, settings)
    assert again.preferences.current == DEFAULTS


def test_a_tick_waits_for_save_when_save_on_tick_is_off(qtbot, window, library):
    path = conventions(library)
    open_file(qtbot, window, path)
    before = path.read_bytes()
    open_preferences(qtbot, window).save_on_tick.click()
    line = line_of(path.read_text(), "- [ ] One")
    assert window.documents.toggle_task(line)
    assert "- [x] One" in window.editor.text()
    assert path.read_bytes() == before  # nothing written yet
    assert window.documents.is_dirty()
    assert window.save()
    assert "- [x] One" in path.read_text()


def test_the_lint_delay_is_how_long_typing_must_pause(qtbot, window, library):
    open_file(qtbot, window, conventions(library))
    open_preferences(qtbot, window).lint_delay.setValue(0)
    window.editor.setFocus()
    with qtbot.waitSignal(window.editor.lintRequested, timeout=2000):
        qtbot.keyClicks(window.editor, "x")


def test_the_library_at_start(qtbot, window, library, settings, tmp_path, monkeypatch):
    other = tmp_path / "other-lib"
    (other / "stacks").mkdir(parents=True)
    dialog = open_preferences(qtbot, window)
    monkeypatch.setattr(window, "choose_library_folder", lambda: str(other))
    assert not dialog.choose_folder.isEnabled()
    choose(dialog.start, START_FOLDER)
    assert dialog.choose_folder.isEnabled()
    dialog.choose_folder.click()
    assert dialog.start_folder.text() == str(other)
    window.close()
    chosen = make_window(qtbot, None, settings)
    assert chosen.library is not None and chosen.library.root == other.resolve()
    chosen.preferences.update(start_library=START_BUNDLED)
    chosen.close()
    bundled = make_window(qtbot, None, settings)
    assert bundled.library is not None and bundled.library.root.name == "ai-team-library"
    bundled.preferences.update(start_library="last")
    bundled.close()
    last = make_window(qtbot, None, settings)
    assert last.library.root.name == "ai-team-library"  # the last one opened


def test_the_theme_menu_and_the_dialog_agree(qtbot, window):
    dialog = open_preferences(qtbot, window)
    [dark] = [a for a in window.findChildren(QAction) if a.text() == "Dark" and a.isCheckable()]
    dark.trigger()
    assert window.preferences.current.theme == "dark"
    dialog.close()
    assert open_preferences(qtbot, window).theme.currentData() == "dark"
    choose(dialog.theme, "light")
    assert themes().theme is LIGHT and not dark.isChecked()
