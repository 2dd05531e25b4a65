"""Search the library (Ctrl+Shift+F): results grouped by file, the match highlighted in
its line; Enter or a click jumps there. Replace All previews, then writes through core
and can be undone file by file.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QModelIndex, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QPalette, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from foundry_app.core.library_search import FileMatches
from foundry_app.core.text_search import LineMatch, Query
from foundry_app.core.wording import readable

SEARCH_DELAY_MS = 250
MAX_SHOWN_MATCHES = 5000  # beyond this the list says so instead of growing further
_PATH_ROLE = Qt.ItemDataRole.UserRole  # a Path: a Qt string drops a byte that is not UTF-8
_LINE_ROLE = Qt.ItemDataRole.UserRole + 1
_COLUMN_ROLE = Qt.ItemDataRole.UserRole + 2
_HTML_ROLE = Qt.ItemDataRole.UserRole + 3


class _HtmlDelegate(QStyledItemDelegate):
    """Paints a row's HTML (the match highlighted); rows without HTML paint as usual."""

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        html = index.data(_HTML_ROLE)
        if not html:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else QApplication.style()
        option.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        document = _document(html, option)
        painter.save()
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, option.widget)
        painter.translate(rect.topLeft())
        document.drawContents(painter, QRectF(0, 0, rect.width(), rect.height()))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), max(size.height(), option.fontMetrics.height() + 4))


def _document(html: str, option: QStyleOptionViewItem) -> QTextDocument:
    document = QTextDocument()
    document.setDefaultFont(option.font)
    document.setDocumentMargin(1)
    document.setHtml(html)
    return document


def match_html(match: LineMatch, palette: QPalette) -> str:
    """The line with its match marked in the palette's highlight colours."""
    text = match.line_text
    lead = len(text) - len(text.lstrip())
    start, end = max(match.start, lead), max(match.end, lead)
    background = palette.color(QPalette.ColorRole.Highlight).name()
    foreground = palette.color(QPalette.ColorRole.HighlightedText).name()
    before = escape(text[lead:start][-80:])  # a long line is shown around its match
    hit = escape(text[start:end][:200])
    after = escape(text[end:][:200])
    return (
        f"<span>{match.line}: </span>{before}"
        f'<span style="background-color:{background}; color:{foreground}">{hit}</span>{after}'
    )


