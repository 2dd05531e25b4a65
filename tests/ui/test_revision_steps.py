"""Applying a result in steps: quick steps share a turn, long ones and pieces do not."""

from __future__ import annotations

import time

from foundry_app.ui.document import revision_steps
from foundry_app.ui.document.revision_steps import RevisionSteps


def pieces(log: list, name: str, count: int):
    for n in range(count):
        log.append(f"{name}{n}")
        if n + 1 < count:
            yield


def test_quick_steps_are_done_in_the_turn_that_starts_them(qtbot):
    log: list[str] = []
    steps = RevisionSteps(lambda: 1)
    steps.start(1, [lambda: log.append("a"), lambda: log.append("b"), lambda: log.append("c")])
    assert log == ["a", "b", "c"] and not steps.running


def test_a_step_with_pieces_left_ends_the_turn(qtbot):
    log: list[str] = []
    steps = RevisionSteps(lambda: 1)
    steps.start(1, [pieces(log, "pin", 3), lambda: log.append("preview")])
    assert log == ["pin0"] and steps.running
    qtbot.waitUntil(lambda: not steps.running)
    assert log == ["pin0", "pin1", "pin2", "preview"]


def test_after_a_long_step_the_next_waits_for_a_turn(qtbot):
    log: list[str] = []

    def slow() -> None:
        log.append("slow")
        time.sleep(revision_steps.TURN_BUDGET_S * 1.5)  # stands in for a page laid out by Qt

    steps = RevisionSteps(lambda: 1)
    steps.start(1, [slow, lambda: log.append("panels")])
    assert log == ["slow"] and steps.running
    qtbot.waitUntil(lambda: not steps.running)
    assert log == ["slow", "panels"]


def test_a_newer_revision_drops_the_steps_left(qtbot):
    log: list[str] = []
    revision = [1]
    steps = RevisionSteps(lambda: revision[0])
    steps.start(1, [pieces(log, "pin", 2), lambda: log.append("preview")])
    revision[0] = 2  # a keystroke before the next turn
    qtbot.wait(20)
    assert log == ["pin0"] and not steps.running
