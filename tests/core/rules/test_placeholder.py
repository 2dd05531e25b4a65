"""FT006 placeholder: prose has no TODO, TBD, FIXME or XXX markers (a warning).

Bad: `- **Do** TODO.` Good: real guidance; markers inside code spans and code blocks,
and words that merely start with a marker (TODOS), are not reported.
"""

from __future__ import annotations

from foundry_app.core.diagnostics import Severity

RULE = "placeholder"


def test_bad_marker_is_reported_at_the_word(lint_text):
    [found] = lint_text("# T\n\n- **Do** TODO.\n", "notes.md", rule=RULE)
    assert (found.name, found.line, found.column, found.end_column) == (RULE, 3, 10, 14)
    assert found.severity == Severity.WARNING
    assert "'TODO'" in found.message


def test_bad_marker_on_a_continuation_line(lint_text):
    text = "# T\n\nA paragraph\nthat says FIXME here.\n"
    [found] = lint_text(text, "notes.md", rule=RULE)
    assert (found.line, found.column, found.end_column) == (4, 11, 16)


def test_bad_marker_after_a_code_span_is_found_in_the_prose(lint_text):
    [found] = lint_text("# T\n\nUse `TODO` and TODO.\n", "notes.md", rule=RULE)
    assert (found.line, found.column) == (3, 16)


def test_bad_every_marker_of_a_line_has_its_own_column(lint_text):
    text = "# T\n\n| A | B | C |\n|---|---|---|\n| TODO | TODO | TBD |\n\n1. **TODO.** XXX.\n"
    found = [(d.line, d.column) for d in lint_text(text, "notes.md", rule=RULE)]
    assert found == [(5, 3), (5, 10), (5, 17), (7, 6), (7, 14)]


def test_bad_marker_in_a_heading(lint_text):
    [found] = lint_text("# T\n\nx\n\n## TBD later\n\nx\n", "notes.md", rule=RULE)
    assert (found.line, found.column) == (5, 4)


def test_good_code_and_longer_words_are_ignored(lint_text, good_conventions):
    text = "# T\n\nThe `TODO` span and TODOS list.\n\n```text\nTODO: fine in code\n```\n"
    assert lint_text(text, "notes.md", rule=RULE) == []
    assert lint_text(good_conventions, rule=RULE) == []


def test_bad_markers_after_escapes_each_get_their_own_column(lint_text):
    found = lint_text("# T\n\n`c` TODO\\* `c` TODO\\* `c` TODO\\*\n", "notes.md", rule=RULE)
    assert [d.column for d in found] == [5, 16, 27]
