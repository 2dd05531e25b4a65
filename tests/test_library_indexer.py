"""The library indexer on the shipped library and on awkward folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import SHIPPED_LIBRARY, make_library

from foundry_app.core.library import (
    Library,
    LibraryError,
    bundled_library,
    find_enclosing_library,
    find_library_root,
)

# The stacks the repository ships; a new stack is added here on purpose.
EXPECTED_STACKS = [
    "data-engineering",
    "kubernetes",
    "mlops",
    "python",
    "python-qt-pyside6",
    "security",
]

EXPECTED_MLOPS_FILES = [
    "conventions.md",
    "distributed-training.md",
    "experiment-tracking.md",
    "feature-stores.md",
    "fine-tuning.md",
    "governance.md",
    "llm-frameworks.md",
    "llm-operations.md",
    "model-training.md",
    "model-versioning.md",
    "monitoring.md",
    "prompts-and-guardrails.md",
    "rag.md",
    "serving.md",
]


@pytest.fixture(scope="module")
def shipped() -> Library:
    return Library.open(SHIPPED_LIBRARY)


def test_shipped_stacks_are_exactly_the_expected_ones(shipped: Library):
    assert [item.name for item in shipped.items_of("stack")] == EXPECTED_STACKS


def test_every_stack_has_conventions_and_a_topic_file(shipped: Library):
    for stack in shipped.items_of("stack"):
        names = [f.name for f in stack.files]
        assert "conventions.md" in names, stack.name
        assert len(names) >= 2, f"{stack.name} needs at least one topic file"
        assert names == sorted(names)


def test_mlops_has_its_topic_files(shipped: Library):
    mlops = next(s for s in shipped.items if s.name == "mlops")
    assert [f.name for f in mlops.files] == EXPECTED_MLOPS_FILES


def test_library_readme_is_browsable(shipped: Library):
    assert SHIPPED_LIBRARY / "README.md" in shipped.other_files


def test_bundled_library_is_the_default(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("FOUNDRY_LIBRARY", raising=False)
    assert find_library_root() == bundled_library() == SHIPPED_LIBRARY
    monkeypatch.setenv("FOUNDRY_LIBRARY", "/elsewhere")
    assert find_library_root() == Path("/elsewhere")
    assert find_library_root("/explicit") == Path("/explicit")


def test_enclosing_library_is_found_from_a_file():
    path = SHIPPED_LIBRARY / "stacks" / "mlops" / "conventions.md"
    assert find_enclosing_library(path) == SHIPPED_LIBRARY.resolve()


def test_not_a_library(tmp_path: Path):
    with pytest.raises(LibraryError, match=r"no library\.toml"):
        Library.open(tmp_path)
    with pytest.raises(LibraryError, match="not a folder"):
        Library.open(tmp_path / "missing")


def test_skips_hidden_non_markdown_and_escaping_symlinks(tmp_path: Path):
    root = make_library(tmp_path / "lib")
    stack = root / "stacks" / "example"
    (stack / ".draft.md").write_text("# Hidden\n", encoding="utf-8")
    (stack / "diagram.png").write_bytes(b"\x89PNG")
    outside = tmp_path / "outside.md"
    outside.write_text("# Outside\n", encoding="utf-8")
    (stack / "linked.md").symlink_to(outside)
    (stack / "inside.md").symlink_to(stack / "conventions.md")
    (root / "stacks" / ".hidden-stack").mkdir()
    library = Library.open(root)
    assert [i.name for i in library.items] == ["example"]
    # inside.md links to conventions.md: one real file, listed (and linted) once
    assert [f.name for f in library.items[0].files] == ["conventions.md"]


def test_unreadable_folder_is_reported_when_listing_fails(tmp_path, monkeypatch):
    root = make_library(tmp_path / "lib")
    real_scandir = os.scandir

    def failing(path):
        if Path(path).name == "example":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", failing)
    library = Library.open(root)
    assert [(p.path.name, p.reason) for p in library.problems] == [("example", "Permission denied")]
    assert library.items[0].files == ()


# pins: a folder that cannot be looked into (permission denied, as for a user without
# rights) neither crashes the search for the library nor stops it from going on up
def test_a_folder_that_cannot_be_looked_into_does_not_stop_the_search(tmp_path, monkeypatch):
    root = tmp_path / "lib"
    (root / "stacks" / "x").mkdir(parents=True)
    (root / "library.toml").write_text("", encoding="utf-8")
    inner = root / "stacks" / "x" / "conventions.md"
    real_is_file = Path.is_file

    def denied(path):
        if path.parent == inner.parent:
            raise PermissionError(13, "Permission denied", str(path))
        return real_is_file(path)

    monkeypatch.setattr(Path, "is_file", denied)
    assert find_enclosing_library(inner) == root.resolve()
