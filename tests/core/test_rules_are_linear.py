"""No rule may be worse than linear in its input.

Each text is a pathological line or block repeated to about 200 KB. A quadratic scan
takes minutes on these (the escaped-placeholder line took 23 s at 88 KB); a linear one
takes well under a second, so the bound below is generous and never decides on normal
input. The bound is on the process's CPU time, not the wall clock, so a busy machine
running other work does not fail it.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from foundry_app.core.document import Document
from foundry_app.core.lint import check_document

SIZE = 200_000
SECONDS_PER_MB = 40  # generous: linear code needs about 2 s per MB here, quadratic hours

PATTERNS = {
    "escaped placeholders after code spans": "`c` TODO\\* ",
    "many links on one line": "[a](b.md) [c](café.md#x) ",
    "many code spans": "`x` `y\nz` ",
    "entities and escapes": "&amp; \\# TODO &copy; ",
    "html inline": "<b>TODO</b> <!-- x --> ",
    "code spans in brackets": "[`a` [`b`] ",
}

# Whole blocks repeated: what decides which parse engine reads a text must stay linear too.
BLOCKS = {
    "a long quote": "> quoted line of text\n",
    "delimiter-like rows": "|-|\n",
    "a table of many rows": "| `a[0]` | b |\n",
    "quotes nested in one line": ">" * 1000 + " x\n",
    "lists nested in one line": "- " * 1000 + "x\n",
    "lists nested by indentation": "".join(" " * (2 * i) + "- x\n" for i in range(60)),
}


@pytest.mark.parametrize("unit", BLOCKS.values(), ids=BLOCKS.keys())
def test_every_rule_is_linear_on_a_pathological_block(unit: str, tmp_path: Path):
    text = "# T\n\n| a | b |\n|---|---|\n" + unit * (SIZE // len(unit))
    started = time.process_time()
    check_document(None, tmp_path / "big.md", Document(text))
    elapsed = time.process_time() - started
    assert elapsed < SECONDS_PER_MB * len(text) / 1e6, f"{elapsed:.1f} s for {len(text)} bytes"


@pytest.mark.parametrize(
    "text",
    ["> " * 100_000 + "x", "- " * 100_000 + "x", "*" * 50_000 + "x" + "*" * 50_000],
    ids=["quotes", "lists", "emphasis"],
)
def test_nesting_a_hundred_thousand_deep_is_parsed_without_a_crash(text: str):
    doc = Document(text)  # the Rust engine alone takes 14 s on the list and then crashes
    assert doc.blocks
    assert max(token.level for token in doc.tokens) <= 100


@pytest.mark.parametrize("unit", PATTERNS.values(), ids=PATTERNS.keys())
def test_every_rule_is_linear_on_a_pathological_line(unit: str, tmp_path: Path):
    text = "# T\n\n" + unit * (SIZE // len(unit)) + "\n"
    started = time.process_time()
    check_document(None, tmp_path / "big.md", Document(text))
    elapsed = time.process_time() - started
    assert elapsed < SECONDS_PER_MB * len(text) / 1e6, f"{elapsed:.1f} s for {len(text)} bytes"
