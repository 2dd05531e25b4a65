"""Diagnostics and fixes: plain values that rules return and every front end shows."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class TextEdit:
    """Replace the range (1-based line/column, end exclusive) with `new_text`."""

    line: int
    column: int
    end_line: int
    end_column: int
    new_text: str


@dataclass(frozen=True, slots=True)
class Fix:
    title: str
    edits: tuple[TextEdit, ...]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    path: Path
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str  # id, e.g. "FT101"
    name: str  # kebab-case name, e.g. "missing-section"
    severity: Severity
    message: str
    fix: Fix | None = field(default=None, compare=False)

    def sort_key(self) -> tuple:
        return (str(self.path), self.line, self.column, self.rule)

    def to_json(self, relative_to: Path | None = None) -> dict:
        path = self.path
        if relative_to is not None:
            with contextlib.suppress(ValueError):
                path = path.relative_to(relative_to)
        return {
            "path": path.as_posix(),
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "name": self.name,
            "severity": str(self.severity),
            "message": self.message,
        }


def apply_edits(text: str, edits: tuple[TextEdit, ...] | list[TextEdit]) -> str:
    """Apply non-overlapping edits to `text` ('\\n' newlines), last first so offsets hold."""
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)

    def offset(line: int, column: int) -> int:
        if line > len(lines):
            return len(text)
        return min(starts[line - 1] + column - 1, starts[line] - 1)

    # Last first keeps earlier offsets valid; ties go in reverse list order so that several
    # insertions at one point come out in the order they were given.
    ordered = sorted(enumerate(edits), key=lambda pair: (pair[1].line, pair[1].column, pair[0]))
    for _, edit in reversed(ordered):
        start, end = offset(edit.line, edit.column), offset(edit.end_line, edit.end_column)
        text = text[:start] + edit.new_text + text[end:]
    return text
