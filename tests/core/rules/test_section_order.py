"""FT102 section-order: required sections appear in the order the template lists them.

Bad: `## Common Pitfalls` before `## Do / Don't`. Good: the template's order, with any
other sections allowed in between.
"""

from __future__ import annotations

RULE = "section-order"


def test_bad_swapped_sections_reported_at_the_early_one(lint_text, good_conventions):
    pitfalls = good_conventions[
        good_conventions.index("## Common Pitfalls") : good_conventions.index("## Checklist")
    ]
    text = good_conventions.replace(pitfalls, "").replace(
        "## Do / Don't", pitfalls + "## Do / Don't"
    )
    assert text.split("\n")[14] == "## Common Pitfalls"
    [found] = lint_text(text, rule=RULE)
    assert (found.name, found.line, found.column) == (RULE, 15, 1)
    assert "'Common Pitfalls' must come after 'Do / Don't'" in found.message


def test_bad_checklist_first(lint_text):
    text = "# T\n\nx\n\n## Checklist\n\n- [ ] a\n\n## Defaults\n\nx\n"
    [found] = lint_text(text, rule=RULE)
    assert found.line == 5
    assert "'Checklist' must come after 'Defaults'" in found.message


def test_good_template_order_with_extra_sections(lint_text, good_conventions):
    text = good_conventions.replace(
        "## Common Pitfalls", "## Notes\n\nExtra.\n\n## Common Pitfalls"
    )
    assert lint_text(text, rule=RULE) == []
    assert lint_text(good_conventions, rule=RULE) == []
