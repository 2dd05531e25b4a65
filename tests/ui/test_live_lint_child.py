"""The live-lint child's results are a fresh check of the same text with the library as
the window has it now: after the template changes, after a new stack appears, across
file switches, failures, restarts and requests naming a result the child did not send."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import signal
import threading
from pathlib import Path

import pytest
from helpers import make_library
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from window_helpers import make_window

from foundry_app.core.diagnostics import Fix
from foundry_app.core.document import Document
from foundry_app.core.large_file import LARGE_FILE_BYTES
from foundry_app.core.library import Library
from foundry_app.core.lint import check_document
from foundry_app.core.render import render_blocks
from foundry_app.ui.workers import live_lint_child
from foundry_app.ui.workers.live_lint_child import ChildFailed, LiveLintChild

SECTION = "## Part {n}\n\nText with `code`, a TODO and a [link](x.md) to check.\n\n"


def big_text() -> str:
    text = "".join(SECTION.format(n=n) for n in range(1600))
    assert len(text) > LARGE_FILE_BYTES
    return text


def sorted_diagnostics(diagnostics) -> list:
    return sorted(diagnostics, key=lambda d: d.sort_key())


def caught_up(window) -> bool:
    return not window.lint_pending and not window.editor._lint_timer.isActive()


def test_a_large_file_is_checked_with_the_template_saved_since(qtbot, tmp_path, settings):
    root = make_library(tmp_path / "lib", {"big": {"conventions.md": big_text()}})
    path = root / "stacks" / "big" / "conventions.md"
    window = make_window(qtbot, root, settings)
    assert window.open_path(path)
    qtbot.waitUntil(lambda: caught_up(window), timeout=60_000)
    assert window.live_linter.child_pid() is not None
    assert any(d.name == "placeholder" for d in window.editor.diagnostics())
    toml = root / "library.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + '\n[rules]\nplaceholder = "off"\n', "utf-8")
    assert window.open_library(root) and window.open_path(path)  # as saving the template does
    qtbot.waitUntil(lambda: caught_up(window), timeout=60_000)
    expected = check_document(Library.open(root), path, Document(window.editor.text()))
    assert not any(d.name == "placeholder" for d in expected)
    assert sorted_diagnostics(window.editor.diagnostics()) == expected


def test_a_large_file_in_a_stack_made_after_the_child_started_gets_the_templates_checks(
    tmp_path,
):
    root = make_library(tmp_path / "lib", {"big": {"conventions.md": big_text()}})
    library = Library.open(root)
    child = LiveLintChild()
    try:
        first = root / "stacks" / "big" / "conventions.md"
        child.analyse(library, first, first.read_text(encoding="utf-8"), 1)
        later = root / "stacks" / "later" / "conventions.md"
        later.parent.mkdir()
        later.write_text(big_text(), encoding="utf-8")
        library.rescan()  # the window's library watch sees the new folder
        text = later.read_text(encoding="utf-8")
        diagnostics, *_ = child.analyse(library, later, text, 2)
        expected = check_document(library, later, Document(text))
        assert any(d.name == "missing-section" for d in expected)
        assert diagnostics == expected
    finally:
        child.close()


def test_a_restarted_child_checks_with_the_windows_template_when_the_file_on_disk_is_broken(
    tmp_path,
):
    root = make_library(tmp_path / "lib", {"big": {"conventions.md": big_text()}})
    library = Library.open(root)  # the window's, read while library.toml was valid
    (root / "library.toml").write_text("[template\nbroken = ", encoding="utf-8")  # saved badly
    child = LiveLintChild()
    try:
        path = root / "stacks" / "big" / "conventions.md"
        text = path.read_text(encoding="utf-8")
        expected = check_document(library, path, Document(text))
        assert any(d.name == "missing-section" for d in expected)  # the template's checks
        child.analyse(library, path, text, 1)
        os.kill(child.pid, signal.SIGKILL)  # a crash seen by the next request's write
        with contextlib.suppress(ChildFailed):
            child.analyse(library, path, text, 2)
        assert child.analyse(library, path, text, 3)[0] == expected
        process = child._process
        os.kill(process.pid, signal.SIGKILL)  # a crash seen first by the next request's poll
        process.wait()
        assert child.analyse(library, path, text, 4)[0] == expected
    finally:
        child.close()


class ServedHere:
    """The child's loop on a thread behind two pipes, standing in for the child process
    (so a test can make its checks fail); `kill` ends it as a crash would."""

    def __init__(self) -> None:
        requests_in, requests_out = os.pipe()
        replies_in, replies_out = os.pipe()
        self.stdin, self.stdout = os.fdopen(requests_out, "wb"), os.fdopen(replies_in, "rb")
        requests, replies = os.fdopen(requests_in, "rb"), os.fdopen(replies_out, "wb")
        self.thread = threading.Thread(target=self._serve, args=(requests, replies), daemon=True)
        self.thread.start()
        self.pid = self.thread.ident

    @staticmethod
    def _serve(requests, replies) -> None:
        with requests, replies, contextlib.suppress(OSError):
            live_lint_child.serve(requests, replies)

    def poll(self) -> int | None:
        return None if self.thread.is_alive() else 1

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self.stdin.close()  # the loop reads the end of its requests and returns
        self.thread.join()

    def wait(self) -> int:
        self.thread.join()
        return 1


def changing_fixes(check):
    """`check`, failing on texts with BOOM in them, with a fix on each diagnostic whose
    title changes with each TODO typed: equal diagnostics come with another fix."""

    def checked(library, path, doc):
        if "BOOM" in doc.text:
            raise RuntimeError("the rules failed halfway")
        fix = Fix(f"fix {doc.text.count('TODO') % 2}", ())
        return [dataclasses.replace(d, fix=fix) for d in check(library, path, doc)]

    return checked


@pytest.fixture
def served_here(monkeypatch):
    """LiveLintChild with its child served on a thread, every check through changing_fixes."""
    from foundry_app.core import lint

    fresh_check = changing_fixes(lint.check_document)
    monkeypatch.setattr(lint, "check_document", fresh_check)
    monkeypatch.setattr(live_lint_child.gc, "freeze", lambda: None)  # not the test's heap
    child = LiveLintChild()

    def running(self=child):
        if self._process is None or self._process.poll() is not None:
            self._process = ServedHere()
        return self._process

    monkeypatch.setattr(child, "_running", running)
    yield child, fresh_check
    child.close()


def as_fresh(fresh_check, path: Path, text: str):
    doc = Document(text)
    diagnostics = fresh_check(None, path, doc)
    return [(d, d.fix) for d in diagnostics], render_blocks(doc), doc.tasks, list(doc.headings)


def analysed(child, path: Path, text: str, revision: int):
    diagnostics, blocks, tasks, headings = child.analyse(None, path, text, revision)
    return [(d, d.fix) for d in diagnostics], blocks, tasks, headings


def edited(text: str, at: int, inserted: str) -> str:
    lines = text.split("\n")
    at %= len(lines)
    return "\n".join([*lines[:at], inserted, *lines[at:]])


SMALL = "".join(SECTION.format(n=n) for n in range(400))  # chunked (over 20,000 characters)
CHECK = st.tuples(
    st.just("check"),
    st.sampled_from(["a.md", "a.md", "b.md"]),
    st.integers(0, 1600),
    st.sampled_from(["", "TODO", "# Heading", "- [ ] task", "```", "BOOM", "x  "]),
)
STEPS = st.lists(
    st.one_of(CHECK, CHECK, CHECK, st.tuples(st.sampled_from(["crash", "stale"]))),
    min_size=1,
    max_size=8,
)


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(steps=STEPS)
def test_the_lists_the_window_gets_are_a_fresh_check_request_after_request(
    served_here, tmp_path, steps
):
    child, fresh_check = served_here
    texts = {"a.md": SMALL, "b.md": SMALL.replace("Part", "Piece")}
    for revision, step in enumerate(steps):
        if step[0] == "crash":  # between two checks: the next one starts a new child
            if child._process is not None:
                child._process.kill()
            continue
        if step[0] == "stale":  # the window names a result this child did not send last
            if child._held is not None:
                child._held = (child._held[0] - 1, *child._held[1:])
            continue
        _, name, at, inserted = step
        path = tmp_path / name
        texts[name] = text = edited(texts[name], at, inserted)
        if "BOOM" in text:
            with pytest.raises(ChildFailed):
                child.analyse(None, path, text, revision)
            texts[name] = text.replace("BOOM", "boom")
            continue
        assert analysed(child, path, text, revision) == as_fresh(fresh_check, path, text)


def test_a_failure_a_restart_a_stale_base_and_a_file_switch_each_still_give_a_fresh_check(
    served_here, tmp_path, monkeypatch
):
    child, fresh_check = served_here
    replies: list = []
    read = live_lint_child.read_frame
    monkeypatch.setattr(
        live_lint_child, "read_frame", lambda s: replies.append(read(s)) or replies[-1]
    )
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    typed = edited(SMALL, 800, "x  ")
    script = [
        (a, SMALL, None),
        (a, typed, "delta"),
        (a, edited(typed, 900, "TODO"), "whole"),  # equal diagnostics with new fixes: sent
        (a, edited(typed, 900, "BOOM"), "error"),  # the rules fail halfway
        (a, edited(typed, 900, "boom"), "whole"),  # nothing held after a failure
        (a, edited(typed, 901, "more"), "delta"),
        (b, SMALL, "whole"),
        (a, typed, "whole"),  # back to the first file: its last result is not held
        "crash",
        (a, edited(typed, 700, "after"), "whole"),  # the window names the old child's result
        (a, edited(typed, 701, "then"), "delta"),
        "stale",
        (a, edited(typed, 702, "and"), "whole"),  # a result the child did not send last
    ]
    for revision, step in enumerate(script):
        if step == "crash":
            child._process.kill()
            continue
        if step == "stale":
            child._held = (child._held[0] - 1, *child._held[1:])
            continue
        path, text, sent = step
        if sent == "error":
            with pytest.raises(ChildFailed):
                child.analyse(None, path, text, revision)
            continue
        assert analysed(child, path, text, revision) == as_fresh(fresh_check, path, text)
        front, _back, _between = replies[-1][2]  # the diagnostics
        assert (front > 0) == (sent == "delta"), step


def test_in_a_large_file_marks_kept_across_edits_select_what_fresh_ones_would(
    qtbot, tmp_path, settings
):
    """Edits that keep the line count but move text across lines, at a mark's edges, and
    their undo: after each lint every mark is where pinning its diagnostic now puts it."""
    from PySide6.QtGui import QTextCursor

    from foundry_app.ui.editor.diagnostic_marks import DiagnosticMark

    root = make_library(tmp_path / "lib", {"big": {"conventions.md": big_text()}})
    path = root / "stacks" / "big" / "conventions.md"
    window = make_window(qtbot, root, settings)
    assert window.open_path(path)
    editor = window.editor
    editor.set_lint_delay(50)
    document = editor.document()

    def settled() -> None:
        qtbot.waitUntil(
            lambda: caught_up(window) and not window.result_steps.running, timeout=60_000
        )
        expected = check_document(window.library, path, Document(editor.text()))
        assert sorted_diagnostics(editor.diagnostics()) == expected
        for mark in editor._marks:
            fresh = DiagnosticMark.pin(document, mark.diagnostic)
            assert (mark.start, mark.end) == (fresh.start, fresh.end), mark.diagnostic

    def select(line: int, column: int, end_line: int, end_column: int) -> QTextCursor:
        cursor = QTextCursor(document.findBlockByNumber(line - 1))
        cursor.movePosition(QTextCursor.MoveOperation.Right, n=column - 1)
        end = document.findBlockByNumber(end_line - 1).position() + end_column - 1
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    settled()
    todo = next(d for d in editor.diagnostics() if d.name == "placeholder" and d.line > 100)
    line, column = todo.line, todo.column
    select(line - 1, 1, line, column).insertText("moved\nacross ")  # same count of lines
    settled()
    before = set(editor._marks)
    select(line, 1, line, 1).insertText("x")  # at the start of a mark's line
    settled()
    kept = before & set(editor._marks)
    assert kept and len(kept) < len(editor._marks)  # the marks of other lines were kept
    end = next(d for d in editor.diagnostics() if d.name == "placeholder" and d.line > line)
    select(end.line, end.end_column, end.line, end.end_column).insertText("!")  # at its end
    settled()
    document.undo()
    document.undo()
    settled()
    document.redo()
    settled()
