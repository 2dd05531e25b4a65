"""The raw-html rule: files are plain Markdown, without raw HTML."""

from __future__ import annotations

import re
from collections.abc import Iterator

from foundry_app.core.diagnostics import Severity
from foundry_app.core.document import Document
from foundry_app.core.rules.registry import (
    FileContext,
    Finding,
    findings_per_span,
    line_span,
    rule,
)

_HTML_COMMENT = re.compile(r"^\s*<!--.*?-->\s*$", re.DOTALL)


@rule("FT007", "raw-html", Severity.WARNING)
def check_raw_html(ctx: FileContext) -> Iterator[Finding]:
    """Files are plain Markdown, without raw HTML (comments are fine).

    The preview shows raw HTML as text and never runs it, and the agents that read the
    library get markup instead of guidance; write the Markdown equivalent.

    Bad:

        <details><summary>More</summary>Text</details>

    Good:

        ### More

        Text
    """
    yield from findings_per_span(ctx, "raw-html", _raw_html)


def _raw_html(doc: Document, start: int, stop: int) -> Iterator[Finding]:
    for index in doc.token_indices_between("html_block", start, stop):
        token = doc.tokens[index]
        if token.map and not _HTML_COMMENT.match(token.content):
            line = token.map[0] + 1
            yield line_span(line, doc.line_text(line), "raw HTML block; write Markdown instead")
    seen: dict[int, int] = {}  # per line: where the next inline tag's search starts
    for child in doc.inline_children_between(start, stop, "html_inline"):
        line = child.line
        if _HTML_COMMENT.match(child.content):
            continue
        source = doc.line_text(line)
        column = source.find(child.content, seen.get(line, 0))
        if column < 0:
            yield line_span(line, source, "raw HTML tag; write Markdown instead")
            continue
        seen[line] = column + len(child.content)
        yield Finding(
            line,
            column + 1,
            line,
            column + len(child.content) + 1,
            f"raw HTML tag {child.content}; write Markdown instead",
        )
