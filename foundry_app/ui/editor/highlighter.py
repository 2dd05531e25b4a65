"""Markdown syntax highlighting for the editor, one block (line) at a time.

Fenced code is tracked through the block state, so Qt re-highlights only the lines that
changed plus the lines whose fence state flipped — never the whole document per keystroke.
"""

from __future__ import annotations

import re
import time

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument, QTextLayout

from foundry_app.ui.editor.text_positions import utf16_offsets
from foundry_app.ui.theme import Theme, current_theme

_OUTSIDE_FENCE = -1  # Qt's default state for a block that was never highlighted
_IN_FRONT_MATTER = -2  # between the `---` lines that open a file (YAML front matter)
_MAX_INLINE_CHARS = 5_000  # longer lines get no inline spans: a keystroke's cost stays bounded
_SLICE_SECONDS = 0.004  # background highlighting of a large file, per turn of the event loop

_FENCE_OPEN = re.compile(r"^\s*(`{3,}(?=[^`]*$)|~{3,})")
_FENCE_CLOSE = re.compile(r"^\s*(`{3,}|~{3,})\s*$")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:\s|$)")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_LIST_MARKER = re.compile(r"^\s*(?:>\s?)*\s*([-*+]|\d{1,9}[.)])(?=\s|$)")
_TASK_BOX = re.compile(r"\s+(\[[ xX]\])(?=\s|$)")
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S+.*$")
_FRONT_MATTER_FENCE = re.compile(r"^---[ \t]*$")
_FRONT_MATTER_KEY = re.compile(r"^([^\s#:][^:]*):(?=\s|$)")

# Inline spans in increasing priority: a later rule paints over an earlier one.
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(
    r"(?<![*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?!\*)|(?<![_\w])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![_\w])"
)
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_LINK = re.compile(r"(!?\[[^\]]*\])(\([^)]*\)|\[[^\]]*\])")
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^>\s]+>|https?://[^\s<>()]+")
_HTML_COMMENT = re.compile(r"<!--.*?-->")
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")


