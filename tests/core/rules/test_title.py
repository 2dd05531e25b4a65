"""FT001 title: a file has exactly one H1 title, and it comes first.

Bad: no H1, prose before the H1, or a second H1. Good: `# Title` as the first block
(ATX or setext), and files outside any item are not held to the template.
"""

from __future__ import annotations

RULE = "title"


def test_bad_no_title_is_reported_on_line_one(lint_text):
    text = "Some intro text.\n\n## Section\n\nBody.\n"
    [found] = lint_text(text, "notes.md", rule=RULE)
    assert (found.name, found.line, found.column) == (RULE, 1, 1)
    assert "no H1" in found.message


def test_bad_title_after_prose_is_reported_at_the_first_block(lint_text):
    text = "Some intro text.\n\n# Python\n\nBody.\n"
    [found] = lint_text(text, "notes.md", rule=RULE)
    assert (found.name, found.line, found.column) == (RULE, 1, 1)
    assert "on line 3" in found.message


def test_bad_second_title_is_reported_at_the_second_h1(lint_text):
    text = "# Python\n\nBody.\n\n# Packaging\n\nMore.\n"
    [found] = lint_text(text, "notes.md", rule=RULE)
    assert (found.name, found.line, found.column, found.end_column) == (RULE, 5, 1, 12)
    assert "second H1" in found.message


def test_bad_empty_file_has_no_title(lint_text):
    [found] = lint_text("", "notes.md", rule=RULE)
    assert (found.name, found.line) == (RULE, 1)


def test_good_title_first(lint_text, good_conventions):
    assert lint_text("# Python\n\nSome intro text.\n", "notes.md", rule=RULE) == []
    assert lint_text(good_conventions, rule=RULE) == []


def test_good_setext_title(lint_text):
    assert lint_text("Python\n======\n\nSome intro text.\n", "notes.md", rule=RULE) == []


def test_good_files_outside_items_need_no_title(lint_stack, good_conventions):
    files = {"stacks/demo/conventions.md": good_conventions, "NOTES.md": "No title here.\n"}
    assert lint_stack(files, rule=RULE) == []


def test_good_html_comment_before_the_title(lint_text):
    text = "<!-- licence: MIT -->\n\n# Python\n\nBody.\n"
    assert lint_text(text, "notes.md", rule=RULE) == []
    multi_line = "<!--\n  generated, do not edit\n-->\n# Python\n\nBody.\n"
    assert lint_text(multi_line, "notes.md", rule=RULE) == []


def test_bad_html_block_that_is_not_a_comment_before_the_title(lint_text):
    text = "<div>intro</div>\n\n# Python\n\nBody.\n"
    [found] = lint_text(text, "notes.md", rule=RULE)
    assert (found.line, found.column) == (1, 1)


def test_good_quoted_h1_is_not_a_second_title(lint_text):
    text = "# Python\n\n> # Quote\n\n- # In a list\n\nBody.\n"
    assert lint_text(text, "notes.md", rule=RULE) == []


def test_bad_only_a_quoted_h1_is_no_title(lint_text):
    [found] = lint_text("> # Quote\n\nBody.\n", "notes.md", rule=RULE)
    assert "no H1" in found.message
