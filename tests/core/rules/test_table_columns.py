"""FT103 table-columns: a table section holds a table with exactly the template's columns.

Bad: `| Area | Choice |` under `## Defaults`, or no table at all. Good:
`| Concern | Default | Alternatives |` (case and spacing do not matter).
"""

from __future__ import annotations

RULE = "table-columns"


def test_bad_wrong_columns_reported_at_the_header_row(lint_text, with_section):
    text = with_section("Defaults", "Intro.\n\n| Area | Choice |\n|---|---|\n| a | b |")
    [found] = lint_text(text, rule=RULE)
    assert (found.name, found.line, found.column, found.end_column) == (RULE, 12, 1, 18)
    assert "found Area | Choice" in found.message


def test_bad_missing_column(lint_text, with_section):
    text = with_section("Defaults", "| Concern | Default |\n|---|---|\n| a | b |")
    [found] = lint_text(text, rule=RULE)
    assert found.line == 10


def test_bad_no_table_reported_at_the_heading(lint_text, with_section):
    [found] = lint_text(with_section("Defaults", "Only prose."), rule=RULE)
    assert (found.line, found.column) == (8, 1)
    assert "needs a table" in found.message


def test_good_template_columns(lint_text, with_section, good_conventions):
    text = with_section(
        "Defaults", "| concern | DEFAULT |  Alternatives |\n|---|---|---|\n| a | b | c |"
    )
    assert lint_text(text, rule=RULE) == []
    assert lint_text(good_conventions, rule=RULE) == []
