"""Which engine reads a text: the few kinds of text markdown-it-pyrs 0.4.0 gets wrong go
to markdown-it-py. Every scan here is linear in the text; a false alarm costs only speed.
"""

from __future__ import annotations

import re


class _AtLineStart:
    """A pattern that must match at the start of a line. `^` under MULTILINE is tested at
    every character; a leading newline lets the regex engine jump from line to line."""

    def __init__(self, body: str) -> None:
        self._first_line = re.compile(body, re.MULTILINE)
        self._later_line = re.compile("\n" + body, re.MULTILINE)

    def found(self, text: str) -> bool:
        return bool(self._first_line.match(text) or self._later_line.search(text))


# Where a paragraph can end: a blank line, or a line that opens a list item, fence or heading.
_BLOCK_BREAK = re.compile(
    r"\n(?:[ \t>]*\n|[ ]{0,3}(?:>[ ]{0,4})*(?=[-*+] |[-*+]$|\d{1,9}[.)]|```|~~~|#))"
)
_BACKTICK_RUN = re.compile(r"`+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# The Rust engine's emphasis time grows with the square of one paragraph's delimiters
# (400 KB of `word *a* ` took 4 s, 5 MB did not end); markdown-it-py's grows in step with
# them. A paragraph this long with this many `*`, `_` or `~` goes to Python.
_LONG_PARAGRAPH_CHARS = 50_000
_MANY_DELIMITERS = 20_000  # below this the Rust engine still takes under half a second
# Containers nested past markdown-it's limit of 20: quotes and list markers in one line's
# prefix, or a list marker indented like the twentieth level. The Rust engine has no limit:
# its time grows with the square of the depth and a deep enough tree crashes the process.
_DEEP_PREFIX = _AtLineStart(r"(?:[ \t]*(?:>|[-*+]|\d{1,9}[.)])(?=[ \t>]|$)){20,}")
_DEEP_INDENT = _AtLineStart(r"[ \t]{40,}(?:>|[-*+]|\d{1,9}[.)])(?=[ \t]|$)")
_DELIMITER_ROW = re.compile(r"^(?=[^\n]*\|)(?=[^\n]*-)[ \t|:-]+$", re.MULTILINE)
_FENCE_LINE = re.compile(r"^---[ \t]*$", re.MULTILINE)
_INDENTED_FENCE = re.compile(r"^[ \t]+---[ \t]*$", re.MULTILINE)
# A table's delimiter row, its rows, then a list item: GitHub ends the table there.
# (A scan stops at the next delimiter-like line, so that many of them stay linear.)
_ITEM_AFTER_ROW = _AtLineStart(
    r"(?=[^\n]*\|)(?=[^\n]*-)[ \t|:-]+\n(?:(?![ \t|:-]+\n)[ \t]*\S[^\n]*\n)*?"
    r"[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|\n|$)"
)
# A quote's line, then (after lines of lazy text, each scan stopping at the next quote
# line so that a long quote stays linear) one opening an ordered list not at 1, an empty
# list item, or a table row: GitHub and markdown-it-py read the quote's lazy text
# differently from Rust.
_LIST_AFTER_QUOTE = _AtLineStart(
    r"[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*>[^\n]*\n(?:(?![ \t]*>)[ \t]*\S[^\n]*\n)*?"
    r"[ \t>]*(?:(?!0*1[.)])\d{1,9}[.)](?:[ \t]|$)|(?:[-*+]|\d{1,9}[.)])[ \t]*$|\|)"
)


def needs_python_engine(text: str) -> bool:
    """True for the texts the Rust engine gets wrong:
    - containers nested deeper than markdown-it's limit of 20;
    - a first line that is nearly a front matter fence;
    - a list item right under a table row (read as a row);
    - an ordered list, an empty list item or a table row right under a quote (read as
      the quote's text);
    - a paragraph of tens of thousands of emphasis delimiters (quadratic in Rust);
    - a paragraph with a backtick run that no later run closes, after a `[`: the engine
      panics on some of those, and its panic message would reach the terminal (a
      missed one is still caught by the caller)."""
    if _DEEP_PREFIX.found(text) or _DEEP_INDENT.found(text):
        return True
    if len(text) >= _LONG_PARAGRAPH_CHARS and _long_paragraph_of_delimiters(text):
        return True
    if ">" in text and _LIST_AFTER_QUOTE.found(text):
        return True
    if "|" in text and _ITEM_AFTER_ROW.found(text):
        return True
    head = text[:64].lstrip(" \t")
    if head.startswith("---"):
        if text.split("\n", 1)[0].rstrip(" \t") != "---":
            return True  # the Rust engine also takes ` ---` for the opening fence
        closing = _FENCE_LINE.search(text, 3)
        if _INDENTED_FENCE.search(text, 3, closing.start() if closing else len(text)):
            return True  # and an indented `---` for the closing one
    if "[" not in text or "`" not in text:
        return False
    for chunk in _BLOCK_BREAK.split(text):
        if "`" not in chunk or "[" not in chunk:
            continue
        if _unclosed_run_after_bracket(chunk):
            return True
        # a heading is one line, and a table's cells are parsed one by one
        lines = chunk.split("\n")
        heading = chunk.lstrip(" >").startswith("#")
        pieces = [lines[0], "\n".join(lines[1:])] if heading else []
        if "|" in chunk and _DELIMITER_ROW.search(chunk):
            pieces += [cell for line in lines for cell in line.split("|")]
        if any(_unclosed_run_after_bracket(piece) for piece in pieces if "[" in piece):
            return True
    return False


def _unclosed_run_after_bracket(chunk: str) -> bool:
    """Code spans pair as CommonMark pairs them: a run is closed by the next run of the
    same length, and a run that nothing closes is plain text."""
    bracket = chunk.find("[")
    if bracket < 0:
        return False
    runs = list(map(len, _BACKTICK_RUN.findall(chunk)))
    # a run never holds the `[`, so the runs before it are those of the text before it
    first_after = len(_BACKTICK_RUN.findall(chunk, 0, bracket))
    if first_after == len(runs):
        return False
    following: dict[int, int] = {}  # run length -> index of the nearest later run of it
    partner = [0] * len(runs)
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index]
        partner[index] = following.get(length, -1)
        following[length] = index
    index = 0
    while index < len(runs):
        if partner[index] < 0:
            if index >= first_after:
                return True
            index += 1
        else:
            index = partner[index] + 1
    return False


def _long_paragraph_of_delimiters(text: str) -> bool:
    """A stretch between blank lines of _LONG_PARAGRAPH_CHARS or more with _MANY_DELIMITERS
    emphasis delimiters; a table is left out (each of its cells is parsed on its own)."""
    bounds = [(m.start(), m.end()) for m in _BLANK_LINE.finditer(text)]
    starts = [0, *(end for _, end in bounds)]
    ends = [*(start for start, _ in bounds), len(text)]
    for start, end in zip(starts, ends, strict=True):
        if end - start < _LONG_PARAGRAPH_CHARS or text[start : start + 8].lstrip().startswith("|"):
            continue
        if sum(text.count(mark, start, end) for mark in "*_~") >= _MANY_DELIMITERS:
            return True
    return False
