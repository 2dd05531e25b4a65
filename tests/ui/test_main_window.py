"""The main window end to end: real widgets on a temp library, driven like a user would."""

from __future__ import annotations

from pathlib import Path

from helpers import GOOD_CONVENTIONS
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QTextBrowser,
    QTreeView,
    QWidget,
)
from window_helpers import (
    NOTES,
    click_anchor,
    conventions,
    delete_line,
    line_of,
    notes,
    open_file,
    press_enter,
    problem_rows,
    type_at_end,
)

from foundry_app.core.document import Document
from foundry_app.core.lint import check_document
from foundry_app.ui.workers.live_lint_child import FIRST_PAGE_MIN_CHARS


def test_the_window_has_its_named_parts(window):
    assert isinstance(window.findChild(QTreeView, "stackTree"), QTreeView)
    assert window.findChild(QWidget, "editor") is window.editor
    assert isinstance(window.findChild(QTextBrowser, "preview"), QTextBrowser)
    assert isinstance(window.findChild(QTableView, "problems"), QTableView)
    assert window.findChild(QWidget, "checklist") is window.checklist
    assert window.windowTitle() == "lib — Foundry"


def test_enter_on_a_tree_row_opens_the_file(qtbot, window, library):
    view = window.tree.view
    index = window.tree.proxy.mapFromSource(window.tree.model.index_for(conventions(library)))
    view.setFocus()
    view.setCurrentIndex(index)
    press_enter(qtbot, view)
    qtbot.waitUntil(lambda: window.documents.path == conventions(library))
    assert window.editor.text() == GOOD_CONVENTIONS
    qtbot.waitUntil(lambda: "Checklist" in window.preview.toPlainText())
    assert window.windowTitle() == "conventions.md[*] — example — Foundry"
    assert not window.isWindowModified()


def test_a_click_on_a_tree_row_opens_the_file(qtbot, window, library):
    view = window.tree.view
    index = window.tree.proxy.mapFromSource(window.tree.model.index_for(notes(library)))
    view.scrollTo(index)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )
    qtbot.waitUntil(lambda: window.documents.path == notes(library))
    assert window.editor.text() == NOTES


def test_other_markdown_files_of_the_library_are_in_the_tree(window, library):
    assert window.tree.model.index_for(library / "README.md").isValid()


def test_the_filter_box_narrows_the_tree(qtbot, window, library):
    box = window.findChild(QLineEdit, "treeFilter")
    qtbot.keyClicks(box, "notes")
    proxy = window.tree.proxy
    assert proxy.mapFromSource(window.tree.model.index_for(notes(library))).isValid()
    assert not proxy.mapFromSource(window.tree.model.index_for(conventions(library))).isValid()
    press_enter(qtbot, box)  # Enter in the filter opens the first match
    qtbot.waitUntil(lambda: window.documents.path == notes(library))
    box.clear()
    assert proxy.mapFromSource(window.tree.model.index_for(conventions(library))).isValid()


def test_badges_show_checklist_progress_once_the_background_lint_is_done(window, library):
    stack = library / "stacks" / "example"
    assert window.tree.model.badge_for(stack) == "1/7"  # GOOD_CONVENTIONS 1/5 + NOTES 0/2
    assert window.tree.model.badge_for(conventions(library)) == ""  # clean file, no badge
    assert window.counts_label.text() == "✖ 0 errors  ⚠ 0 warnings"


