"""The editor's patched text against a whole copy out of Qt, over random edits: after every
step, reading or not, `text()` is what a save (which copies whole) would write."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from window_helpers import press_keys

from foundry_app.ui.editor import editor as editor_module

# nbsp and U+2028 are kept as they are; U+2029 is held by a stand-in; the emoji is past U+FFFF
PIECES = ["a", "bc", " ", "", "\u00a0", "\u2028", "\u2029", "\t", "😀", "é", "# x", "\ue000"]
LINE = st.lists(st.sampled_from(PIECES), max_size=4).map("".join)
TEXT = st.lists(LINE, min_size=1, max_size=8).map("\n".join)
INSERTED = st.lists(st.sampled_from([*PIECES, "\n", "\n\n"]), max_size=4).map("".join)
KEYS = ["x", "é", Qt.Key.Key_Return, Qt.Key.Key_Backspace, Qt.Key.Key_Delete, Qt.Key.Key_Tab]
STEP = st.one_of(
    st.tuples(st.just("edit"), st.integers(0, 80), st.integers(0, 12), INSERTED),
    st.tuples(st.just("block"), st.integers(0, 80), st.integers(0, 80), INSERTED),
    st.tuples(st.just("keys"), st.integers(0, 80), st.lists(st.sampled_from(KEYS), max_size=3)),
    st.tuples(st.sampled_from(["undo", "redo", "read", "read", "highlight", "end"])),
    st.tuples(st.just("rewrite"), TEXT),
    st.tuples(st.just("reload"), TEXT),
)


@pytest.fixture(scope="module")
def editor(qapp):
    pane = editor_module.EditorPane()
    pane.resize(600, 400)
    pane.show()
    yield pane.editor
    pane.close()


def whole(editor) -> str:
    from foundry_app.core.buffer import from_editor_text
    from foundry_app.ui.editor.text_positions import document_text

    return from_editor_text(document_text(editor.document()), editor._stand_in)


def at(document, position: int) -> int:
    return min(position, document.characterCount() - 1)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(start=TEXT, steps=st.lists(STEP, max_size=14))
def test_the_patched_text_is_always_the_whole_copy(editor, start, steps):
    editor.load_text(start)
    editor.set_read_only(False)
    document = editor.document()
    for step in steps:
        kind = step[0]
        if kind == "edit":  # a selection replaced (a paste, a typed key over a selection)
            cursor = QTextCursor(document)
            cursor.setPosition(at(document, step[1]))
            cursor.setPosition(at(document, step[1] + step[2]), QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(step[3])
        elif kind == "block":  # two edits far apart in one undo step: one report from Qt
            cursor = QTextCursor(document)
            cursor.beginEditBlock()
            for position in (step[1], step[2]):
                cursor.setPosition(at(document, position))
                cursor.insertText(step[3])
            cursor.endEditBlock()
        elif kind == "keys":
            cursor = editor.textCursor()
            cursor.setPosition(at(document, step[1]))
            editor.setTextCursor(cursor)
            press_keys(editor, step[2])
        elif kind == "undo":
            document.undo()
        elif kind == "redo":
            document.redo()
        elif kind == "highlight":
            editor._highlighter.rehighlight()  # reports every block as changed, text the same
        elif kind == "end":
            cursor = QTextCursor(document)
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.insertText("tail\n")
        elif kind == "rewrite":
            editor.replace_all_text_undoably(step[1])
        elif kind == "reload":
            editor.load_text(step[1])
        else:
            assert editor.text() == whole(editor)
    assert editor.text() == whole(editor)
    assert editor.has_text_copy()
