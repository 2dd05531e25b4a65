"""Helpers for tests that drive the real MainWindow on a temp library (fixtures: conftest)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import GOOD_FRONT_MATTER
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from foundry_app.ui.window.main_window import MainWindow

NOTES = (
    GOOD_FRONT_MATTER
    + "# Notes\n\n> Notes beside the conventions.\n\n"
    + "See [the conventions](conventions.md#checklist).\n\n- [ ] alpha\n- [ ] beta\n"
)
README = "# Library\n\nThe library's own readme.\n"


def file_named_not_utf8(folder: Path, stem: bytes, text: str) -> Path:
    """`folder/<stem>\\xff.md` holding `text`: a name with a byte that is not UTF-8, as
    Python lists it (a lone surrogate). Skips the test where the file system refuses it."""
    path = folder / os.fsdecode(stem + b"\xff.md")
    try:
        path.write_text(text, encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system refuses a name that is not UTF-8")
    return path


def show_new_files(qtbot, window: MainWindow) -> None:
    """Rescan the library and wait for its lint, as after files made outside the window."""
    window.refresh_library()
    qtbot.waitUntil(lambda: window.results.complete, timeout=10_000)


def make_window(qtbot, root, settings) -> MainWindow:
    window = MainWindow(root, settings=settings)
    # a test that leaves edits behind must not block teardown on a modal dialog
    window.ask_unsaved_changes = lambda: "discard"
    window.report_error = lambda text: pytest.fail(f"unexpected error dialog: {text}")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def conventions(library: Path) -> Path:
    return library / "stacks" / "example" / "conventions.md"


def notes(library: Path) -> Path:
    return library / "stacks" / "example" / "notes.md"


def open_file(qtbot, window: MainWindow, path: Path) -> None:
    assert window.open_path(path)
    qtbot.waitUntil(lambda: window.documents.path == path)
    qtbot.waitUntil(lambda: not window.stack_checklist.loading and not window.lint_pending)


def type_at_end(qtbot, window: MainWindow, text: str) -> None:
    """Real key presses at the end of the buffer."""
    editor = window.editor
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(qtbot, editor, text)


def type_text(qtbot, widget, text: str) -> None:
    """keyClicks cannot type a newline: press Return for each one."""
    for number, chunk in enumerate(text.split("\n")):
        if number:
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        if chunk:
            qtbot.keyClicks(widget, chunk)


def press_keys(widget, keys) -> None:
    """Each key pressed for real: a string is typed as one key event with that text
    (keyClicks knows ASCII only), anything else is a Qt.Key clicked."""
    for key in keys:
        if isinstance(key, str):
            event = QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, key)
            QApplication.sendEvent(widget, event)
        else:
            QTest.keyClick(widget, key)


def delete_line(window: MainWindow, line: int) -> None:
    """Remove 1-based `line` as one user edit (what selecting it and pressing Delete does)."""
    cursor = QTextCursor(window.editor.document().findBlockByNumber(line - 1))
    cursor.movePosition(QTextCursor.MoveOperation.NextBlock, QTextCursor.MoveMode.KeepAnchor)
    cursor.removeSelectedText()


def line_of(text: str, needle: str) -> int:
    return text.split("\n").index(needle) + 1


def replace_on_disk(path: Path, text: str) -> None:
    """Another program's atomic save."""
    temp = path.with_name(f".{path.name}.other")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


def problem_rows(window: MainWindow) -> list[tuple[str, str, str, str, str]]:
    model = window.problems.model
    return [
        tuple(model.index(row, column).data() for column in range(model.columnCount()))
        for row in range(model.rowCount())
    ]


def press_enter(qtbot, widget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def click_anchor(qtbot, browser, href: str) -> None:
    """A real mouse click on the link `href` in a QTextBrowser."""
    _click_link(qtbot, browser, lambda fragment: fragment.charFormat().anchorHref() == href, href)


def click_link_text(qtbot, browser, words: str) -> None:
    """A real mouse click on the link whose text is `words`."""
    _click_link(qtbot, browser, lambda fragment: fragment.text() == words, words)


def _click_link(qtbot, browser, wanted, name: str) -> None:
    document = browser.document()
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.charFormat().isAnchor() and wanted(fragment):
                cursor = QTextCursor(document)
                cursor.setPosition(fragment.position())
                browser.setTextCursor(cursor)
                browser.ensureCursorVisible()
                point = browser.cursorRect(cursor).center() + QPoint(4, 0)
                qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=point)
                return
            iterator += 1
        block = block.next()
    raise AssertionError(f"no link {name!r}")


def shown_pane(qtbot, width: int = 700, *, active: bool = True):
    """A real EditorPane on screen, 400 px high; `active` also gives it the keyboard."""
    from foundry_app.ui.editor.editor import EditorPane

    pane = EditorPane()
    qtbot.addWidget(pane)
    pane.resize(width, 400)
    pane.show()
    qtbot.waitExposed(pane)
    if active:
        pane.activateWindow()
        qtbot.waitActive(pane)
        pane.editor.setFocus()
    return pane


def refused(resource) -> bool:
    """What the preview's loadResource gives for a resource it will not load: nothing to show."""
    if resource is None:
        return True
    is_null = getattr(resource, "isNull", None)
    if is_null is not None:
        return is_null()
    return len(resource) == 0
