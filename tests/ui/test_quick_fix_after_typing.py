"""A quick fix asked for after more typing, before the next lint: refused, never applied
to a text it was not worked out from."""

from __future__ import annotations

from helpers import GOOD_CONVENTIONS
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from window_helpers import conventions, line_of, open_file

BARE = GOOD_CONVENTIONS.replace("```python\n", "```\n", 1)


def _cursor_to_end_of(window, line: int) -> None:
    editor = window.editor
    cursor = QTextCursor(editor.document().findBlockByNumber(line - 1))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    editor.setTextCursor(cursor)
    editor.setFocus()


def open_with_a_bare_fence(qtbot, window, library) -> int:
    """conventions.md with a bare fence open, its fence-language mark shown; its line."""
    path = conventions(library)
    path.write_text(BARE, encoding="utf-8")
    window.refresh_library()
    qtbot.waitUntil(lambda: window.results.complete, timeout=10_000)
    open_file(qtbot, window, path)
    qtbot.waitUntil(lambda: any(d.rule == "FT004" for d in window.editor.diagnostics()))
    return line_of(BARE, "```")


def test_a_fence_fix_after_typing_the_language_glues_nothing_onto_it(qtbot, window, library):
    fence = open_with_a_bare_fence(qtbot, window, library)
    _cursor_to_end_of(window, fence)
    qtbot.keyClicks(window.editor, "py")  # the author types the language…
    # …and presses Ctrl+. at once (no lint has run since: the fix is from before the typing)
    qtbot.keyClick(window.editor, Qt.Key.Key_Period, Qt.KeyboardModifier.ControlModifier)
    line = window.editor.document().findBlockByNumber(fence - 1).text()
    assert line in ("```py", "```text"), f"the fence line became {line!r}"


def test_the_fix_of_a_deleted_fence_line_never_edits_the_code_below(qtbot, window, library):
    fence = open_with_a_bare_fence(qtbot, window, library)
    editor = window.editor
    cursor = QTextCursor(editor.document().findBlockByNumber(fence - 1))
    cursor.movePosition(QTextCursor.MoveOperation.NextBlock, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Delete)  # the author deletes the bare fence line
    assert editor.document().findBlockByNumber(fence - 1).text() == 'print("hello")'
    qtbot.keyClick(editor, Qt.Key.Key_Period, Qt.KeyboardModifier.ControlModifier)  # Ctrl+.
    assert editor.document().findBlockByNumber(fence - 1).text() == 'print("hello")', (
        "the quick fix of the deleted fence edited the code line below it"
    )
