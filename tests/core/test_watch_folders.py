"""The folders the window watches: all of them, once each, and never outside the library."""

from __future__ import annotations

import os

from foundry_app.core.watch_folders import folders_to_watch


def test_every_folder_top_first_hidden_ones_skipped(tmp_path):
    (tmp_path / "claude" / "commands").mkdir(parents=True)
    (tmp_path / "stacks" / "a").mkdir(parents=True)
    (tmp_path / ".git" / "objects").mkdir(parents=True)
    (tmp_path / "README.md").write_text("# x\n", encoding="utf-8")
    names = [os.path.relpath(f, tmp_path) for f in folders_to_watch(tmp_path)]
    assert names == [".", "claude", "stacks", "claude/commands", "stacks/a"]


def test_symlink_loops_and_links_out_of_the_library_are_not_followed(tmp_path):
    root = tmp_path / "lib"
    (root / "a").mkdir(parents=True)
    os.symlink(root, root / "a" / "loop")
    os.symlink(root / "a", root / "again")
    outside = tmp_path / "outside"
    outside.mkdir()
    os.symlink(outside, root / "out")
    names = [os.path.relpath(f, root) for f in folders_to_watch(root)]
    assert names == [".", "a"]


def test_a_huge_tree_stops_at_the_limit(tmp_path):
    for number in range(60):
        (tmp_path / f"f{number:02d}" / "inner").mkdir(parents=True)
    found = folders_to_watch(tmp_path, limit=50)
    assert len(found) == 50 and all("inner" not in f for f in found)
