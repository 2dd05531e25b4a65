"""Large-file mode's decisions: the threshold, the preview cut into blocks, its window."""

from __future__ import annotations

import sys
from pathlib import Path

from foundry_app.core.document import Document
from foundry_app.core.large_file import (
    LARGE_FILE_BYTES,
    PAGE_CHARS_RANGE,
    PREVIEW_WINDOW_CHARS,
    SCREENS_PER_PAGE,
    WHOLE_PAGE_CHARS,
    fits_one_page,
    is_large,
    moved_window,
    page_chars,
    preview_window,
    window_holds,
)
from foundry_app.core.render import RenderedBlock, page_html, render_blocks, render_html

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from synthetic import big_document


def test_threshold_counts_bytes_not_characters():
    assert not is_large("a" * (LARGE_FILE_BYTES - 1))
    assert is_large("a" * LARGE_FILE_BYTES)
    assert is_large("é" * (LARGE_FILE_BYTES // 2))  # two bytes each in UTF-8


def test_blocks_joined_are_the_whole_preview():
    doc = Document(big_document(60_000) + "\n---\n\n> quote\n\n<div>raw</div>\n")
    blocks = render_blocks(doc)
    assert page_html("".join(block.html for block in blocks)) == render_html(doc)
    assert [block.line for block in blocks] == [block.line for block in doc.blocks]
    assert all(f'<a name="L{block.line}">' in block.html for block in blocks)


def test_blocks_of_an_empty_document():
    assert render_blocks(Document("")) == []
    assert preview_window([], 10) == (0, 0)


def test_window_starts_just_before_the_line_and_fits_the_budget():
    blocks = render_blocks(Document(big_document(300_000)))
    line = blocks[len(blocks) // 2].line
    first, stop = preview_window(blocks, line)
    assert blocks[first].line <= line < blocks[stop - 1].end_line + 1
    assert sum(len(b.html) for b in blocks[first:stop]) <= PREVIEW_WINDOW_CHARS
    assert window_holds(blocks, (first, stop), line)
    assert not window_holds(blocks, (first, stop), blocks[-1].line)
    assert preview_window(blocks, 1)[0] == 0
    assert preview_window(blocks, 10**9)[1] == len(blocks)


def _windows_while_scrolling(blocks, lines, chars: int) -> int:
    """How many windows scroll_to_line's policy builds for the editor's top line going
    through `lines` in order; each built window must hold the line it was built for."""
    window, top, built = preview_window(blocks, lines[0], chars), lines[0], 0
    for line in lines[1:]:
        if not window_holds(blocks, window, line):
            window = preview_window(blocks, line, chars, upward=line < top)
            built += 1
            assert window_holds(blocks, window, line)
        top = line
    return built


# pins: reading up a long file (the editor's top line moving up a screen at a time) builds a
# new window no more often than reading down, not on every screen
def test_a_window_for_a_reader_going_up_leaves_room_above():
    blocks = render_blocks(Document(big_document(300_000)))
    screen = 30  # source lines
    chars = PREVIEW_WINDOW_CHARS
    lines = range(1, blocks[-1].end_line - screen, screen)
    down = _windows_while_scrolling(blocks, list(lines), chars)
    up = _windows_while_scrolling(blocks, list(reversed(lines)), chars)
    assert down < len(lines) // 2
    assert up <= down + 1


def test_a_block_larger_than_the_budget_is_still_shown():
    doc = Document("# Big\n\n" + "word " * (PREVIEW_WINDOW_CHARS // 2) + "\n")
    blocks = render_blocks(doc)
    assert preview_window(blocks, 3) == (1, 2) or preview_window(blocks, 3) == (0, 2)


def test_a_page_is_sized_to_a_few_screens_of_the_pane_within_bounds():
    # 10 characters a pixel, a 500-pixel pane: four screens are 20,000 characters
    assert page_chars(30_000, 3_000, 500) == 10 * 500 * SCREENS_PER_PAGE
    assert page_chars(30_000, 30_000, 100) == PAGE_CHARS_RANGE[0]  # tall, narrow pages
    assert page_chars(30_000, 10, 2_000) == PAGE_CHARS_RANGE[1]
    assert page_chars(30_000, 0, 500) == PREVIEW_WINDOW_CHARS  # nothing laid out yet


def _blocks(*sizes: int) -> list[RenderedBlock]:
    return [RenderedBlock(10 * n + 1, 10 * n + 9, "x" * size) for n, size in enumerate(sizes)]


def test_a_page_is_shown_whole_up_to_the_limit_of_its_html():
    assert fits_one_page(_blocks(WHOLE_PAGE_CHARS // 2, WHOLE_PAGE_CHARS // 2))
    assert not fits_one_page(_blocks(WHOLE_PAGE_CHARS // 2, WHOLE_PAGE_CHARS // 2 + 1))
    assert fits_one_page([])


def test_a_window_scrolled_to_its_end_always_takes_in_the_next_block_however_big():
    blocks = _blocks(1_000, 1_000, 1_000, 50_000, 1_000)
    window = preview_window(blocks, 1, 5_000)
    assert window == (0, 3)  # the big block does not fit the budget
    moved = moved_window(blocks, window, blocks[2].line, 5_000)
    assert moved[0] <= 2 < 3 < moved[1]  # the top block stays, the big one comes in
    assert moved_window(blocks, (3, 5), blocks[4].line, 5_000)[1] == 5  # nothing past the end


def test_a_window_scrolled_to_its_start_takes_in_the_block_above():
    blocks = _blocks(1_000, 50_000, 1_000, 1_000)
    moved = moved_window(blocks, (2, 4), blocks[1].line, 5_000)
    assert moved == (1, 4)  # the big block comes in, and what the pane showed stays
    blocks = _blocks(1_000, 1_000, 1_000, 50_000, 1_000)
    moved = moved_window(blocks, (2, 5), blocks[1].line, 5_000)
    assert moved == (1, 4)  # the big block below the old top one stays too: it may be shown
