"""Start the desktop app: the QApplication, the main window, and two unattended modes.

--screenshot PATH renders offscreen once the tree, the lint and the open file are ready,
saves the window and exits. FOUNDRY_BENCH_EXIT_WHEN_READY=1 (benchmarks) prints timing
and memory as one JSON line when the window is shown with its tree filled, and exits
once the background lint has finished. Neither mode reads or writes the user's settings.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

BENCH_ENV = "FOUNDRY_BENCH_EXIT_WHEN_READY"
WINDOW_SIZE = (1500, 900)
_POLL_MS = 25
_READY_TIMEOUT_S = 120


def run_gui(library_root: Path | None, open_path: str | None, screenshot: Path | None) -> int:
    unattended = screenshot is not None or os.environ.get(BENCH_ENV) == "1"
    if unattended:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from foundry_app import __version__
    from foundry_app.ui.window.main_window import MainWindow

    app, pacer = window_process(sys.argv[:1])
    app.setOrganizationName("Foundry")
    app.setApplicationName("Foundry")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("foundry")  # ties the window to resources/foundry.desktop

    try:
        window = MainWindow(
            library_root, settings=False if unattended else None, unattended=unattended
        )
        if unattended:
            window.resize(*WINDOW_SIZE)
        if open_path and not window.open_path(open_path):
            print(f"foundry: cannot open {open_path}", file=sys.stderr)
        window.show()

        if screenshot is not None:
            return _capture(app, window, Path(screenshot))
        if os.environ.get(BENCH_ENV) == "1":
            return _report_when_ready(app, window)
        return app.exec()
    finally:
        pacer.stop()  # Python's own thresholds again (a test runs the app in its process)


def window_process(argv: list[str]):
    """The QApplication, with what the app's start sets for its whole process; benchmarks
    that build the window in their own process start with this too. Returns the app and
    the collection pacer (stop it to give Python its thresholds back)."""
    from PySide6.QtWidgets import QApplication

    from foundry_app.core.big_buffers import return_big_buffers_to_the_system
    from foundry_app.ui.window.collection_pacer import CollectionPacer, set_aside_loaded_code

    return_big_buffers_to_the_system()  # a big file's text copies come and go per check
    app = QApplication.instance()
    if app is None:  # a new process: all it holds yet is the code it imported
        set_aside_loaded_code()
        app = QApplication(argv)
    return app, CollectionPacer(app)  # full collections in pauses, not beside a keystroke's result


def _settled(window) -> bool:
    """Tree filled (done in the constructor), library lint finished, checklist read."""
    if window.library is None:
        return True  # the empty state is all there is to show
    return (
        window.results.complete and not window.lint_pending and not window.stack_checklist.loading
    )


def _wait_until(app, condition) -> bool:
    deadline = time.monotonic() + _READY_TIMEOUT_S
    while not condition():
        if time.monotonic() > deadline:
            return False
        app.processEvents()
        time.sleep(_POLL_MS / 1000)
    return True


def _capture(app, window, path: Path) -> int:
    if not _wait_until(app, lambda: _settled(window) and not window.lint_running):
        print("foundry: screenshot taken before the lint finished", file=sys.stderr)
    for _ in range(3):  # let the last layouts and paints land
        app.processEvents()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(path)):
        print(f"foundry: could not write {path}", file=sys.stderr)
        window.close()
        return 1
    window.close()
    return 0


def _report_when_ready(app, window) -> int:
    import resource  # POSIX only, and only this mode needs it

    app.processEvents()  # the first paint of the shown window
    shown = time.time()
    _wait_until(app, lambda: _settled(window) and not window.lint_running)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(
        json.dumps(
            {
                "shown": shown,  # wall clock, comparable with the parent's start time
                "lint_done": time.time(),
                "max_rss_kb": usage.ru_maxrss,  # kilobytes on Linux
                "files": len(window.library.markdown_files()) if window.library else 0,
                "open": str(window.documents.path) if window.documents.path else None,
            }
        ),
        flush=True,
    )
    window.close()
    return 0