class SearchPanel(QWidget):
    locationActivated = Signal(Path, int, int)  # file, 1-based line, 1-based column
    searchRequested = Signal(object)  # a Query: the window starts the worker
    replaceAllRequested = Signal(object, str)  # Query, replacement
    undoFileRequested = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchPanel")
        self.query = QLineEdit(self, objectName="searchQuery", placeholderText="Search the library")
        self.query.setClearButtonEnabled(True)
        self.match_case = QCheckBox("Match case", self, objectName="searchMatchCase")
        self.whole_word = QCheckBox("Whole word", self, objectName="searchWholeWord")
        self.use_regex = QCheckBox("Regex", self, objectName="searchRegex")
        self.replacement = QLineEdit(self, objectName="searchReplace", placeholderText="Replace")
        self.replace_all_button = QPushButton("Replace All…", self, objectName="searchReplaceAll")
        self.undo_file_button = QPushButton("Undo in File", self, objectName="searchUndoFile")
        self.undo_file_button.setToolTip("Undo the last Replace All in the selected file")
        self.undo_file_button.setEnabled(False)
        self.status = QLabel(self, objectName="searchStatus")
        self.results = QTreeWidget(self, objectName="searchResults")
        self.results.setHeaderHidden(True)
        self.results.setUniformRowHeights(True)
        self.results.setItemDelegate(_HtmlDelegate(self.results))
        layout = QGridLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.query, 0, 0, 1, 3)
        layout.addWidget(self.match_case, 1, 0)
        layout.addWidget(self.whole_word, 1, 1)
        layout.addWidget(self.use_regex, 1, 2)
        layout.addWidget(self.replacement, 2, 0, 1, 3)
        layout.addWidget(self.replace_all_button, 3, 0, 1, 2)
        layout.addWidget(self.undo_file_button, 3, 2)
        layout.addWidget(self.status, 4, 0, 1, 3)
        layout.addWidget(self.results, 5, 0, 1, 3)
        layout.setRowStretch(5, 1)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search_now)
        self._file_items: dict[Path, QTreeWidgetItem] = {}
        self._shown = 0
        self._root: Path | None = None
        self._undoable: set[Path] = set()
        self.query.textChanged.connect(self._timer.start)
        self.query.returnPressed.connect(self.search_now)
        for option in (self.match_case, self.whole_word, self.use_regex):
            option.toggled.connect(self.search_now)
        self.results.itemActivated.connect(self._activate)
        self.results.itemClicked.connect(self._activate)
        self.results.currentItemChanged.connect(lambda *_: self._update_undo_button())
        self.replace_all_button.clicked.connect(self._request_replace_all)
        self.undo_file_button.clicked.connect(self._request_undo_file)

    # --- what the window calls --------------------------------------------------------

    def set_root(self, root: Path | None) -> None:
        self._root = root
        self.clear_results()
        self._undoable.clear()

    def current_query(self) -> Query:
        return Query(
            self.query.text(),
            case_sensitive=self.match_case.isChecked(),
            whole_word=self.whole_word.isChecked(),
            regex=self.use_regex.isChecked(),
        )

    def search_now(self) -> None:
        self._timer.stop()
        self.searchRequested.emit(self.current_query())

    def clear_results(self, status: str = "") -> None:
        self.results.clear()
        self._file_items.clear()
        self._shown = 0
        self.status.setText(status)

    def add_results(self, batch: list[FileMatches]) -> None:
        palette = self.results.palette()
        for file_matches in batch:
            if self._shown >= MAX_SHOWN_MATCHES:
                break
            item = QTreeWidgetItem([self._label(file_matches)])
            item.setData(0, _PATH_ROLE, Path(file_matches.path))
            for match in file_matches.matches[: MAX_SHOWN_MATCHES - self._shown]:
                child = QTreeWidgetItem(item, [f"{match.line}: {match.line_text.strip()}"])
                child.setData(0, _PATH_ROLE, Path(file_matches.path))
                child.setData(0, _LINE_ROLE, match.line)
                child.setData(0, _COLUMN_ROLE, match.start + 1)
                child.setData(0, _HTML_ROLE, match_html(match, palette))
                self._shown += 1
            self.results.addTopLevelItem(item)
            item.setExpanded(True)
            self._file_items[file_matches.path] = item
        if self.results.currentItem() is None and self.results.topLevelItemCount():
            first = self.results.topLevelItem(0)
            self.results.setCurrentItem(first.child(0) or first)

    def finish(self, files_searched: int) -> None:
        matches = self._shown
        files = len(self._file_items)
        more = " (list cut short)" if matches >= MAX_SHOWN_MATCHES else ""
        self.status.setText(f"{matches} matches in {files} files of {files_searched}{more}")

    def show_replaced(self, rows: list[tuple[Path, str]]) -> None:
        """After Replace All: one row per changed file, to open it or undo it."""
        self.clear_results()
        for path, note in rows:
            item = QTreeWidgetItem([f"{self._relative(path)} — {note}"])
            item.setData(0, _PATH_ROLE, Path(path))
            self.results.addTopLevelItem(item)
            self._file_items[path] = item
        if self.results.topLevelItemCount():
            self.results.setCurrentItem(self.results.topLevelItem(0))

    def set_undoable(self, paths: set[Path]) -> None:
        self._undoable = set(paths)
        self._update_undo_button()

    def file_results(self) -> dict[Path, list[int]]:
        """File → lines of its shown matches, in list order (for tests and the status)."""
        found = {}
        for path, item in self._file_items.items():
            found[path] = [item.child(i).data(0, _LINE_ROLE) for i in range(item.childCount())]
        return found

    # --- internals ----------------------------------------------------------------------

    def _relative(self, path: Path) -> str:
        if self._root is not None:
            try:
                return readable(path.relative_to(self._root).as_posix())
            except ValueError:
                pass
        return readable(path.as_posix())

    def _label(self, file_matches: FileMatches) -> str:
        name = self._relative(file_matches.path)
        count = len(file_matches.matches)
        return f"{name} ({count}{'+' if file_matches.truncated else ''})"

    def _activate(self, item: QTreeWidgetItem) -> None:
        line = item.data(0, _LINE_ROLE)
        path = item.data(0, _PATH_ROLE)
        if path is None:
            return
        if line is None:  # a file row: its first match
            first = item.child(0)
            line, column = (
                (first.data(0, _LINE_ROLE), first.data(0, _COLUMN_ROLE)) if first else (1, 1)
            )
        else:
            column = item.data(0, _COLUMN_ROLE)
        self.locationActivated.emit(path, int(line), int(column))

    def _selected_path(self) -> Path | None:
        item = self.results.currentItem()
        path = item.data(0, _PATH_ROLE) if item is not None else None
        return path

    def _update_undo_button(self) -> None:
        self.undo_file_button.setEnabled(self._selected_path() in self._undoable)

    def _request_replace_all(self) -> None:
        self.replaceAllRequested.emit(self.current_query(), self.replacement.text())

    def _request_undo_file(self) -> None:
        path = self._selected_path()
        if path is not None:
            self.undoFileRequested.emit(path)
