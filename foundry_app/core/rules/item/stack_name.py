"""The stack-name rule: item folders are named in kebab-case."""

from __future__ import annotations

from collections.abc import Iterator

from foundry_app.core.name_pattern import PatternTooSlow
from foundry_app.core.rules.item.context import ItemContext
from foundry_app.core.rules.registry import Finding, rule


@rule("FT202", "stack-name", scope="item")
def check_stack_name(ctx: ItemContext) -> Iterator[Finding]:
    """Item folders are named in kebab-case (as the template's `name` pattern says).

    Names become paths, links and identifiers in generated teams, so they stay
    lowercase ASCII words joined by hyphens.

    Bad:

        stacks/ML_Ops/

    Good:

        stacks/ml-ops/
    """
    kind = ctx.item.kind
    try:
        fits = kind.name_pattern.search(ctx.item.name)
    except PatternTooSlow as slow:
        yield Finding(1, 1, 1, 1, f"cannot check the name: {slow}", path=ctx.entry_file())
        return
    if not fits:
        yield Finding(
            1,
            1,
            1,
            1,
            f"{kind.key} name '{ctx.item.name}' must match {kind.name_pattern.pattern} "
            "(lowercase words joined by hyphens)",
            path=ctx.entry_file(),
        )
