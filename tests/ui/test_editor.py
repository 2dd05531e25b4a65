"""MarkdownEditor and EditorPane driven through real widgets and real key presses."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip
from window_helpers import shown_pane

from foundry_app.core.diagnostics import Diagnostic, Fix, Severity, TextEdit
from foundry_app.ui.editor.editor import MarkdownEditor
from foundry_app.ui.editor.line_numbers import LineNumberGutter
from foundry_app.ui.theme import current_theme

SAMPLE = "# Title\n\nSome text here.\n\n## Defaults\n\n- item one\n- item two\n"


def diagnostic(
    line,
    column,
    end_line,
    end_column,
    *,
    severity=Severity.ERROR,
    message="Bad",
    rule="FT101",
    name="missing-section",
    fix=None,
) -> Diagnostic:
    return Diagnostic(
        Path("x.md"), line, column, end_line, end_column, rule, name, severity, message, fix
    )


@pytest.fixture
def pane(qtbot):
    return shown_pane(qtbot, 600)


@pytest.fixture
def editor(pane) -> MarkdownEditor:
    pane.editor.load_text(SAMPLE)
    return pane.editor


def position(editor, line, column) -> int:
    return editor.document().findBlockByNumber(line - 1).position() + column - 1


def underlines(editor):
    return [
        s
        for s in editor.extraSelections()
        if s.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    ]


# --- text, loading, signals -----------------------------------------------------------


def test_typing_updates_text_and_reports_edits(editor, qtbot):
    edits = []
    editor.textEdited.connect(lambda: edits.append(1))
    editor.moveCursor(QTextCursor.MoveOperation.End)
    with qtbot.waitSignal(editor.lintRequested, timeout=1000):
        qtbot.keyClicks(editor, "abc")
    assert editor.text() == SAMPLE + "abc"
    assert len(edits) == 3
    assert editor.document().isModified()


def test_load_text_is_not_an_edit(pane, qtbot):
    editor = pane.editor
    edits = []
    editor.textEdited.connect(lambda: edits.append(1))
    editor.load_text("hello\u00a0world\n")
    assert edits == []
    assert not editor.document().isModified()
    assert not editor.document().isUndoAvailable()
    assert editor.text() == "hello\u00a0world\n"  # the non-breaking space survives


def test_editor_defaults(editor):
    assert editor.objectName() == "editor"
    assert editor.font().fixedPitch() or editor.fontInfo().fixedPitch()
    assert editor.lineWrapMode() == editor.LineWrapMode.NoWrap
    space = editor.fontMetrics().horizontalAdvance(" ")
    assert editor.tabStopDistance() == pytest.approx(space * 4, abs=1)


def test_cursor_line_changed_reports_one_based_lines(editor, qtbot):
    with qtbot.waitSignal(editor.cursorLineChanged) as blocker:
        qtbot.keyClick(editor, Qt.Key.Key_Down)
    assert blocker.args == [2]


def test_top_line_changed_on_scroll(pane, qtbot):
    editor = pane.editor
    editor.load_text("\n".join(f"line {i}" for i in range(1, 501)))
    with qtbot.waitSignal(editor.topLineChanged) as blocker:
        editor.verticalScrollBar().setValue(100)
    assert blocker.args == [editor.top_line()]
    assert editor.top_line() == 101


def test_replace_all_text_undoably_is_one_small_undo_step(editor):
    editor.load_text("- [ ] one\n- [ ] two\n" + "filler\n" * 200)
    editor.go_to_line(150)
    cursor_before = editor.textCursor().position()
    scroll_before = editor.verticalScrollBar().value()
    changes = []
    editor.document().contentsChange.connect(lambda p, r, a: changes.append((p, r, a)))
    ticked = editor.text().replace("- [ ] two", "- [x] two")

    assert editor.replace_all_text_undoably(ticked)

    assert editor.text() == ticked
    assert changes == [(13, 1, 1)]  # exactly the one character
    assert editor.textCursor().position() == cursor_before
    assert editor.verticalScrollBar().value() == scroll_before
    editor.undo()
    assert "- [ ] two" in editor.text()
    assert not editor.document().isUndoAvailable()


def test_read_only_refuses_programmatic_rewrite(editor, qtbot):
    editor.set_read_only(True)
    assert not editor.replace_all_text_undoably("other")
    qtbot.keyClicks(editor, "zzz")
    assert editor.text() == SAMPLE
    editor.set_read_only(False)
    qtbot.keyClicks(editor, "z")
    assert editor.text() == "z" + SAMPLE


# --- diagnostics ----------------------------------------------------------------------


def test_set_diagnostics_underlines_exact_range(editor):
    warning = diagnostic(3, 6, 3, 10, severity=Severity.WARNING)
    editor.set_diagnostics([diagnostic(1, 3, 1, 8), warning])
    selections = underlines(editor)
    assert len(selections) == 2
    spans = {(s.cursor.selectionStart(), s.cursor.selectionEnd()): s for s in selections}
    error = spans[(position(editor, 1, 3), position(editor, 1, 8))]
    assert error.cursor.selectedText() == "Title"
    assert error.format.underlineColor() == current_theme().color("error")
    amber = spans[(position(editor, 3, 6), position(editor, 3, 10))]
    assert amber.cursor.selectedText() == "text"
    assert amber.format.underlineColor() == current_theme().color("warning")


def test_empty_range_underlines_whole_line(editor):
    editor.set_diagnostics([diagnostic(5, 1, 5, 1)])
    (selection,) = underlines(editor)
    assert selection.cursor.block().blockNumber() == 4
    assert selection.cursor.selectedText() == "## Defaults"


def test_columns_count_code_points_not_utf16(pane):
    editor = pane.editor
    editor.load_text("😀 bad word\n")
    editor.set_diagnostics([diagnostic(1, 3, 1, 6)])
    (selection,) = underlines(editor)
    assert selection.cursor.selectedText() == "bad"


def test_marker_lines_by_worst_severity_and_follow_edits(editor):
    editor.set_diagnostics(
        [
            diagnostic(3, 1, 3, 5, severity=Severity.WARNING),
            diagnostic(5, 1, 5, 3, severity=Severity.WARNING),
            diagnostic(5, 4, 5, 6),
        ]
    )
    assert editor.marker_lines() == {3: Severity.WARNING, 5: Severity.ERROR}
    editor.moveCursor(QTextCursor.MoveOperation.Start)
    editor.insertPlainText("new\nlines\n")
    assert editor.marker_lines() == {5: Severity.WARNING, 7: Severity.ERROR}
    (first, *_rest) = sorted(underlines(editor), key=lambda s: s.cursor.selectionStart())
    assert first.cursor.selectedText() == "Some"


def test_tooltip_names_message_and_rule(editor):
    editor.set_diagnostics(
        [diagnostic(3, 6, 3, 10, message="Say less", rule="FT205", name="wordy-text")]
    )
    inside = position(editor, 3, 7)
    assert editor.diagnostic_at(inside).rule == "FT205"
    assert editor.tooltip_at(inside) == "Say less\nwordy-text [FT205]"
    assert editor.diagnostic_at(position(editor, 3, 10)) is None  # end is exclusive
    assert editor.tooltip_at(position(editor, 1, 1)) == ""
    assert editor.tooltip_for_line(3) == "Say less\nwordy-text [FT205]"


def test_f8_walks_problems_and_wraps(editor, qtbot):
    editor.set_diagnostics(
        [
            diagnostic(5, 4, 5, 12, message="second"),
            diagnostic(3, 1, 3, 5, message="first", severity=Severity.WARNING),
        ]
    )
    messages = []
    editor.problemFocused.connect(messages.append)
    qtbot.keyClick(editor, Qt.Key.Key_F8)
    assert editor.cursor_line() == 3
    qtbot.keyClick(editor, Qt.Key.Key_F8)
    assert (editor.cursor_line(), editor.textCursor().positionInBlock()) == (5, 3)
    qtbot.keyClick(editor, Qt.Key.Key_F8)
    assert editor.cursor_line() == 3  # wrapped
    qtbot.keyClick(editor, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert editor.cursor_line() == 5  # wrapped backwards
    assert messages[0] == "first — missing-section [FT101]"
    assert messages[1].startswith("second")


def test_ctrl_period_applies_fix_as_one_undo_step(editor, qtbot):
    fix = Fix(
        "Add section", (TextEdit(5, 4, 5, 12, "Checklist"), TextEdit(9, 1, 9, 1, "- [ ] a\n"))
    )
    editor.set_diagnostics([diagnostic(5, 4, 5, 12, fix=fix)])
    editor.go_to_line(5)
    qtbot.keyClick(editor, Qt.Key.Key_Period, Qt.KeyboardModifier.ControlModifier)
    assert editor.text() == SAMPLE.replace("## Defaults", "## Checklist") + "- [ ] a\n"
    assert editor.diagnostics() == []
    editor.undo()
    assert editor.text() == SAMPLE


def test_fix_lands_right_after_unrelated_edits(editor, qtbot):
    fix = Fix("Rename", (TextEdit(5, 4, 5, 12, "Checklist"),))
    editor.set_diagnostics([diagnostic(5, 4, 5, 12, fix=fix)])
    editor.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClicks(editor, "Big ")
    editor.go_to_line(5)
    assert editor.apply_quick_fix()
    assert editor.text().startswith("Big # Title")
    assert "## Checklist\n" in editor.text()


def test_quick_fix_needs_a_fix_on_the_cursor_line(editor):
    editor.set_diagnostics([diagnostic(5, 4, 5, 12, fix=Fix("x", (TextEdit(5, 4, 5, 12, "y"),)))])
    editor.go_to_line(3)
    assert not editor.apply_quick_fix()
    assert editor.text() == SAMPLE


def test_load_text_clears_diagnostics(editor):
    editor.set_diagnostics([diagnostic(1, 1, 1, 2)])
    editor.load_text("other\n")
    assert editor.marker_lines() == {}
    assert underlines(editor) == []


# --- find and go to line --------------------------------------------------------------


def test_find_bar_selects_matches_case_insensitively(pane, qtbot):
    editor = pane.editor
    editor.load_text("Item one\nitem two\nITEM three\n")
    qtbot.keyClick(editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert pane.find_bar.isVisible()
    qtbot.keyClicks(pane.find_bar.query, "item")
    assert editor.textCursor().selectionStart() == 0  # incremental: first match
    assert pane.find_bar.match_count() == 3
    assert len(editor.search_matches()) == 3
    qtbot.keyClick(pane.find_bar.query, Qt.Key.Key_Return)
    assert editor.cursor_line() == 2
    assert editor.textCursor().selectedText() == "item"
    qtbot.keyClick(pane.find_bar.query, Qt.Key.Key_F3)
    assert editor.cursor_line() == 3
    qtbot.keyClick(pane.find_bar.query, Qt.Key.Key_Return)
    assert editor.cursor_line() == 1  # wrapped
    qtbot.keyClick(pane.find_bar.query, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert editor.cursor_line() == 3
    assert pane.find_bar.status.text() == "3 of 3"
    qtbot.keyClick(pane.find_bar.query, Qt.Key.Key_Escape)
    assert not pane.find_bar.isVisible()
    assert editor.search_matches() == []


def test_find_match_case(pane, qtbot):
    editor = pane.editor
    editor.load_text("Item one\nitem two\n")
    pane.open_find()
    pane.find_bar.match_case.setChecked(True)
    qtbot.keyClicks(pane.find_bar.query, "item")
    assert pane.find_bar.match_count() == 1
    assert editor.cursor_line() == 2


def test_go_to_line_with_ctrl_l_is_bounded(pane, qtbot):
    editor = pane.editor
    editor.load_text("\n".join(f"line {i}" for i in range(1, 21)))
    qtbot.keyClick(editor, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert pane.goto_bar.isVisible()
    qtbot.keyClicks(pane.goto_bar.number, "12")
    qtbot.keyClick(pane.goto_bar.number, Qt.Key.Key_Return)
    assert editor.cursor_line() == 12
    assert not pane.goto_bar.isVisible()
    pane.open_go_to_line()
    qtbot.keyClicks(pane.goto_bar.number, "999")
    qtbot.keyClick(pane.goto_bar.number, Qt.Key.Key_Enter)
    assert editor.cursor_line() == 20


# --- highlighting ---------------------------------------------------------------------


def _formats_of_line(editor, line) -> list[tuple[int, int, QTextCharFormat]]:
    ranges = editor.document().findBlockByNumber(line - 1).layout().formats()
    # Copy out of the FormatRange temporaries before they are freed.
    return [(r.start, r.length, QTextCharFormat(r.format)) for r in ranges]


def test_highlighter_tracks_fenced_code_blocks(pane, qtbot):
    editor = pane.editor
    editor.load_text("# Head\n\n```python\n# not a heading\n```\n\n**bold** and `code`\n")
    qtbot.wait(10)
    heading = _formats_of_line(editor, 1)[0][2]
    in_fence = _formats_of_line(editor, 4)[0][2]
    assert heading.fontWeight() > 400
    assert in_fence.fontWeight() <= 400  # a "#" inside a fence is code, not a heading
    assert editor.document().findBlockByNumber(3).userState() > 0
    assert editor.document().findBlockByNumber(6).userState() == -1
    spans = {(start, length) for start, length, _ in _formats_of_line(editor, 7)}
    assert (0, 8) in spans  # **bold**
    assert (13, 6) in spans  # `code`


def test_hovering_underlined_text_shows_tooltip(editor, qtbot):
    editor.set_diagnostics([diagnostic(3, 6, 3, 10, message="Say <less>", name="wordy-text")])
    cursor = QTextCursor(editor.document())
    cursor.setPosition(position(editor, 3, 7))
    point = editor.cursorRect(cursor).center()
    event = QHelpEvent(QEvent.Type.ToolTip, point, editor.viewport().mapToGlobal(point))
    QApplication.sendEvent(editor.viewport(), event)
    qtbot.waitUntil(QToolTip.isVisible)
    assert "Say &lt;less&gt;" in QToolTip.text()
    assert "wordy-text [FT101]" in QToolTip.text()


def test_gutter_paints_markers_and_explains_them(editor, qtbot):
    editor.set_diagnostics([diagnostic(3, 1, 3, 5, message="gutter says")])
    gutter = editor.findChild(LineNumberGutter)
    assert gutter.width() > 0
    assert not gutter.grab().isNull()  # paints numbers and the marker without error
    y = editor.cursorRect(QTextCursor(editor.document().findBlockByNumber(2))).center().y()
    assert gutter.line_at(y) == 3
    QApplication.sendEvent(
        gutter, QHelpEvent(QEvent.Type.ToolTip, QPoint(2, y), gutter.mapToGlobal(QPoint(2, y)))
    )
    qtbot.waitUntil(QToolTip.isVisible)
    assert "gutter says" in QToolTip.text()


def test_diagnostics_past_the_end_stay_in_the_document(editor):
    editor.set_diagnostics([diagnostic(99, 1, 99, 1), diagnostic(2, 50, 4, 80)])
    lines = editor.marker_lines()
    assert set(lines) == {editor.blockCount(), 2}


def test_highlighter_marks_front_matter_and_ends_it_at_the_closing_fence(pane, qtbot):
    editor = pane.editor
    editor.load_text("---\nid: demo\n# not a heading\n---\n# Head\n")
    qtbot.wait(10)
    states = [editor.document().findBlockByNumber(n).userState() for n in range(5)]
    assert states[:3] == [-2, -2, -2] and states[3] == -1
    comment_line = _formats_of_line(editor, 3)[0][2]
    assert comment_line.fontWeight() <= 400  # a "#" inside front matter is not a heading
    assert (0, 2) in {(start, length) for start, length, _ in _formats_of_line(editor, 2)}
    assert _formats_of_line(editor, 5)[0][2].fontWeight() > 400


# --- large files ----------------------------------------------------------------------


def test_large_text_is_highlighted_in_slices_without_new_revisions(pane, qtbot):
    from foundry_app.core.large_file import LARGE_FILE_BYTES

    editor = pane.editor
    fence = "```python\nx = 1\n```\n"
    text = ("Some prose line that is long enough.\n" * 50 + fence) * (LARGE_FILE_BYTES // 1800)
    text += "## Last heading\n\n```\ninside a fence\n"
    edits = []
    editor.textEdited.connect(lambda: edits.append(1))
    editor.load_text(text)
    revision = editor.document().revision()
    qtbot.waitUntil(lambda: not editor._highlighter.deferring, timeout=30_000)
    assert editor.document().revision() == revision and not edits
    last = editor.document().lastBlock()
    heading = last.previous().previous().previous().previous()
    assert heading.text() == "## Last heading"
    assert heading.layout().formats()[0].format.fontWeight() == 700
    assert last.userState() > 0  # the unclosed fence's state reached the last line


def test_marker_lines_of_a_range_only(editor):
    editor.set_diagnostics(
        [diagnostic(1, 1, 1, 3), diagnostic(3, 1, 3, 2, severity=Severity.WARNING)]
    )
    assert editor.marker_lines() == {1: Severity.ERROR, 3: Severity.WARNING}
    third = editor.document().findBlockByNumber(2).position()
    assert editor.marker_lines(third, third + 1) == {3: Severity.WARNING}
    assert editor.marker_lines(0, third - 1) == {1: Severity.ERROR}
