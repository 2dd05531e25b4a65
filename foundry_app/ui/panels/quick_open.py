"""Quick open (Ctrl+P): type part of a file name, Enter opens the best match.

The popup ranks the library's own file list (core.fuzzy); it never walks the disk.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from foundry_app.core.fuzzy import rank_paths
from foundry_app.core.wording import readable

MAX_RESULTS = 50
_PATH_ROLE = Qt.ItemDataRole.UserRole


class QuickOpen(QDialog):
    fileChosen = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quickOpen")
        self.setWindowTitle("Quick Open")
        self.setModal(False)
        self.query = QLineEdit(self, objectName="quickOpenQuery", placeholderText="File name")
        self.results = QListWidget(self, objectName="quickOpenResults")
        self.results.setUniformItemSizes(True)  # long lists stay cheap to lay out
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.query)
        layout.addWidget(self.results)
        self.resize(560, 360)
        self._root: Path | None = None
        self._relative: list[str] = []
        self.query.textChanged.connect(self.refresh)
        self.query.installEventFilter(self)
        self.results.itemActivated.connect(self._choose_item)

    def open_for(self, root: Path, files: list[Path]) -> None:
        """Show the popup over `files` (absolute paths inside `root`)."""
        self._root = root
        self._relative = [_relative(root, path) for path in files]
        self.query.clear()
        self.refresh()
        if self.parentWidget() is not None:
            center = self.parentWidget().geometry().center()
            self.move(center.x() - self.width() // 2, self.parentWidget().y() + 80)
        self.show()
        self.raise_()
        self.activateWindow()
        self.query.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def refresh(self) -> None:
        self.results.clear()
        for match in rank_paths(self.query.text(), self._relative, MAX_RESULTS):
            item = QListWidgetItem(readable(match.path))
            # a Path, not a str: a Qt string would drop a byte of a name that is not UTF-8
            item.setData(_PATH_ROLE, Path(match.path))
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)

    def result_paths(self) -> list[str]:
        return [self.results.item(row).text() for row in range(self.results.count())]

    def choose_current(self) -> bool:
        item = self.results.currentItem()
        if item is None:
            return False
        self._choose_item(item)
        return True

    def _choose_item(self, item: QListWidgetItem) -> None:
        if self._root is None:
            return
        self.hide()
        self.fileChosen.emit(self._root / item.data(_PATH_ROLE))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.query and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.choose_current()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                self.results.keyPressEvent(event)  # arrows move the selection, typing stays
                return True
        return super().eventFilter(watched, event)


def _relative(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
