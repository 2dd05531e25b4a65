"""The placeholder rule: prose has no TODO, TBD, FIXME or XXX markers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice

from foundry_app.core.diagnostics import Severity
from foundry_app.core.document import Document
from foundry_app.core.rules.registry import (
    FileContext,
    Finding,
    findings_per_span,
    line_span,
    rule,
)

_PLACEHOLDER = re.compile(r"\b(TODO|TBD|FIXME|XXX)\b")
# A text child's letters are the source's own or come from numeric character references,
# so a file with neither the bare words nor "&#" anywhere holds no placeholder.
_MARKER_WORDS = ("TODO", "TBD", "FIXME", "XXX", "&#")
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
    yield from findings_per_span(ctx, "placeholder", _placeholders)


def _placeholders(doc: Document, start: int, stop: int) -> Iterator[Finding]:
    candidates = None  # a stretch is small: all its children are looked at
    if stop - start == len(doc.tokens):
        candidates = _lines_with_a_marker(doc.text)
        if not candidates:
            return
    cursors: dict[int, int] = {}  # per line: where the next text can start (skips code spans)
    for child in doc.inline_children_between(start, stop):
        line = child.line
        if candidates is not None and line not in candidates:
            continue  # a line's cursor depends only on that line's children
        source, cursor = doc.line_text(line), cursors.get(line, 0)
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


def _lines_with_a_marker(text: str) -> set[int]:
    """The 1-based lines where a marker or a numeric character reference is written."""
    # str.find per word: a regular expression alternation takes ~7 ms over a megabyte.
    offsets = []
    for word in _MARKER_WORDS:
        at = text.find(word)
        while at >= 0:
            offsets.append(at)
            at = text.find(word, at + len(word))
    lines: set[int] = set()
    line, counted_to = 1, 0
    for offset in sorted(offsets):
        line += text.count("\n", counted_to, offset)
        counted_to = offset
        lines.add(line)
    return lines
