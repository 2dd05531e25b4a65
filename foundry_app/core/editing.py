"""Editing help for Markdown authors, decided without a widget.

Each function takes lines (or one line) and a cursor in Python code points, and returns
a `LineEdit`: which lines to replace with what, and where the cursor goes. The editor
applies it as one undo step; nothing here knows about Qt.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass

_LIST_ITEM = re.compile(
    r"^(?P<indent>[ \t]*)(?P<marker>[-*+]|(?P<number>\d{1,9})(?P<delim>[.)]))"
    r"(?P<gap>[ \t]+)(?P<task>\[[ xX]\][ \t]+)?"
)
_DELIMITER_CELL = re.compile(r"^\s*:?-+:?\s*$")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
COMMENT_OPEN = "<!-- "
COMMENT_CLOSE = " -->"


@dataclass(frozen=True)
class LineEdit:
    """Replace lines[first:stop] with `lines`; put the cursor at (line, column), 0-based,
    in the new text, with the selection anchored at `anchor` when it is set."""

    first: int
    stop: int
    lines: tuple[str, ...]
    line: int
    column: int
    anchor: tuple[int, int] | None = None


# --- lists -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ListItem:
    indent: str
    marker: str  # "-", "*", "+", "3." or "3)"
    gap: str
    task: str  # "[ ] " or "" (a checked box continues as an open one)
    content_start: int  # column where the item's text starts

    @property
    def width(self) -> int:
        """How far a nested item must be indented to belong to this one."""
        return len(self.marker) + len(self.gap)


def list_item(line: str) -> ListItem | None:
    match = _LIST_ITEM.match(line)
    if match is None:
        return None
    task = "[ ] " if match["task"] else ""
    return ListItem(match["indent"], match["marker"], match["gap"], task, match.end())


def _next_marker(marker: str) -> str:
    if marker[0].isdigit():
        return f"{int(marker[:-1]) + 1}{marker[-1]}"
    return marker


def enter_in_list(lines: list[str], line: int, column: int) -> LineEdit | None:
    """Enter at (line, column): continue the list item, or end the list on an empty item.
    None means an ordinary new line (not in a list item, or the cursor is in the marker)."""
    text = lines[line]
    item = list_item(text)
    if item is None or column < item.content_start:
        return None
    if not text[item.content_start :].strip():  # an empty item: Enter ends the list
        return LineEdit(line, line + 1, ("",), line, 0)
    prefix = f"{item.indent}{_next_marker(item.marker)}{item.gap}{item.task}"
    head, tail = text[:column].rstrip(" \t") or text[:column], text[column:].lstrip(" \t")
    new_lines = [head, prefix + tail]
    # the numbers of the items that follow move up by one, as the author expects
    if item.marker[0].isdigit():
        following = _renumbered(lines, line + 1, item, int(item.marker[:-1]) + 2)
        new_lines.extend(following)
        stop = line + 1 + len(following)
    else:
        stop = line + 1
    return LineEdit(line, stop, tuple(new_lines), line + 1, len(prefix))


def _renumbered(lines: list[str], start: int, item: ListItem, number: int) -> list[str]:
    """The sibling items right after `start` of the same numbered list, renumbered from
    `number` (stops at the first line that is not a sibling item)."""
    result = []
    for text in lines[start:]:
        sibling = list_item(text)
        if sibling is None or sibling.indent != item.indent or not sibling.marker[0].isdigit():
            break
        rest = text[len(sibling.indent) + len(sibling.marker) :]
        result.append(f"{sibling.indent}{number}{sibling.marker[-1]}{rest}")
        number += 1
    return result


def indent_list_items(
    lines: list[str], first: int, last: int, cursor: tuple[int, int], *, outdent: bool
) -> LineEdit | None:
    """Tab / Shift+Tab on list items (every line first..last must be one); None otherwise."""
    items = [list_item(lines[i]) for i in range(first, last + 1)]
    if any(item is None for item in items):
        return None
    new_lines = []
    shifts = []
    for index, item in zip(range(first, last + 1), items, strict=True):
        assert item is not None
        text = lines[index]
        if outdent:
            step = _parent_width(lines, index, item) or item.width
            removed = min(step, len(item.indent.replace("\t", "    ")))
            if "\t" in item.indent[:1]:
                new_text, shift = text[1:], -1
            else:
                new_text, shift = text[removed:], -removed
        else:
            step = _sibling_width(lines, index, item) or item.width
            new_text, shift = " " * step + text, step
        new_lines.append(new_text)
        shifts.append(shift)
    line, column = cursor
    column = max(0, column + shifts[line - first]) if first <= line <= last else column
    return LineEdit(first, last + 1, tuple(new_lines), line, column)


def _sibling_width(lines: list[str], index: int, item: ListItem) -> int:
    """Indenting nests under the item above: its content column decides how far."""
    for above in range(index - 1, -1, -1):
        previous = list_item(lines[above])
        if previous is None:
            return 0
        if previous.indent == item.indent:
            return previous.width
    return 0


def _parent_width(lines: list[str], index: int, item: ListItem) -> int:
    """Outdenting goes back to the parent item's column."""
    for above in range(index - 1, -1, -1):
        previous = list_item(lines[above])
        if previous is None:
            return 0
        if len(previous.indent) < len(item.indent):
            return len(item.indent) - len(previous.indent)
    return 0


