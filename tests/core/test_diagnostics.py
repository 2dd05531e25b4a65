"""Diagnostics as values, and applying fix edits."""

from foundry_app.core.diagnostics import TextEdit, apply_edits
from foundry_app.core.document import Document


def test_edits_apply_last_first_so_offsets_hold():
    text = "alpha\nbeta\ngamma"
    edits = [TextEdit(1, 1, 1, 6, "ALPHA"), TextEdit(3, 2, 3, 3, "A")]
    assert apply_edits(text, edits) == "ALPHA\nbeta\ngAmma"


def test_insertions_at_one_point_keep_their_order():
    edits = [TextEdit(2, 1, 2, 1, "first\n"), TextEdit(2, 1, 2, 1, "second\n")]
    assert apply_edits("top\nend", edits) == "top\nfirst\nsecond\nend"


def test_edit_past_the_end_appends():
    assert apply_edits("a", [TextEdit(5, 1, 5, 1, "\nb")]) == "a\nb"


def test_same_link_twice_on_a_line_gets_two_columns():
    doc = Document("See [a](x.md) and [b](x.md).\n")
    assert [(link.line, link.column) for link in doc.links] == [(1, 9), (1, 23)]
