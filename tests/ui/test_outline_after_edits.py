"""The Outline acts on the headings it shows: after typing, and after switching files."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from window_helpers import conventions, notes, open_file, type_text


def _outline_item(window, text):
    from foundry_app.ui.panels.outline_panel import OutlinePanel

    outline = window.findChild(OutlinePanel, "outline")
    for item in outline._items:
        if item.text(0) == text:
            return outline, item
    raise AssertionError(f"no outline entry {text!r}: {[i.text(0) for i in outline._items]}")


def test_outline_click_right_after_typing_jumps_to_the_heading_shown(qtbot, window, library):
    path = conventions(library)
    open_file(qtbot, window, path)
    qtbot.waitUntil(lambda: not window.lint_pending)
    outline, item = _outline_item(window, "Checklist")
    editor = window.editor
    editor.setFocus()
    editor.setTextCursor(QTextCursor(editor.document().findBlockByNumber(4)))  # under the H1
    type_text(qtbot, editor, "One more paragraph.\n\nAnd another.\n\n")
    # the outline still lists the headings of the text before the typing
    outline.itemClicked.emit(item, 0)
    assert editor.textCursor().block().text() == "## Checklist", (
        f"jumped to {editor.textCursor().block().text()!r}"
    )


def test_outline_after_switching_files_never_jumps_into_the_new_file_by_old_lines(
    qtbot, window, library
):
    path = conventions(library)
    open_file(qtbot, window, path)
    qtbot.waitUntil(lambda: not window.lint_pending)
    outline, _item = _outline_item(window, "Checklist")
    other = notes(library)
    assert window.open_path(other)  # its lint is not in yet
    assert [i.text(0) for i in outline._items] == []  # the last file's headings are gone
    open_file(qtbot, window, path)  # and back: its headings come with its lint
    qtbot.waitUntil(lambda: not window.lint_pending)
    _, checklist = _outline_item(window, "Checklist")
    outline.itemClicked.emit(checklist, 0)
    assert window.editor.textCursor().block().text() == "## Checklist"
