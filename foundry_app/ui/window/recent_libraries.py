"""File → Recent Libraries: the last ten libraries opened, kept in the window's settings.

A library that is no longer there is shown greyed; "Remove Missing" and "Clear List" tidy
the list. The list itself (order, repeats, limit) is core.recent's business.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from foundry_app.core import recent

KEY = "library/recent"


class RecentLibraries(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.menu = QMenu("Recent Libraries", window)  # no mnemonic: the plain title
        self.menu.setObjectName("recentLibrariesMenu")
        self.menu.aboutToShow.connect(self.rebuild)
        self.rebuild()

    def paths(self) -> list[str]:
        return recent.load(self.window.settings.value(KEY))

    def note_opened(self, root: Path) -> None:
        self._store(recent.remember(self.paths(), root))

    def open(self, path: str) -> bool:
        if not Path(path).is_dir():
            self.window.show_status(f"{path} is no longer there")
            self.rebuild()
            return False
        return self.window.open_library(Path(path))

    def remove_missing(self) -> None:
        self._store(recent.forget_missing(self.paths()))

    def clear(self) -> None:
        self._store([])

    def _store(self, paths: list[str]) -> None:
        self.window.settings.setValue(KEY, recent.dump(paths))
        self.rebuild()

    def _add_action(self, text: str, slot=None) -> QAction:
        # a QAction made here, not QMenu.addAction(text, slot): after menu.clear() that
        # overload can hand back a stale wrapper of a deleted object
        action = QAction(text, self.menu)
        if slot is not None:
            action.triggered.connect(slot)
        self.menu.addAction(action)
        return action

    def rebuild(self) -> None:
        """The menu from the stored list; run each time it opens, so it is never stale."""
        self.menu.clear()
        paths = self.paths()
        for number, path in enumerate(paths, start=1):
            prefix = f"&{number} " if number < 10 else "1&0 "
            action = QAction(prefix + path.replace("&", "&&"), self.menu)  # no mnemonics
            action.setData(path)
            missing = not Path(path).is_dir()
            action.setEnabled(not missing)
            if missing:
                action.setToolTip("This folder is no longer there")
            action.triggered.connect(lambda _checked=False, p=path: self.open(p))
            self.menu.addAction(action)
        if not paths:
            empty = self._add_action("No recent libraries")
            empty.setEnabled(False)
        self.menu.addSeparator()
        remove = self._add_action("Remove Missing", self.remove_missing)
        remove.setEnabled(any(not Path(p).is_dir() for p in paths))
        clear = self._add_action("Clear List", self.clear)
        clear.setEnabled(bool(paths))