def test_a_template_break_shows_underline_marker_and_problem_row_then_goes(qtbot, window, library):
    open_file(qtbot, window, conventions(library))
    type_at_end(qtbot, window, "\n```\nprint(1)\n```\n")
    text = window.editor.text()
    fence_line = len(text.split("\n")) - 3  # the opening fence just typed
    expected = check_document(window.library, conventions(library), Document(text))
    assert [d.rule for d in expected] == ["FT004"] and expected[0].line == fence_line

    qtbot.waitUntil(lambda: fence_line in window.editor.marker_lines())
    assert any(s.cursor.blockNumber() + 1 == fence_line for s in window.editor.extraSelections())
    rows = problem_rows(window)
    assert ("Error", "stacks/example/conventions.md", str(fence_line), "FT004 fence-language") in [
        row[:4] for row in rows
    ]
    assert window.tree.model.badge_for(conventions(library)) == "1 ✖"
    assert window.counts_label.text() == "✖ 1 error  ⚠ 0 warnings"
    assert window.isWindowModified()
    assert window.windowTitle() == "conventions.md[*] — example — Foundry"

    # the fix: give the fence a language
    cursor = window.editor.textCursor()
    cursor.setPosition(window.editor.document().findBlockByNumber(fence_line - 1).position() + 3)
    window.editor.setTextCursor(cursor)
    qtbot.keyClicks(window.editor, "python")
    qtbot.waitUntil(lambda: not window.editor.marker_lines())
    assert problem_rows(window) == []
    assert window.tree.model.badge_for(conventions(library)) == ""


def test_deleting_the_checklist_heading_is_reported_where_it_belongs(qtbot, window, library):
    open_file(qtbot, window, conventions(library))
    delete_line(window, line_of(GOOD_CONVENTIONS, "## Checklist"))
    path = conventions(library)
    expected = check_document(window.library, path, Document(window.editor.text()))
    missing = next(d for d in expected if d.rule == "FT101")
    qtbot.waitUntil(lambda: missing.line in window.editor.marker_lines())
    assert ("FT101 missing-section", str(missing.line)) in [
        (r[3], r[2]) for r in problem_rows(window)
    ]
    window.editor.undo()
    qtbot.waitUntil(lambda: not window.editor.marker_lines())
    assert problem_rows(window) == []
    assert not window.isWindowModified()  # undone back to the saved text


def test_a_preview_checkbox_click_changes_exactly_one_byte_on_disk(qtbot, window, library):
    path = conventions(library)
    open_file(qtbot, window, path)
    before = path.read_bytes()
    line = line_of(GOOD_CONVENTIONS, "- [ ] One")
    window.preview.taskToggled.emit(line)
    after = path.read_bytes()
    assert len(after) == len(before)
    assert sum(a != b for a, b in zip(before, after, strict=True)) == 1
    assert "- [x] One" in window.editor.text()
    assert not window.documents.is_dirty() and not window.isWindowModified()
    window.editor.undo()  # one undoable edit
    assert "- [ ] One" in window.editor.text()
    qtbot.waitUntil(lambda: window.tree.model.badge_for(path.parent) == "1/7")


def test_a_mouse_click_on_a_preview_checkbox_ticks_it(qtbot, window, library):
    path = conventions(library)
    open_file(qtbot, window, path)
    line = line_of(GOOD_CONVENTIONS, "- [ ] Three")
    click_anchor(qtbot, window.preview, f"task:{line}")
    assert "- [x] Three" in path.read_text(encoding="utf-8")


def test_a_tick_with_unsaved_edits_is_not_saved_on_its_own(qtbot, window, library):
    path = conventions(library)
    open_file(qtbot, window, path)
    type_at_end(qtbot, window, "x")
    window.preview.taskToggled.emit(line_of(GOOD_CONVENTIONS, "- [ ] One"))
    assert path.read_text(encoding="utf-8") == GOOD_CONVENTIONS
    assert "- [x] One" in window.editor.text() and window.documents.is_dirty()


def test_ticking_in_the_checklist_panel_edits_the_open_file_through_the_editor(
    qtbot, window, library
):
    path = conventions(library)
    open_file(qtbot, window, path)
    line = line_of(GOOD_CONVENTIONS, "- [ ] Four")
    qtbot.waitUntil(lambda: window.checklist.task_item(path, line) is not None)
    window.checklist.task_item(path, line).setCheckState(0, Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: "- [x] Four" in path.read_text(encoding="utf-8"))
    assert "- [x] Four" in window.editor.text()
    qtbot.waitUntil(
        lambda: window.checklist.task_item(path, line).checkState(0) == Qt.CheckState.Checked
    )


