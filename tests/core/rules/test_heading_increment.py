"""FT002 heading-increment: heading levels go down one step at a time.

Bad: `## Defaults` followed by `#### Serving`. Good: `## Defaults` then `### Serving`;
going back up any number of levels is fine.
"""

from __future__ import annotations

RULE = "heading-increment"


def test_bad_h2_to_h4_is_reported_at_the_h4(lint_text):
    text = "# Title\n\nIntro.\n\n## Defaults\n\nText.\n\n#### Serving\n\nText.\n"
    [found] = lint_text(text, "notes.md", rule=RULE)
    assert (found.name, found.line, found.column, found.end_column) == (RULE, 9, 1, 13)
    assert "H2 to H4" in found.message


def test_bad_h1_to_h3(lint_text):
    text = "# Title\n\n### Too deep\n\nText.\n"
    [found] = lint_text(text, "notes.md", rule=RULE)
    assert (found.line, found.column) == (3, 1)
    assert "use H2" in found.message


def test_bad_each_jump_is_reported(lint_text):
    text = "# T\n\n### A\n\nx\n\n## B\n\nx\n\n#### C\n\nx\n"
    assert [d.line for d in lint_text(text, "notes.md", rule=RULE)] == [3, 11]


def test_good_one_step_down_and_any_step_up(lint_text, good_conventions):
    text = "# T\n\n## A\n\n### B\n\n#### C\n\nx\n\n## D\n\nx\n"
    assert lint_text(text, "notes.md", rule=RULE) == []
    assert lint_text(good_conventions, rule=RULE) == []
