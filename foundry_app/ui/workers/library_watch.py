"""Notice files added, removed or renamed in the library by other programs (git checkout,
another editor), so the tree follows without a manual refresh.

Folders are watched, not files: a folder reports entries that come and go, which is
what the tree shows. Bursts (a checkout touches hundreds of files) are reported once.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from foundry_app.core.watch_folders import folders_to_watch

SETTLE_MS = 400


def visible_entries(folder: str) -> frozenset[str]:
    try:
        return frozenset(name for name in os.listdir(folder) if not name.startswith("."))
    except OSError:
        return frozenset()


class LibraryWatch(QObject):
    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.root: Path | None = None
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._on_change)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._report)
        self._listings: dict[str, frozenset[str]] = {}  # folder → its visible entries

    def watch(self, root: Path | None) -> None:
        """Watch every folder of the library at `root` (None: nothing)."""
        self._settle.stop()
        self.root = root
        self.rewatch()

    def rewatch(self) -> None:
        """Follow folders made or removed since the last look."""
        wanted = set(folders_to_watch(self.root)) if self.root is not None else set()
        current = set(self._watcher.directories())
        if current - wanted:
            self._watcher.removePaths(sorted(current - wanted))
        if wanted - current:
            self._watcher.addPaths(sorted(wanted - current))
        self._listings = {folder: visible_entries(folder) for folder in wanted}

    def folders(self) -> list[str]:
        return self._watcher.directories()

    def _on_change(self, folder: str) -> None:
        # an atomic save (ours or another editor's) passes through a hidden temp file:
        # only a change of what the tree can show is worth a rescan
        listing = visible_entries(folder)
        if self._listings.get(folder) == listing:
            return
        self._listings[folder] = listing
        self._settle.start()  # restarts: one report after the burst

    def _report(self) -> None:
        if self.root is None:
            return
        self.rewatch()
        self.changed.emit()
