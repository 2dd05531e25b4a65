"""A kind's `name` pattern from library.toml, matched under a time limit.

The pattern is the template author's regular expression, and a library.toml comes with
any pull request: `^(a|aa)+$` on a 60-letter name backtracks for years. The `regex`
engine can stop a match after a time limit; a name that hits it is reported, never hung on.
The patterns Foundry's own templates use cannot backtrack (each repeat begins with a
hyphen the one before cannot match), so they run on `re`, and a lint of such a library
never loads the other engine (20 ms).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MATCH_SECONDS = 0.05  # far above any sane pattern's time on a 255-byte name
# the name patterns of Foundry's own templates, and the default: linear on `re`
_LINEAR = frozenset({r"^[a-z0-9]+(-[a-z0-9]+)*$", r"^[^/]+$"})


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
    _compiled: object = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_compiled", _compiled(self.pattern))

    def search(self, name: str) -> bool:
        """The pattern is found in the name; PatternTooSlow when it could not tell in time."""
        if isinstance(self._compiled, re.Pattern):
            return self._compiled.search(name) is not None
        try:
            return self._compiled.search(name, timeout=MATCH_SECONDS) is not None
        except TimeoutError:
            raise PatternTooSlow(self.pattern, name) from None


def _compiled(pattern: str):
    """`re` for the patterns known to be linear, else the engine with a time limit; a
    pattern `re` refuses is refused, with `re`'s reason, as in the find bar."""
    try:
        checked = re.compile(pattern)
    except re.error as error:
        raise ValueError(str(error)) from None
    if pattern in _LINEAR:
        return checked
    import regex

    try:
        return regex.compile(pattern, flags=regex.VERSION0)  # as Python's re reads it
    except regex.error as error:
        raise ValueError(str(error)) from None
