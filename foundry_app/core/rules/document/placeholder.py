"""The placeholder rule: prose has no TODO, TBD, FIXME or XXX markers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice

from foundry_app.core.diagnostics import Severity
from foundry_app.core.rules.registry import FileContext, Finding, line_span, rule

_PLACEHOLDER = re.compile(r"\b(TODO|TBD|FIXME|XXX)\b")
# A text child's letters are the source's own or come from numeric character references,
# so a file with neither the bare words nor "&#" anywhere holds no placeholder.
_ANY_PLACEHOLDER = re.compile(r"TODO|TBD|FIXME|XXX|&#")
_WINDOW_SLACK = 1024  # room for link targets and other markup between two text children


@rule("FT006", "placeholder", Severity.WARNING)
def check_placeholder(ctx: FileContext) -> Iterator[Finding]:
    """Prose has no placeholder markers (TODO, TBD, FIXME, XXX).

    `foundry new-stack` fills a new stack with TODO markers; this rule keeps them
    visible until real guidance replaces them. Code blocks and code spans are ignored.

    Bad:

        - **Do** TODO.

    Good:

        - **Do** pin every dependency in a lock file.
    """
    if not _ANY_PLACEHOLDER.search(ctx.doc.text):
        return
    cursors: dict[int, int] = {}  # per line: where the next text can start (skips code spans)
    for line, child in ctx.doc.inline_children():
        source, cursor = ctx.doc.line_text(line), cursors.get(line, 0)
        # A child's source starts soon after the previous one; a bounded window keeps this linear.
        window = cursor + 4 * len(child.content) + _WINDOW_SLACK
        found = source.find(child.content, cursor, window) if child.content else -1
        if found >= 0:
            cursor = cursors[line] = found + len(child.content)
        if child.type != "text" or not _PLACEHOLDER.search(child.content):
            continue
        if found >= 0:
            words = list(_PLACEHOLDER.finditer(source, found, cursor))
        else:  # the text differs from its source (escapes, entities): take the next matches
            count = len(_PLACEHOLDER.findall(child.content))
            words = list(islice(_PLACEHOLDER.finditer(source, cursor), count))
            if words:
                cursors[line] = words[-1].end()
        if not words:
            yield line_span(line, source, "placeholder left in the text")
        for word in words:
            yield Finding(
                line,
                word.start() + 1,
                line,
                word.end() + 1,
                f"placeholder '{word[0]}' left in the text",
            )
