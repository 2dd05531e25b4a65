"""FT010 unused-suppression, and what the suppression comments hide.

Bad: a comment that hides nothing (the problem was fixed, or the rule is misspelt).
Good: a comment that hides the diagnostic it names, which then is not reported.
"""

from __future__ import annotations

from foundry_app.core.diagnostics import Severity

from .conftest import only

RULE = "unused-suppression"
FENCE = "```\nuv run pytest\n```\n"
# A stack file's opening as the shipped template asks for it: front matter, title, summary.
TOP = "---\nlast-reviewed: 2025-06\n---\n# T\n\n> What the notes hold.\n\n"


def names_and_lines(diagnostics) -> list[tuple[str, int]]:
    return [(d.name, d.line) for d in diagnostics]


def test_without_a_comment_the_bare_fence_is_reported(lint_text):
    text = f"{TOP}{FENCE}"
    assert names_and_lines(lint_text(text, "notes.md")) == [("fence-language", 8)]


def test_disable_next_line_hides_the_named_rule_on_the_next_line_only(lint_text):
    text = f"{TOP}<!-- foundry-disable-next-line fence-language -->\n{FENCE}\n{FENCE}"
    assert names_and_lines(lint_text(text, "notes.md")) == [("fence-language", 13)]


def test_disable_next_line_means_the_very_next_line_not_the_next_non_blank_one(lint_text):
    text = f"{TOP}<!-- foundry-disable-next-line fence-language -->\n\n{FENCE}"
    assert names_and_lines(lint_text(text, "notes.md")) == [
        ("unused-suppression", 8),
        ("fence-language", 10),
    ]


def test_rules_by_id_several_with_commas_or_spaces(lint_text):
    text = TOP + "<!-- foundry-disable-next-line FT006,raw-html -->\nTODO <b>x</b>\n"
    text += "\n<!-- foundry-disable-next-line FT007  placeholder -->\nTODO <b>x</b>\n"
    assert lint_text(text, "notes.md") == []


def test_a_comment_naming_no_rule_hides_every_rule(lint_text):
    text = TOP + "<!-- foundry-disable-next-line -->\nTODO <b>x</b>\n"
    assert lint_text(text, "notes.md") == []


def test_disable_and_enable_bound_a_region(lint_text):
    text = (
        TOP + "<!-- foundry-disable fence-language -->\n"
        f"{FENCE}\n{FENCE}\n<!-- foundry-enable fence-language -->\n\n{FENCE}"
    )
    assert names_and_lines(lint_text(text, "notes.md")) == [("fence-language", 19)]


def test_disable_without_enable_runs_to_the_end_of_the_file(lint_text):
    text = f"{TOP}<!-- foundry-disable -->\n\n{FENCE}\nTODO\n"
    assert lint_text(text, "notes.md") == []


def test_enable_of_one_rule_ends_only_that_rule_of_a_disable_all(lint_text):
    text = (
        TOP + "<!-- foundry-disable -->\n\nTODO\n\n<!-- foundry-enable placeholder -->\n\n"
        f"TODO\n\n{FENCE}"
    )
    assert names_and_lines(lint_text(text, "notes.md")) == [("placeholder", 14)]


def test_disable_file_hides_the_rule_anywhere_even_above_the_comment(lint_text):
    text = f"{TOP}{FENCE}\nTODO\n\n<!-- foundry-disable-file fence-language -->\n\n{FENCE}"
    assert names_and_lines(lint_text(text, "notes.md")) == [("placeholder", 12)]


def test_link_rules_are_suppressed_too(lint_text):
    text = TOP + "<!-- foundry-disable-next-line broken-link -->\nSee [x](missing.md).\n"
    assert lint_text(text, "notes.md") == []


