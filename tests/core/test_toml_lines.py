"""core.toml_lines: the line of a key, a table header or an array item in a TOML text."""

from __future__ import annotations

import pytest

from foundry_app.core.toml_lines import KeyLines, dotted, line_of

TEXT = """\
# a comment [not.a.table]
[library]
name = "x"   # trailing comment

[kinds.stack.files."conventions.md"]
sections = [
  { heading = "Defaults", content = "table" },
  # between items
  { heading = "Do / Don't",
    prefixes = ["Do", "Don't"] },
]
a.b."c.d" = 'literal \\ stays'
text = \"\"\"
[fake.header]
\"quoted\" = 1
\"\"\"

[[overrides]]
files = ["claude/**/*.md"]

[[overrides]]
rules = { placeholder = "warning" }
"""


@pytest.mark.parametrize(
    ("path", "line"),
    [
        (("library",), 2),
        (("library", "name"), 3),
        (("kinds", "stack", "files", "conventions.md"), 5),
        (("kinds", "stack", "files", "conventions.md", "sections"), 6),
        (("kinds", "stack", "files", "conventions.md", "sections", 0), 7),
        (("kinds", "stack", "files", "conventions.md", "sections", 0, "content"), 7),
        (("kinds", "stack", "files", "conventions.md", "sections", 1), 9),
        (("kinds", "stack", "files", "conventions.md", "sections", 1, "prefixes"), 10),
        (("kinds", "stack", "files", "conventions.md", "sections", 1, "prefixes", 1), 10),
        (("kinds", "stack", "files", "conventions.md", "a", "b", "c.d"), 12),
        (("kinds", "stack", "files", "conventions.md", "text"), 13),
        (("overrides", 0), 18),
        (("overrides", 0, "files", 0), 19),
        (("overrides", 1, "rules", "placeholder"), 22),
    ],
)
def test_each_key_header_and_item_has_its_line(path, line):
    assert line_of(TEXT, path) == line


def test_text_inside_strings_and_comments_is_not_a_key():
    lines = KeyLines(TEXT)
    assert lines.line(("fake", "header")) == 1  # only in a multi-line string
    assert lines.line(("not", "a", "table")) == 1  # only in a comment


def test_a_missing_key_gets_the_line_of_its_table():
    assert line_of(TEXT, ("kinds", "stack", "files", "conventions.md", "summary")) == 5
    assert line_of(TEXT, ("overrides", 1, "ignore")) == 21


def test_broken_text_keeps_the_lines_found_before_the_break():
    assert line_of('[library]\nname = "x"\nbroken = [\n', ("library", "name")) == 2


def test_dotted_names_quote_only_what_needs_quoting():
    path = ("kinds", "stack", "files", "conventions.md", "sections", 0, "min_items")
    assert dotted(path) == 'kinds.stack.files."conventions.md".sections[0].min_items'
    assert dotted(("a", 'say "hi"')) == 'a."say \\"hi\\""'
