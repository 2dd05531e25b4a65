"""The one Markdown parser Foundry uses: validation, checklists and preview share it.

The engine is markdown-it-pyrs (markdown-it in Rust, CommonMark plus GFM tables and
strikethrough, with byte ranges on every node); `core.tokens` turns its tree into the
token stream the rest of Foundry reads, so nothing else knows which engine runs.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it_pyrs import MarkdownIt

    from foundry_app.core.tokens import Token

# What CommonMark parsers do to the input first: every line ending becomes "\n", NUL "\ufffd".
_LINE_ENDINGS = re.compile(r"\r\n?")
_SURROGATES = re.compile("[\ud800-\udfff]")
# Where a paragraph can end: a blank line, or a line that opens a list item, fence or heading.
_BLOCK_BREAK = re.compile(
    r"\n(?:[ \t>]*\n|[ ]{0,3}(?:>[ ]{0,4})*(?=[-*+] |[-*+]$|\d{1,9}[.)]|```|~~~|#))"
)
_BACKTICK_RUN = re.compile(r"`+")
# Containers nested past markdown-it's limit of 20: quotes and list markers in one line's
# prefix, or a list marker indented like the twentieth level. The Rust engine has no limit:
# its time grows with the square of the depth and a deep enough tree crashes the process.
_DEEP_PREFIX = re.compile(r"^(?:[ \t]*(?:>|[-*+]|\d{1,9}[.)])(?=[ \t>]|$)){20,}", re.MULTILINE)
_DEEP_INDENT = re.compile(r"^[ \t]{40,}(?:>|[-*+]|\d{1,9}[.)])(?=[ \t]|$)", re.MULTILINE)
_DELIMITER_ROW = re.compile(r"^(?=[^\n]*\|)(?=[^\n]*-)[ \t|:-]+$", re.MULTILINE)
_FENCE_LINE = re.compile(r"^---[ \t]*$", re.MULTILINE)
_INDENTED_FENCE = re.compile(r"^[ \t]+---[ \t]*$", re.MULTILINE)
# A table's delimiter row, its rows, then a list item: GitHub ends the table there.
# (A scan stops at the next delimiter-like line, so that many of them stay linear.)
_ITEM_AFTER_ROW = re.compile(
    r"^(?=[^\n]*\|)(?=[^\n]*-)[ \t|:-]+\n(?:(?![ \t|:-]+\n)[ \t]*\S[^\n]*\n)*?"
    r"[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|\n|$)",
    re.MULTILINE,
)
# A quote's line, then (after lines of lazy text, each scan stopping at the next quote
# line so that a long quote stays linear) one opening an ordered list not at 1, or a
# table row: GitHub and markdown-it-py read the quote's lazy text differently from Rust.
_LIST_AFTER_QUOTE = re.compile(
    r"^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*>[^\n]*\n(?:(?![ \t]*>)[ \t]*\S[^\n]*\n)*?"
    r"[ \t>]*(?:(?!0*1[.)])\d{1,9}[.)](?:[ \t]|$)|\|)",
    re.MULTILINE,
)


@cache
def markdown_parser() -> MarkdownIt:
    """CommonMark plus GFM tables and strikethrough; raw HTML is kept as tokens so we can
    escape it. A `---` block at the very top is YAML front matter (one `front_matter`
    token), never a rule followed by a setext heading."""
    from markdown_it_pyrs import MarkdownIt  # imported on first parse: a cached lint never needs it

    return MarkdownIt("commonmark").enable_many(["table", "strikethrough", "front_matter"])


def parse_tokens(text: str) -> list[Token]:
    from foundry_app.core.tokens import tokens_from_tree

    if "\r" in text:
        text = _LINE_ENDINGS.sub("\n", text)
    if "\0" in text:
        text = text.replace("\0", "\ufffd")
    last = text.rfind("\n") + 1
    if last < len(text) and not text[last:].strip(" \t"):
        text = text[:last]  # a last line of only blanks holds nothing; markdown-it counts none
    try:
        source = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (from a paste, say) cannot cross into Rust
        text = _SURROGATES.sub("\ufffd", text)
        source = text.encode("utf-8")
    if _needs_python_engine(text):
        from foundry_app.core.python_engine import parse_in_python

        return parse_in_python(text)
    try:
        tree = markdown_parser().tree(text)
    except BaseException as error:  # a Rust panic arrives as PanicException, a BaseException
        if type(error).__name__ != "PanicException":
            raise
        from foundry_app.core.python_engine import parse_in_python

        return parse_in_python(text)
    try:
        return tokens_from_tree(tree, source)
    except RecursionError:  # emphasis or links nested hundreds deep: markdown-it-py caps them
        from foundry_app.core.python_engine import parse_in_python

        return parse_in_python(text)


def _needs_python_engine(text: str) -> bool:
    """True for the kinds of text the Rust engine gets wrong: containers nested deeper
    than markdown-it's limit, a first line that is nearly
    a front matter fence, a list item right under a table row (read as a row),
    an ordered list that starts right under a quote (read as part
    of the quote), and a paragraph with a
    backtick run that no later run closes, after a `[` (it panics on some of those, and
    its panic message would reach the terminal). A false alarm costs only speed; a
    missed panic is still caught."""
    if _DEEP_PREFIX.search(text) or _DEEP_INDENT.search(text):
        return True
    if ">" in text and _LIST_AFTER_QUOTE.search(text):
        return True
    if "|" in text and _ITEM_AFTER_ROW.search(text):
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
        pieces = [lines[0]] if chunk.lstrip(" >").startswith("#") else []
        if "|" in chunk and _DELIMITER_ROW.search(chunk):
            pieces += [cell for line in lines for cell in line.split("|")]
        if any(_unclosed_run_after_bracket(piece) for piece in pieces if "[" in piece):
            return True
    return False


def _unclosed_run_after_bracket(chunk: str) -> bool:
    """Code spans pair as CommonMark pairs them: a run is closed by the next run of the
    same length, and a run that nothing closes is plain text."""
    bracket = chunk.find("[")
    runs = [(match.start(), len(match.group())) for match in _BACKTICK_RUN.finditer(chunk)]
    following: dict[int, int] = {}  # run length -> index of the nearest later run of it
    partner = [0] * len(runs)
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1]
        partner[index] = following.get(length, -1)
        following[length] = index
    index = 0
    while index < len(runs):
        if partner[index] < 0:
            if bracket >= 0 and bracket < runs[index][0]:
                return True
            index += 1
        else:
            index = partner[index] + 1
    return False
