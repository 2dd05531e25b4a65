"""Quick open and library search on a synthetic 10,000-file library.

Run: uv run python benchmarks/bench_search.py
Prints: fuzzy ranking per keystroke (core and the real popup), and a full library search
(core, cold and warm file cache, and through the window's search worker with the
longest pause of the event loop while it runs).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from synthetic import library_size, make_synthetic_library

from foundry_app.core.fuzzy import rank_paths
from foundry_app.core.library import Library
from foundry_app.core.library_search import search_files
from foundry_app.core.text_search import Query, compile_query

FILES = 10_000


def best_of(runs: int, work) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = make_synthetic_library(Path(folder) / "lib", files=FILES)
        library = Library.open(root)
        files = library.markdown_files()
        count, size = library_size(root)
        print(f"library: {count} files, {size / 1e6:.1f} MB")
        relative = [library.relative(path) for path in files]
        for query in ("c", "conv", "stk42conv", "zzzz"):
            seconds = best_of(3, lambda q=query: rank_paths(q, relative, 50))
            print(f"quick open rank {query!r:12}: {seconds * 1000:6.1f} ms")

        from PySide6.QtWidgets import QApplication

        from foundry_app.ui.panels.quick_open import QuickOpen

        app = QApplication.instance() or QApplication([])
        popup = QuickOpen()
        popup.open_for(root, files)
        start = time.perf_counter()
        for text in ("c", "co", "con", "conv"):
            popup.query.setText(text)  # each keystroke ranks and refills the list
        per_key = (time.perf_counter() - start) / 4
        print(f"quick open popup, per keystroke: {per_key * 1000:6.1f} ms")

        for text, options in (
            ("no-such-words", {}),
            ("canary", {"whole_word": True}),
            (r"\bdrift \w+ant\b", {"regex": True}),
        ):
            pattern = compile_query(Query(text, **options))
            found = []
            seconds = best_of(
                1,
                lambda p=pattern, out=found: out.append(
                    sum(len(f.matches) for f in search_files(files, p))
                ),
            )
            print(f"core search, every file {text!r:22}: {seconds:5.2f} s, {found[-1]} matches")

        from PySide6.QtCore import QElapsedTimer, QTimer

        from foundry_app.ui.workers.search_worker import SearchWorker

        worker = SearchWorker()
        done = []
        worker.finished.connect(lambda generation, n: done.append(n))
        gaps = []
        clock = QElapsedTimer()
        clock.start()
        last = [clock.elapsed()]

        def tick():
            now = clock.elapsed()
            gaps.append(now - last[0])
            last[0] = now

        timer = QTimer(interval=5)
        timer.timeout.connect(tick)
        timer.start()
        for text in ("rollback", "no-such-words"):
            done.clear()
            gaps.clear()
            last[0] = clock.elapsed()
            start = time.perf_counter()
            worker.start(files, compile_query(Query(text)), {})
            while not done:
                app.processEvents()
                time.sleep(0.001)
            seconds = time.perf_counter() - start
            print(
                f"search worker {text!r:16}: {seconds:5.2f} s to the last result "
                f"({done[0]} files read), longest event-loop gap {max(gaps)} ms"
            )
        timer.stop()
        worker.shutdown()


if __name__ == "__main__":
    main()
