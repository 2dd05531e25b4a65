"""The required H2 sections of a file, matched once for the template rules."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from foundry_app.core.document import Block, Section
from foundry_app.core.rules.registry import FileContext, Finding, line_span
from foundry_app.core.template import SectionSpec


@dataclass(frozen=True)
class SectionMatch:
    spec: SectionSpec
    section: Section | None


def required_sections(ctx: FileContext) -> list[SectionMatch]:
    """Each required section paired with the first H2 section whose heading matches it."""
    sections = ctx.doc.sections(2)
    return [
        SectionMatch(spec, next((s for s in sections if spec.matches(s.heading.text)), None))
        for spec in ctx.spec.sections
    ]


def section_for(ctx: FileContext, content: str) -> Iterator[tuple[SectionSpec, Section]]:
    for match in required_sections(ctx):
        if match.spec.content == content and match.section is not None:
            yield match.spec, match.section


def first_block(section: Section, *kinds: str) -> Block | None:
    return next((b for b in section.blocks if b.kind in kinds), None)


def heading_finding(ctx: FileContext, section: Section, message: str) -> Finding:
    line = section.heading.line
    return line_span(line, ctx.doc.line_text(line), message)
