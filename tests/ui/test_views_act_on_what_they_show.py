"""A view drawn from an older text (the preview, a Checklist row, a Problems row) acts on
the item the author saw in it, or on nothing: never on what now sits at its line."""

from __future__ import annotations

import threading

from helpers import GOOD_CONVENTIONS, GOOD_FRONT_MATTER
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from window_helpers import (
    NOTES,
    click_anchor,
    conventions,
    line_of,
    notes,
    open_file,
    replace_on_disk,
    type_text,
)

TAIL = "## Checklist\n\n- [ ] alpha\n- [ ] beta\n"


def test_a_click_on_the_previous_files_preview_ticks_nothing_in_the_new_file(
    qtbot, window, library
):
    """Preview still shows A's page (its live lint not in yet) when B is opened; a click
    on A's checkbox must not tick B."""
    a = library / "stacks" / "example" / "a.md"
    b = library / "stacks" / "example" / "b.md"
    a_text = GOOD_FRONT_MATTER + "# A\n\nFile A, shown first.\n\n" + TAIL
    b_text = GOOD_FRONT_MATTER + "# B\n\nFile B has a different body,\nover more lines.\n\n" + TAIL
    a.write_text(a_text, encoding="utf-8")
    b.write_text(b_text, encoding="utf-8")
    window.refresh_library()
    qtbot.waitUntil(lambda: window.results.complete, timeout=10_000)
    open_file(qtbot, window, a)
    seen = line_of(a_text, "- [ ] beta")
    assert window.open_path(b)  # no event processed: B's live lint is not in yet
    # the preview still shows A's page; the author clicks A's "beta"
    click_anchor(qtbot, window.preview, f"task:{seen}")  # a real mouse click
    qtbot.wait(50)
    assert b.read_text(encoding="utf-8") == b_text, "B was written by a click on A's preview"
    assert "[x]" not in window.editor.text()


def test_checklist_row_after_external_reload_ticks_the_row_seen(qtbot, window, library):
    """The open file is clean and changes on disk (a line added above the tasks); it
    reloads at once, but the Checklist panel still shows the rows of the old text until
    the next lint. A click on the "Four" row must tick Four (or nothing)."""
    path = conventions(library)
    open_file(qtbot, window, path)
    four = line_of(GOOD_CONVENTIONS, "- [ ] Four")
    qtbot.waitUntil(lambda: window.checklist.task_item(path, four) is not None)
    assert window.checklist.task_item(path, four).text(0) == "Four"
    changed = GOOD_CONVENTIONS.replace("## Checklist\n\n", "## Checklist\n\n- [ ] Zero\n", 1)
    replace_on_disk(path, changed)
    window.documents.check_external_change()  # what the file watcher does
    assert window.editor.text() == changed
    # the row that says "Four" (line `four` of the text it was read from) is clicked
    assert window.checklist.task_item(path, four).text(0) == "Four"
    window.checklist.task_item(path, four).setCheckState(0, Qt.CheckState.Checked)
    qtbot.wait(100)
    text = window.editor.text()
    assert "- [ ] Three" in text, "Three was ticked by a click on the row 'Four'"
    assert "- [x] Four" in text or text == changed
    assert "- [x] Three" not in path.read_text(encoding="utf-8")


def test_other_files_row_after_discarding_its_edits_ticks_the_row_seen(
    qtbot, window, library, monkeypatch
):
    """notes.md is open with an unsaved line typed above its tasks: its rows follow the
    unsaved text. The author switches to conventions.md and discards. Until the stack is
    read again the notes.md rows are those of the discarded text; a click on "beta" must
    tick beta on disk (or nothing), never alpha."""
    import foundry_app.ui.panels.checklist_panel as cp

    n = notes(library)
    three = NOTES + "- [ ] gamma\n"
    n.write_text(three, encoding="utf-8")
    window.refresh_library()
    qtbot.waitUntil(lambda: window.results.complete, timeout=10_000)
    open_file(qtbot, window, n)
    editor = window.editor
    alpha = line_of(NOTES, "- [ ] alpha")
    cursor = QTextCursor(editor.document().findBlockByNumber(alpha - 1))
    editor.setTextCursor(cursor)
    editor.setFocus()
    type_text(qtbot, editor, "Unsaved line\n")
    qtbot.waitUntil(
        lambda: (
            getattr(window.checklist.task_item(n, alpha + 2), "text", lambda _c: "")(0) == "beta"
        ),
        timeout=5000,
    )
    assert window.checklist.task_item(n, alpha + 2).text(0) == "beta"
    # the stack read after the switch is slow (a busy disk): hold it
    release = threading.Event()
    real = cp._read_tasks
    monkeypatch.setattr(cp, "_read_tasks", lambda *a: (release.wait(10), real(*a))[1])
    assert window.open_path(conventions(library))  # ask_unsaved_changes -> discard
    row = window.checklist.task_item(n, alpha + 2)
    assert row is not None and row.text(0) == "beta"
    row.setCheckState(0, Qt.CheckState.Checked)
    qtbot.wait(100)
    release.set()
    on_disk = n.read_text(encoding="utf-8")
    assert on_disk in (three, three.replace("[ ] beta", "[x] beta")), (
        "a click on the row 'beta' wrote another task on disk:\n" + on_disk
    )


BARE = GOOD_CONVENTIONS.replace("```python\n", "```\n", 1)


def test_problem_row_after_external_reload_jumps_to_the_problem_shown(qtbot, window, library):
    path = conventions(library)
    path.write_text(BARE, encoding="utf-8")
    window.refresh_library(relint=True)
    qtbot.waitUntil(lambda: window.results.complete, timeout=10_000)
    open_file(qtbot, window, path)
    qtbot.waitUntil(lambda: any(d.rule == "FT004" for d in window.results.diagnostics_for(path)))
    problem = next(d for d in window.results.diagnostics_for(path) if d.rule == "FT004")
    # another program adds three lines under the H1; the clean buffer reloads at once
    changed = BARE.replace("# Example\n", "# Example\n\nAdded.\n\nMore.\n", 1)
    replace_on_disk(path, changed)
    window.documents.check_external_change()
    assert window.editor.text() == changed
    # the Problems panel still lists the row computed from the old text
    window.problems.problemActivated.emit(problem)
    line = window.editor.textCursor().block().text()
    assert line == "```", f"the row for the bare fence (line {problem.line}) jumped to {line!r}"
