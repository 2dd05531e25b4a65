"""Searching and replacing text: one query model for the find bar and the library search.

A `Query` says what to look for (plain text or a regular expression, case, whole word);
`compile_query` turns it into a pattern once. Offsets are Python code points; the UI
converts them to Qt positions.

Patterns run on the `regex` engine, because it can stop a match that backtracks without
end (`^(a|aa)+$` typed into the find bar, which runs in the window's own thread). A pattern
`re` refuses is refused; the engine reads the rest as `re` does, but for two rare cases:
`[[:alpha:]]` is a POSIX class there, and case-insensitive `i` does not match `ı`.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the engine loads at the first search (20 ms): a window may never search
    from regex import Match, Pattern

# "$1" and "${name}" are what most editors accept; Python's own "\1" / "\g<name>" work too.
_DOLLAR_GROUP = re.compile(r"\$(?:(\d+)|\{(\w+)\})")


# matching may take this long, plus this per character: a scan of a big file is never cut
# short, a pattern that backtracks without end stops within seconds
_BASE_SECONDS = 1.0
_SECONDS_PER_CHAR = 1e-6


class QueryError(ValueError):
    """The query is not a valid regular expression, or too slow (the message says why)."""


@dataclass(frozen=True)
class Query:
    text: str
    case_sensitive: bool = False
    whole_word: bool = False
    regex: bool = False


@dataclass(frozen=True)
class LineMatch:
    """One match as the library search shows it: 1-based line, 0-based columns in that line."""

    line: int
    start: int
    end: int
    line_text: str


def compile_query(query: Query) -> Pattern | None:
    """The pattern for `query`, or None when there is nothing to look for."""
    if not query.text:
        return None
    import regex as regex_engine  # `regex` is also the name of the regex-mode flag here

    source = query.text if query.regex else re.escape(query.text)
    if query.whole_word:
        source = rf"(?<!\w)(?:{source})(?!\w)"
    flags = regex_engine.VERSION0 | regex_engine.MULTILINE
    flags |= 0 if query.case_sensitive else regex_engine.IGNORECASE
    try:
        with warnings.catch_warnings():  # "possible nested set": re's own remark, not ours
            warnings.simplefilter("ignore", FutureWarning)
            re.compile(source, re.MULTILINE)  # what `re` refuses is refused (\p{L}, \G, …)
        return regex_engine.compile(source, flags)
    except (re.error, regex_engine.error) as error:
        raise QueryError(f"Invalid regular expression: {error}") from None


def match_seconds(text: str) -> float:
    """How long matching in `text` may take before the expression is called too slow."""
    return _BASE_SECONDS + _SECONDS_PER_CHAR * len(text)


def too_slow(seconds: float) -> QueryError:
    return QueryError(
        f"The expression ran for over {seconds:.0f} s without finishing: "
        "simplify it (nested repeats such as (a+)+ backtrack)"
    )


def iter_matches(text: str, pattern: Pattern) -> Iterator[Match]:
    """Every non-empty match (an empty match such as `^` alone would replace nothing useful);
    QueryError when matching runs past its time."""
    seconds = match_seconds(text)
    try:
        for match in pattern.finditer(text, timeout=seconds):
            if match.end() > match.start():
                yield match
    except TimeoutError:
        raise too_slow(seconds) from None


def match_at(text: str, pattern: Pattern, start: int) -> Match | None:
    """The match that begins exactly at `start`, if any; QueryError when it runs too long."""
    seconds = match_seconds(text)
    try:
        return pattern.match(text, start, timeout=seconds)
    except TimeoutError:
        raise too_slow(seconds) from None


def find_spans(text: str, pattern: Pattern, limit: int | None = None) -> list[tuple[int, int]]:
    spans = []
    for match in iter_matches(text, pattern):
        spans.append(match.span())
        if limit is not None and len(spans) >= limit:
            break
    return spans


def replacement_text(match: Match, replacement: str, *, regex: bool) -> str:
    """What one match becomes: literal text, or with regex on, the groups filled in."""
    if not regex:
        return replacement
    template = _DOLLAR_GROUP.sub(lambda m: rf"\g<{m.group(1) or m.group(2)}>", replacement)
    import regex as regex_engine  # loaded already: `match` is one of its matches

    try:
        return match.expand(template)
    except (regex_engine.error, IndexError) as error:
        raise QueryError(f"Invalid replacement: {error}") from None


def replace_all(text: str, pattern: Pattern, replacement: str, *, regex: bool) -> tuple[str, int]:
    """`text` with every match replaced, and how many there were."""
    parts: list[str] = []
    last = 0
    count = 0
    for match in iter_matches(text, pattern):
        parts.append(text[last : match.start()])
        parts.append(replacement_text(match, replacement, regex=regex))
        last = match.end()
        count += 1
    if not count:
        return text, 0
    parts.append(text[last:])
    return "".join(parts), count


def line_matches(text: str, pattern: Pattern, limit: int | None = None) -> list[LineMatch]:
    """Matches with their line, as a results list shows them; a match that spans lines is
    shown on its first line, highlighted to the end of it."""
    if not text:
        return []
    found: list[LineMatch] = []
    line_starts = _LineStarts(text)
    for match in iter_matches(text, pattern):
        line, line_start, line_end = line_starts.locate(match.start())
        end = min(match.end(), line_end)
        found.append(
            LineMatch(line, match.start() - line_start, end - line_start, text[line_start:line_end])
        )
        if limit is not None and len(found) >= limit:
            break
    return found


class _LineStarts:
    """Line lookups for ascending offsets without splitting the whole text up front."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.line = 1
        self.start = 0
        self.end = self._end_of(0)

    def _end_of(self, start: int) -> int:
        stop = self.text.find("\n", start)
        return len(self.text) if stop < 0 else stop

    def locate(self, offset: int) -> tuple[int, int, int]:
        if offset < self.start:  # never happens for finditer; restart to stay correct
            self.line, self.start, self.end = 1, 0, self._end_of(0)
        if offset > self.end:
            self.line += self.text.count("\n", self.end, offset)
            self.start = self.text.rfind("\n", 0, offset) + 1
            self.end = self._end_of(self.start)
        return self.line, self.start, self.end
