"""Apply one background result in steps over turns of the event loop, so a big file's
markers, preview and panels never hold the window in one go; a newer text drops the rest.

A step is an iterator: each `next()` does a bounded piece of work (a plain step is a
generator with no `yield`). A step with more pieces to do ends the turn; a step that is
done lets the next one start in the same turn while the turn is short (each turn costs a
repaint, so quick steps in turns of their own only add waiting). Before every turn, the
editor's revision must still be the one the result was computed from; otherwise the steps
not yet done are dropped (the lint of the newer text is already on its way).
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator

from PySide6.QtCore import QObject, QTimer

TURN_BUDGET_S = 0.012  # a finished step lets the next start in its turn until this much


class RevisionSteps(QObject):
    def __init__(self, revision: Callable[[], int], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._revision = revision  # the editor's current revision
        self._for = -1
        self._steps: deque[Iterator[None]] = deque()
        self._turn = QTimer(self, singleShot=True, interval=0)
        self._turn.timeout.connect(self._next_piece)

    @property
    def running(self) -> bool:
        return bool(self._steps)

    def start(
        self,
        revision: int,
        steps: Iterable[Iterator[None] | Callable[[], None]],
        *,
        at_once: bool = False,
    ) -> None:
        """Run `steps` (iterators, or plain callables done in one piece) for `revision`, the
        first piece now and the rest on later turns, or all now when `at_once` (a small
        file's are quick, and then markers and panels change together); replaces steps
        still running."""
        self._turn.stop()
        self._for = revision
        self._steps = deque(step if isinstance(step, Iterator) else _once(step) for step in steps)
        if at_once:
            for step in self._steps:
                for _piece in step:
                    pass
            self._steps.clear()
            return
        self._next_piece()

    def cancel(self) -> None:
        self._steps.clear()
        self._turn.stop()

    def _next_piece(self) -> None:
        if self._revision() != self._for:  # the text changed: this result is out of date
            self.cancel()
            return
        started = time.perf_counter()
        while self._steps:
            step = self._steps[0]
            if next(step, _DONE) is not _DONE:
                break  # a piece was done; the step goes on next turn
            self._steps.popleft()
            if time.perf_counter() - started >= TURN_BUDGET_S:
                break  # the next step starts on the next turn
        if self._steps:
            self._turn.start()


_DONE = object()


def _once(action: Callable[[], None]) -> Iterator[None]:
    action()
    yield from ()
