"""A library lint's report is shown over several turns of the event loop (issue 11: at 10,000
files applying it in one slot stalled the window 0.4 s). What the author can see or click
meanwhile must never be wrong: a newer result wins, a rebuilt tree drops the rest, and once
done the badges and the Problems panel are what a one-shot apply gives."""

from __future__ import annotations

from pathlib import Path

from helpers import GOOD_CONVENTIONS
from PySide6.QtCore import Qt
from window_helpers import (
    NOTES,
    conventions,
    line_of,
    notes,
    open_file,
    problem_rows,
    type_at_end,
)

from foundry_app.core.lint import lint_library
from foundry_app.ui.workers.lint_process import LintSummary, summarise
from foundry_app.ui.workers.live_lint import analyse

BARE_FENCE = "\n```\nno language\n```\n"


def report_now(window) -> LintSummary:
    """The library lint of the files as they are on disk now, as the worker hands it over."""
    return summarise(lint_library(window.library, use_cache=False)).prepare()


def shown(window) -> tuple[dict[str, str], list[tuple]]:
    """Every badge in the tree (by path; kinds by label) and every row of the Problems panel."""
    model = window.tree.model
    badges = {str(top.label): model.badge_for(top.path) for top in model.tops}
    badges.update({str(path): model.badge_for(path) for path in model._rows_of})
    return badges, problem_rows(window)


def one_shot(window) -> tuple[dict[str, str], list[tuple]]:
    """What the window shows after applying its results in one go."""
    window.tree.update_badges(window.results)
    window._refresh_problems()
    return shown(window)


def break_other_stack(library: Path) -> Path:
    other = library / "stacks" / "other" / "conventions.md"
    other.write_text(GOOD_CONVENTIONS.replace("```python", "```"), encoding="utf-8")
    return other


def test_a_report_is_shown_over_several_turns_and_ends_as_a_one_shot_apply(qtbot, window, library):
    other = break_other_stack(library)
    window.lint_runner.finished.emit(report_now(window))
    assert window.library_steps.running, "the rest is shown on later turns"
    assert not window.results.complete
    qtbot.waitUntil(lambda: window.results.complete)
    after_steps = shown(window)
    assert after_steps[0][str(other)], "the new finding has its badge"
    assert any(row[1] == "stacks/other/conventions.md" for row in after_steps[1])
    assert after_steps == one_shot(window)


def test_a_live_result_arriving_while_the_report_is_applied_wins(qtbot, window, library):
    path = notes(library)
    open_file(qtbot, window, path)
    report = report_now(window)  # the disk: notes.md has no finding
    type_at_end(qtbot, window, BARE_FENCE)
    window.lint_runner.finished.emit(report)
    assert window.library_steps.running
    # the open file's newer result lands between two pieces of the report
    revision = window.editor.document().revision()
    window.live_linter.finished.emit(
        analyse(window.library, path, window.documents.text(), revision)
    )
    qtbot.waitUntil(lambda: window.results.complete)
    live = window.results.diagnostics_for(path)
    assert [d.rule for d in live] == ["FT004"], "the buffer's bare fence, not the disk's none"
    badges, rows = shown(window)
    assert badges[str(path)] == "1 ✖", "a file's badge: its findings (tasks are in the panel)"
    assert badges[str(path.parent)] != "", "the stack's rolled-up badge counts it too"
    assert sum(row[1] == "stacks/example/notes.md" for row in rows) == 1
    assert (badges, rows) == one_shot(window)


def test_a_tick_during_a_library_lint_survives_the_lint_s_older_report(qtbot, window, library):
    open_file(qtbot, window, conventions(library))
    other = notes(library)
    older = report_now(window)  # read before the tick
    window.refresh_library(relint=True)  # View → Reload Library: a lint begins
    window.lint_runner.cancel()  # its own report would come later; this one is older
    line = line_of(NOTES, "- [ ] beta")
    qtbot.waitUntil(lambda: window.checklist.task_item(other, line) is not None)
    window.checklist.task_item(other, line).setCheckState(0, Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: "- [x] beta" in other.read_text(encoding="utf-8"))
    qtbot.waitUntil(lambda: window.results.progress_for(other).done == 1)
    window.lint_runner.finished.emit(older)
    qtbot.waitUntil(lambda: window.results.complete)
    assert str(window.results.progress_for(other)) == "1/2"
    assert window.tree.model.badge_for(other.parent) == "2/7"


def test_a_tree_rebuilt_during_the_apply_drops_the_rest(qtbot, window, library):
    other = break_other_stack(library)
    window.lint_runner.finished.emit(report_now(window))
    assert window.library_steps.running
    other.unlink()  # the file with the finding goes before its badge is shown
    assert window.refresh_library()
    assert not window.library_steps.running, "pieces for the old rows are dropped"
    assert not window.tree.model.index_for(other).isValid()
    qtbot.waitUntil(lambda: window.results.complete and not window.lint_running, timeout=10_000)
    badges, rows = shown(window)
    assert str(other) not in badges
    found = [row[3] for row in rows if row[1] == "stacks/other/conventions.md"]
    assert found and not any(rule.startswith("FT004") for rule in found), (
        "the missing file is reported; the gone file's bare fence is not"
    )
    assert (badges, rows) == one_shot(window)


def test_a_newer_report_during_the_apply_replaces_the_older(qtbot, window, library):
    other = break_other_stack(library)
    with_finding = report_now(window)
    other.write_text(GOOD_CONVENTIONS, encoding="utf-8")
    fixed = report_now(window)
    window.lint_runner.finished.emit(with_finding)
    assert window.library_steps.running
    window.lint_runner.finished.emit(fixed)
    qtbot.waitUntil(lambda: window.results.complete)
    badges, rows = shown(window)
    assert badges[str(other)] == ""
    assert not any(row[1] == "stacks/other/conventions.md" for row in rows)
    assert (badges, rows) == one_shot(window)


def test_problems_from_per_file_lists_are_ordered_as_a_full_sort(qtbot, window, library):
    """The panel takes each file's list as it is (sorted once, off the GUI thread) and sorts
    only the files: the rows must be those of sorting every problem, in every column."""
    break_other_stack(library)
    (library / "stacks" / "example" / "notes.md").write_text(NOTES + BARE_FENCE * 3, "utf-8")
    report = report_now(window)
    assert len(report.by_path) > 1 and len(report.diagnostics) > 3
    panel, table = window.problems, window.problems.table
    panel.set_current_stack(library / "stacks" / "example")
    for scoped in (False, True):
        panel.scope_toggle.setChecked(scoped)
        for column in range(5):
            for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
                table.sortByColumn(column, order)
                panel.set_diagnostics(list(reversed(report.diagnostics)))
                sorted_whole = problem_rows(window)
                panel.set_groups(report.by_path)
                assert problem_rows(window) == sorted_whole, (scoped, column, order)
                assert sorted_whole
