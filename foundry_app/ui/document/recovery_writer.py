"""Keeps the open file's unsaved text in the recovery folder every few seconds, and offers
what a crashed window left behind (the decisions are core.recovery's)."""

from __future__ import annotations

import os
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from foundry_app.core.large_file import LARGE_FILE_BYTES
from foundry_app.core.recovery import RecoveryRecord, RecoveryStore
from foundry_app.core.wording import readable
from foundry_app.ui import dialogs

RECOVERY_INTERVAL_MS = 2000
LONGEST_WAIT_S = 10.0  # typing with no pause at all still gets a record this often
# a large file's record (its JSON encoding holds the interpreter lock for about 70 ms at
# 5 MB) waits until the author stops typing for a moment, or LARGE_LONGEST_WAIT_S at most
LARGE_PAUSE_S = 1.0
LARGE_LONGEST_WAIT_S = 30.0


class RecoveryWriter(QObject):
    """`window` is a MainWindow: its `documents` and `library` are read on every tick."""

    failed = Signal(str)  # why records cannot be written

    def __init__(self, window, store: RecoveryStore | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.store = store or RecoveryStore()
        # (path, editor revision) the folder holds, or is about to: unchanged means no copy
        self._written: tuple[Path, int] | None = None
        # one thread, so records are written and removed in the order asked; the encoding,
        # write and fsync of a 5 MB text would otherwise stop the window every tick
        self._disk = ThreadPoolExecutor(max_workers=1, thread_name_prefix="recovery")
        self._looked: tuple[Path | None, int] | None = None  # (path, revision) last looked at
        self._waiting_since: float | None = None  # an edit waits for its text to be copied
        self._last_edit = 0.0
        self._failure_said = False  # the author hears once that records cannot be written
        self._last_write: Future | None = None  # the latest record write asked for
        self.failed.connect(window.show_status)
        window.editor.textEdited.connect(self._note_edit)
        self._timer = QTimer(self, interval=RECOVERY_INTERVAL_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        # saving (or a deletion) changes what is unsaved without an edit: look again
        window.documents.saved.connect(self._look_again)
        window.documents.modifiedChanged.connect(self._look_again)

    def _look_again(self, *_args) -> None:
        self._looked = None

    def _note_edit(self) -> None:
        self._last_edit = time.monotonic()

    def _tick(self) -> None:
        """write_now, but without copying a big text out of the editor mid-typing: that copy
        is made anyway when the live lint reads the text at the next pause."""
        editor = self.window.editor
        if (self.window.documents.path, editor.document().revision()) == self._looked:
            return  # no edit, no save since the last look
        now = time.monotonic()
        self._waiting_since = self._waiting_since or now
        waited = now - self._waiting_since
        if editor.document().characterCount() >= LARGE_FILE_BYTES:
            typing = now - self._last_edit < LARGE_PAUSE_S
            if (typing or not editor.has_text_copy()) and waited < LARGE_LONGEST_WAIT_S:
                return
        elif not editor.has_text_copy() and waited < LONGEST_WAIT_S:
            return
        self.write_now()

    def write_now(self) -> None:
        """Record the open buffer if it has unsaved edits; drop the record once it has none."""
        if not self._timer.isActive():  # finished: the window has closed cleanly
            return
        documents = self.window.documents
        path = documents.path
        self._looked = (path, self.window.editor.document().revision())
        self._waiting_since = None
        dirty = path is not None and documents.is_dirty()
        if self._written is not None and (not dirty or self._written[0] != path):
            self._disk.submit(self.store.remove, self._written[0])
            self._written = None
        if not dirty:
            return
        revision = self.window.editor.document().revision()
        if self._written == (path, revision):
            return
        library = self.window.library.root if self.window.library is not None else None
        self._written = (path, revision)  # a failed write is tried again after the next edit
        file = documents.buffer.file if documents.buffer is not None else None
        base = file.digest if file is not None else ""
        written = self._disk.submit(self.store.write, library, path, documents.text(), base)
        written.add_done_callback(self._say_if_failed)
        self._last_write = written

    def _say_if_failed(self, written: Future) -> None:
        """On the recovery thread: records cannot be written, so a crash would lose the
        edits; the author hears it once (the signal crosses to the window's thread)."""
        error = written.exception()
        if isinstance(error, OSError) and not self._failure_said:
            self._failure_said = True
            reason = error.strerror or str(error)
            self.failed.emit(
                f"Crash recovery is off: cannot write to {self.store.folder}: {reason}"
            )

    def wait(self) -> None:
        """Until every record asked for so far is on disk (or removed)."""
        self._disk.submit(lambda: None).result()

    def finish(self) -> None:
        """A clean exit (the window closed after the unsaved-changes prompt)."""
        self._timer.stop()
        self._disk.shutdown(wait=True)  # a late write must not outlive the clean-up below
        self.store.remove_own()
        self._written = None

    def offer_restore(self) -> bool:
        """Offer the newest text a crashed window left; True when one was restored."""
        left = self.store.left_behind()
        if not left:
            return False
        record = left[0]
        if dialogs.ask_restore(self.window, str(record.path), len(left)) != "restore":
            for each in left:
                self.store.discard(each)
            return False
        if not self._restore(record):
            return False  # the record stays: it is offered again at the next start
        self._last_write = None
        self.write_now()  # this window's record of the text first, then the old one goes
        written = self._last_write
        self._disk.submit(self._discard_once_kept, record, written)
        return True

    def _discard_once_kept(self, record: RecoveryRecord, written: Future | None) -> None:
        """On the recovery thread, after `written` (jobs run in order): the old record goes
        only when this window's record of its text is on disk."""
        if written is not None and written.exception() is None and written.result() is not None:
            self.store.discard(record)

    def _restore(self, record: RecoveryRecord) -> bool:
        window = self.window
        documents = window.documents
        library = window.library.root if window.library is not None else None
        if record.library is not None and record.library != library and record.library.is_dir():
            window.open_library(record.library)
        name = readable(record.path.name)
        if not os.path.lexists(record.path):  # deleted, or its library moved, since the crash
            return documents.open_missing(record.path, record.text)
        if not window.open_path(record.path):
            window.show_status(f"Could not reopen {readable(str(record.path))}: its text is kept")
            return False
        if documents.restore_text(record.text, record.base_digest):  # unsaved, undoable
            documents.message.emit(
                f"Restored unsaved text of {name}, but the file changed on disk since: "
                "saving will ask before overwriting that"
            )
        else:
            documents.message.emit(f"Restored unsaved text of {name}: save to keep it")
        return True
