"""Full garbage collections wait for a pause in typing.

With a 5 MB file open the window tracks ~100,000 objects (preview blocks, outline items,
tasks, diagnostic marks), and one full collection walks them all for 30-50 ms. Python
starts one whenever enough allocations pile up, often in the same turn of the event loop
as a keystroke's lint result, which made the longest stall while typing. Installed by the
app's start, the pacer holds full collections back from the first edit on; once the
author stops typing for a moment it runs the one Python would have run meanwhile, in a
turn of its own, and hands the thresholds back to Python. Typing with no pause still gets
one every few seconds. Young generations are collected by Python as usual throughout.
"""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QObject, QTimer

TICK_MS = 100
QUIET_S = 0.2  # no edit for this long counts as a pause
LONGEST_WAIT_S = 5.0  # typing with no pause still gets a full collection this often
FULL_EVERY = 10  # middle-generation collections per full one, Python's own default
_NEVER = 1 << 30  # a full-collection threshold Python never reaches

_last_activity = 0.0
_pacer: CollectionPacer | None = None  # the one installed, if any


def set_aside_loaded_code() -> None:
    """Take what the process has loaded so far (modules, classes, functions: ~35,000
    objects, there for the whole run) out of every later collection: full collections of
    a 10,000-file window walked them each time. Call it before the QApplication and any
    window exist, so no Qt wrapper is set aside: one kept past its C++ object could come
    back as a stale wrapper for a new object born at the same address."""
    gc.collect()  # what is garbage now goes now; the rest is not looked at again
    gc.freeze()


def note_activity(*_args) -> None:
    """An edit happened (connected to each editor's textEdited; cheap when no pacer runs)."""
    global _last_activity
    _last_activity = time.monotonic()
    if _pacer is not None and not _pacer.holding:
        _pacer.hold()


class CollectionPacer(QObject):
    def __init__(
        self,
        parent: QObject | None = None,
        *,
        quiet_s: float = QUIET_S,
        longest_wait_s: float = LONGEST_WAIT_S,
        tick_ms: int = TICK_MS,
    ) -> None:
        global _pacer
        super().__init__(parent)
        self.quiet_s = quiet_s
        self.longest_wait_s = longest_wait_s
        self.collections = 0  # full collections the pacer ran
        self.holding = False
        self._thresholds = gc.get_threshold()
        if self._thresholds[2] == _NEVER:  # an earlier pacer is holding: Python's default
            self._thresholds = (*self._thresholds[:2], FULL_EVERY)
        self._last_full = 0.0
        # runs only while holding: an idle window is not woken ten times a second
        self._timer = QTimer(self, interval=tick_ms)
        self._timer.timeout.connect(self.tick)
        _pacer = self

    def hold(self) -> None:
        """Typing has started: no full collection until it pauses."""
        young, middle, _full = self._thresholds
        gc.set_threshold(young, middle, _NEVER)
        self.holding = True
        self._last_full = time.monotonic()
        self._timer.start()

    def tick(self) -> None:
        now = time.monotonic()
        paused = now - _last_activity >= self.quiet_s
        overdue = now - self._last_full >= self.longest_wait_s
        if (paused or overdue) and gc.get_count()[2] >= FULL_EVERY:
            gc.collect()  # the one Python would have started beside a keystroke
            self._last_full = time.monotonic()
            self.collections += 1
        if paused:
            self._release()

    def _release(self) -> None:
        self._timer.stop()
        gc.set_threshold(*self._thresholds)
        self.holding = False

    def stop(self) -> None:
        """Python's own thresholds again, and no more holding (tests, an app that quits)."""
        global _pacer
        self._release()
        if _pacer is self:
            _pacer = None
