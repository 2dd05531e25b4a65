"""FT109 summary: a short blockquote (or paragraph) right under the H1, before any H2.

Bad: an H2 straight after the title, a paragraph where a blockquote is asked for, a
summary longer than the limit. Good: `> ...` of at most N lines under the title.
"""

from __future__ import annotations

from helpers import lint_under_template

RULE = "summary"

TEMPLATE = """\
[kinds.stack]
folder = "stacks"
required-files = ["conventions.md"]

[kinds.stack.files."*.md"]
title = true
summary = { style = "blockquote", max-lines = 3 }
"""


def lint(make_library, text: str, template: str = TEMPLATE):
    library = make_library({"stacks/demo/notes.md": text})
    return lint_under_template(library, template, "stacks/demo/notes.md", text, RULE)


def test_good_short_blockquote_under_the_title(make_library):
    assert (
        lint(make_library, "# Notes\n\n> What these notes cover,\n> in two lines.\n\n## A\n") == []
    )


def test_good_with_front_matter_before_the_title(make_library):
    assert lint(make_library, "---\nid: demo\n---\n# Notes\n\n> Short.\n\n## A\n") == []


def test_bad_section_straight_after_the_title_is_reported_at_the_title(make_library):
    [found] = lint(make_library, "# Notes\n\n## A\n\nBody.\n")
    assert found.line == 1 and "blockquote" in found.message


def test_bad_paragraph_where_a_blockquote_is_asked(make_library):
    [found] = lint(make_library, "# Notes\n\nA plain paragraph.\n\n## A\n")
    assert found.line == 1


def test_bad_summary_too_long_is_reported_at_its_first_line(make_library):
    text = "# Notes\n\n> one\n> two\n> three\n> four\n\n## A\n"
    [found] = lint(make_library, text)
    assert found.line == 3 and "4 lines" in found.message and "3" in found.message


def test_summary_is_off_unless_the_template_asks(make_library):
    without = TEMPLATE.replace('summary = { style = "blockquote", max-lines = 3 }\n', "")
    assert without != TEMPLATE
    assert lint(make_library, "# Notes\n\n## A\n\nBody.\n", without) == []


def test_the_shipped_template_asks_every_stack_file_for_a_summary(lint_text):
    front = "---\nlast-reviewed: 2025-06\n---\n"
    [found] = lint_text(front + "# Notes\n\n## A\n\nBody.\n", "notes.md", rule=RULE)
    assert found.line == 4 and "at most 8 lines" in found.message
    assert lint_text(front + "# Notes\n\n> Short.\n\n## A\n", "notes.md", rule=RULE) == []
    nine = "".join(f"> line {n}\n" for n in range(1, 10))
    [long] = lint_text(front + "# Notes\n\n" + nine + "\n## A\n", "notes.md", rule=RULE)
    assert long.line == 6 and "9 lines" in long.message


def test_good_a_suppression_comment_may_sit_between_title_and_summary(make_library):
    text = "# Notes\n\n<!-- foundry-disable-file placeholder -->\n\n> Short. TODO\n\n## A\n"
    assert lint(make_library, text) == []
