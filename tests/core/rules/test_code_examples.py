"""FT203 code-examples: an item shows at least as many fenced examples as the template asks.

Bad: a stack whose files hold prose only (indented code does not count). Good: one
fenced block in any of the stack's files. Reported on conventions.md, line 1.
"""

from __future__ import annotations

RULE = "code-examples"


def _without_examples(text: str) -> str:
    return text[: text.index("## Examples")]


def test_bad_prose_only(lint_stack, good_conventions):
    files = {"stacks/demo/conventions.md": _without_examples(good_conventions)}
    [found] = lint_stack(files, rule=RULE)
    assert found.path.parts[-2:] == ("demo", "conventions.md")
    assert (found.name, found.line, found.column) == (RULE, 1, 1)
    assert "has 0 fenced code examples" in found.message


def test_bad_indented_code_is_not_a_fenced_example(lint_stack, good_conventions):
    text = _without_examples(good_conventions) + "## Examples\n\n    uv run pytest\n"
    assert len(lint_stack({"stacks/demo/conventions.md": text}, rule=RULE)) == 1


def test_good_example_in_conventions(lint_stack, good_conventions):
    assert lint_stack({"stacks/demo/conventions.md": good_conventions}, rule=RULE) == []


def test_good_example_in_another_file_of_the_stack(lint_stack, good_conventions):
    files = {
        "stacks/demo/conventions.md": _without_examples(good_conventions),
        "stacks/demo/testing.md": "# Testing\n\n```bash\nuv run pytest\n```\n",
    }
    assert lint_stack(files, rule=RULE) == []


def test_good_example_in_another_stack_does_not_count(lint_stack, good_conventions):
    files = {
        "stacks/demo/conventions.md": _without_examples(good_conventions),
        "stacks/other/conventions.md": good_conventions,
    }
    assert [d.path.parent.name for d in lint_stack(files, rule=RULE)] == ["demo"]


def test_a_file_that_could_not_be_read_is_not_counted_as_holding_no_example(
    tmp_path, good_conventions
):
    from helpers import make_library

    from foundry_app.core.library import Library
    from foundry_app.core.lint import lint_library

    root = make_library(tmp_path / "lib", {"demo": {"conventions.md": good_conventions}})
    entry = root / "stacks" / "demo" / "conventions.md"
    entry.write_bytes(good_conventions.encode() + b"\ncaf\xe9\n")  # not UTF-8: reported unread
    report = lint_library(Library.open(root), use_cache=False)
    assert [path for path, _why in report.unreadable] == [entry]
    assert [d for d in report.diagnostics if d.name == RULE] == []
