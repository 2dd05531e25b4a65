"""Editing help in the editor: lists continue on Enter, Tab indents items and walks table
cells, Ctrl+B / Ctrl+I / Ctrl+K wrap the selection, Ctrl+/ comments, Ctrl+Alt+T formats a
table. core.editing decides every edit; this applies each one as ONE undo step.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from foundry_app.core import editing
from foundry_app.core.editing import LineEdit, TextEdit
from foundry_app.ui.editor.text_positions import changed_region, document_position, utf16_length


class EditingHelp(QObject):
    """Installed on a MarkdownEditor; its `actions` go into the Edit menu."""

    def __init__(self, editor: QPlainTextEdit) -> None:
        super().__init__(editor)
        self.editor = editor
        self.actions: list[QAction] = []
        self.bold_action = self._action("Bold", "Ctrl+B", lambda: self.wrap("**"))
        self.italic_action = self._action("Italic", "Ctrl+I", lambda: self.wrap("*"))
        self.link_action = self._action("Link", "Ctrl+K", self.link)
        self.comment_action = self._action("Toggle Comment", "Ctrl+/", self.toggle_comment)
        self.format_table_action = self._action("Format Table", "Ctrl+Alt+T", self.format_table)
        self.insert_row_action = self._action("Insert Table Row", None, self.insert_table_row)
        editor.installEventFilter(self)

    def _action(self, text: str, shortcut: str | None, slot) -> QAction:
        action = QAction(text, self.editor)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        # only while the editor has focus, so the tree and the find bar keep their keys
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        self.editor.addAction(action)
        self.actions.append(action)
        return action

    # --- keys -----------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.editor
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and not self.editor.isReadOnly()
        ):
            key, modifiers = event.key(), event.modifiers()
            plain = modifiers & ~Qt.KeyboardModifier.KeypadModifier
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain == Qt.KeyboardModifier(0):
                return self.enter()
            if key == Qt.Key.Key_Tab and plain == Qt.KeyboardModifier(0):
                return self.tab(backward=False)
            if key == Qt.Key.Key_Backtab and not plain & Qt.KeyboardModifier.ControlModifier:
                return self.tab(backward=True)  # Ctrl+Shift+Tab moves focus instead
        return super().eventFilter(watched, event)

    def enter(self) -> bool:
        cursor = self.editor.textCursor()
        if cursor.hasSelection() or editing.list_item(cursor.block().text()) is None:
            return False
        line, column = self._line_column(cursor)
        edit = editing.enter_in_list(self._lines(), line, column)
        return edit is not None and self._apply_lines(edit)

    def tab(self, *, backward: bool) -> bool:
        cursor = self.editor.textCursor()
        lines = self._lines()
        line, column = self._line_column(cursor)
        first, last = self._selected_lines(cursor)
        if first == last and "|" in lines[line]:  # a selected cell moves on like the cursor
            edit = editing.move_to_cell(lines, line, column, backward=backward)
            if edit is not None:
                return self._apply_lines(edit)
        edit = editing.indent_list_items(lines, first, last, (line, column), outdent=backward)
        if edit is None:
            return False
        return self._apply_lines(edit, keep_selection=cursor.hasSelection())

    # --- commands -------------------------------------------------------------------

    def wrap(self, marker: str) -> bool:
        return self._apply_text(lambda text, s, e: editing.wrap_selection(text, s, e, marker))

    def link(self) -> bool:
        return self._apply_text(editing.make_link)

    def toggle_comment(self) -> bool:
        if self.editor.isReadOnly():
            return False
        first, last = self._selected_lines(self.editor.textCursor())
        return self._apply_lines(editing.toggle_comment(self._lines(), first, last))

    def format_table(self) -> bool:
        line, column = self._line_column(self.editor.textCursor())
        edit = (
            None
            if self.editor.isReadOnly()
            else (editing.format_table_at(self._lines(), line, column))
        )
        return self._apply_lines(edit) if edit else self._say("The cursor is not in a table")

    def insert_table_row(self) -> bool:
        line, _ = self._line_column(self.editor.textCursor())
        edit = None if self.editor.isReadOnly() else editing.insert_table_row(self._lines(), line)
        return self._apply_lines(edit) if edit else self._say("The cursor is not in a table")

    # --- applying ---------------------------------------------------------------------

    def _say(self, text: str) -> bool:
        signal = getattr(self.editor, "problemFocused", None)  # the window's status bar
        if signal is not None:
            signal.emit(text)
        return False

    def _lines(self) -> list[str]:
        return self.editor.text().split("\n")

    def _line_column(self, cursor: QTextCursor) -> tuple[int, int]:
        """0-based line and code-point column of the cursor."""
        block = cursor.block()
        return block.blockNumber(), _code_points(block.text(), cursor.positionInBlock())

    def _selected_lines(self, cursor: QTextCursor) -> tuple[int, int]:
        document = self.editor.document()
        first = document.findBlock(cursor.selectionStart()).blockNumber()
        last_block = document.findBlock(cursor.selectionEnd())
        last = last_block.blockNumber()
        # a selection that ends at the start of a line does not take that line with it
        if last > first and cursor.selectionEnd() == last_block.position():
            last -= 1
        return first, last

    def _apply_lines(self, edit: LineEdit, *, keep_selection: bool = False) -> bool:
        document = self.editor.document()
        old_lines = self._lines()[edit.first : edit.stop]
        old, new = "\n".join(old_lines), "\n".join(edit.lines)
        block_start = document.findBlockByNumber(edit.first).position()
        cursor = QTextCursor(document)
        if old != new:  # an unchanged table is not an edit (no undo step, not modified)
            prefix, old_stop, new_stop = changed_region(old, new)
            start = block_start + utf16_length(old[:prefix])
            cursor.beginEditBlock()
            cursor.setPosition(start)
            cursor.setPosition(
                start + utf16_length(old[prefix:old_stop]), QTextCursor.MoveMode.KeepAnchor
            )
            cursor.insertText(new[prefix:new_stop])
            cursor.endEditBlock()
        target = document_position(document, edit.line + 1, edit.column + 1)
        if keep_selection:
            first_block = document.findBlockByNumber(edit.first)
            last_block = document.findBlockByNumber(edit.first + len(edit.lines) - 1)
            cursor.setPosition(first_block.position())
            cursor.setPosition(
                last_block.position() + last_block.length() - 1, QTextCursor.MoveMode.KeepAnchor
            )
        elif edit.anchor is not None:
            anchor_line, anchor_column = edit.anchor
            cursor.setPosition(document_position(document, anchor_line + 1, anchor_column + 1))
            cursor.setPosition(target, QTextCursor.MoveMode.KeepAnchor)
        else:
            cursor.setPosition(target)
        self.editor.setTextCursor(cursor)
        self.editor.ensureCursorVisible()
        return True

    def _apply_text(self, decide) -> bool:
        if self.editor.isReadOnly():
            return False
        cursor = self.editor.textCursor()
        text = self.editor.text()
        start = _code_points(text, cursor.selectionStart())
        end = _code_points(text, cursor.selectionEnd())
        edit: TextEdit = decide(text, start, end)
        position = _positions(text, edit.new, edit)
        cursor.beginEditBlock()
        cursor.setPosition(position["start"])
        cursor.setPosition(position["end"], QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(edit.new)
        cursor.endEditBlock()
        cursor.setPosition(position["anchor"])
        cursor.setPosition(position["cursor"], QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)
        return True


def _code_points(text: str, utf16_position: int) -> int:
    """Code-point index of a Qt (UTF-16) position in `text`."""
    if text.isascii():
        return min(utf16_position, len(text))
    units = 0
    for index, char in enumerate(text):
        if units >= utf16_position:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(text)


def _positions(old: str, new: str, edit: TextEdit) -> dict[str, int]:
    """Qt positions of the edit's range (in the old text) and selection (in the new)."""
    before = utf16_length(old[: edit.start])
    after_text = old[: edit.start] + new
    return {
        "start": before,
        "end": before + utf16_length(old[edit.start : edit.end]),
        "anchor": utf16_length(after_text[: edit.anchor]),
        "cursor": utf16_length(after_text[: edit.cursor]),
    }
