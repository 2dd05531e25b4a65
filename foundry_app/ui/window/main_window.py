"""Foundry's main window: it composes the parts and routes signals between them.

Tree (left) · editor (middle) · preview (right) in a splitter; Problems and Checklist
docked below; status bar at the bottom. The parts own their state: DocumentController
the open buffer and saving, BackgroundRunner the library lint, LintResults what is known
about every file, StackChecklist the checklist panel's files.
"""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from PySide6.QtCore import QEvent, QSettings, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from foundry_app.core.checklist import progress
from foundry_app.core.diagnostics import Diagnostic
from foundry_app.core.document import Document
from foundry_app.core.library import (
    MARKDOWN_SUFFIXES,
    TEMPLATE_FILE,
    TEXT_SUFFIXES,
    Library,
    LibraryError,
    bundled_library,
)
from foundry_app.core.template import text_digest
from foundry_app.core.wording import counted, readable
from foundry_app.ui import dialogs
from foundry_app.ui.document.document_controller import DocumentController
from foundry_app.ui.document.message_bar import EmptyState, MessageBar
from foundry_app.ui.document.recovery_writer import RecoveryWriter
from foundry_app.ui.document.revision_steps import RevisionSteps
from foundry_app.ui.document.template_bar import TemplateBar
from foundry_app.ui.editor.editor import EditorPane
from foundry_app.ui.panels.checklist_panel import ChecklistPanel, StackChecklist
from foundry_app.ui.panels.library_tree import LibraryTree
from foundry_app.ui.panels.preview import MarkdownPreview
from foundry_app.ui.panels.problems_panel import ProblemsPanel
from foundry_app.ui.theme import themes
from foundry_app.ui.theme.icons import app_icon
from foundry_app.ui.window import window_settings as keys
from foundry_app.ui.window.accessibility import install_accessibility
from foundry_app.ui.window.appearance import Appearance
from foundry_app.ui.window.collection_pacer import note_activity
from foundry_app.ui.window.export_actions import ExportActions
from foundry_app.ui.window.file_actions import FileActions
from foundry_app.ui.window.finding import install_finding
from foundry_app.ui.window.large_file_note import LargeFileNote
from foundry_app.ui.window.menus import build_menus
from foundry_app.ui.window.preferences import WindowPreferences
from foundry_app.ui.window.recent_libraries import RecentLibraries
from foundry_app.ui.window.window_settings import read_bytes, read_path, settings_for
from foundry_app.ui.workers.library_watch import LibraryWatch
from foundry_app.ui.workers.lint_process import LintSummary
from foundry_app.ui.workers.lint_results import LintResults
from foundry_app.ui.workers.lint_worker import BackgroundRunner, keep_gui_responsive, lint_work
from foundry_app.ui.workers.live_lint import (
    FirstPage,
    LiveLinter,
    LiveResult,
    is_markdown_path,
    warm_up,
)

if TYPE_CHECKING:  # the dialogs and sheets are imported when first opened
    from foundry_app.ui.window.help_sheets import RulesSheet, ShortcutSheet
    from foundry_app.ui.window.new_stack_dialog import NewStackDialog
    from foundry_app.ui.window.preferences_dialog import PreferencesDialog

_DEFAULT_SIZE = (1500, 900)
_STATUS_MS = 5000


