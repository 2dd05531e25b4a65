"""Large-file mode: above a size, the window trades whole-document work for staying instant.

A file of LARGE_FILE_BYTES or more is still parsed, checked and rendered in full, but in a
child process; the preview shows only the blocks around the editor's top line, and the
editor's highlighting is painted in slices between keystrokes. The status bar says so.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from foundry_app.core.render import RenderedBlock

LARGE_FILE_BYTES = 100_000  # about four times the longest file of the shipped library
PREVIEW_WINDOW_CHARS = 30_000  # HTML per preview page: Qt lays out about 1 KB a millisecond
PREVIEW_CHARS_BEFORE = 4_000  # of that, shown above the block at the editor's top line


def is_large(text: str) -> bool:
    # a character is at least a byte: no need to encode a big text to decide
    return len(text) >= LARGE_FILE_BYTES or len(text.encode("utf-8")) >= LARGE_FILE_BYTES


def status_text(size: int) -> str:
    return (
        f"Large file ({size / 1e6:.1f} MB): the preview shows the part at the cursor, "
        "and checks run in the background"
    )


def preview_window(blocks: Sequence[RenderedBlock], line: int) -> tuple[int, int]:
    """(first, stop) indexes of the blocks to show for source `line` at the top: a little
    before it and as many after as fit in PREVIEW_WINDOW_CHARS (at least one block)."""
    if not blocks:
        return 0, 0
    here = max(0, bisect.bisect_right([b.line for b in blocks], line) - 1)
    first, size = here, 0
    while first > 0 and size + len(blocks[first - 1].html) <= PREVIEW_CHARS_BEFORE:
        first -= 1
        size += len(blocks[first].html)
    stop = here
    while stop < len(blocks) and (
        stop == here or size + len(blocks[stop].html) <= PREVIEW_WINDOW_CHARS
    ):
        size += len(blocks[stop].html)
        stop += 1
    return first, stop


def window_holds(blocks: Sequence[RenderedBlock], window: tuple[int, int], line: int) -> bool:
    """True while `line` at the top still leaves the window's later half on screen."""
    first, stop = window
    if stop <= first:
        return False
    starts_before = first == 0 or blocks[first].line <= line
    middle = first + (stop - first) // 2
    ends_after = stop == len(blocks) or line <= blocks[min(middle, stop - 1)].end_line
    return starts_before and ends_after
