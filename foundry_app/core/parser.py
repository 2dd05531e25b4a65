"""The one Markdown parser Foundry uses: validation, checklists and preview share it."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


@cache
def markdown_parser() -> MarkdownIt:
    """CommonMark plus GFM tables and strikethrough; raw HTML is tokenised so we can escape it.

    A `---` block at the very top is YAML front matter (one `front_matter` token), never
    a rule followed by a setext heading."""
    from markdown_it import MarkdownIt  # imported on first parse: a cached lint never needs it
    from mdit_py_plugins.front_matter import front_matter_plugin

    parser = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    return parser.use(front_matter_plugin)


def parse_tokens(text: str) -> list[Token]:
    return markdown_parser().parse(text)
