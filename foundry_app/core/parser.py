"""The one Markdown parser Foundry uses: validation, checklists and preview share it.

The engine is markdown-it-pyrs (markdown-it in Rust, CommonMark plus GFM tables and
strikethrough, with byte ranges on every node); `core.tokens` turns its tree into the
token stream the rest of Foundry reads, so nothing else knows which engine runs. The texts
`core.engine_choice` names, and any the Rust engine fails on, go to `core.python_engine`.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from foundry_app.core.engine_choice import needs_python_engine

if TYPE_CHECKING:
    from markdown_it_pyrs import MarkdownIt

    from foundry_app.core.tokens import Token

# What CommonMark parsers do to the input first: every line ending becomes "\n", NUL "\ufffd".
_LINE_ENDINGS = re.compile(r"\r\n?")
_SURROGATES = re.compile("[\ud800-\udfff]")


@cache
def markdown_parser() -> MarkdownIt:
    """CommonMark plus GFM tables and strikethrough; raw HTML is kept as tokens so we can
    escape it. A `---` block at the very top is YAML front matter (one `front_matter`
    token), never a rule followed by a setext heading."""
    from markdown_it_pyrs import MarkdownIt  # imported on first parse: a cached lint never needs it

    return MarkdownIt("commonmark").enable_many(["table", "strikethrough", "front_matter"])


def may_define_references(text: str) -> bool:
    """True when the text may hold a link reference definition (`[label]: url`): one
    anywhere can change what links elsewhere in the text point to."""
    return "]:" in text


def whole_text_tokens(text: str) -> list[Token]:
    """The tokens of a normalized text, parsed in one piece."""
    tokens = None if needs_python_engine(text) else rust_tokens(text)
    if tokens is None:
        from foundry_app.core.python_engine import parse_in_python

        return parse_in_python(text)
    return tokens


def normalized(text: str) -> str:
    """The text as both engines read it: "\n" line endings, no NUL, no lone surrogate, and
    no last line of only blanks (it holds nothing; markdown-it counts none)."""
    if "\r" in text:
        text = _LINE_ENDINGS.sub("\n", text)
    if "\0" in text:
        text = text.replace("\0", "\ufffd")
    last = text.rfind("\n") + 1
    if last < len(text) and not text[last:].strip(" \t"):
        text = text[:last]
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (from a paste, say) cannot cross into Rust
        text = _SURROGATES.sub("\ufffd", text)
    return text


def rust_tokens(text: str) -> list[Token] | None:
    """The Rust engine's tokens for a normalized text, or None where it fails: a panic
    (which arrives as a PanicException, a BaseException), emphasis and links nested too
    deep to walk, or a node whose byte range lies outside the text."""
    from foundry_app.core.tokens import RangeOutsideText, tokens_from_tree

    try:
        tree = markdown_parser().tree(text)
    except BaseException as error:
        if type(error).__name__ != "PanicException":
            raise
        return None
    try:
        return tokens_from_tree(tree, text.encode("utf-8"))
    except (RecursionError, RangeOutsideText):
        return None
