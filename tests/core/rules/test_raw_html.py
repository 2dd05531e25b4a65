"""FT007 raw-html: files are plain Markdown; raw HTML blocks and tags are flagged.

Bad: a `<details>` block or an inline `<br>`. Good: the Markdown equivalent; HTML comments
and tags inside code are left alone.
"""

from __future__ import annotations

from foundry_app.core.diagnostics import Severity

RULE = "raw-html"


def test_bad_html_block_is_reported_at_its_first_line(lint_text):
    text = "# T\n\nIntro.\n\n<details>\n<summary>More</summary>\n</details>\n"
    [found] = lint_text(text, "notes.md", rule=RULE)
    assert (found.name, found.line, found.column) == (RULE, 5, 1)
    assert found.severity == Severity.WARNING


def test_bad_inline_tag_is_reported_at_the_tag(lint_text):
    text = "# T\n\nOne<br>two and <b>bold</b>.\n"
    found = lint_text(text, "notes.md", rule=RULE)
    assert [(d.line, d.column, d.end_column) for d in found] == [
        (3, 4, 8),
        (3, 16, 19),
        (3, 23, 27),
    ]


def test_good_comments_code_and_markdown(lint_text, good_conventions):
    text = (
        "# T\n\n<!-- reviewed 2026-11 -->\n\nText with `<b>` in code.\n\n"
        "```html\n<b>example</b>\n```\n"
    )
    assert lint_text(text, "notes.md", rule=RULE) == []
    assert lint_text(good_conventions, rule=RULE) == []
