"""FT005 code-syntax: Python, JSON and TOML examples parse.

Bad: ```` ```python ```` with `def train(config)` (no colon). Good: code that parses.
The diagnostic sits on the line inside the fence where the parser stopped, at the
column in the file (indented and quoted fences included).
"""

from __future__ import annotations

import pytest

RULE = "code-syntax"


def test_bad_python_is_reported_where_the_parser_stopped(lint_text):
    text = "# T\n\nx\n\n```python\nimport os\n\ndef train(config)\n    return os\n```\n"
    [found] = lint_text(text, "notes.md", rule=RULE)
    assert (found.name, found.line, found.column) == (RULE, 8, 18)
    assert found.message.startswith("Python does not parse")


def test_bad_json_trailing_comma(lint_text):
    text = '# T\n\nx\n\n```json\n{\n  "a": 1,\n  "b": 2,\n}\n```\n'
    [found] = lint_text(text, "notes.md", rule=RULE)
    assert (found.name, found.line, found.column) == (RULE, 9, 1)
    assert found.message.startswith("JSON does not parse")


def test_bad_toml_value(lint_text):
    text = "# T\n\nx\n\n```toml\n[tool]\nname = 1\nbroken = \n```\n"
    [found] = lint_text(text, "notes.md", rule=RULE)
    assert (found.name, found.line, found.column) == (RULE, 8, 10)
    assert found.message.startswith("TOML does not parse")


def test_bad_toml_at_end_of_document_points_at_the_last_code_line(lint_text):
    text = "# T\n\nx\n\n```toml\n[tool]\nitems = [1,\n  2,\n```\n"
    [found] = lint_text(text, "notes.md", rule=RULE)
    assert (found.line, found.column) == (8, 5)
    assert "end of document" not in found.message


def test_bad_unclosed_python_paren(lint_text):
    text = "# T\n\nx\n\n```py\nvalues = (1,\n    2\n```\n"
    [found] = lint_text(text, "notes.md", rule=RULE)
    assert (found.line, found.column) == (6, 10)


def test_bad_python_in_unclosed_fence(lint_text):
    text = "# T\n\nx\n\n```python\nok = 1\ndef f(:\n"
    [found] = lint_text(text, "notes.md", rule=RULE)
    assert found.line == 7


@pytest.mark.parametrize(
    ("block", "line", "column"),
    [
        ("- item\n\n  ```python\n  def f(x)\n      return x\n  ```", 8, 11),
        ("> ```python\n> def f(x)\n>     return x\n> ```", 6, 11),
        ('- item\n\n  ```json\n  {"a": 1,}\n  ```', 8, 11),
    ],
)
def test_bad_column_counts_the_fence_indent(lint_text, block, line, column):
    text = f"# T\n\nx\n\n{block}\n"
    [found] = lint_text(text, "notes.md", rule=RULE)
    assert (found.line, found.column) == (line, column)


def test_good_examples_parse(lint_text, good_conventions):
    text = (
        "# T\n\nx\n\n```python\ndef train(config):\n    return config\n```\n\n"
        '```json\n{"a": [1, 2]}\n```\n\n```toml\n[tool]\nname = "x"\n```\n\n'
        "```bash\nthis is ( not checked\n```\n"
    )
    assert lint_text(text, "notes.md", rule=RULE) == []
    assert lint_text(good_conventions, rule=RULE) == []


def test_bad_python_that_compile_rejects(lint_text):
    for code in ("for x in y:\n    pass\nbreak\n", "x = 1\nreturn x\n"):
        text = f"# T\n\n```python\n{code}```\n"
        [found] = lint_text(text, "notes.md", rule=RULE)
        assert "Python does not parse" in found.message


def test_good_top_level_await_is_accepted(lint_text):
    assert lint_text("# T\n\n```python\nawait main()\n```\n", "notes.md", rule=RULE) == []


def test_bad_python_newer_than_the_oldest_supported_version(lint_text):
    [found] = lint_text("# T\n\n```python\ntype Vector = list[float]\n```\n", "notes.md", rule=RULE)
    assert found.line == 4


def test_bad_json_constants_that_only_python_reads(lint_text):
    [found] = lint_text('# T\n\n```json\n{"a": 1,\n "b": NaN}\n```\n', "notes.md", rule=RULE)
    assert (found.line, found.column) == (5, 7)
    assert "NaN" in found.message
