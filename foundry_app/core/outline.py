"""The outline of one file: its H2/H3 headings, with the template's missing sections shown
in the place they belong, and which section a line is in."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from foundry_app.core.document import Document, Heading
from foundry_app.core.template import FileSpec

OUTLINE_LEVELS = (2, 3)


@dataclass(frozen=True)
class OutlineEntry:
    level: int
    text: str
    line: int | None  # None for a required section that is missing
    missing: bool = False


def outline(
    doc: Document | None, spec: FileSpec | None = None, headings: list[Heading] | None = None
) -> list[OutlineEntry]:
    """From `doc`'s headings, or from `headings` when the parse happened elsewhere."""
    source = headings if headings is not None else (doc.headings if doc is not None else [])
    entries = [
        OutlineEntry(heading.level, heading.text, heading.line)
        for heading in source
        if heading.level in OUTLINE_LEVELS
    ]
    sections = spec.sections if spec is not None else ()
    if not sections:
        return entries
    # which H2 entry each required section is (None when missing)
    present: list[int | None] = []
    for section in sections:
        found = next(
            (
                index
                for index, entry in enumerate(entries)
                if entry.level == 2 and section.matches(entry.text)
            ),
            None,
        )
        present.append(found)
    inserts: list[tuple[int, int, OutlineEntry]] = []  # (before entry index, order, entry)
    for order, (section, index) in enumerate(zip(sections, present, strict=True)):
        if index is not None:
            continue
        later = [i for i in present[order + 1 :] if i is not None]
        before = min(later) if later else len(entries)
        inserts.append((before, order, OutlineEntry(2, section.heading, None, missing=True)))
    result = []
    pending = sorted(inserts, key=lambda item: (item[0], item[1]))
    cursor = 0
    for index, entry in enumerate(entries):
        while cursor < len(pending) and pending[cursor][0] == index:
            result.append(pending[cursor][2])
            cursor += 1
        result.append(entry)
    result.extend(item[2] for item in pending[cursor:])
    return result


def current_entry(entries: list[OutlineEntry], line: int) -> int | None:
    """Index of the heading whose section holds 1-based `line` (None above the first)."""
    placed = [(entry.line, index) for index, entry in enumerate(entries) if entry.line is not None]
    lines = [placed_line for placed_line, _ in placed]
    position = bisect.bisect_right(lines, line)
    return placed[position - 1][1] if position else None
