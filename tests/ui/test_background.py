"""Background work: the job runner, the library lint in a child process, the live lint."""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path

import pytest
from helpers import GOOD_CONVENTIONS, make_library

from foundry_app.core.library import Library
from foundry_app.core.lint import lint_library
from foundry_app.ui.workers import lint_process
from foundry_app.ui.workers.lint_process import lint_in_child, summarise
from foundry_app.ui.workers.lint_worker import BackgroundRunner, Cancelled
from foundry_app.ui.workers.live_lint import analyse


@pytest.fixture
def broken_library(tmp_path) -> Library:
    root = make_library(
        tmp_path / "lib",
        {
            "good": {"conventions.md": GOOD_CONVENTIONS},
            "bad": {"conventions.md": GOOD_CONVENTIONS.replace("```python", "```")},
        },
    )
    return Library.open(root)


def test_a_runner_reports_progress_and_the_result(qtbot):
    runner = BackgroundRunner()
    seen = []
    runner.progress.connect(lambda done, total: seen.append((done, total)))

    def work(progress):
        for done in range(1, 4):
            progress(done, 3)
        return "result"

    with qtbot.waitSignal(runner.finished) as blocker:
        runner.start(work)
    assert blocker.args == ["result"]
    assert seen[-1] == (3, 3)
    assert not runner.running
    runner.shutdown()


def test_a_newer_job_supersedes_an_older_one(qtbot):
    runner = BackgroundRunner()
    release = threading.Event()
    results = []
    runner.finished.connect(results.append)

    def slow(_progress):
        release.wait(5)
        return "old"

    runner.start(slow)
    runner.start(lambda _progress: "new")
    release.set()
    qtbot.waitUntil(lambda: results == ["new"])
    assert runner.shutdown()
    assert results == ["new"]  # the old result arrived too late and was dropped


def test_a_cancelled_job_stops_at_its_next_progress_call(qtbot):
    runner = BackgroundRunner()
    started, stopped = threading.Event(), threading.Event()

    def endless(progress):
        started.set()
        try:
            while True:
                progress(1, 2)
        except Cancelled:
            stopped.set()
            raise

    runner.start(endless)
    assert started.wait(5)
    runner.cancel()
    assert stopped.wait(5)
    assert runner.shutdown()


def test_a_failing_job_reports_the_error(qtbot):
    runner = BackgroundRunner()

    def broken(_progress):
        raise ValueError("bad input")

    with qtbot.waitSignal(runner.failed) as blocker:
        runner.start(broken)
    assert blocker.args == ["ValueError: bad input"]
    runner.shutdown()


def test_the_child_process_lint_matches_the_in_process_lint(broken_library):
    progress = []
    summary = lint_in_child(broken_library, lambda done, total: progress.append((done, total)))
    expected = summarise(lint_library(broken_library, use_cache=False))
    assert summary == expected
    assert [d.rule for d in summary.diagnostics] == ["FT004"]
    assert progress[-1] == (2, 2)
    path = broken_library.root / "stacks" / "good" / "conventions.md"
    assert str(summary.progress_for(path)) == "1/5"


def test_the_child_reports_paths_as_the_library_own_path_objects(broken_library):
    """One Path per file in the window: the report's paths are the library's own objects
    (20,000 copies of them were a fifth of what every full collection walked at 10,000
    files); a path the library does not list still comes back, equal and shared."""
    summary = lint_in_child(broken_library, lambda done, total: None)
    own = {path: path for path in broken_library.markdown_files()}
    [found] = summary.diagnostics
    assert found.path is own[found.path]
    assert all(path is own[path] for path in summary.progress)

    stray = broken_library.root / "gone.md"
    sent = dataclasses.replace(found, path=stray)
    shipped = summarise(lint_library(broken_library, use_cache=False))
    shipped = dataclasses.replace(shipped, diagnostics=[sent, sent])
    back = lint_process.summary_from_bytes(lint_process.summary_bytes(shipped), broken_library)
    first, second = back.diagnostics
    assert first.path == stray and first.path is second.path


def test_cancelling_kills_the_child(broken_library):
    def cancel(_done, _total):
        raise Cancelled

    with pytest.raises(Cancelled):
        lint_in_child(broken_library, cancel)


def test_the_lint_runs_in_this_thread_when_the_child_fails(broken_library, monkeypatch):
    monkeypatch.setattr(lint_process.sys, "executable", str(Path("/nonexistent/python")))
    summary = lint_in_child(broken_library, lambda done, total: None)
    assert [d.rule for d in summary.diagnostics] == ["FT004"]


def test_one_parse_feeds_diagnostics_preview_and_tasks(broken_library):
    path = broken_library.root / "stacks" / "bad" / "conventions.md"
    text = path.read_text(encoding="utf-8")
    result = analyse(broken_library, path, text, revision=7)
    assert result.revision == 7 and result.doc.text == text
    assert [d.rule for d in result.diagnostics] == ["FT004"]
    assert 'href="task:' in result.html
    assert len(result.doc.tasks) == 5


def test_the_warm_up_runs_one_piece_per_turn_and_requests_wait_for_it(
    qtbot, broken_library, monkeypatch
):
    from PySide6.QtWidgets import QApplication

    from foundry_app.ui.workers import live_lint

    warm = live_lint._WarmUp()
    monkeypatch.setattr(live_lint, "_warm_up", warm)
    live_lint.warm_up(broken_library)
    assert warm.running and len(warm._steps) > 1  # nothing done before the event loop runs

    linter = live_lint.LiveLinter()
    results = []
    linter.finished.connect(results.append)
    path = broken_library.root / "stacks" / "bad" / "conventions.md"
    linter.request(broken_library, path, path.read_text(encoding="utf-8"), 1)
    assert linter.pending and not linter._runner.running  # held until the warm-up is over

    left = len(warm._steps)
    while warm._steps:
        QApplication.processEvents()
        assert left - len(warm._steps) <= 1  # at most one piece per turn of the event loop
        left = len(warm._steps)
    qtbot.waitUntil(lambda: bool(results), timeout=10_000)
    assert warm.done and not linter.pending
    assert results[0].path == path and results[0].diagnostics
    linter.shutdown()


def test_the_checklist_reads_its_stack_after_the_warm_up(qtbot, broken_library, monkeypatch):
    from foundry_app.ui.panels.checklist_panel import ChecklistPanel, StackChecklist
    from foundry_app.ui.workers import live_lint

    warm = live_lint._WarmUp()
    monkeypatch.setattr(live_lint, "_warm_up", warm)
    live_lint.warm_up(broken_library)
    panel = ChecklistPanel()
    qtbot.addWidget(panel)
    checklist = StackChecklist(panel)
    checklist.show_for(broken_library, broken_library.root / "stacks" / "bad" / "conventions.md")
    assert checklist.loading and not checklist._runner.running  # waits for the last piece
    qtbot.waitUntil(lambda: warm.done and not checklist.loading, timeout=10_000)
    checklist.shutdown()
