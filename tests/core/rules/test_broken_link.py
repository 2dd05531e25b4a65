"""FT301 broken-link: relative links point to files that exist and to headings they have.

Bad: `[training](model-trainig.md#seeds)`. Good:
`[training](model-training.md#seeds-and-determinism)`. Anchors follow GitHub's slugs
(`## Do / Don't` is `#do--dont`, a repeated heading gets `-1`); web links are not
checked. The diagnostic covers the link's target inside `(...)`.
"""

from __future__ import annotations

import pytest

RULE = "broken-link"
TRAINING = """\
# Model Training

## Seeds and Determinism

Fix every seed.

## Do / Don't

- **Do** log runs.

## Dos & Don'ts

Again.

## Step 1: `uv sync`

Install.

## Seeds and Determinism

Repeated on purpose.
"""


def _lint(lint_text, body: str) -> list:
    return lint_text(
        f"# Notes\n\n{body}\n", "notes.md", rule=RULE, others={"model-training.md": TRAINING}
    )


def test_bad_missing_file(lint_text):
    [found] = _lint(lint_text, "See [training](model-trainig.md#seeds).")
    # See [training](model-trainig.md#seeds).
    #                ^ column 16, the target up to the closing parenthesis
    assert (found.name, found.line, found.column, found.end_column) == (RULE, 3, 16, 38)
    assert "'model-trainig.md' does not exist" in found.message


def test_bad_missing_heading_in_another_file(lint_text):
    [found] = _lint(lint_text, "See [training](model-training.md#seeds).")
    assert (found.line, found.column, found.end_column) == (3, 16, 39)
    assert "'#seeds' in model-training.md" in found.message


def test_bad_missing_heading_in_this_file(lint_text):
    [found] = _lint(lint_text, "Intro text\nthat links to [nowhere](#nope) here.")
    assert (found.line, found.column, found.end_column) == (4, 25, 30)
    assert "in this file" in found.message


def test_bad_link_in_a_table_cell(lint_text):
    [found] = _lint(lint_text, "| A | B |\n|---|---|\n| x | [l](missing.md) |")
    assert (found.line, found.column) == (5, 11)


def test_bad_missing_folder_target(lint_text):
    [found] = _lint(lint_text, "See [python](../python/conventions.md).")
    assert (found.line, found.column) == (3, 14)


@pytest.mark.parametrize(
    "href",
    [
        "model-training.md#seeds-and-determinism",
        "model-training.md#seeds-and-determinism-1",
        "model-training.md#do--dont",
        "model-training.md#dos--donts",
        "model-training.md#step-1-uv-sync",
        "model-training.md#Seeds-And-Determinism",
        "model-training.md",
        "./model-training.md",
        "../demo/model-training.md#do--dont",
        "model%2Dtraining.md",
        "#notes",
        "../demo/",
        "https://example.com/missing.md#nope",
        "mailto:team@example.com",
    ],
)
def test_good_links(lint_text, href):
    assert _lint(lint_text, f"See [it]({href}).") == []


def test_good_own_sections(lint_text, good_conventions):
    text = good_conventions.replace(
        "A small stack", "See [rules](#do--dont) and [list](#checklist). A small stack"
    )
    assert lint_text(text, rule=RULE) == []


def test_links_between_files_in_a_full_lint(lint_stack, good_conventions):
    notes = "# Notes\n\n[ok](conventions.md#do--dont) and [bad](conventions.md#dont)\n"
    files = {"stacks/demo/conventions.md": good_conventions, "stacks/demo/notes.md": notes}
    [found] = lint_stack(files, rule=RULE)
    assert (found.path.name, found.line, found.column) == ("notes.md", 3, 41)
    assert "'#dont' in conventions.md" in found.message


def test_bad_missing_image(lint_text):
    [found] = _lint(lint_text, "A chart: ![loss curve](missing.png) and [ok](model-training.md).")
    assert (found.line, found.column, found.end_column) == (3, 24, 35)
    assert "'missing.png' does not exist" in found.message


def test_good_image_that_exists(lint_text):
    found = lint_text(
        "# Notes\n\n![chart](chart.png)\n", "notes.md", rule=RULE, others={"chart.png": "x"}
    )
    assert found == []


ANCHORS = """\
# Guide

## Setup <a name="setup"></a>

## <code>uv</code> and pip

## Usage

## Usage

## Usage-1

## Usage
"""


@pytest.mark.parametrize(
    ("href", "good"),
    [
        ("#setup-", True),  # the tag is dropped; the space before it stays, as on GitHub
        ("#setup-a-namesetupa", False),
        ("#uv-and-pip", True),
        ("#usage", True),
        ("#usage-1", True),
        ("#usage-1-1", True),  # `## Usage-1` already took usage-1 … and GitHub moves on
        ("#usage-2", True),
    ],
)
def test_anchors_follow_github_slugs(lint_text, href, good):
    found = lint_text(ANCHORS + f"\n[it]({href})\n", "notes.md", rule=RULE)
    assert (found == []) is good


def test_later_links_keep_their_columns_after_a_non_ascii_target(lint_text):
    line = "[a](café.md) then [b](missing.md)"
    [found] = lint_text(f"# Notes\n\n{line}\n", "notes.md", rule=RULE, others={"café.md": "# C\n"})
    assert (found.line, found.column, found.end_column) == (3, 23, 33)


def test_a_missing_non_ascii_target_is_marked_where_it_is_written(lint_text):
    [found] = _lint(lint_text, "See [a](cafè.md) here.")
    assert (found.line, found.column, found.end_column) == (3, 9, 16)


@pytest.mark.parametrize(
    "body",
    [
        "Run `uv\nsync` first, then [x](missing.md).",
        "Run ``a ` b\nc`` first, then [x](missing.md).",
        "Run `a` and `b\nc` first, then [x](missing.md).",
        'Run <span\ntitle="t"> first, then [x](missing.md).',
        "See ![a\nb](chart.png) first, then [x](missing.md).",
    ],
)
def test_position_after_an_inline_construct_that_spans_lines(lint_text, body):
    found = lint_text(f"# Notes\n\n{body}\n", "notes.md", rule=RULE, others={"chart.png": "x"})
    [missing] = found
    assert (missing.line, missing.column) == (4, body.split("\n")[1].index("missing") + 1)