def _format(theme: Theme, accent: str, *, bold=False, italic=False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(theme.color(accent))
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    if italic:
        fmt.setFontItalic(True)
    return fmt


def _fence_state(marker: str) -> int:
    """Encode an open fence (its character and length) as a positive block state."""
    return len(marker) * 2 + (1 if marker[0] == "~" else 0)


def _closes(marker: str, state: int) -> bool:
    char = "~" if state % 2 else "`"
    return marker[0] == char and len(marker) >= state // 2


class MarkdownHighlighter(QSyntaxHighlighter):
    """Headings, emphasis, lists, links, code spans and fenced code blocks."""

    def __init__(self, document: QTextDocument, theme: Theme | None = None) -> None:
        # Formats must exist before super() attaches to the document and highlights it.
        self._make_formats(theme or current_theme())
        self._frontier: int | None = None  # in slices: blocks after this one wait their turn
        self._ranges: list[QTextLayout.FormatRange] | None = None  # collected, in a slice
        super().__init__(document)
        self._slices = QTimer(self, singleShot=True, interval=0)
        self._slices.timeout.connect(self._highlight_slice)

    def defer(self) -> None:
        """Highlight the document in short slices from the top, between other events, instead
        of all at once (call before loading a large text)."""
        self._frontier = -1
        self._slices.start()

    @property
    def deferring(self) -> bool:
        return self._frontier is not None

    def _highlight_slice(self) -> None:
        """Format the next blocks by hand: rehighlightBlock would open an edit block each
        time, and every edit block counts as a new revision of the text."""
        document = self.document()
        if self._frontier is None or document is None:  # detached meanwhile (plain text)
            self._frontier = None
            return
        deadline = time.perf_counter() + _SLICE_SECONDS
        block = document.findBlockByNumber(self._frontier + 1)
        start = block.position() if block.isValid() else 0
        end = start
        previous = block.previous().userState() if block.isValid() else _OUTSIDE_FENCE
        while block.isValid() and time.perf_counter() < deadline:
            self._frontier = block.blockNumber()
            self._ranges = []
            previous = self._highlight(block.text(), previous, block.blockNumber() == 0)
            block.setUserState(previous)
            block.layout().setFormats(self._ranges)
            end = block.position() + block.length()
            block = block.next()
        self._ranges = None
        if end > start:
            document.markContentsDirty(start, end - start)
        if block.isValid():
            self._slices.start()
        else:
            self._frontier = None

    def set_theme(self, theme: Theme) -> None:
        """Repaint every line in `theme`'s colours."""
        self._make_formats(theme)
        self.rehighlight()

    def _make_formats(self, theme: Theme) -> None:
        self._heading = _format(theme, "heading", bold=True)
        self._strong = _format(theme, "emphasis", bold=True)
        self._emphasis = _format(theme, "emphasis", italic=True)
        self._strike = _format(theme, "strike")
        self._strike.setFontStrikeOut(True)
        self._marker = _format(theme, "marker", bold=True)
        self._quote = _format(theme, "quote", italic=True)
        self._link_text = _format(theme, "link_text")
        self._link_target = _format(theme, "link_target")
        self._code = _format(theme, "code")
        self._fence = _format(theme, "fence")
        self._comment = _format(theme, "comment", italic=True)
        self._front_value = _format(theme, "comment")  # front matter values: data, muted

    def highlightBlock(self, text: str) -> None:
        if self._frontier is not None and self.currentBlock().blockNumber() > self._frontier:
            return  # its slice comes later
        first_line = self.currentBlock().blockNumber() == 0
        self.setCurrentBlockState(self._highlight(text, self.previousBlockState(), first_line))

    def _highlight(self, text: str, previous: int, first_line: bool = False) -> int:
        """Paint one line after a line in state `previous`; returns this line's state."""
        offsets = utf16_offsets(text)
        if previous == _IN_FRONT_MATTER or (first_line and _FRONT_MATTER_FENCE.match(text)):
            return self._highlight_front_matter(text, offsets, opening=previous != _IN_FRONT_MATTER)
        if previous > 0:
            self._paint(offsets, 0, len(text), self._fence)
            closing = _FENCE_CLOSE.match(text)
            closed = closing is not None and _closes(closing.group(1), previous)
            return _OUTSIDE_FENCE if closed else previous
        opening = _FENCE_OPEN.match(text)
        if opening:
            self._paint(offsets, 0, len(text), self._fence)
            return _fence_state(opening.group(1))
        self._highlight_line(text, offsets)
        return _OUTSIDE_FENCE

    def _highlight_front_matter(self, text: str, offsets: list[int] | None, opening: bool) -> int:
        """Fences as markers, keys as link targets, values muted; the closing `---` ends it."""
        if _FRONT_MATTER_FENCE.match(text):
            self._paint(offsets, 0, len(text), self._marker)
            return _IN_FRONT_MATTER if opening else _OUTSIDE_FENCE
        self._paint(offsets, 0, len(text), self._front_value)
        key = _FRONT_MATTER_KEY.match(text)
        if key:
            self._paint(offsets, 0, key.end(1), self._link_text)
        return _IN_FRONT_MATTER

    def _highlight_line(self, text: str, offsets: list[int] | None) -> None:
        if len(text) > _MAX_INLINE_CHARS:
            return
        if _HEADING.match(text):
            self._paint(offsets, 0, len(text), self._heading)
            self._paint_all(_CODE_SPAN, text, offsets, self._code)
            return
        if _RULE.match(text):
            self._paint(offsets, 0, len(text), self._marker)
            return
        if _LINK_DEFINITION.match(text):
            self._paint(offsets, 0, len(text), self._link_target)
            return
        quote = _QUOTE.match(text)
        if quote:
            self._paint(offsets, 0, len(text), self._quote)
        marker = _LIST_MARKER.match(text)
        if marker:
            self._paint(offsets, marker.start(1), marker.end(1), self._marker)
            box = _TASK_BOX.match(text, marker.end(1))
            if box:
                self._paint(offsets, box.start(1), box.end(1), self._marker)
        self._paint_all(_STRONG, text, offsets, self._strong)
        self._paint_all(_EMPHASIS, text, offsets, self._emphasis)
        self._paint_all(_STRIKE, text, offsets, self._strike)
        for link in _LINK.finditer(text):
            self._paint(offsets, link.start(1), link.end(1), self._link_text)
            self._paint(offsets, link.start(2), link.end(2), self._link_target)
        self._paint_all(_AUTOLINK, text, offsets, self._link_target)
        self._paint_all(_HTML_COMMENT, text, offsets, self._comment)
        self._paint_all(_CODE_SPAN, text, offsets, self._code)

    def _paint_all(
        self, pattern: re.Pattern[str], text: str, offsets: list[int] | None, fmt: QTextCharFormat
    ) -> None:
        for match in pattern.finditer(text):
            self._paint(offsets, match.start(), match.end(), fmt)

    def _paint(
        self, offsets: list[int] | None, start: int, stop: int, fmt: QTextCharFormat
    ) -> None:
        """setFormat with code-point indices converted to Qt's UTF-16 positions."""
        if offsets is not None:
            start, stop = offsets[start], offsets[stop]
        if stop <= start:
            return
        if self._ranges is None:
            self.setFormat(start, stop - start, fmt)
            return
        paint = QTextLayout.FormatRange()
        paint.start, paint.length, paint.format = start, stop - start, fmt
        self._ranges.append(paint)
