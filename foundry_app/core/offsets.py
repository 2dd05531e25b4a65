"""A character offset in a text as the 1-based line and column a finding is reported at."""

from __future__ import annotations


def line_and_column(text: str, index: int) -> tuple[int, int]:
    """1-based (line, column) of `text[index]`, lines broken at "\\n" only."""
    index = max(0, min(index, len(text)))
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)
