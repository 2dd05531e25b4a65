"""Kept marks against fresh ones over random edits: after every pin, each mark (kept or
new) selects exactly what pinning its diagnostic afresh on the text as it is selects."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from window_helpers import press_keys

from foundry_app.core.diagnostics import Diagnostic, Fix, Severity, TextEdit
from foundry_app.ui.editor import editor as editor_module
from foundry_app.ui.editor.diagnostic_marks import DiagnosticMark

PIECES = ["a", "bc", " ", "", "😀", "é", "\u2029", "#", "x y"]
LINE = st.lists(st.sampled_from(PIECES), max_size=4).map("".join)
TEXT = st.lists(LINE, min_size=1, max_size=8).map("\n".join)
KEYS = ["x", "😀", Qt.Key.Key_Return, Qt.Key.Key_Backspace, Qt.Key.Key_Delete, Qt.Key.Key_Tab]
INSERTED = st.lists(st.sampled_from([*PIECES, "\n"]), max_size=4).map("".join)


@st.composite
def diagnostics(draw) -> list[Diagnostic]:
    """A pool of diagnostics anywhere (line 0 and past the end too), some with fixes on
    other lines; a pin takes some of them, repeats included."""

    def place():
        line = draw(st.integers(0, 10))
        end_line = line + draw(st.integers(-1, 1))  # backwards too
        return line, draw(st.integers(0, 6)), end_line, draw(st.integers(0, 6))

    pool = []
    for number in range(draw(st.integers(1, 5))):
        line, column, end_line, end_column = place()
        fix = None
        if draw(st.booleans()):
            edits = tuple(TextEdit(*place(), "z") for _ in range(draw(st.integers(0, 2))))
            fix = Fix(draw(st.sampled_from(["one", "two"])), edits)
        pool.append(
            Diagnostic(
                Path("x.md"), line, column, end_line, end_column,
                f"FT{number}", "t", Severity.WARNING, "m", fix,
            )
        )  # fmt: skip
    return pool


def position(document, line: int, column: int) -> int:
    block = document.findBlockByNumber(min(line, document.blockCount() - 1))
    return block.position() + min(column, block.length() - 1)


@st.composite
def actions(draw, pool: list[Diagnostic]):
    kind = draw(
        st.sampled_from(
            ["edit", "edit", "block", "keys", "undo", "redo", "fix", "reload", "pin", "pin", "halt"]
        )
    )
    if kind in ("pin", "halt"):
        chosen = draw(st.lists(st.sampled_from(pool), max_size=6))
        return kind, chosen, draw(st.integers(1, 3))
    if kind in ("undo", "redo"):
        return (kind,)
    if kind == "reload":
        return kind, draw(TEXT)
    if kind in ("keys", "fix"):
        keys = draw(st.lists(st.sampled_from(KEYS), max_size=4))
        return kind, draw(st.integers(0, 9)), draw(st.integers(0, 6)), keys
    count = 2 if kind == "block" else 1
    edits = [
        (draw(st.integers(0, 9)), draw(st.integers(0, 6)), draw(st.integers(0, 2)), draw(INSERTED))
        for _ in range(count)
    ]
    return kind, edits


def edit(document, at: tuple[int, int, int, str]) -> None:
    line, column, lines_spanned, inserted = at
    cursor = QTextCursor(document)
    cursor.setPosition(position(document, line, column))
    end = position(document, line + lines_spanned, column + 1)
    cursor.setPosition(max(end, cursor.position()), QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(inserted)


def spans(mark: DiagnosticMark) -> list[tuple[int, int]]:
    cursors = [mark.range, *(cursor for cursor, _ in mark.fix_ranges)]
    return [(c.selectionStart(), c.selectionEnd()) for c in cursors]


def assert_as_pinned_afresh(editor, given: list[Diagnostic]) -> None:
    document = editor.document()
    for mark in editor._marks:
        assert spans(mark) == spans(DiagnosticMark.pin(document, mark.diagnostic)), mark.diagnostic
    shown = Counter((d, d.fix) for d in editor.diagnostics())
    assert shown == Counter((d, d.fix) for d in given)


@pytest.fixture(scope="module")
def editor(qapp):
    """One editor for every example (each loads its own text): a pane per example would
    cost more than the example."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(editor_module, "PIN_BATCH", 2)  # pins yield often: edits land mid-pin
        pane = editor_module.EditorPane()
        pane.resize(600, 400)
        pane.show()
        yield pane.editor
        pane.close()


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_kept_marks_select_what_fresh_ones_would(editor, data):
    editor.load_text(data.draw(TEXT))
    document = editor.document()
    pool = data.draw(diagnostics())
    for action in data.draw(st.lists(actions(pool), max_size=12)):
        kind = action[0]
        if kind == "undo":
            document.undo()
        elif kind == "redo":
            document.redo()
        elif kind in ("edit", "block"):
            cursor = QTextCursor(document)
            cursor.beginEditBlock()
            for at in action[1]:
                edit(document, at)
            cursor.endEditBlock()
        elif kind == "reload":  # another file, or the same one from disk
            editor.load_text(action[1])
        elif kind in ("keys", "fix"):  # real key presses, or the quick fix on that line
            cursor = QTextCursor(document)
            cursor.setPosition(position(document, action[1], action[2]))
            editor.setTextCursor(cursor)
            if kind == "fix":
                editor.apply_quick_fix()
            press_keys(editor, action[3])
        elif kind == "pin":
            editor.set_diagnostics(action[1])
            assert_as_pinned_afresh(editor, action[1])
        else:  # a pin halted by an edit after a step or two, then the next lint's pin
            before = list(editor._marks)
            steps = editor.pin_diagnostics(action[1])
            end = object()
            finished = any(next(steps, end) is end for _ in range(action[2]))
            edit(document, (0, 0, 0, "q"))
            for _ in steps:
                pass
            if not finished:
                assert editor._marks == before  # a pin halted by an edit changes nothing
            editor.set_diagnostics(action[1])
            assert_as_pinned_afresh(editor, action[1])
