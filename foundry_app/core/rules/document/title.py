"""The title rule: one H1, first in the file."""

from __future__ import annotations

from collections.abc import Iterator

from foundry_app.core.rules.registry import FileContext, Finding, line_span, rule


@rule("FT001", "title")
def check_title(ctx: FileContext) -> Iterator[Finding]:
    """A file has exactly one H1 title, and it comes first.

    The title names the file in the tree and in every generated index, so it must be
    the first block and the only H1.

    Bad:

        Some intro text.
        # Python

    Good:

        # Python

        Some intro text.
    """
    if not ctx.spec.title:
        return
    doc = ctx.doc
    titles = [h for h in doc.headings if h.level == 1]
    if not titles:
        yield Finding(1, 1, 1, len(doc.line_text(1)) + 1, "the file has no H1 title (`# Title`)")
        return
    first_block = doc.blocks[0]
    if first_block.kind != "heading" or first_block.line != titles[0].line:
        yield line_span(
            first_block.line,
            doc.line_text(first_block.line),
            f"the H1 title must come first; it is on line {titles[0].line}",
        )
    for extra in titles[1:]:
        yield line_span(
            extra.line,
            doc.line_text(extra.line),
            f"a second H1 title; the file's title is on line {titles[0].line} (use ## here)",
        )
