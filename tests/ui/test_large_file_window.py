"""Large-file mode in the real window: a 1 MB file keeps every keystroke, in order, and its
diagnostics catch up with the final text (correctness; the benchmarks measure the time)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from helpers import make_library
from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCursor
from window_helpers import make_window, type_text

from foundry_app.core.document import Document
from foundry_app.core.large_file import LARGE_FILE_BYTES
from foundry_app.core.library import Library
from foundry_app.core.lint import check_document
from foundry_app.core.render import render_blocks
from foundry_app.ui.theme import themes

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from synthetic import big_document

LIBRARY_SIZE = 1_000_000


@pytest.fixture(scope="module")
def big_text() -> str:
    return big_document(LIBRARY_SIZE)


@pytest.fixture
def big_window(qtbot, tmp_path, settings, big_text):
    root = make_library(tmp_path / "lib", {"big": {"conventions.md": big_text}})
    window = make_window(qtbot, root, settings)
    path = root / "stacks" / "big" / "conventions.md"
    assert window.open_path(path)
    qtbot.waitUntil(lambda: not window.lint_pending, timeout=60_000)
    return window, path


def caught_up(window) -> bool:
    return not window.lint_pending and not window.editor._lint_timer.isActive()


def test_typing_into_a_large_file_keeps_every_keystroke_and_diagnostics_catch_up(qtbot, big_window):
    window, path = big_window
    editor = window.editor
    assert not window.large_file_note.isHidden()
    assert window.preview.showing_part()
    assert window.live_linter.child_pid() is not None  # parsed outside the window's process

    line = 30
    block = editor.document().findBlockByNumber(line - 1)
    before = block.text()
    cursor = QTextCursor(block)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    editor.setTextCursor(cursor)
    editor.setFocus()
    typed = ""
    for burst in ("  the first words", " then TODO more", " and the last ones"):
        type_text(qtbot, editor, burst)
        typed += burst
        qtbot.wait(250)  # long enough for the debounced lint to start mid-typing
    assert editor.document().findBlockByNumber(line - 1).text() == before + typed

    qtbot.waitUntil(lambda: caught_up(window), timeout=60_000)
    final = editor.text()
    expected = check_document(Library.open(path.parents[2]), path, Document(final))
    assert sorted(editor.diagnostics(), key=lambda d: d.sort_key()) == expected
    assert any(d.name == "placeholder" and d.line == line for d in editor.diagnostics())


def test_preview_of_a_large_file_follows_the_editor(qtbot, big_window):
    window, _path = big_window
    preview = window.preview
    first_lines = preview.anchor_lines()
    window.editor.go_to_line(window.editor.blockCount() - 5)
    qtbot.waitUntil(lambda: preview.anchor_lines() != first_lines)
    assert max(preview.anchor_lines()) > max(first_lines)
    assert len(preview.toPlainText()) < len(window.editor.text()) / 10


# pins: reading up a large file a screen at a time, the preview keeps showing the editor's
# top line and builds a new page at most every other screen, as reading down (it built one
# on every screen going up)
def test_reading_up_a_large_file_keeps_the_preview_on_the_editors_line(qtbot, big_window):
    window, _path = big_window
    preview, bar = window.preview, window.editor.verticalScrollBar()
    screen = window.editor.viewport().height() // window.editor.fontMetrics().height()

    def read(direction: int, screens: int = 40) -> int:
        pages = 0
        for _ in range(screens):
            shown = preview.anchor_lines()
            bar.setValue(bar.value() + direction * screen)
            qtbot.wait(1)
            pages += preview.anchor_lines() != shown
            top = window.editor.top_line()
            anchors = preview.anchor_lines()
            assert anchors[0] <= top <= anchors[-1] or top < anchors[0] == min(anchors)
        return pages

    bar.setValue(bar.maximum() // 2)
    qtbot.wait(1)
    down = read(+1)
    up = read(-1)
    assert down < 40 // 2
    assert up < 40 // 2


def test_closing_the_window_while_the_child_works_does_not_wait_for_it(qtbot, big_window):
    window, _path = big_window
    child = window.live_linter._child
    QTextCursor(window.editor.document()).insertText("x")
    window.lint_open_file()
    qtbot.waitUntil(lambda: child.pid is not None)
    window.live_linter.shutdown()
    # the worker waiting on the child was released (it did not wait out the lint)
    assert window.editor_pool.activeThreadCount() == 0
    assert child.pid is None


def test_new_lines_and_a_fence_opened_mid_file_give_the_whole_files_results(qtbot, big_window):
    """After edits that move every later section down, and one that turns the rest of the
    file into code, the markers and the preview are those of the whole text checked anew
    (the child re-parses only the sections an edit touched)."""
    window, path = big_window
    editor = window.editor
    library = Library.open(path.parents[2])

    def settled_and_whole() -> None:
        qtbot.waitUntil(
            lambda: caught_up(window) and not window.result_steps.running, timeout=60_000
        )
        final = Document(editor.text())
        expected = check_document(library, path, final)
        assert sorted(editor.diagnostics(), key=lambda d: d.sort_key()) == expected
        style = themes().theme.preview_style()
        assert window.preview._blocks == render_blocks(Document(editor.text()), style)

    middle = editor.document().findBlockByNumber(editor.blockCount() // 2)
    cursor = QTextCursor(middle)
    editor.setTextCursor(cursor)
    editor.setFocus()
    type_text(qtbot, editor, "\n\nA new paragraph TODO here.\n\n")
    settled_and_whole()
    blocks_before = len(window.preview._blocks)
    # pasted: a fence of five tildes that nothing in the file closes, so everything
    # below it is now one code block
    editor.textCursor().insertText("~~~~~\n")
    settled_and_whole()
    assert len(window.preview._blocks) < blocks_before * 0.6
    editor.document().undo()  # the fence goes: the chunks below are the earlier ones again
    settled_and_whole()
    assert len(window.preview._blocks) == blocks_before
    top = QTextCursor(editor.document().findBlockByNumber(3))
    top.insertText("| a | b |\n|---|---|\n| 1 | 2 | 3 |\n\n")  # a too-wide row near the top
    settled_and_whole()


def test_a_medium_file_is_checked_in_the_child_and_its_short_page_shown_whole(
    qtbot, tmp_path, settings, monkeypatch
):
    from foundry_app.ui.workers import live_lint

    prose = " ".join(["Plain words make a short page for their size."] * 10)
    sections = [f"## Part {n}\n\n{prose}\n" for n in range(1, 50)]
    text = "# Medium\n\n" + "\n".join(sections)
    assert live_lint.CHILD_PARSE_CHARS <= len(text) < LARGE_FILE_BYTES
    window, path = _window_on(qtbot, tmp_path, settings, text)
    parsed_here = []
    real = live_lint.Document
    monkeypatch.setattr(live_lint, "Document", lambda t="": parsed_here.append(len(t)) or real(t))
    assert window.open_path(path)
    qtbot.waitUntil(lambda: not window.lint_pending, timeout=30_000)
    assert window.live_linter.child_pid() is not None
    assert not [size for size in parsed_here if size >= live_lint.CHILD_PARSE_CHARS]
    assert window.large_file_note.isHidden() and not window.preview.showing_part()
    assert "Part 49" in window.preview.toPlainText()  # the whole page
    expected = check_document(Library.open(path.parents[2]), path, Document(text))
    assert sorted(window.editor.diagnostics(), key=lambda d: d.sort_key()) == expected


def test_a_long_page_is_shown_a_window_at_a_time_and_the_reader_can_scroll_it_all(
    qtbot, tmp_path, settings
):
    from PySide6.QtWidgets import QAbstractSlider

    text = _long_page()
    assert len(text) < LARGE_FILE_BYTES  # not a large file: only its page is long
    window, path = _window_on(qtbot, tmp_path, settings, text)
    assert window.open_path(path)
    qtbot.waitUntil(lambda: not window.lint_pending, timeout=30_000)
    preview = window.preview
    assert window.large_file_note.isHidden() and preview.showing_part()
    last = "value_899"
    assert last not in preview.toPlainText()
    assert max(len(block.html) for block in preview._blocks) > preview._page_chars  # too big
    bar = preview.verticalScrollBar()

    def top_text() -> str:
        return preview.cursorForPosition(QPoint(0, 0)).block().text()

    moves = 0
    for _ in range(80):  # the reader drags the bar to the end, again and again
        if last in preview.toPlainText():
            break
        bar.triggerAction(QAbstractSlider.SliderAction.SliderToMaximum)
        shown, before = top_text(), preview._window
        qtbot.wait(20)
        if preview._window != before:  # the window moved on, the pane still shows the same
            moves += 1
            assert preview._window[1] > before[1] and top_text() == shown
    assert last in preview.toPlainText() and moves
    first_heading = Document(text).headings[0].text
    for _ in range(80):  # and back to the start
        if first_heading in preview.toPlainText() and bar.value() == 0:
            break
        bar.triggerAction(QAbstractSlider.SliderAction.SliderToMinimum)
        qtbot.wait(20)
    assert first_heading in preview.toPlainText()


def test_a_window_scrolled_to_its_start_moves_back_and_the_pane_still_shows_the_same(
    qtbot, tmp_path, settings
):
    from PySide6.QtWidgets import QAbstractSlider

    window, path = _window_on(qtbot, tmp_path, settings, _long_page())
    assert window.open_path(path)
    qtbot.waitUntil(lambda: not window.lint_pending, timeout=30_000)
    preview = window.preview
    window.editor.go_to_line(window.editor.blockCount() - 5)
    qtbot.waitUntil(lambda: preview._window[0] > 0)  # the page shows the end of the file
    bar = preview.verticalScrollBar()
    moves = 0
    while preview._window[0] > 0 and moves < 80:  # the reader drags the bar to the top
        bar.triggerAction(QAbstractSlider.SliderAction.SliderToMinimum)
        top, shown = _shown_from(preview, 0)
        before = preview._window
        qtbot.waitUntil(lambda before=before: preview._window != before)
        moves += 1
        assert preview._window[0] < before[0]
        assert _shown_from(preview, top) == (top, shown)  # the same text, just as high
    assert preview._window[0] == 0 and moves > 1


def _long_page() -> str:
    """Text whose page is shown a window at a time, with a block too big for one window."""
    dense = big_document(30_000)  # tables, fences and lists: a page twice the text's size
    code = "\n".join(f"value_{n} = compute({n})  # a long listing" for n in range(900))
    return f"{dense}\n## Listing\n\n```python\n{code}\n```\n\n{big_document(20_000)}"


def _shown_from(preview, height: int) -> tuple[int, str]:
    """How far down the pane the text at `height` begins, and the text from there on."""
    inside = round(preview.document().documentMargin()) + 8  # past a table's border too
    block = preview.cursorForPosition(QPoint(inside, height)).block()
    while not block.text() and block.next().isValid():  # as the empty block before a table
        block = block.next()
    cursor = QTextCursor(block)
    top = preview.cursorRect(cursor).top()
    cursor.movePosition(
        QTextCursor.MoveOperation.NextCharacter, QTextCursor.MoveMode.KeepAnchor, 300
    )
    return top, cursor.selectedText()


def _window_on(qtbot, tmp_path, settings, text: str):
    root = make_library(tmp_path / "lib", {"mid": {"conventions.md": text}})
    return make_window(qtbot, root, settings), root / "stacks" / "mid" / "conventions.md"
