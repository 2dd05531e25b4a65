"""Keyboard and assistive technology: names on the panels and buttons, Tab through tree →
editor → preview, a visible focus frame, and the preview's checkboxes ticked by keyboard
through the same path (and the same stale-text rule) as a click."""

from __future__ import annotations

import pytest
from helpers import GOOD_CONVENTIONS
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QAbstractButton, QApplication, QDockWidget
from window_helpers import conventions, line_of, open_file, type_text

from foundry_app.ui.theme import DARK, LIGHT, contrast_ratio, themes
from foundry_app.ui.theme.contrast import parse_hex


@pytest.fixture(autouse=True)
def light_afterwards():
    yield
    themes().set_choice("light")


def focused():
    return QApplication.focusWidget()


def test_panels_docks_and_buttons_have_accessible_names(window):
    for widget in (
        window.tree,
        window.tree.view,
        window.tree.filter,
        window.editor,
        window.preview,
        window.problems.table,
        window.checklist.tree,
    ):
        assert widget.accessibleName(), widget.objectName()
    docks = window.findChildren(QDockWidget)
    assert len(docks) >= 4
    assert all(dock.accessibleName().endswith("panel") for dock in docks)
    unnamed = [
        b.objectName() or b.text()
        for b in window.findChildren(QAbstractButton)
        if not b.accessibleName() and not b.objectName().startswith("qt_")  # Qt's own
    ]
    assert unnamed == []
    # a glyph button is named by what it does, not by its glyph
    close = next(
        b for b in window.editor_pane.find_bar.findChildren(QAbstractButton) if b.text() == "✕"
    )
    assert close.accessibleName() == "Close (Esc)"


def test_a_message_bar_button_is_named(qtbot, window):
    window.external_bar.show_message("Changed on disk.", [("Keep mine", lambda: None)])
    assert window.external_bar.button("Keep mine").accessibleName() == "Keep mine"


def test_tab_goes_from_the_tree_to_the_editor_and_ctrl_tab_on_to_the_preview(
    qtbot, window, library
):
    open_file(qtbot, window, conventions(library))
    window.activateWindow()
    window.tree.view.setFocus()
    qtbot.waitUntil(lambda: focused() is window.tree.view)
    qtbot.keyClick(window.tree.view, Qt.Key.Key_Tab)
    assert focused() is window.editor
    before = window.editor.text()
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert focused() is window.preview
    assert window.editor.text() == before  # Ctrl+Tab typed nothing
    qtbot.keyClick(
        window.preview,
        Qt.Key.Key_Backtab,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert focused() is window.editor
    qtbot.keyClick(window.tree.view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert focused() is window.tree.view


def test_plain_tab_in_the_editor_still_indents(qtbot, window, library):
    open_file(qtbot, window, conventions(library))
    line = line_of(GOOD_CONVENTIONS, "- [ ] One")
    window.editor.setFocus()
    window.editor.setTextCursor(QTextCursor(window.editor.document().findBlockByNumber(line - 1)))
    qtbot.keyClick(window.editor, Qt.Key.Key_Tab)
    assert focused() is window.editor
    assert window.editor.text().split("\n")[line - 1].startswith("  - [ ] One")


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=lambda t: t.name)
def test_the_focus_frame_stands_out(theme):
    for ground in (theme.roles["Base"], theme.roles["Window"]):
        assert contrast_ratio(theme.accents["focus_frame"], ground) >= 3.0


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=lambda t: t.name)
def test_the_focused_pane_is_outlined(qtbot, window, library, theme):
    themes().set_choice(theme.name)
    open_file(qtbot, window, conventions(library))
    ring = parse_hex(theme.accents["focus_frame"])

    def left_edge(widget) -> tuple[int, int, int]:
        image = widget.grab().toImage()
        pixel = image.pixel(0, image.height() // 2)
        return (pixel >> 16) & 0xFF, (pixel >> 8) & 0xFF, pixel & 0xFF

    for pane, other in ((window.editor, window.preview), (window.preview, window.tree.view)):
        pane.setFocus()
        qtbot.waitUntil(pane.hasFocus)
        assert left_edge(pane) == ring, pane.objectName()
        assert left_edge(other) != ring, other.objectName()


def tab_to_link(qtbot, preview, href: str) -> None:
    """Real Tab presses in the preview until the link `href` has the focus."""
    preview.setFocus()
    for _ in range(200):
        qtbot.keyClick(preview, Qt.Key.Key_Tab)
        if preview.focused_link() == href:
            return
    raise AssertionError(f"Tab never reached {href}")


@pytest.mark.parametrize("key", [Qt.Key.Key_Space, Qt.Key.Key_Return])
def test_space_or_enter_ticks_the_focused_checkbox(qtbot, window, library, key):
    path = conventions(library)
    open_file(qtbot, window, path)
    line = line_of(GOOD_CONVENTIONS, "- [ ] Three")
    tab_to_link(qtbot, window.preview, f"task:{line}")
    before = path.read_bytes()
    qtbot.keyClick(window.preview, key)
    after = path.read_bytes()
    assert b"- [x] Three" in after
    assert len(after) == len(before)
    assert sum(a != b for a, b in zip(after, before, strict=True)) == 1
    # the focus stays on that checkbox once the preview shows the tick
    qtbot.waitUntil(lambda: "☑" in window.preview.toPlainText().split("Three")[0][-3:])
    assert window.preview.focused_link() == f"task:{line}"
    qtbot.keyClick(window.preview, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: b"- [ ] Three" in path.read_bytes())


def test_space_on_a_stale_preview_ticks_the_item_the_user_sees(qtbot, window, library):
    path = conventions(library)
    open_file(qtbot, window, path)
    window.preferences.update(lint_delay_ms=5000)  # the preview stays as it was
    seen = line_of(GOOD_CONVENTIONS, "- [ ] Three")
    editor = window.editor
    editor.setFocus()
    editor.setTextCursor(QTextCursor(editor.document().findBlockByNumber(2)))
    type_text(qtbot, editor, "Two new lines\nabove\n\n")
    assert window.preview.source_text != window.documents.text()  # really stale
    tab_to_link(qtbot, window.preview, f"task:{seen}")
    qtbot.keyClick(window.preview, Qt.Key.Key_Space)
    text = editor.text()
    assert "- [x] Three" in text and "- [ ] One" in text and "- [ ] Four" in text


def test_space_on_an_item_edited_since_ticks_nothing(qtbot, window, library):
    path = conventions(library)
    open_file(qtbot, window, path)
    window.preferences.update(lint_delay_ms=5000)
    line = line_of(GOOD_CONVENTIONS, "- [ ] One")
    editor = window.editor
    cursor = QTextCursor(editor.document().findBlockByNumber(line - 1))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    editor.setFocus()
    editor.setTextCursor(cursor)
    type_text(qtbot, editor, " more")
    tab_to_link(qtbot, window.preview, f"task:{line}")
    qtbot.keyClick(window.preview, Qt.Key.Key_Space)
    assert "- [ ] One more" in editor.text() and "[x] One" not in editor.text()


def test_space_on_plain_text_in_the_preview_does_nothing(qtbot, window, library):
    path = conventions(library)
    open_file(qtbot, window, path)
    before = path.read_bytes()
    window.preview.setFocus()
    window.preview.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClick(window.preview, Qt.Key.Key_Space)
    assert path.read_bytes() == before and not window.documents.is_dirty()
