"""The list-prefix rule: Do / Don't items say which they are."""

from __future__ import annotations

from collections.abc import Iterator

from foundry_app.core.document import Block, Document, Section
from foundry_app.core.rules.registry import FileContext, Finding, rule
from foundry_app.core.rules.template.lists import bold_lead, item_finding, list_items
from foundry_app.core.rules.template.sections import heading_finding, section_for
from foundry_app.core.template import normalise_heading


def _prefix_of(text: str | None, prefixes: tuple[str, ...]) -> str | None:
    if text is None:
        return None
    key = normalise_heading(text.rstrip(":.").replace("’", "'"))
    for prefix in prefixes:
        if key == normalise_heading(prefix):
            return prefix
    return None


@rule("FT105", "list-prefix")
def check_list_prefix(ctx: FileContext) -> Iterator[Finding]:
    """Do / Don't items say which they are, and both kinds are present.

    Either every bullet starts with a bold **Do** or **Don't**, or the section has
    `### Do` and `### Don't` sub-sections of bullets.

    Bad:

        ## Do / Don't

        - Pin dependencies.

    Good:

        ## Do / Don't

        - **Do** pin dependencies in a lock file.
        - **Don't** install packages by hand on the training machine.
    """
    doc = ctx.doc
    for spec, section in section_for(ctx, "do-dont"):
        prefixes = spec.prefixes or ("Do", "Don't")
        found: set[str] = set()
        subsections = _prefix_subsections(doc, section, prefixes)
        if subsections:
            for prefix, blocks in subsections.items():
                if any(b.kind == "bullet_list" and list_items(doc, b) for b in blocks):
                    found.add(prefix)
        else:
            for block in section.blocks:
                if block.kind not in ("bullet_list", "ordered_list"):
                    continue
                for line, inline in list_items(doc, block):
                    prefix = _prefix_of(bold_lead(inline), prefixes)
                    if prefix is None:
                        yield item_finding(
                            doc,
                            line,
                            f"item must start with {' or '.join(f'**{p}**' for p in prefixes)}",
                        )
                    else:
                        found.add(prefix)
        for prefix in prefixes:
            if prefix not in found:
                yield heading_finding(
                    ctx, section, f"section '{spec.heading}' has no '{prefix}' item"
                )


def _prefix_subsections(
    doc: Document, section: Section, prefixes: tuple[str, ...]
) -> dict[str, list[Block]]:
    """Blocks under `### Do` / `### Don't` style sub-headings, keyed by prefix."""
    headings = doc.heading_at
    groups: dict[str, list[Block]] = {}
    current: list[Block] | None = None
    for block in section.blocks:
        if block.kind == "heading":
            heading = headings[block.start]
            prefix = _subsection_prefix(heading.text, prefixes)
            if heading.level == 3 and prefix is not None:
                current = groups.setdefault(prefix, [])
            else:
                current = None
        elif current is not None:
            current.append(block)
    return groups


def _subsection_prefix(text: str, prefixes: tuple[str, ...]) -> str | None:
    """The prefix a sub-heading names: `Do`, or a plural `Dos`, `Do's`, `Don'ts`."""
    key = text.rstrip(":").replace("’", "'")
    candidates = [key]
    if key.lower().endswith("'s"):
        candidates.append(key[:-2])
    elif key.lower().endswith("s"):
        candidates.append(key[:-1])
    return next((p for p in map(lambda c: _prefix_of(c, prefixes), candidates) if p), None)
