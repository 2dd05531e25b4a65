"""The rows and cells of a table block, for the table rules."""

from __future__ import annotations

from foundry_app.core.document import Block, Document


def table_rows(doc: Document, table: Block) -> list[tuple[int, list]]:
    """(1-based line, inline cell tokens) for each row of a table block, header first."""
    rows: list[tuple[int, list]] = []
    for token in doc.tokens[table.start : table.stop]:
        if token.type == "tr_open":
            rows.append((token.map[0] + 1 if token.map else table.line, []))
        elif token.type == "inline" and rows:
            rows[-1][1].append(token)
    return rows


def row_cells(doc: Document, table: Block, index: int) -> list:
    rows = table_rows(doc, table)
    return rows[index][1] if index < len(rows) else []
