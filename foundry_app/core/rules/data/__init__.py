"""Rules for the library's data files (YAML, JSON, TOML), which are not Markdown."""

# Importing the family registers its rules (the registry loads it on first use).
from foundry_app.core.rules.data import (
    data_syntax,
)

__all__ = [
    "data_syntax",
]
