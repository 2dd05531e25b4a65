"""Mapping a line of the text the author saw to the text as it is now (no Qt)."""

from __future__ import annotations

from foundry_app.core.line_map import locate_task, map_line

SEEN = "# T\n\n- [ ] one\n- [ ] two\n- [ ] three\n"


def test_lines_above_an_edit_stay_and_lines_below_shift():
    now = "# T\n\nnew a\nnew b\n\n- [ ] one\n- [ ] two\n- [ ] three\n"
    assert map_line(SEEN, now, 1) == 1
    assert map_line(SEEN, now, 4) == 7
    assert map_line(SEEN, SEEN, 4) == 4


def test_an_edited_line_has_no_counterpart():
    now = SEEN.replace("- [ ] two", "- [ ] two and more")
    assert map_line(SEEN, now, 4) is None
    assert map_line(SEEN, now, 5) == 5
    assert map_line(SEEN, now, 99) is None


def test_stale_click_ticks_the_item_the_user_sees_in_core():
    now = "# T\n\nintro\n\n- [ ] one\n- [ ] two\n- [ ] three\n"
    assert locate_task(SEEN, 4, now) == 6  # "two" moved down two lines


def test_a_task_edited_or_deleted_since_it_was_shown_is_not_located():
    assert locate_task(SEEN, 4, SEEN.replace("- [ ] two\n", "")) is None
    assert locate_task(SEEN, 4, SEEN.replace("two", "deux")) is None
    assert locate_task(SEEN, 1, SEEN) is None  # not a task line at all
