"""Suppression comments in Markdown: which diagnostics they hide, and which hide nothing.

    <!-- foundry-disable-next-line fence-language -->   the line right after the comment
    <!-- foundry-disable placeholder, FT007 -->          from here to the matching enable
    <!-- foundry-enable placeholder -->                  (or to the end of the file)
    <!-- foundry-disable-file title -->                  the whole file

Rules are named by name or id, separated by spaces or commas; none means every rule.
Only a comment that is an HTML block of its own (it starts its line) counts, so a
comment quoted in a code block or in a sentence never hides anything.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from foundry_app.core.diagnostics import Diagnostic

NEXT_LINE, DISABLE, ENABLE, FILE = "disable-next-line", "disable", "enable", "disable-file"
# matched against one comment at a time (found by _comments): as a search over a whole
# block, an unclosed `<!-- foundry-disable` scanned to the end of the file once per line
_DIRECTIVE = re.compile(
    r"<!--\s*foundry-(disable-next-line|disable-file|disable|enable)(?![\w-])(.*)-->", re.DOTALL
)


@dataclass(frozen=True)
class Suppression:
    """One comment: its kind, where it is (1-based, end column exclusive), the rules named."""

    kind: str
    line: int
    column: int
    end_line: int
    end_column: int
    rules: tuple[str, ...]  # as written; empty: every rule

    def to_json(self) -> list:
        return [self.kind, self.line, self.column, self.end_line, self.end_column, list(self.rules)]


def find_suppressions(tokens, lines: list[str]) -> tuple[Suppression, ...]:
    """The suppression comments among a parse's HTML blocks, in source order."""
    found = []
    for token in tokens:
        if token.type != "html_block" or not token.map or "foundry-" not in token.content:
            continue
        first = token.map[0]
        for start, end in _comments(token.content):
            match = _DIRECTIVE.fullmatch(token.content, start, end)
            if match is None:
                continue
            start_line = first + token.content.count("\n", 0, start)
            end_line = first + token.content.count("\n", 0, end)
            column, end_column = _columns(lines, start_line, end_line, match.group(0))
            words = re.split(r"[\s,]+", match.group(2).strip())
            found.append(
                Suppression(
                    match.group(1),
                    start_line + 1,
                    column,
                    end_line + 1,
                    end_column,
                    tuple(w for w in words if w),
                )
            )
    return tuple(found)


def _columns(lines: list[str], first: int, last: int, comment: str) -> tuple[int, int]:
    """The comment's start column on its first line and end column on its last (exclusive);
    found in the source lines, since a quote's or list's markers are not in the token."""
    head, tail = comment.split("\n", 1)[0], comment.rsplit("\n", 1)[-1]
    source = lines[first] if first < len(lines) else ""
    at = source.find(head)
    column = (at if at >= 0 else max(source.find("<!--"), 0)) + 1
    if first == last:
        return column, column + len(head)
    end_source = lines[last] if last < len(lines) else ""
    at = end_source.find(tail)
    return column, (at + len(tail) if at >= 0 else len(end_source)) + 1


def _comments(text: str) -> list[tuple[int, int]]:
    """(start, end) of each closed `<!-- … -->` in `text`, in one pass."""
    found, at = [], text.find("<!--")
    while at >= 0:
        close = text.find("-->", at + 4)
        if close < 0:
            break  # unclosed: no comment from here on
        found.append((at, close + 3))
        at = text.find("<!--", close + 3)
    return found


def is_directive_block(token) -> bool:
    """An HTML block made only of suppression comments: it is not content of its section."""
    content = token.content
    if token.type != "html_block" or "foundry-" not in content:
        return False
    comments = _comments(content)
    gaps = zip(
        [0] + [end for _start, end in comments],
        [start for start, _end in comments] + [len(content)],
        strict=True,
    )
    return (
        bool(comments)
        and all(not content[a:b].strip() for a, b in gaps)  # nothing but comments
        and all(_DIRECTIVE.fullmatch(content, start, end) for start, end in comments)
    )


