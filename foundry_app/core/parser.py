"""The one Markdown parser Foundry uses: validation, checklists and preview share it."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


@cache
def markdown_parser() -> MarkdownIt:
    """CommonMark plus GFM tables and strikethrough; raw HTML is tokenised so we can escape it."""
    from markdown_it import MarkdownIt  # imported on first parse: a cached lint never needs it

    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def parse_tokens(text: str) -> list[Token]:
    return markdown_parser().parse(text)