@contextmanager
def _settling_memory():
    """Open a library without the cycle collector, then collect once.

    While 10,000 files were read and their tree built, the collector ran full collections
    three times (~0.15 s of the 1.3 s to the first paint), each walking everything built so
    far; one collection at the end costs ~45 ms. Nothing the window builds is frozen out
    of later collections (only the code loaded before it, see set_aside_loaded_code):
    frozen garbage keeps closed windows' Qt wrappers alive past their C++ objects, the
    likeliest cause of a crash seen once in a menu lookup while it was done."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.collect()
        if enabled:
            gc.enable()


class MainWindow(QMainWindow):
    liveResultShown = Signal(object)  # a LiveResult, once its markers and panels are shown

    def __init__(
        self,
        library_root: Path | str | None = None,
        settings: QSettings | bool | None = None,
        *,
        unattended: bool = False,
    ) -> None:
        """`unattended` (a screenshot or benchmark run) never stops on a question: what a
        crashed window left unsaved is kept for the next window the author opens."""
        super().__init__()
        self.setObjectName("mainWindow")
        keep_gui_responsive()
        self.settings = settings_for(settings)
        self.library: Library | None = None
        self.results = LintResults()
        self._left = False  # the window was deactivated since it last read the library
        self._build_parts()
        self._build_layout()
        build_menus(self)
        self.finding = install_finding(self)
        self.appearance = Appearance(self, self.settings)
        self.preferences = WindowPreferences(self, self.settings)
        self.preferences_dialog: PreferencesDialog | None = None
        self.shortcut_sheet: ShortcutSheet | None = None
        self.rules_sheet: RulesSheet | None = None
        self.setWindowIcon(app_icon())  # the window's own, so it shows without the app's
        self.export_actions = ExportActions(self)
        install_accessibility(self)  # after every part and dock exists
        self._connect()
        self._restore_window()
        root = library_root or self.preferences.start_library()
        if self.open_library(root):
            self._reopen_last_file()
        if not unattended:
            self.recovery.offer_restore()  # what a crashed window left unsaved

    # --- construction -------------------------------------------------------------------

    def _build_parts(self) -> None:
        self.tree = LibraryTree(self)
        self.editor_pane = EditorPane(self)
        self.editor = self.editor_pane.editor
        self.editor.textEdited.connect(note_activity)  # the collection pacer's pause clock
        self.preview = MarkdownPreview(self)
        self.problems = ProblemsPanel(self)
        self.checklist = ChecklistPanel(self)
        self.external_bar = MessageBar("externalChangeBar", self)
        self.read_only_bar = MessageBar("readOnlyBar", self)
        self.template_bar = TemplateBar(self)
        self.template_bar.saved = self._on_template_saved
        self.template_bar.failed = lambda text: self.report_error(text)
        self.empty_state = EmptyState(self)
        self.documents = DocumentController(
            self.editor_pane, self.external_bar, self.read_only_bar, self, self
        )
        # the open file's lint and its stack's checklist each get a thread: the checklist's
        # waits on the parse child, so a lint asked meanwhile need not queue behind it
        self.editor_pool = QThreadPool(self)
        self.editor_pool.setMaxThreadCount(2)
        self.live_linter = LiveLinter(self, self.editor_pool)
        # the file whose result the preview was last brought to the editor's place for
        self._synced_path: Path | None = None
        self._preview_path: Path | None = None  # whose page the preview shows, first page too
        self._preview_tasks: tuple | None = None  # the tasks its lint found (none: first page)
        self._panels_text: str | None = None  # the open file's text its problem rows are from
        self._template_note = ""  # why library.toml as it is on disk is not applied
        self.result_steps = RevisionSteps(self.editor.document().revision, self)
        # a library lint's result is shown over several turns, while the tree's rows stay
        self.library_steps = RevisionSteps(lambda: self.tree.generation, self)
        self.stack_checklist = StackChecklist(
            self.checklist, self, self.editor_pool, self.live_linter.child
        )
        self.lint_runner = BackgroundRunner(self)
        self.file_actions = FileActions(self)
        self.recent_libraries = RecentLibraries(self)
        self.library_watch = LibraryWatch(self)
        self.recovery = RecoveryWriter(self)

    def _build_layout(self) -> None:
        editor_column = QWidget(self)
        column = QVBoxLayout(editor_column)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.template_bar)
        column.addWidget(self.external_bar)
        column.addWidget(self.read_only_bar)
        column.addWidget(self.editor_pane, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        for widget, stretch in ((self.tree, 0), (editor_column, 3), (self.preview, 2)):
            self.splitter.addWidget(widget)
            self.splitter.setStretchFactor(self.splitter.count() - 1, stretch)
        self.splitter.setSizes([280, 760, 460])  # the editor fits a 95-column line

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.splitter)
        self.pages.addWidget(self.empty_state)
        self.setCentralWidget(self.pages)

        self.problems_dock = self._dock("Problems", "problemsDock", self.problems)
        self.checklist_dock = self._dock("Checklist", "checklistDock", self.checklist)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems_dock)
        self.splitDockWidget(self.problems_dock, self.checklist_dock, Qt.Orientation.Horizontal)
        self.resizeDocks([self.problems_dock], [230], Qt.Orientation.Vertical)
        self.resizeDocks(
            [self.problems_dock, self.checklist_dock], [1000, 420], Qt.Orientation.Horizontal
        )

        self.lint_progress = QProgressBar(self)
        self.lint_progress.setObjectName("lintProgress")
        self.lint_progress.setMaximumWidth(180)
        self.lint_progress.setFormat("Linting %v/%m")
        self.lint_progress.hide()
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("problemCounts")
        self.large_file_note = LargeFileNote(self)
        self.statusBar().addPermanentWidget(self.large_file_note)
        self.statusBar().addPermanentWidget(self.lint_progress)
        self.statusBar().addPermanentWidget(self.counts_label)

    def _dock(self, title: str, name: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)  # saveState needs it
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        return dock

    def _connect(self) -> None:
        self.tree.fileActivated.connect(self.open_path)
        self.empty_state.bundledLibraryRequested.connect(self.open_bundled_library)
        self.empty_state.openLibraryRequested.connect(self.choose_and_open_library)
        self.empty_state.createLibraryRequested.connect(self.create_new_library)
        self.editor.lintRequested.connect(self.lint_open_file)
        self.editor.topLineChanged.connect(self._sync_preview)
        self.editor.cursorLineChanged.connect(self._sync_preview)
        self.editor.problemFocused.connect(self.show_status)
        self.preview.taskToggled.connect(self._tick_in_preview)
        self.preview.fileLinkActivated.connect(self.follow_file_link)
        self.preview.linkRefused.connect(self.show_status)
        self.problems.problemActivated.connect(self.go_to_problem)
        self.problems.explainRequested.connect(self.show_rules)
        self.documents.loaded.connect(self._on_file_loaded)
        self.documents.closed.connect(self._on_file_closed)
        self.documents.modifiedChanged.connect(lambda _m: self._update_title())
        self.documents.message.connect(self.show_status)
        self.stack_checklist.openFileToggled.connect(
            lambda line, seen, tasks: self.documents.toggle_seen_task(
                line, seen if seen is not None else self.documents.shown_text, tasks
            )
        )
        # stack-wide rules (required files, examples) see a saved change on the next lint
        self.documents.saved.connect(lambda _path: self._start_library_lint())
        self.documents.saved.connect(self._apply_saved_template)
        self.documents.saved.connect(
            lambda _path: self.stack_checklist.note_saved(self.documents.buffer.file)
        )
        self.stack_checklist.fileChanged.connect(self._on_checklist_file_changed)
        self.stack_checklist.message.connect(self.show_status)
        self.lint_runner.progress.connect(self._on_lint_progress)
        self.lint_runner.finished.connect(self._on_lint_finished)
        self.lint_runner.failed.connect(self._on_lint_failed)
        self.live_linter.finished.connect(self._apply_live_result)
        self.live_linter.first_page.connect(self._apply_first_page)
        self.live_linter.failed.connect(lambda text: self.show_status(f"Lint failed: {text}"))
        self.library_watch.changed.connect(self.refresh_library)
        themes().changed.connect(self._on_theme_changed)

    # --- library ------------------------------------------------------------------------

    def open_library(self, root: Path | str) -> bool:
        """Show the library at `root`, or the empty state with the reason it cannot be used."""
        if not self.documents.close():
            return False
        with _settling_memory():
            return self._open_library(root)

    def _open_library(self, root: Path | str) -> bool:
        self._template_note = ""
        self.lint_runner.cancel()
        self.results.clear()
        try:
            library = Library.open(root)
        except (LibraryError, OSError, ValueError) as error:
            self._show_empty_state(str(error))
            return False
        self.library = library
        self._show_tree(library)
        self.problems.set_root(library.root)
        self.problems.set_diagnostics([])
        self.stack_checklist.show_for(library, None)
        self.pages.setCurrentWidget(self.splitter)
        self._set_docks_visible(True)
        self.settings.setValue(keys.LIBRARY, str(library.root))
        self.recent_libraries.note_opened(library.root)
        self.library_watch.watch(library.root)
        self.template_bar.show_for(library.uses_builtin_template, library.save_template)
        self._update_title()
        self._start_library_lint()
        return True

    def _show_tree(self, library: Library | None) -> None:
        """Rebuild the tree's rows; pieces of a report still being shown are for the old
        rows, so they go now (the caller shows the results on the new rows)."""
        self.library_steps.cancel()
        self.tree.set_library(library)

    def _on_template_saved(self, path: Path) -> None:
        self.refresh_library(force=True)
        self.show_status(f"Saved {self._relative(path)}: edit it to customise the checks")

    def _apply_saved_template(self, path: Path) -> None:
        """library.toml saved from the editor: check with it from now on, if it is valid."""
        if self.library is None or path != self.library.root / TEMPLATE_FILE:
            return
        # the same as for a change made elsewhere, after "Saved …" (the file stays open)
        QTimer.singleShot(0, lambda: self.refresh_library(relint=True))

    def choose_library_folder(self) -> str:
        """The folder dialog (tests patch this)."""
        start = str(self.library.root) if self.library else str(Path.home())
        return QFileDialog.getExistingDirectory(self, "Open Library", start)

    def choose_new_library_folder(self) -> str:
        """The folder dialog for a new library (tests patch QFileDialog)."""
        start = str(self.library.root.parent) if self.library else str(Path.home())
        return QFileDialog.getExistingDirectory(
            self, "Create a New Library: choose an empty folder", start
        )

    def new_stack(self) -> NewStackDialog | None:
        """File → New Stack…: the name dialog, checked as the author types; the stack is
        scaffolded from the template and opened when it is accepted."""
        if self.library is None:
            return None
        library = self.library
        if not any(kind.key == "stack" for kind in library.template.kinds):
            self.report_error("The library's template has no kind 'stack' to create.")
            return None
        from foundry_app.core.new_item import name_problem
        from foundry_app.ui.window.new_stack_dialog import NewStackDialog

        dialog = NewStackDialog(
            self, lambda name: name_problem(library, "stack", name), self._create_stack
        )
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _create_stack(self, name: str) -> str | None:
        """Scaffold the stack and open its first file; the reason when that fails."""
        if self.library is None:
            return "No library is open."
        from foundry_app.core.new_item import NewItemError, create_item

        try:
            created = create_item(self.library, "stack", name)
        except (NewItemError, OSError) as error:
            return f"Cannot create the stack: {error}"
        self.refresh_library()
        self.open_path(created[0])
        self.show_status(f"Created stack '{name}': replace the TODO placeholders")
        return None

    def choose_and_open_library(self) -> None:
        folder = self.choose_library_folder()
        if folder:
            self.open_library(Path(folder))

    def open_bundled_library(self) -> bool:
        return self.open_library(bundled_library())

    def create_new_library(self) -> bool:
        """Write the standard template into an empty folder (as `foundry init` does) and
        open it; a folder with anything in it is refused, with the reason."""
        folder = self.choose_new_library_folder()
        if not folder:
            return False
        from foundry_app.core.new_library import NewLibraryError, create_library

        try:
            create_library(Path(folder))
        except NewLibraryError as error:
            self.report_error(f"No library created: {error}")
            return False
        if not self.open_library(Path(folder)):
            return False
        self.show_status(
            f"Created a library in {Path(folder).name}: File → New Stack adds its first stack"
        )
        return True

    def _show_empty_state(self, reason: str) -> None:
        self.library = None
        self.library_watch.watch(None)
        self.template_bar.hide()
        self._show_tree(None)
        self.problems.set_diagnostics([])
        self.stack_checklist.show_for(None, None)
        self.empty_state.set_error(reason)
        self.empty_state.set_bundled_available(bundled_library().is_dir())
        self.pages.setCurrentWidget(self.empty_state)
        self._set_docks_visible(False)
        self.lint_progress.hide()
        self.counts_label.clear()
        self._update_title()
        self.show_status(reason)

    def _set_docks_visible(self, visible: bool) -> None:
        self.problems_dock.setVisible(visible)
        self.checklist_dock.setVisible(visible)

    def refresh_library(self, *, relint: bool = False, force: bool = False) -> bool:
        """Pick up files added or removed on disk; True when the tree changed (`force`:
        rebuild it anyway, e.g. for a new empty folder). The library is linted again when
        it changed, or when asked (View → Reload Library)."""
        if self.library is None:
            return False
        if not self.library.root.is_dir():  # deleted or renamed: nothing to walk or lint
            self.show_status(f"The library folder is gone: {self.library.root}")
            return False
        retemplated = self._take_template_from_disk()
        self.library.rescan()
        changed = force or retemplated or self.tree.is_stale(self.library)
        if changed:
            self._show_tree(self.library)
            self.tree.update_badges(self.results)
            if self.documents.path is not None:
                self.tree.select_path(self.documents.path)
            self.stack_checklist.follow_rescan(self.library)
        if changed or relint:
            self._start_library_lint()
            # the library lint keeps the open file's live results: check it again too (a
            # file made elsewhere may be the target of one of its broken links)
            self.lint_open_file()
        return changed

    def _take_template_from_disk(self) -> bool:
        """library.toml changed by another program (a pull, a checkout): checks use it from
        now on when it is valid, and the status names its error when it is not; the open
        file stays open, unsaved edits and all. True when the template changed."""
        library = self.library
        assert library is not None
        path = library.root / TEMPLATE_FILE
        try:
            # as Library.open does: only a regular file is read (a pipe would never end)
            raw = path.read_text(encoding="utf-8") if path.is_file() else None
        except (OSError, UnicodeDecodeError):
            return False  # Library.open says why, should the author reopen it
        if raw is None and library.uses_builtin_template:
            return False
        if raw is not None and text_digest(raw) == library.template.digest:
            return False
        try:
            fresh = Library.open(library.root)
        except (LibraryError, OSError, ValueError) as error:
            self._template_note = f"not applied, the library keeps its last template: {error}"
            self.show_status(self._template_note[:1].upper() + self._template_note[1:])
            return False
        self._template_note = ""
        self.library = fresh
        self.stack_checklist.follow_rescan(fresh)
        self.template_bar.show_for(fresh.uses_builtin_template, fresh.save_template)
        return True

    def _start_library_lint(self) -> None:
        self.results.lint_started()
        warm_up(self.library)
        self.lint_progress.setRange(0, max(1, len(self.library.markdown_files())))
        self.lint_progress.setValue(0)
        self.lint_progress.show()
        self.lint_runner.start(lint_work(self.library))

    def _on_lint_progress(self, done: int, total: int) -> None:
        self.lint_progress.setRange(0, max(1, total))
        self.lint_progress.setValue(done)

    def _on_lint_finished(self, summary: LintSummary) -> None:
        """Take the report over at once (cheap: the worker thread grouped and counted it),
        then show it over a few turns of the event loop (_show_library_results)."""
        if self.library is None or summary.root != self.library.root:
            return  # a report for a library that is no longer open
        self.results.load_summary(summary, keep=self.documents.path)
        self.lint_progress.hide()
        linted = f"Linted {counted(len(self.library.markdown_files()), 'file')}"
        # a library.toml that could not be applied stays said after every lint
        self._show_library_results(
            f"{linted}; {self._template_note}" if self._template_note else linted
        )

    def _show_library_results(self, status: str) -> None:
        """Show what `results` holds in the tree's badges and the Problems panel, one piece
        per turn of the event loop (all at once held a 10,000-file window for 0.4 s).

        Every piece shows `results` as they are when it runs, not as they were when the
        pieces began, so a live result of the open file arriving meanwhile (it updates
        `results` and its own badges at once) is never painted over; a newer report
        starts the pieces again. Only a rebuilt tree (`tree.generation`) drops the rest:
        its rows are new, and the rebuild shows the results itself (refresh_library)."""
        self.results.complete = False  # until every piece is shown

        def finish() -> None:
            self._refresh_problems()
            self.show_status(status)
            self.results.complete = True

        steps = [self.tree.badge_pieces(self.results), finish]
        self.library_steps.start(self.tree.generation, steps)

    def _on_lint_failed(self, message: str) -> None:
        self.lint_progress.hide()
        self.show_status(f"Library lint failed: {message}")

    @property
    def lint_running(self) -> bool:
        return self.lint_runner.running

    # --- the open file --------------------------------------------------------------------

    def open_path(self, path: Path | str) -> bool:
        """Open a file (relative paths are relative to the library) after the unsaved prompt."""
        path = Path(path)
        if not path.is_absolute() and self.library is not None:
            inside = self.library.root / path
            path = inside if inside.exists() or not path.exists() else path
        opened = self.documents.open(path)
        if not opened and self.documents.path is not None:
            self.tree.select_path(self.documents.path)  # stay on the file still open
        return opened

    def save(self) -> bool:
        return self.documents.save()

    def _on_file_loaded(self, path: Path) -> None:
        self.editor.set_markdown(is_markdown_path(path))
        self._synced_path = None  # its first result brings the preview to the editor's place
        self._panels_text = None
        self.lint_open_file(opening=True)  # first in the queue: the preview matters most
        self.large_file_note.update_for(self.documents.text())
        if not self.large_file_note.isHidden():
            self.show_status(self.large_file_note.toolTip())
        self.tree.select_path(path)
        self.stack_checklist.show_for(self.library, path)
        self.problems.set_current_stack(self._current_stack_folder())
        self._update_title()
        self.settings.setValue(keys.LAST_FILE, self._relative(path))

    @property
    def preview_path(self) -> Path | None:
        """The file whose page the preview shows (it may still be the last file's)."""
        return self._preview_path

    def _tick_in_preview(self, line: int) -> None:
        """A checkbox clicked in the preview: ticked only in the file whose page it is."""
        if self._preview_path != self.documents.path:
            self.show_status("That page is of the file shown before: nothing ticked")
            return
        self.documents.toggle_seen_task(line, self.preview.source_text, self._preview_tasks)

    def _on_file_closed(self) -> None:
        self._preview_path = self._panels_text = None
        self.large_file_note.update_for(None)
        self.live_linter.cancel()
        self.result_steps.cancel()
        self.preview.show_html("")
        self._synced_path = None
        self.editor.clear_diagnostics()
        self.stack_checklist.show_for(self.library, None)
        self._update_title()

    def lint_open_file(self, *, opening: bool = False) -> None:
        """Parse, check and render the buffer in the background (the editor debounces
        typing); _apply_live_result shows the outcome."""
        path = self.documents.path
        if path is None:
            return
        revision = self.editor.document().revision()
        style = themes().theme.preview_style()
        self.editor.lint_asked()  # a debounce still running would check this revision again
        self.live_linter.request(
            self.library, path, self.documents.text(), revision, opening=opening, style=style
        )

    def _on_theme_changed(self, _theme) -> None:
        self.lint_open_file()  # the preview is rendered in the theme's colours

    @property
    def lint_pending(self) -> bool:
        """The open file's lint has been asked for and not yet shown."""
        return self.live_linter.pending or self.result_steps.running

    def _apply_first_page(self, page: FirstPage) -> None:
        if page.path == self.documents.path and page.revision == self.editor.document().revision():
            self.preview.show_html(page.html, self.documents.text())
            self._preview_path, self._preview_tasks = page.path, None
            self._sync_preview()

    def _apply_live_result(self, result: LiveResult) -> None:
        """One parse feeds the markers, the preview, the problems, the badges and the
        checklist; a large file's one step per turn of the event loop (all at once would hold
        the window). A result for text that has changed since is dropped, even halfway (a
        newer one is due)."""
        path = self.documents.path
        if result.path != path or result.revision != self.editor.document().revision():
            return
        steps = [
            self.editor.pin_diagnostics(result.diagnostics),
            lambda: self._show_preview(result),
            lambda: self._show_panels(result),
            lambda: self.liveResultShown.emit(result),
        ]
        self.result_steps.start(result.revision, steps, at_once=result.blocks is None)

    def _show_preview(self, result: LiveResult) -> None:
        text = self.documents.text()  # the revision just checked
        # the same text checked again (a library lint, a save, a theme) leaves the preview
        # where the reader scrolled it; a new file or an edit brings it to the editor's place
        moved = result.path != self._synced_path or text != self.documents.shown_text
        self.documents.shown_text, self._synced_path = text, result.path
        self._preview_path, self._preview_tasks = result.path, tuple(result.tasks)
        if result.blocks is not None:  # a large file: the part on screen
            self.preview.show_blocks(result.blocks, result.html, text)
        else:
            self.preview.show_html(result.html, text)
        if moved:
            self._sync_preview()

    def _show_panels(self, result: LiveResult) -> None:
        self._panels_text = self.documents.text()  # the revision just checked
        self.results.set_file(result.path, result.diagnostics, progress(result.tasks))
        self.tree.update_badges(self.results, [result.path])
        self._refresh_problems()
        self.stack_checklist.update_open_file(result.path, result.tasks, self._panels_text)
        # typing back to the saved text is not an unsaved change
        self.editor.document().setModified(self.documents.is_dirty())

    def _sync_preview(self, *_args) -> None:
        self.preview.scroll_to_line(self.editor.top_line())

    def _refresh_problems(self) -> None:
        self.problems.set_groups(self.results.by_path())
        errors, warnings = self.results.totals()
        self.counts_label.setText(f"✖ {counted(errors, 'error')}  ⚠ {counted(warnings, 'warning')}")

    def _on_checklist_file_changed(self, path: Path, file_progress) -> None:
        self.results.set_file(path, self.results.diagnostics_for(path), file_progress)
        self.tree.update_badges(self.results, [path])

    def go_to_problem(self, diagnostic: Diagnostic) -> None:
        path = Path(diagnostic.path)
        if path.is_dir() or not path.exists():
            self.tree.select_path(path)
            self.show_status(f"{self._relative(path)}: {diagnostic.message}")
            return
        if path == self.documents.path:  # found in an older revision: map or drop
            seen = self._panels_text or self.documents.shown_text  # before the first live lint
            self.documents.go_to_seen(diagnostic.line, diagnostic.column, seen)
        elif self.open_path(path):
            self.documents.go_to(diagnostic.line, diagnostic.column)

    def follow_file_link(self, href: str) -> None:
        """A relative link in the preview: open library Markdown files in the editor."""
        target, _, fragment = href.partition("#")
        base = self.documents.path.parent if self.documents.path else None
        if base is None:
            return
        path = Path(os.path.normpath(base / unquote(target)))
        if not path.is_file():
            self.show_status(f"Link target not found: {href}")
            return
        if path.suffix.lower() not in (*MARKDOWN_SUFFIXES, *TEXT_SUFFIXES):
            self.show_status(f"Not a text file of the library: {self._relative(path)}")
            return
        if self.open_path(path) and fragment:
            doc = Document(self.documents.text())
            heading = next((h for h in doc.headings if h.slug == fragment), None)
            if heading is not None:
                self.documents.go_to(heading.line)

    def _current_stack_folder(self) -> Path | None:
        path = self.documents.path
        item = self.library.item_for(path) if self.library and path else None
        return item.path if item else None

    def _relative(self, path: Path) -> str:
        return self.library.relative(path) if self.library else str(path)

    def _reopen_last_file(self) -> None:
        last = read_path(self.settings, keys.LAST_FILE)
        if last is not None and self.library is not None:
            path = self.library.root / last
            if path.is_file():
                self.open_path(path)

    # --- prompts (tests replace these methods) --------------------------------------------

    def ask_unsaved_changes(self) -> str:
        """Save / Discard / Cancel for the open file: "save", "discard" or "cancel"."""
        name = self.documents.path.name if self.documents.path else "this file"
        return dialogs.ask_unsaved_changes(self, name)

    def ask_conflict(self, path: Path) -> str:
        """The file changed on disk since it was read: "overwrite", "reload" or "cancel"."""
        return dialogs.ask_conflict(self, path)

    def report_error(self, text: str) -> None:
        dialogs.show_error(self, text)

    def show_about(self) -> None:
        dialogs.show_about(self)

    def show_shortcuts(self) -> ShortcutSheet:
        """Help → Keyboard Shortcuts, listed from the window's actions as they are now."""
        if self.shortcut_sheet is None:
            from foundry_app.ui.window.help_sheets import ShortcutSheet

            self.shortcut_sheet = ShortcutSheet(self)
        self.shortcut_sheet.refresh()
        _present(self.shortcut_sheet)
        return self.shortcut_sheet

    def show_rules(self, rule_id: str | None = None) -> RulesSheet:
        """Help → Rules, at `rule_id` when a problem asked to explain its rule."""
        if self.rules_sheet is None:
            from foundry_app.ui.window.help_sheets import RulesSheet

            self.rules_sheet = RulesSheet(self)
        if rule_id:
            self.rules_sheet.show_rule(rule_id)
        _present(self.rules_sheet)
        return self.rules_sheet

    def show_preferences(self) -> PreferencesDialog:
        """Edit → Preferences…: one dialog per window, each change applied at once."""
        if self.preferences_dialog is None:
            from foundry_app.ui.window.preferences_dialog import PreferencesDialog

            self.preferences_dialog = PreferencesDialog(self.preferences, self)
        self.preferences_dialog.refresh()  # View → Theme may have changed since
        _present(self.preferences_dialog)
        return self.preferences_dialog

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(readable(text), _STATUS_MS)

    # --- window -----------------------------------------------------------------------------

    def _update_title(self) -> None:
        path = self.documents.path
        parts = ["Foundry"]
        if self.library is not None:
            item = self.library.item_for(path) if path else None
            parts.insert(0, item.name if item else self.library.root.name)
        if path is not None:
            parts.insert(0, f"{path.name}[*]")
        self.setWindowTitle(readable(" — ".join(parts)))
        self.setWindowModified(path is not None and self.editor.document().isModified())

    def _restore_window(self) -> None:
        geometry = read_bytes(self.settings, keys.GEOMETRY)
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(*_DEFAULT_SIZE)
        state = read_bytes(self.settings, keys.STATE)
        if state is not None:
            self.restoreState(state)
        splitter = read_bytes(self.settings, keys.SPLITTER)
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def _save_window(self) -> None:
        self.settings.setValue(keys.GEOMETRY, self.saveGeometry())
        self.settings.setValue(keys.STATE, self.saveState())
        self.settings.setValue(keys.SPLITTER, self.splitter.saveState())
        if self.library is not None:
            self.settings.setValue(keys.LIBRARY, str(self.library.root))
        path = self.documents.path
        self.settings.setValue(keys.LAST_FILE, self._relative(path) if path else "")
        self.settings.sync()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() != QEvent.Type.ActivationChange:
            return
        if not self.isActiveWindow():
            self._left = True  # the author went elsewhere: files may be made there
            return
        self.documents.check_external_change()  # the watcher can miss network drives
        if self._left:  # files made elsewhere (a terminal, git) show up
            self._left = False
            self.refresh_library()  # not on the first activation: the library was just read

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.documents.confirm_close():
            event.ignore()
            return
        self._save_window()
        self.recovery.finish()
        self.documents.watch.watch(None)
        self.library_watch.watch(None)
        self.lint_runner.shutdown()
        self.live_linter.shutdown()
        self.stack_checklist.shutdown()
        self.finding.shutdown()
        event.accept()


def _present(dialog: QWidget) -> None:
    """Show a non-modal sheet, or bring it to the front if it is open already."""
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
