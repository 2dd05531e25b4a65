"""The current stack's checklist: task items grouped by file, with overall progress.

Ticking a box here does not change the tree itself; it asks for the same edit a preview
click makes (taskToggled), and the panel is refreshed from the file's new text.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import (
    QLabel,
    QProgressBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from foundry_app.core.checklist import NoTaskError, Progress, progress, toggle_task
from foundry_app.core.document import Document, TaskItem
from foundry_app.core.library import Library
from foundry_app.core.line_map import locate_task
from foundry_app.core.stack_tasks import FileTasks, read_stack_tasks
from foundry_app.core.storage import FileConflictError, TextFile, write_text_file
from foundry_app.core.wording import readable
from foundry_app.ui.workers.lint_worker import BackgroundRunner
from foundry_app.ui.workers.live_lint import warming_up, when_warmed_up
from foundry_app.ui.workers.live_lint_child import ChildFailed, LiveLintChild

_TASK_ROLE = Qt.ItemDataRole.UserRole + 1  # (path str, line) on a task row
# the Path itself on a file's group: a tooltip cannot hold a name that is not UTF-8
_PATH_ROLE = Qt.ItemDataRole.UserRole + 2


class ChecklistPanel(QWidget):
    """objectName "checklist"; emits taskToggled(path, line) when a box is ticked here."""

    taskToggled = Signal(Path, int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("checklist")
        self._files: dict[Path, FileTasks] = {}
        self._updating = False  # programmatic check-state changes are not clicks

        self.title = QLabel("No stack open", self)
        self.title.setObjectName("checklistTitle")
        self.bar = QProgressBar(self)
        self.bar.setObjectName("checklistProgress")
        self.bar.setFormat("%v/%m done")
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("checklistTree")
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.itemChanged.connect(self._on_item_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.bar)
        layout.addWidget(self.tree)

    def set_files(self, title: str, files: list[FileTasks], current: Path | None = None) -> None:
        """Show these files' tasks (the current stack, or a lone file outside any stack);
        only the `current` file's group starts expanded."""
        self.title.setText(title)
        self._files = {file.path: file for file in files}
        self._rebuild(expanded={current} if current else set())

    def update_file(self, path: Path, tasks: list[TaskItem] | tuple[TaskItem, ...]) -> None:
        """New tasks for one file, e.g. from the live parse of the open buffer."""
        old = self._files.get(path)
        if old is None or (old.tasks == tuple(tasks) and not old.note):
            return
        new = FileTasks(path, old.label, tuple(tasks))
        self._files[path] = new
        if len(old.tasks) == len(new.tasks):
            self._update_in_place(new, old)  # keeps scroll position and the current row
        else:
            self._rebuild()

    def files(self) -> list[Path]:
        return list(self._files)

    def total_progress(self) -> Progress:
        total = Progress(0, 0)
        for file in self._files.values():
            total += progress(file.tasks)
        return total

    def task_item(self, path: Path, line: int) -> QTreeWidgetItem | None:
        """The row for one task (tests and keyboard helpers use it)."""
        for index in range(self.tree.topLevelItemCount()):
            parent = self.tree.topLevelItem(index)
            for child_index in range(parent.childCount()):
                child = parent.child(child_index)
                if child.data(0, _TASK_ROLE) == (str(path), line):
                    return child
        return None

    def _update_in_place(self, file: FileTasks, old: FileTasks) -> None:
        parent = next(
            (
                self.tree.topLevelItem(i)
                for i in range(self.tree.topLevelItemCount())
                if self.tree.topLevelItem(i).data(0, _PATH_ROLE) == file.path
            ),
            None,
        )
        if parent is None or parent.childCount() != len(file.tasks):
            self._rebuild()
            return
        self._updating = True
        try:
            parent.setText(0, self._file_label(file))
            for index, task in enumerate(file.tasks):
                if task != old.tasks[index]:  # a big file has thousands: rewrite what changed
                    self._fill_task(parent.child(index), file, task)
        finally:
            self._updating = False
        self._update_bar()

    def _rebuild(self, expanded: set[Path] | None = None) -> None:
        if expanded is None:
            expanded = self._expanded_paths()
        self._updating = True
        try:
            self.tree.clear()
            for file in self._files.values():
                item = self._file_item(file)
                self.tree.addTopLevelItem(item)
                item.setExpanded(file.path in expanded)  # only works once in the tree
        finally:
            self._updating = False
        self._update_bar()

    def _update_bar(self) -> None:
        total = self.total_progress()
        self.bar.setRange(0, max(total.total, 1))
        self.bar.setValue(total.done)
        self.bar.setFormat(f"{total} done" if total.total else "no checklist items")

    def _file_item(self, file: FileTasks) -> QTreeWidgetItem:
        parent = QTreeWidgetItem([self._file_label(file)])
        parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
        parent.setToolTip(0, str(file.path))
        parent.setData(0, _PATH_ROLE, file.path)
        for task in file.tasks:
            child = QTreeWidgetItem()
            child.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            self._fill_task(child, file, task)
            parent.addChild(child)
        return parent

    @staticmethod
    def _file_label(file: FileTasks) -> str:
        if file.tasks:
            return readable(f"{file.label}  ({progress(file.tasks)})")
        return readable(f"{file.label}  {file.note}".strip())

    @staticmethod
    def _fill_task(child: QTreeWidgetItem, file: FileTasks, task: TaskItem) -> None:
        child.setText(0, task.text or f"(line {task.line})")
        state = Qt.CheckState.Checked if task.checked else Qt.CheckState.Unchecked
        child.setCheckState(0, state)
        child.setData(0, _TASK_ROLE, (str(file.path), task.line))
        child.setToolTip(0, readable(f"{file.label}:{task.line}"))

    def _expanded_paths(self) -> set[Path]:
        return {
            self.tree.topLevelItem(i).data(0, _PATH_ROLE)
            for i in range(self.tree.topLevelItemCount())
            if self.tree.topLevelItem(i).isExpanded()
        }

    def _on_item_changed(self, item: QTreeWidgetItem, _column: int) -> None:
        if self._updating:
            return
        data = item.data(0, _TASK_ROLE)
        if not data:
            return
        path, line = data
        # put the box back until the file itself says it changed
        self._updating = True
        item.setCheckState(
            0,
            Qt.CheckState.Unchecked
            if item.checkState(0) == Qt.CheckState.Checked
            else Qt.CheckState.Checked,
        )
        self._updating = False
        # emit after this signal returns: the handler may rebuild the tree under us
        QTimer.singleShot(0, self, lambda: self.taskToggled.emit(Path(path), line))


