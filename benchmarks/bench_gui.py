"""GUI responsiveness: start-up, memory, opening a file, event-loop stalls during the
background lint, and edit-to-markers-and-preview, for the shipped library and a synthetic
1,000-file one. Prints figures; asserts nothing.

Run: QT_QPA_PLATFORM=offscreen uv run python benchmarks/bench_gui.py [--startup-only [--runs N]]
(--startup-only: only process start → window shown, N times for the shipped library.)
Targets: open stacks/mlops/conventions.md → whole preview painted <= 30 ms median; edit →
markers and preview <= 30 ms median; window shown with the tree <= 0.5 s; the event loop
never stalls > 50 ms.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHIPPED = ROOT / "ai-team-library"
MLOPS = "stacks/mlops/conventions.md"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from installed_env import BYTECODE_NOTE, with_bytecode  # noqa: E402


def make_synthetic(root: Path) -> Path:
    from synthetic import make_synthetic_library  # the lead's generator, imported lazily

    return make_synthetic_library(root, files=1000)


# --- process start → window shown with the tree filled (child process) -------------------


def startup(library: Path, open_path: str | None, cache: Path) -> dict:
    env = {
        **with_bytecode(dict(os.environ)),
        "FOUNDRY_BENCH_EXIT_WHEN_READY": "1",
        "QT_QPA_PLATFORM": "offscreen",
        "FOUNDRY_CACHE_DIR": str(cache),
    }
    command = [sys.executable, "-m", "foundry_app", "--library", str(library)]
    if open_path:
        command += ["--open", open_path]
    start = time.time()
    result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError(f"no report from the app: {result.stderr[-2000:]}")
    report = json.loads(lines[-1])
    report["shown_s"] = report["shown"] - start
    report["lint_done_s"] = report["lint_done"] - start
    return report


def child_rss_kb(library: Path, cache: Path) -> int:
    """Peak RSS of the lint child on its own (RUSAGE_CHILDREN in the app would also count
    the pre-exec copy of the GUI process)."""
    code = (
        "import resource, sys, tempfile; from foundry_app.ui.workers.lint_process import main; "
        "main([sys.argv[1], tempfile.mkdtemp() + '/summary']); "
        "print('rss', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    env = {**os.environ, "FOUNDRY_CACHE_DIR": str(cache)}
    result = subprocess.run(
        [sys.executable, "-c", code, str(library)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(result.stdout.split()[-1])


# --- in-process measurements --------------------------------------------------------------


class StallMeter:
    """A 10 ms timer; the longest gap between its ticks is the longest event-loop stall."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.gaps: list[float] = []
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(10)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append((now - self._last) * 1000)
        self._last = now

    @property
    def worst_ms(self) -> float:
        return max(self.gaps, default=0.0)


def run_until(app, condition, timeout_s: float = 300, poll_s: float = 0.001) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not reached")
        app.processEvents()
        time.sleep(poll_s)


