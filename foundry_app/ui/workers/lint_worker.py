"""Run slow core work (linting the whole library, reading a stack's checklists, the open
file's lint) off the GUI thread, reporting back through queued signals.

Each runner runs one job at a time; starting a new one supersedes the old, whose late
results are dropped, so a library switched mid-lint never shows stale badges.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from foundry_app.core.library import Library
from foundry_app.ui.workers.children import CHILDREN, ChildEnded
from foundry_app.ui.workers.lint_process import ChildLint

ProgressFn = Callable[[int, int], None]
_PROGRESS_INTERVAL = 0.05  # seconds between progress signals: the status bar needs no more
_GUI_SWITCH_INTERVAL = 0.001  # seconds


def keep_gui_responsive() -> None:
    """Shorten the GIL switch interval: a worker running pure Python keeps the GIL until
    the interval expires each time the GUI thread asks for it, and every Python callback
    in a repaint pays that wait (5 ms by default)."""
    if sys.getswitchinterval() > _GUI_SWITCH_INTERVAL:
        sys.setswitchinterval(_GUI_SWITCH_INTERVAL)


class Cancelled(Exception):
    """Raised inside a job's progress callback once the job has been superseded."""


class _JobSignals(QObject):
    # every signal carries the job id, so the runner can drop results of superseded jobs
    progress = Signal(int, int, int)
    finished = Signal(int, object)
    failed = Signal(int, str)


def _done(_progress: ProgressFn) -> None:
    """What a job's work becomes once it has run."""


class _Job(QRunnable):
    def __init__(self, job_id: int, work: Callable[[ProgressFn], Any], signals: _JobSignals):
        super().__init__()
        self.setAutoDelete(False)  # Python owns it: the runner keeps it until it is done
        self.job_id = job_id
        self.work = work
        self.signals = signals
        self.cancelled = threading.Event()
        self._last_progress = 0.0

    def run(self) -> None:
        # always report back, even when cancelled: the runner forgets the job on the reply
        try:
            if self.cancelled.is_set():  # superseded while it waited in the pool's queue
                raise Cancelled
            result = self.work(self._progress)
        except (Cancelled, ChildEnded):
            self.signals.failed.emit(self.job_id, "cancelled")
        except Exception as error:  # a job must report, never kill the worker thread
            self.signals.failed.emit(self.job_id, f"{type(error).__name__}: {error}")
        else:
            self.signals.finished.emit(self.job_id, result)
        finally:
            # the pool's binding keeps every runnable alive: without this, each live lint
            # of a 5 MB file kept its text (and everything else the work closed over)
            self.work = _done

    def _progress(self, done: int, total: int) -> None:
        if self.cancelled.is_set():
            raise Cancelled
        now = time.monotonic()
        if done >= total or now - self._last_progress >= _PROGRESS_INTERVAL:
            self._last_progress = now
            self.signals.progress.emit(self.job_id, done, total)


class BackgroundRunner(QObject):
    """One background job at a time, on a private one-thread pool or a shared `pool`
    (runners sharing a one-thread pool run their jobs in the order they were asked)."""

    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        if pool is None:
            pool = QThreadPool(self)
            pool.setMaxThreadCount(1)
        self._pool = pool
        self._signals = _JobSignals(self)  # lives in the GUI thread: emits arrive queued
        self._signals.progress.connect(self._on_progress)
        self._signals.finished.connect(self._on_finished)
        self._signals.failed.connect(self._on_failed)
        self._jobs: dict[int, _Job] = {}  # started and not yet reported back
        self._current = 0
        self._next_id = 0

    @property
    def running(self) -> bool:
        return self._current in self._jobs

    def start(self, work: Callable[[ProgressFn], Any]) -> None:
        """Run `work(progress)` in the background; supersedes any job still running."""
        self.cancel()
        self._next_id += 1
        job = _Job(self._next_id, work, self._signals)
        self._jobs[job.job_id] = job
        self._current = job.job_id
        self._pool.start(job)

    def cancel(self) -> None:
        job = self._jobs.get(self._current)
        if job is not None:
            job.cancelled.set()
            stop_child = getattr(job.work, "cancel", None)
            if stop_child is not None:  # a job with a child process ends it now
                stop_child()
        self._current = 0

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Cancel, end every child process, and wait for the worker thread (before the
        window goes away)."""
        self.cancel()
        CHILDREN.end_all()
        done = self._pool.waitForDone(timeout_ms)
        if done:
            self._jobs.clear()
        return done

    def _on_progress(self, job_id: int, done: int, total: int) -> None:
        if job_id == self._current:
            self.progress.emit(done, total)

    def _on_finished(self, job_id: int, result: object) -> None:
        self._jobs.pop(job_id, None)
        if job_id == self._current:
            self._current = 0
            self.finished.emit(result)

    def _on_failed(self, job_id: int, message: str) -> None:
        self._jobs.pop(job_id, None)
        if job_id == self._current:
            self._current = 0
            self.failed.emit(message)


def lint_work(library: Library) -> Callable[[ProgressFn], Any]:
    """The whole-library lint as a background job (run in a child process, see
    lint_process); the job's result is a LintSummary."""
    return ChildLint(library)
