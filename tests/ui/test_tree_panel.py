"""The library tree in the window: nested folders, rolled-up badges, the filter box."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from window_helpers import file_named_not_utf8, make_window, notes

from foundry_app.ui.panels.library_tree import KIND_ROLE, NAME

BARE_FENCE = "# Review\n\n```\nno language\n```\n"


@pytest.fixture
def folders_window(qtbot, library, settings):
    commands = library / "claude" / "commands"
    commands.mkdir(parents=True)
    (commands / "review.md").write_text(BARE_FENCE, encoding="utf-8")
    (commands / "plan.md").write_text("# Plan\n\n- [x] one\n- [ ] two\n", encoding="utf-8")
    window = make_window(qtbot, library, settings)
    qtbot.waitUntil(lambda: window.results.complete, timeout=10_000)
    return window


def _labels(model, index) -> list[str]:
    return [model.index(row, NAME, index).data() for row in range(model.rowCount(index))]


def test_other_folders_are_nested_nodes_after_the_kinds(folders_window, library):
    model = folders_window.tree.model
    assert _labels(model, model.index(-1, -1).parent()) == [
        "Stacks (2)",
        "claude",
        "library.toml",
        "README.md",
    ]
    review = model.index_for(library / "claude" / "commands" / "review.md")
    commands = review.parent()
    assert commands.data() == "commands" and commands.parent().data() == "claude"
    assert commands.data(KIND_ROLE) == "folder"
    assert _labels(model, commands) == ["plan.md", "review.md"]


def test_findings_and_progress_roll_up_to_each_folder(folders_window, library):
    model = folders_window.tree.model
    review = library / "claude" / "commands" / "review.md"
    errors, warnings = folders_window.results.counts_for([review])
    assert errors + warnings == 1, "the bare fence is one finding"
    mark = "1 ✖" if errors else "1 ⚠"
    assert model.badge_for(review) == mark
    assert model.badge_for(library / "claude" / "commands") == f"{mark} · 1/2"
    assert model.badge_for(library / "claude") == f"{mark} · 1/2"


def test_folders_start_collapsed_and_kinds_open(folders_window, library):
    tree = folders_window.tree
    claude = tree.proxy.mapFromSource(tree.model.index_for(library / "claude"))
    stacks = tree.proxy.index(0, NAME)
    assert tree.view.isExpanded(stacks)
    assert not tree.view.isExpanded(claude)


def test_the_filter_finds_a_file_deep_in_a_folder_and_esc_clears_it(qtbot, folders_window, library):
    tree = folders_window.tree
    box = folders_window.findChild(QLineEdit, "treeFilter")
    box.setFocus()
    qtbot.keyClicks(box, "revi")
    review = tree.proxy.mapFromSource(
        tree.model.index_for(library / "claude" / "commands" / "review.md")
    )
    assert review.isValid() and tree.view.isExpanded(review.parent())
    assert not tree.proxy.mapFromSource(tree.model.index_for(notes(library))).isValid()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert box.text() == ""
    assert tree.proxy.mapFromSource(tree.model.index_for(notes(library))).isValid()


def test_a_yaml_file_opens_as_plain_text_with_no_preview(qtbot, window, library):
    contracts = library / "stacks" / "example" / "contracts.yml"
    contracts.write_text("# not a heading\nowner: team\n```\n", encoding="utf-8")
    assert window.open_path(contracts)
    qtbot.waitUntil(lambda: "no preview" in window.preview.toPlainText())
    assert window.editor.text() == "# not a heading\nowner: team\n```\n"
    # no Markdown rule runs on it; the backticks are simply not YAML
    found = window.results.diagnostics_for(contracts)
    assert [(d.name, d.line) for d in found] == [("data-syntax", 3)]
    assert window.editor._highlighter.document() is None
    window.editor.insertPlainText("x")
    assert window.save()
    assert contracts.read_text(encoding="utf-8").startswith("x# not a heading")
    assert window.open_path(notes(library))
    assert window.editor._highlighter.document() is window.editor.document()


def test_a_markdown_file_opened_after_a_yaml_one_is_checked_and_previewed(qtbot, window, library):
    contracts = library / "stacks" / "example" / "contracts.yml"
    contracts.write_text("owner: team\n", encoding="utf-8")
    window.refresh_library()
    assert window.open_path(library / "README.md")
    qtbot.waitUntil(lambda: "own readme" in window.preview.toPlainText())
    assert window.open_path(contracts)
    qtbot.waitUntil(lambda: "no preview" in window.preview.toPlainText())
    qtbot.waitUntil(lambda: not window.lint_pending)
    assert window.open_path(notes(library))
    # the highlighter, attached again, re-formats the text: a new revision of it
    qtbot.waitUntil(
        lambda: "Notes beside the conventions" in window.preview.toPlainText(), timeout=3000
    )


def test_a_preview_link_to_a_yaml_file_opens_it(qtbot, window, library):
    contracts = library / "stacks" / "example" / "contracts.yml"
    contracts.write_text("owner: team\n", encoding="utf-8")
    assert window.open_path(notes(library))
    window.follow_file_link("contracts.yml")
    assert window.documents.path == contracts


def test_the_model_keeps_no_wrapper_of_an_item_qt_owns(folders_window):
    """A kept wrapper outlives the item Qt deletes; an object later born at that address
    comes back as the stale item (seen as a menu action turning into a QStandardItem)."""
    from PySide6.QtGui import QStandardItem

    model = folders_window.tree.model
    kept = []
    for value in vars(model).values():
        values = value.values() if isinstance(value, dict) else [value]
        kept += [v for v in values if isinstance(v, QStandardItem) and v.model() is not None]
    assert kept == []


def test_no_row_of_the_tree_has_a_python_wrapper(folders_window, library):
    """Rows are made by Qt from the model's prototype: a wrapper per cell was a tenth of
    the objects every full garbage collection walked in a 10,000-file window."""
    import gc

    from PySide6.QtGui import QStandardItem

    folders_window.tree.set_library(folders_window.library)
    rows = len(folders_window.tree.model._node_rows)
    assert rows >= 8
    wrappers = [o for o in gc.get_objects() if isinstance(o, QStandardItem)]
    assert len(wrappers) <= 2  # the model's prototype, and one a caller may hold


def test_badge_cells_are_right_aligned_in_the_badge_colour_and_not_editable(folders_window):
    from foundry_app.ui.panels.library_tree import BADGE
    from foundry_app.ui.theme import current_theme

    model = folders_window.tree.model
    for rows in model._node_rows.values():
        cell = model.itemFromIndex(model._index(rows, BADGE))
        assert cell.textAlignment() & Qt.AlignmentFlag.AlignRight
        assert cell.foreground().color() == current_theme().color("badge")
        assert not cell.isEditable()
        name = model.itemFromIndex(model._index(rows, NAME))
        assert not name.isEditable()


def test_a_long_name_elided_in_the_tree_has_its_full_path_as_tooltip(qtbot, library, settings):
    long_name = "a-" + "very-long-command-name-" * 10 + "end.md"
    commands = library / "claude" / "commands"
    commands.mkdir(parents=True)
    (commands / long_name).write_text("# Long\n", encoding="utf-8")
    window = make_window(qtbot, library, settings)
    model = window.tree.model
    index = model.index_for(commands / long_name)
    assert index.data() == long_name
    assert index.data(Qt.ItemDataRole.ToolTipRole) == str(commands / long_name)


def test_a_large_markdown_file_opened_after_a_yaml_one_is_highlighted_in_slices(
    qtbot, window, library
):
    from foundry_app.core.large_file import LARGE_FILE_BYTES

    contracts = library / "stacks" / "example" / "contracts.yml"
    contracts.write_text("owner: team\n", encoding="utf-8")
    big = library / "stacks" / "example" / "big.md"
    section = "## Part\n\nSome *emphasis* and `code` to format.\n\n"
    big.write_text("# Big\n\n" + section * (LARGE_FILE_BYTES // len(section) + 1), "utf-8")
    window.refresh_library()
    assert window.open_path(contracts)
    qtbot.waitUntil(lambda: not window.lint_pending)
    assert window.open_path(big)
    # attached again, the highlighter must not format the whole big text in one go
    assert window.editor._highlighter.deferring
    last = window.editor.document().lastBlock()
    assert not last.layout().formats()  # not reached yet: the slices come from the top
    qtbot.waitUntil(lambda: not window.editor._highlighter.deferring, timeout=30_000)
    assert window.editor.document().findBlockByNumber(4).layout().formats()
    qtbot.waitUntil(lambda: not window.lint_pending, timeout=30_000)
    assert window.preview.toPlainText().startswith("Big")


# pins: a name with a byte that is not UTF-8 shows that byte, and opening its row opens that
# very file, not the one whose name lacks the byte (a Qt string drops it)
def test_a_file_named_with_a_byte_that_is_not_utf8_opens_itself(qtbot, library, settings):
    commands = library / "claude" / "commands"
    commands.mkdir(parents=True)
    (commands / "odd.md").write_text("# The other file\n", encoding="utf-8")
    odd = file_named_not_utf8(commands, b"odd", "# Odd name\n")
    window = make_window(qtbot, library, settings)
    tree = window.tree
    index = tree.model.index_for(odd)
    assert index.data() == "odd\\xff.md"
    assert index.data(Qt.ItemDataRole.ToolTipRole).endswith("odd\\xff.md")
    with qtbot.waitSignal(tree.fileActivated) as opened:
        tree.view.activated.emit(tree.proxy.mapFromSource(index))
    assert opened.args == [odd]
    tree.view.setCurrentIndex(tree.proxy.mapFromSource(index))
    assert tree.current_target() == ("file", odd)
