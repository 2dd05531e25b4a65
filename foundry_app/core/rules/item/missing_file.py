"""The missing-file rule: every file the template requires exists."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from foundry_app.core.rules.item.context import ItemContext
from foundry_app.core.rules.registry import Finding, rule


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
        if path not in ctx.item.files and not _may_exist(path):
            yield Finding(
                1, 1, 1, 1, f"{ctx.item.kind.key} '{ctx.item.name}' has no {name}", path=path
            )


def _may_exist(path: Path) -> bool:
    """The file is there, or cannot be looked at: a walk that stopped early (the file cap,
    a folder it could not read) lists fewer files than there are, and says so itself."""
    try:
        return path.is_file()
    except OSError:
        return True
