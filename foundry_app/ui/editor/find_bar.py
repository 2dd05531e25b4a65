"""Find and replace bar under the editor: incremental, wraps, regex with groups.

Matching is core.text_search over the editor's text (the same engine as the library
search), so "whole word" and "$1" mean the same thing in both places.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QWidget,
)

from foundry_app.core.text_search import (
    Query,
    QueryError,
    compile_query,
    find_spans,
    match_at,
    replace_all,
    replacement_text,
)
from foundry_app.ui.editor.text_positions import utf16_offsets

if TYPE_CHECKING:
    from foundry_app.core.text_search import Match, Pattern
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
        self._spans: list[tuple[int, int]] = []  # Qt positions of every match, ascending
        self._error: str | None = None  # why the query cannot be used (a bad regex)
        self._capped = False  # more matches than are highlighted: the count says "2000+"
        self.query = QLineEdit(self, objectName="findQuery", placeholderText="Find")
        self.query.setClearButtonEnabled(True)
        self.replacement = QLineEdit(
            self, objectName="replaceQuery", placeholderText="Replace (regex: $1 or \\1 for groups)"
        )
        self.match_case = QCheckBox("Match case", self, objectName="findMatchCase")
        self.whole_word = QCheckBox("Whole word", self, objectName="findWholeWord")
        self.use_regex = QCheckBox("Regex", self, objectName="findRegex")
        self.status = QLabel(self, objectName="findStatus")
        previous = QToolButton(self, text="↑", toolTip="Previous match (Shift+F3)")
        following = QToolButton(self, text="↓", toolTip="Next match (Enter, F3)")
        close = QToolButton(self, text="✕", toolTip="Close (Esc)")
        self.replace_button = QPushButton("Replace", self, objectName="replaceButton")
        self.replace_all_button = QPushButton("Replace All", self, objectName="replaceAllButton")
        layout = QGridLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setVerticalSpacing(2)
        first_row = (self.query, previous, following, self.match_case, self.whole_word)
        for column, widget in enumerate((*first_row, self.use_regex, self.status, close)):
            layout.addWidget(widget, 0, column)
        layout.addWidget(self.replacement, 1, 0)
        layout.addWidget(self.replace_button, 1, 1, 1, 3)
        layout.addWidget(self.replace_all_button, 1, 4, 1, 2)
        layout.setColumnStretch(0, 1)
        self._replace_row = (self.replacement, self.replace_button, self.replace_all_button)
        self.query.textChanged.connect(self._search_from_selection_start)
        for option in (self.match_case, self.whole_word, self.use_regex):
            option.toggled.connect(self._search_from_selection_start)
        for field in (self.query, self.replacement):
            field.installEventFilter(self)
        previous.clicked.connect(self.find_previous)
        following.clicked.connect(self.find_next)
        close.clicked.connect(self.close_bar)
        self.replace_button.clicked.connect(self.replace_current)
        self.replace_all_button.clicked.connect(self.replace_all)
        # Matches move with edits; re-collect them once typing pauses.
        editor.lintRequested.connect(self._refresh_if_open)
        self.hide()

    def open_bar(self, *, replace: bool = False) -> None:
        """Show and focus; a one-line selection in the editor becomes the query."""
        selected = self._editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.query.setText(selected)
        for widget in self._replace_row:
            widget.setVisible(replace)
        self.show()
        field = self.replacement if replace and self.query.text() else self.query
        field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        field.selectAll()
        self._highlight_all()

    def replace_visible(self) -> bool:
        return self.replacement.isVisible()

    def close_bar(self) -> None:
        self.hide()
        self._matches = []
        self._spans = []
        self._editor.set_search_matches([])
        self._editor.setFocus(Qt.FocusReason.OtherFocusReason)
        self.closed.emit()

    def find_next(self) -> bool:
        cursor = self._editor.textCursor()
        return self._select_match(self._index_after(cursor.selectionEnd(), cursor))

    def find_previous(self) -> bool:
        start = self._editor.textCursor().selectionStart()
        index = bisect.bisect_left(self._starts(), start) - 1
        return self._select_match(index if index >= 0 else len(self._spans) - 1)

    def match_count(self) -> int:
        return len(self._matches)

    # --- replacing --------------------------------------------------------------------

    def replace_current(self) -> bool:
        """Replace the selected match and move on; with no match selected, just find one."""
        pattern = self._pattern()
        if pattern is None or self._editor.isReadOnly():
            self._show_status()
            return False
        cursor = self._editor.textCursor()
        try:
            match = self._match_at_selection(pattern, cursor)
        except QueryError as error:
            self.status.setText(str(error))
            return False
        if match is None:
            return self.find_next()
        try:
            new_text = replacement_text(match, self.replacement.text(), regex=self._regex())
        except QueryError as error:
            self.status.setText(str(error))
            return False
        cursor.insertText(new_text)  # one undo step of its own
        self._editor.setTextCursor(cursor)
        self._highlight_all()
        self.find_next()
        return True

    def replace_all(self) -> int:
        """Replace every match as ONE undo step; returns how many were replaced."""
        pattern = self._pattern()
        if pattern is None or self._editor.isReadOnly():
            self._show_status()
            return 0
        try:
            new_text, count = replace_all(
                self._editor.text(), pattern, self.replacement.text(), regex=self._regex()
            )
        except QueryError as error:
            self.status.setText(str(error))
            return 0
        if count:
            self._editor.replace_all_text_undoably(new_text)
        self._highlight_all()
        self.status.setText(f"Replaced {count}" if count else "No results")
        return count

    # --- internals --------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched in (self.query, self.replacement) and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                if watched is self.replacement:
                    self.replace_current()
                else:
                    self.find_previous() if shift else self.find_next()
                return True
            if key == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)

    def _match_at_selection(self, pattern: Pattern, cursor: QTextCursor) -> Match | None:
        """The match the selection covers exactly, matched in place so anchors and
        whole-word checks see the text around it."""
        if (cursor.selectionStart(), cursor.selectionEnd()) not in self._spans:
            return None
        text = self._editor.text()
        offsets = utf16_offsets(text)
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        if offsets is not None:
            start, end = bisect.bisect_left(offsets, start), bisect.bisect_left(offsets, end)
        match = match_at(text, pattern, start)
        return match if match is not None and match.end() == end else None

    def _regex(self) -> bool:
        return self.use_regex.isChecked()

    def _pattern(self) -> Pattern | None:
        query = Query(
            self.query.text(),
            case_sensitive=self.match_case.isChecked(),
            whole_word=self.whole_word.isChecked(),
            regex=self._regex(),
        )
        try:
            pattern = compile_query(query)
        except QueryError as error:
            self._error = str(error)
            return None
        self._error = None
        return pattern

    def _starts(self) -> list[int]:
        return [start for start, _ in self._spans]

    def _index_after(self, position: int, cursor: QTextCursor) -> int:
        """First match starting at or after `position` (a selected match counts as passed)."""
        starts = self._starts()
        index = bisect.bisect_left(starts, position)
        if (
            cursor.hasSelection()
            and index < len(starts)
            and self._spans[index] == (cursor.selectionStart(), cursor.selectionEnd())
        ):
            index += 1
        return index if index < len(starts) else 0

    def _select_match(self, index: int) -> bool:
        if not self._spans:
            self._show_status()
            return False
        start, end = self._spans[index % len(self._spans)]
        cursor = QTextCursor(self._editor.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self._editor.setTextCursor(cursor)
        self._editor.centerCursor()
        self._show_status()
        return True

    def _search_from_selection_start(self) -> None:
        """Typing keeps the current match if it still matches, else moves to the next one."""
        self._highlight_all()
        here = self._editor.textCursor().selectionStart()
        index = bisect.bisect_left(self._starts(), here)
        if self._spans:
            self._select_match(index if index < len(self._spans) else 0)

    def _refresh_if_open(self) -> None:
        if self.isVisible():
            self._highlight_all()

    def _highlight_all(self) -> None:
        self._matches = []
        self._spans = []
        self._capped = False
        pattern = self._pattern()
        if pattern is not None:
            text = self._editor.text()
            offsets = utf16_offsets(text)
            try:
                spans = find_spans(text, pattern, MAX_HIGHLIGHTS + 1)  # one more: "2000+"
            except QueryError as error:
                self._error, spans = str(error), []
            self._capped = len(spans) > MAX_HIGHLIGHTS
            for start, end in spans[:MAX_HIGHLIGHTS]:
                if offsets is not None:
                    start, end = offsets[start], offsets[end]
                self._spans.append((start, end))
        document = self._editor.document()
        for start, end in self._spans:
            cursor = QTextCursor(document)
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            self._matches.append(cursor)
        self._editor.set_search_matches(self._matches)
        self._show_status()

    def _show_status(self) -> None:
        if not self.query.text():
            self.status.clear()
            return
        if self._error:
            self.status.setText(self._error)
            return
        if not self._matches:
            self.status.setText("No results")
            return
        here = self._editor.textCursor().selectionStart()
        index = next((i for i, (start, _) in enumerate(self._spans) if start == here), None)
        total = f"{MAX_HIGHLIGHTS}+" if self._capped else str(len(self._matches))
        self.status.setText(f"{index + 1} of {total}" if index is not None else f"{total} found")
