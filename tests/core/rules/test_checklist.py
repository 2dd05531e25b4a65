"""FT107 checklist: a checklist section is a task list with enough items and nothing else.

Bad: `- Models are versioned.` among the tasks, fewer tasks than the template's
`min-items` (5), or no tasks. Good: five or more `- [ ]` / `- [x]` items.
"""

from __future__ import annotations

RULE = "checklist"
TASKS = "- [ ] a\n- [ ] b\n- [x] c\n- [ ] d\n- [ ] e"


def test_bad_plain_bullet_among_tasks(lint_text, with_section):
    text = with_section(
        "Checklist", "- [ ] a\n- [ ] b\n- Models are versioned.\n- [x] c\n- [ ] d\n- [ ] e"
    )
    [found] = lint_text(text, rule=RULE)
    assert (found.name, found.line, found.column, found.end_column) == (RULE, 29, 3, 24)
    assert "plain item" in found.message


def test_bad_malformed_box_is_a_plain_item(lint_text, with_section):
    [found] = lint_text(with_section("Checklist", "- [] a\n" + TASKS), rule=RULE)
    assert (found.line, found.column) == (27, 3)


def test_bad_too_few_tasks_reported_at_the_heading(lint_text, with_section):
    [found] = lint_text(with_section("Checklist", "- [ ] a\n- [x] b"), rule=RULE)
    assert (found.name, found.line, found.column) == (RULE, 25, 1)
    assert "has 2 task items" in found.message
    assert "at least 5" in found.message


def test_bad_no_tasks(lint_text, with_section):
    [found] = lint_text(with_section("Checklist", "Prose only."), rule=RULE)
    assert found.line == 25
    assert "no task items" in found.message


def test_bad_only_plain_bullets(lint_text, with_section):
    found = lint_text(with_section("Checklist", "- a\n- b"), rule=RULE)
    assert [(d.line, d.column) for d in found] == [(25, 1), (27, 3), (28, 3)]


def test_good_enough_tasks(lint_text, with_section, good_conventions):
    assert lint_text(with_section("Checklist", TASKS), rule=RULE) == []
    assert (
        lint_text(with_section("Checklist", "Intro.\n\n" + TASKS.replace("- ", "* ")), rule=RULE)
        == []
    )
    numbered = "\n".join(f"{n}. [ ] step {n}" for n in range(1, 6))
    assert lint_text(with_section("Checklist", numbered), rule=RULE) == []
    assert lint_text(good_conventions, rule=RULE) == []


def test_bad_plain_bullet_nested_under_a_task(lint_text, with_section):
    body = "- [ ] a\n  - a note under the task\n- [ ] b\n- [ ] c\n- [ ] d\n- [ ] e"
    [found] = lint_text(with_section("Checklist", body), rule=RULE)
    assert (found.line, found.column, found.end_column) == (28, 5, 26)
    assert "plain item" in found.message


def test_good_nested_tasks_count(lint_text, with_section):
    body = "- [ ] a\n  - [ ] a1\n  - [x] a2\n- [ ] b\n- [ ] c"
    assert lint_text(with_section("Checklist", body), rule=RULE) == []


def test_good_nested_task_forms_count(lint_text, with_section):
    body = "* - [ ] a\n* - [ ] b\n- > - [ ] c\n- [ ] d\n- [x] e"
    assert lint_text(with_section("Checklist", body), rule=RULE) == []
