"""How long the library tree takes for a 10,000-file library: the walk, the core tree,
the rolled-up counts and the Qt model. Prints figures; asserts nothing about time.

    uv run python benchmarks/bench_tree.py [FILES]
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from foundry_app.core.checklist import Progress
from foundry_app.core.file_ops import plan_rename
from foundry_app.core.library import Library
from foundry_app.core.library_tree import RolledUp, Tally, build_tree
from foundry_app.ui.panels.library_tree import LibraryTree
from foundry_app.ui.workers.library_watch import LibraryWatch
from foundry_app.ui.workers.lint_results import LintResults

TEMPLATE = Path(__file__).resolve().parents[1] / "ai-team-library" / "library.toml"


def make_library(root: Path, files: int) -> Path:
    """Half the files in 500 stacks, half in nested folders elsewhere (claude/, process/)."""
    shutil.copy(TEMPLATE, root / "library.toml")
    text = "# Title\n\nSee [the first topic](../stack-000/topic-00000.md).\n\n- [ ] one\n"
    for number in range(files // 2):
        folder = root / "stacks" / f"stack-{number % 500:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"topic-{number:05d}.md").write_text(text, encoding="utf-8")
    for number in range(files - files // 2):
        folder = root / ("claude" if number % 2 else "process") / f"area-{number % 50}"
        folder = folder / f"part-{number % 7}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"note-{number:05d}.md").write_text(text, encoding="utf-8")
    return root


def timed(label: str, work):
    start = time.perf_counter()
    result = work()
    print(f"{label:<38} {1000 * (time.perf_counter() - start):8.1f} ms")
    return result


def main() -> None:
    files = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="foundry-tree-bench-") as folder:
        root = make_library(Path(folder), files)
        library = timed(f"Library.open ({files} files)", lambda: Library.open(root))
        tops = timed("core: build_tree", lambda: build_tree(library))
        tallies = {path: Tally(warnings=1, done=1, total=2) for path in library.markdown_files()}
        timed("core: roll up counts of every file", lambda: RolledUp(tops).reset(tallies))
        tree = LibraryTree()
        timed("Qt: LibraryTree.set_library", lambda: tree.set_library(library))
        results = LintResults()
        for path in library.markdown_files():
            results.set_file(path, [], Progress(1, 2))
        timed("Qt: update every badge", lambda: tree.update_badges(results))
        one = library.markdown_files()[0]
        timed("Qt: update one file's badges", lambda: tree.update_badges(results, [one]))
        watch = LibraryWatch()
        timed("Qt: watch every folder", lambda: watch.watch(root))
        print(f"{'  folders watched':<38} {len(watch.folders()):8d}")
        target = library.markdown_files()[0]
        plan = timed(
            "core: plan a rename (reads every file)",
            lambda: plan_rename(library, target, "renamed"),
        )
        print(f"{'  links to rewrite':<38} {len(plan.edits):8d}")
        tree.resize(300, 800)
        tree.show()
        timed("Qt: first paint", app.processEvents)


if __name__ == "__main__":
    main()
