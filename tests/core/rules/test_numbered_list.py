"""FT106 numbered-list: a numbered section is a numbered list, each item led by a bold title.

Bad: bullets under `## Common Pitfalls`, or `2. plain text`. Good:
`1. **Leaking labels into features.** Build features as of the prediction time.`
"""

from __future__ import annotations

RULE = "numbered-list"


def test_bad_bullets_instead_of_numbers(lint_text, with_section):
    text = with_section("Common Pitfalls", "- **Leaking labels.** Build as of prediction time.")
    found = [(d.line, d.column, d.message) for d in lint_text(text, rule=RULE)]
    assert found == [
        (20, 1, "section 'Common Pitfalls' needs a numbered list"),
        (22, 1, "use a numbered list (1. 2. 3.) here"),
    ]


def test_bad_item_without_bold_title_reported_at_its_text(lint_text, with_section):
    text = with_section(
        "Common Pitfalls", "1. **Leaking labels.** x\n2. Plain text.\n3. *Emphasis* only."
    )
    found = lint_text(text, rule=RULE)
    assert [(d.name, d.line, d.column) for d in found] == [(RULE, 23, 4), (RULE, 24, 4)]
    assert "bold title" in found[0].message


def test_bad_prose_only(lint_text, with_section):
    [found] = lint_text(with_section("Common Pitfalls", "Just prose."), rule=RULE)
    assert (found.line, found.column) == (20, 1)


def test_good_numbered_with_bold_titles(lint_text, with_section, good_conventions):
    body = (
        "1. **Leaking labels.** Build features as of the prediction time.\n2) **Drift.** Watch it."
    )
    assert lint_text(with_section("Common Pitfalls", body), rule=RULE) == []
    assert lint_text(good_conventions, rule=RULE) == []
