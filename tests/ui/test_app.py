"""run_gui's unattended modes, and the real (non-patched) prompts of the window."""

from __future__ import annotations

import json

from PySide6.QtCore import QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QMessageBox
from window_helpers import (
    conventions,
    open_file,
)

from foundry_app.ui.window.app import BENCH_ENV, run_gui


def test_screenshot_mode_waits_for_the_lint_and_saves_the_window(qtbot, library, tmp_path):
    shot = tmp_path / "shots" / "window.png"
    assert run_gui(library, "stacks/example/conventions.md", shot) == 0
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1500, 900)


def test_screenshot_of_an_invalid_library_shows_the_empty_state(qtbot, tmp_path):
    shot = tmp_path / "empty.png"
    assert run_gui(tmp_path / "nothing-here", None, shot) == 0
    assert shot.exists()


def test_bench_mode_prints_one_json_line_and_exits(qtbot, library, monkeypatch, capsys):
    monkeypatch.setenv(BENCH_ENV, "1")
    assert run_gui(library, "stacks/example/conventions.md", None) == 0
    report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert report["files"] == 4 and report["open"].endswith("conventions.md")
    assert report["max_rss_kb"] > 0 and report["lint_done"] >= report["shown"]


def test_unattended_runs_never_wait_on_the_recovery_prompt(qtbot, library, tmp_path):
    from foundry_app.core.recovery import RecoveryStore

    left = RecoveryStore(pid=2**22 + 12345)  # a window that crashed: no such process now
    record = left.write(None, conventions(library), "text a crashed window left unsaved\n")
    assert record is not None and RecoveryStore().left_behind()
    prompts: list[str] = []

    def close_any_prompt() -> None:  # a prompt here would wait for a click forever
        box = QApplication.activeModalWidget()
        if box is not None:
            prompts.append(box.windowTitle())
            box.done(0)  # closes even a box that has no Cancel button
        QTimer.singleShot(50, close_any_prompt)

    QTimer.singleShot(0, close_any_prompt)
    assert run_gui(library, None, tmp_path / "shot.png") == 0
    assert prompts == []
    assert record.exists()  # kept for the next window the author opens


def answer_next_message_box(button: QMessageBox.StandardButton | str) -> None:
    """Click a button of the next modal message box as soon as it shows."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, click)
            return
        if isinstance(button, str):
            target = next(b for b in box.buttons() if b.text() == button)
        else:
            target = box.button(button)
        target.click()

    QTimer.singleShot(0, click)


def test_the_unsaved_changes_prompt_maps_its_buttons(qtbot, window, library):
    open_file(qtbot, window, conventions(library))
    prompt = type(window).ask_unsaved_changes  # the real dialog, not the fixture's stand-in
    for button, answer in (
        (QMessageBox.StandardButton.Save, "save"),
        (QMessageBox.StandardButton.Discard, "discard"),
        (QMessageBox.StandardButton.Cancel, "cancel"),
    ):
        answer_next_message_box(button)
        assert prompt(window) == answer


def test_the_conflict_prompt_maps_its_buttons(qtbot, window, library):
    prompt = type(window).ask_conflict
    for button, answer in (("Overwrite", "overwrite"), ("Reload", "reload")):
        answer_next_message_box(button)
        assert prompt(window, conventions(library)) == answer
    answer_next_message_box(QMessageBox.StandardButton.Cancel)
    assert prompt(window, conventions(library)) == "cancel"
