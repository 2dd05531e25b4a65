"""Lint rules, one module per rule, grouped by family; importing the package registers them all.

registry.py holds what every rule shares (Rule, Finding, the contexts' base) and imports no
rule module; this file imports each rule module once so the registry is full whenever
`foundry_app.core.rules.registry` is imported.
"""

from foundry_app.core.rules.data import data_syntax
from foundry_app.core.rules.document import (
    code_syntax,
    empty_section,
    fence_language,
    front_matter_yaml,
    heading_increment,
    placeholder,
    raw_html,
    table_column_count,
    title,
    unused_suppression,
)
from foundry_app.core.rules.item import code_examples, missing_file, stack_name
from foundry_app.core.rules.links import broken_link
from foundry_app.core.rules.template import (
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
    "broken_link",
    "checklist",
    "code_examples",
    "code_syntax",
    "data_syntax",
    "empty_section",
    "fence_language",
    "front_matter_keys",
    "front_matter_yaml",
    "heading_increment",
    "list_prefix",
    "missing_file",
    "missing_section",
    "numbered_list",
    "placeholder",
    "raw_html",
    "section_order",
    "stack_name",
    "summary",
    "table_cell",
    "table_column_count",
    "table_columns",
    "title",
    "unused_suppression",
]
