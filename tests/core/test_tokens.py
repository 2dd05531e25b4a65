"""The token walk over the Rust engine's tree (core.tokens): the facts its fast paths keep —
each inline child's start line and each closer's end line, text nodes read as one token,
and table cells that each hold attributes of their own."""

from __future__ import annotations

from foundry_app.core.document import parse_tokens


def children(text: str) -> list[tuple[str, str, int]]:
    inline = next(token for token in parse_tokens(text) if token.type == "inline")
    return [(child.type, child.content, child.line) for child in inline.children]


def test_inline_children_carry_the_line_they_start_on_and_closers_the_line_they_end_on():
    text = "one `a` **b**\ntwo [l](u) *e\nf* three\n"
    assert children(text) == [
        ("text", "one ", 1),
        ("code_inline", "a", 1),
        ("text", " ", 1),
        ("strong_open", "", 1),
        ("text", "b", 1),
        ("strong_close", "", 1),
        ("softbreak", "", 1),
        ("text", "two ", 2),
        ("link_open", "", 2),
        ("text", "l", 2),
        ("link_close", "", 2),
        ("text", " ", 2),
        ("em_open", "", 2),
        ("text", "e", 2),
        ("softbreak", "", 2),
        ("text", "f", 3),
        ("em_close", "", 3),  # the emphasis ends on the line below its start
        ("text", " three", 3),
    ]


def test_lines_are_found_again_after_a_jump_back_and_in_a_later_paragraph():
    # a heading's inline nodes, then a paragraph far below: every lookup starts afresh
    text = "# Title\n\n" + "filler\n\n" * 50 + "last **x**\n"
    assert children(text) == [("text", "Title", 1)]
    last = [t for t in parse_tokens(text) if t.type == "inline"][-1]
    assert [(c.type, c.line) for c in last.children] == [
        ("text", 103),
        ("strong_open", 103),
        ("text", 103),
        ("strong_close", 103),
    ]


def test_adjacent_text_nodes_read_as_one_token():
    # an escape and an entity are nodes of their own in the engine's tree
    assert children("a\\*b&amp;c *d*\n") == [
        ("text", "a*b&c ", 1),
        ("em_open", "", 1),
        ("text", "d", 1),
        ("em_close", "", 1),
    ]


def test_every_aligned_table_cell_has_attributes_of_its_own():
    tokens = parse_tokens("| a | b |\n|:-|-|\n| 1 | 2 |\n| 3 | 4 |\n")
    cells = [t for t in tokens if t.type in ("th_open", "td_open")]
    assert [dict(c.attrs) for c in cells] == [{"style": "text-align:left"}, {}] * 3
    aligned = [c.attrs for c in cells if c.attrs]
    assert len({id(attrs) for attrs in aligned}) == len(aligned)
