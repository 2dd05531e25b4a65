"""FT104 table-cell: every cell of a template table is filled in.

Bad: `| Experiment tracking | MLflow |  |`. Good: every cell has text. The diagnostic
points at the empty cell, between its pipes.
"""

from __future__ import annotations

RULE = "table-cell"
HEADER = "| Concern | Default | Alternatives |\n|---|---|---|\n"


def test_bad_empty_last_cell(lint_text, with_section):
    text = with_section("Defaults", HEADER + "| Experiment tracking | MLflow |  |")
    [found] = lint_text(text, rule=RULE)
    # | Experiment tracking | MLflow |  |
    #                                 ^^ columns 33-34
    assert (found.name, found.line, found.column, found.end_column) == (RULE, 12, 33, 35)
    assert "'Alternatives'" in found.message


def test_bad_each_empty_cell_has_its_own_column(lint_text, with_section):
    text = with_section("Defaults", HEADER + "| a |  | c |\n|   | b | c |")
    found = [(d.line, d.column, d.end_column) for d in lint_text(text, rule=RULE)]
    assert found == [(12, 6, 8), (13, 2, 5)]


def test_bad_table_without_outer_pipes(lint_text, with_section):
    text = with_section("Defaults", "Concern | Default | Alternatives\n---|---|---\na |  | c")
    [found] = lint_text(text, rule=RULE)
    assert (found.line, found.column, found.end_column) == (12, 4, 6)
    assert "'Default'" in found.message


def test_bad_escaped_pipe_does_not_shift_the_column(lint_text, with_section):
    text = with_section("Defaults", HEADER + "| a \\| b | c |  |")
    [found] = lint_text(text, rule=RULE)
    assert (found.line, found.column) == (12, 15)


def test_bad_short_row_is_reported_on_its_line(lint_text, with_section):
    text = with_section("Defaults", HEADER + "| a | b |")
    [found] = lint_text(text, rule=RULE)
    assert found.line == 12


def test_good_all_cells_filled(lint_text, good_conventions):
    assert lint_text(good_conventions, rule=RULE) == []
