"""The heading-increment rule: heading levels go down one step at a time."""

from __future__ import annotations

from collections.abc import Iterator

from foundry_app.core.rules.registry import FileContext, Finding, line_span, rule


@rule("FT002", "heading-increment")
def check_heading_increment(ctx: FileContext) -> Iterator[Finding]:
    """Heading levels go down one step at a time.

    Skipping a level (H2 straight to H4) breaks the outline that the tree and the
    preview show.

    Bad:

        ## Defaults
        #### Serving

    Good:

        ## Defaults
        ### Serving
    """
    previous = None
    for heading in ctx.doc.headings:
        if previous is not None and heading.level > previous + 1:
            yield line_span(
                heading.line,
                ctx.doc.line_text(heading.line),
                f"heading level jumps from H{previous} to H{heading.level}; use H{previous + 1}",
            )
        previous = heading.level
