"""FT108 front-matter-keys: the front matter holds the keys the template asks for.

Bad: no front matter, a missing key, an `id` that is not the folder name, a date that
does not parse or lies in the future, a value outside its list. Good: every key valid.
The checks run on a library in the newer layout opened with the standard template.
"""

from __future__ import annotations

import datetime

from newer_layout import PACK_FRONT_MATTER, make_newer_layout

from foundry_app.core.document import Document
from foundry_app.core.library import Library
from foundry_app.core.lint import check_document
from foundry_app.core.rules.template.front_matter_keys import value_problem
from foundry_app.core.template import FrontMatterKey

RULE = "front-matter-keys"


def lint_pack(tmp_path, text: str):
    library = Library.open(make_newer_layout(tmp_path / "lib"))
    path = library.root / "expertise" / "mlops" / "conventions.md"
    path.write_text(text, encoding="utf-8")
    return [d for d in check_document(library, path, Document(text)) if d.name == RULE]


def body_of(text: str) -> str:
    return text.split("---\n", 2)[2]


def test_good_pack_front_matter_has_no_finding(tmp_path):
    from helpers import GOOD_CONVENTIONS

    assert lint_pack(tmp_path, PACK_FRONT_MATTER + GOOD_CONVENTIONS) == []


def test_bad_wrong_id_is_reported_at_its_line_and_value(tmp_path):
    text = PACK_FRONT_MATTER.replace("id: mlops", "id: ml-ops") + "# MLOps\n"
    [found] = lint_pack(tmp_path, text)
    assert (found.line, found.column, found.end_column) == (2, 5, 11)  # "ml-ops", end exclusive
    assert "folder name 'mlops'" in found.message


def test_bad_missing_key_and_missing_block(tmp_path):
    text = PACK_FRONT_MATTER.replace("category: Data & ML\n", "") + "# MLOps\n"
    [found] = lint_pack(tmp_path, text)
    assert found.line == 1 and "no 'category'" in found.message
    [none] = lint_pack(tmp_path, "# MLOps\n\nBody.\n")
    assert none.line == 1 and "id, category, last-reviewed" in none.message


def test_bad_dates_are_reported_at_the_date_line(tmp_path):
    for date in ("2025-13", "June 2025", "2999-01", "2025-02-30"):
        text = PACK_FRONT_MATTER.replace("2025-06", date) + "# MLOps\n"
        [found] = lint_pack(tmp_path, text)
        assert found.line == 5, date


def test_invalid_yaml_is_left_to_front_matter_yaml(tmp_path):
    text = "---\nid: [mlops\n---\n# MLOps\n"
    assert lint_pack(tmp_path, text) == []


def test_front_matter_keys_apply_only_where_the_template_says(tmp_path):
    root = make_newer_layout(tmp_path / "lib")
    stack = root / "stacks" / "python" / "conventions.md"
    stack.parent.mkdir(parents=True)
    stack.write_text("# Python\n\nNo front matter in the older layout.\n", encoding="utf-8")
    library = Library.open(root)
    found = check_document(library, stack, Document(stack.read_text(encoding="utf-8")))
    assert [d for d in found if d.name == RULE] == []


def test_value_checks():
    today = datetime.date(2025, 6, 15)
    date = FrontMatterKey("reviewed", "date")
    assert value_problem(date, "2025-06", "x", today) == ""
    assert value_problem(date, datetime.date(2025, 6, 15), "x", today) == ""
    assert "future" in value_problem(date, datetime.date(2025, 6, 16), "x", today)
    assert "future" in value_problem(date, "2025-07", "x", today)
    assert "real date" in value_problem(date, "2025-00", "x", today)
    status = FrontMatterKey("status", one_of=("draft", "stable"))
    assert value_problem(status, "stable", "x") == ""
    assert "one of: draft, stable" in value_problem(status, "beta", "x")
    assert "true or false" in value_problem(FrontMatterKey("entry", "boolean"), "yes", "x")
    assert "text" in value_problem(FrontMatterKey("title", "text"), 5, "x")


def test_date_values_in_both_forms():
    today = datetime.date(2025, 6, 15)
    date = FrontMatterKey("last-reviewed", "date")
    assert value_problem(date, "2025-06-15", "x", today) == ""  # a quoted full date is text
    assert "future" in value_problem(date, "2025-06-16", "x", today)
    assert value_problem(date, datetime.datetime(2025, 6, 15, 9, 30), "x", today) == ""
    assert "real date" in value_problem(date, "2025-02-29", "x", today)  # not a leap year
    for unreadable in ("2025-6", "25-06", "2025/06", "", None, 202506):
        assert "YYYY-MM or YYYY-MM-DD" in value_problem(date, unreadable, "x", today), unreadable


def test_the_shipped_template_checks_last_reviewed_on_every_stack_file(lint_text):
    body = "# Notes\n\n> Short.\n"
    for date in ("2025-06", "2025-06-01"):
        good = f"---\nlast-reviewed: {date}\n---\n{body}"
        assert lint_text(good, "notes.md", rule=RULE) == [], date
    for date, problem in (("2999-01", "future"), ("2999-01-01", "future"), ("soon", "YYYY-MM")):
        [found] = lint_text(f"---\nlast-reviewed: {date}\n---\n{body}", "notes.md", rule=RULE)
        assert (found.line, found.column) == (2, 16) and problem in found.message, date
    [missing] = lint_text(body, "notes.md", rule=RULE)
    assert missing.line == 1 and "last-reviewed" in missing.message
    [no_key] = lint_text(f"---\nid: demo\n---\n{body}", "notes.md", rule=RULE)
    assert no_key.line == 1 and "no 'last-reviewed'" in no_key.message


def test_a_number_or_boolean_is_compared_as_the_file_writes_it():
    # YAML reads `id: 007` as 7 and `id: no` as False; the folder is named as written
    name = FrontMatterKey("id", "item-name")
    assert value_problem(name, 7, "007", written="007") == ""
    assert value_problem(name, False, "no", written="no") == ""
    assert "folder name '008'" in value_problem(name, 7, "008", written="007")
    flag = FrontMatterKey("draft", one_of=("true", "false"))
    assert value_problem(flag, False, "x", written="false") == ""
    assert "one of: true, false" in value_problem(flag, False, "x", written="False")


def test_an_alias_bomb_as_a_value_is_reported_in_brief_not_written_out(tmp_path):
    lines = ["---", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for n in range(1, 9):  # 9^9 leaves: written out, gigabytes
        lines.append(f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]")
    front = "\n".join([*lines, "id: *a8", "category: Data & ML", "last-reviewed: 2025-06", "---"])
    [found] = lint_pack(tmp_path, front + "\n# MLOps\n")
    assert "folder name 'mlops'" in found.message and len(found.message) < 400


def test_a_value_in_a_flow_mapping_is_found_after_its_own_key(tmp_path):
    mapping = "{was-id: 1, id: ml-ops, category: Data & ML, entry: true, last-reviewed: 2025-06}"
    text = f"---\n{mapping}\n---\n"
    [found] = lint_pack(tmp_path, text + "# MLOps\n")
    line = text.split("\n")[found.line - 1]
    assert line[found.column - 1 : found.end_column - 1] == "ml-ops"