def test_ticking_another_file_of_the_stack_writes_it_atomically(qtbot, window, library):
    open_file(qtbot, window, conventions(library))
    other = notes(library)
    before = other.read_bytes()
    line = line_of(NOTES, "- [ ] beta")
    qtbot.waitUntil(lambda: window.checklist.task_item(other, line) is not None)
    window.checklist.task_item(other, line).setCheckState(0, Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: other.read_bytes() != before)
    after = other.read_bytes()
    assert sum(a != b for a, b in zip(before, after, strict=True)) == 1
    assert window.checklist.total_progress().done == 2
    assert window.tree.model.badge_for(other.parent) == "2/7"


def test_ticking_a_file_changed_on_disk_since_it_was_read_is_refused(qtbot, window, library):
    open_file(qtbot, window, conventions(library))
    other = notes(library)
    line = line_of(NOTES, "- [ ] beta")
    qtbot.waitUntil(lambda: window.checklist.task_item(other, line) is not None)
    changed = NOTES.replace("alpha", "ALPHA")
    other.write_text(changed, encoding="utf-8")
    window.checklist.task_item(other, line).setCheckState(0, Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: "changed on disk" in window.statusBar().currentMessage())
    assert other.read_text(encoding="utf-8") == changed


def _a_file_with_a_problem(qtbot, window, library) -> tuple[Path, str]:
    """Another stack's conventions with a fence that names no language, linted and listed."""
    broken = GOOD_CONVENTIONS.replace("```python", "```")
    other = library / "stacks" / "other" / "conventions.md"
    other.write_text(broken, encoding="utf-8")
    window.open_library(library)
    qtbot.waitUntil(lambda: window.results.complete and bool(problem_rows(window)))
    return other, broken


def test_the_problems_panel_jumps_to_the_place(qtbot, window, library):
    other, broken = _a_file_with_a_problem(qtbot, window, library)
    table = window.problems.table
    table.setFocus()
    table.setCurrentIndex(window.problems.model.index(0, 0))
    press_enter(qtbot, table)
    qtbot.waitUntil(lambda: window.documents.path == other)
    assert window.editor.cursor_line() == line_of(broken, "```")
    assert window.editor.hasFocus()


# pins: a lint of the open file that changes none of the problems leaves the table alone,
# so the row the author selected stays selected while they type
def test_typing_that_changes_no_problem_keeps_the_selected_problem(qtbot, window, library):
    _a_file_with_a_problem(qtbot, window, library)
    open_file(qtbot, window, notes(library))
    table, model = window.problems.table, window.problems.model
    table.setCurrentIndex(model.index(0, 0))
    chosen = model.diagnostic(0)
    resets = []
    model.modelReset.connect(lambda: resets.append(True))
    type_at_end(qtbot, window, "more words\n")
    qtbot.waitUntil(lambda: not window.lint_pending and not window.editor._lint_timer.isActive())
    assert resets == []
    assert table.currentIndex().row() == 0 and model.diagnostic(0) is chosen


def test_problems_sort_by_every_column(qtbot, window, library):
    other = library / "stacks" / "other" / "conventions.md"
    other.write_text(
        GOOD_CONVENTIONS.replace("```python", "```").replace("# Example", "Example"),
        encoding="utf-8",
    )
    window.open_library(library)
    qtbot.waitUntil(lambda: window.results.complete and len(problem_rows(window)) >= 2)
    table, model = window.problems.table, window.problems.model
    for column in range(model.columnCount()):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            table.sortByColumn(column, order)
            values = [model.index(row, column).data() for row in range(model.rowCount())]
            if column == 2:
                values = [int(v) for v in values]
            expected = sorted(values, reverse=order == Qt.SortOrder.DescendingOrder)
            assert values == expected


