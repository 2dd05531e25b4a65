"""Rules about an item (a stack) as a whole: its name, its required files, its examples."""

# Importing the family registers its rules (the registry loads it on first use).
from foundry_app.core.rules.item import (
    code_examples,
    missing_file,
    stack_name,
)

__all__ = [
    "code_examples",
    "missing_file",
    "stack_name",
]
