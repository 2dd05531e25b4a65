"""The numbered-list rule: a numbered section is a numbered list with bold titles."""

from __future__ import annotations

from collections.abc import Iterator

from foundry_app.core.rules.registry import FileContext, Finding, line_span, rule
from foundry_app.core.rules.template.lists import bold_lead, item_finding, list_items
from foundry_app.core.rules.template.sections import heading_finding, section_for


@rule("FT106", "numbered-list")
def check_numbered_list(ctx: FileContext) -> Iterator[Finding]:
    """A numbered section is a numbered list, each item led by a bold title.

    Bad:

        ## Common Pitfalls

        - Leaking labels into features.

    Good:

        ## Common Pitfalls

        1. **Leaking labels into features.** Build features as of the prediction time.
    """
    doc = ctx.doc
    for spec, section in section_for(ctx, "numbered"):
        lists = [b for b in section.blocks if b.kind in ("ordered_list", "bullet_list")]
        if not any(b.kind == "ordered_list" for b in lists):
            yield heading_finding(ctx, section, f"section '{spec.heading}' needs a numbered list")
        for block in lists:
            if block.kind == "bullet_list":
                yield line_span(
                    block.line, doc.line_text(block.line), "use a numbered list (1. 2. 3.) here"
                )
                continue
            if not spec.bold_lead:
                continue
            for line, inline in list_items(doc, block):
                if not bold_lead(inline):
                    yield item_finding(
                        doc, line, "item must start with a bold title: 1. **Title.** text"
                    )
