"""The items of a list block and their bold leads, for the list rules."""

from __future__ import annotations

import re

from foundry_app.core.document import Block, Document
from foundry_app.core.rules.registry import Finding

_LIST_MARKER = re.compile(r"^[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]*")


def list_items(doc: Document, block: Block) -> list[tuple[int, object]]:
    """(1-based line, first inline token or None) for each top-level item of a list block."""
    items = []
    tokens = doc.tokens
    item_level = tokens[block.start].level + 1
    for index in range(block.start, block.stop):
        token = tokens[index]
        if token.type == "list_item_open" and token.level == item_level:
            inline = None
            if index + 2 < block.stop and tokens[index + 1].type == "paragraph_open":
                inline = tokens[index + 2]
            items.append(((token.map[0] + 1) if token.map else block.line, inline))
    return items


def bold_lead(inline) -> str | None:
    """The text of the bold run an item starts with, or None."""
    children = [c for c in getattr(inline, "children", None) or [] if c.content or c.nesting]
    if not children or children[0].type != "strong_open":
        return None
    closing = next((i for i, c in enumerate(children) if c.type == "strong_close"), len(children))
    return "".join(c.content for c in children[1:closing]).strip()


def item_finding(doc: Document, line: int, message: str) -> Finding:
    source = doc.line_text(line)
    marker = _LIST_MARKER.match(source)
    start = (marker.end() if marker else 0) + 1
    return Finding(line, start, line, max(start + 1, len(source.rstrip()) + 1), message)
