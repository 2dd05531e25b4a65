"""Names for assistive technology and the keyboard's path through the window.

Tab goes filter → tree → editor → preview → Problems → Checklist. Inside the editor Tab
indents and inside the preview it steps from link to link, so Ctrl+Tab / Ctrl+Shift+Tab
move on from either (ui/focus_keys.py). The focused pane is outlined (theme/style.py).
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtWidgets import QAbstractButton, QDockWidget, QLineEdit, QMainWindow, QWidget


def install_accessibility(window: QMainWindow) -> None:
    """`window` is a MainWindow with its parts built and its docks added."""
    for widget, name, description in (
        (window.tree, "Library", "The library's stacks, folders and files"),
        (window.tree.filter, "Filter files", "Type part of a file name"),
        (window.tree.view, "Library tree", "Enter opens the selected file"),
        (window.editor, "Editor", "The open file's Markdown text"),
        (window.preview, "Preview", "Tab moves between links and checkboxes; Space ticks"),
        (window.problems, "Problems", ""),
        (window.problems.table, "Problems list", "Enter goes to the problem; Menu explains it"),
        (window.checklist, "Checklist", ""),
        (window.checklist.tree, "Checklist items", "Space ticks the selected item"),
        (window.checklist.bar, "Checklist progress", ""),
        (window.lint_progress, "Library check progress", ""),
        (window.counts_label, "Problem counts", ""),
    ):
        widget.setAccessibleName(name)
        if description:
            widget.setAccessibleDescription(description)
    for dock in (window.problems_dock, window.checklist_dock, *_other_docks(window)):
        dock.setAccessibleName(f"{dock.windowTitle()} panel")
    for button in window.findChildren(QAbstractButton):
        name_button(button)
    _chain(
        window.tree.filter,
        window.tree.view,
        window.editor,
        window.preview,
        window.problems.scope_toggle,
        window.problems.table,
        window.checklist.tree,
    )


def name_button(button: QAbstractButton) -> None:
    """A button's name is its text, or its tooltip for a glyph (↑, ✕) a reader can't say."""
    if button.accessibleName():
        return
    if isinstance(button.parent(), QLineEdit):  # the ✕ a filter box shows while it has text
        button.setAccessibleName("Clear")
        return
    text = button.text().replace("&", "").rstrip("…").strip()
    if not text or not any(ch.isalnum() for ch in text):
        text = button.toolTip() or text
    if text:
        button.setAccessibleName(text)


def _other_docks(window: QMainWindow) -> list[QDockWidget]:
    known = (window.problems_dock, window.checklist_dock)
    return [dock for dock in window.findChildren(QDockWidget) if dock not in known]


def _chain(*widgets: QWidget) -> None:
    for first, second in pairwise(widgets):
        QWidget.setTabOrder(first, second)
