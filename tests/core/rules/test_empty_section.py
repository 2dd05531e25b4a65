"""FT003 empty-section: every heading has content before the next heading of its level.

Bad: `## Monitoring` straight followed by `## Checklist`, or a heading at the end of the
file. Good: a heading with text under it, or with a sub-section that has text.
"""

from __future__ import annotations

RULE = "empty-section"


def test_bad_heading_followed_by_same_level_heading(lint_text):
    text = "# T\n\nIntro.\n\n## Monitoring\n## Checklist\n\n- [ ] a\n"
    [found] = lint_text(text, "notes.md", rule=RULE)
    assert (found.name, found.line, found.column, found.end_column) == (RULE, 5, 1, 14)
    assert "'Monitoring'" in found.message


def test_bad_heading_at_end_of_file(lint_text):
    text = "# T\n\nIntro.\n\n## Later\n"
    [found] = lint_text(text, "notes.md", rule=RULE)
    assert (found.line, found.column) == (5, 1)


def test_bad_sub_section_without_content_makes_both_empty(lint_text):
    text = "# T\n\nIntro.\n\n## Serving\n\n### Batch\n\n## Next\n\nText.\n"
    assert [d.line for d in lint_text(text, "notes.md", rule=RULE)] == [5, 7]


def test_good_heading_with_content_or_with_a_filled_sub_section(lint_text, good_conventions):
    text = "# T\n\nIntro.\n\n## Serving\n\n### Batch\n\nNightly.\n\n## Next\n\nText.\n"
    assert lint_text(text, "notes.md", rule=RULE) == []
    assert lint_text(good_conventions, rule=RULE) == []
