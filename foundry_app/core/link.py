"""A link as a document holds it: the href and where it sits (1-based line and columns).

Kept apart from `core.document` so facts read back from the cache need no parser code.
"""

from __future__ import annotations

from typing import NamedTuple


class Link(NamedTuple):
    """A tuple: a warm lint of 1,000 files reads ~20,000 of them back from the cache, and
    a frozen dataclass costs four `object.__setattr__` calls each."""

    href: str
    line: int
    column: int
    end_column: int
