"""The checklist panel's files are parsed in the window's parse child, never in the
window's own interpreter while the child works; in a worker thread only if it cannot."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from window_helpers import conventions, notes, open_file

from foundry_app.core.storage import write_text_file
from foundry_app.ui.panels import checklist_panel
from foundry_app.ui.workers import live_lint_child


def _in_the_window(*_args):
    raise AssertionError("the stack was parsed in the window's process")


def _task_counts(window) -> dict[str, int]:
    return {file.label: len(file.tasks) for file in window.checklist._files.values()}


def test_the_stack_is_read_in_the_parse_child(qtbot, window, library, monkeypatch):
    monkeypatch.setattr(checklist_panel, "read_stack_tasks", _in_the_window)
    open_file(qtbot, window, conventions(library))
    assert window.live_linter.child_pid() is not None
    counts = _task_counts(window)
    assert set(counts) == {"conventions.md", "notes.md"} and counts["conventions.md"] > 0


def test_a_tick_in_a_file_the_child_read_is_checked_against_that_read(qtbot, window, library):
    open_file(qtbot, window, conventions(library))
    other = notes(library)
    text = other.read_text(encoding="utf-8")
    line = text.splitlines().index("- [ ] alpha") + 1
    held = window.stack_checklist._disk[other]
    assert held.text == text  # what the child read travelled back whole
    write_text_file(held, text + "\nchanged elsewhere\n")  # the disk moves on
    messages = []
    window.stack_checklist.message.connect(messages.append)
    window.stack_checklist._on_toggle(other, line)
    assert any("changed on disk" in message for message in messages)
    assert "- [x]" not in other.read_text(encoding="utf-8").splitlines()[line - 1]


def test_without_a_child_the_stack_is_read_in_a_worker_thread(qtbot, window, library, monkeypatch):
    def cannot_start(*_args, **_kwargs):
        raise OSError("no processes left")

    monkeypatch.setattr(live_lint_child.subprocess, "Popen", cannot_start)
    open_file(qtbot, window, conventions(library))
    assert window.live_linter.child_pid() is None
    assert _task_counts(window)["conventions.md"] > 0


def test_a_child_killed_between_reads_is_started_again(qtbot, window, library):
    import os
    import signal

    open_file(qtbot, window, conventions(library))
    first = window.live_linter.child_pid()
    os.kill(first, signal.SIGKILL)
    window.checklist._files.clear()
    window.stack_checklist.reload()  # the dead child's pipe fails: read here this once
    qtbot.waitUntil(lambda: not window.stack_checklist.loading, timeout=10_000)
    assert _task_counts(window)["conventions.md"] > 0
    window.stack_checklist.reload()
    qtbot.waitUntil(lambda: not window.stack_checklist.loading, timeout=10_000)
    assert window.live_linter.child_pid() not in (None, first)


def test_a_lint_asked_while_the_stack_is_read_does_not_wait_for_the_read(
    qtbot, window, library, monkeypatch
):
    import threading

    release = threading.Event()
    real = live_lint_child.LiveLintChild.read_tasks

    def slow_read(child, files, base):
        release.wait(10)  # a stack that takes the child a long time
        return real(child, files, base)

    monkeypatch.setattr(live_lint_child.LiveLintChild, "read_tasks", slow_read)
    assert window.open_path(conventions(library))
    try:
        qtbot.waitUntil(lambda: not window.lint_pending, timeout=5000)
        assert window.stack_checklist.loading  # the read is still out
        window.editor.moveCursor(QTextCursor.MoveOperation.End)
        window.editor.insertPlainText("\nTyped while the stack is read.\n")
        window.lint_open_file()
        qtbot.waitUntil(lambda: not window.lint_pending, timeout=5000)
        assert "Typed while the stack is read." in window.preview.toPlainText()
        assert window.stack_checklist.loading
    finally:
        release.set()
    qtbot.waitUntil(lambda: not window.stack_checklist.loading, timeout=10_000)


def _expected(window) -> list:
    from foundry_app.core.document import Document
    from foundry_app.core.lint import check_document

    found = check_document(window.library, window.documents.path, Document(window.editor.text()))
    return sorted(found, key=lambda d: d.sort_key())


def _shown(window) -> list:
    return sorted(window.editor.diagnostics(), key=lambda d: d.sort_key())


def test_once_the_child_is_up_a_small_file_is_checked_there(qtbot, window, library, monkeypatch):
    from window_helpers import type_at_end

    from foundry_app.ui.workers import live_lint

    open_file(qtbot, window, conventions(library))
    assert window.live_linter.child_pid() is not None  # started by the stack's read
    assert len(window.editor.text()) < live_lint.CHILD_PARSE_CHARS
    in_thread = []
    real = live_lint.analyse
    monkeypatch.setattr(live_lint, "analyse", lambda *a, **k: in_thread.append(a) or real(*a, **k))
    type_at_end(qtbot, window, "\nA TODO left here\n")
    qtbot.waitUntil(lambda: not window.lint_pending and not window.editor._lint_timer.isActive())
    assert in_thread == []
    assert _shown(window) == _expected(window)
    assert any(d.line == window.editor.text().count("\n") for d in _shown(window))


def test_a_small_files_check_survives_the_child_dying(qtbot, window, library):
    import os
    import signal

    from window_helpers import type_at_end

    open_file(qtbot, window, conventions(library))
    os.kill(window.live_linter.child_pid(), signal.SIGKILL)
    type_at_end(qtbot, window, "\nA TODO left here\n")
    qtbot.waitUntil(lambda: not window.lint_pending and not window.editor._lint_timer.isActive())
    assert _shown(window) == _expected(window)
