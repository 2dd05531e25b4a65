"""The window acts on what the author sees, and never loses or rewrites work behind
their back (issue 9's window items)."""

from __future__ import annotations

from helpers import GOOD_CONVENTIONS
from PySide6.QtGui import QTextCursor
from window_helpers import click_anchor, conventions, line_of, open_file, type_text


def _type_at_line(qtbot, window, line: int, text: str) -> None:
    """Real key presses at the start of 1-based `line`."""
    editor = window.editor
    editor.setFocus()
    editor.setTextCursor(QTextCursor(editor.document().findBlockByNumber(line - 1)))
    type_text(qtbot, editor, text)


def test_stale_click_ticks_the_item_the_user_sees(qtbot, window, library):
    path = conventions(library)
    open_file(qtbot, window, path)
    seen_line = line_of(GOOD_CONVENTIONS, "- [ ] Three")
    _type_at_line(qtbot, window, 3, "New line one\nNew line two\n\n")
    assert window.save()
    # no wait: the preview still shows the links of the text before the typing
    click_anchor(qtbot, window.preview, f"task:{seen_line}")
    on_disk = path.read_text(encoding="utf-8")
    assert "- [x] Three" in on_disk
    assert "- [ ] One" in on_disk and "- [ ] Four" in on_disk and "- [ ] Five" in on_disk


def test_stale_click_while_dirty_ticks_the_item_the_user_sees_once_saved(qtbot, window, library):
    path = conventions(library)
    open_file(qtbot, window, path)
    seen_line = line_of(GOOD_CONVENTIONS, "- [ ] One")
    _type_at_line(qtbot, window, 3, "Above\n")
    click_anchor(qtbot, window.preview, f"task:{seen_line}")
    assert window.save()
    on_disk = path.read_text(encoding="utf-8")
    assert "- [x] One" in on_disk and "- [ ] Three" in on_disk and "Above\n" in on_disk


def test_stale_click_on_an_item_edited_since_ticks_nothing(qtbot, window, library):
    path = conventions(library)
    open_file(qtbot, window, path)
    line = line_of(GOOD_CONVENTIONS, "- [ ] One")
    editor = window.editor
    cursor = QTextCursor(editor.document().findBlockByNumber(line - 1))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    editor.setTextCursor(cursor)
    type_text(qtbot, editor, " more")
    click_anchor(qtbot, window.preview, f"task:{line}")
    assert "- [ ] One more" in editor.text() and "[x] One" not in editor.text()


def test_stale_checklist_panel_tick_acts_on_the_item_the_user_sees(qtbot, window, library):
    path = conventions(library)
    open_file(qtbot, window, path)
    seen_line = line_of(GOOD_CONVENTIONS, "- [ ] Four")
    qtbot.waitUntil(lambda: window.checklist.task_item(path, seen_line) is not None)
    _type_at_line(qtbot, window, 3, "Above\n")
    window.stack_checklist.openFileToggled.emit(seen_line)
    assert "- [x] Four" in window.editor.text() and "- [ ] Five" in window.editor.text()


def test_stale_jump_to_problem_goes_to_the_line_the_user_sees(qtbot, window, library):
    path = library / "stacks" / "example" / "notes.md"
    path.write_text("# Notes\n\nSome text.\n\nSee [gone](missing.md).\n", encoding="utf-8")
    window.refresh_library(relint=True)
    open_file(qtbot, window, path)
    qtbot.waitUntil(lambda: any(d.line == 5 for d in window.results.diagnostics_for(path)))
    problem = next(d for d in window.results.diagnostics_for(path) if d.line == 5)
    _type_at_line(qtbot, window, 1, "<!-- a -->\n\n")
    window.go_to_problem(problem)
    assert window.editor.textCursor().block().text() == "See [gone](missing.md)."


def test_clean_buffer_not_written_on_ctrl_s(qtbot, window, library):
    path = conventions(library)
    open_file(qtbot, window, path)
    before = path.stat()
    assert window.save()
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