def wait_in_event_loop(app, condition, timeout_s: float = 60) -> None:
    """Wait the way the app does, in Qt's event loop (a busy Python poll would compete with
    the worker thread for the interpreter lock and inflate the figures)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    reached = [condition()]

    def check_once() -> None:
        # remembered, not read again after exec(): the events the loop still delivers
        # after quit() may make the condition false again (a new lint started)
        if condition():
            reached[0] = True
            loop.quit()

    check = QTimer()
    check.setInterval(1)
    check.timeout.connect(check_once)
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.timeout.connect(loop.quit)
    check.start()
    deadline.start(int(timeout_s * 1000))
    if not reached[0]:
        loop.exec()
    check.stop()
    deadline.stop()
    if not reached[0]:
        raise TimeoutError("condition not reached")


def new_window(app, library: Path):
    from foundry_app.ui.window.main_window import MainWindow

    window = MainWindow(library, settings=False, unattended=True)
    window.ask_unsaved_changes = lambda: "discard"
    window.resize(1500, 900)
    window.show()
    return window


def lint_stall(app, library: Path) -> tuple[float, float, int]:
    """Open the library with a cold cache; worst stall (ms) while the lint runs and lands."""
    meter = StallMeter()
    window = new_window(app, library)
    meter.start()
    started = time.perf_counter()
    run_until(app, lambda: window.results.complete)
    for _ in range(5):  # the frames right after the report lands count too
        app.processEvents()
        time.sleep(0.012)
    meter.stop()
    elapsed = time.perf_counter() - started
    window.close()
    return meter.worst_ms, elapsed, len(meter.gaps)


def open_to_preview(app, library: Path, relative: str, other: str, rounds: int = 7):
    """Open a file (from another one): ms until the first screenful of its preview is
    painted, ms until the whole checked preview is painted, and the worst GUI stall."""
    window = new_window(app, library)
    run_until(app, lambda: window.results.complete and not window.lint_running)
    first_paints, full_paints = [], []
    meter = StallMeter()
    shown = []
    real_show = window.preview.show_html

    def show_and_paint(html: str, *rest) -> None:  # paint synchronously when a page lands
        real_show(html, *rest)
        window.preview.viewport().repaint()
        shown.append(time.perf_counter())

    window.preview.show_html = show_and_paint
    for _ in range(rounds):
        window.open_path(other)
        run_until(app, lambda: not window.lint_pending and not window.stack_checklist.loading)
        app.processEvents()
        shown.clear()
        meter.start()
        start = time.perf_counter()
        window.open_path(relative)
        wait_in_event_loop(app, lambda: not window.lint_pending)
        first_paints.append((shown[0] - start) * 1000)
        full_paints.append((shown[-1] - start) * 1000)
        meter.stop()
        run_until(app, lambda: not window.stack_checklist.loading)
    window.documents.close()
    window.close()
    return first_paints, full_paints, meter.worst_ms


def edit_to_markers(app, library: Path, relative: str, rounds: int = 20):
    """One keystroke-sized edit, then the lint pass the debounce would trigger (debounce
    excluded): parse, check and render in the background, then markers, problems, badges,
    checklist, preview and editor updated and painted. Also the worst GUI stall meanwhile."""
    from PySide6.QtGui import QTextCursor

    window = new_window(app, library)
    run_until(app, lambda: window.results.complete and not window.lint_running)
    window.open_path(relative)
    run_until(app, lambda: not window.stack_checklist.loading)
    size = len(window.editor.text().encode("utf-8"))
    editor = window.editor
    # the bench stands in for the lint delay: left running, the delay of an edit fired
    # after its lint was shown (a round slower than 150 ms) and checked the same text again
    editor.set_lint_delay(2**31 - 1)
    timings = []
    meter = StallMeter()
    for round_ in range(rounds):
        cursor = QTextCursor(editor.document().findBlockByNumber(40 + round_))
        cursor.insertText("x")
        app.processEvents()
        meter.start()
        start = time.perf_counter()
        window.lint_open_file()
        wait_in_event_loop(app, lambda: not window.lint_pending)
        editor.viewport().repaint()
        window.preview.viewport().repaint()
        timings.append((time.perf_counter() - start) * 1000)
        meter.stop()
    window.close()
    return timings, size, meter.worst_ms


def summary(values: list[float]) -> str:
    return f"median {statistics.median(values):.1f} ms, max {max(values):.1f} ms"


def startup_only(runs: int) -> None:
    """Process start → window shown with the tree, for the shipped library with
    stacks/mlops/conventions.md open: the first run with a cold lint cache, then warm."""
    with tempfile.TemporaryDirectory() as temp:
        cache = Path(temp) / "cache"
        shown = []
        if BYTECODE_NOTE:
            print(BYTECODE_NOTE)
        for run in range(runs):
            report = startup(SHIPPED, MLOPS, cache)
            shown.append(report["shown_s"] * 1000)
            print(
                f"  run {run + 1}: shown {shown[-1]:.0f} ms, lint done "
                f"{report['lint_done_s'] * 1000:.0f} ms ({'cold' if run == 0 else 'warm'} cache)",
                flush=True,
            )
        print(
            f"shipped: shown median {statistics.median(shown):.0f} ms, min {min(shown):.0f}, "
            f"max {max(shown):.0f} over {runs} runs  (target: shown with the tree <= 500 ms)"
        )


def main() -> None:
    if "--startup-only" in sys.argv:
        runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 7
        startup_only(runs)
        return
    from foundry_app.ui.window.app import window_process

    app, _pacer = window_process([])  # as the app's start does
    with tempfile.TemporaryDirectory() as temp:
        temp = Path(temp)
        print("building the synthetic library…", flush=True)
        synthetic = make_synthetic(temp / "synthetic")
        synthetic_file = "stacks/stack-000/conventions.md"
        synthetic_count = len(list(synthetic.rglob("*.md")))

        print("\nprocess start → window shown with tree filled (child process, offscreen)")
        if BYTECODE_NOTE:
            print(BYTECODE_NOTE)
        for name, library, open_path in (
            ("shipped", SHIPPED, MLOPS),
            (f"synthetic ({synthetic_count} files)", synthetic, synthetic_file),
        ):
            cache = temp / f"cache-{name.split()[0]}"
            cold = startup(library, open_path, cache)
            warm = startup(library, open_path, cache)
            print(
                f"  {name}: shown {cold['shown_s'] * 1000:.0f} ms, lint done "
                f"{cold['lint_done_s'] * 1000:.0f} ms (cold cache); shown "
                f"{warm['shown_s'] * 1000:.0f} ms, lint done {warm['lint_done_s'] * 1000:.0f} ms "
                f"(warm)  (target: shown with the tree <= 500 ms)"
            )
            print(f"    peak RSS {cold['max_rss_kb'] / 1024:.0f} MB (GUI process, one file open)")

        print("\nlint child process alone (peak RSS)")
        for name, library in (("shipped", SHIPPED), ("synthetic", synthetic)):
            print(f"  {name}: {child_rss_kb(library, temp / 'child-cache') / 1024:.0f} MB")

        print("\nlongest event-loop stall while the background lint runs (10 ms timer)")
        for name, library in (("shipped", SHIPPED), ("synthetic", synthetic)):
            os.environ["FOUNDRY_CACHE_DIR"] = str(temp / f"stall-cache-{name}")  # cold
            worst, elapsed, ticks = lint_stall(app, library)
            print(f"  {name}: {worst:.1f} ms worst gap over {elapsed:.2f} s ({ticks} ticks)")

        print("\nopen a file → preview painted")
        first, full, worst = open_to_preview(app, SHIPPED, MLOPS, "stacks/python/conventions.md")
        print(f"  shipped {MLOPS}: first screenful {summary(first)}")
        print(f"  whole document checked and painted: {summary(full)}  (target median <= 30 ms)")
        print(f"  longest GUI-thread stall meanwhile: {worst:.1f} ms")

        print("\nedit → markers, problems, badges and preview updated (debounce excluded)")
        timings, size, worst = edit_to_markers(app, SHIPPED, MLOPS)
        print(f"  {MLOPS} ({size / 1000:.0f} KB): {summary(timings)}  (target median <= 30 ms)")
        print(f"  longest GUI-thread stall meanwhile: {worst:.1f} ms")


if __name__ == "__main__":
    main()
