"""Quick open (Ctrl+P) in the real window on a temp library."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QDialog, QLineEdit
from window_helpers import conventions, file_named_not_utf8, notes, show_new_files


def open_popup(qtbot, window) -> QDialog:
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    popup = window.findChild(QDialog, "quickOpen")
    qtbot.waitUntil(popup.isVisible)
    return popup


def test_ctrl_p_opens_a_popup_with_a_query_and_results(qtbot, window):
    popup = open_popup(qtbot, window)
    assert popup.findChild(QLineEdit) is popup.query
    assert isinstance(popup.results, QAbstractItemView)
    assert "README.md" in popup.result_paths()


def test_results_follow_typing_and_enter_opens(qtbot, window, library):
    popup = open_popup(qtbot, window)
    qtbot.keyClicks(popup.query, "exnot")
    assert popup.result_paths()[0] == "stacks/example/notes.md"
    qtbot.keyClick(popup.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.documents.path == notes(library))
    assert not popup.isVisible()


def test_arrow_keys_pick_another_result(qtbot, window, library):
    popup = open_popup(qtbot, window)
    qtbot.keyClicks(popup.query, "conv")
    assert popup.result_paths()[:2] == [
        "stacks/example/conventions.md",
        "stacks/other/conventions.md",
    ]
    qtbot.keyClick(popup.query, Qt.Key.Key_Down)
    qtbot.keyClick(popup.query, Qt.Key.Key_Return)
    other = library / "stacks" / "other" / "conventions.md"
    qtbot.waitUntil(lambda: window.documents.path == other)
    assert window.documents.path != conventions(library)


def test_no_match_opens_nothing_and_escape_closes(qtbot, window):
    popup = open_popup(qtbot, window)
    qtbot.keyClicks(popup.query, "zzzz")
    assert popup.result_paths() == []
    qtbot.keyClick(popup.query, Qt.Key.Key_Return)
    assert window.documents.path is None
    qtbot.keyClick(popup.query, Qt.Key.Key_Escape)
    assert not popup.isVisible()


# pins: a result whose name has a byte that is not UTF-8 opens that very file
def test_a_name_with_a_byte_that_is_not_utf8_opens_itself(qtbot, window, library):
    folder = library / "stacks" / "example"
    odd = file_named_not_utf8(folder, b"oddname", "# Odd\n")
    (folder / "oddname.md").write_text("# The other one\n", encoding="utf-8")
    show_new_files(qtbot, window)
    popup = open_popup(qtbot, window)
    qtbot.keyClicks(popup.query, "oddname")
    shown = popup.result_paths()
    assert "stacks/example/oddname\\xff.md" in shown
    popup.results.setCurrentRow(shown.index("stacks/example/oddname\\xff.md"))
    qtbot.keyClick(popup.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.documents.path is not None)
    assert window.documents.path == odd
