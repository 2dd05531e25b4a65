"""A 10,000-file library in the real window: tree ready, cold background lint, the longest
event-loop stall meanwhile, and peak memory (window process and lint child). Prints
figures; asserts nothing.

Run: QT_QPA_PLATFORM=offscreen uv run python benchmarks/bench_scale.py [--files 10000]
Targets: tree ready <= 1 s; cold background lint <= 5 s; no stall over 50 ms;
peak RSS <= 300 MB.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=10_000)
    args = parser.parse_args()

    from bench_gui import StallMeter, run_until
    from synthetic import library_size, make_synthetic_library

    from foundry_app.ui.window.app import window_process
    from foundry_app.ui.window.main_window import MainWindow

    app, _pacer = window_process([])  # as the app's start does
    with tempfile.TemporaryDirectory() as temp:
        temp = Path(temp)
        print(f"building a {args.files}-file library…", flush=True)
        library = make_synthetic_library(temp / "lib", files=args.files)
        files, size = library_size(library)
        os.environ["FOUNDRY_CACHE_DIR"] = str(temp / "cache")  # cold
        meter = StallMeter()
        start = time.perf_counter()
        window = MainWindow(library, settings=False, unattended=True)
        window.resize(1500, 900)
        window.show()
        app.processEvents()
        tree_ready = time.perf_counter() - start
        meter.start()
        run_until(app, lambda: window.results.complete and not window.lint_running, 900)
        for _ in range(5):  # the frames right after the report lands count too
            app.processEvents()
            time.sleep(0.012)
        meter.stop()
        lint_done = time.perf_counter() - start
        gui_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        window.close()
        print(f"library: {files} files, {size / 1e6:.1f} MB")
        print(f"  window shown with the tree: {tree_ready * 1000:.0f} ms  (target <= 1000 ms)")
        print(f"  cold background lint done: {lint_done:.2f} s after start  (target <= 5 s)")
        print(
            f"  longest event-loop stall while it ran: {meter.worst_ms:.0f} ms over "
            f"{len(meter.gaps)} ticks  (target <= 50 ms)"
        )
        print(
            f"  peak RSS: window process {gui_rss:.0f} MB; largest child {child_rss:.0f} MB"
            "  (target <= 300 MB)"
        )


if __name__ == "__main__":
    main()
