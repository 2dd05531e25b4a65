"""Integers longer than Python will read from text (4,300 digits by default, a guard
against quadratic conversions): where the first one is, so a parser's ValueError over one
becomes a finding at its place rather than a traceback."""

from __future__ import annotations

import re
import sys

from foundry_app.core.offsets import line_and_column

LONGEST_DIGITS = sys.get_int_max_str_digits() or 4300
_TOO_LONG = re.compile(rf"\d{{{LONGEST_DIGITS + 1},}}")
TOO_LONG_MESSAGE = f"a number of more than {LONGEST_DIGITS:,} digits"


def long_number_at(text: str) -> tuple[int, int] | None:
    """1-based (line, column) of the first run of too many digits, or None."""
    found = _TOO_LONG.search(text)
    return None if found is None else line_and_column(text, found.start())
