"""The library as a tree (the shape comes from core.library_tree: kinds with their items,
then every other folder, then the top-level files), with rolled-up badges and a filter box
that narrows it as you type."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from foundry_app.core.library import Library
from foundry_app.core.library_tree import (
    FILE,
    KIND,
    RolledUp,
    Tally,
    TreeNode,
    build_tree,
    listed_files,
)
from foundry_app.core.wording import counted, readable
from foundry_app.ui.theme import Theme, current_theme, themes
from foundry_app.ui.workers.lint_results import LintResults

# the Path of a file, folder or item: as a str, a Qt string would drop a byte that is not UTF-8
PATH_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # "kind", "item", "folder" or "file"
NAME, BADGE = 0, 1
BADGE_PIECE = 300  # badge cells set per turn of the event loop: about 10 ms


class LibraryTreeModel(QStandardItemModel):
    """Adapts core.library_tree's nodes; a node is found by its row path, so one file's
    change repaints only the rows above it.

    No QStandardItem is kept in Python between calls: once Qt deletes an item (a rebuild,
    the window going away) a kept wrapper would stay mapped to the freed address, and a
    new object born there (a menu's QAction) would come back as that stale item.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(0, 2, parent)
        self._rows_of: dict[Path, tuple[int, ...]] = {}  # a non-kind node's path → row path
        self._node_rows: dict[int, tuple[int, ...]] = {}  # id(node) → its row path
        self._rolled = RolledUp([])
        self.tops: list[TreeNode] = []
        self.files: list[Path] = []  # the files shown, in library order (to spot a rescan change)
        # Qt makes every cell from this one: rows are added through the model, so no cell
        # gets a Python wrapper (10,000 files made 22,000, a tenth of what every full
        # garbage collection walked, and took three times as long to build)
        prototype = QStandardItem()
        prototype.setEditable(False)
        self.setItemPrototype(prototype)  # the model owns it from here
        themes().changed.connect(self.apply_theme)

    @staticmethod
    def _badge_look(theme: Theme) -> dict[int, object]:
        return {
            Qt.ItemDataRole.TextAlignmentRole: Qt.AlignmentFlag.AlignRight
            | Qt.AlignmentFlag.AlignVCenter,
            Qt.ItemDataRole.ForegroundRole: theme.color("badge"),
        }

    def apply_theme(self, theme: Theme) -> None:
        """Recolour the badges in `theme`."""
        color = theme.color("badge")
        for rows in self._node_rows.values():
            self.setData(self._index(rows, BADGE), color, Qt.ItemDataRole.ForegroundRole)

    def set_library(self, library: Library | None, extra_folders: Sequence[Path] = ()) -> None:
        for top in self.tops:  # no cycles left: the old nodes go by reference counting
            for node in top.walk():
                node.parent = None
        self._rows_of.clear()
        self._node_rows.clear()
        self.tops = build_tree(library, extra_folders) if library is not None else []
        self._rolled = RolledUp(self.tops)
        self.files = listed_files(library) if library is not None else []
        # One reset instead of a signal per row: the rows are filled in after they are
        # inserted, and a filter proxy would judge them while still empty.
        self.beginResetModel()
        blocked = self.blockSignals(True)
        try:
            self.removeRows(0, self.rowCount())  # not clear(): that drops the header's modes
            self._add_rows(QModelIndex(), self.tops, (), self._badge_look(current_theme()))
        finally:
            self.blockSignals(blocked)
            self.endResetModel()

    def _add_rows(
        self,
        parent: QModelIndex,
        nodes: Sequence[TreeNode],
        above: tuple[int, ...],
        badge_style: dict[int, object],
    ) -> None:
        # plain items and the default delegate: painting runs no Python, so a busy lint
        # thread holding the GIL cannot stall a repaint of the tree
        if not nodes:
            return
        if parent.isValid():
            self.insertColumns(0, 2, parent)
        self.insertRows(0, len(nodes), parent)
        for row, node in enumerate(nodes):
            rows = (*above, row)
            index = self.index(row, NAME, parent)
            self.setItemData(
                index,
                {
                    Qt.ItemDataRole.DisplayRole: readable(node.label),
                    Qt.ItemDataRole.ToolTipRole: readable(str(node.path)),
                    PATH_ROLE: node.path,
                    KIND_ROLE: node.role,
                },
            )
            self.setItemData(self.index(row, BADGE, parent), badge_style)
            if node.role != KIND:
                self._rows_of[node.path] = rows
            self._node_rows[id(node)] = rows
            self._add_rows(index, node.children, rows, badge_style)

    def _index(self, rows: tuple[int, ...], column: int = NAME) -> QModelIndex:
        index = QModelIndex()
        for row in rows[:-1]:
            index = self.index(row, NAME, index)
        return self.index(rows[-1], column, index)

    def update_badges(self, results: LintResults, paths: list[Path] | None = None) -> None:
        """Refresh the badges of `paths` (all when None, in one go) and of every folder
        above them."""
        if paths is None:
            for _piece in self.badge_pieces(results):
                pass
            return
        for path in paths:
            for node in self._rolled.set(path, results.tally(path)):
                rows = self._node_rows.get(id(node))
                if rows is not None:
                    cell = self.itemFromIndex(self._index(rows, BADGE))
                    _set_badge(cell, node, self._rolled.total(node))

    def badge_pieces(self, results: LintResults, piece: int = BADGE_PIECE) -> Iterator[None]:
        """Every badge from `results`, as pieces for one turn of the event loop each: the
        rolled-up counts are rebuilt aside and take over in one piece (a live result arriving
        meanwhile updates the old counts and its cells as usual, and wins over the new ones),
        then the cells show them `piece` rows at a time. Each piece reads the counts as they
        are then, so a cell never shows older counts than the model holds. Stop taking
        pieces once the tree is rebuilt (LibraryTree.generation changes)."""
        yield from self._rolled.reset_in_pieces(results.tallies())
        order = [node for top in self.tops for node in top.walk()]  # rows before their children
        for start in range(0, len(order), piece):
            yield
            self._show_totals(order[start : start + piece])

    def _show_totals(self, nodes: list[TreeNode]) -> None:
        """Set the badge cells of `nodes` (signals held back), then tell the view once per
        run of sibling rows, not once per cell (10,000 signals through the filter proxy
        took a second). No item outlives the call (see the class docstring)."""
        changed: dict[tuple[int, ...], list[int]] = {}  # parent's row path → rows changed
        blocked = self.blockSignals(True)
        try:
            for node in nodes:
                rows = self._node_rows.get(id(node))
                if rows is None:
                    continue
                cell = self.itemFromIndex(self._index(rows, BADGE))
                if _set_badge(cell, node, self._rolled.total(node)):
                    changed.setdefault(rows[:-1], []).append(rows[-1])
        finally:
            self.blockSignals(blocked)
        for parent_rows, rows in changed.items():
            parent = self._index(parent_rows) if parent_rows else QModelIndex()
            first, last = min(rows), max(rows)
            self.dataChanged.emit(self.index(first, BADGE, parent), self.index(last, BADGE, parent))

    def badge_for(self, path: Path) -> str:
        rows = self._rows_of.get(Path(path))
        return self._index(rows, BADGE).data() or "" if rows is not None else ""

    def index_for(self, path: Path) -> QModelIndex:
        rows = self._rows_of.get(Path(path))
        return self._index(rows) if rows is not None else QModelIndex()


_PLAIN = QFont()
_BOLD = QFont()
_BOLD.setBold(True)


def _set_badge(cell: QStandardItem, node: TreeNode, tally: Tally) -> bool:
    """Show `tally` in `cell`; False when it already did."""
    if node.role == FILE:  # a file's own tasks are in the checklist panel; its findings here
        tally = Tally(tally.errors, tally.warnings)
    text = tally.badge()
    if cell.text() == text:
        return False  # unchanged: spare the view a repaint
    cell.setText(text)
    cell.setFont(_BOLD if tally.errors else _PLAIN)  # errors stand out without a colour
    tip = f"{counted(tally.errors, 'error')}, {counted(tally.warnings, 'warning')}"
    if tally.total:
        tip += f" · {tally.done} of {tally.total} checklist items done"
    cell.setToolTip(tip)
    return True


class LibraryTree(QWidget):
    """Filter box above the tree view; emits fileActivated on click or Enter on a file."""

    fileActivated = Signal(Path)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.model = LibraryTreeModel(self)
        self.generation = 0  # bumped whenever the rows are rebuilt
        self.made_folders: list[Path] = []  # shown while empty, until the library changes
        self._root: Path | None = None
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
        clear_filter = QAction("Clear Filter", self.filter)
        clear_filter.setShortcut(Qt.Key.Key_Escape)
        clear_filter.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        clear_filter.triggered.connect(self.filter.clear)
        self.filter.addAction(clear_filter)

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
        """Show `library`; the same library shown again keeps its open folders."""
        same = library is not None and self._root == library.root
        opened = self._expanded_paths() if same else set()
        self._root = library.root if library is not None else None
        self.made_folders = [f for f in self.made_folders if f.is_dir()]
        self.generation += 1
        badge_width = self.view.header().sectionSize(BADGE)  # a model reset forgets it
        self.model.set_library(library, self.made_folders)
        self.view.header().resizeSection(BADGE, badge_width)
        if self.filter.text().strip():
            self.view.expandAll()  # the filter is still on: every match stays in sight
        elif same:
            self._expand_paths(opened)
        else:
            self.expand_kinds()

    def _expanded_paths(self, parent: QModelIndex | None = None) -> set[Path]:
        parent = QModelIndex() if parent is None else parent
        found: set[Path] = set()
        for row in range(self.proxy.rowCount(parent)):
            index = self.proxy.index(row, NAME, parent)
            if self.view.isExpanded(index):
                found.add(index.data(PATH_ROLE))
                found |= self._expanded_paths(index)
        return found

    def _expand_paths(self, paths: set[Path], parent: QModelIndex | None = None) -> None:
        parent = QModelIndex() if parent is None else parent
        for row in range(self.proxy.rowCount(parent)):
            index = self.proxy.index(row, NAME, parent)
            if index.data(PATH_ROLE) in paths:
                self.view.expand(index)
                self._expand_paths(paths, index)

    def is_stale(self, library: Library) -> bool:
        """The library's files differ from those shown (after a rescan)."""
        return listed_files(library) != self.model.files

    def current_target(self) -> tuple[str, Path] | None:
        """The role ("kind", "item", "folder" or "file") and path of the current row."""
        index = self.view.currentIndex().siblingAtColumn(NAME)
        if not index.isValid():
            return None
        return index.data(KIND_ROLE), index.data(PATH_ROLE)

    def expand_kinds(self) -> None:
        """Kinds open, so their items show; items and folders stay shut until asked."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, NAME)
            if index.data(KIND_ROLE) == KIND:
                self.view.expand(index)

    def update_badges(self, results: LintResults, paths: list[Path] | None = None) -> None:
        self.model.update_badges(results, paths)
        self._fit_badge_column()

    def badge_pieces(self, results: LintResults) -> Iterator[None]:
        """`update_badges(results)` as one piece per turn of the event loop (see the model's
        badge_pieces); valid while `generation` stays the same."""
        yield from self.model.badge_pieces(results)
        self._fit_badge_column()

    def _fit_badge_column(self) -> None:
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
        else:
            current = self.view.currentIndex()
            self.view.collapseAll()
            self.expand_kinds()
            if current.isValid():
                self.view.scrollTo(current)  # back to the file the author was on

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
            self.fileActivated.emit(index.data(PATH_ROLE))
