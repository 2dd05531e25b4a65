"""On every CommonMark specification example, the consumers of the one parse agree: the
checklist engine and the preview's checkboxes see the same tasks, the preview shows the
headings and tables the rules see, and every range lies inside its file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from foundry_app.core.checklist import tasks as checklist_tasks
from foundry_app.core.checklist import toggle_task
from foundry_app.core.document import Document
from foundry_app.core.lint import check_document
from foundry_app.core.render import render_html

SPEC = Path(__file__).resolve().parents[1] / "data" / "commonmark-spec-0.31.2.json"
EXAMPLES = json.loads(SPEC.read_text(encoding="utf-8"))
_CHECKBOX = re.compile(r'href="task:(\d+)"')


def test_the_specification_has_all_its_examples():
    assert len(EXAMPLES) == 652


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: str(e["example"]))
def test_consumers_of_the_parse_agree(example: dict, tmp_path: Path):
    text = example["markdown"]
    doc = Document(text)
    lines = doc.line_count
    html = render_html(doc)

    task_lines = [task.line for task in checklist_tasks(doc)]
    assert [int(line) for line in _CHECKBOX.findall(html)] == task_lines
    for task in doc.tasks:
        assert 1 <= task.line <= lines
        toggled = toggle_task(text, task.line)
        assert len(toggled) == len(text)
        assert sum(a != b for a, b in zip(toggled, text, strict=True)) == 1

    assert sum(html.count(f"<h{level}>") for level in range(1, 7)) == len(doc.headings)
    assert html.count("<table") == sum(block.kind == "table" for block in doc.blocks)

    for block in doc.blocks:
        assert 1 <= block.line <= block.end_line <= max(lines, 1)
    for heading in doc.headings:
        assert 1 <= heading.line <= lines
    for fence in doc.fences:
        assert 1 <= fence.line <= lines
    for link in doc.links:
        assert 1 <= link.line <= lines
        assert 1 <= link.column <= link.end_column <= len(doc.line_text(link.line)) + 1

    for diagnostic in check_document(None, tmp_path / "example.md", doc):
        assert 1 <= diagnostic.line <= diagnostic.end_line <= lines, diagnostic
        if diagnostic.fix is not None:
            for edit in diagnostic.fix.edits:
                assert 1 <= edit.line <= edit.end_line <= lines + 1, diagnostic
