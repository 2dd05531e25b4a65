"""Rules about an item (a stack) as a whole: its name, its required files, its examples."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from foundry_app.core.library import Item
from foundry_app.core.rules.registry import Finding, rule


@dataclass(frozen=True)
class ItemContext:
    item: Item
    fence_counts: Mapping[Path, int]  # fenced code blocks per Markdown file of the item

    def entry_file(self) -> Path:
        """Where item-wide findings go: the first required file, else the folder."""
        for name in self.item.kind.required_files:
            if (self.item.path / name) in self.item.files:
                return self.item.path / name
        return self.item.path


@rule("FT201", "missing-file", scope="item")
def check_missing_file(ctx: ItemContext) -> Iterator[Finding]:
    """Every file the template requires exists in the item's folder.

    Bad:

        stacks/mlops/model-training.md      (no conventions.md)

    Good:

        stacks/mlops/conventions.md
        stacks/mlops/model-training.md
    """
    for name in ctx.item.kind.required_files:
        path = ctx.item.path / name
        if path not in ctx.item.files:
            yield Finding(
                1, 1, 1, 1, f"{ctx.item.kind.key} '{ctx.item.name}' has no {name}", path=path
            )


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
    if not kind.name_pattern.search(ctx.item.name):
        yield Finding(
            1,
            1,
            1,
            1,
            f"{kind.key} name '{ctx.item.name}' must match {kind.name_pattern.pattern} "
            "(lowercase words joined by hyphens)",
            path=ctx.entry_file(),
        )


@rule("FT203", "code-examples", scope="item")
def check_code_examples(ctx: ItemContext) -> Iterator[Finding]:
    """An item shows at least as many fenced code examples as the template asks.

    Guidance without an example leaves every reader to invent one.

    Bad:

        A stack whose files hold prose only.

    Good:

        ```python
        mlflow.log_params(config)
        ```
    """
    wanted = ctx.item.kind.code_examples
    found = sum(ctx.fence_counts.get(path, 0) for path in ctx.item.files)
    if found < wanted and ctx.item.files:
        yield Finding(
            1,
            1,
            1,
            1,
            f"{ctx.item.kind.key} '{ctx.item.name}' has {found} fenced code examples; "
            f"the template asks for at least {wanted}",
            path=ctx.entry_file(),
        )
