"""Editing help decided without a widget: lists, inline markup, comments, tables."""

from __future__ import annotations

from foundry_app.core.editing import (
    display_width,
    enter_in_list,
    format_table,
    format_table_at,
    indent_list_items,
    insert_table_row,
    make_link,
    move_to_cell,
    toggle_comment,
    wrap_selection,
)


def apply(lines, edit):
    return lines[: edit.first] + list(edit.lines) + lines[edit.stop :]


def test_enter_continues_a_bullet():
    lines = ["- one"]
    edit = enter_in_list(lines, 0, 5)
    assert apply(lines, edit) == ["- one", "- "]
    assert (edit.line, edit.column) == (1, 2)


def test_enter_continues_a_task_as_an_open_task():
    lines = ["  - [x] done"]
    assert apply(lines, enter_in_list(lines, 0, 12)) == ["  - [x] done", "  - [ ] "]


def test_enter_increments_a_number_and_renumbers_the_items_after():
    lines = ["1. one", "2. two", "3. three", "", "1. other list"]
    edit = enter_in_list(lines, 0, 6)
    assert apply(lines, edit) == ["1. one", "2. ", "3. two", "4. three", "", "1. other list"]
    assert (edit.line, edit.column) == (1, 3)


def test_enter_in_the_middle_splits_the_item():
    lines = ["- left right"]
    assert apply(lines, enter_in_list(lines, 0, 7)) == ["- left", "- right"]


def test_enter_on_an_empty_item_ends_the_list():
    lines = ["- one", "- "]
    edit = enter_in_list(lines, 1, 2)
    assert apply(lines, edit) == ["- one", ""]
    assert apply(["1. a", "2. [ ] "], enter_in_list(["1. a", "2. [ ] "], 1, 7)) == ["1. a", ""]


def test_enter_outside_a_list_or_inside_the_marker_is_ordinary():
    assert enter_in_list(["plain text"], 0, 5) is None
    assert enter_in_list(["- item"], 0, 1) is None
    assert enter_in_list(["-not a list"], 0, 5) is None


def test_tab_nests_under_the_item_above_and_shift_tab_comes_back():
    lines = ["- one", "- two"]
    edit = indent_list_items(lines, 1, 1, (1, 5), outdent=False)
    nested = apply(lines, edit)
    assert nested == ["- one", "  - two"]
    assert edit.column == 7
    back = indent_list_items(nested, 1, 1, (1, 7), outdent=True)
    assert apply(nested, back) == lines
    numbered = ["1. one", "2. two"]
    assert apply(numbered, indent_list_items(numbered, 1, 1, (1, 0), outdent=False)) == [
        "1. one",
        "   2. two",
    ]


def test_tab_on_a_line_that_is_not_an_item_is_left_to_the_editor():
    assert indent_list_items(["- a", "text"], 0, 1, (0, 0), outdent=False) is None


def test_bold_and_italic_wrap_and_unwrap():
    text = "make this bold"
    edit = wrap_selection(text, 5, 9, "**")
    assert (edit.start, edit.end, edit.new) == (5, 9, "**this**")
    bolded = text[:5] + edit.new + text[9:]
    undo = wrap_selection(bolded, 7, 11, "**")  # the inner text still selected
    assert bolded[: undo.start] + undo.new + bolded[undo.end :] == text
    empty = wrap_selection("ab", 1, 1, "*")
    assert empty.new == "**" and empty.cursor == 2
    assert wrap_selection("**x**", 0, 5, "*").new == "***x***"  # bold is not italic


def test_link_selects_the_url_to_type_over():
    edit = make_link("see docs", 4, 8)
    assert edit.new == "[docs](url)"
    assert "see " + edit.new[: edit.anchor - 4] == "see [docs]("
    assert edit.cursor - edit.anchor == 3


def test_comment_toggles():
    lines = ["keep", "hide me", "and me"]
    edit = toggle_comment(lines, 1, 2)
    commented = apply(lines, edit)
    assert commented == ["keep", "<!-- hide me", "and me -->"]
    assert apply(commented, toggle_comment(commented, 1, 2)) == lines


def test_display_width_counts_wide_characters_twice():
    assert display_width("abc") == 3
    assert display_width("日本") == 4
    assert display_width("🚀") == 2
    assert display_width("e\u0301") == 1


def test_format_table_aligns_pipes_with_wide_characters_and_alignment():
    rows = ["|a|b|c|", "|:-|:-:|-:|", "|日本|x|1|", "|🚀 go|| 22 |"]
    assert format_table(rows) == [
        "| a     |  b  |   c |",
        "| :---- | :-: | --: |",
        "| 日本  |  x  |   1 |",
        "| 🚀 go |     |  22 |",
    ]


def test_format_table_fills_short_rows_and_keeps_escaped_pipes():
    rows = ["| Concern | Default |", "|---|---|", "| a \\| b |"]
    assert format_table(rows) == [
        "| Concern | Default |",
        "| ------- | ------- |",
        "| a \\| b  |         |",
    ]


def test_format_table_at_keeps_the_cursor_in_its_cell():
    lines = ["text", "", "|a|b|", "|-|-|", "|1|2|", "", "after"]
    edit = format_table_at(lines, 4, 3)
    assert apply(lines, edit)[2:5] == ["| a   | b   |", "| --- | --- |", "| 1   | 2   |"]
    assert (edit.line, edit.column) == (4, 8)
    assert format_table_at(lines, 0, 0) is None


def test_tab_moves_between_cells_and_adds_a_row_at_the_end():
    lines = ["| a | b |", "|---|---|", "| 1 | 2 |"]
    edit = move_to_cell(lines, 0, 2, backward=False)
    assert (edit.line, edit.column, edit.anchor) == (0, 9, (0, 8))
    edit = move_to_cell(lines, 0, 8, backward=False)  # from the header's last cell
    assert (edit.line, edit.anchor) == (2, (2, 2))
    edit = move_to_cell(lines, 2, 8, backward=False)  # last cell: a new row
    new = apply(lines, edit)
    assert new[-1] == "|     |     |" and edit.line == 3 and edit.column == 2
    back = move_to_cell(lines, 2, 2, backward=True)
    assert (back.line, back.anchor) == (0, (0, 8))


def test_insert_row_has_the_header_cell_count():
    lines = [
        "## Defaults",
        "",
        "| Concern | Default | Alternatives |",
        "|---|---|---|",
        "| a |b|c|",
    ]
    edit = insert_table_row(lines, 3)
    new = apply(lines, edit)
    assert new[4] == "|         |         |              |"
    assert new[5].startswith("| a       |")
    assert (edit.line, edit.column) == (4, 2)