def test_a_comment_that_hides_nothing_is_reported_at_the_comment(lint_text):
    text = TOP + "Fine text.\n\n  <!-- foundry-disable-next-line placeholder -->\nDone.\n"
    [found] = lint_text(text, "notes.md")
    assert (found.name, found.rule, found.severity) == (RULE, "FT010", Severity.WARNING)
    assert (found.line, found.column, found.end_line, found.end_column) == (10, 3, 10, 49)
    assert "suppresses nothing for placeholder" in found.message


def test_the_unused_part_of_a_comment_is_named(lint_text):
    text = TOP + "<!-- foundry-disable-next-line placeholder fence-language -->\nTODO\n"
    [found] = lint_text(text, "notes.md", rule=RULE)
    assert found.message == "the comment suppresses nothing for fence-language"


def test_an_unknown_rule_in_a_comment_is_reported(lint_text):
    text = TOP + "<!-- foundry-disable-next-line fence-langauge -->\n" + FENCE
    found = lint_text(text, "notes.md")
    assert names_and_lines(found) == [("unused-suppression", 8), ("fence-language", 9)]
    assert found[0].message == "unknown rule 'fence-langauge' in the comment"


def test_an_enable_without_a_disable_is_reported(lint_text):
    [found] = lint_text(TOP + "Text.\n\n<!-- foundry-enable placeholder -->\n", "notes.md")
    assert (found.name, found.line) == (RULE, 10)
    assert "ends no foundry-disable" in found.message


def test_a_comment_quoted_in_code_or_prose_is_not_a_suppression(lint_text):
    text = (
        TOP + "Write `<!-- foundry-disable-next-line placeholder -->` above it.\nTODO\n\n"
        "```html\n<!-- foundry-disable-file -->\n```\n\nTODO\n"
    )
    assert names_and_lines(lint_text(text, "notes.md")) == [("placeholder", 9), ("placeholder", 15)]


def test_comments_inside_quotes_and_lists_count(lint_text):
    text = TOP + "- item\n\n  <!-- foundry-disable-next-line -->\n  TODO\n"
    assert lint_text(text, "notes.md") == []


def test_a_multi_line_comment_covers_the_line_after_its_end(lint_text):
    text = TOP + "<!-- foundry-disable-next-line\n     placeholder -->\nTODO\n"
    assert lint_text(text, "notes.md") == []


def test_comments_trip_no_other_rule(lint_text, good_conventions):
    text = good_conventions.replace(
        "> A small stack used by the rule tests.",
        "<!-- foundry-disable-file placeholder -->\n\n> A small stack used by the rule tests. TODO",
    ).replace("## Checklist\n", "## Checklist\n\n<!-- foundry-disable-next-line checklist -->\n")
    checklist_comment = text.split("\n").index("<!-- foundry-disable-next-line checklist -->") + 1
    found = lint_text(text)
    assert names_and_lines(found) == [("unused-suppression", checklist_comment)]


def test_a_section_holding_only_a_suppression_comment_is_still_empty(lint_text):
    text = TOP + "## Empty\n\n<!-- foundry-disable-next-line placeholder -->\n\n## Full\n\nText.\n"
    assert ("empty-section", 8) in names_and_lines(lint_text(text, "notes.md"))


def test_template_rules_are_suppressed_too(lint_text, good_conventions):
    text = good_conventions.replace(
        "## Common Pitfalls", "<!-- foundry-disable-file missing-section -->\n\n## Pitfalls"
    )
    assert only(lint_text(text), "missing-section") == []
    assert only(lint_text(text), RULE) == []


def test_the_whole_library_lint_applies_them_as_the_editor_does(lint_stack):
    text = f"{TOP}<!-- foundry-disable-next-line fence-language -->\n{FENCE}\n"
    text += "<!-- foundry-disable-next-line placeholder -->\nDone.\n"
    found = lint_stack({"stacks/demo/notes.md": text, "stacks/demo/conventions.md": ""})
    assert [(d.path.name, d.name, d.line) for d in found if d.path.name == "notes.md"] == [
        ("notes.md", RULE, 13)
    ]
