"""FT105 list-prefix: Do / Don't items say which they are, and both kinds are present.

Bad: `- Pin dependencies.` under `## Do / Don't`, or only **Do** items. Good: every
bullet led by a bold **Do** / **Don't** (a colon or a curly apostrophe is fine), or
`### Do` and `### Don't` sub-sections (plural `### Dos` / `### Don'ts` too) that each
hold a bullet list. Heading variants such as `## Dos and Don'ts` are the same section.
"""

from __future__ import annotations

import pytest

RULE = "list-prefix"
GOOD_BULLETS = "- **Do** pin every dependency.\n- **Don't** install by hand."


def test_bad_plain_bullet_reported_at_its_text(lint_text, with_section):
    text = with_section("Do / Don't", "- Pin dependencies.\n" + GOOD_BULLETS)
    [found] = lint_text(text, rule=RULE)
    assert (found.name, found.line, found.column, found.end_column) == (RULE, 17, 3, 20)
    assert "**Do** or **Don't**" in found.message


def test_bad_bold_lead_that_is_not_a_prefix(lint_text, with_section):
    text = with_section("Do / Don't", "- **Do** a.\n- **Never** b.\n- **Don't** c.")
    [found] = lint_text(text, rule=RULE)
    assert (found.line, found.column) == (18, 3)


def test_bad_only_do_items_reported_at_the_heading(lint_text, with_section):
    text = with_section("Do / Don't", "- **Do** a.\n- **Do:** b.")
    [found] = lint_text(text, rule=RULE)
    assert (found.line, found.column) == (15, 1)
    assert "no 'Don't' item" in found.message


def test_bad_no_list_at_all(lint_text, with_section):
    text = with_section("Do / Don't", "Some prose.")
    found = lint_text(text, rule=RULE)
    assert [(d.line, d.message) for d in found] == [
        (15, "section 'Do / Don't' has no 'Do' item"),
        (15, "section 'Do / Don't' has no 'Don't' item"),
    ]


def test_bad_sub_section_without_bullets(lint_text, with_section):
    text = with_section("Do / Don't", "### Do\n\n- a\n- b\n\n### Don't\n\nProse only.")
    [found] = lint_text(text, rule=RULE)
    assert (found.line, found.column) == (15, 1)
    assert "no 'Don't' item" in found.message


def test_bad_only_a_do_sub_section(lint_text, with_section):
    [found] = lint_text(with_section("Do / Don't", "### Do\n\n- a\n- b"), rule=RULE)
    assert found.line == 15


@pytest.mark.parametrize(
    "body",
    [
        GOOD_BULLETS,
        "- **Do:** a.\n- **Don't:** b.",
        "- **Do** a.\n- **Don’t** b.",
        "- **Do** a.\n  - nested detail without a prefix\n- **Don't** b.",
        "- **Do** a.\n\n  A second paragraph.\n- **Don't** b.",
        "### Do\n\n- Pin dependencies.\n- Log every run.\n\n### Don't\n\n- Install by hand.",
        "### Dos\n\n- a\n\n### Don'ts\n\n- b",
        "### Do:\n\n- a\n\n### Don’t:\n\n- b",
        "### Do's\n\n- a\n\n### Don'ts\n\n- b",
        "### Do’s\n\n- a\n\n### Don’ts\n\n- b",
    ],
)
def test_good_both_forms(lint_text, with_section, body):
    assert lint_text(with_section("Do / Don't", body), rule=RULE) == []


@pytest.mark.parametrize(
    "heading", ["Dos and Don'ts", "Do/Don't", "Do and Don't", "Dos & Don'ts", "Do / Don’t"]
)
def test_heading_variants_are_the_same_section(lint_text, with_section, heading):
    good = with_section("Do / Don't", GOOD_BULLETS).replace("## Do / Don't", f"## {heading}")
    assert lint_text(good, rule=RULE) == []
    assert lint_text(good, rule="missing-section") == []
    bad = with_section("Do / Don't", "- Pin dependencies.\n" + GOOD_BULLETS)
    bad = bad.replace("## Do / Don't", f"## {heading}")
    assert [d.line for d in lint_text(bad, rule=RULE)] == [17]


def test_good_full_file(lint_text, good_conventions):
    assert lint_text(good_conventions, rule=RULE) == []
