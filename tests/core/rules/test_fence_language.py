"""FT004 fence-language: every fenced code block names its language.

Bad: a bare ```` ``` ```` fence. Good: ```` ```bash ````. The quick fix marks the block
as `text`, also for fences inside list items and block quotes.
"""

from __future__ import annotations

import pytest

RULE = "fence-language"


def test_bad_bare_fence_is_reported_at_the_opening_line(lint_text):
    text = "# T\n\nRun:\n\n```\nuv run pytest\n```\n"
    [found] = lint_text(text, "notes.md", rule=RULE)
    assert (found.name, found.line, found.column, found.end_column) == (RULE, 5, 1, 4)


@pytest.mark.parametrize(
    ("fence", "fixed"),
    [
        ("```\nuv run\n```", "```text\nuv run\n```"),
        ("````  \nuv run\n````", "````text\nuv run\n````"),
        ("~~~\nuv run\n~~~", "~~~text\nuv run\n~~~"),
        ("> ```\n> uv run\n> ```", "> ```text\n> uv run\n> ```"),
        ("- ```\n  uv run\n  ```", "- ```text\n  uv run\n  ```"),
        ("1. ~~~~\n   uv run\n   ~~~~", "1. ~~~~text\n   uv run\n   ~~~~"),
    ],
)
def test_fix_marks_the_block_as_text(lint_text, apply_fix, fence, fixed):
    text = f"# T\n\nRun:\n\n{fence}\n"
    [found] = lint_text(text, "notes.md", rule=RULE)
    assert found.line == 5
    repaired = apply_fix(text, found)
    assert repaired == f"# T\n\nRun:\n\n{fixed}\n"
    assert lint_text(repaired, "notes.md", rule=RULE) == []


def test_bad_each_bare_fence_is_reported(lint_text):
    text = "# T\n\nx\n\n```\na\n```\n\n```bash\nls\n```\n\n~~~\nb\n~~~\n"
    assert [d.line for d in lint_text(text, "notes.md", rule=RULE)] == [5, 13]


def test_good_fences_with_a_language(lint_text, good_conventions):
    text = "# T\n\n```bash\nuv run pytest\n```\n\n~~~text\noutput\n~~~\n"
    assert lint_text(text, "notes.md", rule=RULE) == []
    assert lint_text(good_conventions, rule=RULE) == []
