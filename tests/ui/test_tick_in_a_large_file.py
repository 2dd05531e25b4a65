"""A tick in a large file parses nothing whole on the window's thread
(large-file mode promises the window stays instant; a 5 MB parse is seconds).
No wall clock: the test counts whole-text parses made on the GUI thread by one tick."""

from __future__ import annotations

import threading
import time

from helpers import GOOD_FRONT_MATTER
from PySide6.QtCore import QUrl
from window_helpers import open_file

from foundry_app.core import document as document_module
from foundry_app.core.large_file import LARGE_FILE_BYTES


def test_one_tick_in_a_large_file_parses_nothing_whole_on_the_gui_thread(
    qtbot, window, library, monkeypatch
):
    text = (
        GOOD_FRONT_MATTER
        + "# Huge\n\n> Big.\n\n## Checklist\n\n- [ ] first\n\n"
        + "".join(
            f"## Part {n}\n\n" + "Prose line for the parser to read.  \n" * 30 + "\n"
            for n in range(900)
        )
    )
    assert len(text) > 1_000_000
    path = library / "stacks" / "example" / "huge.md"
    path.write_text(text, encoding="utf-8")
    window.refresh_library()
    qtbot.waitUntil(lambda: window.results.complete, timeout=60_000)
    open_file(qtbot, window, path)
    qtbot.waitUntil(lambda: window.preview.source_text == window.documents.text(), timeout=60_000)
    qtbot.waitUntil(lambda: not window.lint_pending, timeout=60_000)

    parses = []
    real_init = document_module.Document.__init__

    def counting_init(self, source, *args, **kwargs):
        if (
            threading.current_thread() is threading.main_thread()
            and len(source) >= LARGE_FILE_BYTES
        ):
            parses.append(len(source))
        return real_init(self, source, *args, **kwargs)

    monkeypatch.setattr(document_module.Document, "__init__", counting_init)
    started = time.perf_counter()
    window.preview.anchorClicked.emit(QUrl("task:10"))  # "- [ ] first"
    held = time.perf_counter() - started
    monkeypatch.undo()
    assert "- [x] first" in path.read_text(encoding="utf-8")
    assert parses == [], (
        f"one tick parsed the whole {len(text):,}-character text {len(parses)} times on the "
        f"GUI thread (the window was held {held:.1f} s)"
    )
