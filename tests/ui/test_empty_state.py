"""The empty state: what Foundry does in two lines, and three ways to a library, each of
which works (only the folder dialog is replaced)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton, QWidget
from window_helpers import make_window

from foundry_app.core.library import bundled_library
from foundry_app.core.template import builtin_template_text

BUTTONS = {
    "openBundledLibraryButton": "Open the bundled library",
    "openLibraryButton": "Open a library…",
    "createLibraryButton": "Create a new library…",
}


@pytest.fixture
def empty_window(qtbot, tmp_path, settings):
    window = make_window(qtbot, tmp_path / "gone", settings)
    assert window.findChild(QWidget, "emptyState").isVisible()
    return window


def dialog_answers(monkeypatch, folder) -> list[str]:
    """QFileDialog.getExistingDirectory answers `folder`; returns the titles it was asked."""
    asked = []

    def answer(_parent=None, caption="", _start="", *_args, **_kwargs):
        asked.append(caption)
        return str(folder) if folder else ""

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(answer))
    return asked


def click(qtbot, window, name: str) -> None:
    button = window.empty_state.findChild(QPushButton, name)
    assert button.isVisible() and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_it_says_what_foundry_does_and_offers_three_ways_in(empty_window):
    state = empty_window.empty_state
    intro = state.findChild(QLabel, "emptyStateIntro").text()
    assert "Markdown" in intro and "template" in intro
    assert intro.count("<br>") == 1  # two lines
    shown = {name: state.findChild(QPushButton, name) for name in BUTTONS}
    assert {name: button.text() for name, button in shown.items()} == BUTTONS
    assert all(button.isVisible() and button.accessibleName() for button in shown.values())
    assert "not a folder" in state.error.text()  # and why nothing is open


def test_open_the_bundled_library(qtbot, empty_window):
    click(qtbot, empty_window, "openBundledLibraryButton")
    assert empty_window.library is not None
    assert empty_window.library.root == bundled_library().resolve()
    assert empty_window.pages.currentWidget() is empty_window.splitter


def test_open_a_library(qtbot, empty_window, library, monkeypatch):
    asked = dialog_answers(monkeypatch, library)
    click(qtbot, empty_window, "openLibraryButton")
    assert asked == ["Open Library"]
    assert empty_window.library is not None and empty_window.library.root == library.resolve()


def test_create_a_new_library_in_an_empty_folder(qtbot, empty_window, tmp_path, monkeypatch):
    folder = tmp_path / "our-library"
    folder.mkdir()
    asked = dialog_answers(monkeypatch, folder)
    click(qtbot, empty_window, "createLibraryButton")
    assert len(asked) == 1 and "empty folder" in asked[0]
    assert (folder / "library.toml").read_text(encoding="utf-8") == builtin_template_text()
    assert empty_window.library is not None and empty_window.library.root == folder.resolve()
    assert not empty_window.library.uses_builtin_template  # it has its own template now
    assert empty_window.pages.currentWidget() is empty_window.splitter
    # the new library takes a first stack at once
    dialog = empty_window.new_stack()
    assert dialog is not None
    qtbot.keyClicks(dialog.name_edit, "first-stack")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert (folder / "stacks" / "first-stack" / "conventions.md").is_file()


def test_a_folder_that_is_not_empty_is_refused_with_the_reason(
    qtbot, empty_window, tmp_path, monkeypatch
):
    folder = tmp_path / "my-notes"
    folder.mkdir()
    (folder / "todo.md").write_text("# Todo\n", encoding="utf-8")
    dialog_answers(monkeypatch, folder)
    errors = []
    empty_window.report_error = errors.append
    click(qtbot, empty_window, "createLibraryButton")
    assert len(errors) == 1 and "not empty" in errors[0] and "todo.md" in errors[0]
    assert sorted(p.name for p in folder.iterdir()) == ["todo.md"]  # nothing written
    assert empty_window.library is None
    assert empty_window.findChild(QWidget, "emptyState").isVisible()


def test_cancelling_the_folder_dialog_changes_nothing(qtbot, empty_window, monkeypatch):
    dialog_answers(monkeypatch, None)
    click(qtbot, empty_window, "createLibraryButton")
    click(qtbot, empty_window, "openLibraryButton")
    assert empty_window.library is None


def test_new_library_is_in_the_file_menu_too(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtGui import QAction

    folder = tmp_path / "second"
    folder.mkdir()
    dialog_answers(monkeypatch, folder)
    window.findChild(QAction, "newLibraryAction").trigger()
    assert window.library.root == folder.resolve()
    assert (folder / "library.toml").is_file()


def test_the_bundled_button_is_off_when_there_is_no_bundled_library(
    qtbot, tmp_path, settings, monkeypatch
):
    import foundry_app.ui.window.main_window as main_window

    monkeypatch.setattr(main_window, "bundled_library", lambda: tmp_path / "not-shipped")
    window = make_window(qtbot, tmp_path / "gone", settings)
    assert not window.empty_state.bundled_button.isEnabled()
