"""Fuzzy file-name matching for quick open: the query's characters, in order, anywhere
in the path; matches in the file name, at word starts and in runs rank first."""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass

_SEPARATORS = "/\\-_. "


@dataclass(frozen=True)
class FuzzyMatch:
    path: str
    score: int
    positions: tuple[int, ...]  # indexes in `path` of the matched characters


def _match_positions(query: str, text: str, start: int) -> list[int] | None:
    """Leftmost positions of `query`'s characters in order in `text[start:]`, preferring a
    character at a word start when one comes before the next plain occurrence is used up."""
    positions = []
    position = start
    for char in query:
        found = text.find(char, position)
        if found < 0:
            return None
        # a later occurrence at a word start beats an earlier one mid-word
        boundary = _next_boundary(text, char, found)
        if boundary is not None and _rest_fits(query, len(positions) + 1, text, boundary + 1):
            found = boundary
        positions.append(found)
        position = found + 1
    return positions


def _next_boundary(text: str, char: str, found: int) -> int | None:
    if _at_boundary(text, found):
        return None
    index = found
    while True:
        index = text.find(char, index + 1)
        if index < 0:
            return None
        if _at_boundary(text, index):
            return index


def _rest_fits(query: str, done: int, text: str, position: int) -> bool:
    for char in query[done:]:
        position = text.find(char, position)
        if position < 0:
            return False
        position += 1
    return True


def _at_boundary(text: str, index: int) -> bool:
    return index == 0 or text[index - 1] in _SEPARATORS


def score_path(query: str, path: str) -> FuzzyMatch | None:
    """How well `path` (library-relative, '/'-separated) matches `query`; None for no match."""
    needle = "".join(query.lower().split())
    if not needle:
        return FuzzyMatch(path, 0, ())
    text = path.lower()
    name_start = text.rfind("/") + 1
    positions = _match_positions(needle, text, name_start)
    in_name = positions is not None
    if positions is None:
        positions = _match_positions(needle, text, 0)
        if positions is None:
            return None
    score = 0
    previous = -2
    for index in positions:
        score += 1
        if _at_boundary(text, index):
            score += 6
        if index == previous + 1:
            score += 5
        previous = index
    if in_name:
        score += 20 + (10 if positions[0] == name_start else 0)
    score -= (positions[-1] - positions[0]) // 4  # spread-out matches rank lower
    score -= len(path) // 20  # between equals, the shorter path
    return FuzzyMatch(path, score, tuple(positions))


def rank_paths(query: str, paths: Iterable[str], limit: int = 50) -> list[FuzzyMatch]:
    """The best `limit` matches, best first (ties in path order)."""
    scored = (
        (match.score, -order, match)
        for order, path in enumerate(paths)
        if (match := score_path(query, path)) is not None
    )
    return [match for _score, _order, match in heapq.nlargest(limit, scored)]
