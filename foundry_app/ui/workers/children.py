"""Every child process the window starts, and the one way they end.

A child runs in a session of its own, so anything it starts in turn (the lint's process
pool) shares its process group and ends with it. Ending is always the same: SIGTERM to
the group, a short grace, SIGKILL to whatever is left, then wait, so no child outlives
the window and closing never waits on a child's own pace. No Qt here.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import subprocess
import threading
import time

GRACE_SECONDS = 0.3  # time a child gets to exit on SIGTERM before it is killed


class ChildEnded(Exception):
    """The child was ended on purpose (superseded, or the window closing)."""


class Children:
    """The registry of running children; `end_all` is what closing the window calls."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: set[subprocess.Popen] = set()
        self.started: list[int] = []  # every pid ever started (a process group id each)

    def start(self, args: list[str], **options) -> subprocess.Popen:
        child = subprocess.Popen(args, start_new_session=os.name == "posix", **options)
        with self._lock:
            self._running.add(child)
            self.started.append(child.pid)
        return child

    def running(self) -> list[subprocess.Popen]:
        with self._lock:
            return [child for child in self._running if child.poll() is None]

    def stop(self, child: subprocess.Popen) -> None:
        """Ask `child` and its group to end, without waiting (safe on the GUI thread)."""
        _signal_group(child, signal.SIGTERM)

    def reap(self, child: subprocess.Popen, grace: float = GRACE_SECONDS) -> int:
        """Wait for `child` (killing it and its group after `grace`); its exit status."""
        try:
            status = child.wait(grace)
        except subprocess.TimeoutExpired:
            _signal_group(child, signal.SIGKILL)
            status = child.wait()
        self._forget(child)
        return status

    def end(self, child: subprocess.Popen, grace: float = GRACE_SECONDS) -> None:
        self.stop(child)
        self.reap(child, grace)
        _signal_group(child, signal.SIGKILL, reaped=True)  # anything it left behind

    def end_all(self, grace: float = GRACE_SECONDS) -> None:
        """End every child: all asked at once, all killed after one shared grace."""
        children = self.running()
        for child in children:
            self.stop(child)
        deadline = time.monotonic() + grace
        for child in children:
            self.reap(child, max(0.0, deadline - time.monotonic()))
            _signal_group(child, signal.SIGKILL, reaped=True)
        with self._lock:
            self._running.clear()

    def _forget(self, child: subprocess.Popen) -> None:
        with self._lock:
            self._running.discard(child)


def _signal_group(child: subprocess.Popen, number: int, *, reaped: bool = False) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError, OSError):
        if os.name == "posix":
            os.killpg(child.pid, number)  # the group id is the child's pid (its own session)
        elif not reaped:
            child.kill() if number != signal.SIGTERM else child.terminate()


CHILDREN = Children()
atexit.register(CHILDREN.end_all)
