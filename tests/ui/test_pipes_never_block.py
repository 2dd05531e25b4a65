"""A named pipe (FIFO) where a file was: the window never opens it to read.

A reader that opens a FIFO blocks until a writer comes. If the window's GUI thread opens it
while checking for an external change, the window is frozen for good. The helper thread
below detects a blocked reader deterministically (a non-blocking open for writing succeeds
only while someone has the FIFO open for reading), records it, and releases the reader so
the test can end."""

from __future__ import annotations

import errno
import os
import sys
import threading
import traceback

from window_helpers import open_file, show_new_files


def _watch_for_blocked_reader(fifo: str, stop: threading.Event, blocked: list) -> threading.Thread:
    def run():
        while not stop.is_set():
            try:
                fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            except OSError as error:
                if error.errno in (errno.ENXIO, errno.ENOENT):
                    stop.wait(0.01)
                    continue
                raise
            main = sys._current_frames()[threading.main_thread().ident]
            blocked.append(traceback.format_stack(main)[-3:])
            os.close(fd)  # the blocked reader now gets EOF and the window goes on
            stop.wait(0.05)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def _replace_with_fifo(path):
    os.unlink(path)
    os.mkfifo(path)


def test_an_empty_open_file_replaced_by_a_pipe_is_never_opened(qtbot, window, library):
    path = library / "stacks" / "example" / "empty.md"
    path.write_text("", encoding="utf-8")
    show_new_files(qtbot, window)
    open_file(qtbot, window, path)
    _replace_with_fifo(path)
    stop, blocked = threading.Event(), []
    helper = _watch_for_blocked_reader(str(path), stop, blocked)
    try:
        window.documents.check_external_change()  # what the watcher / window activation call
    finally:
        stop.set()
        helper.join()
    assert not blocked, "the GUI thread opened the pipe: frozen until a writer comes"


def test_a_read_only_open_file_replaced_by_a_pipe_is_never_opened(qtbot, window, library):
    path = library / "stacks" / "example" / "latin1.md"
    path.write_bytes(b"# Caf\xe9\n\nNot UTF-8.\n")
    show_new_files(qtbot, window)
    open_file(qtbot, window, path)
    assert window.documents.buffer.read_only
    _replace_with_fifo(path)
    stop, blocked = threading.Event(), []
    helper = _watch_for_blocked_reader(str(path), stop, blocked)
    try:
        window.documents.check_external_change()
    finally:
        stop.set()
        helper.join()
    assert not blocked, "the GUI thread opened the pipe: frozen until a writer comes"


def test_export_never_opens_an_image_that_is_a_pipe(qtbot, window, library, tmp_path, monkeypatch):
    from foundry_app.ui import dialogs

    image = library / "stacks" / "example" / "diagram.png"
    os.mkfifo(image)
    page = library / "stacks" / "example" / "notes.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\n![diagram](diagram.png)\n", encoding="utf-8"
    )
    show_new_files(qtbot, window)
    open_file(qtbot, window, page)
    target = tmp_path / "out.html"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_a: str(target))
    stop, blocked = threading.Event(), []
    helper = _watch_for_blocked_reader(str(image), stop, blocked)
    try:
        window.export_actions.export_stack("html")
    finally:
        stop.set()
        helper.join()
    assert not blocked, "File → Export Stack as HTML opened the FIFO on the GUI thread and blocked"