class StackChecklist(QObject):
    """Keeps the panel on the current stack: reads the other files' tasks in the background,
    ticks them on disk (atomically, refusing when the file changed since it was read) and
    hands ticks in the open file to the editor path (openFileToggled)."""

    # line in the open file, the text the row was drawn from and the tasks found in it (or
    # None): the editor makes that edit
    openFileToggled = Signal(int, object, object)
    fileChanged = Signal(Path, object)  # a file ticked on disk: path, its new Progress
    message = Signal(str)

    def __init__(
        self,
        panel: ChecklistPanel,
        parent: QObject | None = None,
        pool: QThreadPool | None = None,
        child: LiveLintChild | None = None,
    ) -> None:
        super().__init__(parent)
        self.panel = panel
        self._child = child  # where the files are parsed; this process's thread without one
        self.panel.taskToggled.connect(self._on_toggle)
        self._runner = BackgroundRunner(self, pool)
        self._runner.finished.connect(self._on_loaded)
        self._runner.failed.connect(lambda text: self.message.emit(f"Checklist: {text}"))
        self._key: Path | None = None  # the stack folder (or lone file) shown
        self._title = ""
        self._open_path: Path | None = None
        self._live: dict[Path, tuple[TaskItem, ...]] = {}  # the open file, from the editor
        self._disk: dict[Path, TextFile] = {}  # what each other file's tasks were read from
        # the text each file's rows were drawn from: a row's line means a line of it
        self._seen: dict[Path, str] = {}
        self._files: list[Path] = []
        self._base = Path()
        self._held = False  # a read waiting for the live lint's warm-up

    @property
    def loading(self) -> bool:
        return self._held or self._runner.running

    def show_for(self, library: Library | None, path: Path | None) -> None:
        """Follow the open file: read its stack's checklists again (the file left behind may
        have had unsaved ticks that were discarded) and expand the open file's group."""
        if path == self._open_path and path is not None:
            return
        self._open_path = path
        item = library.item_for(path) if library and path else None
        key = item.path if item else path
        if key == self._key and key is not None:
            self._live.clear()
            self.reload()  # same stack: keep showing it until the fresh read lands
            return
        self._key = key
        self._disk.clear()
        self._seen.clear()
        self._files = []
        if key is None:
            self._held = False
            self._runner.cancel()
            self.panel.set_files("No file open", [])
            return
        self._files = list(item.files) if item else [path]
        self._base = item.path if item else path.parent
        self._title = f"Checklist — {item.name}" if item else f"Checklist — {path.name}"
        self.panel.set_files(f"{self._title} (loading…)", [])
        self.reload()

    def follow_rescan(self, library: Library | None) -> None:
        """The library was walked again: list the shown stack's files as they are now (one
        renamed, deleted or added in a terminal), read again only when they differ."""
        path = self._open_path
        if library is None or path is None:
            return
        item = library.item_for(path)
        if (item.path if item else path) != self._key:
            self._open_path = None  # the open file is in another stack now: show that one
            self.show_for(library, path)
            return
        files = list(item.files) if item else [path]
        if files == self._files:
            return
        self._files = files
        for gone in set(self._disk) - set(files):
            del self._disk[gone]  # no tick may be written from a read of a file now gone
            self._seen.pop(gone, None)
        self.reload()

    def reload(self) -> None:
        """Read the current stack again (after a conflict or an outside change)."""
        if not self._files:
            return
        if warming_up():  # read after it: beside its pieces a reader would double them
            self._runner.cancel()
            if not self._held:
                self._held = True
                when_warmed_up(self._reload_held)
            return
        files, base, child = self._files, self._base, self._child
        self._runner.start(lambda _progress: _read_tasks(child, files, base))

    def _reload_held(self) -> None:
        if self._held:
            self._held = False
            self.reload()

    def update_open_file(self, path: Path, tasks: list[TaskItem], text: str) -> None:
        """Live tasks of the open buffer (after every lint), found in `text`."""
        self._live = {path: tuple(tasks)}
        self._seen[path] = text
        self.panel.update_file(path, tasks)

    def note_saved(self, file: TextFile) -> None:
        """The editor saved a file: later ticks here are checked against that version."""
        if file.path in self._disk:
            self._disk[file.path] = file

    def shutdown(self) -> None:
        self._held = False
        self._runner.shutdown()

    def _on_loaded(self, loaded: list[tuple[FileTasks, TextFile | None]]) -> None:
        files = []
        for file_tasks, text_file in loaded:
            if text_file is not None:
                self._disk[file_tasks.path] = text_file
            live = self._live.get(file_tasks.path)
            if live is None:  # the rows are now the ones read here
                if text_file is not None:
                    self._seen[file_tasks.path] = text_file.text
                else:
                    self._seen.pop(file_tasks.path, None)
            files.append(file_tasks if live is None else replace(file_tasks, tasks=live))
        self.panel.set_files(self._title, files, current=self._open_path)

    def _on_toggle(self, path: Path, line: int) -> None:
        seen = self._seen.get(path)
        if path == self._open_path:
            self.openFileToggled.emit(line, seen, self._live.get(path))
            return
        file = self._disk.get(path)
        if file is None:
            self.message.emit(f"{path.name} cannot be edited here")
            return
        if seen is not None and seen != file.text:  # rows of a text since discarded or saved
            mapped = locate_task(seen, line, file.text)
            if mapped is None:
                self.message.emit(f"That item of {path.name} is not on disk as shown: reloaded")
                self.reload()
                return
            line = mapped
        try:
            new_file = write_text_file(file, toggle_task(file.text, line))
        except FileConflictError:
            self.message.emit(f"{path.name} changed on disk; checklist reloaded, tick again")
            self.reload()
            return
        except (NoTaskError, OSError) as error:
            self.message.emit(f"Could not tick {path.name}:{line}: {error}")
            return
        self._disk[path] = new_file
        self._seen[path] = new_file.text
        if self._runner.running:  # a read out now was taken before this tick: read again
            self.reload()
        tasks = Document(new_file.text).tasks
        self.panel.update_file(path, tasks)
        self.fileChanged.emit(path, progress(tasks))
        self.message.emit(f"Saved {path.name}")


def _read_tasks(
    child: LiveLintChild | None, files: list[Path], base: Path
) -> list[tuple[FileTasks, TextFile | None]]:
    """Background: the files' tasks, parsed in the child; in this thread if it fails."""
    if child is not None:
        try:
            return child.read_tasks(files, base)
        except ChildFailed:
            if child.closed:  # the window is closing: nobody waits for this
                return []
    return read_stack_tasks(files, base)
