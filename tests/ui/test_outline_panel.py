"""The outline dock in the real window: headings, missing sections, jump, follow."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidget
from window_helpers import conventions, delete_line, line_of, open_file

from foundry_app.core.outline import OutlineEntry

LONG = "# Long\n\n## Defaults\n\n" + "text\n\n" * 80 + "## Checklist\n\n- [ ] a\n" + "\nmore\n" * 60


def labels(window):
    tree = window.findChild(QTreeWidget, "outline")
    out = []
    for row in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(row)
        out.append(item.text(0))
        out.extend("  " + item.child(i).text(0) for i in range(item.childCount()))
    return out


def test_the_outline_lists_the_sections_of_the_open_file(qtbot, window, library):
    open_file(qtbot, window, conventions(library))
    qtbot.waitUntil(lambda: bool(labels(window)))
    assert labels(window) == ["Defaults", "Do / Don't", "Common Pitfalls", "Checklist", "Example"]


def test_a_missing_section_is_shown_greyed_in_its_place(qtbot, window, library):
    open_file(qtbot, window, conventions(library))
    text = window.editor.text()
    start = line_of(text, "## Do / Don't")
    for _ in range(4):  # the heading, the blank, the two bullets
        delete_line(window, start)
    qtbot.waitUntil(lambda: "Do / Don't (missing)" in labels(window), timeout=5000)
    assert labels(window)[:3] == ["Defaults", "Do / Don't (missing)", "Common Pitfalls"]
    tree = window.finding.outline
    missing = tree.topLevelItem(1)
    assert missing.foreground(0).color() != tree.topLevelItem(0).foreground(0).color()
    assert OutlineEntry(2, "Do / Don't", None, missing=True) in tree.entries()


def test_a_click_jumps_to_the_heading(qtbot, window, library):
    open_file(qtbot, window, conventions(library))
    tree = window.finding.outline
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 5)
    item = tree.topLevelItem(3)
    qtbot.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center()
    )
    assert window.editor.textCursor().block().text() == "## Checklist"
    assert window.editor.hasFocus()


def test_the_section_on_screen_is_highlighted_as_you_scroll(qtbot, window, library):
    path = library / "stacks" / "example" / "long.md"
    path.write_text(LONG, encoding="utf-8")
    window.refresh_library()
    open_file(qtbot, window, path)
    tree = window.finding.outline
    qtbot.waitUntil(lambda: tree.topLevelItemCount() >= 2)
    window.editor.verticalScrollBar().setValue(0)
    qtbot.waitUntil(lambda: tree.current_text() in (None, "Defaults"))
    window.editor.go_to_line(line_of(LONG, "## Checklist") + 30)
    qtbot.waitUntil(lambda: tree.current_text() == "Checklist")
