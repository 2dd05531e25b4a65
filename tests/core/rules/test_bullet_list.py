"""FT110 bullet-list: a section with `content = "bullets"` holds a bulleted list.

Bad: prose only, a numbered list, fewer bullets than `min-items`. Good: `- item` lines,
at least `min-items` of them (one when the template sets none).
"""

from __future__ import annotations

from helpers import lint_under_template

RULE = "bullet-list"

TEMPLATE = """\
[kinds.stack]
folder = "stacks"
required-files = ["conventions.md"]

[kinds.stack.files."conventions.md"]
sections = [
  { heading = "Principles", content = "bullets" },
  { heading = "Sources", content = "bullets", min-items = 3, optional = true },
]
"""


def lint(make_library, text: str):
    library = make_library({"stacks/demo/conventions.md": text})
    return lint_under_template(library, TEMPLATE, "stacks/demo/conventions.md", text, RULE)


def test_good_bullets(make_library):
    text = "# Demo\n\n## Principles\n\n- Small models.\n* Short reviews.\n"
    assert lint(make_library, text) == []


def test_good_enough_bullets_for_min_items(make_library):
    text = "# Demo\n\n## Principles\n\n- One.\n\n## Sources\n\n- a\n- b\n- c\n"
    assert lint(make_library, text) == []


def test_bad_prose_is_reported_at_the_heading(make_library):
    [found] = lint(make_library, "# Demo\n\n## Principles\n\nKeep models small.\n")
    assert (found.line, found.column) == (3, 1)
    assert found.message == "section 'Principles' needs a bulleted list (- item)"


def test_bad_numbered_list_in_a_bullets_section(make_library):
    found = lint(make_library, "# Demo\n\n## Principles\n\n1. Small models.\n")
    assert [(d.line, d.message) for d in found] == [
        (3, "section 'Principles' needs a bulleted list (- item)"),
        (5, "use a bulleted list (- item) here"),
    ]


def test_bad_too_few_bullets_for_min_items(make_library):
    text = "# Demo\n\n## Principles\n\n- One.\n\n## Sources\n\n- a\n- b\n"
    [found] = lint(make_library, text)
    assert found.line == 7
    assert "has 2 bullet items" in found.message and "at least 3" in found.message


def test_nested_bullets_do_not_count_as_items(make_library):
    text = "# Demo\n\n## Principles\n\n- One.\n\n## Sources\n\n- a\n  - b\n  - c\n"
    [found] = lint(make_library, text)
    assert found.message.startswith("section 'Sources' has 1 bullet item;")
