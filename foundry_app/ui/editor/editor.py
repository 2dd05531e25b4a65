"""The Markdown editor: gutter, highlighting, inline problems, quick fixes, find, go to line.

`MarkdownEditor` is the text widget; `EditorPane` wraps it with the find and go-to-line
bars. Line wrap is OFF by default (a line on screen is a line in the file, like the
diagnostics); `set_line_wrap(True)` turns it on.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator

from PySide6.QtCore import QEvent, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QVBoxLayout, QWidget

from foundry_app.core.buffer import from_editor_text, paragraph_stand_in, to_editor_text
from foundry_app.core.diagnostics import Diagnostic, Severity
from foundry_app.core.large_file import is_large
from foundry_app.core.preferences import DEFAULTS
from foundry_app.ui.editor.diagnostic_marks import (
    SEVERITY_RANK,
    DiagnosticMark,
    problem_text,
    tooltip_html,
    tooltip_text,
)
from foundry_app.ui.editor.edited_lines import EditedLines
from foundry_app.ui.editor.editing_help import EditingHelp
from foundry_app.ui.editor.find_bar import FindBar
from foundry_app.ui.editor.goto_bar import GoToLineBar
from foundry_app.ui.editor.highlighter import MarkdownHighlighter
from foundry_app.ui.editor.line_numbers import LineNumberGutter
from foundry_app.ui.editor.text_mirror import TextMirror
from foundry_app.ui.editor.text_positions import changed_region, utf16_length
from foundry_app.ui.focus_keys import moves_focus
from foundry_app.ui.theme import Theme, themes
from foundry_app.ui.theme.fonts import default_editor_font

LINT_DELAY_MS = DEFAULTS.lint_delay_ms  # until the preferences say otherwise
TAB_WIDTH = 4
PIN_BATCH = 500  # diagnostics pinned per step of pin_diagnostics (about 9 ms of work)
ALL_UNDERLINES_UP_TO = 300  # more marks than this: Qt is given only those near the screen


def _start(mark: DiagnosticMark) -> int:
    return mark.start


def _take_mark(
    kept: dict[Diagnostic, list[DiagnosticMark]], diagnostic: Diagnostic
) -> DiagnosticMark | None:
    """A kept mark for an equal diagnostic with the same fix (equality leaves fixes out)."""
    marks = kept.get(diagnostic)
    if marks:
        for index, mark in enumerate(marks):
            if mark.diagnostic.fix == diagnostic.fix:
                return marks.pop(index)
    return None


def _shortcut_action(parent: QWidget, text: str, *keys: str) -> QAction:
    """An action whose shortcut fires only while focus is inside `parent`."""
    action = QAction(text, parent)
    action.setShortcuts([QKeySequence(key) for key in keys])
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    parent.addAction(action)
    return action


class MarkdownEditor(QPlainTextEdit):
    textEdited = Signal()  # any change to the text except load_text
    lintRequested = Signal()  # the lint delay after the last edit
    cursorLineChanged = Signal(int)  # 1-based
    topLineChanged = Signal(int)  # first visible line, 1-based
    problemFocused = Signal(str)  # status-bar text for the problem the cursor moved to

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editor")
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self._marks: list[DiagnosticMark] = []
        self._edited_lines = EditedLines(self.document())  # since the marks were pinned
        self._reach = 0  # the longest mark, in characters, when pinned
        self._underlined_view: tuple[int, int, int] | None = None  # what the underlines cover
        self._focused_mark: DiagnosticMark | None = None
        self._search_matches: list[QTextCursor] = []
        self._loading = False
        self._stand_in = paragraph_stand_in("")  # what U+2029 is shown as (see core.buffer)
        self._revision = self.document().revision()
        self._mirror = TextMirror(self.document(), self._from_editor_text)
        self._cursor_line = 1
        self._top_line = 1
        self._highlighter = MarkdownHighlighter(self.document())
        self._gutter = LineNumberGutter(self)
        self._lint_timer = QTimer(self, singleShot=True, interval=LINT_DELAY_MS)
        self._lint_timer.timeout.connect(self.lintRequested)
        self.next_problem_action = _shortcut_action(self, "Next Problem", "F8")
        self.previous_problem_action = _shortcut_action(self, "Previous Problem", "Shift+F8")
        self.quick_fix_action = _shortcut_action(self, "Quick Fix", "Ctrl+.")
        self.next_problem_action.triggered.connect(self.next_problem)
        self.previous_problem_action.triggered.connect(self.previous_problem)
        self.quick_fix_action.triggered.connect(self.apply_quick_fix)
        self.document().contentsChange.connect(self._on_contents_change)
        self.cursorPositionChanged.connect(self._on_cursor_moved)
        self.blockCountChanged.connect(self._fit_gutter)
        self.updateRequest.connect(self._on_update_request)
        themes().changed.connect(self.set_theme)
        # Last: the font change event sizes the gutter and the tab stops.
        self.setFont(default_editor_font())
        self._apply_tab_width()
        self._fit_gutter()

    # --- text -------------------------------------------------------------------------

    def text(self) -> str:
        """The exact buffer text with '\\n' newlines (use this, not toPlainText)."""
        # a big file's text is copied out of Qt once, then only the part each edit changed
        return self._mirror.text()

    def text_read_whole(self) -> str:
        """The text copied out of Qt whole, as a save writes it: a save trusts no patch."""
        self._mirror.forget()
        return self._mirror.text()

    def has_text_copy(self) -> bool:
        """True when text() is ready without copying from the document again."""
        return self._mirror.in_sync()

    def _from_editor_text(self, text: str) -> str:
        return from_editor_text(text, self._stand_in)

    def load_text(self, text: str) -> None:
        """Replace everything without an undo step or textEdited; the document is unmodified."""
        self._loading = True
        self._stand_in = paragraph_stand_in(text)
        if is_large(text):
            self._highlighter.defer()  # a big text is highlighted in slices, not in one go
        try:
            self.setPlainText(to_editor_text(text, self._stand_in))
        finally:
            self._loading = False
            self._mirror.forget()  # another stand-in: what was kept converted by the old one
        self._revision = self.document().revision()
        self._lint_timer.stop()
        self._marks = []
        self._search_matches = []
        self._refresh_selections()
        self.document().setModified(False)
        self._on_cursor_moved()
        self._on_update_request(QRect(), 0)

    def replace_all_text_undoably(self, text: str) -> bool:
        """Become `text` in ONE undo step that rewrites only the changed region.

        Returns False (and changes nothing) when the text is equal or the editor is read-only.
        """
        old = self.text()
        if old == text or self.isReadOnly():
            return False
        prefix, old_stop, new_stop = changed_region(old, text)
        start = utf16_length(old[:prefix])
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        cursor.setPosition(start)
        cursor.setPosition(
            start + utf16_length(old[prefix:old_stop]), QTextCursor.MoveMode.KeepAnchor
        )
        cursor.insertText(to_editor_text(text[prefix:new_stop], self._stand_in))
        cursor.endEditBlock()
        return True

    def set_markdown(self, markdown: bool) -> None:
        """Markdown highlighting on, or off for plain text (a persona's contracts.yml)."""
        wanted = self.document() if markdown else None
        if self._highlighter.document() is not wanted:
            self._highlighter.setDocument(wanted)
            if wanted is not None:
                # now, not in Qt's next turn: the re-format is a new revision of the text,
                # and a lint asked before it would be dropped as out of date
                self._highlighter.rehighlight()

    def set_read_only(self, read_only: bool) -> None:
        self.setReadOnly(read_only)
        if read_only:  # keep keyboard navigation (F8, find) working in a read-only file
            self.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse
                | Qt.TextInteractionFlag.TextSelectableByKeyboard
            )

    def set_theme(self, theme: Theme) -> None:
        """Syntax colours, underlines and gutter marks in `theme`'s colours."""
        self._highlighter.set_theme(theme)
        self._refresh_selections()
        self._gutter.update()

    def set_line_wrap(self, wrap: bool) -> None:
        self.setLineWrapMode(
            QPlainTextEdit.LineWrapMode.WidgetWidth if wrap else QPlainTextEdit.LineWrapMode.NoWrap
        )

    def set_lint_delay(self, milliseconds: int) -> None:
        """How long typing must pause before the open file is checked again."""
        self._lint_timer.setInterval(max(0, milliseconds))

    def lint_asked(self) -> None:
        """The text as it is now is being checked: the pause in typing need not ask again."""
        self._lint_timer.stop()

    def lint_delay(self) -> int:
        return self._lint_timer.interval()

    def set_show_whitespace(self, show: bool) -> None:
        """Spaces and tabs drawn as dots and arrows (trailing spaces matter in Markdown)."""
        option = self.document().defaultTextOption()
        flag = QTextOption.Flag.ShowTabsAndSpaces
        option.setFlags(option.flags() | flag if show else option.flags() & ~flag)
        self.document().setDefaultTextOption(option)

    def shows_whitespace(self) -> bool:
        flags = self.document().defaultTextOption().flags()
        return bool(flags & QTextOption.Flag.ShowTabsAndSpaces)

    # --- navigation -------------------------------------------------------------------

    def go_to_line(self, line: int) -> None:
        """Put the cursor at the start of 1-based `line` (clamped) and center it."""
        line = min(max(line, 1), self.blockCount())
        cursor = QTextCursor(self.document().findBlockByNumber(line - 1))
        self.setTextCursor(cursor)
        self.centerCursor()

    def cursor_line(self) -> int:
        return self.textCursor().blockNumber() + 1

    def top_line(self) -> int:
        return self.firstVisibleBlock().blockNumber() + 1

    # --- diagnostics ------------------------------------------------------------------

    def set_diagnostics(self, diagnostics: Iterable[Diagnostic]) -> None:
        """Show these diagnostics (for this buffer's file) until the next call or load."""
        for _step in self.pin_diagnostics(diagnostics):
            pass

    def pin_diagnostics(self, diagnostics: Iterable[Diagnostic]) -> Iterator[None]:
        """set_diagnostics in steps of PIN_BATCH new marks, yielding between them (a big
        file's thousands of marks would hold the window). A mark whose diagnostic comes
        again, on lines no edit has touched since, is kept as it is. The marks shown change
        only after the last step, and not at all if the text was edited meanwhile: its line
        and column numbers would point at the wrong characters."""
        document = self.document()
        revision = document.revision()
        kept = self._marks_still_true()
        marks: list[DiagnosticMark] = []
        pinned = 0
        for diagnostic in diagnostics:
            mark = _take_mark(kept, diagnostic)
            if mark is None:
                if pinned and pinned % PIN_BATCH == 0:
                    yield
                    if document.revision() != revision:
                        return
                mark = DiagnosticMark.pin(document, diagnostic)
                pinned += 1
            marks.append(mark)
        # kept in text order (edits move the cursors but never reorder them): the gutter
        # finds the marks on screen by bisection instead of asking every mark for its line
        self._marks = sorted(marks, key=_start)
        self._edited_lines.restart()
        self._reach = max((mark.end - mark.start for mark in marks), default=0)
        self._refresh_selections()
        self._gutter.update()

    def _marks_still_true(self) -> dict[Diagnostic, list[DiagnosticMark]]:
        """The marks that still select what their diagnostics name, by diagnostic."""
        edited = self._edited_lines
        if edited.lines_moved:
            return {}
        kept: dict[Diagnostic, list[DiagnosticMark]] = {}
        for mark in self._marks:
            if edited.untouched(mark.lines()):
                kept.setdefault(mark.diagnostic, []).append(mark)
        return kept

    def clear_diagnostics(self) -> None:
        self.set_diagnostics([])

    def diagnostics(self) -> list[Diagnostic]:
        return [mark.diagnostic for mark in self._marks]

    def marker_lines(self, start: int = 0, stop: int | None = None) -> dict[int, Severity]:
        """1-based line → worst severity on it, where the lines are now (after edits); only
        marks starting at document positions `start`..`stop` when given (what is on screen)."""
        markers: dict[int, Severity] = {}
        marks = self._marks
        first = bisect.bisect_left(marks, start, key=_start) if start else 0
        last = len(marks) if stop is None else bisect.bisect_right(marks, stop, key=_start)
        for mark in marks[first:last]:
            line, severity = mark.line, mark.diagnostic.severity
            if line not in markers or SEVERITY_RANK[severity] < SEVERITY_RANK[markers[line]]:
                markers[line] = severity
        return markers

    def diagnostics_at(self, position: int) -> list[Diagnostic]:
        """Diagnostics whose underline covers document `position`, errors first."""
        hits = [mark for mark in self._marks if mark.covers(position)]
        return [mark.diagnostic for mark in self._sorted(hits)]

    def diagnostic_at(self, position: int) -> Diagnostic | None:
        hits = self.diagnostics_at(position)
        return hits[0] if hits else None

    def diagnostics_on_line(self, line: int) -> list[Diagnostic]:
        return [mark.diagnostic for mark in self._sorted(self._marks) if mark.line == line]

    def tooltip_at(self, position: int) -> str:
        return tooltip_text(self.diagnostics_at(position))

    def tooltip_for_line(self, line: int) -> str:
        return tooltip_text(self.diagnostics_on_line(line))

    def next_problem(self) -> Diagnostic | None:
        return self._focus_problem(forward=True)

    def previous_problem(self) -> Diagnostic | None:
        return self._focus_problem(forward=False)

    def apply_quick_fix(self) -> bool:
        """Apply the fix of the problem under (or nearest on the line to) the cursor, one undo."""
        position = self.textCursor().position()
        line = self.cursor_line()
        candidates = [m for m in self._marks if m.fix_ranges and m.line == line]
        if self.isReadOnly() or not candidates:
            self.problemFocused.emit("No quick fix on this line")
            return False
        mark = min(
            candidates,
            key=lambda m: (
                not m.covers(position),
                min(abs(m.start - position), abs(m.end - position)),
                SEVERITY_RANK[m.diagnostic.severity],
            ),
        )
        found = mark.diagnostic
        lines = [(found.line, found.end_line), *((e.line, e.end_line) for _p, e in mark.fix_ranges)]
        if not self._edited_lines.untouched(lines):
            # the fix was worked out from the text before those edits: it may not fit now
            self.problemFocused.emit("That line was edited since it was checked: checking again")
            self.lintRequested.emit()
            return False
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        # Last edit first, so an earlier edit never shifts a later one's range.
        for pinned, edit in sorted(
            mark.fix_ranges, key=lambda f: f[0].selectionStart(), reverse=True
        ):
            cursor.setPosition(pinned.selectionStart())
            cursor.setPosition(pinned.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(edit.new_text)
        cursor.endEditBlock()
        self._marks.remove(mark)
        self._refresh_selections()
        self._gutter.update()
        fix = mark.diagnostic.fix
        self.problemFocused.emit(f"Applied: {fix.title}" if fix else "Applied fix")
        return True

    # --- find support -----------------------------------------------------------------

    def set_search_matches(self, matches: list[QTextCursor]) -> None:
        self._search_matches = list(matches)
        self._refresh_selections()

    def search_matches(self) -> list[QTextCursor]:
        return list(self._search_matches)

    # --- internals --------------------------------------------------------------------

    @staticmethod
    def _sorted(marks: Iterable[DiagnosticMark]) -> list[DiagnosticMark]:
        return sorted(marks, key=lambda m: (SEVERITY_RANK[m.diagnostic.severity], m.start))

    def _focus_problem(self, *, forward: bool) -> Diagnostic | None:
        if not self._marks:
            self.problemFocused.emit("No problems")
            return None
        ordered = sorted(self._marks, key=lambda m: (m.start, SEVERITY_RANK[m.diagnostic.severity]))
        here = self.textCursor().position()
        focused = self._focused_mark
        if focused in ordered and focused.start == here:
            # Step from the problem just shown, so problems sharing a position are all visited.
            index = ordered.index(focused) + (1 if forward else -1)
            mark = ordered[index % len(ordered)]
        elif forward:
            after = [m for m in ordered if m.start >= here]
            mark = after[0] if after else ordered[0]
        else:
            before = [m for m in ordered if m.start < here]
            mark = before[-1] if before else ordered[-1]
        self._focused_mark = mark
        cursor = self.textCursor()
        cursor.setPosition(mark.start)
        self.setTextCursor(cursor)
        self.centerCursor()
        self.problemFocused.emit(problem_text(mark.diagnostic))
        return mark.diagnostic

    def _view(self) -> tuple[int, int, int]:
        return self.firstVisibleBlock().blockNumber(), self.blockCount(), self.viewport().height()

    def _marks_to_underline(self) -> list[DiagnosticMark]:
        """All marks, or with many of them only those from a screen above to a screen below
        the one shown: Qt walks every underline for every line it paints."""
        marks = self._marks
        self._underlined_view = None
        if len(marks) <= ALL_UNDERLINES_UP_TO:
            return marks
        self._underlined_view = view = self._view()
        lines = view[2] // max(1, self.fontMetrics().height()) + 1
        document = self.document()
        top = document.findBlockByNumber(max(0, view[0] - lines))
        bottom = document.findBlockByNumber(min(view[1] - 1, view[0] + 2 * lines))
        start = top.position() - self._reach
        stop = bottom.position() + bottom.length()
        first = bisect.bisect_left(marks, start, key=_start)
        return marks[first : bisect.bisect_right(marks, stop, key=_start)]

    def _refresh_selections(self) -> None:
        selections = []
        highlight = self.palette().highlight().color()
        highlight.setAlpha(70)
        match_format = QTextCharFormat()
        match_format.setBackground(highlight)
        for match in self._search_matches:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = match
            selection.format = match_format
            selections.append(selection)
        # Warnings first so an error on the same text paints over them.
        marks = self._marks_to_underline()
        underlines: dict[Severity, QTextCharFormat] = {}
        for mark in sorted(marks, key=lambda m: -SEVERITY_RANK[m.diagnostic.severity]):
            severity = mark.diagnostic.severity
            if severity not in underlines:
                underlines[severity] = mark.underline()
            selection = QTextEdit.ExtraSelection()
            selection.cursor = mark.range
            selection.format = underlines[severity]
            selections.append(selection)
        self.setExtraSelections(selections)

    def _on_contents_change(self, position: int, _removed: int, added: int) -> None:
        revision = self.document().revision()
        # Re-highlighting also reports a change; only a new revision is a text edit.
        if self._loading or revision == self._revision:
            return
        self._revision = revision
        self._edited_lines.note(position, added)
        self.textEdited.emit()
        self._lint_timer.start()

    def _on_cursor_moved(self) -> None:
        line = self.cursor_line()
        if line != self._cursor_line:
            self._cursor_line = line
            self.cursorLineChanged.emit(line)
        self._gutter.update()

    def _on_update_request(self, rect: QRect, dy: int) -> None:
        if dy:
            self._gutter.scroll(0, dy)
        else:
            self._gutter.update(0, rect.y(), self._gutter.width(), rect.height())
        if self._underlined_view is not None and self._view() != self._underlined_view:
            self._refresh_selections()  # scrolled (or lines added): underline what is near
        top = self.top_line()
        if top != self._top_line:
            self._top_line = top
            self.topLineChanged.emit(top)

    def _fit_gutter(self) -> None:
        width = self._gutter.sizeHint().width()
        self.setViewportMargins(width, 0, 0, 0)
        rect = self.contentsRect()
        self._gutter.setGeometry(rect.left(), rect.top(), width, rect.height())

    def _apply_tab_width(self) -> None:
        self.setTabStopDistance(QFontMetricsF(self.font()).horizontalAdvance(" ") * TAB_WIDTH)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._apply_tab_width()
            self._fit_gutter()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_gutter()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Tab indents here, so Ctrl+Tab / Ctrl+Shift+Tab take focus on (to the preview) or back
        if moves_focus(event):
            # QPlainTextEdit's own override refuses while the text is editable
            QWidget.focusNextPrevChild(self, event.key() == Qt.Key.Key_Tab)
            return
        super().keyPressEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(self.cursorForPosition(event.pos()).position())
            if text:
                QToolTip.showText(event.globalPos(), tooltip_html(text), self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)


class EditorPane(QWidget):
    """The editor with its find bar (Ctrl+F, F3, Shift+F3, Esc), replace (Ctrl+H) and
    go-to-line bar (Ctrl+L)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editorPane")
        self.editor = MarkdownEditor(self)
        self.editing_help = EditingHelp(self.editor)
        self.find_bar = FindBar(self.editor, self)
        self.goto_bar = GoToLineBar(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.goto_bar)
        self.find_action = _shortcut_action(self, "Find…", "Ctrl+F")
        self.replace_action = _shortcut_action(self, "Replace…", "Ctrl+H")
        self.find_next_action = _shortcut_action(self, "Find Next", "F3")
        self.find_previous_action = _shortcut_action(self, "Find Previous", "Shift+F3")
        self.goto_line_action = _shortcut_action(self, "Go to Line…", "Ctrl+L")
        self.find_action.triggered.connect(self.open_find)
        self.replace_action.triggered.connect(self.open_replace)
        self.find_next_action.triggered.connect(self.find_next)
        self.find_previous_action.triggered.connect(self.find_previous)
        self.goto_line_action.triggered.connect(self.open_go_to_line)
        self.goto_bar.lineChosen.connect(self._go_to_chosen_line)
        self.goto_bar.closed.connect(self.editor.setFocus)

    def open_find(self) -> None:
        self.goto_bar.hide()
        self.find_bar.open_bar()

    def open_replace(self) -> None:
        self.goto_bar.hide()
        self.find_bar.open_bar(replace=True)

    def find_next(self) -> None:
        if not self.find_bar.query.text():
            self.open_find()
            return
        self.find_bar.find_next()

    def find_previous(self) -> None:
        if not self.find_bar.query.text():
            self.open_find()
            return
        self.find_bar.find_previous()

    def open_go_to_line(self) -> None:
        self.goto_bar.open_bar(self.editor.cursor_line(), self.editor.blockCount())

    def _go_to_chosen_line(self, line: int) -> None:
        self.editor.go_to_line(line)
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
