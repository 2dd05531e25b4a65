"""Find and replace in the open file (Ctrl+H), through the real bar and key presses."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton
from window_helpers import shown_pane


@pytest.fixture
def pane(qtbot):
    return shown_pane(qtbot)


def open_replace(qtbot, pane, text: str):
    editor = pane.editor
    editor.load_text(text)
    editor.set_read_only(False)
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    bar = pane.find_bar
    assert bar.isVisible() and bar.replace_visible()
    return bar


def test_ctrl_h_shows_the_named_replace_fields(qtbot, pane):
    bar = open_replace(qtbot, pane, "x\n")
    assert pane.findChild(QLineEdit, "findQuery") is bar.query
    assert pane.findChild(QLineEdit, "replaceQuery") is bar.replacement
    assert pane.findChild(QPushButton, "replaceAllButton") is bar.replace_all_button


def test_ctrl_f_hides_the_replace_row(qtbot, pane):
    open_replace(qtbot, pane, "x\n")
    pane.editor.setFocus()
    qtbot.keyClick(pane.editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert pane.find_bar.isVisible() and not pane.find_bar.replace_visible()


def test_replace_all_is_one_undo_step(qtbot, pane):
    bar = open_replace(qtbot, pane, "cat and cat\nno dog\ncat\n")
    qtbot.keyClicks(bar.query, "cat")
    qtbot.keyClicks(bar.replacement, "lion")
    qtbot.mouseClick(bar.replace_all_button, Qt.MouseButton.LeftButton)
    assert pane.editor.text() == "lion and lion\nno dog\nlion\n"
    assert bar.status.text() == "Replaced 3"
    pane.editor.undo()
    assert pane.editor.text() == "cat and cat\nno dog\ncat\n"
    assert not pane.editor.document().isUndoAvailable()


def test_replace_one_replaces_the_current_match_and_moves_on(qtbot, pane):
    bar = open_replace(qtbot, pane, "a1 a2 a3\n")
    qtbot.keyClicks(bar.query, "a")
    qtbot.keyClicks(bar.replacement, "b")
    assert pane.editor.textCursor().selectedText() == "a"  # the first match is selected
    qtbot.keyClick(bar.replacement, Qt.Key.Key_Return)  # Enter in the field replaces one
    assert pane.editor.text() == "b1 a2 a3\n"
    qtbot.mouseClick(bar.replace_button, Qt.MouseButton.LeftButton)
    assert pane.editor.text() == "b1 b2 a3\n"
    assert pane.editor.textCursor().selectionStart() == 6  # the next match waits
    pane.editor.undo()
    assert pane.editor.text() == "b1 a2 a3\n"


def test_regex_with_groups(qtbot, pane):
    bar = open_replace(qtbot, pane, "- alice@home\n- bob@work\n")
    bar.use_regex.setChecked(True)
    qtbot.keyClicks(bar.query, r"(\w+)@(\w+)")
    qtbot.keyClicks(bar.replacement, r"$2 (\1)")
    assert bar.match_count() == 2
    assert bar.replace_all() == 2
    assert pane.editor.text() == "- home (alice)\n- work (bob)\n"


def test_a_bad_regex_is_reported_and_replaces_nothing(qtbot, pane):
    bar = open_replace(qtbot, pane, "abc\n")
    bar.use_regex.setChecked(True)
    qtbot.keyClicks(bar.query, "(b")
    assert bar.status.text().startswith("Invalid regular expression")
    qtbot.mouseClick(bar.replace_all_button, Qt.MouseButton.LeftButton)
    assert pane.editor.text() == "abc\n"


def test_whole_word_and_case(qtbot, pane):
    bar = open_replace(qtbot, pane, "Cat cat concat\n")
    bar.whole_word.setChecked(True)
    bar.match_case.setChecked(True)
    qtbot.keyClicks(bar.query, "cat")
    qtbot.keyClicks(bar.replacement, "dog")
    assert bar.replace_all() == 1
    assert pane.editor.text() == "Cat dog concat\n"


def test_matches_after_an_emoji_land_on_the_right_characters(qtbot, pane):
    bar = open_replace(qtbot, pane, "😀 needle 😀 needle\n")
    qtbot.keyClicks(bar.query, "needle")
    assert pane.editor.textCursor().selectedText() == "needle"
    bar.find_next()
    assert pane.editor.textCursor().selectedText() == "needle"
    qtbot.keyClicks(bar.replacement, "pin")
    assert bar.replace_current()
    assert pane.editor.text() == "😀 needle 😀 pin\n"


def test_a_read_only_file_is_not_replaced(qtbot, pane):
    bar = open_replace(qtbot, pane, "abc\n")
    pane.editor.set_read_only(True)
    qtbot.keyClicks(bar.query, "b")
    bar.replacement.setText("x")
    assert bar.replace_all() == 0
    assert not bar.replace_current()
    assert pane.editor.text() == "abc\n"


def test_an_expression_that_backtracks_without_end_is_stopped_and_said(qtbot, pane):
    line = "a" * 60 + "b"
    bar = open_replace(qtbot, pane, line + "\n")
    bar.use_regex.setChecked(True)
    qtbot.keyClicks(bar.query, "^(a|aa)+$")  # each keystroke searches; the last never ends in re
    assert "ran for over 1 s without finishing" in bar.status.text()
    assert bar.match_count() == 0
    qtbot.mouseClick(bar.replace_all_button, Qt.MouseButton.LeftButton)
    assert "ran for over 1 s" in bar.status.text()
    assert pane.editor.text() == line + "\n"
