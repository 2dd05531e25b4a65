"""The fence-language rule: every fenced code block names its language."""

from __future__ import annotations

import re
from collections.abc import Iterator

from foundry_app.core.diagnostics import Fix, TextEdit
from foundry_app.core.rules.registry import FileContext, Finding, rule

# An opening fence with whatever container markers precede it on its line (> quotes, - items).
_FENCE_OPEN = re.compile(r"^(?:[ \t]*>|[ \t]*(?:[-*+]|\d{1,9}[.)])(?=[ \t]))*[ \t]*(?:`{3,}|~{3,})")


@rule("FT004", "fence-language")
def check_fence_language(ctx: FileContext) -> Iterator[Finding]:
    """Every fenced code block names its language.

    The language drives highlighting in the preview and the syntax check of the
    example; use `text` for output or prose.

    Bad:

        ```
        uv run pytest
        ```

    Good:

        ```bash
        uv run pytest
        ```
    """
    doc = ctx.doc
    for fence in doc.fences:
        if fence.language:
            continue
        source = doc.line_text(fence.line)
        opening = _FENCE_OPEN.match(source)
        marker_end = opening.end() if opening else len(source.rstrip())
        fix = Fix(
            "Mark the block as plain text",
            (TextEdit(fence.line, marker_end + 1, fence.line, len(source) + 1, "text"),),
        )
        yield Finding(
            fence.line,
            1,
            fence.line,
            len(source) + 1,
            "code block has no language (e.g. ```python, ```bash, ```text)",
            fix,
        )
