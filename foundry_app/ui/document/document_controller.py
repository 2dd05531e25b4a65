"""The open file: loading it into the editor, saving, reverting, and never losing an edit.

The decisions live in core.buffer.Buffer; this wires them to the editor, the message bars
above it, the file watcher and the window's prompts.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QTextCursor

from foundry_app.core.buffer import Buffer, ExternalChange
from foundry_app.core.checklist import NoTaskError, toggle_found_task, toggle_task
from foundry_app.core.document import TaskItem
from foundry_app.core.large_file import LARGE_FILE_BYTES
from foundry_app.core.library import MARKDOWN_SUFFIXES
from foundry_app.core.line_map import locate_task, map_line
from foundry_app.core.preferences import DEFAULTS
from foundry_app.core.storage import FileConflictError
from foundry_app.core.wording import readable
from foundry_app.ui import dialogs
from foundry_app.ui.document.file_watch import FileWatch
from foundry_app.ui.document.message_bar import MessageBar
from foundry_app.ui.editor.editor import EditorPane


class Prompts(Protocol):
    """What the controller must ask the author; the window implements it (tests patch it)."""

    def ask_unsaved_changes(self) -> str: ...  # "save", "discard" or "cancel"

    def ask_conflict(self, path: Path) -> str: ...  # "overwrite", "reload" or "cancel"

    def report_error(self, text: str) -> None: ...


class DocumentController(QObject):
    loaded = Signal(Path)  # a file's text was (re)loaded into the editor: lint it now
    closed = Signal()
    saved = Signal(Path)
    modifiedChanged = Signal(bool)
    message = Signal(str)  # for the status bar

    def __init__(
        self,
        pane: EditorPane,
        external_bar: MessageBar,
        read_only_bar: MessageBar,
        prompts: Prompts,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.pane = pane
        self.editor = pane.editor
        self.external_bar = external_bar
        self.read_only_bar = read_only_bar
        self._prompts = prompts
        self.buffer: Buffer | None = None
        # the text the panels' results were computed from (the last load or live lint)
        self.shown_text: str | None = None
        self.save_on_tick = DEFAULTS.save_on_tick  # a tick in a clean file saves it at once
        self.watch = FileWatch(self)
        self.watch.changed.connect(self.check_external_change)
        self.editor.document().modificationChanged.connect(self.modifiedChanged)
        self.editor.set_read_only(True)  # nothing open yet

    # --- state --------------------------------------------------------------------------

    @property
    def path(self) -> Path | None:
        return self.buffer.path if self.buffer else None

    def text(self) -> str:
        """The editor's text, which is also the buffer's current text."""
        if self.buffer is None:
            return ""
        self.buffer.edit(self.editor.text())
        return self.buffer.text

    def is_dirty(self) -> bool:
        return self.buffer is not None and not self.buffer.read_only and self._synced().dirty

    def _synced(self, *, whole: bool = False) -> Buffer:
        """The buffer with the editor's text (`whole`: copied out of Qt whole, for a save)."""
        assert self.buffer is not None
        self.buffer.edit(self.editor.text_read_whole() if whole else self.editor.text())
        return self.buffer

    # --- open / close ---------------------------------------------------------------------

    def open(self, path: Path) -> bool:
        """Show `path` in the editor, after the unsaved-changes prompt; False if not opened."""
        path = Path(os.path.abspath(path))
        if self.buffer is not None and self.buffer.path == path:
            return True
        if not self.confirm_close():
            return False
        try:
            buffer = Buffer.load(path)
        except OSError as error:
            self.message.emit(f"Cannot open {path.name}: {error.strerror or error}")
            return False
        self._show(buffer)
        return True

    def close(self) -> bool:
        if not self.confirm_close():
            return False
        self.buffer = None
        self.shown_text = None
        self.watch.watch(None)
        self.external_bar.hide()
        self.read_only_bar.hide()
        self.editor.load_text("")
        self.editor.set_read_only(True)
        self.closed.emit()
        return True

    def confirm_close(self) -> bool:
        """Ask Save / Discard / Cancel when there are unsaved edits; True means go ahead."""
        if not self.is_dirty():
            return True
        choice = self._prompts.ask_unsaved_changes()
        if choice == "save":
            return self.save()
        return choice == "discard"

    def _show(self, buffer: Buffer) -> None:
        self.buffer = buffer
        self.shown_text = buffer.text
        self.external_bar.hide()
        self.editor.load_text(buffer.text)
        self._apply_read_only()
        self.watch.watch(buffer.path)
        self.loaded.emit(buffer.path)

    def _apply_read_only(self) -> None:
        assert self.buffer is not None
        self.editor.set_read_only(self.buffer.read_only)
        if self.buffer.read_only:
            self.read_only_bar.show_message(
                f"Read-only: {self.buffer.read_only_reason}", style="info"
            )
            self.message.emit(f"{self.buffer.path.name} opened read-only (not UTF-8)")
        else:
            self.read_only_bar.hide()

    # --- save / revert / reload ---------------------------------------------------------------

    def save(self, *, force: bool = False) -> bool:
        """Atomic save; the buffer counts as saved only after the write committed."""
        if self.buffer is None:
            return False
        buffer = self._synced(whole=True)
        if buffer.read_only:
            self.message.emit(f"{buffer.path.name} is read-only: {buffer.read_only_reason}")
            return False
        if not buffer.dirty and not force:  # a rewrite would break hard links and wake watchers
            self.message.emit(f"{buffer.path.name} has no unsaved changes")
            return True
        try:
            buffer.save(force=force)
        except FileConflictError as conflict:
            if conflict.deleted and not buffer.path.parent.is_dir():
                gone = FileNotFoundError(2, "its folder was renamed or deleted", str(buffer.path))
                return self._offer_save_as(gone)
            return self._resolve_conflict()
        except OSError as error:
            return self._offer_save_as(error)
        self.external_bar.hide()
        if self.editor.text() == buffer.saved_text:
            self.editor.document().setModified(False)
        self.saved.emit(buffer.path)
        self.message.emit(f"Saved {buffer.path.name}")
        return True

    def save_as(self) -> bool:
        """Ask for a file name and save the text there; the editor goes on with that file."""
        if self.buffer is None or self.buffer.read_only:
            return False
        buffer = self._synced(whole=True)
        chosen = dialogs.ask_save_as_path(self.editor.window(), buffer.path)
        if not chosen:
            return False
        try:
            buffer.save_as(Path(os.path.abspath(chosen)))
        except OSError as error:
            return self._offer_save_as(error)
        self.external_bar.hide()
        self.editor.document().setModified(self.editor.text() != buffer.saved_text)
        self.watch.watch(buffer.path)
        self.loaded.emit(buffer.path)
        self.saved.emit(buffer.path)
        self.message.emit(f"Saved as {buffer.path}")
        return True

    def _offer_save_as(self, error: OSError) -> bool:
        """The save failed: the buffer stays dirty, the author hears why and may Save As."""
        assert self.buffer is not None
        reason = error.strerror or str(error)
        self.message.emit(f"Not saved: {self.buffer.path.name}: {reason}")
        if (
            dialogs.ask_save_failed(self.editor.window(), str(self.buffer.path), reason)
            == "save_as"
        ):
            return self.save_as()
        return False

    def _resolve_conflict(self) -> bool:
        assert self.buffer is not None
        choice = self._prompts.ask_conflict(self.buffer.path)
        if choice == "overwrite":
            return self.save(force=True)
        if choice == "reload":
            self.reload()
        else:
            self.message.emit("Not saved: the file changed on disk")
        return False

    def revert(self) -> None:
        """Back to the file on disk; undoable, like any other edit."""
        if self.buffer is not None:
            self.reload()
            self.message.emit(f"Reverted {self.buffer.path.name}")

    def reload(self) -> None:
        """Take the disk version, keeping the cursor and scroll position where possible."""
        if self.buffer is None:
            return
        try:
            self.buffer.reload()
        except OSError as error:
            self.message.emit(f"Cannot reload {self.buffer.path.name}: {error.strerror or error}")
            return
        self.external_bar.hide()
        # shown_text stays: the preview and panels show the old text until the next lint
        if self.buffer.read_only or self.editor.isReadOnly():
            self.editor.load_text(self.buffer.text)
        else:  # a minimal edit, so the view stays put and the reload can be undone
            self.editor.replace_all_text_undoably(self.buffer.text)
            self.editor.document().setModified(False)
        self._apply_read_only()
        self.watch.watch(self.buffer.path)
        self.loaded.emit(self.buffer.path)

    # --- changes on disk --------------------------------------------------------------------

    def check_external_change(self, *_args) -> None:
        """Reload a clean buffer; offer Reload / Keep mine for a dirty one; never overwrite."""
        if self.buffer is None:
            return
        self._synced()
        action = self.buffer.external_change()
        name = self.buffer.path.name
        if action == ExternalChange.RELOAD:
            self.reload()
            self.message.emit(f"Reloaded {name}: it was changed by another program")
        elif action == ExternalChange.ASK:
            self.external_bar.show_message(
                f"{name} was changed by another program, and you have unsaved edits.",
                [("Reload", self.reload), ("Keep mine", self.keep_mine)],
            )
        elif action == ExternalChange.MISSING:
            self.external_bar.show_message(
                f"{name} was deleted (or moved away) by another program. Its text is still "
                "here: Save writes it back, Save As puts it elsewhere, Close lets it go.",
                [
                    ("Save", lambda: self.save(force=True)),
                    ("Save As…", self.save_as),
                    ("Close", self.close),
                ],
                style="warning",
            )

    def open_missing(self, path: Path, text: str) -> bool:
        """Show `text` for a file that is not on disk (a crashed window's unsaved text whose
        file has gone since): unsaved; Save writes it there again, Save As elsewhere."""
        if not self.confirm_close():
            return False
        self._show(Buffer.missing(Path(os.path.abspath(path)), ""))
        self.editor.replace_all_text_undoably(text)
        self._synced()
        self.editor.document().setModified(True)
        self.external_bar.show_message(
            f"{readable(path.name)} is no longer on disk. Its recovered text is here, "
            "unsaved: Save writes it there again, Save As puts it elsewhere.",
            [("Save As…", self.save_as)],
            style="warning",
        )
        return True

    def restore_text(self, text: str, base_digest: str) -> bool:
        """A crashed window's unsaved text over the open file, as one undoable edit; True
        when the file changed on disk since that text was typed (then saving asks)."""
        self.editor.replace_all_text_undoably(text)
        return self._synced().typed_over(base_digest)

    def keep_mine(self) -> None:
        if self.buffer is not None:
            self._synced().keep_mine()
            self.editor.document().setModified(self.buffer.dirty)
            self.message.emit(f"Kept your version of {self.buffer.path.name}; save to write it")

    # --- the file renamed or deleted from Foundry ---------------------------------------------

    def follow_move(self, old: Path, new: Path) -> None:
        """`old` (the open file, or a folder holding it) is now `new`: the buffer follows,
        unsaved edits included, and a clean buffer takes any link edits made on disk."""
        path = self.path
        if path is None or not (path == old or old in path.parents):
            return
        moved = new / path.relative_to(old) if path != old else new
        self.buffer.moved_to(moved)
        self.watch.watch(moved)
        self.check_external_change()
        self.loaded.emit(moved)

    def note_deleted(self, path: Path) -> None:
        """`path` (the open file, or a folder holding it) was deleted: keep the text as an
        unsaved buffer with a bar that says so."""
        if self.buffer is None or not (
            self.buffer.path == path or path in self.buffer.path.parents
        ):
            return
        self._synced().mark_deleted()
        self.editor.document().setModified(True)
        self.external_bar.show_message(
            f"{self.buffer.path.name} was deleted. Its text is kept here unsaved: "
            "Save writes it back, closing it lets it go.",
            style="warning",
        )

    # --- edits the window asks for ------------------------------------------------------------

    def toggle_task(self, line: int) -> bool:
        """Tick the task on `line` as one undoable edit; save at once if nothing else was
        unsaved, so a tick is never lost (and exactly one byte changes on disk), unless
        the author turned that off (save_on_tick)."""
        return self._can_tick() and self._tick(lambda text: toggle_task(text, line))

    def _can_tick(self) -> bool:
        if self.buffer is None or self.buffer.read_only:
            self.message.emit("This file is read-only")
            return False
        if self.buffer.path.suffix.lower() not in MARKDOWN_SUFFIXES:  # YAML's "- [ ]" is data
            self.message.emit(f"{self.buffer.path.name} is not Markdown: it has no checklist")
            return False
        return True

    def _tick(self, flipped: Callable[[str], str]) -> bool:
        assert self.buffer is not None
        was_dirty = self.is_dirty()
        try:
            new_text = flipped(self.text())
        except NoTaskError as error:
            self.message.emit(str(error))
            return False
        self.editor.replace_all_text_undoably(new_text)
        self.buffer.edit(new_text)
        return self.save() if self.save_on_tick and not was_dirty else True

    def toggle_seen_task(
        self, line: int, seen_text: str | None, seen_tasks: Sequence[TaskItem] | None = None
    ) -> bool:
        """Tick the task the author saw on `line` of `seen_text` (a preview or a panel drawn
        before the latest edits): mapped to where it is now, or not ticked at all.
        `seen_tasks`, the tasks a lint found in `seen_text`, spare a parse of it."""
        if self.buffer is None:
            return False
        text = self.text()
        if seen_text == text and seen_tasks is not None and self._can_tick():
            task = next((t for t in seen_tasks if t.line == line), None)
            if task is None:
                self.message.emit(f"no task item on line {line}")
                return False
            return self._tick(lambda now: toggle_found_task(now, task))
        if seen_text is not None and seen_text != text and len(text) >= LARGE_FILE_BYTES:
            # mapping the tick would parse megabytes on this thread: the next check redraws
            self.message.emit("The file changed since this was drawn: tick it again once shown")
            self.editor.lintRequested.emit()
            return False
        if seen_text is not None:
            mapped = locate_task(seen_text, line, text)
            if mapped is None:
                self.message.emit("That item was edited since it was shown: nothing ticked")
                return False
            line = mapped
        return self.toggle_task(line)

    def go_to_seen(self, line: int, column: int, seen_text: str | None) -> bool:
        """Go to a problem found in `seen_text`, where that line is now; a problem on a
        line edited since is not shown at a shifted place."""
        if seen_text is not None and self.buffer is not None:
            mapped = map_line(seen_text, self.text(), line)
            if mapped is None:
                self.message.emit("That line was edited since it was checked: checking again")
                self.editor.lintRequested.emit()
                return False
            line = mapped
        self.go_to(line, column)
        return True

    def go_to(self, line: int, column: int = 1) -> None:
        """Cursor to 1-based line and column, centred, with keyboard focus."""
        self.editor.go_to_line(line)
        cursor = self.editor.textCursor()
        block_length = cursor.block().length() - 1
        cursor.movePosition(
            QTextCursor.MoveOperation.Right,
            QTextCursor.MoveMode.MoveAnchor,
            max(0, min(column - 1, block_length)),
        )
        self.editor.setTextCursor(cursor)
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
