"""A link as a document holds it: the href and where it sits (1-based line and columns).

Kept apart from `core.document` so facts read back from the cache need no parser code.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Link:
    href: str
    line: int
    column: int
    end_column: int
