"""Lint a whole library in a child interpreter, driven from a worker thread.

Why a process: a Python worker thread shares the GIL with the GUI thread, and lint code
that makes many short system calls (resolving paths, reading files) starves the GUI of it
for 100 ms and more at a time. A child has its own GIL; the worker thread only waits on
its pipe. The child prints "progress DONE TOTAL" lines and pickles a LintSummary into a
file, its lists as parts (see pickled_parts); the worker thread unpickles them and works out
what the window reads (diagnostics per path, tallies), so the GUI thread only takes them
over. If the child cannot run, the lint runs in the worker thread instead.

Child: python -m foundry_app.ui.workers.lint_process LIBRARY_ROOT OUTPUT_FILE  (no Qt imported)
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from foundry_app.core.checklist import Progress
from foundry_app.core.diagnostics import Diagnostic, Severity
from foundry_app.core.library import Library
from foundry_app.core.library_tree import Tally
from foundry_app.ui.workers.children import CHILDREN, ChildEnded
from foundry_app.ui.workers.pickled_parts import pickle_parts, unpickle_parts

if TYPE_CHECKING:
    from foundry_app.core.lint import LintReport

ProgressFn = Callable[[int, int], None]
_PACKAGE_PARENT = Path(__file__).resolve().parents[3]  # so the child imports this code


@dataclass(frozen=True)
class LintSummary:
    """What the window needs of a LintReport, small enough to pass between processes.

    `by_path`, `tallies` and `totals` are worked out once, off the GUI thread (`prepare`):
    at 10,000 files grouping and counting took the window a tenth of a second."""

    root: Path
    diagnostics: list[Diagnostic]  # in Diagnostic.sort_key order, as lint_library gives them
    progress: dict[Path, tuple[int, int]]
    unreadable: list[tuple[Path, str]]

    def progress_for(self, path: Path) -> Progress:
        key = path if isinstance(path, Path) else Path(path)  # a new Path costs ~15 µs
        return Progress(*self.progress.get(key, (0, 0)))

    @cached_property
    def by_path(self) -> dict[Path, list[Diagnostic]]:
        """Each path's diagnostics, in location order (paths in the order they come)."""
        grouped: dict[Path, list[Diagnostic]] = {}
        for diagnostic in self.diagnostics:
            path = diagnostic.path
            path = path if isinstance(path, Path) else Path(path)
            found = grouped.get(path)
            if found is None:
                grouped[path] = [diagnostic]
            else:
                found.append(diagnostic)
        return grouped

    @cached_property
    def tallies(self) -> dict[str, Tally]:
        """Every path with findings or tasks (as os.fspath) → its own tally."""
        counts: dict[str, list[int]] = {}
        for path, found in self.by_path.items():
            errors = sum(1 for d in found if d.severity == Severity.ERROR)
            counts[os.fspath(path)] = [errors, len(found) - errors, 0, 0]
        for path, (done, total) in self.progress.items():
            if total or done:
                entry = counts.setdefault(os.fspath(path), [0, 0, 0, 0])
                entry[2], entry[3] = done, total
        return {path: Tally(*entry) for path, entry in counts.items()}

    @cached_property
    def totals(self) -> tuple[int, int]:
        """(errors, warnings) over the library."""
        errors = sum(1 for d in self.diagnostics if d.severity == Severity.ERROR)
        return errors, len(self.diagnostics) - errors

    def prepare(self) -> LintSummary:
        """Work out the derived views now (in the worker thread), not on first read."""
        _ = self.by_path, self.tallies, self.totals
        return self


def summarise(report: LintReport) -> LintSummary:
    return LintSummary(
        report.library.root,
        list(report.diagnostics),
        {path: (f.tasks_done, f.tasks_total) for path, f in report.facts.items()},
        list(report.unreadable),
    )


def summary_bytes(summary: LintSummary) -> bytes:
    """The summary with its two long lists in parts (see pickled_parts), paths as names."""
    parts = (
        pickle_parts(summary.diagnostics, paths_as_names=True),
        pickle_parts(list(summary.progress.items()), paths_as_names=True),
    )
    whole = (summary.root, summary.unreadable, *parts)
    return pickle.dumps(whole, protocol=pickle.HIGHEST_PROTOCOL)


