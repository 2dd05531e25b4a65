"""Ctrl+Return (Toggle Task) in a YAML file, which has no checklist: nothing changes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from window_helpers import open_file

YAML = "notes: |\n  Plan:\n\n  - [ ] keep this literal text\nlist:\n  - [ ] a\n"


def test_toggle_task_in_a_yaml_file_leaves_the_data_alone(qtbot, window, library):
    path = library / "stacks" / "example" / "contracts.yml"
    path.write_text(YAML, encoding="utf-8")
    window.refresh_library()
    qtbot.waitUntil(lambda: window.results.complete, timeout=10_000)
    open_file(qtbot, window, path)
    editor = window.editor
    editor.setFocus()
    editor.setTextCursor(QTextCursor(editor.document().findBlockByNumber(3)))
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert path.read_text(encoding="utf-8") == YAML, "the YAML string was rewritten on disk"
    assert editor.text() == YAML
