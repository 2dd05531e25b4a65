"""FT201 missing-file: every file the template requires exists in the item's folder.

Bad: `stacks/mlops/model-training.md` without `stacks/mlops/conventions.md`. Good: the
stack has its conventions.md. The diagnostic names the missing file, line 1.
"""

from __future__ import annotations

from .conftest import only

RULE = "missing-file"
EXAMPLE = "# Training\n\n```python\nx = 1\n```\n"


def test_bad_stack_without_conventions(lint_stack, make_library):
    found = lint_stack({"stacks/mlops/model-training.md": EXAMPLE}, rule=RULE)
    [diagnostic] = found
    library = make_library({})
    assert diagnostic.path == library.root / "stacks" / "mlops" / "conventions.md"
    assert (diagnostic.name, diagnostic.line, diagnostic.column) == (RULE, 1, 1)
    assert "'mlops' has no conventions.md" in diagnostic.message


def test_bad_empty_stack_folder(lint_stack):
    [found] = lint_stack({"stacks/empty/": ""}, rule=RULE)
    assert found.path.parts[-2:] == ("empty", "conventions.md")
    assert found.line == 1


def test_bad_only_the_stack_that_lacks_it(lint_stack, good_conventions):
    files = {"stacks/ok/conventions.md": good_conventions, "stacks/bad/notes.md": EXAMPLE}
    assert [d.path.parent.name for d in lint_stack(files, rule=RULE)] == ["bad"]


def test_good_stack_with_conventions(lint_stack, good_conventions):
    files = {"stacks/mlops/conventions.md": good_conventions, "stacks/mlops/notes.md": EXAMPLE}
    assert lint_stack(files, rule=RULE) == []


# pins: a walk that stopped at the file cap lists fewer files than there are; a stack whose
# conventions.md exists past the cap is not told it has none (the walk reports the cap)
def test_good_a_file_past_the_walks_cap_is_not_missing(make_library, good_conventions):
    from foundry_app.core.lint import lint_library

    files = {f"stacks/s{n}/conventions.md": good_conventions for n in range(6)}
    library = make_library(files)
    library.rescan(max_files=3)
    assert library.problems  # the walk says it stopped
    assert only(lint_library(library, use_cache=False).diagnostics, RULE) == []
