"""The outline of the open file: H2/H3 headings as a tree, the template's missing sections
greyed in their place, the section on screen highlighted; a click jumps to the heading."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from foundry_app.core.outline import OutlineEntry, current_entry

_LINE_ROLE = Qt.ItemDataRole.UserRole


class OutlinePanel(QTreeWidget):
    headingActivated = Signal(int)  # 1-based line

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outline")
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self._entries: list[OutlineEntry] = []
        self._items: list[QTreeWidgetItem] = []
        self.itemActivated.connect(self._activate)
        self.itemClicked.connect(self._activate)

    def show_entries(self, entries: list[OutlineEntry]) -> None:
        if entries == self._entries:
            return  # typing inside a section leaves the tree (and its scroll) alone
        self._entries = list(entries)
        self._items = []
        with QSignalBlocker(self):
            self.clear()
            parent: QTreeWidgetItem | None = None
            muted = self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
            for entry in entries:
                label = f"{entry.text} (missing)" if entry.missing else entry.text
                item = QTreeWidgetItem([label])
                item.setData(0, _LINE_ROLE, entry.line)
                if entry.missing:
                    item.setForeground(0, muted)
                    item.setToolTip(0, "Required by the template, not in the file yet")
                if entry.level == 3 and parent is not None:
                    parent.addChild(item)
                else:
                    self.addTopLevelItem(item)
                    parent = item
                self._items.append(item)
            self.expandAll()

    def entries(self) -> list[OutlineEntry]:
        return list(self._entries)

    def highlight_line(self, line: int) -> None:
        """Select the heading whose section holds `line`, without jumping anywhere."""
        index = current_entry(self._entries, line)
        with QSignalBlocker(self):
            if index is None:
                self.clearSelection()
                self.setCurrentItem(None)
            else:
                self.setCurrentItem(self._items[index])
                self.scrollToItem(self._items[index])

    def current_text(self) -> str | None:
        item = self.currentItem()
        return item.text(0) if item is not None else None

    def _activate(self, item: QTreeWidgetItem) -> None:
        line = item.data(0, _LINE_ROLE)
        if line is not None:
            self.headingActivated.emit(int(line))
