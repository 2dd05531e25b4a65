"""A kind's `name` pattern from library.toml, matched under a time limit.

The pattern is the template author's regular expression, and a library.toml comes with
any pull request: `^(a|aa)+$` on a 60-letter name backtracks for years. The `regex`
engine can stop a match after a time limit; a name that hits it is reported, never hung on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

MATCH_SECONDS = 0.05  # far above any sane pattern's time on a 255-byte name


class PatternTooSlow(Exception):
    """Matching one name ran past MATCH_SECONDS."""

    def __init__(self, pattern: str, name: str) -> None:
        super().__init__(
            f"the template's name pattern {pattern} took over {MATCH_SECONDS:g} s on "
            f"'{name}'; simplify it in library.toml (nested repeats backtrack)"
        )


@dataclass(frozen=True)
class NamePattern:
    pattern: str
    _compiled: regex.Pattern = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        try:
            compiled = regex.compile(self.pattern, flags=regex.VERSION0)  # as Python's re reads it
        except regex.error as error:
            raise ValueError(str(error)) from None
        object.__setattr__(self, "_compiled", compiled)

    def search(self, name: str) -> bool:
        """The pattern is found in the name; PatternTooSlow when it could not tell in time."""
        try:
            return self._compiled.search(name, timeout=MATCH_SECONDS) is not None
        except TimeoutError:
            raise PatternTooSlow(self.pattern, name) from None
