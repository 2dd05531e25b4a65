"""The missing-section rule: every section the template requires is present."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from foundry_app.core.diagnostics import Fix, TextEdit
from foundry_app.core.document import Document, Section
from foundry_app.core.rules.registry import FileContext, Finding, rule
from foundry_app.core.rules.template.sections import SectionMatch, required_sections
from foundry_app.core.scaffold import section_text
from foundry_app.core.template import SectionSpec, normalise_heading

# An ATX heading line: its marker, its text, and an optional closing sequence.
_ATX = re.compile(r"^( {0,3}#+[ \t]+)(.*?)(?:[ \t]+#+)?[ \t]*$")
_CLOSE_SPELLING = 0.6  # difflib ratio: "Pitfall" against "Common Pitfalls" is 0.64


@rule("FT101", "missing-section")
def check_missing_section(ctx: FileContext) -> Iterator[Finding]:
    """Every section the template requires is present.

    The diagnostic sits where the section belongs (before the next required section
    that is present), and its fix inserts a skeleton of the right shape there. When a
    heading of another name stands in for it (a close spelling such as `## Pitfall`,
    or the only other section in its place), the fix renames that heading instead.

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
    stand_ins = _stand_ins(doc, matches)
    for index, match in enumerate(matches):
        if match.section is not None or match.spec.optional:
            continue
        if index in stand_ins:
            yield _rename_finding(doc, match.spec, stand_ins[index])
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


def _stand_ins(doc: Document, matches: list[SectionMatch]) -> dict[int, Section]:
    """Missing required sections (by index) whose place an unrequired H2 holds: one of close
    spelling first, else the only such section between the present neighbours."""
    claimed = {id(m.section) for m in matches if m.section is not None}
    free = [s for s in doc.sections(2) if id(s) not in claimed]
    found: dict[int, Section] = {}
    for index, match in enumerate(matches):
        if match.section is None:
            names = {normalise_heading(n) for n in match.spec.names}
            scored = [(max(_similarity(s, n) for n in names), s) for s in free]
            best = max(scored, key=lambda pair: pair[0], default=(0.0, None))
            if best[1] is not None and best[0] >= _CLOSE_SPELLING:
                found[index] = best[1]
                free.remove(best[1])
    for index, match in enumerate(matches):
        if match.section is not None or index in found:
            continue
        before = next((m.section for m in reversed(matches[:index]) if m.section), None)
        after = next((m.section for m in matches[index + 1 :] if m.section), None)
        if after is None:  # an open-ended slot: the extra section may be optional content
            continue
        low = before.heading.line if before else 0
        between = [s for s in free if low < s.heading.line < after.heading.line]
        missing_here = [
            i
            for i, m in enumerate(matches)
            if m.section is None
            and i not in found
            and next((x.section for x in matches[i + 1 :] if x.section), None) is after
        ]
        if len(between) == 1 and missing_here == [index]:
            found[index] = between[0]
            free.remove(between[0])
    return found


def _similarity(section: Section, name: str) -> float:
    return difflib.SequenceMatcher(None, normalise_heading(section.heading.text), name).ratio()


def _rename_finding(doc: Document, spec: SectionSpec, section: Section) -> Finding:
    line = section.heading.line
    source = doc.line_text(line)
    atx = _ATX.match(source)
    start, end = (atx.start(2), atx.end(2)) if atx else (0, len(source.rstrip()))
    edit = TextEdit(line, start + 1, line, end + 1, spec.heading)
    return Finding(
        line,
        start + 1,
        line,
        max(start + 2, end + 1),
        f"missing required section '## {spec.heading}'; "
        f"is '## {section.heading.text}' meant to be it?",
        Fix(f"Rename heading to '{spec.heading}'", (edit,)),
    )
