"""Whatever an author is halfway through typing, the checks answer with sane ranges."""

from __future__ import annotations

from pathlib import Path

from helpers import GOOD_CONVENTIONS, GOOD_FRONT_MATTER, SHIPPED_LIBRARY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from foundry_app.core.diagnostics import apply_edits
from foundry_app.core.document import Document
from foundry_app.core.library import Library
from foundry_app.core.lint import check_document

LIBRARY = Library.open(SHIPPED_LIBRARY)
PATH = SHIPPED_LIBRARY / "stacks" / "mlops" / "conventions.md"

# Pieces authors type, including the half-finished ones.
PIECES = [
    "# Title",
    "## Defaults",
    "## Do / Don't",
    "## Common Pitfalls",
    "## Checklist",
    "### Do",
    "#### Deep",
    "| Concern | Default | Alternatives |",
    "|---|---|---|",
    "| a |  | c |",
    "| a |",
    "- **Do** x",
    "- **Don't** y",
    "- plain",
    "1. **Lead.** text",
    "1. no lead",
    "- [ ] task",
    "- [x] done",
    "  - [ ] nested",
    "```",
    "```python",
    "```json",
    "```toml",
    "def f(:",
    '{"a": }',
    "a = [1,",
    "~~~",
    "> quote",
    "<div>",
    "<!-- c -->",
    "[link](missing.md#x)",
    "[a](#defaults)",
    "TODO",
    "text",
    "",
    "\t",
    "\u00a0",
    "***",
    "`code`",
    "\\|",
    "[ref]: http://x",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.sampled_from(["\n", "\n\n"]))
def test_any_text_gets_diagnostics_inside_the_document(pieces, joiner):
    text = joiner.join(pieces)
    doc = Document(text)
    line_count = doc.line_count
    for diagnostic in check_document(LIBRARY, PATH, doc):
        assert 1 <= diagnostic.line <= max(1, line_count)
        assert diagnostic.end_line >= diagnostic.line
        assert diagnostic.column >= 1 and diagnostic.end_column >= 1
        if diagnostic.end_line == diagnostic.line:
            assert diagnostic.end_column >= diagnostic.column
        if diagnostic.fix is not None:
            apply_edits(text, diagnostic.fix.edits)  # a fix always applies


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=len(GOOD_CONVENTIONS)))
def test_a_conventions_file_cut_anywhere_is_checked_without_error(cut):
    doc = Document(GOOD_CONVENTIONS[:cut])
    check_document(LIBRARY, Path(PATH), doc)


def test_fixes_for_every_missing_section_restore_a_clean_file():
    text = GOOD_FRONT_MATTER + "# Demo\n\n> Intro.\n\n## Examples\n\n```python\nprint(1)\n```\n"
    for _ in range(5):  # one fix at a time, as the author would apply them
        fixable = [d for d in check_document(LIBRARY, PATH, Document(text)) if d.fix]
        if not fixable:
            break
        text = apply_edits(text, fixable[0].fix.edits)
    names = {d.name for d in check_document(LIBRARY, PATH, Document(text))}
    assert names == {"placeholder"}, names
