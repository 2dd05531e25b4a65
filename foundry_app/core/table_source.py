"""The cells of a table row as written in the source.

The parser keeps only as many cells per row as the header has (GFM drops the rest), so
anything that must notice or show the extra cells reads them from the row's source line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ROW_PREFIX = re.compile(r"^[ \t>]*")  # indentation and blockquote markers before the row
_PIPE = re.compile(r"(?<!\\)\|")  # a cell boundary: a pipe not escaped by a backslash


@dataclass(frozen=True)
class SourceCell:
    text: str  # the cell's source, trimmed
    column: int  # 1-based column of the cell's first character (its start when empty)
    end_column: int  # exclusive


def source_cells(line: str) -> list[SourceCell]:
    """The cells of one table row line, split at unescaped pipes like GFM does."""
    start, end = _row_bounds(line)
    cells: list[SourceCell] = []
    cell_start = start
    for pipe in _PIPE.finditer(line, start, end):
        cells.append(_cell(line, cell_start, pipe.start()))
        cell_start = pipe.end()
    if cell_start < end:  # the last cell when the row has no closing pipe
        cells.append(_cell(line, cell_start, end))
    return cells


def cell_count(line: str) -> int:
    """len(source_cells(line)), without building the cells: most rows are fine."""
    start, end = _row_bounds(line)
    if start >= end:
        return 0
    # the character before `start` is never a backslash: it is a pipe, a prefix or nothing
    pipes = line.count("|", start, end) - line.count("\\|", start, end)
    closed = line[end - 1] == "|" and (end - 1 == start or line[end - 2] != "\\")
    return pipes + (0 if closed else 1)


def _row_bounds(line: str) -> tuple[int, int]:
    """Where the row's cells start (past indentation, quote markers and a leading pipe)
    and end (before trailing blanks)."""
    start = _ROW_PREFIX.match(line).end()
    end = len(line.rstrip())
    if start < end and line[start] == "|":
        start += 1
    return start, end


def _cell(line: str, start: int, stop: int) -> SourceCell:
    raw = line[start:stop]
    text = raw.strip()
    first = start + (len(raw) - len(raw.lstrip()) if text else 0)
    return SourceCell(text, first + 1, first + max(1, len(text)) + 1)
