"""Inline find bar under the editor: incremental, case-insensitive unless asked, wraps."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

if TYPE_CHECKING:
    from foundry_app.ui.editor.editor import MarkdownEditor

# Enough to light up every realistic match without stalling on a one-letter query.
MAX_HIGHLIGHTS = 2000


class FindBar(QWidget):
    closed = Signal()

    def __init__(self, editor: MarkdownEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self._editor = editor
        self._matches: list[QTextCursor] = []
        self.query = QLineEdit(self, objectName="findQuery", placeholderText="Find")
        self.query.setClearButtonEnabled(True)
        self.match_case = QCheckBox("Match case", self, objectName="findMatchCase")
        self.status = QLabel(self, objectName="findStatus")
        previous = QToolButton(self, text="↑", toolTip="Previous match (Shift+F3)")
        following = QToolButton(self, text="↓", toolTip="Next match (Enter, F3)")
        close = QToolButton(self, text="✕", toolTip="Close (Esc)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        for widget in (self.query, previous, following, self.match_case, self.status, close):
            layout.addWidget(widget)
        layout.setStretch(0, 1)
        self.query.textChanged.connect(self._search_from_selection_start)
        self.match_case.toggled.connect(self._search_from_selection_start)
        self.query.installEventFilter(self)
        previous.clicked.connect(self.find_previous)
        following.clicked.connect(self.find_next)
        close.clicked.connect(self.close_bar)
        # Matches move with edits; re-collect them once typing pauses.
        editor.lintRequested.connect(self._refresh_if_open)
        self.hide()

    def open_bar(self) -> None:
        """Show and focus; a one-line selection in the editor becomes the query."""
        selected = self._editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.query.setText(selected)
        self.show()
        self.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query.selectAll()
        self._highlight_all()

    def close_bar(self) -> None:
        self.hide()
        self._matches = []
        self._editor.set_search_matches([])
        self._editor.setFocus(Qt.FocusReason.OtherFocusReason)
        self.closed.emit()

    def find_next(self) -> bool:
        return self._find(self._editor.textCursor(), backward=False)

    def find_previous(self) -> bool:
        return self._find(self._editor.textCursor(), backward=True)

    def match_count(self) -> int:
        return len(self._matches)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.query and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                self.find_previous() if shift else self.find_next()
                return True
            if key == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)

    def _flags(self, *, backward: bool = False) -> QTextDocument.FindFlag:
        flags = QTextDocument.FindFlag(0)
        if self.match_case.isChecked():
            flags |= QTextDocument.FindFlag.FindCaseSensitively
        if backward:
            flags |= QTextDocument.FindFlag.FindBackward
        return flags

    def _find(self, start: QTextCursor, *, backward: bool) -> bool:
        text = self.query.text()
        if not text:
            return False
        document = self._editor.document()
        flags = self._flags(backward=backward)
        found = document.find(text, start, flags)
        if found.isNull():  # wrap around
            edge = QTextCursor(document)
            if backward:
                edge.movePosition(QTextCursor.MoveOperation.End)
            found = document.find(text, edge, flags)
        if found.isNull():
            self._show_status()
            return False
        self._editor.setTextCursor(found)
        self._editor.centerCursor()
        self._show_status()
        return True

    def _search_from_selection_start(self) -> None:
        """Typing keeps the current match if it still matches, else moves to the next one."""
        self._highlight_all()
        start = QTextCursor(self._editor.document())
        start.setPosition(self._editor.textCursor().selectionStart())
        self._find(start, backward=False)

    def _refresh_if_open(self) -> None:
        if self.isVisible():
            self._highlight_all()

    def _highlight_all(self) -> None:
        text = self.query.text()
        document = self._editor.document()
        self._matches = []
        flags = self._flags()
        cursor = document.find(text, 0, flags) if text else QTextCursor()
        while not cursor.isNull() and len(self._matches) < MAX_HIGHLIGHTS:
            self._matches.append(cursor)
            cursor = document.find(text, cursor, flags)
        self._editor.set_search_matches(self._matches)
        self._show_status()

    def _show_status(self) -> None:
        if not self.query.text():
            self.status.clear()
            return
        if not self._matches:
            self.status.setText("No results")
            return
        here = self._editor.textCursor().selectionStart()
        index = next((i for i, m in enumerate(self._matches) if m.selectionStart() == here), None)
        total = len(self._matches)
        self.status.setText(f"{index + 1} of {total}" if index is not None else f"{total} found")
