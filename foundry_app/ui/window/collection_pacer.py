"""Full garbage collections wait for a pause in typing.

With a 5 MB file open the window tracks ~100,000 objects (preview blocks, outline items,
tasks, diagnostic marks), and one full collection walks them all for 30-50 ms. Python
starts one whenever enough allocations pile up, often in the same turn of the event loop
as a keystroke's lint result, which made the longest stall while typing. Installed by the
app's start, the pacer turns the automatic full collections off and runs them itself from
a timer: when the author has not typed for a moment, or at the latest every few seconds.
Young generations are still collected by Python as usual.
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


def note_activity(*_args) -> None:
    """An edit happened (connected to each editor's textEdited; cheap when no pacer runs)."""
    global _last_activity
    _last_activity = time.monotonic()


class CollectionPacer(QObject):
    def __init__(
        self,
        parent: QObject | None = None,
        *,
        quiet_s: float = QUIET_S,
        longest_wait_s: float = LONGEST_WAIT_S,
        tick_ms: int = TICK_MS,
    ) -> None:
        super().__init__(parent)
        self.quiet_s = quiet_s
        self.longest_wait_s = longest_wait_s
        self.collections = 0  # full collections the pacer ran
        self._thresholds = gc.get_threshold()
        if self._thresholds[2] == _NEVER:  # another pacer runs: give back Python's default
            self._thresholds = (*self._thresholds[:2], FULL_EVERY)
        young, middle, _full = self._thresholds
        gc.set_threshold(young, middle, _NEVER)
        self._last_full = time.monotonic()
        self._timer = QTimer(self, interval=tick_ms)
        self._timer.timeout.connect(self.tick)
        self._timer.start()

    def tick(self) -> None:
        if gc.get_count()[2] < FULL_EVERY:
            return  # Python would not have collected everything yet either
        now = time.monotonic()
        paused = now - _last_activity >= self.quiet_s
        if paused or now - self._last_full >= self.longest_wait_s:
            gc.collect()
            self._last_full = time.monotonic()
            self.collections += 1

    def stop(self) -> None:
        """Give the thresholds back to Python (tests, or an app that quits)."""
        self._timer.stop()
        gc.set_threshold(*self._thresholds)
