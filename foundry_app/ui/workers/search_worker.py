"""The library search runs in a thread and reports files in batches; a new search stops
the old one, and a result from an old search is recognisable by its generation."""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from foundry_app.core.library_search import FileMatches, search_files
from foundry_app.core.text_search import QueryError

if TYPE_CHECKING:
    from foundry_app.core.text_search import Pattern

_BATCH_SECONDS = 0.1  # the results list grows ten times a second, not once per file
MAX_MATCHES = 5000  # the list shows no more; a common word must not read the whole library


class SearchWorker(QObject):
    found = Signal(int, list)  # generation, [FileMatches]
    finished = Signal(int, int)  # generation, number of files searched
    failed = Signal(int, str)  # generation, why the search stopped (a too slow expression)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.generation = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, paths: list[Path], pattern: Pattern, buffers: Mapping[Path, str]) -> int:
        """Search `paths` (a copy is taken); returns the new search's generation."""
        self.cancel()
        self.generation += 1
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._run,
            args=(self.generation, list(paths), pattern, dict(buffers), self._stop),
            name="library-search",
            daemon=True,
        )
        self._thread.start()
        return self.generation

    def cancel(self) -> None:
        """Stop the running search; its late results are dropped by generation."""
        self._stop.set()
        self.generation += 1

    def shutdown(self) -> None:
        """Stop and wait, so the thread never outlives the window."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def _run(
        self,
        generation: int,
        paths: list[Path],
        pattern: Pattern,
        buffers: dict[Path, str],
        stop: threading.Event,
    ) -> None:
        batch: list[FileMatches] = []
        last_sent = time.monotonic()
        total = 0
        searched = len(paths)
        try:
            for matches in search_files(paths, pattern, buffers, should_stop=stop.is_set):
                batch.append(matches)
                total += len(matches.matches)
                if total >= MAX_MATCHES:
                    searched = paths.index(matches.path) + 1
                    break
                if time.monotonic() - last_sent >= _BATCH_SECONDS:
                    self.found.emit(generation, batch)
                    batch, last_sent = [], time.monotonic()
        except QueryError as error:
            if not stop.is_set():
                self.failed.emit(generation, str(error))
            return
        if stop.is_set():
            return
        if batch:
            self.found.emit(generation, batch)
        self.finished.emit(generation, searched)
