"""The missing-section rule: every section the template requires is present."""

from __future__ import annotations

from collections.abc import Iterator

from foundry_app.core.diagnostics import Fix, TextEdit
from foundry_app.core.document import Document
from foundry_app.core.rules.registry import FileContext, Finding, rule
from foundry_app.core.rules.template.sections import SectionMatch, required_sections
from foundry_app.core.scaffold import section_text


@rule("FT101", "missing-section")
def check_missing_section(ctx: FileContext) -> Iterator[Finding]:
    """Every section the template requires is present.

    The diagnostic sits where the section belongs (before the next required section
    that is present), and its fix inserts a skeleton of the right shape there.

    Bad:

        ## Defaults
        ...
        ## Checklist

    Good:

        ## Defaults
        ...
        ## Do / Don't
        ...
        ## Common Pitfalls
        ...
        ## Checklist
    """
    matches = required_sections(ctx)
    doc = ctx.doc
    for index, match in enumerate(matches):
        if match.section is not None or match.spec.optional:
            continue
        line = _insertion_line(doc, matches, index)
        text = section_text(match.spec)
        if line > doc.line_count or (line == doc.line_count and not doc.line_text(line)):
            last = doc.line_count
            tail = doc.line_text(last)
            # One blank line before the new section: the file may already end with one.
            gap = "\n\n" if tail else ("" if last > 1 and not doc.line_text(last - 1) else "\n")
            edit = TextEdit(last, len(tail) + 1, last, len(tail) + 1, gap + text)
            line = last
        else:
            edit = TextEdit(line, 1, line, 1, text + "\n")
        fix = Fix(f"Insert a '{match.spec.heading}' section", (edit,))
        source = doc.line_text(line)
        yield Finding(
            line,
            1,
            line,
            max(2, len(source) + 1),
            f"missing required section '## {match.spec.heading}' (it belongs here)",
            fix,
        )


def _insertion_line(doc: Document, matches: list[SectionMatch], index: int) -> int:
    """Before the next present required section, else after the previous one, else at the end."""
    for later in matches[index + 1 :]:
        if later.section is not None:
            return later.section.heading.line
    for earlier in reversed(matches[:index]):
        if earlier.section is not None:
            return earlier.section.end_line + 1
    return doc.line_count + 1
