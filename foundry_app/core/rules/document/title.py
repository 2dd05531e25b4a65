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
    # A "# " inside a quote or a list item is not the file's title.
    titles = [h for h in doc.headings if h.level == 1 and doc.tokens[h.token_index].level == 0]
    if not titles:
        line = doc.body_line  # never inside the front matter
        message = "the file has no H1 title (`# Title`)"
        yield Finding(line, 1, line, len(doc.line_text(line)) + 1, message)
        return
    # Comments (licence headers, editor hints) may sit before the title; they render as nothing.
    first_block = next(
        (b for b in doc.blocks if not _is_comment(doc, b.start) or b.line == titles[0].line),
        doc.blocks[0],
    )
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


def _is_comment(doc, token_index: int) -> bool:
    token = doc.tokens[token_index]
    content = token.content.strip()
    return token.type == "html_block" and content.startswith("<!--") and content.endswith("-->")
