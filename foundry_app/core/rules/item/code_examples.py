"""The code-examples rule: an item shows enough fenced code examples."""

from __future__ import annotations

from collections.abc import Iterator

from foundry_app.core.rules.item.context import ItemContext
from foundry_app.core.rules.registry import Finding, rule


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
    # a file that could not be read (it is reported as such) may hold the examples
    unread = any(path not in ctx.fence_counts for path in ctx.item.files)
    if found < wanted and ctx.item.files and not unread:
        yield Finding(
            1,
            1,
            1,
            1,
            f"{ctx.item.kind.key} '{ctx.item.name}' has {found} fenced code examples; "
            f"the template asks for at least {wanted}",
            path=ctx.entry_file(),
        )
