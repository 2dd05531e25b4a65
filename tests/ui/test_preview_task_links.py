"""A link the author wrote, `[text](task:N)`, is not a checkbox: a click on it ticks nothing."""

from __future__ import annotations

from helpers import GOOD_FRONT_MATTER
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from window_helpers import open_file

TEXT = GOOD_FRONT_MATTER + "# T\n\n- [ ] Ship it\n\nRead [the release notes](task:6) first.\n"


def _click_fragment(qtbot, browser, words: str) -> None:
    """A real mouse click on the link whose text is `words`."""
    document = browser.document()
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.charFormat().isAnchor() and fragment.text() == words:
                cursor = QTextCursor(document)
                cursor.setPosition(fragment.position() + 2)
                browser.setTextCursor(cursor)
                browser.ensureCursorVisible()
                point = browser.cursorRect(cursor).center()
                qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=point)
                return
            iterator += 1
        block = block.next()
    raise AssertionError(f"no link {words!r}")


def test_a_written_task_link_in_prose_ticks_nothing(qtbot, window, library):
    path = library / "stacks" / "example" / "links.md"
    path.write_text(TEXT, encoding="utf-8")
    window.refresh_library()
    qtbot.waitUntil(lambda: window.results.complete, timeout=10_000)
    open_file(qtbot, window, path)
    qtbot.waitUntil(lambda: window.preview.source_text == window.documents.text())
    before = path.read_bytes()
    _click_fragment(qtbot, window.preview, "the release notes")
    qtbot.wait(50)
    assert path.read_bytes() == before, (
        "clicking the prose link 'the release notes' ticked the task: " + path.read_text()
    )
