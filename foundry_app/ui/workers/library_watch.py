"""Notice files added, removed or renamed in the library by other programs (git checkout,
another editor), so the tree follows without a manual refresh.

Folders are watched, not files: a folder reports entries that come and go, which is
what the tree shows. Bursts (a checkout touches hundreds of files) are reported once.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from foundry_app.core.watch_folders import folders_to_watch

SETTLE_MS = 400


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

    def folders(self) -> list[str]:
        return self._watcher.directories()

    def _on_change(self, _folder: str) -> None:
        self._settle.start()  # restarts: one report after the burst

    def _report(self) -> None:
        if self.root is None:
            return
        self.rewatch()
        self.changed.emit()
