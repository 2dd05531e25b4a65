"""YAML front matter: recognised by the one parser, exposed on Document as plain data."""

from __future__ import annotations

import datetime

import pytest

from foundry_app.core.document import Document
from foundry_app.core.lint import check_data_file

HEADER = """\
---
id: python
title: Python
last_reviewed: 2025-03-14
since: 2025-03
tags: [packaging, testing]
---
# Python

Body.
"""


def test_front_matter_is_data_with_the_line_of_each_key():
    front = Document(HEADER).front_matter
    assert front is not None and front.error is None
    assert (front.line, front.end_line) == (1, 7)
    assert front.data["id"] == "python"
    assert front.data["tags"] == ["packaging", "testing"]
    assert front.data["last_reviewed"] == datetime.date(2025, 3, 14)  # dates stay dates
    assert front.data["since"] == "2025-03"
    assert front.key_lines == {"id": 2, "title": 3, "last_reviewed": 4, "since": 5, "tags": 6}
    assert front.line_of("missing") == 1


def test_front_matter_is_never_a_heading_or_a_rule():
    doc = Document(HEADER)
    assert [(h.level, h.text, h.line) for h in doc.headings] == [(1, "Python", 8)]
    assert [b.kind for b in doc.blocks] == ["heading", "paragraph"]
    assert doc.body_line == 8


def test_invalid_yaml_keeps_the_block_and_names_the_line():
    doc = Document("---\nid: python\ntags: [packaging\nowner: me\n---\n# Python\n")
    front = doc.front_matter
    assert front is not None and front.data == {}
    assert front.error is not None
    assert 3 <= front.error.line <= 5
    assert "not valid YAML" in front.error.message
    assert [h.text for h in doc.headings] == ["Python"]


def test_yaml_that_is_not_a_mapping_is_an_error():
    front = Document("---\n- one\n- two\n---\n# T\n").front_matter
    assert front is not None and front.error is not None and front.error.line == 2


def test_empty_block_has_no_keys_and_no_error():
    front = Document("---\n---\n# T\n").front_matter
    assert front is not None and front.data == {} and front.error is None


def test_no_front_matter_without_an_opening_fence_on_line_one():
    assert Document("# T\n\n---\nid: x\n---\n").front_matter is None
    assert Document("\n---\nid: x\n---\n").front_matter is None
    assert Document("").front_matter is None
    assert Document("# T\n").body_line == 1


def test_unclosed_block_is_not_front_matter():
    doc = Document("---\nid: x\n\n# T\n")
    assert doc.front_matter is None


def test_unsafe_yaml_tags_are_refused_not_run():
    front = Document("---\nx: !!python/object/apply:os.system ['true']\n---\n# T\n").front_matter
    assert front is not None and front.error is not None and front.data == {}


def test_huge_or_binary_front_matter_does_not_break_the_document():
    big = "---\n" + "".join(f"k{i}: {'v' * 50}\n" for i in range(2000)) + "---\n# T\n"
    front = Document(big).front_matter
    assert front is not None and front.error is not None and "longer than" in front.error.message
    odd = Document("---\nid: x\nkey: \x01 value\n---\n# T\n").front_matter
    assert odd is not None and odd.error is not None and odd.error.line == 3


def test_a_date_that_does_not_exist_stays_text():
    front = Document("---\nid: x\nreviewed: 2025-02-30\n---\n# T\n").front_matter
    assert front is not None and front.error is None
    assert front.data["reviewed"] == "2025-02-30"


# Texts on which PyYAML's pure-Python and libyaml builds give different verdicts.
_BUILDS_DISAGREE = [
    "title:\t T\nversion: 2\n",
    "title: T\nversion: 2\ntags: [a:, b]\n",
    "title: T\ntags]: [a, b?]\n",
    "title: T\nbroken: [a, b\n",
    "title: T\nok: fine\n",
]


@pytest.mark.parametrize("yaml_text", _BUILDS_DISAGREE)
def test_front_matter_accepts_what_a_yaml_data_file_accepts(tmp_path, yaml_text):
    front = Document(f"---\n{yaml_text}---\n# Title\n").front_matter
    data_file_fails = bool(check_data_file(None, tmp_path / "same.yaml", yaml_text))
    assert front is not None
    assert (front.error is not None) == data_file_fails


@pytest.mark.parametrize("opening", ["[", "{a: "])
def test_front_matter_nested_thousands_deep_is_an_error_at_its_line(opening):
    """Within the 64,000-character limit a header can nest 12,000 deep and more: the loader stops
    with a message, never with a crash or a recursion error."""
    yaml_text = "title: T\nbad: " + opening * 12_000 + "\n"
    front = Document(f"---\n{yaml_text}---\n# Title\n").front_matter
    assert front is not None and front.error is not None
    assert front.error.message.startswith("front matter is not valid YAML")
    assert 2 <= front.error.line <= 4


def test_front_matter_errors_are_on_the_lines_of_the_file():
    from foundry_app.core.document import Document

    after_accent = Document("---\nname: café\nnote: a\x07b\n---\n# T\n").front_matter
    assert after_accent.error.line == 3 and "U+0007" in after_accent.error.message
    after_separator = Document("---\na: x\u2028y\nb: [1\nc: 2\n---\n# T\n").front_matter
    assert after_separator.error.line == 3  # the `b: [1` line, as libyaml reads it


def test_a_repeated_key_is_found_on_the_line_of_the_value_yaml_keeps():
    from foundry_app.core.document import Document

    front = Document("---\nlast-reviewed: 2024-01\nlast-reviewed: 2999-01\n---\n# T\n").front_matter
    assert str(front.data["last-reviewed"]) == "2999-01" and front.line_of("last-reviewed") == 3
    separated = Document('---\nnote: "a\u2028b"\nid: x\n---\n# T\n').front_matter
    assert separated.line_of("id") == 3