def summary_from_bytes(data: bytes, library: Library) -> LintSummary:
    """The summary, each path in it the library's own Path object where it has one (the
    tree and the results then share one per file)."""
    root, unreadable, diagnostics, progress = pickle.loads(data)  # a few lists of bytes
    paths = {os.fspath(path): path for path in library.markdown_files() + library.data_files()}
    return LintSummary(
        root,
        unpickle_parts(diagnostics, paths=paths),
        dict(unpickle_parts(progress, paths=paths)),
        unreadable,
    )


class ChildLint:
    """One library lint in a child process; `cancel` (from any thread) ends the child at
    once instead of at its next progress line, and a cancelled job starts no child."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self._lock = threading.Lock()
        self._child: subprocess.Popen | None = None
        self._cancelled = False

    def __call__(self, progress: ProgressFn) -> LintSummary:
        return lint_in_child(self.library, progress, self)

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            child = self._child
        if child is not None:
            CHILDREN.stop(child)

    def _start(self, args: list[str]) -> subprocess.Popen | None:
        with self._lock:
            if self._cancelled:
                raise ChildEnded
            try:
                self._child = CHILDREN.start(
                    args,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                    stdin=subprocess.DEVNULL,
                    text=True,
                    env=_child_environment(),
                )
            except OSError:
                return None
            return self._child

    @property
    def cancelled(self) -> bool:
        with self._lock:
            return self._cancelled


def lint_in_child(
    library: Library, progress: ProgressFn, job: ChildLint | None = None
) -> LintSummary:
    """Lint `library` in a child process; `progress` may raise to cancel (the child ends)."""
    job = job or ChildLint(library)
    with tempfile.TemporaryDirectory(prefix="foundry-lint-") as folder:
        output = Path(folder) / "summary.pickle"
        child = job._start([sys.executable, "-m", __name__, str(library.root), str(output)])
        if child is None:
            return summarise(_lint_library(library, progress=progress)).prepare()
        try:
            for line in child.stdout:
                parts = line.split()
                if len(parts) == 3 and parts[0] == "progress":
                    progress(int(parts[1]), int(parts[2]))
        except BaseException:
            CHILDREN.end(child)
            raise
        status = CHILDREN.reap(child)
        child.stdout.close()
        if job.cancelled:
            raise ChildEnded
        if status != 0 or not output.exists():
            return summarise(_lint_library(library, progress=progress)).prepare()
        return summary_from_bytes(output.read_bytes(), library).prepare()


def _lint_library(library: Library, **options) -> LintReport:
    """core.lint's lint_library, imported when a lint runs: the window imports this module
    at start-up for LintSummary, long before its first lint (which runs in the child)."""
    from foundry_app.core.lint import lint_library

    return lint_library(library, **options)


def _child_environment() -> dict[str, str]:
    env = dict(os.environ)
    paths = [str(_PACKAGE_PARENT), *filter(None, env.get("PYTHONPATH", "").split(os.pathsep))]
    env["PYTHONPATH"] = os.pathsep.join(paths)
    return env


def main(argv: list[str]) -> int:
    root, output = argv
    library = Library.open(root)

    def report_progress(done: int, total: int) -> None:
        print(f"progress {done} {total}", flush=True)

    if hasattr(os, "nice"):
        os.nice(5)  # the window comes first: the lint takes the CPU time it leaves over
    jobs = os.cpu_count() or 1
    summary = summarise(_lint_library(library, progress=report_progress, jobs=jobs))
    temp = Path(f"{output}.tmp")
    temp.write_bytes(summary_bytes(summary))
    os.replace(temp, output)  # the parent never reads half a file
    return 0


if __name__ == "__main__":
    # run the copy imported under its real name, so the pickles name its classes by it
    from foundry_app.ui.workers.lint_process import main as child_main

    sys.exit(child_main(sys.argv[1:]))
