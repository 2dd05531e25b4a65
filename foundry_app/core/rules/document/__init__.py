"""Rules that hold for every Markdown file: title, headings, sections, code fences, placeholders."""

# Importing the family registers its rules (the registry loads it on first use).
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

__all__ = [
    "code_syntax",
    "empty_section",
    "fence_language",
    "front_matter_yaml",
    "heading_increment",
    "placeholder",
    "raw_html",
    "table_column_count",
    "title",
    "unused_suppression",
]
