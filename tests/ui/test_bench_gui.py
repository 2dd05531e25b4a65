"""bench_gui's own waits: the edit-to-markers figure must end whatever the machine's speed.

The suite does not run the benchmarks for their figures, but edit_to_markers once failed
at random: the editor's lint delay, still running after the bench's edit, started a second
lint of the same text as soon as the first was shown, and wait_in_event_loop, reading its
condition again after the event loop had quit, reported a time-out that was none."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from foundry_app.ui.window.main_window import MainWindow

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture
def bench_gui(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    import bench_gui

    yield bench_gui
    sys.modules.pop("bench_gui", None)


def test_a_wait_ends_once_its_condition_is_reached_even_if_it_no_longer_holds(
    qtbot, qapp, bench_gui
):
    calls = []

    def condition() -> bool:
        calls.append(None)
        return len(calls) == 2  # false before the wait, true at its first check, then false

    bench_gui.wait_in_event_loop(qapp, condition, timeout_s=5)  # no TimeoutError


def test_a_wait_whose_condition_never_holds_times_out(qtbot, qapp, bench_gui):
    with pytest.raises(TimeoutError):
        bench_gui.wait_in_event_loop(qapp, lambda: False, timeout_s=0.05)


def test_edit_to_markers_lints_only_what_it_asks_for_on_a_slow_machine(
    qtbot, qapp, bench_gui, monkeypatch
):
    """A round slower than the editor's lint delay (a loaded machine) let the delay fire."""
    asked = []
    real_lint = MainWindow.lint_open_file

    def lint_open_file(self, *, opening: bool = False) -> None:
        asked.append((self, opening))  # an earlier test's window may still hear a theme change
        real_lint(self, opening=opening)

    monkeypatch.setattr(MainWindow, "lint_open_file", lint_open_file)
    real_wait = bench_gui.wait_in_event_loop

    def slow_wait(app, condition, timeout_s: float = 60) -> None:
        real_wait(app, condition, timeout_s)
        qtbot.wait(300)  # longer than the lint delay after an edit (150 ms)

    monkeypatch.setattr(bench_gui, "wait_in_event_loop", slow_wait)
    timings, size, _worst = bench_gui.edit_to_markers(
        qapp, bench_gui.SHIPPED, bench_gui.MLOPS, rounds=3
    )
    assert len(timings) == 3 and size > 0
    bench_window = next(window for window, opening in asked if opening)
    rounds = [opening for window, opening in asked if window is bench_window]
    assert rounds.count(False) == 3  # one lint a round, each the bench's own
