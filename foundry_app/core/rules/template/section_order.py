"""The section-order rule: required sections appear in the template's order."""

from __future__ import annotations

from collections.abc import Iterator

from foundry_app.core.rules.registry import FileContext, Finding, line_span, rule
from foundry_app.core.rules.template.sections import SectionMatch, required_sections


@rule("FT102", "section-order")
def check_section_order(ctx: FileContext) -> Iterator[Finding]:
    """Required sections appear in the order the template lists them.

    Readers and agents find the same thing in the same place in every stack. Other
    sections may sit between the required ones.

    Bad:

        ## Checklist
        ## Defaults

    Good:

        ## Defaults
        ## Checklist
    """
    present = [m for m in required_sections(ctx) if m.section is not None]
    latest: SectionMatch | None = None
    for match in present:
        assert match.section is not None
        if (
            latest is not None
            and latest.section
            and match.section.heading.line < latest.section.heading.line
        ):
            heading = match.section.heading
            yield line_span(
                heading.line,
                ctx.doc.line_text(heading.line),
                f"section '{match.spec.heading}' must come after '{latest.spec.heading}'",
            )
        else:
            latest = match
