"""A new item starts with what the template asks of its files, front matter and summary too,
so it lints with placeholder warnings only."""

from __future__ import annotations

from pathlib import Path

from helpers import make_library

from foundry_app.core.diagnostics import Severity
from foundry_app.core.library import Library
from foundry_app.core.lint import lint_library
from foundry_app.core.new_item import create_item

ASKS_FOR_MORE = """
[kinds.stack.files."conventions.md".front-matter]
keys = [
  { key = "last-reviewed", value = "date" },
  { key = "id", value = "item-name" },
  { key = "status", one-of = ["draft", "stable"] },
  { key = "owner", value = "text", required = false },
]
"""


def test_a_new_stack_has_the_front_matter_and_summary_its_template_asks_for(tmp_path: Path):
    root = make_library(tmp_path / "lib", {})
    toml = root / "library.toml"
    text = toml.read_text(encoding="utf-8")
    assert 'summary = { style = "blockquote", max-lines = 8 }' in text  # the shipped template
    toml.write_text(text + ASKS_FOR_MORE, encoding="utf-8")
    library = Library.open(root)
    [conventions] = create_item(library, "stack", "feature-flags")
    written = conventions.read_text(encoding="utf-8")
    assert written.startswith("---\nlast-reviewed: ")
    assert "id: feature-flags\nstatus: draft\n---\n# Feature Flags\n\n> " in written
    assert "owner" not in written  # optional keys are left for the author
    report = lint_library(Library.open(root), use_cache=False)
    assert {d.name for d in report.diagnostics if d.severity == Severity.ERROR} == set()
