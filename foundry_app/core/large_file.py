"""Large-file mode: above a size, the window trades whole-document work for staying instant.

A file of LARGE_FILE_BYTES or more is still parsed, checked and rendered in full, but in a
child process; the preview shows only the blocks around the editor's top line, and the
editor's highlighting is painted in slices between keystrokes. The status bar says so.

The preview's part of that starts sooner, by the page's own size: a page of more than
WHOLE_PAGE_CHARS of HTML is laid out a window at a time at any file size (Qt lays out
about 1 KB a millisecond, and a 90 KB file's 190 KB page held typing for 160 ms on every
lint); the window moves on as the editor scrolls, or as the page itself is scrolled to
either end of it.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from foundry_app.core.render import RenderedBlock

LARGE_FILE_BYTES = 100_000  # about four times the longest file of the shipped library
PREVIEW_WINDOW_CHARS = 30_000  # HTML per preview page: Qt lays out about 1 KB a millisecond
WHOLE_PAGE_CHARS = 40_000  # HTML of the longest page shown whole: about 35 ms of layout
PREVIEW_CHARS_BEFORE = 4_000  # of that, shown above the block at the editor's top line
# reading up, the share of a page shown above it: room to go on up, a screen and more below
UPWARD_SHARE_ABOVE = 0.6
# Once a page has been laid out, the next is sized to the pane: about this many screens.
SCREENS_PER_PAGE = 4
PAGE_CHARS_RANGE = (8_000, WHOLE_PAGE_CHARS)  # never more at once than a page shown whole


def is_large(text: str) -> bool:
    # a character is at least a byte: no need to encode a big text to decide
    return len(text) >= LARGE_FILE_BYTES or len(text.encode("utf-8")) >= LARGE_FILE_BYTES


def fits_one_page(blocks: Sequence[RenderedBlock]) -> bool:
    """Whether the preview shows these blocks as one whole page, not a window at a time."""
    size = 0
    for block in blocks:
        size += len(block.html)
        if size > WHOLE_PAGE_CHARS:
            return False
    return True


def status_text(size: int) -> str:
    return (
        f"Large file ({size / 1e6:.1f} MB): the preview shows the part at the cursor, "
        "and checks run in the background"
    )


def preview_window(
    blocks: Sequence[RenderedBlock],
    line: int,
    chars: int = PREVIEW_WINDOW_CHARS,
    *,
    upward: bool = False,
) -> tuple[int, int]:
    """(first, stop) indexes of the blocks to show for source `line` at the top: a little
    before it (most of `chars`, for a reader going `upward`) and as many after as fit in
    `chars` of HTML (at least one block)."""
    if not blocks:
        return 0, 0
    if upward:
        before = int(chars * UPWARD_SHARE_ABOVE)
    else:
        before = chars * PREVIEW_CHARS_BEFORE // PREVIEW_WINDOW_CHARS
    here = _block_at(blocks, line)
    first, size = here, 0
    while first > 0 and size + len(blocks[first - 1].html) <= before:
        first -= 1
        size += len(blocks[first].html)
    stop = here
    while stop < len(blocks) and (stop == here or size + len(blocks[stop].html) <= chars):
        size += len(blocks[stop].html)
        stop += 1
    return first, stop


def _block_at(blocks: Sequence[RenderedBlock], line: int) -> int:
    """Index of the block that holds source `line` (the last one starting by then)."""
    return max(0, bisect.bisect_right([b.line for b in blocks], line) - 1)


def moved_window(
    blocks: Sequence[RenderedBlock], window: tuple[int, int], line: int, chars: int
) -> tuple[int, int]:
    """The window once the reader has scrolled `window` to one of its ends, the pane keeping
    what it shows: like preview_window's, but always holding at least one block beyond that
    end, so a block too big for the budget can still be reached. Scrolled to its end,
    `line` is the one at the pane's top, inside `window`; scrolled to its start, `line` is
    the block just above `window`."""
    old_first, old_stop = window
    here = _block_at(blocks, line)
    if here < old_first:  # scrolled up: the window for the old top block, still at the top
        first, stop = preview_window(blocks, blocks[old_first].line, chars)
        # and the block past the budget below, whose top the pane may be showing
        return min(first, here), min(len(blocks), stop + 1)
    first, stop = preview_window(blocks, line, chars)
    return first, max(stop, min(len(blocks), old_stop + 1))


def page_chars(html_chars: int, page_height: float, screen_height: float) -> int:
    """HTML for a page about SCREENS_PER_PAGE screens tall, judged by the last page's
    characters per pixel: a page taller than that is laid out for nothing on each edit."""
    low, high = PAGE_CHARS_RANGE
    if page_height <= 0 or screen_height <= 0:
        return PREVIEW_WINDOW_CHARS
    wanted = html_chars / page_height * screen_height * SCREENS_PER_PAGE
    return int(min(high, max(low, wanted)))


def window_holds(blocks: Sequence[RenderedBlock], window: tuple[int, int], line: int) -> bool:
    """True while `line` at the top is inside the window and still leaves a screen of it
    (1 / SCREENS_PER_PAGE of its HTML) below, or the window reaches the file's end."""
    first, stop = window
    if stop <= first:
        return False
    if first > 0 and line < blocks[first].line:
        return False
    if stop == len(blocks):
        return True
    here = max(first, _block_at(blocks, line))
    below = sum(len(block.html) for block in blocks[here:stop])
    whole = sum(len(block.html) for block in blocks[first:stop])
    return below * SCREENS_PER_PAGE >= whole
