"""The cells of a table row as written in the source.

The parser keeps only as many cells per row as the header has (GFM drops the rest), so
anything that must notice or show the extra cells reads them from the row's source line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ROW_PREFIX = re.compile(r"^[ \t>]*")  # indentation and blockquote markers before the row


@dataclass(frozen=True)
class SourceCell:
    text: str  # the cell's source, trimmed
    column: int  # 1-based column of the cell's first character (its start when empty)
    end_column: int  # exclusive


def source_cells(line: str) -> list[SourceCell]:
    """The cells of one table row line, split at unescaped pipes like GFM does."""
    start = _ROW_PREFIX.match(line).end()
    end = len(line.rstrip())
    if start < end and line[start] == "|":
        start += 1
    cells: list[SourceCell] = []
    cell_start = start
    for index in range(start, end):
        if line[index] == "|" and line[index - 1] != "\\":
            cells.append(_cell(line, cell_start, index))
            cell_start = index + 1
    if cell_start < end:  # the last cell when the row has no closing pipe
        cells.append(_cell(line, cell_start, end))
    return cells


def _cell(line: str, start: int, stop: int) -> SourceCell:
    raw = line[start:stop]
    text = raw.strip()
    first = start + (len(raw) - len(raw.lstrip()) if text else 0)
    return SourceCell(text, first + 1, first + max(1, len(text)) + 1)
