"""Every diagnostic of the library in a sortable table; activating a row jumps to it."""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from foundry_app.core.diagnostics import Diagnostic, Severity
from foundry_app.core.wording import readable

COLUMNS = ("Severity", "File", "Line", "Rule", "Message")
SEVERITY, FILE, LINE, RULE, MESSAGE = range(5)
_SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1}
_Index = QModelIndex | QPersistentModelIndex


class ProblemsModel(QAbstractTableModel):
    """Sorts and filters in Python itself: a proxy would call data() per comparison, which
    is far too slow for thousands of rows refreshed while typing."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._groups: dict[Path, list[Diagnostic]] = {}  # path → its diagnostics, in order
        self._rows: list[Diagnostic] = []
        self._root: Path | None = None  # file names are shown relative to it
        self._shown: dict[Path, str] = {}  # each file's name as shown, relative to the root
        self._scope: Path | None = None  # only diagnostics under this folder or file
        self._sort_column, self._sort_order = FILE, Qt.SortOrder.AscendingOrder
        self._icons: dict[Severity, object] = {}

    def set_root(self, root: Path | None) -> None:
        self._root = root
        self._shown = {}

    def set_diagnostics(self, diagnostics: list[Diagnostic]) -> None:
        groups: dict[Path, list[Diagnostic]] = {}
        for diagnostic in sorted(diagnostics, key=Diagnostic.sort_key):
            groups.setdefault(Path(diagnostic.path), []).append(diagnostic)
        self.set_groups(groups)

    def set_groups(self, groups: dict[Path, list[Diagnostic]]) -> None:
        """Every path's diagnostics, each list in location order (Diagnostic.sort_key):
        sorted by file, the rows are the lists one after the other, so 20,000 problems are
        shown without sorting them (the sort took the window 0.15 s after every lint).
        The same problems again leave the table as it is: a reset would drop the row the
        author selected, on every lint while they type."""
        if _same_groups(groups, self._groups):
            return
        self._groups = dict(groups)
        self._refresh()

    def set_scope(self, scope: Path | None) -> None:
        if scope != self._scope:
            self._scope = scope
            self._refresh()

    def diagnostic(self, row: int) -> Diagnostic:
        return self._rows[row]

    def _refresh(self) -> None:
        self.beginResetModel()
        paths = list(self._groups)
        if self._scope is not None:
            parts = self._scope.parts
            paths = [path for path in paths if path.parts[: len(parts)] == parts]
        if self._sort_column == FILE:  # location order: the paths sorted, each list as it is
            paths.sort(key=str)
            self._rows = [d for path in paths for d in self._groups[path]]
        else:
            rows = [d for path in paths for d in self._groups[path]]
            self._rows = sorted(rows, key=self._sort_key(self._sort_column))
        if self._sort_order == Qt.SortOrder.DescendingOrder:
            self._rows.reverse()
        self.endResetModel()

    def _sort_key(self, column: int):
        location = Diagnostic.sort_key
        if column == SEVERITY:
            return lambda d: (_SEVERITY_RANK.get(d.severity, 9), location(d))
        if column == LINE:
            return lambda d: (d.line, d.column, location(d))
        if column == RULE:
            return lambda d: (d.rule, location(d))
        if column == MESSAGE:
            return lambda d: (d.message.lower(), location(d))
        return location

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column, self._sort_order = column, order
        self._refresh()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        diagnostic = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(diagnostic, column)
        if role == Qt.ItemDataRole.DecorationRole and column == SEVERITY:
            return self._icon(diagnostic.severity)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{diagnostic.rule} {diagnostic.name}: {diagnostic.message}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == LINE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, diagnostic: Diagnostic, column: int) -> str:
        if column == SEVERITY:
            return str(diagnostic.severity).capitalize()
        if column == FILE:
            return self._relative(diagnostic.path)
        if column == LINE:
            return str(diagnostic.line)
        if column == RULE:
            return f"{diagnostic.rule} {diagnostic.name}"
        return diagnostic.message

    def _relative(self, path: Path) -> str:
        shown = self._shown.get(path)
        if shown is None:  # once per file: a repaint asks for every row on screen
            shown = str(path)
            if self._root is not None:
                with suppress(ValueError):
                    shown = Path(path).relative_to(self._root).as_posix()
            shown = self._shown[path] = readable(shown)
        return shown

    def _icon(self, severity: Severity):
        if severity not in self._icons:
            pixmap = (
                QStyle.StandardPixmap.SP_MessageBoxCritical
                if severity == Severity.ERROR
                else QStyle.StandardPixmap.SP_MessageBoxWarning
            )
            self._icons[severity] = QApplication.style().standardIcon(pixmap)
        return self._icons[severity]


class ProblemsPanel(QWidget):
    """The table (objectName "problems") with a "current stack only" toggle above it."""

    problemActivated = Signal(object)  # Diagnostic
    explainRequested = Signal(str)  # a rule id: show its reference

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.model = ProblemsModel(self)
        self._stack: Path | None = None

        self.scope_toggle = QCheckBox("Current stack only", self)
        self.scope_toggle.setObjectName("problemsScope")
        self.scope_toggle.toggled.connect(self._apply_scope)
        self.summary = QLabel(self)
        self.summary.setObjectName("problemsSummary")

        self.table = QTableView(self)
        self.table.setObjectName("problems")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(FILE, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        header = self.table.horizontalHeader()
        for column, width in ((SEVERITY, 90), (FILE, 240), (LINE, 50), (RULE, 190)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(MESSAGE, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._activate)  # Enter and double-click
        # right-click, or the Menu key / Shift+F10 on the current row
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._show_context_menu)

        top = QHBoxLayout()
        top.setContentsMargins(4, 2, 4, 0)
        top.addWidget(self.scope_toggle)
        top.addStretch(1)
        top.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.table)
        self.setFocusProxy(self.table)

    def set_root(self, root: Path | None) -> None:
        self.model.set_root(root)

    def set_diagnostics(self, diagnostics: list[Diagnostic]) -> None:
        self.model.set_diagnostics(diagnostics)
        self._update_summary()

    def set_groups(self, groups: dict[Path, list[Diagnostic]]) -> None:
        """Each path's diagnostics, in location order (see ProblemsModel.set_groups)."""
        self.model.set_groups(groups)
        self._update_summary()

    def set_current_stack(self, folder: Path | None) -> None:
        self._stack = folder
        self._apply_scope()

    def _apply_scope(self, *_args) -> None:
        scoped = self.scope_toggle.isChecked() and self._stack is not None
        self.model.set_scope(self._stack if scoped else None)
        self._update_summary()

    def _update_summary(self) -> None:
        rows = self.model.rowCount()
        self.summary.setText(f"{rows} problem{'s' if rows != 1 else ''} shown")

    def context_menu(self, row: int) -> QMenu:
        """Go to the problem, or explain the rule that found it."""
        diagnostic = self.model.diagnostic(row)
        menu = QMenu(self.table)
        menu.setObjectName("problemsContextMenu")
        go = menu.addAction("Go to Problem")
        go.triggered.connect(lambda: self.problemActivated.emit(diagnostic))
        explain = menu.addAction(f"Explain this rule ({diagnostic.rule} {diagnostic.name})")
        explain.setObjectName("explainRuleAction")
        explain.triggered.connect(lambda: self.explainRequested.emit(diagnostic.rule))
        return menu

    def _show_context_menu(self, point: QPoint) -> None:
        index = self.table.indexAt(point)
        if not index.isValid():
            index = self.table.currentIndex()  # the keyboard asked: the row it is on
            if not index.isValid():
                return
            point = self.table.visualRect(index).center()
        self.table.selectRow(index.row())
        self.context_menu(index.row()).exec(self.table.viewport().mapToGlobal(point))

    def _activate(self, index: QModelIndex) -> None:
        if index.isValid():
            self.problemActivated.emit(self.model.diagnostic(index.row()))


def _same_groups(new: dict[Path, list[Diagnostic]], old: dict[Path, list[Diagnostic]]) -> bool:
    """The same paths with the same problems: most lists are the very ones shown already
    (a live result replaces only the open file's), so most are compared by identity."""
    if new.keys() != old.keys():
        return False
    return all(found is old[path] or found == old[path] for path, found in new.items())