# --- inline markup ---------------------------------------------------------------------


@dataclass(frozen=True)
class TextEdit:
    """Replace text[start:end] with `new`; the selection afterwards is (anchor, cursor)."""

    start: int
    end: int
    new: str
    anchor: int
    cursor: int


def wrap_selection(text: str, start: int, end: int, marker: str) -> TextEdit:
    """Bold (`**`) or italic (`*`): wrap the selection, or unwrap it when already wrapped.
    With no selection, the pair goes in and the cursor between."""
    width = len(marker)
    selected = text[start:end]
    if (
        len(selected) >= 2 * width
        and selected.startswith(marker)
        and selected.endswith(marker)
        and _same_marker(selected, marker)
    ):
        inner = selected[width:-width]
        return TextEdit(start, end, inner, start, start + len(inner))
    before, after = text[max(0, start - width) : start], text[end : end + width]
    if (
        start != end
        and before == marker
        and after == marker
        and _same_marker(text[start - width : end + width], marker)
    ):
        return TextEdit(start - width, end + width, selected, start - width, end - width)
    return TextEdit(start, end, f"{marker}{selected}{marker}", start + width, end + width)


def _same_marker(wrapped: str, marker: str) -> bool:
    """`**bold**` is not italic-wrapped: the character beyond the marker must differ."""
    width = len(marker)
    inner = wrapped[width:-width]
    return not (inner.startswith(marker[0]) and inner.endswith(marker[0]) and marker == "*")


def make_link(text: str, start: int, end: int) -> TextEdit:
    """`[selection](url)` with "url" selected, ready to be typed over."""
    selected = text[start:end]
    label = selected or "text"
    new = f"[{label}](url)"
    url_start = start + len(label) + 3
    if not selected:  # nothing selected: select the label first, it is what is missing
        return TextEdit(start, end, new, start + 1, start + 1 + len(label))
    return TextEdit(start, end, new, url_start, url_start + 3)


def toggle_comment(lines: list[str], first: int, last: int) -> LineEdit:
    """Ctrl+/: wrap the lines in an HTML comment, or take the comment off them."""
    block = lines[first : last + 1]
    head, tail = block[0], block[-1]
    stripped_head, stripped_tail = head.lstrip(), tail.rstrip()
    if stripped_head.startswith("<!--") and stripped_tail.endswith("-->"):
        indent = head[: len(head) - len(stripped_head)]
        new = list(block)
        opened = stripped_head[4:]
        new[0] = indent + (opened[1:] if opened.startswith(" ") else opened)
        closing = new[-1].rstrip()
        closing = closing[:-3]
        new[-1] = closing[:-1] if closing.endswith(" ") else closing
        return LineEdit(first, last + 1, tuple(new), last, len(new[-1]))
    new = list(block)
    indent = head[: len(head) - len(stripped_head)]
    new[0] = indent + COMMENT_OPEN + head[len(indent) :]
    new[-1] = new[-1] + COMMENT_CLOSE
    return LineEdit(first, last + 1, tuple(new), last, len(new[-1]))


# --- tables ----------------------------------------------------------------------------


def display_width(text: str) -> int:
    """Columns a monospace editor gives `text`: wide CJK and emoji count two, marks none."""
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def split_row(line: str) -> list[str]:
    """The cells of a table row, trimmed (escaped pipes `\\|` stay inside a cell)."""
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    return [cell.strip() for cell in _UNESCAPED_PIPE.split(body)]


def _is_delimiter_row(line: str) -> bool:
    cells = split_row(line)
    return bool(cells) and all(_DELIMITER_CELL.match(cell) for cell in cells)


def table_range(lines: list[str], line: int) -> tuple[int, int] | None:
    """(first, last) line of the GFM table around `line`, or None when it is not in one."""
    if "|" not in lines[line]:
        return None
    first = line
    while first > 0 and "|" in lines[first - 1] and lines[first - 1].strip():
        first -= 1
    last = line
    while last + 1 < len(lines) and "|" in lines[last + 1] and lines[last + 1].strip():
        last += 1
    if last - first < 1 or not _is_delimiter_row(lines[first + 1]):
        return None
    return first, last


