"""The table-column-count rule: no table row has more cells than its header."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import lru_cache

from foundry_app.core.document import Document
from foundry_app.core.rules.registry import (
    FileContext,
    Finding,
    findings_per_span,
    rule,
)
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
    yield from findings_per_span(ctx, "table-column-count", _too_wide_rows)


def _too_wide_rows(doc: Document, start: int, stop: int) -> Iterator[Finding]:
    closes = doc.token_indices_between("table_close", start, stop)
    headers = doc.token_indices_between("th_open", start, stop)
    bodies = doc.token_indices_between("tbody_open", start, stop)
    rows = doc.token_indices_between("tr_open", start, stop)
    for table in doc.token_indices_between("table_open", start, stop):
        at = bisect_right(closes, table)
        end = closes[at] if at < len(closes) else stop
        columns = bisect_left(headers, end) - bisect_right(headers, table)
        at = bisect_right(bodies, table)
        if at == len(bodies) or bodies[at] > end:
            continue  # a header only
        for index in rows[bisect_right(rows, bodies[at]) : bisect_left(rows, end)]:
            token = doc.tokens[index]
            if not token.map:
                continue
            line = token.map[0] + 1
            source = doc.line_text(line)
            if _cells_in(source) > columns:
                cells = source_cells(source)
                yield Finding(
                    line,
                    cells[columns].column,
                    line,
                    cells[-1].end_column,
                    f"this row has {len(cells)} cells but the header has {columns}; "
                    "the extra cells are not shown",
                )


# Rows repeat from one keystroke to the next (the live lint of a big file): counted once.
_cells_in = lru_cache(maxsize=16_384)(cell_count)
