"""Notice when another program changes the open file.

An atomic save (ours or another editor's) replaces the file, and the watcher silently
drops a path whose inode went away; so the path is added back after every event, and
the folder is watched too, to catch a file that is deleted and then recreated.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

_SETTLE_MS = 100  # editors write in bursts (truncate, write, rename): report once


class FileWatch(QObject):
    changed = Signal(Path)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path: Path | None = None
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_event)
        self._watcher.directoryChanged.connect(self._on_directory_event)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(_SETTLE_MS)
        self._settle.timeout.connect(self._report)

    @property
    def path(self) -> Path | None:
        return self._path

    def watch(self, path: Path | None) -> None:
        """Watch this one file (None: nothing)."""
        self._settle.stop()
        watched = self._watcher.files() + self._watcher.directories()
        if watched:
            self._watcher.removePaths(watched)
        self._path = path
        if path is not None:
            self._watcher.addPath(str(path.parent))
            self._rearm()

    def _rearm(self) -> None:
        path = self._path
        if path is not None and str(path) not in self._watcher.files() and path.exists():
            self._watcher.addPath(str(path))

    def _on_event(self, _path: str) -> None:
        self._rearm()
        self._settle.start()

    def _on_directory_event(self, _folder: str) -> None:
        # only interesting when our file came back or went away (an atomic replace, a delete)
        if self._path is None:
            return
        if not (str(self._path) in self._watcher.files() and self._path.exists()):
            self._rearm()
            self._settle.start()

    def _report(self) -> None:
        self._rearm()
        if self._path is not None:
            self.changed.emit(self._path)
