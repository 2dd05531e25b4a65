"""Counts and names as a reader sees them."""

from __future__ import annotations

import os

from foundry_app.core.wording import counted, readable


def test_counts_are_in_words():
    assert counted(1, "error") == "1 error"
    assert counted(0, "error") == "0 errors"
    assert counted(2, "match", "matches") == "2 matches"


def test_a_byte_that_is_not_utf8_is_written_out_instead_of_lost():
    name = os.fsdecode(b"caf\xe9 \xff.md")  # as Python lists such a file
    assert readable(name) == "caf\\xe9 \\xff.md"
    assert readable(f"Created stacks/{name}") == "Created stacks/caf\\xe9 \\xff.md"


def test_readable_text_is_left_as_it_is():
    for text in ("plain.md", "café ü 漢字 😀.md", ""):
        assert readable(text) is text


def test_a_lone_surrogate_from_elsewhere_is_written_as_its_code():
    assert readable("a\ud800b") == "a\\ud800b"
