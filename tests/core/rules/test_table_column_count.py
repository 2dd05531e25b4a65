"""FT009 table-column-count: no table row has more cells than its header.

Bad: a body row with a third cell under a two-column header, in a template table or in
any other file (inside a quote too). Good: rows with as many cells as the header or
fewer, escaped pipes, and pipes inside code fences.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foundry_app.core.table_source import cell_count, source_cells

RULE = "table-column-count"


def test_bad_extra_cell_in_the_defaults_table(lint_text, good_conventions):
    text = good_conventions.replace(
        "| Testing | pytest | unittest for the standard library only |",
        "| Testing | pytest | unittest for the standard library only | nose |",
    )
    [found] = lint_text(text, rule=RULE)
    assert (found.name, found.line, found.severity.value) == (RULE, 13, "error")
    line = text.split("\n")[12]
    assert found.column == line.index("nose") + 1
    assert found.end_column == line.index("nose") + 5
    assert "4 cells but the header has 3" in found.message


@pytest.mark.parametrize(
    ("table", "line", "column", "end_column"),
    [
        ("| A | B |\n|---|---|\n| a | b | c |", 5, 11, 12),
        ("A | B\n--|--\na | b | c | d", 5, 9, 14),
        ("> | A | B |\n> |---|---|\n> | a | b | c |", 5, 13, 14),
        ("| A |\n|---|\n| a | `x | y` |", 5, 7, 14),  # GFM splits at pipes in code too
    ],
)
def test_bad_rows_with_extra_cells(lint_text, table, line, column, end_column):
    [found] = lint_text(f"# Notes\n\n{table}\n", "notes.md", rule=RULE)
    assert (found.line, found.column, found.end_column) == (line, column, end_column)


@pytest.mark.parametrize(
    "table",
    [
        "| A | B |\n|---|---|\n| a | b |\n| only a |",
        "| A | B |\n|---|---|\n| a \\| still a | b |",
        "```\n| A |\n|---|\n| a | b |\n```",
        "| A | B |\n|---|---|\n| a | b |  ",
    ],
)
def test_good_rows(lint_text, table):
    assert lint_text(f"# Notes\n\n{table}\n", "notes.md", rule=RULE) == []


def test_good_full_file(lint_text, good_conventions):
    assert lint_text(good_conventions, rule=RULE) == []


def test_source_cells_positions():
    cells = source_cells("| a |  b  | |")
    assert [(c.text, c.column, c.end_column) for c in cells] == [
        ("a", 3, 4),
        ("b", 8, 9),
        ("", 12, 13),
    ]


def cells_by_hand(line: str) -> list[tuple[str, int, int]]:
    """The row split one character at a time: the reading the cell finder must match."""
    start = len(line) - len(line.lstrip(" \t>"))
    end = len(line.rstrip())
    if start < end and line[start] == "|":
        start += 1
    cells, cell_start = [], start
    for index in range(start, end + 1):
        at_pipe = index < end and line[index] == "|" and line[index - 1] != "\\"
        if at_pipe or (index == end and cell_start < end):
            raw = line[cell_start:index]
            text = raw.strip()
            first = cell_start + (len(raw) - len(raw.lstrip()) if text else 0)
            cells.append((text, first + 1, first + max(1, len(text)) + 1))
            cell_start = index + 1
    return cells


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="|\\ a>\t", max_size=16))
def test_cells_are_found_as_a_character_by_character_reading_finds_them(line: str):
    cells = source_cells(line)
    assert [(c.text, c.column, c.end_column) for c in cells] == cells_by_hand(line)
    assert cell_count(line) == len(cells)
