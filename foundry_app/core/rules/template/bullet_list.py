"""The bullet-list rule: a bullets section is a bulleted list with enough items."""

from __future__ import annotations

from collections.abc import Iterator

from foundry_app.core.rules.registry import FileContext, Finding, line_span, rule
from foundry_app.core.rules.template.lists import list_items
from foundry_app.core.rules.template.sections import heading_finding, section_for
from foundry_app.core.wording import counted


@rule("FT110", "bullet-list")
def check_bullet_list(ctx: FileContext) -> Iterator[Finding]:
    """A bullets section is a bulleted list of at least the template's `min-items` (1 by default).

    Bad:

        ## Principles

        Keep models small and reviews short.

    Good:

        ## Principles

        - Keep models small.
        - Keep reviews short.
    """
    doc = ctx.doc
    for spec, section in section_for(ctx, "bullets"):
        lists = [b for b in section.blocks if b.kind in ("ordered_list", "bullet_list")]
        count = sum(len(list_items(doc, b)) for b in lists if b.kind == "bullet_list")
        wanted = max(1, spec.min_items)
        if count == 0:
            yield heading_finding(
                ctx, section, f"section '{spec.heading}' needs a bulleted list (- item)"
            )
        elif count < wanted:
            yield heading_finding(
                ctx,
                section,
                f"section '{spec.heading}' has {counted(count, 'bullet item')}; "
                f"the template asks for at least {wanted}",
            )
        for block in lists:
            if block.kind == "ordered_list":
                yield line_span(
                    block.line, doc.line_text(block.line), "use a bulleted list (- item) here"
                )
