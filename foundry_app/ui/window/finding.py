"""The window's "Find" menu: quick open, and the panels that find things in the library.

`install_finding(window)` builds the parts and wires them with the window's own
`open_path` / `documents`; main_window calls it once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu

from foundry_app.core.outline import outline
from foundry_app.ui.panels.outline_panel import OutlinePanel
from foundry_app.ui.panels.quick_open import QuickOpen
from foundry_app.ui.window.library_search import LibrarySearch

if TYPE_CHECKING:
    from foundry_app.ui.window.main_window import MainWindow


class Finding:
    """What install_finding built, so tests and other parts can reach it."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.quick_open = QuickOpen(window)
        self.quick_open.fileChosen.connect(window.open_path)
        self.menu = _menu_before_help(window, "F&ind")
        self.quick_open_action = self._action("&Quick Open…", self.show_quick_open, "Ctrl+P")
        self.search = LibrarySearch(window)
        self.search_action = self._action(
            "&Search in Library…", self.search.show_search, "Ctrl+Shift+F"
        )
        self.outline = OutlinePanel(window)
        self.outline_dock = QDockWidget("Outline", window)
        self.outline_dock.setObjectName("outlineDock")
        self.outline_dock.setWidget(self.outline)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.outline_dock)
        window.resizeDocks([self.outline_dock], [220], Qt.Orientation.Horizontal)
        self.menu.addSeparator()
        self.menu.addAction(self.search.dock.toggleViewAction())
        self.menu.addAction(self.outline_dock.toggleViewAction())
        window.liveResultShown.connect(self._show_outline)
        window.documents.closed.connect(self._clear_outline)
        window.editor.topLineChanged.connect(self.outline.highlight_line)
        self.outline.headingActivated.connect(self._go_to_outline_line)
        window.preview.sourceLineClicked.connect(self._go_to_preview_line)
        window.documents.loaded.connect(self._set_preview_base)
        window.documents.loaded.connect(self._clear_outline)  # the new file's comes with its lint
        self._outline_text: str | None = None  # the text the outline's lines are of

    def shutdown(self) -> None:
        """Stop background work; the window calls this when it closes."""
        self.search.shutdown()

    def _action(self, text: str, slot, shortcut: str | None = None) -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.menu.addAction(action)
        self.window.addAction(action)  # the shortcut works with the menu bar hidden too
        return action

    def _show_outline(self, result) -> None:
        """Each live lint's parse also feeds the outline (same revision rule as the preview)."""
        window = self.window
        if result.path != window.documents.path:
            return
        if result.revision != window.editor.document().revision():
            return
        spec = window.library.file_spec(result.path) if window.library else None
        self._outline_text = window.documents.text()  # the revision just checked
        self.outline.show_entries(outline(result.doc, spec, result.headings))
        self.outline.highlight_line(window.editor.top_line())

    def _set_preview_base(self, path) -> None:
        library = self.window.library
        self.window.preview.set_base(path.parent, library.root if library else None)

    def _clear_outline(self, *_args) -> None:
        self._outline_text = None
        self.outline.show_entries([])

    def _go_to_outline_line(self, line: int) -> None:
        self._go_to_seen_line(line, self._outline_text)

    def _go_to_preview_line(self, line: int) -> None:
        window = self.window
        if window.preview_path != window.documents.path:
            return  # the page of the file shown before: its lines are not this file's
        self._go_to_seen_line(line, window.preview.source_text)

    def _go_to_seen_line(self, line: int, seen_text: str | None) -> None:
        """To the line the author saw in a view drawn from `seen_text`, where it is now."""
        documents = self.window.documents
        if seen_text is None:
            documents.go_to(line)
        elif not documents.go_to_seen(line, 1, seen_text):
            return  # that line was edited since: go_to_seen says so and checks again
        self.outline.highlight_line(self.window.editor.cursor_line())

    def show_quick_open(self) -> None:
        library = self.window.library
        if library is None:
            return
        self.quick_open.open_for(library.root, library.markdown_files())


def _menu_before_help(window: MainWindow, title: str) -> QMenu:
    bar = window.menuBar()
    menu = QMenu(title, window)
    help_menu = next((a for a in bar.actions() if a.text().replace("&", "") == "Help"), None)
    if help_menu is None:
        bar.addMenu(menu)
    else:
        bar.insertMenu(help_menu, menu)
    return menu


def install_finding(window: MainWindow) -> Finding:
    return Finding(window)
