"""FT202 stack-name: item folders are named in kebab-case (the template's `name` pattern).

Bad: `stacks/ML_Ops/`. Good: `stacks/ml-ops/`. The diagnostic goes on the stack's
conventions.md (line 1), or on the folder when that file is missing.
"""

from __future__ import annotations

import pytest

from .conftest import only

RULE = "stack-name"


def test_bad_ml_ops(lint_stack, good_conventions):
    [found] = lint_stack({"stacks/ML_Ops/conventions.md": good_conventions}, rule=RULE)
    assert found.path.parts[-2:] == ("ML_Ops", "conventions.md")
    assert (found.name, found.line, found.column) == (RULE, 1, 1)
    assert "'ML_Ops'" in found.message


def test_bad_name_without_conventions_points_at_the_folder(lint_stack):
    [found] = lint_stack({"stacks/ML_Ops/notes.md": "# Notes\n\nText.\n"}, rule=RULE)
    assert found.path.name == "ML_Ops"
    assert found.line == 1


@pytest.mark.parametrize(
    "name", ["MLOps", "ml_ops", "ml--ops", "-mlops", "mlops-", "ml ops", "ml.ops"]
)
def test_bad_names(lint_stack, good_conventions, name):
    [found] = lint_stack({f"stacks/{name}/conventions.md": good_conventions}, rule=RULE)
    assert f"'{name}'" in found.message


@pytest.mark.parametrize("name", ["ml-ops", "mlops", "python-qt-pyside6", "k8s", "3d-printing"])
def test_good_names(lint_stack, good_conventions, name):
    assert lint_stack({f"stacks/{name}/conventions.md": good_conventions}, rule=RULE) == []


def test_a_pattern_that_backtracks_for_ever_is_reported_not_hung_on(tmp_path):
    from helpers import GOOD_CONVENTIONS, make_library

    from foundry_app.core.library import Library
    from foundry_app.core.lint import lint_library

    name = "a" * 60 + "b"
    root = make_library(tmp_path / "lib", {name: {"conventions.md": GOOD_CONVENTIONS}})
    toml = (root / "library.toml").read_text(encoding="utf-8")
    kebab = 'name = "^[a-z0-9]+(-[a-z0-9]+)*$"'
    assert kebab in toml
    # `re` spends years on this name: every split of the a's is tried before failing
    (root / "library.toml").write_text(toml.replace(kebab, 'name = "^(a|aa)+$"'), "utf-8")
    [found] = only(lint_library(Library.open(root), use_cache=False).diagnostics, RULE)
    assert found.message.startswith("cannot check the name: the template's name pattern")
    assert f"'{name}'" in found.message
    assert found.path == root / "stacks" / name / "conventions.md"
