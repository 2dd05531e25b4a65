"""Suppression comments are found in one pass over an HTML block, whatever it holds: the
regular expressions they were found with backtracked on some blocks for minutes."""

from __future__ import annotations

from foundry_app.core.document import Document
from foundry_app.core.suppressions import find_suppressions, is_directive_block


def html_blocks(text: str) -> list:
    return [t for t in Document(text).tokens if t.type == "html_block"]


def test_a_directive_followed_by_empty_comments_and_text_is_content_not_a_directive():
    # each empty comment doubled the time of the old match: 40 of them, days
    line = "<!-- foundry-disable-next-line placeholder -->" + "<!---->" * 40 + "x"
    [block] = html_blocks(f"# T\n\n{line}\n")
    assert not is_directive_block(block)
    assert [s.kind for s in find_suppressions([block], [line])] == ["disable-next-line"]


def test_directive_blocks_are_only_directives_with_blank_space_between():
    [only] = html_blocks("<!-- foundry-disable FT004 -->  <!-- foundry-enable FT004 -->\n")
    assert is_directive_block(only)
    [mixed] = html_blocks("<!-- foundry-disable FT004 --> <!-- a note -->\n")
    assert not is_directive_block(mixed)


def test_unclosed_directive_lines_are_passed_over_in_one_pass():
    text = "# T\n\n" + "<!-- foundry-disable placeholder\n" * 40_000  # 1.3 MB, never closed
    blocks = html_blocks(text)
    assert find_suppressions(blocks, text.split("\n")) == ()
    assert not any(is_directive_block(block) for block in blocks)