def test_the_current_stack_toggle_limits_the_problems(qtbot, window, library):
    other = library / "stacks" / "other" / "conventions.md"
    other.write_text(GOOD_CONVENTIONS.replace("```python", "```"), encoding="utf-8")
    window.open_library(library)
    qtbot.waitUntil(lambda: window.results.complete and bool(problem_rows(window)))
    open_file(qtbot, window, conventions(library))
    window.problems.scope_toggle.setChecked(True)
    assert problem_rows(window) == []
    window.problems.scope_toggle.setChecked(False)
    assert len(problem_rows(window)) == 1


def test_a_file_link_in_the_preview_opens_the_file(qtbot, window, library):
    open_file(qtbot, window, notes(library))
    window.preview.fileLinkActivated.emit("conventions.md#checklist")
    qtbot.waitUntil(lambda: window.documents.path == conventions(library))
    assert window.editor.cursor_line() == line_of(GOOD_CONVENTIONS, "## Checklist")


def test_a_link_to_a_missing_file_says_so_in_the_status_bar(qtbot, window, library):
    open_file(qtbot, window, notes(library))
    window.preview.fileLinkActivated.emit("nowhere.md")
    assert window.documents.path == notes(library)
    assert "not found" in window.statusBar().currentMessage()


def test_the_preview_follows_the_editor_scroll(qtbot, window, library):
    path = library / "stacks" / "example" / "long.md"
    path.write_text("# Long\n\n" + "".join(f"Paragraph {i}.\n\n" for i in range(300)))
    open_file(qtbot, window, path)
    window.editor.go_to_line(400)
    qtbot.waitUntil(lambda: window.preview.verticalScrollBar().value() > 0)


# pins: a check of the same text again (a library lint, a save, a theme) leaves the
# preview where the reader scrolled it; only an edit brings it back to the editor's place
def test_a_check_of_the_same_text_keeps_the_preview_where_the_reader_left_it(
    qtbot, window, library
):
    path = library / "stacks" / "example" / "long.md"
    path.write_text("# Long\n\n" + "".join(f"Paragraph {i}.\n\n" for i in range(300)))
    open_file(qtbot, window, path)
    bar = window.preview.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)  # the reader scrolls the preview on its own
    read_at = bar.value()
    assert read_at > 0
    window.lint_open_file()
    qtbot.waitUntil(lambda: not window.lint_pending)
    qtbot.wait(50)
    assert bar.value() == read_at
    type_at_end(qtbot, window, "x")  # an edit: the preview follows the editor again
    qtbot.waitUntil(lambda: not window.lint_pending and bar.value() != read_at, timeout=5000)


def test_save_shortcut_writes_the_file(qtbot, window, library):
    path = notes(library)
    open_file(qtbot, window, path)
    type_at_end(qtbot, window, "more\n")
    assert window.isWindowModified()
    qtbot.keyClick(window.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert path.read_text(encoding="utf-8") == NOTES + "more\n"
    assert not window.isWindowModified()


def test_menus_hold_the_commands(window):
    titles = {action.text() for action in window.menuBar().actions()}
    assert titles == {"&File", "&Edit", "&View", "F&ind", "&Help"}
    texts = {
        action.text()
        for menu_action in window.menuBar().actions()
        for action in menu_action.menu().actions()
    }
    for wanted in (
        *("&Save", "&Revert", "&Quit", "&Undo", "&Redo", "Quick Fix", "Next Problem"),
        *("Replace…", "Format Table", "&Quick Open…"),
    ):
        assert wanted in texts


def test_relative_open_paths_are_relative_to_the_library(qtbot, window, library):
    assert window.open_path(Path("stacks/example/notes.md"))
    assert window.documents.path == notes(library)


def test_a_double_click_on_a_problem_jumps_too(qtbot, window, library):
    other = library / "stacks" / "other" / "conventions.md"
    broken = GOOD_CONVENTIONS.replace("# Example", "Example")
    other.write_text(broken, encoding="utf-8")
    window.open_library(library)
    qtbot.waitUntil(lambda: window.results.complete and bool(problem_rows(window)))
    table = window.problems.table
    rect = table.visualRect(window.problems.model.index(0, 4))
    # a real double click: press and release first, then the double-click event
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.documents.path == other)


