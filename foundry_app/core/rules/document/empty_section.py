"""The empty-section rule: every heading has content under it."""

from __future__ import annotations

from collections.abc import Iterator

from foundry_app.core.rules.registry import FileContext, Finding, line_span, rule
from foundry_app.core.suppressions import is_directive_block


@rule("FT003", "empty-section")
def check_empty_section(ctx: FileContext) -> Iterator[Finding]:
    """Every heading has content before the next heading of its level or higher.

    A heading with nothing under it is usually a section someone meant to write.
    A heading followed by a sub-heading is fine as long as the sub-section has content.

    Bad:

        ## Monitoring
        ## Checklist

    Good:

        ## Monitoring

        Alert on drift in the top ten features.

        ## Checklist
    """
    doc = ctx.doc
    blocks = doc.blocks
    levels = doc.heading_at
    for index, block in enumerate(blocks):
        if block.kind != "heading":
            continue
        heading = levels[block.start]
        empty = True
        for after in range(index + 1, len(blocks)):  # no copy of the rest per heading
            following = blocks[after]
            if is_directive_block(doc.tokens[following.start]):
                continue  # a suppression comment is not content
            if following.kind != "heading":
                empty = False
                break
            if levels[following.start].level <= heading.level:
                break
        if empty:
            yield line_span(
                heading.line, doc.line_text(heading.line), f"section '{heading.text}' is empty"
            )