def format_table(rows: list[str]) -> list[str]:
    """Pipes aligned, every row with the header's number of cells, alignment kept."""
    cells = [split_row(row) for row in rows]
    count = len(cells[0])
    cells = [(row + [""] * count)[:count] if index != 1 else row for index, row in enumerate(cells)]
    alignments = [_alignment(cell) for cell in (cells[1] + ["---"] * count)[:count]]
    widths = [
        max(3, *(display_width(row[column]) for i, row in enumerate(cells) if i != 1))
        for column in range(count)
    ]
    out = []
    for index, row in enumerate(cells):
        if index == 1:
            parts = [_delimiter(alignments[c], widths[c]) for c in range(count)]
        else:
            parts = [_pad(row[c], widths[c], alignments[c]) for c in range(count)]
        out.append("| " + " | ".join(parts) + " |")
    return out


def _alignment(cell: str) -> str:
    cell = cell.strip()
    left, right = cell.startswith(":"), cell.endswith(":")
    return "center" if left and right else "right" if right else "left" if left else ""


def _delimiter(alignment: str, width: int) -> str:
    if alignment == "center":
        return ":" + "-" * (width - 2) + ":"
    if alignment == "right":
        return "-" * (width - 1) + ":"
    if alignment == "left":
        return ":" + "-" * (width - 1)
    return "-" * width


def _pad(cell: str, width: int, alignment: str) -> str:
    space = width - display_width(cell)
    if alignment == "right":
        return " " * space + cell
    if alignment == "center":
        return " " * (space // 2) + cell + " " * (space - space // 2)
    return cell + " " * space


def _pipes(row: str) -> list[int]:
    return [match.start() for match in _UNESCAPED_PIPE.finditer(row)]


def cell_starts(row: str) -> list[int]:
    """Column where each cell's text starts in a formatted row (after "| ")."""
    pipes = _pipes(row)
    if row.rstrip().endswith("|") and pipes:
        pipes = pipes[:-1]
    return [pipe + 2 for pipe in pipes]


def _cell_index(row: str, column: int) -> int:
    before = sum(1 for pipe in _pipes(row) if pipe < column)
    leading = 1 if row.lstrip().startswith("|") else 0
    return max(0, before - leading)


def format_table_at(lines: list[str], line: int, column: int) -> LineEdit | None:
    """Ctrl+Alt+T: align the table under the cursor; the cursor stays in its cell."""
    found = table_range(lines, line)
    if found is None:
        return None
    first, last = found
    cell = _cell_index(lines[line], column)
    formatted = format_table(lines[first : last + 1])
    return _in_cell(first, last + 1, formatted, line - first, cell)


def move_to_cell(lines: list[str], line: int, column: int, *, backward: bool) -> LineEdit | None:
    """Tab / Shift+Tab in a table: format it and go to the next (previous) cell, selecting
    its text. Tab in the last cell adds a row."""
    found = table_range(lines, line)
    if found is None:
        return None
    first, last = found
    formatted = format_table(lines[first : last + 1])
    count = len(cell_starts(formatted[0]))
    row, cell = line - first, _cell_index(lines[line], column)
    step = -1 if backward else 1
    cell += step
    if row == 1:  # the delimiter row is not a place to type
        row, cell = (0, count - 1) if backward else (2, 0)
    if cell >= count:
        row, cell = row + 1, 0
        if row == 1:
            row = 2
    elif cell < 0:
        row, cell = row - 1, count - 1
        if row == 1:
            row = 0
    if row < 0:
        row, cell = 0, 0
    if row >= len(formatted):
        formatted.append(_empty_row(formatted[0]))
        row = len(formatted) - 1
    return _in_cell(first, last + 1, formatted, row, cell, select=True)


def insert_table_row(lines: list[str], line: int) -> LineEdit | None:
    """A new empty row below the cursor's row (below the header on the header or delimiter
    row), with as many cells as the header, the cursor in its first cell."""
    found = table_range(lines, line)
    if found is None:
        return None
    first, last = found
    formatted = format_table(lines[first : last + 1])
    row = max(line - first, 1) + 1
    formatted.insert(row, _empty_row(formatted[0]))
    return _in_cell(first, last + 1, formatted, row, 0)


def _empty_row(header: str) -> str:
    """A row of blank cells exactly as wide as the (formatted) header's cells."""
    pipes = _pipes(header)
    segments = [header[a + 1 : b] for a, b in itertools.pairwise(pipes)]
    return "|" + "|".join(" " * display_width(segment) for segment in segments) + "|"


def _in_cell(
    first: int, stop_line: int, formatted: list[str], row: int, cell: int, *, select: bool = False
) -> LineEdit:
    text = formatted[row]
    starts = cell_starts(text)
    cell = min(max(cell, 0), len(starts) - 1)
    start = starts[cell]
    stop = _UNESCAPED_PIPE.search(text, start)
    segment = text[start : stop.start() if stop else len(text)]
    content_start = start + (len(segment) - len(segment.lstrip()) if segment.strip() else 0)
    content_end = content_start + len(segment.strip())
    anchor = (first + row, content_start) if select else None
    column = content_end if select else content_start
    return LineEdit(first, stop_line, tuple(formatted), first + row, column, anchor)