def test_arrow_keys_move_through_the_tree_and_enter_opens(qtbot, window, library):
    view = window.tree.view
    view.setFocus()
    view.setCurrentIndex(
        window.tree.proxy.mapFromSource(window.tree.model.index_for(conventions(library)))
    )
    qtbot.keyClick(view, Qt.Key.Key_Down)
    press_enter(qtbot, view)
    qtbot.waitUntil(lambda: window.documents.path == notes(library))


def test_the_status_bar_shows_lint_progress_until_done(window):
    assert window.lint_progress.isHidden()
    assert window.statusBar().currentMessage() == "Linted 4 files"


def test_revert_goes_back_to_the_disk_and_can_be_undone(qtbot, window, library):
    open_file(qtbot, window, notes(library))
    type_at_end(qtbot, window, "draft")
    window.documents.revert()
    assert window.editor.text() == NOTES and not window.documents.is_dirty()
    window.editor.undo()
    assert window.editor.text().endswith("draft")


def test_view_menu_toggles_the_panels(window):
    toggle = window.problems_dock.toggleViewAction()
    toggle.trigger()
    assert not window.problems_dock.isVisible()
    toggle.trigger()
    assert window.problems_dock.isVisible()


def test_open_library_from_the_menu(qtbot, window, tmp_path):
    from helpers import make_library

    second = make_library(tmp_path / "second", {"solo": {"conventions.md": GOOD_CONVENTIONS}})
    window.choose_library_folder = lambda: str(second)
    action = next(
        a
        for m in window.menuBar().actions()
        for a in m.menu().actions()
        if a.text() == "Open &Library…"
    )
    action.trigger()
    assert window.library.root == second
    assert window.windowTitle() == "second — Foundry"
    qtbot.waitUntil(lambda: window.results.complete)


def test_the_checklist_follows_saves_made_in_the_editor(qtbot, window, library):
    path = conventions(library)
    open_file(qtbot, window, path)
    window.preview.taskToggled.emit(line_of(GOOD_CONVENTIONS, "- [ ] One"))  # saved at once
    open_file(qtbot, window, notes(library))  # same stack
    line = line_of(GOOD_CONVENTIONS, "- [ ] Five")
    qtbot.waitUntil(lambda: window.checklist.task_item(path, line) is not None)
    window.checklist.task_item(path, line).setCheckState(0, Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: "- [x] Five" in path.read_text(encoding="utf-8"))
    assert "- [x] One" in path.read_text(encoding="utf-8")


def test_discarded_ticks_do_not_linger_in_the_checklist(qtbot, window, library):
    path = conventions(library)
    open_file(qtbot, window, path)
    type_at_end(qtbot, window, "x")  # unsaved edits: a tick now stays in the buffer
    line = line_of(GOOD_CONVENTIONS, "- [ ] One")
    window.preview.taskToggled.emit(line)
    qtbot.waitUntil(
        lambda: window.checklist.task_item(path, line).checkState(0) == Qt.CheckState.Checked
    )
    window.ask_unsaved_changes = lambda: "discard"
    open_file(qtbot, window, notes(library))
    qtbot.waitUntil(
        lambda: window.checklist.task_item(path, line).checkState(0) == Qt.CheckState.Unchecked
    )


def test_word_wrap_is_on_and_alt_z_toggles_it(qtbot, window):
    wraps = QPlainTextEdit.LineWrapMode.WidgetWidth
    assert window.editor.lineWrapMode() == wraps
    action = window.findChild(QAction, "wordWrapAction")
    action.trigger()
    assert window.editor.lineWrapMode() == QPlainTextEdit.LineWrapMode.NoWrap
    action.trigger()
    assert window.editor.lineWrapMode() == wraps


