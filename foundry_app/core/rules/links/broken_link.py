"""The broken-link rule: relative links point to files and headings that exist."""

from __future__ import annotations

from collections.abc import Iterator

from foundry_app.core.rules.links.context import LinkContext
from foundry_app.core.rules.registry import Finding, rule


@rule("FT301", "broken-link", scope="links")
def check_broken_link(ctx: LinkContext) -> Iterator[Finding]:
    """Relative links and images point to files that exist and to headings those files have.

    Anchors follow GitHub's rule: lowercase, punctuation and inline HTML tags dropped,
    spaces become hyphens (`## Do / Don't` is `#do--dont`); a repeated heading gets
    `-1`, `-2` and so on. Web links are not checked.

    Bad:

        See [training](model-trainig.md#seeds).
        ![loss curve](loss.png)

    Good:

        See [training](model-training.md#seeds-and-determinism).
        ![loss curve](images/loss.png)
    """
    folder = str(ctx.path.parent)
    for link in ctx.links:
        problem = link.href and ctx.resolver.problem(ctx.path, folder, link.href, ctx.own_anchors)
        if problem:
            yield Finding(link.line, link.column, link.line, link.end_column, problem)
