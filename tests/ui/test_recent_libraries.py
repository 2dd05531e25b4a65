"""Open Library… and File → Recent Libraries, kept across a restart in temporary settings."""

from __future__ import annotations

import shutil

from helpers import GOOD_CONVENTIONS, make_library
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu
from window_helpers import make_window


def recent_menu(window) -> QMenu:
    file_menu = window.menuBar().actions()[0].menu()
    menu = next(a.menu() for a in file_menu.actions() if a.text() == "Recent Libraries")
    assert menu is window.findChild(QMenu, "recentLibrariesMenu")
    menu.aboutToShow.emit()  # what opening it does
    return menu


def library_actions(menu: QMenu) -> list[QAction]:
    return [a for a in menu.actions() if a.data()]


def test_recent_libraries_survive_a_restart_newest_first(qtbot, tmp_path, settings_file):
    first = make_library(tmp_path / "first")
    second = make_library(tmp_path / "second", {"solo": {"conventions.md": GOOD_CONVENTIONS}})
    window = make_window(qtbot, first, QSettings(str(settings_file), QSettings.Format.IniFormat))
    window.choose_library_folder = lambda: str(second)
    shortcut = window.findChild(QAction, "openLibraryAction")
    assert shortcut.shortcut().toString() == "Ctrl+Shift+O"
    shortcut.trigger()
    assert window.library.root == second
    window.close()

    again = make_window(qtbot, None, QSettings(str(settings_file), QSettings.Format.IniFormat))
    assert again.library.root == second, "the last library opens again"
    actions = library_actions(recent_menu(again))
    assert [a.data() for a in actions] == [str(second), str(first)]
    assert str(first) in actions[1].text()
    actions[1].trigger()
    assert again.library.root == first
    assert library_actions(recent_menu(again))[0].data() == str(first)


def test_a_missing_library_is_greyed_and_can_be_removed(qtbot, tmp_path, settings):
    gone = make_library(tmp_path / "gone")
    kept = make_library(tmp_path / "kept")
    window = make_window(qtbot, gone, settings)
    window.open_library(kept)
    shutil.rmtree(gone)
    menu = recent_menu(window)
    by_path = {a.data(): a for a in library_actions(menu)}
    assert not by_path[str(gone)].isEnabled() and by_path[str(kept)].isEnabled()
    remove = next(a for a in menu.actions() if a.text() == "Remove Missing")
    assert remove.isEnabled()
    remove.trigger()
    assert [a.data() for a in library_actions(recent_menu(window))] == [str(kept)]
    clear = next(a for a in recent_menu(window).actions() if a.text() == "Clear List")
    clear.trigger()
    assert library_actions(recent_menu(window)) == []


def test_a_library_gone_since_the_menu_was_built_is_not_opened(qtbot, tmp_path, settings):
    first = make_library(tmp_path / "first")
    second = make_library(tmp_path / "second")
    window = make_window(qtbot, first, settings)
    window.open_library(second)
    action = next(a for a in library_actions(recent_menu(window)) if a.data() == str(first))
    shutil.rmtree(first)
    action.trigger()
    assert window.library.root == second
