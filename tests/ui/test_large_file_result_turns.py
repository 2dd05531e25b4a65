"""A large file's result is applied over several turns (preview, then panels);
a Checklist click that lands between those turns must tick the row the author saw."""

from __future__ import annotations

from helpers import GOOD_FRONT_MATTER
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from window_helpers import line_of, open_file, type_text

import foundry_app.ui.document.revision_steps as revision_steps

TASKS = "## Checklist\n\n- [ ] One\n- [ ] Two\n- [ ] Three\n- [ ] Four\n\n"
BIG = (
    GOOD_FRONT_MATTER
    + "# Big\n\n> A large file.\n\n"
    + TASKS
    + "".join(f"## Part {n}\n\n" + "Plain prose for the parse. " * 40 + "\n\n" for n in range(120))
)


def test_checklist_click_between_the_preview_turn_and_the_panel_turn(
    qtbot, window, library, monkeypatch
):
    assert len(BIG) > 100_000
    path = library / "stacks" / "example" / "big.md"
    path.write_text(BIG, encoding="utf-8")
    window.refresh_library()
    qtbot.waitUntil(lambda: window.results.complete, timeout=20_000)
    open_file(qtbot, window, path)
    four = line_of(BIG, "- [ ] Four")
    qtbot.waitUntil(lambda: window.checklist.task_item(path, four) is not None, timeout=20_000)
    qtbot.waitUntil(lambda: not window.lint_pending, timeout=20_000)
    # a slow machine: every step of a result gets a turn of the event loop to itself
    monkeypatch.setattr(revision_steps, "TURN_BUDGET_S", 0.0)
    clicked = []
    show_preview = window._show_preview

    def preview_then_click(result):
        show_preview(result)
        if not clicked:  # the author's click, processed in the next turn, before the panels'
            row = window.checklist.task_item(path, four)
            clicked.append(row.text(0))
            row.setCheckState(0, Qt.CheckState.Checked)

    monkeypatch.setattr(window, "_show_preview", preview_then_click)
    editor = window.editor
    editor.setFocus()
    editor.setTextCursor(
        QTextCursor(editor.document().findBlockByNumber(line_of(BIG, "## Checklist") - 1))
    )
    type_text(qtbot, editor, "Intro.\n\n")  # two lines above the tasks
    qtbot.waitUntil(lambda: bool(clicked), timeout=20_000)
    qtbot.waitUntil(
        lambda: not window.lint_pending and not window.result_steps.running, timeout=20_000
    )
    qtbot.wait(100)
    text = editor.text()
    assert clicked == ["Four"]
    assert "- [ ] Two" in text, "the row 'Four' was clicked and 'Two' got ticked"
    assert "- [x] Four" in text or "[x]" not in text
