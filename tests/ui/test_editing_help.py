"""Editing help through real key presses in the editor: lists, tables, markup, comments."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from window_helpers import shown_pane

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def pane(qtbot):
    return shown_pane(qtbot)


@pytest.fixture
def editor(pane):
    editor = pane.editor
    editor.set_read_only(False)
    editor.setFocus()
    return editor


def load(editor, text: str, line: int, column: int) -> None:
    """Load `text` and put the cursor at 0-based (line, column)."""
    editor.load_text(text)
    cursor = QTextCursor(editor.document().findBlockByNumber(line))
    cursor.movePosition(QTextCursor.MoveOperation.Right, n=column)
    editor.setTextCursor(cursor)


def undo_steps(editor) -> int:
    steps = 0
    while editor.document().isUndoAvailable():
        editor.undo()
        steps += 1
    return steps


def test_enter_continues_lists_and_ends_them_on_an_empty_item(qtbot, editor):
    load(editor, "- [ ] first", 0, 11)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "second")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.text() == "- [ ] first\n- [ ] second\n- [ ] "
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # empty item: the list ends
    qtbot.keyClicks(editor, "prose")
    assert editor.text() == "- [ ] first\n- [ ] second\nprose"


def test_enter_in_a_numbered_list_counts_up(qtbot, editor):
    load(editor, "1. one\n2. two", 0, 6)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "new")
    assert editor.text() == "1. one\n2. new\n3. two"
    editor.undo()  # typing is its own step; the continuation is one more
    editor.undo()
    assert editor.text() == "1. one\n2. two"


def test_enter_in_prose_is_a_plain_new_line(qtbot, editor):
    load(editor, "text", 0, 4)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.text() == "text\n"


def test_tab_and_shift_tab_indent_list_items(qtbot, editor):
    load(editor, "- one\n- two", 1, 5)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.text() == "- one\n  - two"
    assert editor.textCursor().positionInBlock() == 7  # still after "two"
    qtbot.keyClick(editor, Qt.Key.Key_Backtab, SHIFT)
    assert editor.text() == "- one\n- two"


def test_tab_in_prose_still_types_a_tab(qtbot, editor):
    load(editor, "text", 0, 4)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.text() == "text\t"


def test_tab_walks_table_cells_formatting_the_table(qtbot, editor):
    load(editor, "|a|b|\n|-|-|\n|日本|2|", 0, 1)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.text() == "| a    | b   |\n| ---- | --- |\n| 日本 | 2   |"
    assert editor.textCursor().selectedText() == "b"
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.textCursor().selectedText() == "日本"
    qtbot.keyClick(editor, Qt.Key.Key_Backtab, SHIFT)
    assert editor.textCursor().selectedText() == "b"
    assert undo_steps(editor) == 1  # formatting once; moving is no edit


def test_format_table_shortcut_is_one_undo_step(qtbot, editor):
    text = "## Defaults\n\n| Concern | Default |\n|---|---|\n| x | y |\n"
    load(editor, text, 4, 2)
    qtbot.keyClick(editor, Qt.Key.Key_T, CTRL | Qt.KeyboardModifier.AltModifier)
    assert editor.text().split("\n")[3] == "| ------- | ------- |"
    assert undo_steps(editor) == 1
    assert editor.text() == text


def test_insert_table_row_has_the_right_number_of_cells(pane, editor):
    load(editor, "| Concern | Default | Alternatives |\n|---|---|---|\n| a | b | c |", 2, 3)
    pane.editing_help.insert_row_action.trigger()
    new_row = editor.text().split("\n")[3]
    assert new_row.count("|") == 4 and not new_row.replace("|", "").strip()
    assert editor.textCursor().blockNumber() == 3


def test_bold_italic_and_link_wrap_the_selection(qtbot, editor):
    load(editor, "make it loud", 0, 8)
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_B, CTRL)
    assert editor.text() == "make it **loud**"
    assert editor.textCursor().selectedText() == "loud"
    qtbot.keyClick(editor, Qt.Key.Key_B, CTRL)  # again: off
    assert editor.text() == "make it loud"
    qtbot.keyClick(editor, Qt.Key.Key_I, CTRL)
    assert editor.text() == "make it *loud*"
    editor.undo()
    cursor.setPosition(8)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_K, CTRL)
    assert editor.text() == "make it [loud](url)"
    assert editor.textCursor().selectedText() == "url"
    qtbot.keyClicks(editor, "https://example.org")
    assert editor.text() == "make it [loud](https://example.org)"


def test_ctrl_slash_toggles_a_comment(qtbot, editor):
    load(editor, "keep\nhide\n", 1, 0)
    qtbot.keyClick(editor, Qt.Key.Key_Slash, CTRL)
    assert editor.text() == "keep\n<!-- hide -->\n"
    qtbot.keyClick(editor, Qt.Key.Key_Slash, CTRL)
    assert editor.text() == "keep\nhide\n"


def test_read_only_text_gets_no_help(qtbot, editor):
    load(editor, "- item", 0, 6)
    editor.set_read_only(True)
    qtbot.keyClick(editor, Qt.Key.Key_B, CTRL)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.text() == "- item"
