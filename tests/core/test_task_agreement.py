"""What a task is: the checklist engine, the preview's checkboxes and GFM agree.

GFM makes a task of any list item whose first paragraph starts with `[ ]`, `[x]` or
`[X]` and whitespace, however the item is nested (`* - [ ] a`, `- > - [ ] a`). The
oracle here is markdown-it with the GitHub task-list plugin, a parser independent of
Foundry's own task detection.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mdit_py_plugins.tasklists import tasklists_plugin

from foundry_app.core.checklist import toggle_task
from foundry_app.core.document import Document
from foundry_app.core.render import CHECKED, UNCHECKED, render_html

_GFM = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
_GFM.use(tasklists_plugin)
_CHECKBOX = re.compile(r'<input class="task-list-item-checkbox" ?(checked="checked" )?')


def gfm_states(text: str) -> list[bool]:
    """Checked state of each checkbox GitHub would draw, in document order."""
    return [bool(m.group(1)) for m in _CHECKBOX.finditer(_GFM.render(text))]


def preview_states(text: str) -> list[tuple[int, bool]]:
    html = render_html(Document(text))
    found = re.findall(rf'<a href="task:(\d+)" style="[^"]*">([{UNCHECKED}{CHECKED}])</a>', html)
    return [(int(line), glyph == CHECKED) for line, glyph in found]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("* - [ ] item\n", 1),
        ("- > - [ ] item\n", 1),
        ("1. * [ ] item\n", 1),
        ("> * + [ ] item\n", 1),
        ("-\n  [ ] item on the next line\n", 2),
    ],
)
def test_nested_forms_are_tasks_everywhere(text, line):
    doc = Document(text)
    assert [(t.line, t.checked, t.text) for t in doc.tasks] == [(line, False, doc.tasks[0].text)]
    assert doc.tasks[0].text.startswith("item")
    assert preview_states(text) == [(line, False)]
    assert gfm_states(text) == [False]
    ticked = toggle_task(text, line)
    assert ticked.replace("[x]", "[ ]", 1) == text
    assert gfm_states(ticked) == [True]


_TEXT = st.text(alphabet=st.sampled_from(list("ab z*_`[]x\\")), max_size=6)
_PREFIX = st.lists(
    st.sampled_from(["- ", "* ", "+ ", "1. ", "2) ", "> ", "  ", " "]), min_size=0, max_size=4
).map("".join)
# No tab after the box: the plugin wants a space there (cmark-gfm takes either).
_BOX = st.sampled_from(["[ ] ", "[x] ", "[X] ", "[ ]", "[y] ", "", "[]"])
# Always some text after the box: for a bare `- [ ]` the plugin (unlike cmark-gfm and
# Foundry) draws no checkbox, which is not the question here.
_LINE = st.one_of(
    st.builds("{}{}w{}".format, _PREFIX, _BOX, _TEXT),
    st.sampled_from(["", "", "```", "    - [ ] code", "<div>", "[x]: /ref", "---"]),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=12))
def test_engine_preview_and_gfm_agree_on_tasks(lines):
    # A first line of prose: "---" on line 1 would open YAML front matter, unknown to GFM.
    text = "Intro.\n\n" + "\n".join(lines) + "\n"
    doc = Document(text)
    engine = [(task.line, task.checked) for task in doc.tasks]
    assert preview_states(text) == engine
    assert gfm_states(text) == [checked for _line, checked in engine]
    for task in doc.tasks:  # each one ticks in place, on the line the engine named
        line = text.split("\n")[task.line - 1]
        assert line[task.column] in " xX"
