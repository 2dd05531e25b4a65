"""The unused-suppression rule: every suppression comment hides something."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from foundry_app.core.diagnostics import Severity
from foundry_app.core.rules.registry import Finding, rule
from foundry_app.core.suppressions import Problem


@dataclass(frozen=True)
class SuppressionContext:
    """What the rule sees: the file's comments that hid nothing or named unknown rules."""

    path: Path
    problems: tuple[Problem, ...]


@rule("FT010", "unused-suppression", Severity.WARNING, scope="suppressions")
def check_unused_suppression(ctx: SuppressionContext) -> Iterator[Finding]:
    """Every suppression comment hides a diagnostic and names only rules that exist.

    `<!-- foundry-disable-next-line RULES -->` hides the named rules on the line right
    after the comment, `<!-- foundry-disable RULES -->` up to `<!-- foundry-enable RULES -->`
    (or the end of the file), `<!-- foundry-disable-file RULES -->` in the whole file. Rules
    are names or ids, separated by spaces or commas; none means every rule. A comment left
    behind after the problem was fixed, or with a misspelt rule, is reported at the comment.
    This rule's own findings are never hidden by comments; turn it off in `[rules]`.

    Bad:

        <!-- foundry-disable-next-line fence-language -->
        ```python
        print("the block names its language")
        ```

    Good:

        <!-- foundry-disable-next-line fence-language -->
        ```
        $ uv run foundry lint
        ```
    """
    for problem in ctx.problems:
        comment = problem.suppression
        yield Finding(
            comment.line, comment.column, comment.end_line, comment.end_column, problem.message
        )
