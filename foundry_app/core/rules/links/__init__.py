"""Rules about links between files; they run on every lint, even when a file's facts are cached."""

# Importing the family registers its rules (the registry loads it on first use).
from foundry_app.core.rules.links import (
    broken_link,
)

__all__ = [
    "broken_link",
]
