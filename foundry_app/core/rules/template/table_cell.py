"""The table-cell rule: every cell of a template table is filled in."""

from __future__ import annotations

from collections.abc import Iterator

from foundry_app.core.document import inline_plain_text
from foundry_app.core.rules.registry import FileContext, Finding, rule
from foundry_app.core.rules.template.sections import first_block, section_for
from foundry_app.core.rules.template.tables import row_cells, table_rows


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
    for spec, section in section_for(ctx, "table"):
        table = first_block(section, "table")
        if table is None:
            continue
        header = row_cells(ctx.doc, table, 0)
        for line, cells in table_rows(ctx.doc, table)[1:]:
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
