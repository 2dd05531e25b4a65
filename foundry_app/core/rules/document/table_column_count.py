"""The table-column-count rule: no table row has more cells than its header."""

from __future__ import annotations

from collections.abc import Iterator

from foundry_app.core.rules.registry import FileContext, Finding, rule
from foundry_app.core.table_source import source_cells


@rule("FT009", "table-column-count")
def check_table_column_count(ctx: FileContext) -> Iterator[Finding]:
    """No table row has more cells than the table's header.

    Markdown renderers drop the cells past the header's count without a word, so the
    text in them never reaches a reader. Add a header column or merge the cells.

    Bad:

        | Concern | Default |
        | --- | --- |
        | Testing | pytest | unittest |

    Good:

        | Concern | Default | Alternatives |
        | --- | --- | --- |
        | Testing | pytest | unittest |
    """
    doc = ctx.doc
    columns = 0
    in_body = False
    for token in doc.tokens:
        if token.type == "thead_open":
            columns, in_body = 0, False
        elif token.type == "th_open":
            columns += 1
        elif token.type == "tbody_open":
            in_body = True
        elif token.type == "tbody_close":
            in_body = False
        elif token.type == "tr_open" and in_body and token.map:
            line = token.map[0] + 1
            cells = source_cells(doc.line_text(line))
            if len(cells) > columns:
                extra = cells[columns]
                yield Finding(
                    line,
                    extra.column,
                    line,
                    cells[-1].end_column,
                    f"this row has {len(cells)} cells but the header has {columns}; "
                    "the extra cells are not shown",
                )
