"""The checklist rule: a checklist section is a task list with enough items."""

from __future__ import annotations

from collections.abc import Iterator

from foundry_app.core.document import Block, Document
from foundry_app.core.rules.registry import FileContext, Finding, rule
from foundry_app.core.rules.template.lists import item_finding
from foundry_app.core.rules.template.sections import heading_finding, section_for


@rule("FT107", "checklist")
def check_checklist(ctx: FileContext) -> Iterator[Finding]:
    """A checklist section is a task list with enough items and nothing else in its lists.

    Bad:

        ## Checklist

        - Models are versioned.
        - [ ] Every model has a card.
          - a plain note under a task

    Good:

        ## Checklist

        - [ ] Every model in production has a model card.
        - [ ] Every training run logs its data version.
    """
    doc = ctx.doc
    task_lines = {task.line for task in doc.tasks}
    for spec, section in section_for(ctx, "tasks"):
        count = 0
        for block in section.blocks:
            if block.kind not in ("bullet_list", "ordered_list"):
                continue
            # Every item counts, nested ones too: the template says every list item is a task.
            for line in _all_item_lines(doc, block):
                if line in task_lines:
                    count += 1
                else:
                    yield item_finding(
                        doc, line, "plain item in a checklist; write it as '- [ ] ...'"
                    )
        if count == 0:
            yield heading_finding(
                ctx, section, f"section '{spec.heading}' has no task items (- [ ] ...)"
            )
        elif count < spec.min_items:
            yield heading_finding(
                ctx,
                section,
                f"section '{spec.heading}' has {count} task items; "
                f"the template asks for at least {spec.min_items}",
            )


def _all_item_lines(doc: Document, block: Block) -> list[int]:
    """1-based first line of every list item in the block, at any depth."""
    tokens = doc.tokens
    return [
        tokens[index].map[0] + 1
        for index in doc.token_indices_between("list_item_open", block.start, block.stop)
        if tokens[index].map
    ]
