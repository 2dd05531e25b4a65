"""Size and shape budgets for the shipped stacks, so agents can load them cheaply.

Every stack file opens with a short summary blockquote (what the file decides and its top
defaults) that can be loaded on its own, stays under a token budget, and keeps table rows short.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from helpers import SHIPPED_LIBRARY

STACK_FILES = sorted((SHIPPED_LIBRARY / "stacks").glob("*/*.md"))

# Tokens are estimated as ceil(characters / 4): BPE tokenizers average about four characters
# per token on English prose and Markdown, and a budget needs a stable, dependency-free number.
CHARS_PER_TOKEN = 4
CONVENTIONS_BUDGET = 4_000  # the entry file of a stack is read first, so it stays small
TOPIC_BUDGET = 6_000  # a topic file plus its stack's conventions fit in 10k tokens
SUMMARY_MAX_LINES = 8
TABLE_ROW_MAX_CHARS = 300  # longer reasoning belongs in prose under the table

FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)


def approx_tokens(text: str) -> int:
    return math.ceil(len(text) / CHARS_PER_TOKEN)


def budget_for(path: Path) -> int:
    return CONVENTIONS_BUDGET if path.name == "conventions.md" else TOPIC_BUDGET


def opening_summary(text: str) -> list[str] | None:
    """The blockquote lines that open the file right after its H1, or None if there is none."""
    lines = FRONT_MATTER.sub("", text, count=1).splitlines()
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index == len(lines) or not lines[index].startswith("# "):
        return None
    index += 1
    while index < len(lines) and not lines[index].strip():
        index += 1
    quote = []
    while index < len(lines) and lines[index].startswith(">"):
        quote.append(lines[index])
        index += 1
    return quote or None


def ids(paths):
    return [str(p.relative_to(SHIPPED_LIBRARY / "stacks")) for p in paths]


def test_every_shipped_stack_is_covered():
    stacks = {p.parent.name for p in STACK_FILES}
    assert {"mlops", "security", "data-engineering", "kubernetes", "python"} <= stacks
    assert len(stacks) >= 6


@pytest.mark.parametrize("path", STACK_FILES, ids=ids(STACK_FILES))
def test_file_is_within_its_token_budget(path: Path):
    tokens = approx_tokens(path.read_text(encoding="utf-8"))
    assert tokens <= budget_for(path), f"{path.name}: ~{tokens} tokens > {budget_for(path)}"


@pytest.mark.parametrize("path", STACK_FILES, ids=ids(STACK_FILES))
def test_file_opens_with_a_short_summary(path: Path):
    summary = opening_summary(path.read_text(encoding="utf-8"))
    assert summary, f"{path.name}: the first block after the H1 must be a '>' summary"
    assert len(summary) <= SUMMARY_MAX_LINES, f"{path.name}: summary has {len(summary)} lines"
    assert sum(len(line) for line in summary) > 80, f"{path.name}: summary says too little"


@pytest.mark.parametrize("path", STACK_FILES, ids=ids(STACK_FILES))
def test_table_rows_stay_short(path: Path):
    in_fence = False
    long_rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("```"):
            in_fence = not in_fence
        elif not in_fence and line.startswith("|") and len(line) > TABLE_ROW_MAX_CHARS:
            long_rows.append(f"line {number}: {len(line)} chars")
    assert not long_rows, f"{path.name}: {long_rows}"


def test_token_approximation_rounds_up():
    assert approx_tokens("") == 0
    assert approx_tokens("abcd") == 1
    assert approx_tokens("abcde") == 2


@pytest.mark.parametrize(
    "text, expected",
    [
        ("# T\n\n> one\n> two\n\nBody\n", ["> one", "> two"]),
        ("---\nlast-reviewed: 2026-12\n---\n# T\n\n> s\n", ["> s"]),
        ("# T\n\nBody first.\n\n> late quote\n", None),
        ("# T\n\n## Section\n\n> quote under a section\n", None),
        ("Intro\n# T\n\n> s\n", None),
    ],
)
def test_summary_detection(text, expected):
    assert opening_summary(text) == expected


def test_drift_thresholds_are_stated_once():
    """PSI levels live in monitoring.md; no file states a different PSI threshold."""
    stray = []
    for path in STACK_FILES:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for value in re.findall(r"PSI[^.\n]{0,20}?(0\.\d+)", line):
                if value not in {"0.1", "0.10", "0.25"}:
                    stray.append(f"{path.name}:{number}: PSI {value}")
    assert not stray, stray
