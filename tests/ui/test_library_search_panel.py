"""Search the library (Ctrl+Shift+F) in the real window: results, jumps, Replace All, undo."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QLineEdit, QTreeWidget
from window_helpers import (
    NOTES,
    conventions,
    file_named_not_utf8,
    notes,
    open_file,
    show_new_files,
    type_at_end,
)

from foundry_app.ui import dialogs


def open_search(qtbot, window):
    window.editor.setFocus()
    qtbot.keyClick(
        window.editor,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dock = window.findChild(QDockWidget, "search")
    qtbot.waitUntil(dock.isVisible)
    return dock


def search_for(qtbot, window, text: str):
    panel = window.finding.search.panel
    panel.query.setText(text)
    panel.search_now()
    qtbot.waitUntil(lambda: "matches in" in panel.status.text(), timeout=10_000)
    return panel


def test_the_dock_has_a_query_and_results(qtbot, window):
    dock = open_search(qtbot, window)
    assert dock.findChild(QLineEdit, "searchQuery") is not None
    assert isinstance(dock.findChild(QTreeWidget, "searchResults"), QTreeWidget)
    assert window.finding.search.panel.query.hasFocus()


def test_results_are_grouped_by_file_with_the_line(qtbot, window, library):
    open_search(qtbot, window)
    panel = search_for(qtbot, window, "alpha")
    assert panel.file_results() == {notes(library): [10]}
    row = panel.results.topLevelItem(0).child(0)
    assert row.text(0) == "10: - [ ] alpha"
    html = row.data(0, Qt.ItemDataRole.UserRole + 3)
    assert "background-color" in html and ">alpha</span>" in html  # the match is marked


def test_options_whole_word_case_and_regex(qtbot, window, library):
    open_search(qtbot, window)
    panel = window.finding.search.panel
    panel.match_case.setChecked(True)
    search_for(qtbot, window, "Checklist")
    assert set(panel.file_results()) == {
        conventions(library),
        library / "stacks/other/conventions.md",
    }
    panel.use_regex.setChecked(True)
    search_for(qtbot, window, r"^- \[ \] (alpha|beta)$")
    assert panel.file_results() == {notes(library): [10, 11]}
    panel.use_regex.setChecked(False)
    panel.match_case.setChecked(False)
    panel.whole_word.setChecked(True)
    search_for(qtbot, window, "alph")
    assert panel.file_results() == {}


def test_a_bad_regex_is_reported(qtbot, window):
    open_search(qtbot, window)
    panel = window.finding.search.panel
    panel.use_regex.setChecked(True)
    panel.query.setText("(oops")
    panel.search_now()
    assert panel.status.text().startswith("Invalid regular expression")


def test_enter_and_click_jump_to_the_match(qtbot, window, library):
    open_search(qtbot, window)
    panel = search_for(qtbot, window, "beta")
    row = panel.results.topLevelItem(0).child(0)
    panel.results.setFocus()
    panel.results.setCurrentItem(row)
    qtbot.keyClick(panel.results, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.documents.path == notes(library))
    assert window.editor.cursor_line() == 11
    assert window.editor.textCursor().positionInBlock() == 6  # "- [ ] " then beta
    panel = search_for(qtbot, window, "print")
    row = panel.results.topLevelItem(0).child(0)
    rect = panel.results.visualItemRect(row)
    qtbot.mouseClick(panel.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.documents.path == conventions(library))
    assert window.editor.textCursor().block().text() == 'print("hello")'


# pins: a match in a file whose name has a byte that is not UTF-8 opens that very file
def test_a_match_in_a_name_with_a_byte_that_is_not_utf8_opens_that_file(qtbot, window, library):
    folder = library / "stacks" / "example"
    odd = file_named_not_utf8(folder, b"zebra", "# Odd\n\nzebrafish here\n")
    (folder / "zebra.md").write_text("# Other\n\nnothing to find\n", encoding="utf-8")
    show_new_files(qtbot, window)
    open_search(qtbot, window)
    panel = search_for(qtbot, window, "zebrafish")
    assert panel.file_results() == {odd: [3]}
    assert panel.results.topLevelItem(0).text(0) == "stacks/example/zebra\\xff.md (1)"
    qtbot.keyClick(panel.results, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.documents.path == odd)
    assert window.editor.textCursor().blockNumber() == 2


def test_a_new_query_replaces_the_running_one(qtbot, window, library):
    open_search(qtbot, window)
    panel = window.finding.search.panel
    panel.query.setText("alpha")
    panel.search_now()
    panel.query.setText("beta")
    panel.search_now()
    qtbot.waitUntil(lambda: "matches in" in panel.status.text(), timeout=10_000)
    qtbot.wait(200)  # any late batch of the first search would land now
    assert panel.file_results() == {notes(library): [11]}


def test_the_search_survives_a_symlink_loop(qtbot, window, library):
    loop = library / "stacks" / "example" / "loop"
    os.symlink(loop.parent, loop)
    window.refresh_library()
    open_search(qtbot, window)
    panel = search_for(qtbot, window, "alpha")
    assert len(panel.file_results()) >= 1


@pytest.fixture
def confirm(monkeypatch):
    answers = {"reply": True, "asked": []}

    def fake(parent, summary, preview):
        answers["asked"].append((summary, preview))
        return answers["reply"]

    monkeypatch.setattr(dialogs, "confirm_library_replace", fake)
    return answers


def test_replace_all_previews_writes_and_undoes_file_by_file(qtbot, window, library, confirm):
    other = library / "stacks" / "other" / "conventions.md"
    before_example = conventions(library).read_bytes()
    before_other = other.read_bytes()
    open_search(qtbot, window)
    window.finding.search.panel.match_case.setChecked(True)
    panel = search_for(qtbot, window, "Checklist")
    panel.replacement.setText("Tasks")
    panel.replace_all_button.click()
    summary, preview = confirm["asked"][0]
    assert summary == "Replace 2 matches in 2 files?"
    assert "stacks/example/conventions.md (1)" in preview
    assert "## Checklist → ## Tasks" in preview
    assert "## Tasks" in conventions(library).read_text(encoding="utf-8")
    assert "## Tasks" in other.read_text(encoding="utf-8")
    # undo just one file
    panel.results.setCurrentItem(panel.results.topLevelItem(1))
    assert panel.undo_file_button.isEnabled()
    panel.undo_file_button.click()
    assert other.read_bytes() == before_other
    assert conventions(library).read_bytes() != before_example
    panel.results.setCurrentItem(panel.results.topLevelItem(0))
    panel.undo_file_button.click()
    assert conventions(library).read_bytes() == before_example


def test_cancelled_preview_changes_nothing(qtbot, window, library, confirm):
    confirm["reply"] = False
    before = conventions(library).read_bytes()
    open_search(qtbot, window)
    panel = search_for(qtbot, window, "Checklist")
    panel.replacement.setText("Tasks")
    panel.replace_all_button.click()
    assert conventions(library).read_bytes() == before
    assert panel.status.text() == "Replace cancelled"


def test_an_open_dirty_buffer_is_replaced_in_the_editor_not_on_disk(
    qtbot, window, library, confirm
):
    open_file(qtbot, window, notes(library))
    type_at_end(qtbot, window, "- [ ] alpha again\n")
    on_disk = notes(library).read_bytes()
    open_search(qtbot, window)
    panel = search_for(qtbot, window, "alpha")
    assert panel.file_results() == {notes(library): [10, 12]}  # the buffer's text is searched
    panel.replacement.setText("omega")
    panel.replace_all_button.click()
    assert notes(library).read_bytes() == on_disk
    assert window.editor.text().count("omega") == 2
    window.editor.undo()  # one undo step in the editor
    assert window.editor.text().count("alpha") == 2


# pins: a change that reaches the open file while the confirm dialog is up (a reload from
# disk, typing) is kept: the replacement worked out from the older text is not applied
def test_the_open_file_changed_during_the_confirm_is_left_out(qtbot, window, library, monkeypatch):
    open_file(qtbot, window, notes(library))
    outside = NOTES + "- [ ] gamma from another program\n"

    def confirm_while_it_reloads(parent, summary, preview):
        notes(library).write_text(outside, encoding="utf-8")
        qtbot.waitUntil(lambda: "gamma" in window.editor.text(), timeout=5000)
        return True

    monkeypatch.setattr(dialogs, "confirm_library_replace", confirm_while_it_reloads)
    open_search(qtbot, window)
    panel = search_for(qtbot, window, "alpha")
    panel.replacement.setText("omega")
    panel.replace_all_button.click()
    assert window.editor.text() == outside
    assert "changed in the editor since the search" in panel.status.text()
    assert window.documents.save()
    assert notes(library).read_text(encoding="utf-8") == outside


def test_a_file_changed_on_disk_after_the_undo_point_is_not_undone(qtbot, window, library, confirm):
    open_search(qtbot, window)
    panel = search_for(qtbot, window, "alpha")
    panel.replacement.setText("omega")
    panel.replace_all_button.click()
    notes(library).write_text("# Notes\n\nrewritten elsewhere\n", encoding="utf-8")
    panel.results.setCurrentItem(panel.results.topLevelItem(0))
    panel.undo_file_button.click()
    assert "changed since the replace" in panel.status.text()
    assert notes(library).read_text(encoding="utf-8") == "# Notes\n\nrewritten elsewhere\n"


def test_an_expression_that_backtracks_without_end_is_stopped_and_said(qtbot, window, library):
    open_file(qtbot, window, notes(library))
    type_at_end(qtbot, window, "\n" + "a" * 40 + "b")  # the open file is searched as typed
    open_search(qtbot, window)
    panel = window.finding.search.panel
    panel.use_regex.setChecked(True)
    panel.query.setText("^(a|aa)+$")
    panel.search_now()
    qtbot.waitUntil(lambda: "without finishing" in panel.status.text(), timeout=10_000)
    assert panel.file_results() == {}
    assert window.finding.search.replace_all(panel.current_query(), "x") == 0
    assert "without finishing" in panel.status.text()
    assert window.editor.text().endswith("a" * 40 + "b")
