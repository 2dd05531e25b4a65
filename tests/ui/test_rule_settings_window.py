"""Rule settings and suppression comments in the window: the live lint of the open buffer
and the library lint behind the tree and the Problems panel follow them."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from window_helpers import conventions, make_window, open_file, problem_rows, type_at_end, type_text

FENCE = "\n```\nprint(1)\n```\n"


def test_a_suppression_comment_typed_above_a_bad_fence_removes_its_mark(qtbot, window, library):
    open_file(qtbot, window, conventions(library))
    type_at_end(qtbot, window, FENCE)
    fence_line = len(window.editor.text().split("\n")) - 3
    qtbot.waitUntil(lambda: fence_line in window.editor.marker_lines())

    cursor = QTextCursor(window.editor.document().findBlockByNumber(fence_line - 1))
    window.editor.setTextCursor(cursor)
    window.editor.setFocus()
    type_text(qtbot, window.editor, "<!-- foundry-disable-next-line fence-language -->\n")
    assert window.editor.text().split("\n")[fence_line] == "```"
    qtbot.waitUntil(lambda: not window.editor.marker_lines())
    assert problem_rows(window) == []
    assert window.counts_label.text() == "✖ 0 errors  ⚠ 0 warnings"


def test_a_comment_left_with_nothing_to_hide_is_marked_as_a_warning(qtbot, window, library):
    open_file(qtbot, window, conventions(library))
    type_at_end(qtbot, window, "\n<!-- foundry-disable-next-line placeholder -->\nDone.\n")
    comment_line = len(window.editor.text().split("\n")) - 2
    qtbot.waitUntil(lambda: comment_line in window.editor.marker_lines())
    rows = [row[:4] for row in problem_rows(window)]
    assert rows == [
        ("Warning", "stacks/example/conventions.md", str(comment_line), "FT010 unused-suppression")
    ]


def test_rules_in_library_toml_set_the_level_shown_in_the_window(qtbot, library, settings):
    toml = library / "library.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8") + '\n[rules]\nfence-language = "warning"\n', "utf-8"
    )
    path = conventions(library)
    path.write_text(path.read_text(encoding="utf-8").replace("```python", "```"), "utf-8")
    window = make_window(qtbot, library, settings)
    qtbot.waitUntil(lambda: window.results.complete, timeout=10_000)
    assert window.tree.model.badge_for(path) == "1 ⚠"
    open_file(qtbot, window, path)
    qtbot.waitUntil(lambda: bool(window.editor.marker_lines()))
    assert [row[0] for row in problem_rows(window)] == ["Warning"]
    assert window.counts_label.text() == "✖ 0 errors  ⚠ 1 warning"


def test_a_yaml_file_that_does_not_parse_is_marked_in_tree_problems_and_editor(
    qtbot, library, settings
):
    contracts = library / "stacks" / "example" / "contracts.yml"
    contracts.write_text("owner: platform\nreviewers: [alice, bob\nnext: 1\n", encoding="utf-8")
    window = make_window(qtbot, library, settings)
    qtbot.waitUntil(lambda: window.results.complete, timeout=10_000)
    assert window.tree.model.badge_for(contracts) == "1 ✖"
    rows = [row[:4] for row in problem_rows(window)]
    assert ("Error", "stacks/example/contracts.yml", "3", "FT401 data-syntax") in rows

    open_file(qtbot, window, contracts)
    qtbot.waitUntil(lambda: 3 in window.editor.marker_lines())
    # the fix, typed: close the list on line 2
    cursor = QTextCursor(window.editor.document().findBlockByNumber(1))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    window.editor.setTextCursor(cursor)
    window.editor.setFocus()
    qtbot.keyClicks(window.editor, "]")
    qtbot.waitUntil(lambda: not window.editor.marker_lines())
    assert problem_rows(window) == []
    assert window.tree.model.badge_for(contracts) == ""