@dataclass
class _Region:
    """The lines a comment covers; `ends` holds the rules an enable ended early."""

    comment: int  # index of the Suppression
    rules: frozenset[str] | None  # rule ids, None: every rule
    first: int
    last: float
    ends: dict[str, int] = field(default_factory=dict)

    def covers(self, rule: str, line: int) -> bool:
        if self.rules is not None and rule not in self.rules:
            return False
        return self.first <= line <= min(self.last, self.ends.get(rule, self.last))


@dataclass(frozen=True)
class Problem:
    """A comment that hides nothing (or names a rule that does not exist), to report."""

    suppression: Suppression
    message: str


def apply_suppressions(
    diagnostics: Iterable[Diagnostic],
    suppressions: tuple[Suppression, ...],
    rule_id_of,
) -> tuple[list[Diagnostic], list[Problem]]:
    """(the diagnostics no comment covers, the comments to report).

    `rule_id_of(name)` gives a rule's id for its name or id, or None for an unknown one."""
    diagnostics = list(diagnostics)
    if not suppressions:
        return diagnostics, []
    problems: list[Problem] = []
    named: list[tuple[str, ...]] = []  # per comment: the ids it names, in its order
    spelt: dict[str, str] = {}  # a rule's id -> the name a comment gave it
    for suppression in suppressions:
        ids = []
        for word in suppression.rules:
            rule_id = rule_id_of(word)
            if rule_id is None:
                problems.append(Problem(suppression, f"unknown rule '{word}' in the comment"))
            elif rule_id not in ids:
                ids.append(rule_id)
                spelt.setdefault(rule_id, word)
        named.append(tuple(ids))
    regions, enables_used = _regions(suppressions, named)
    used: list[set[str]] = [set() for _ in suppressions]
    kept = []
    for diagnostic in diagnostics:
        covering = [r for r in regions if r.covers(diagnostic.rule, diagnostic.line)]
        if not covering:
            kept.append(diagnostic)
        for region in covering:
            used[region.comment].add(diagnostic.rule)
    for index, suppression in enumerate(suppressions):
        unknown_only = suppression.rules and not named[index]
        if suppression.kind == ENABLE:
            if not enables_used[index] and not unknown_only:
                message = "this enable ends no foundry-disable above it"
                problems.append(Problem(suppression, message))
            continue
        if unknown_only:
            continue  # the unknown names are reported already
        if not named[index]:
            if not used[index]:
                problems.append(Problem(suppression, "the comment suppresses nothing"))
            continue
        idle = [rule for rule in named[index] if rule not in used[index]]
        if idle:
            what = ", ".join(spelt[rule] for rule in idle)
            problems.append(Problem(suppression, f"the comment suppresses nothing for {what}"))
    problems.sort(key=lambda p: (p.suppression.line, p.suppression.column))
    return kept, problems


def _regions(
    suppressions: tuple[Suppression, ...], named: list[tuple[str, ...]]
) -> tuple[list[_Region], list[bool]]:
    regions: list[_Region] = []
    open_regions: list[_Region] = []
    enables_used = [False] * len(suppressions)
    for index, s in enumerate(suppressions):
        rules = frozenset(named[index]) if s.rules else None
        if s.rules and not named[index]:
            continue  # names only unknown rules: covers nothing
        if s.kind == FILE:
            regions.append(_Region(index, rules, 1, float("inf")))
        elif s.kind == NEXT_LINE:
            regions.append(_Region(index, rules, s.end_line + 1, s.end_line + 1))
        elif s.kind == DISABLE:
            region = _Region(index, rules, s.line, float("inf"))
            regions.append(region)
            open_regions.append(region)
        else:
            enables_used[index] = _enable(open_regions, rules, s.line)
    return regions, enables_used


def _enable(open_regions: list[_Region], rules: frozenset[str] | None, line: int) -> bool:
    """End what a foundry-enable names (everything when it names nothing); True if it ended
    anything."""
    ended = False
    for region in list(open_regions):
        if rules is None:
            region.last = line
        elif region.rules is None:
            for rule in rules - region.ends.keys():
                region.ends[rule] = line
                ended = True
            continue
        else:
            for rule in (region.rules & rules) - region.ends.keys():
                region.ends[rule] = line
                ended = True
            if region.ends.keys() < region.rules:
                continue  # some of its rules are still disabled
        open_regions.remove(region)
        ended = True
    return ended
