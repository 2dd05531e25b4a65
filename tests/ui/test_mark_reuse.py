"""A new lint keeps the marks of diagnostics it reports again on lines no edit touched,
and pins afresh every other one: a kept mark must select exactly what a new one would."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor
from window_helpers import shown_pane

from foundry_app.core.diagnostics import Diagnostic, Fix, Severity, TextEdit
from foundry_app.ui.editor import editor as editor_module
from foundry_app.ui.editor.text_positions import document_span

TEXT = "".join(f"line {n} of the file\n" for n in range(1, 41))


def warning(line: int, column: int = 1, end_column: int = 5, fix: Fix | None = None):
    return Diagnostic(
        Path("x.md"), line, column, line, end_column, "FT999", "t", Severity.WARNING, "m", fix
    )


@pytest.fixture
def editor(qtbot):
    pane = shown_pane(qtbot, 600, active=False)
    pane.editor.load_text(TEXT)
    yield pane.editor  # the pane stays referenced while the test runs


@pytest.fixture
def pins(monkeypatch):
    pinned: list[Diagnostic] = []
    real_pin = editor_module.DiagnosticMark.pin
    monkeypatch.setattr(
        editor_module.DiagnosticMark,
        "pin",
        lambda document, d: pinned.append(d) or real_pin(document, d),
    )
    return pinned


def selected(editor) -> list[tuple[int, str]]:
    """(line, selected text) of every mark, as the editor now holds them."""
    return [(mark.line, mark.range.selectedText()) for mark in editor._marks]


def typed(editor, line: int, column: int, text: str) -> None:
    cursor = QTextCursor(editor.document().findBlockByNumber(line - 1))
    cursor.movePosition(QTextCursor.MoveOperation.Right, n=column - 1)
    cursor.insertText(text)


def test_marks_on_lines_no_edit_touched_are_kept(editor, pins):
    diagnostics = [warning(line) for line in (3, 10, 20)]
    editor.set_diagnostics(diagnostics)
    before = list(editor._marks)
    typed(editor, 10, 1, "x")
    pins.clear()
    editor.set_diagnostics([warning(3), warning(10, 2, 6), warning(20)])
    assert pins == [warning(10, 2, 6)]  # only the touched line's is pinned again
    assert editor._marks[0] is before[0] and editor._marks[2] is before[2]
    assert selected(editor) == [(3, "line"), (10, "line"), (20, "line")]


def test_a_line_added_above_repins_everything(editor, pins):
    editor.set_diagnostics([warning(20)])
    typed(editor, 1, 1, "\n")
    pins.clear()
    editor.set_diagnostics([warning(20)])  # the same diagnostic, now meant for the new line 20
    assert pins == [warning(20)]
    assert selected(editor) == [(20, "line")]
    assert editor.document().findBlockByNumber(19).text().startswith("line 19")


def test_an_edit_that_keeps_the_line_count_still_repins_the_lines_it_spans(editor, pins):
    editor.set_diagnostics([warning(6), warning(7), warning(30)])
    cursor = QTextCursor(editor.document().findBlockByNumber(5))
    cursor.movePosition(QTextCursor.MoveOperation.Down, QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText("ab\ncdefgh ")  # one newline out, one in: lines 6 and 7 are new text
    pins.clear()
    editor.set_diagnostics([warning(6, 1, 3), warning(7), warning(30)])
    assert pins == [warning(6, 1, 3), warning(7)]
    assert selected(editor) == [(6, "ab"), (7, "cdef"), (30, "line")]


def test_a_diagnostic_with_another_fix_gets_a_new_mark(editor, pins):
    old_fix = Fix("old", (TextEdit(3, 1, 3, 5, "LINE"),))
    new_fix = Fix("new", (TextEdit(3, 1, 3, 5, "Line"),))
    editor.set_diagnostics([warning(3, fix=old_fix)])
    pins.clear()
    editor.set_diagnostics([warning(3, fix=new_fix)])
    assert len(pins) == 1 and editor._marks[0].diagnostic.fix == new_fix


def test_a_mark_whose_fix_is_on_a_touched_line_is_pinned_again(editor, pins):
    fix = Fix("join", (TextEdit(12, 1, 12, 5, "LINE"),))
    editor.set_diagnostics([warning(3, fix=fix)])
    typed(editor, 12, 1, "x")
    pins.clear()
    editor.set_diagnostics([warning(3, fix=fix)])
    assert len(pins) == 1
    fix_cursor = editor._marks[0].fix_ranges[0][0]
    assert fix_cursor.selectedText() == "xlin"  # where the fix now applies: line 12, 1-5


def test_two_equal_diagnostics_keep_two_marks(editor, pins):
    editor.set_diagnostics([warning(3), warning(3)])
    first = list(editor._marks)
    pins.clear()
    editor.set_diagnostics([warning(3), warning(3)])
    assert pins == [] and {id(m) for m in editor._marks} == {id(m) for m in first}


def test_after_a_reload_nothing_is_kept(editor, pins):
    editor.set_diagnostics([warning(3)])
    editor.load_text(TEXT.replace("line 3 of", "LINE 3 of"))
    pins.clear()
    editor.set_diagnostics([warning(3)])
    assert pins == [warning(3)] and selected(editor) == [(3, "LINE")]


def test_undo_counts_as_an_edit(editor, pins):
    editor.set_diagnostics([warning(5)])
    typed(editor, 5, 1, "zz")
    editor.set_diagnostics([warning(5)])
    editor.document().undo()
    pins.clear()
    editor.set_diagnostics([warning(5)])
    assert pins == [warning(5)] and selected(editor) == [(5, "line")]


def test_a_mark_past_the_last_line_is_pinned_again_when_the_last_line_is_edited(editor, pins):
    editor.set_diagnostics([warning(60)])  # past the end: pinned on the last line
    assert selected(editor) == [(41, "")]
    typed(editor, 41, 1, "tail")
    editor.set_diagnostics([warning(60)])
    assert selected(editor) == [(41, "tail")]


def test_a_mark_before_the_first_line_is_pinned_again_when_the_first_line_is_edited(editor, pins):
    editor.set_diagnostics([warning(0, 0, 0)])  # line 0: pinned on the first line
    typed(editor, 1, 1, "x")
    editor.set_diagnostics([warning(0, 0, 0)])
    assert selected(editor) == [(1, "xline 1 of the file")]


def test_a_backwards_range_is_pinned_again_when_an_edit_touches_its_lines(editor, pins):
    backwards = Diagnostic(Path("x.md"), 5, 1, 3, 1, "FT999", "t", Severity.WARNING, "m")
    editor.set_diagnostics([backwards])
    typed(editor, 3, 1, "x")
    editor.set_diagnostics([backwards])
    start, end = (editor._marks[0].range.selectionStart(), editor._marks[0].range.selectionEnd())
    assert (start, end) == document_span(editor.document(), 5, 1, 3, 1)[::-1]


def test_after_many_edits_their_lines_merge_and_marks_outside_them_are_still_kept(editor, pins):
    editor.set_diagnostics([warning(2), warning(10), warning(37), warning(39)])
    before = list(editor._marks)
    for line in range(3, 38):  # more edits than EditedLines keeps one by one
        if line != 10:
            typed(editor, line, 1, "x")
    pins.clear()
    editor.set_diagnostics([warning(2), warning(10), warning(37), warning(39)])
    # line 10 lies inside the merged range though it was not edited; line 37 was edited last
    assert pins == [warning(10), warning(37)]
    assert editor._marks[0] is before[0] and editor._marks[3] is before[3]
    assert selected(editor) == [(2, "line"), (10, "line"), (37, "xlin"), (39, "line")]
