"""Keeps the open file's unsaved text in the recovery folder every few seconds, and offers
what a crashed window left behind (the decisions are core.recovery's)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from foundry_app.core.recovery import RecoveryRecord, RecoveryStore
from foundry_app.ui import dialogs

RECOVERY_INTERVAL_MS = 2000


class RecoveryWriter(QObject):
    """`window` is a MainWindow: its `documents` and `library` are read on every tick."""

    def __init__(self, window, store: RecoveryStore | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.store = store or RecoveryStore()
        self._written: tuple[Path, str] | None = None  # what the folder holds for us
        self._timer = QTimer(self, interval=RECOVERY_INTERVAL_MS)
        self._timer.timeout.connect(self.write_now)
        self._timer.start()

    def write_now(self) -> None:
        """Record the open buffer if it has unsaved edits; drop the record once it has none."""
        documents = self.window.documents
        path = documents.path
        dirty = path is not None and documents.is_dirty()
        if self._written is not None and (not dirty or self._written[0] != path):
            self.store.remove(self._written[0])
            self._written = None
        if not dirty:
            return
        text = documents.text()
        if self._written == (path, text):
            return
        library = self.window.library.root if self.window.library is not None else None
        if self.store.write(library, path, text) is not None:
            self._written = (path, text)

    def finish(self) -> None:
        """A clean exit (the window closed after the unsaved-changes prompt)."""
        self._timer.stop()
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
        self.store.discard(record)
        return self._restore(record)

    def _restore(self, record: RecoveryRecord) -> bool:
        window = self.window
        library = window.library.root if window.library is not None else None
        if record.library is not None and record.library != library and record.library.is_dir():
            window.open_library(record.library)
        if not window.open_path(record.path):
            window.show_status(f"Could not reopen {record.path} to restore its text")
            return False
        window.editor.replace_all_text_undoably(record.text)  # unsaved, undoable
        window.documents.message.emit(
            f"Restored unsaved text of {record.path.name}: save to keep it"
        )
        return True
