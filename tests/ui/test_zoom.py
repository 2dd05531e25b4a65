"""Zoom: Ctrl+= / Ctrl+- / Ctrl+0 size the editor and the preview together."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from window_helpers import make_window


def action_for(window, keys: str) -> QAction:
    wanted = QKeySequence(keys)
    found = [a for a in window.findChildren(QAction) if wanted in a.shortcuts()]
    assert len(found) == 1, f"one action bound to {keys}"
    return found[0]


def sizes(window) -> tuple[float, float]:
    return window.editor.font().pointSizeF(), window.preview.font().pointSizeF()


def test_zoom_changes_both_panes_and_ctrl_0_restores(window):
    editor_start, preview_start = sizes(window)
    action_for(window, "Ctrl+=").trigger()
    action_for(window, "Ctrl+=").trigger()
    editor_big, preview_big = sizes(window)
    assert editor_big > editor_start and preview_big > preview_start
    assert editor_big - editor_start == preview_big - preview_start  # together, by as much
    # the preview's page really grows with it, not only the widget's font
    assert window.preview.document().defaultFont().pointSizeF() == preview_big
    action_for(window, "Ctrl+-").trigger()
    action_for(window, "Ctrl+-").trigger()
    action_for(window, "Ctrl+-").trigger()
    assert sizes(window)[0] < editor_start and sizes(window)[1] < preview_start
    action_for(window, "Ctrl+0").trigger()
    assert sizes(window) == (editor_start, preview_start)


def test_zoom_by_keyboard_from_the_editor(qtbot, window):
    start = sizes(window)
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert sizes(window)[0] > start[0]
    qtbot.keyClick(window.editor, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert sizes(window) == start


def test_zoom_never_shrinks_text_away(window):
    for _ in range(50):
        action_for(window, "Ctrl+-").trigger()
    assert min(sizes(window)) >= 5


def test_zoom_is_remembered_by_the_next_window(qtbot, window, library, settings):
    action_for(window, "Ctrl+=").trigger()
    zoomed = sizes(window)
    window.close()
    again = make_window(qtbot, library, settings)
    assert sizes(again) == zoomed
