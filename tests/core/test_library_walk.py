"""The one walk of a library: loops walked once, each real file once, capped, loose files kept."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from helpers import GOOD_CONVENTIONS, ROOT, make_library

from foundry_app.core.library import Library, _Scanner
from foundry_app.core.lint import lint_library

pytestmark = pytest.mark.skipif(os.name != "posix", reason="symlinks")

BROKEN = "# Broken\n\nNo sections at all.\n"


def test_a_symlink_to_the_librarys_parent_is_walked_once(tmp_path: Path):
    root = make_library(tmp_path / "lib")
    os.symlink("..", root / "stacks" / "loop")
    os.symlink(root, root / "stacks" / "example" / "up")
    library = Library.open(root)
    assert [item.name for item in library.items] == ["example"]
    assert [f.name for f in library.markdown_files()] == ["conventions.md"]
    assert library.problems == []


def test_a_link_to_its_own_stack_counts_each_real_file_once(tmp_path: Path):
    root = make_library(tmp_path / "lib", {"python": {"conventions.md": BROKEN}})
    os.symlink("../python", root / "stacks" / "python" / "self")
    os.symlink("python", root / "stacks" / "a-alias")  # sorts first, still the duplicate
    library = Library.open(root)
    assert [item.name for item in library.items] == ["python"]
    report = lint_library(library, use_cache=False)
    missing = [d for d in report.diagnostics if d.name == "missing-section"]
    assert len(missing) == 4  # one per required section, reported once each
    assert {d.path for d in missing} == {root / "stacks" / "python" / "conventions.md"}


def test_a_file_link_to_a_file_already_listed_is_not_listed_again(tmp_path: Path):
    root = make_library(tmp_path / "lib")
    stack = root / "stacks" / "example"
    (stack / "again.md").symlink_to(stack / "conventions.md")
    library = Library.open(root)
    assert [f.name for f in library.items[0].files] == ["conventions.md"]


def test_links_out_of_the_library_are_never_followed(tmp_path: Path):
    outside = tmp_path / "outside"
    (outside / "deep").mkdir(parents=True)
    (outside / "deep" / "secret.md").write_text("# Secret\n", encoding="utf-8")
    root = make_library(tmp_path / "lib")
    os.symlink(outside, root / "stacks" / "escape")
    os.symlink(outside, root / "notes")
    library = Library.open(root)
    assert all("secret" not in f.name for f in library.markdown_files())


def test_the_walk_stops_at_the_file_cap_and_says_so(tmp_path: Path):
    root = make_library(tmp_path / "lib")
    notes = root / "notes"
    notes.mkdir()
    for index in range(30):
        (notes / f"n{index:02}.md").write_text("# N\n", encoding="utf-8")
    library = Library.open(root)
    library.rescan(max_files=10)
    assert len(library.markdown_files()) + len(library.text_files) == 10  # library.toml too
    [problem] = library.problems
    assert "more than 10 files" in problem.message and not problem.unreadable


def test_the_walk_stops_at_the_depth_cap_and_says_so(tmp_path: Path):
    root = make_library(tmp_path / "lib")
    folder = root / "notes"
    for level in range(6):
        folder = folder / f"level{level}"
    folder.mkdir(parents=True)
    (folder / "deep.md").write_text("# Deep\n", encoding="utf-8")
    library = Library.open(root)
    assert [f.name for f in library.other_files] == ["deep.md"]
    library.rescan(max_depth=3)
    assert library.other_files == []
    assert any("folders deep" in p.message for p in library.problems)


def test_markdown_directly_in_a_kind_folder_is_linted(tmp_path: Path):
    root = make_library(tmp_path / "lib")
    readme = root / "stacks" / "README.md"
    readme.write_text("No title here.\n\n```\nno language\n```\n", encoding="utf-8")
    library = Library.open(root)
    assert readme in library.other_files
    report = lint_library(library, use_cache=False)
    names = {d.name for d in report.diagnostics if d.path == readme}
    assert {"fence-language"} <= names


def test_foundry_lint_on_a_library_with_a_loop_finishes(tmp_path: Path):
    import subprocess

    root = make_library(tmp_path / "lib")
    os.symlink("..", root / "stacks" / "loop")
    os.symlink("../..", root / "stacks" / "example" / "loop")
    result = subprocess.run(
        [sys.executable, "-m", "foundry_app", "lint", "--no-cache", str(root)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 file" in result.stdout


def test_good_library_lists_the_same_files_as_before(tmp_path: Path):
    root = make_library(tmp_path / "lib", {"a": {"conventions.md": GOOD_CONVENTIONS}})
    (root / "stacks" / "a" / "extra.md").write_text("# Extra\n", encoding="utf-8")
    (root / "stacks" / "a" / "data.yml").write_text("a: 1\n", encoding="utf-8")
    library = Library.open(root)
    assert [f.name for f in library.items[0].files] == ["conventions.md", "extra.md"]
    assert {f.name for f in library.text_files} == {"library.toml", "data.yml"}


def test_a_rescan_never_shows_a_half_walked_library(tmp_path: Path, monkeypatch):
    # a live lint reads the library from a worker thread while the window rescans it
    root = make_library(
        tmp_path / "lib", {name: {"conventions.md": GOOD_CONVENTIONS} for name in ("alpha", "beta")}
    )
    library = Library.open(root)
    before = (list(library.items), library.markdown_files())
    seen_mid_walk = []
    real_items = _Scanner.items

    def spying_items(self, *args, **kwargs):
        seen_mid_walk.append((list(library.items), library.markdown_files()))
        return real_items(self, *args, **kwargs)

    monkeypatch.setattr(_Scanner, "items", spying_items)
    library.rescan()
    assert seen_mid_walk and all(seen == before for seen in seen_mid_walk)
    assert [item.name for item in library.items] == ["alpha", "beta"]