def test_a_long_file_shows_its_first_page_before_the_full_preview(qtbot, window, library):
    long_file = library / "stacks" / "example" / "long.md"
    words = " ".join(["word"] * 80)
    paragraphs = "\n\n".join(f"Paragraph {n}. {words}" for n in range(1, 200))
    long_file.write_text(f"# Long\n\n{paragraphs}\n", encoding="utf-8")
    assert long_file.stat().st_size >= FIRST_PAGE_MIN_CHARS
    with qtbot.waitSignal(window.live_linter.first_page, timeout=5000) as first:
        assert window.open_path(long_file)
    page = first.args[0]
    assert "Paragraph 1." in page.html and "Paragraph 199." not in page.html
    qtbot.waitUntil(lambda: not window.lint_pending, timeout=10000)
    whole = window.preview.printable_document()  # its page is long: shown in windows
    assert "Paragraph 199." in whole.toPlainText()


def test_a_file_of_many_short_lines_has_no_separate_first_page(qtbot, window, library):
    # its whole check takes about as long as the top's would: a second page would only
    # cost the window another layout and paint
    many_lines = library / "stacks" / "example" / "lines.md"
    paragraphs = "\n\n".join(f"Paragraph {n}." for n in range(1, 120))
    many_lines.write_text(f"# Lines\n\n{paragraphs}\n", encoding="utf-8")
    pages = []
    window.live_linter.first_page.connect(pages.append)
    open_file(qtbot, window, many_lines)
    assert pages == []
    assert "Paragraph 119." in window.preview.toPlainText()


def test_a_short_file_has_no_separate_first_page(qtbot, window, library):
    pages = []
    window.live_linter.first_page.connect(pages.append)
    open_file(qtbot, window, notes(library))
    assert pages == []
    assert "alpha" in window.preview.toPlainText()


def test_reload_library_picks_up_files_made_elsewhere(qtbot, window, library):
    open_file(qtbot, window, notes(library))
    added = library / "stacks" / "example" / "added.md"
    added.write_text("# Added\n\n```\nno language\n```\n", encoding="utf-8")
    window.findChild(QAction, "reloadLibraryAction").trigger()
    model = window.tree.model
    qtbot.waitUntil(lambda: model.index_for(added).isValid())
    qtbot.waitUntil(lambda: any(d.path == added for d in window.results.diagnostics()))
    assert window.documents.path == notes(library), "the open file stays open"
    added.unlink()
    assert window.refresh_library()
    assert not model.index_for(added).isValid()


def test_a_file_made_elsewhere_clears_the_open_files_broken_link_without_an_edit(
    qtbot, window, library
):
    path = notes(library)
    path.write_text(path.read_text(encoding="utf-8") + "\nSee [later](later.md).\n", "utf-8")
    open_file(qtbot, window, path)
    assert any(d.name == "broken-link" for d in window.editor.diagnostics())
    (library / "stacks" / "example" / "later.md").write_text("# Later\n", encoding="utf-8")
    assert window.refresh_library()
    qtbot.waitUntil(lambda: not window.lint_pending and not window.lint_running, timeout=10_000)
    assert not any(d.name == "broken-link" for d in window.editor.diagnostics())
    assert not any(d.name == "broken-link" and d.path == path for d in window.results.diagnostics())


def test_stack_wide_problems_survive_the_live_lint_and_clear_after_a_save(qtbot, window, library):
    path = conventions(library)
    window.documents.close()
    no_example = path.read_text(encoding="utf-8").split("## Example")[0]
    path.write_text(no_example, encoding="utf-8")
    notes(library).write_text("# Notes\n\nNo code here.\n", encoding="utf-8")
    window.refresh_library(relint=True)
    qtbot.waitUntil(lambda: not window.lint_running)
    stack_wide = lambda: [d for d in window.results.diagnostics() if d.name == "code-examples"]  # noqa: E731
    qtbot.waitUntil(lambda: len(stack_wide()) == 1)
    open_file(qtbot, window, path)
    assert [d.path for d in stack_wide()] == [path], "the live lint keeps the stack's finding"
    type_at_end(qtbot, window, "\n```python\nprint(1)\n```\n")
    assert window.save()
    qtbot.waitUntil(lambda: not stack_wide(), timeout=10_000)
