"""FT008 front-matter-yaml: the front matter at the top of a file is valid YAML.

Bad: a block that does not parse, reported at the line where it goes wrong.
Good: an intact block, and no other rule reports anything inside it.
"""

from __future__ import annotations

RULE = "front-matter-yaml"

INTACT = """\
---
id: demo
last-reviewed: 2025-06
title: "Demo: conventions"
tags:
  - packaging
  - testing
notes: |
  # not a heading
  TODO is a word here, <b>not</b> HTML
---
"""


def test_bad_invalid_yaml_is_reported_at_its_line(lint_text):
    text = "---\nid: demo\ntags: [one, two\n---\n# Notes\n\nBody.\n"
    [found] = lint_text(text, "notes.md", rule=RULE)
    assert found.name == RULE and found.line in (3, 4)
    assert "not valid YAML" in found.message


def test_good_intact_block_has_no_finding_from_any_rule(lint_text, good_conventions):
    body = good_conventions.split("---\n", 2)[2]  # the good file without its own front matter
    assert lint_text(INTACT + body, rule=RULE) == []
    every = lint_text(INTACT + body)
    assert [d for d in every if d.line <= 11] == []


def test_good_front_matter_before_the_title_satisfies_the_title_rule(lint_text):
    assert lint_text(INTACT + "# Notes\n\nBody.\n", "notes.md", rule="title") == []


def test_bad_missing_title_is_reported_after_the_front_matter(lint_text):
    [found] = lint_text(INTACT + "Body only.\n", "notes.md", rule="title")
    assert found.line == 12
