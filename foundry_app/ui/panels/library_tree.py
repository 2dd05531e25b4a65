"""The library as a tree: Library → kinds (Stacks) → items → Markdown files, with badges,
plus the library's other Markdown files; a filter box narrows it as you type."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from foundry_app.core.library import Item, Library
from foundry_app.ui.workers.lint_results import LintResults, badge_text

PATH_ROLE = Qt.ItemDataRole.UserRole + 1  # str path of a file or an item folder
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # "library", "kind", "item" or "file"
NAME, BADGE = 0, 1
_BADGE_COLOR = QColor("#6a737d")
_ERROR_COLOR = QColor("#c62828")


class LibraryTreeModel(QStandardItemModel):
    """Adapts a Library; badge cells are looked up by path so one file updates cheaply."""

    def __init__(self, parent=None) -> None:
        super().__init__(0, 2, parent)
        self._badges: dict[Path, QStandardItem] = {}  # file or item folder → its badge cell
        self._items: dict[Path, Item] = {}
        self._folder_of: dict[Path, Path] = {}  # file → the folder of the item holding it
        self.files: list[Path] = []  # the Markdown files shown, in library order

    def set_library(self, library: Library | None) -> None:
        self.removeRows(0, self.rowCount())  # not clear(): that drops the header's modes
        self._badges.clear()
        self._items.clear()
        self._folder_of.clear()
        self.files = library.markdown_files() if library is not None else []
        if library is None:
            return
        root = self._row(library.root.name, "library", library.root)
        for kind in library.template.kinds:
            items = [item for item in library.items if item.kind.key == kind.key]
            group = self._row(kind.title, "kind", library.root / kind.folder)
            for item in items:
                self._items[item.path] = item
                node = self._row(item.name, "item", item.path)
                for path in item.files:
                    self._folder_of[path] = item.path
                    node[0].appendRow(self._row(_label(path, item.path), "file", path))
                group[0].appendRow(node)
            root[0].appendRow(group)
        for path in library.other_files:
            root[0].appendRow(self._row(_label(path, library.root), "file", path))
        self.appendRow(root)

    def _row(self, text: str, kind: str, path: Path) -> list[QStandardItem]:
        # plain items and the default delegate: painting runs no Python, so a busy lint
        # thread holding the GIL cannot stall a repaint of the tree
        name = QStandardItem(text)
        name.setEditable(False)
        name.setData(str(path), PATH_ROLE)
        name.setData(kind, KIND_ROLE)
        name.setToolTip(str(path))
        badge = QStandardItem("")
        badge.setEditable(False)
        badge.setData(str(path), PATH_ROLE)
        badge.setData(kind, KIND_ROLE)
        badge.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        badge.setForeground(_BADGE_COLOR)
        if kind in ("file", "item"):
            self._badges[path] = badge
        return [name, badge]

    def update_badges(self, results: LintResults, paths: list[Path] | None = None) -> None:
        """Refresh the badges of `paths` (all when None) and of the items that hold them."""
        folders = set(self._items) if paths is None else set()  # Items are not hashable
        for path in self._badges if paths is None else paths:
            cell = self._badges.get(path)
            if cell is None or path in self._items:
                continue
            errors, warnings = results.counts_for([path])
            _set_badge(cell, badge_text(errors, warnings), errors, warnings, None)
            if path in self._folder_of:
                folders.add(self._folder_of[path])
        for folder in folders:
            item = self._items[folder]
            errors, warnings = results.item_counts(item)
            progress = results.item_progress(item)
            text = badge_text(errors, warnings, progress)
            _set_badge(self._badges[item.path], text, errors, warnings, progress)

    def badge_for(self, path: Path) -> str:
        cell = self._badges.get(path)
        return cell.text() if cell is not None else ""

    def index_for(self, path: Path) -> QModelIndex:
        cell = self._badges.get(path)
        return self.indexFromItem(cell).siblingAtColumn(NAME) if cell else QModelIndex()


def _set_badge(cell: QStandardItem, text: str, errors: int, warnings: int, progress) -> None:
    if cell.text() == text:
        return  # unchanged: spare the view a repaint
    cell.setText(text)
    cell.setForeground(_ERROR_COLOR if errors else _BADGE_COLOR)
    tip = f"{errors} error(s), {warnings} warning(s)"
    if progress is not None and progress.total:
        tip += f" · {progress.done} of {progress.total} checklist items done"
    cell.setToolTip(tip)


def _label(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.name


class LibraryTree(QWidget):
    """Filter box above the tree view; emits fileActivated on click or Enter on a file."""

    fileActivated = Signal(Path)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.model = LibraryTreeModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setRecursiveFilteringEnabled(True)  # keep the parents of a match
        self.proxy.setAutoAcceptChildRows(True)  # a matching stack shows all its files
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(NAME)
        # names never change, badges do: re-filtering on every badge update is wasted work
        self.proxy.setDynamicSortFilter(False)

        self.filter = QLineEdit(self)
        self.filter.setObjectName("treeFilter")
        self.filter.setPlaceholderText("Filter files…")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.filter.returnPressed.connect(self._open_first_match)

        self.view = QTreeView(self)
        self.view.setObjectName("stackTree")
        self.view.setModel(self.proxy)
        self.view.setUniformRowHeights(True)  # fast layout for large libraries
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setHeaderHidden(True)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        # sized once per update (ResizeToContents re-measures every row on each change)
        header.setSectionResizeMode(BADGE, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(BADGE, 0)
        self.view.clicked.connect(self._activate)
        self.view.activated.connect(self._activate)  # Enter, double-click

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.filter)
        layout.addWidget(self.view)
        self.setFocusProxy(self.view)

    def set_library(self, library: Library | None) -> None:
        self.model.set_library(library)
        root = self.proxy.index(0, NAME)
        self.view.expand(root)
        self.view.expand(self.proxy.index(0, NAME, root))  # the first kind: the stacks

    def update_badges(self, results: LintResults, paths: list[Path] | None = None) -> None:
        self.model.update_badges(results, paths)
        width = self.view.sizeHintForColumn(BADGE)
        if width != self.view.header().sectionSize(BADGE):
            self.view.header().resizeSection(BADGE, width)

    def select_path(self, path: Path) -> None:
        """Make `path` the current row (after an open from elsewhere or a cancelled switch)."""
        index = self.proxy.mapFromSource(self.model.index_for(path))
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)

    def _apply_filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        if text.strip():
            self.view.expandAll()  # show every match, not just its collapsed parent

    def _open_first_match(self) -> None:
        index = self._first_file(QModelIndex())
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.view.setFocus()
            self._activate(index)

    def _first_file(self, parent: QModelIndex) -> QModelIndex:
        for row in range(self.proxy.rowCount(parent)):
            index = self.proxy.index(row, NAME, parent)
            if index.data(KIND_ROLE) == "file":
                return index
            found = self._first_file(index)
            if found.isValid():
                return found
        return QModelIndex()

    def _activate(self, index: QModelIndex) -> None:
        index = index.siblingAtColumn(NAME)
        if index.data(KIND_ROLE) == "file":
            self.fileActivated.emit(Path(index.data(PATH_ROLE)))
