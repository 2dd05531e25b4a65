"""Which lines the edits since the marks were pinned have touched.

While no edit has added or removed a line, a line no edit touched holds the same text at
the same line number: a mark on it still selects what its diagnostic's line and columns
name, and a new lint that reports the same diagnostic can keep the mark instead of
pinning a new one (a big file's keystroke re-reports hundreds of them unchanged).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QTextDocument

_MOST_RANGES = 32  # past this many edits, their ranges merge into one (still a safe answer)


class EditedLines:
    def __init__(self, document: QTextDocument) -> None:
        self._document = document
        self.restart()

    def restart(self) -> None:
        """From now on: called when the marks are pinned for the document as it is."""
        self._block_count = self._document.blockCount()
        self._lines_moved = False
        self._touched: list[tuple[int, int]] = []  # 1-based first and last line of each edit

    def note(self, position: int, added: int) -> None:
        """One text edit (Qt's contentsChange, after the change)."""
        document = self._document
        count = document.blockCount()
        if count != self._block_count:
            self._block_count = count
            self._lines_moved = True  # every line below the edit has a new number
            return
        first = document.findBlock(position).blockNumber() + 1
        last = document.findBlock(position + added).blockNumber() + 1
        if last < first:  # past the end: findBlock gives an invalid block
            last = count
        self._touched.append((first, last))
        if len(self._touched) > _MOST_RANGES:
            self._touched = [(min(r[0] for r in self._touched), max(r[1] for r in self._touched))]

    @property
    def lines_moved(self) -> bool:
        return self._lines_moved

    def untouched(self, lines: Iterable[tuple[int, int]]) -> bool:
        """True when no edit touched any of these (first, last) line ranges and no line
        has come or gone."""
        if self._lines_moved:
            return False
        touched, count = self._touched, self._block_count
        for first, last in lines:
            # a line before the first or past the last is pinned on the first or the last,
            # and a range may run backwards
            first, last = min(max(first, 1), count), min(max(last, 1), count)
            if last < first:
                first, last = last, first
            if any(first <= end and start <= last for start, end in touched):
                return False
        return True
