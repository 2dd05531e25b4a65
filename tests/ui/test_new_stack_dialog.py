"""File → New Stack… through the real dialog: checked as you type, OK only for a usable
name, the same words as `foundry new-stack`, and the name kept when creation fails."""

from __future__ import annotations

import errno
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QLineEdit

from foundry_app.core import new_item
from foundry_app.core.new_item import name_problem
from foundry_app.ui.window.new_stack_dialog import NewStackDialog


def open_dialog(qtbot, window) -> NewStackDialog:
    window.findChild(QAction, "newStackAction").trigger()
    dialog = window.findChild(NewStackDialog, "newStackDialog")
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def type_name(qtbot, dialog: NewStackDialog, text: str) -> None:
    edit = dialog.findChild(QLineEdit, "stackNameEdit")
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def shown(dialog: NewStackDialog) -> str:
    return dialog.findChild(QLabel, "stackNameProblem").text()


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("My Stack", "use lower-case letters, digits and single hyphens, e.g. 'feature-stores'"),
        ("feature--stores", "two hyphens in a row"),
        ("example", "A stack named 'example' already exists."),
        ("a" * 300, "too long: at most 255 characters (300 typed)"),
        ("con", "'con' is a device name on Windows"),
        ("a/b", "cannot contain /"),
    ],
)
def test_a_bad_name_is_explained_in_words_and_ok_stays_disabled(
    qtbot, window, library, name, words
):
    dialog = open_dialog(qtbot, window)
    assert not dialog.ok_button.isEnabled()  # nothing typed yet
    type_name(qtbot, dialog, name)
    assert words in shown(dialog)
    assert "[a-z0-9]" not in shown(dialog)  # words, not the regular expression
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)  # Enter does not create it either
    assert dialog.isVisible() and dialog.name_edit.text() == name
    assert not (library / "stacks" / "my-stack").exists()
    dialog.reject()


def test_the_dialog_and_the_cli_say_the_same_thing(qtbot, window, library):
    dialog = open_dialog(qtbot, window)
    type_name(qtbot, dialog, "My Stack")
    assert shown(dialog) == name_problem(window.library, "stack", "My Stack")
    dialog.reject()


def test_a_good_name_enables_ok_and_creates_and_opens_the_stack(qtbot, window, library):
    dialog = open_dialog(qtbot, window)
    type_name(qtbot, dialog, "Feature")
    assert not dialog.ok_button.isEnabled()
    type_name(qtbot, dialog, "feature-stores")
    assert dialog.ok_button.isEnabled() and shown(dialog) == ""
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    created = library / "stacks" / "feature-stores" / "conventions.md"
    assert created.is_file()
    assert not dialog.isVisible()
    assert window.documents.path == created
    assert window.tree.model.index_for(created).isValid()
    qtbot.waitUntil(lambda: not window.lint_pending)
    assert {d.name for d in window.editor.diagnostics()} == {"placeholder"}


def test_a_failed_creation_shows_the_error_and_keeps_the_typed_name(
    qtbot, window, library, monkeypatch
):
    def disk_full(path, text):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(new_item, "write_new_file", disk_full)
    dialog = open_dialog(qtbot, window)
    type_name(qtbot, dialog, "feature-stores")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.name_edit.text() == "feature-stores"
    assert "No space left on device" in shown(dialog) and "nothing was written" in shown(dialog)
    assert not (library / "stacks" / "feature-stores").exists()
    monkeypatch.undo()  # the disk has room again: the same dialog, the same name, OK works
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert (library / "stacks" / "feature-stores" / "conventions.md").is_file()
    assert not dialog.isVisible()


def test_a_template_without_stacks_says_so_instead_of_opening_the_dialog(qtbot, window):
    errors = []
    window.report_error = errors.append
    personas = [kind for kind in window.library.template.kinds if kind.key != "stack"]
    window.library.template = replace(window.library.template, kinds=tuple(personas))
    assert window.new_stack() is None
    assert errors == ["The library's template has no kind 'stack' to create."]
    assert window.findChild(NewStackDialog, "newStackDialog") is None
