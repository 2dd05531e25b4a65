"""FT101 missing-section: every section the template requires is present.

Bad: a conventions.md that jumps from `## Defaults` to `## Common Pitfalls`. Good: all
of Defaults, Do / Don't, Common Pitfalls and Checklist (aliases such as
`## Dos and Don'ts` count). The diagnostic sits where the section belongs and its fix
inserts a skeleton there.
"""

from __future__ import annotations

RULE = "missing-section"
ORDER = ["Defaults", "Do / Don't", "Common Pitfalls", "Checklist"]


def _h2(text: str) -> list[str]:
    return [line[3:] for line in text.split("\n") if line.startswith("## ")]


def test_bad_missing_middle_section_is_reported_where_it_belongs(
    lint_text, with_section, apply_fix
):
    text = with_section("Do / Don't", None)
    [found] = lint_text(text, rule=RULE)
    # The section belongs just before the next required section that is present.
    assert text.split("\n")[found.line - 1] == "## Common Pitfalls"
    assert (found.name, found.line, found.column) == (RULE, 15, 1)
    assert "Do / Don't" in found.message

    fixed = apply_fix(text, found)
    assert lint_text(fixed, rule=RULE) == []
    assert _h2(fixed) == [*ORDER, "Examples"]
    lines = fixed.split("\n")
    assert lines[14:19] == ["## Do / Don't", "", "- **Do** TODO.", "- **Don't** TODO.", ""]
    assert lines[19] == "## Common Pitfalls"


def test_bad_missing_first_section(lint_text, with_section, apply_fix):
    text = with_section("Defaults", None)
    [found] = lint_text(text, rule=RULE)
    assert found.line == 8
    fixed = apply_fix(text, found)
    assert _h2(fixed) == [*ORDER, "Examples"]
    assert lint_text(fixed, rule="table-columns") == []


def test_bad_missing_last_section_goes_after_the_previous_one(lint_text, with_section, apply_fix):
    text = with_section("Checklist", None)
    [found] = lint_text(text, rule=RULE)
    assert text.split("\n")[found.line - 1] == "## Examples"
    assert found.line == 25
    fixed = apply_fix(text, found)
    assert _h2(fixed) == [*ORDER, "Examples"]
    assert lint_text(fixed, rule=RULE) == []
    assert lint_text(fixed, rule="checklist") == []  # the skeleton has enough tasks


def test_bad_missing_last_section_at_end_of_file(lint_text, good_conventions, apply_fix):
    head = good_conventions[: good_conventions.index("## Checklist")]
    for text, line in ((head, 25), (head.rstrip("\n") + "\n", 24)):
        [found] = lint_text(text, rule=RULE)
        assert found.line == line  # the end of the file, after Common Pitfalls
        fixed = apply_fix(text, found)
        assert _h2(fixed) == ORDER
        assert "together.\n\n## Checklist\n\n- [ ] TODO.\n" in fixed  # one blank line before
        assert fixed.endswith("- [ ] TODO.\n")
        assert lint_text(fixed, rule=RULE) == []


def test_bad_every_missing_section_fixed_one_by_one(lint_text, apply_fix):
    for text in ("# Demo\n\nIntro.\n", "# Demo\n\nIntro."):
        found = lint_text(text, rule=RULE)
        assert [d.message for d in found] == [
            f"missing required section '## {h}' (it belongs here)" for h in ORDER
        ]
        assert {d.line for d in found} == {3 if text.endswith(".") else 4}
        while found:
            text = apply_fix(text, found[0])
            found = lint_text(text, rule=RULE)
        assert _h2(text) == ORDER
        assert text.startswith("# Demo\n\nIntro.\n\n## Defaults\n")


def test_good_all_sections_present(lint_text, good_conventions):
    assert lint_text(good_conventions, rule=RULE) == []


def test_good_alias_heading_counts(lint_text, good_conventions):
    text = good_conventions.replace("## Do / Don't", "## Dos and Don'ts")
    assert lint_text(text, rule=RULE) == []


def test_good_other_files_of_a_stack_need_no_sections(lint_text):
    assert lint_text("# Training\n\nText.\n", "model-training.md", rule=RULE) == []


def test_renamed_heading_of_close_spelling_is_renamed_not_duplicated(
    lint_text, good_conventions, apply_fix
):
    text = good_conventions.replace("## Common Pitfalls", "## Pitfall")
    [found] = lint_text(text, rule=RULE)
    assert (found.line, found.column, found.end_column) == (20, 4, 11)
    assert found.fix.title == "Rename heading to 'Common Pitfalls'"
    assert "'## Pitfall'" in found.message
    assert apply_fix(text, found) == good_conventions


def test_the_only_other_heading_in_the_place_is_renamed(lint_text, good_conventions, apply_fix):
    text = good_conventions.replace("## Common Pitfalls", "## Gotchas ##")
    [found] = lint_text(text, rule=RULE)
    assert found.fix.title == "Rename heading to 'Common Pitfalls'"
    assert apply_fix(text, found) == good_conventions.replace(
        "## Common Pitfalls", "## Common Pitfalls ##"
    )


def test_two_candidates_in_the_place_get_the_skeleton(lint_text, good_conventions):
    text = good_conventions.replace("## Common Pitfalls", "## Gotchas\n\nText.\n\n## History")
    [found] = lint_text(text, rule=RULE)
    assert found.fix.title == "Insert a 'Common Pitfalls' section"
