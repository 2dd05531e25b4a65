"""The library search dock wired to the window: the worker searches, the panel shows,
Replace All previews and then writes through core.library_search."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDockWidget

from foundry_app.core.library_search import (
    AppliedReplacement,
    FileMatches,
    apply_to_disk,
    plan_replacements,
)
from foundry_app.core.storage import FileConflictError
from foundry_app.core.text_search import Query, QueryError, compile_query
from foundry_app.ui import dialogs
from foundry_app.ui.panels.search_panel import SearchPanel
from foundry_app.ui.workers.search_worker import SearchWorker

if TYPE_CHECKING:
    from foundry_app.ui.window.main_window import MainWindow


class LibrarySearch(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.panel = SearchPanel(window)
        self.dock = QDockWidget("Search", window)
        self.dock.setObjectName("search")  # saveState and the tests find it by this name
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
        self.dock.hide()
        self.worker = SearchWorker(self)
        self.applied: dict[Path, AppliedReplacement] = {}
        self.panel.searchRequested.connect(self.search)
        self.panel.locationActivated.connect(self.jump)
        self.panel.replaceAllRequested.connect(self.replace_all)
        self.panel.undoFileRequested.connect(self.undo_file)
        self.worker.found.connect(self._on_found)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)

    def show_search(self) -> None:
        self.dock.show()
        self.dock.raise_()
        selected = self.window.editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.panel.query.setText(selected)
        self.panel.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.panel.query.selectAll()

    def shutdown(self) -> None:
        self.worker.shutdown()

    # --- searching ----------------------------------------------------------------------

    def _buffers(self) -> dict[Path, str]:
        """The open file is searched as it is in the editor, saved or not."""
        path = self.window.documents.path
        return {path: self.window.documents.text()} if path is not None else {}

    def _pattern(self, query: Query):
        try:
            return compile_query(query)
        except QueryError as error:
            self.worker.cancel()
            self.panel.clear_results(str(error))
            return None

    def search(self, query: Query) -> None:
        library = self.window.library
        pattern = self._pattern(query)
        if library is None or pattern is None:
            if pattern is None and not query.text:
                self.worker.cancel()
                self.panel.clear_results()
            return
        self.panel.set_root(library.root)
        self.panel.set_undoable(set(self.applied))
        self.panel.clear_results("Searching…")
        self.worker.start(library.markdown_files(), pattern, self._buffers())

    @property
    def searching(self) -> bool:
        return self.worker.running

    def _on_found(self, generation: int, batch: list[FileMatches]) -> None:
        if generation == self.worker.generation:  # a newer search owns the list now
            self.panel.add_results(batch)

    def _on_finished(self, generation: int, files: int) -> None:
        if generation == self.worker.generation:
            self.panel.finish(files)

    def _on_failed(self, generation: int, reason: str) -> None:
        if generation == self.worker.generation:
            self.panel.clear_results(reason)

    def jump(self, path: Path, line: int, column: int) -> None:
        if self.window.open_path(path):
            self.window.documents.go_to(line, column)

    # --- replacing ----------------------------------------------------------------------

    def replace_all(self, query: Query, replacement: str) -> int:
        """Preview, then replace in every file; returns how many files changed."""
        library = self.window.library
        pattern = self._pattern(query)
        if library is None or pattern is None:
            return 0
        self.worker.cancel()  # the list is about to be out of date
        try:
            plan = plan_replacements(
                library.markdown_files(),
                pattern,
                replacement,
                regex=query.regex,
                buffers=self._buffers(),
            )
        except QueryError as error:
            self.panel.status.setText(str(error))
            return 0
        if not plan:
            self.panel.status.setText("Nothing to replace")
            return 0
        total = sum(item.count for item in plan)
        preview = "\n\n".join(
            f"{library.relative(item.path)} ({item.count})\n" + "\n".join(item.preview_lines())
            for item in plan
        )
        summary = f"Replace {total} matches in {len(plan)} files?"
        if not dialogs.confirm_library_replace(self.window, summary, preview):
            self.panel.status.setText("Replace cancelled")
            return 0
        # the open file changes in the editor, as one undo step, and only from the text the
        # plan was made from: the dialog ran the event loop, so it may have been typed into,
        # reloaded from disk or switched for another file meanwhile
        in_editor, stale = [], []
        for item in plan:
            if not item.in_buffer:
                continue
            documents = self.window.documents
            if item.path == documents.path and documents.text() == item.old_text:
                self.window.editor.replace_all_text_undoably(item.new_text)
                in_editor.append(item)
            else:
                stale.append((item.path, "it changed in the editor since the search"))
        outcome = apply_to_disk(plan, within=library.root)
        for applied in outcome.applied:
            self.applied[applied.path] = applied
        written = {applied.path for applied in outcome.applied}
        self.panel.set_root(library.root)
        self.panel.show_replaced(
            [
                (item.path, f"{item.count} replaced in the editor (Undo there)")
                if item.in_buffer
                else (item.path, f"{item.count} replaced")
                for item in plan
                if item in in_editor or item.path in written
            ]
        )
        self.panel.set_undoable(set(self.applied))
        refused = "; ".join(
            f"{library.relative(p)}: {why}" for p, why in [*stale, *outcome.refused]
        )
        changed = len(outcome.applied) + len(in_editor)
        self.panel.status.setText(
            f"Replaced in {changed} files" + (f" — not changed: {refused}" if refused else "")
        )
        self.window.refresh_library(relint=True)
        return changed

    def undo_file(self, path: Path) -> bool:
        applied = self.applied.get(path)
        if applied is None:
            return False
        name = self.window.library.relative(path) if self.window.library else path.name
        try:
            applied.undo()
        except FileConflictError:
            self.panel.status.setText(f"Not undone: {name} changed since the replace")
            return False
        except OSError as error:
            self.panel.status.setText(f"Not undone: {name}: {error.strerror or error}")
            return False
        del self.applied[path]
        self.panel.set_undoable(set(self.applied))
        self.panel.status.setText(f"Undid the replace in {name}")
        self.window.refresh_library(relint=True)
        return True
