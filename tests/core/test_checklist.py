"""Checklist: finding task items, ticking them byte-exactly, and progress."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foundry_app.core.checklist import (
    NoTaskError,
    Progress,
    progress,
    stack_progress,
    tasks,
    toggle_found_task,
    toggle_task,
)
from foundry_app.core.document import Document
from foundry_app.core.storage import decode, encode

SAMPLE = """\
# Checklist

- [ ] first
- [x] second
  - [X] nested
1. [ ] numbered
> - [ ] quoted

```markdown
- [ ] fake in a fence
```

<div>
- [ ] fake in html
</div>

    - [ ] fake in indented code

- plain item
- [y] not a task
- [ ]no space, not a task
"""


def test_tasks_lists_real_items_only():
    found = tasks(Document(SAMPLE))
    assert [(t.line, t.checked, t.text) for t in found] == [
        (3, False, "first"),
        (4, True, "second"),
        (5, True, "nested"),
        (6, False, "numbered"),
        (7, False, "quoted"),
    ]


def test_task_column_points_at_state_char():
    doc = Document(SAMPLE)
    for task in doc.tasks:
        assert doc.line_text(task.line)[task.column] in " xX"


@pytest.mark.parametrize(
    ("line", "before", "after"),
    [
        (3, "- [ ] first", "- [x] first"),
        (4, "- [x] second", "- [ ] second"),
        (5, "  - [X] nested", "  - [ ] nested"),
        (7, "> - [ ] quoted", "> - [x] quoted"),
    ],
)
def test_toggle_flips_one_char(line, before, after):
    toggled = toggle_task(SAMPLE, line)
    assert SAMPLE.split("\n")[line - 1] == before
    assert toggled.split("\n")[line - 1] == after
    assert _differences(SAMPLE, toggled) == 1


def test_toggle_keeps_crlf_and_trailing_spaces():
    text = "intro\r\n\r\n- [ ] a  \r\n- [x] b\r\n"
    assert toggle_task(text, 3) == "intro\r\n\r\n- [x] a  \r\n- [x] b\r\n"
    assert toggle_task(text, 4) == "intro\r\n\r\n- [ ] a  \r\n- [ ] b\r\n"


def test_toggle_with_mixed_and_lone_cr_newlines():
    text = "- [ ] a\r\n- [ ] b\n- [ ] c\r- [ ] d"
    assert toggle_task(text, 4) == "- [ ] a\r\n- [ ] b\n- [ ] c\r- [x] d"
    assert toggle_task(text, 3) == "- [ ] a\r\n- [ ] b\n- [x] c\r- [ ] d"


@pytest.mark.parametrize("line", [1, 2, 9, 14, 17, 20, 21, 22, 0, -1, 999])
def test_toggle_refuses_lines_without_task(line):
    with pytest.raises(NoTaskError, match=f"line {line}"):
        toggle_task(SAMPLE, line)


def test_no_task_error_is_a_value_error():
    assert issubclass(NoTaskError, ValueError)
    assert NoTaskError(4).line == 4


def test_progress_value():
    assert str(Progress(7, 12)) == "7/12"
    assert Progress(3, 4).fraction == 0.75
    assert Progress(0, 0).fraction == 0.0
    assert Progress(1, 2) + Progress(2, 3) == Progress(3, 5)


def test_progress_of_documents():
    doc = Document(SAMPLE)
    assert progress(doc.tasks) == Progress(2, 5)
    other = Document("- [x] one\n- [x] two\n")
    assert stack_progress([doc, other]) == Progress(4, 7)
    assert str(stack_progress([])) == "0/0"


def _differences(a: str | bytes, b: str | bytes) -> int:
    assert len(a) == len(b)
    return sum(1 for x, y in zip(a, b, strict=True) if x != y)


# --- property: ticking changes exactly one byte of the file, and ticking back restores it ---

_WORDS = st.text(
    alphabet=st.sampled_from(list("abcXyz019 *_`<>&[]\\\t\xa0é☐-#|")), min_size=0, max_size=12
)
_TASK = st.builds(
    lambda indent, marker, state, text, trail: f"{indent}{marker} [{state}] {text}{trail}",
    st.sampled_from(["", "  ", "   ", "    ", "> ", "> > ", "\t"]),
    st.sampled_from(["-", "*", "+", "1.", "2)", "10."]),
    st.sampled_from([" ", "x", "X"]),
    _WORDS,
    st.sampled_from(["", " ", "  ", " \t"]),
)
_FAKE_TASK = st.builds(lambda state, text: f"- [{state}] {text}", st.sampled_from(" xX"), _WORDS)
_TASKS = st.lists(_TASK, min_size=1, max_size=5)
_CHUNK = st.one_of(
    _TASKS,
    _TASKS,  # listed twice: most generated documents should hold several tasks
    _WORDS.map(lambda text: [text]),
    _WORDS.map(lambda text: [f"## {text}"]),
    st.just([""]),
    st.just(["---"]),
    st.builds(
        lambda fake, fence: [fence, fake, fence], _FAKE_TASK, st.sampled_from(["```", "~~~"])
    ),
    _FAKE_TASK.map(lambda fake: ["```python", fake]),  # unclosed fence swallows the rest
    _FAKE_TASK.map(lambda fake: ["<div>", fake, "</div>"]),
    _FAKE_TASK.map(lambda fake: ["", "    " + fake, ""]),  # indented code
    st.just(["[x]: /defined-reference"]),
)


@st.composite
def markdown_files(draw) -> bytes:
    lines = [line for chunk in draw(st.lists(_CHUNK, min_size=1, max_size=14)) for line in chunk]
    endings = draw(
        st.lists(st.sampled_from(["\n", "\r\n"]), min_size=len(lines), max_size=len(lines))
    )
    if not draw(st.booleans()):
        endings[-1] = ""  # no final newline
    bom = codecs.BOM_UTF8 if draw(st.booleans()) else b""
    return bom + "".join(map(str.__add__, lines, endings)).encode("utf-8")


@settings(max_examples=300, deadline=None)
@given(markdown_files())
def test_toggle_changes_exactly_one_byte(raw: bytes):
    file = decode("prop.md", raw)
    assert encode(file, file.text) == raw
    doc = Document(file.text)
    fenced = {
        line
        for token in doc.tokens
        if token.type in ("fence", "code_block", "html_block") and token.map
        for line in range(token.map[0] + 1, token.map[1] + 1)
    }
    for task in doc.tasks:
        assert task.line not in fenced
        once = encode(file, toggle_task(file.text, task.line))
        assert _differences(raw, once) == 1
        changed = next(i for i, (a, b) in enumerate(zip(raw, once, strict=True)) if a != b)
        assert raw[changed : changed + 1] == doc.line_text(task.line)[task.column].encode()
        twice = encode(file, toggle_task(toggle_task(file.text, task.line), task.line))
        if raw[changed : changed + 1] == b"X":  # 'X' unticks to ' ', which ticks to plain 'x'
            assert twice == raw[:changed] + b"x" + raw[changed + 1 :]
        else:
            assert twice == raw
        # toggling the raw text (CRLF, BOM and all) gives the same bytes
        raw_text = raw.decode("utf-8")
        assert toggle_task(raw_text, task.line).encode("utf-8") == once


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_a_task_found_by_a_lint_is_flipped_without_a_parse_and_alike(newline, bom):
    text = bom + newline.join(["# T", "", "- [ ] one", "  - [x] two", ""])
    for task in Document(text.lstrip("\ufeff").replace("\r\n", "\n")).tasks:
        assert toggle_found_task(text, task) == toggle_task(text, task.line)


def test_a_found_task_that_is_not_where_the_text_has_it_is_refused():
    task = Document("- [ ] one\n").tasks[0]
    for other in ("one\n", "- ( ) one\n", "", "x\n- [ ] one\n"[:3]):
        with pytest.raises(NoTaskError):
            toggle_found_task(other, task)
