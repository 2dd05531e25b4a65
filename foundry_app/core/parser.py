"""The one Markdown parser Foundry uses: validation, checklists and preview share it."""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token


@cache
def markdown_parser() -> MarkdownIt:
    """CommonMark plus GFM tables and strikethrough; raw HTML is tokenised so we can escape it."""
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def parse_tokens(text: str) -> list[Token]:
    return markdown_parser().parse(text)
