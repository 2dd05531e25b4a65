"""Rules that check a file against the sections its kind's template requires."""

# Importing the family registers its rules (the registry loads it on first use).
from foundry_app.core.rules.template import (
    bullet_list,
    checklist,
    front_matter_keys,
    list_prefix,
    missing_section,
    numbered_list,
    section_order,
    summary,
    table_cell,
    table_columns,
)

__all__ = [
    "bullet_list",
    "checklist",
    "front_matter_keys",
    "list_prefix",
    "missing_section",
    "numbered_list",
    "section_order",
    "summary",
    "table_cell",
    "table_columns",
]
