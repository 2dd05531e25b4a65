"""The table-columns rule: a table section has exactly the template's columns."""

from __future__ import annotations

from collections.abc import Iterator

from foundry_app.core.document import inline_plain_text
from foundry_app.core.rules.registry import FileContext, Finding, line_span, rule
from foundry_app.core.rules.template.sections import first_block, heading_finding, section_for
from foundry_app.core.rules.template.tables import row_cells
from foundry_app.core.template import normalise_heading


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
    for spec, section in section_for(ctx, "table"):
        table = first_block(section, "table")
        if table is None:
            yield heading_finding(ctx, section, f"section '{spec.heading}' needs a table")
            continue
        header = [inline_plain_text(t).strip() for t in row_cells(ctx.doc, table, 0)]
        wanted = list(spec.columns)
        if wanted and [normalise_heading(h) for h in header] != [
            normalise_heading(w) for w in wanted
        ]:
            yield line_span(
                table.line,
                ctx.doc.line_text(table.line),
                f"table columns must be {' | '.join(wanted)} (found {' | '.join(header)})",
            )
