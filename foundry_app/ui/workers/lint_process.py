"""Lint a whole library in a child interpreter, driven from a worker thread.

Why a process: a Python worker thread shares the GIL with the GUI thread, and lint code
that makes many short system calls (resolving paths, reading files) starves the GUI of it
for 100 ms and more at a time. A child has its own GIL; the worker thread only waits on
its pipe. The child prints "progress DONE TOTAL" lines and pickles a LintSummary into a
file. If the child cannot run, the lint runs in the worker thread instead.

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
from pathlib import Path

from foundry_app.core.checklist import Progress
from foundry_app.core.diagnostics import Diagnostic
from foundry_app.core.library import Library
from foundry_app.core.lint import LintReport, lint_library
from foundry_app.ui.workers.children import CHILDREN, ChildEnded

ProgressFn = Callable[[int, int], None]
_PACKAGE_PARENT = Path(__file__).resolve().parents[3]  # so the child imports this code


@dataclass(frozen=True)
class LintSummary:
    """What the window needs of a LintReport, small enough to pass between processes."""

    root: Path
    diagnostics: list[Diagnostic]
    progress: dict[Path, tuple[int, int]]
    unreadable: list[tuple[Path, str]]

    def progress_for(self, path: Path) -> Progress:
        key = path if isinstance(path, Path) else Path(path)  # a new Path costs ~15 µs
        return Progress(*self.progress.get(key, (0, 0)))


def summarise(report: LintReport) -> LintSummary:
    return LintSummary(
        report.library.root,
        list(report.diagnostics),
        {path: (f.tasks_done, f.tasks_total) for path, f in report.facts.items()},
        list(report.unreadable),
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
            return summarise(lint_library(library, progress=progress))
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
            return summarise(lint_library(library, progress=progress))
        return pickle.loads(output.read_bytes())


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
    summary = summarise(lint_library(library, progress=report_progress, jobs=jobs))
    temp = Path(f"{output}.tmp")
    temp.write_bytes(pickle.dumps(summary, protocol=pickle.HIGHEST_PROTOCOL))
    os.replace(temp, output)  # the parent never reads half a file
    return 0


if __name__ == "__main__":
    # run the copy imported under its real name, so the pickle names LintSummary by it
    from foundry_app.ui.workers.lint_process import main as child_main

    sys.exit(child_main(sys.argv[1:]))
