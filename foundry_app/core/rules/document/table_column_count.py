"""The table-column-count rule: no table row has more cells than its header."""

from __future__ import annotations

from collections.abc import Iterator

from foundry_app.core.rules.registry import FileContext, Finding, rule
from foundry_app.core.table_source import cell_count, source_cells


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
    tokens = doc.tokens
    for start in doc.token_indices("table_open"):
        columns = 0
        in_body = False
        index = start + 1
        while index < len(tokens) and tokens[index].type != "table_close":
            token = tokens[index]
            index += 1
            if token.type == "th_open":
                columns += 1
            elif token.type == "tbody_open":
                in_body = True
            elif token.type == "tr_open" and in_body and token.map:
                line = token.map[0] + 1
                if cell_count(doc.line_text(line)) > columns:
                    cells = source_cells(doc.line_text(line))
                    yield Finding(
                        line,
                        cells[columns].column,
                        line,
                        cells[-1].end_column,
                        f"this row has {len(cells)} cells but the header has {columns}; "
                        "the extra cells are not shown",
                    )
