"""Checklists: the task items of a document, ticking one, and how far along they are.

Ticking edits the raw text in place: exactly one character changes, so the file on disk
changes by exactly one byte and everything else (newlines, spacing, case) is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from foundry_app.core.document import Document, TaskItem

# markdown-it treats "\r\n", "\r" and "\n" alike as line breaks; so must we.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_FLIPPED = {" ": "x", "x": " ", "X": " "}


class NoTaskError(ValueError):
    """Raised when asked to toggle a line that holds no task item."""

    def __init__(self, line: int) -> None:
        super().__init__(f"no task item on line {line}")
        self.line = line


def tasks(doc: Document) -> list[TaskItem]:
    """The document's task items in source order (never inside code fences or HTML blocks)."""
    return doc.tasks


def toggle_task(text: str, line: int) -> str:
    """Flip the task on 1-based `line`: ' ' becomes 'x', 'x' or 'X' becomes ' '.

    `text` may use '\\n' or '\\r\\n' newlines (or a mix) and may start with a BOM; only the
    state character changes.
    """
    bom = 1 if text.startswith("\ufeff") else 0  # a BOM would hide a task on line 1
    body = text[bom:]
    normalized = _LINE_BREAK.sub("\n", body) if "\r" in body else body
    task = next((t for t in Document(normalized).tasks if t.line == line), None)
    if task is None:
        raise NoTaskError(line)
    offset = bom + _line_start(body, line) + task.column
    state = text[offset] if offset < len(text) else ""
    if state not in _FLIPPED:  # the parse and the raw text disagree: refuse rather than corrupt
        raise NoTaskError(line)
    return text[:offset] + _FLIPPED[state] + text[offset + 1 :]


def toggle_found_task(text: str, task: TaskItem) -> str:
    """Flip `task`, found by a parse of this very `text` (a lint's result), without parsing
    it again: a tick in a 5 MB file would otherwise wait seconds for the parse."""
    bom = 1 if text.startswith("\ufeff") else 0
    offset = bom + _line_start(text[bom:], task.line) + task.column
    box = text[offset - 1 : offset + 2] if offset >= 1 else ""
    if len(box) != 3 or box[0] != "[" or box[2] != "]" or box[1] not in _FLIPPED:
        raise NoTaskError(task.line)  # not the text the task was found in: refuse
    return text[:offset] + _FLIPPED[box[1]] + text[offset + 1 :]


def _line_start(text: str, line: int) -> int:
    """Offset of the first character of 1-based `line` in `text`."""
    if line <= 1:
        return 0
    for number, match in enumerate(_LINE_BREAK.finditer(text), start=2):
        if number == line:
            return match.end()
    raise NoTaskError(line)


@dataclass(frozen=True)
class Progress:
    """How many tasks are done out of how many."""

    done: int
    total: int

    @property
    def fraction(self) -> float:
        """Share done, 0.0 to 1.0; a checklist without tasks counts as 0.0."""
        return self.done / self.total if self.total else 0.0

    def __add__(self, other: Progress) -> Progress:
        return Progress(self.done + other.done, self.total + other.total)

    def __str__(self) -> str:
        return f"{self.done}/{self.total}"


def progress(items: Iterable[TaskItem]) -> Progress:
    items = list(items)
    return Progress(sum(1 for item in items if item.checked), len(items))


def stack_progress(docs: Iterable[Document]) -> Progress:
    """Progress summed over every task of every document (e.g. all files of a stack)."""
    total = Progress(0, 0)
    for doc in docs:
        total += progress(doc.tasks)
    return total
