"""Rules that check a file against the sections its kind's template requires."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from foundry_app.core.diagnostics import Fix, TextEdit
from foundry_app.core.document import Block, Document, Section, inline_plain_text
from foundry_app.core.rules.registry import FileContext, Finding, line_span, rule
from foundry_app.core.scaffold import section_text
from foundry_app.core.template import SectionSpec, normalise_heading

_LIST_MARKER = re.compile(r"^[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]*")


@dataclass(frozen=True)
class _Match:
    spec: SectionSpec
    section: Section | None


def _required_sections(ctx: FileContext) -> list[_Match]:
    """Each required section paired with the first H2 section whose heading matches it."""
    sections = ctx.doc.sections(2)
    return [
        _Match(spec, next((s for s in sections if spec.matches(s.heading.text)), None))
        for spec in ctx.spec.sections
    ]


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
    matches = _required_sections(ctx)
    doc = ctx.doc
    for index, match in enumerate(matches):
        if match.section is not None:
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


def _insertion_line(doc: Document, matches: list[_Match], index: int) -> int:
    """Before the next present required section, else after the previous one, else at the end."""
    for later in matches[index + 1 :]:
        if later.section is not None:
            return later.section.heading.line
    for earlier in reversed(matches[:index]):
        if earlier.section is not None:
            return earlier.section.end_line + 1
    return doc.line_count + 1


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
    present = [m for m in _required_sections(ctx) if m.section is not None]
    latest: _Match | None = None
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


def _section_for(ctx: FileContext, content: str) -> Iterator[tuple[SectionSpec, Section]]:
    for match in _required_sections(ctx):
        if match.spec.content == content and match.section is not None:
            yield match.spec, match.section


def _first_block(section: Section, *kinds: str) -> Block | None:
    return next((b for b in section.blocks if b.kind in kinds), None)


def _heading_finding(ctx: FileContext, section: Section, message: str) -> Finding:
    line = section.heading.line
    return line_span(line, ctx.doc.line_text(line), message)


@rule("FT103", "table-columns")
def check_table_columns(ctx: FileContext) -> Iterator[Finding]:
    """A table section holds a table with exactly the template's columns.

    Bad:

        ## Defaults

        | Area | Choice |
        |---|---|

    Good:

        ## Defaults

        | Concern | Default | Alternatives |
        |---|---|---|
    """
    for spec, section in _section_for(ctx, "table"):
        table = _first_block(section, "table")
        if table is None:
            yield _heading_finding(ctx, section, f"section '{spec.heading}' needs a table")
            continue
        header = [inline_plain_text(t).strip() for t in _row_cells(ctx.doc, table, 0)]
        wanted = list(spec.columns)
        if wanted and [normalise_heading(h) for h in header] != [
            normalise_heading(w) for w in wanted
        ]:
            yield line_span(
                table.line,
                ctx.doc.line_text(table.line),
                f"table columns must be {' | '.join(wanted)} (found {' | '.join(header)})",
            )


def _rows(doc: Document, table: Block) -> list[tuple[int, list]]:
    """(1-based line, inline cell tokens) for each row of a table block, header first."""
    rows: list[tuple[int, list]] = []
    for token in doc.tokens[table.start : table.stop]:
        if token.type == "tr_open":
            rows.append((token.map[0] + 1 if token.map else table.line, []))
        elif token.type == "inline" and rows:
            rows[-1][1].append(token)
    return rows


def _row_cells(doc: Document, table: Block, index: int) -> list:
    rows = _rows(doc, table)
    return rows[index][1] if index < len(rows) else []


def _cell_columns(line: str) -> list[tuple[int, int]]:
    """1-based (start, end) column of each cell between unescaped pipes."""
    bounds, start, escaped = [], None, False
    stripped = line.rstrip()
    for index, char in enumerate(stripped):
        if char == "|" and not escaped:
            if start is not None:
                bounds.append((start + 1, index + 1))
            start = index + 1
        escaped = char == "\\" and not escaped
    if start is not None and start < len(stripped):
        bounds.append((start + 1, len(stripped) + 1))
    if stripped and not stripped.lstrip().startswith("|"):
        first_end = bounds[0][0] - 1 if bounds else len(stripped) + 1
        bounds.insert(0, (len(stripped) - len(stripped.lstrip()) + 1, first_end))
    return bounds


@rule("FT104", "table-cell")
def check_table_cell(ctx: FileContext) -> Iterator[Finding]:
    """Every cell of a template table is filled in.

    A default without alternatives (or without a reason) is the most common gap in
    a Defaults table; the diagnostic points at the empty cell.

    Bad:

        | Experiment tracking | MLflow |  |

    Good:

        | Experiment tracking | MLflow | Weights & Biases for hosted dashboards; Neptune |
    """
    for spec, section in _section_for(ctx, "table"):
        table = _first_block(section, "table")
        if table is None:
            continue
        header = _row_cells(ctx.doc, table, 0)
        for line, cells in _rows(ctx.doc, table)[1:]:
            source = ctx.doc.line_text(line)
            bounds = _cell_columns(source)
            for column_index, cell in enumerate(cells):
                if cell.content.strip():
                    continue
                name = inline_plain_text(header[column_index]) if column_index < len(header) else ""
                start, end = (
                    bounds[column_index] if column_index < len(bounds) else (1, len(source) + 1)
                )
                yield Finding(
                    line,
                    start,
                    line,
                    max(start + 1, end),
                    f"empty '{name or column_index + 1}' cell in the {spec.heading} table",
                )


def _list_items(doc: Document, block: Block) -> list[tuple[int, object]]:
    """(1-based line, first inline token or None) for each top-level item of a list block."""
    items = []
    tokens = doc.tokens
    item_level = tokens[block.start].level + 1
    for index in range(block.start, block.stop):
        token = tokens[index]
        if token.type == "list_item_open" and token.level == item_level:
            inline = None
            if index + 2 < block.stop and tokens[index + 1].type == "paragraph_open":
                inline = tokens[index + 2]
            items.append(((token.map[0] + 1) if token.map else block.line, inline))
    return items


def _bold_lead(inline) -> str | None:
    """The text of the bold run an item starts with, or None."""
    children = [c for c in getattr(inline, "children", None) or [] if c.content or c.nesting]
    if not children or children[0].type != "strong_open":
        return None
    closing = next((i for i, c in enumerate(children) if c.type == "strong_close"), len(children))
    return "".join(c.content for c in children[1:closing]).strip()


def _item_finding(doc: Document, line: int, message: str) -> Finding:
    source = doc.line_text(line)
    marker = _LIST_MARKER.match(source)
    start = (marker.end() if marker else 0) + 1
    return Finding(line, start, line, max(start + 1, len(source.rstrip()) + 1), message)


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
    for spec, section in _section_for(ctx, "do-dont"):
        prefixes = spec.prefixes or ("Do", "Don't")
        found: set[str] = set()
        subsections = _prefix_subsections(doc, section, prefixes)
        if subsections:
            for prefix, blocks in subsections.items():
                if any(b.kind == "bullet_list" and _list_items(doc, b) for b in blocks):
                    found.add(prefix)
        else:
            for block in section.blocks:
                if block.kind not in ("bullet_list", "ordered_list"):
                    continue
                for line, inline in _list_items(doc, block):
                    prefix = _prefix_of(_bold_lead(inline), prefixes)
                    if prefix is None:
                        yield _item_finding(
                            doc,
                            line,
                            f"item must start with {' or '.join(f'**{p}**' for p in prefixes)}",
                        )
                    else:
                        found.add(prefix)
        for prefix in prefixes:
            if prefix not in found:
                yield _heading_finding(
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
            key = heading.text.rstrip(":")
            plural = (
                key[:-1] if key.lower().endswith("s") and not key.lower().endswith("'s") else key
            )
            prefix = _prefix_of(key, prefixes) or _prefix_of(plural, prefixes)
            if heading.level == 3 and prefix is not None:
                current = groups.setdefault(prefix, [])
            else:
                current = None
        elif current is not None:
            current.append(block)
    return groups


@rule("FT106", "numbered-list")
def check_numbered_list(ctx: FileContext) -> Iterator[Finding]:
    """A numbered section is a numbered list, each item led by a bold title.

    Bad:

        ## Common Pitfalls

        - Leaking labels into features.

    Good:

        ## Common Pitfalls

        1. **Leaking labels into features.** Build features as of the prediction time.
    """
    doc = ctx.doc
    for spec, section in _section_for(ctx, "numbered"):
        lists = [b for b in section.blocks if b.kind in ("ordered_list", "bullet_list")]
        if not any(b.kind == "ordered_list" for b in lists):
            yield _heading_finding(ctx, section, f"section '{spec.heading}' needs a numbered list")
        for block in lists:
            if block.kind == "bullet_list":
                yield line_span(
                    block.line, doc.line_text(block.line), "use a numbered list (1. 2. 3.) here"
                )
                continue
            if not spec.bold_lead:
                continue
            for line, inline in _list_items(doc, block):
                if not _bold_lead(inline):
                    yield _item_finding(
                        doc, line, "item must start with a bold title: 1. **Title.** text"
                    )


@rule("FT107", "checklist")
def check_checklist(ctx: FileContext) -> Iterator[Finding]:
    """A checklist section is a task list with enough items and nothing else in its lists.

    Bad:

        ## Checklist

        - Models are versioned.

    Good:

        ## Checklist

        - [ ] Every model in production has a model card.
        - [ ] Every training run logs its data version.
    """
    doc = ctx.doc
    task_lines = {task.line for task in doc.tasks}
    for spec, section in _section_for(ctx, "tasks"):
        count = 0
        for block in section.blocks:
            if block.kind not in ("bullet_list", "ordered_list"):
                continue
            for line, _inline in _list_items(doc, block):
                if line in task_lines:
                    count += 1
                else:
                    yield _item_finding(
                        doc, line, "plain item in a checklist; write it as '- [ ] ...'"
                    )
        if count == 0:
            yield _heading_finding(
                ctx, section, f"section '{spec.heading}' has no task items (- [ ] ...)"
            )
        elif count < spec.min_items:
            yield _heading_finding(
                ctx,
                section,
                f"section '{spec.heading}' has {count} task items; "
                f"the template asks for at least {spec.min_items}",
            )
