"""library.toml is validated as a whole when it loads: closed key sets, strict types and
ranges, paths that stay inside the item; every error names the key and its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from foundry_app.core.library import Library
from foundry_app.core.template import (
    TemplateError,
    builtin_template,
    load_template,
    parse_template,
)

ROOT = Path(__file__).resolve().parents[2]

TEMPLATE = """\
[library]
name = "demo"
schema = 1

[kinds.stack]
title = "Stacks"
folder = "stacks"
name = "^[a-z0-9]+(-[a-z0-9]+)*$"
required-files = ["conventions.md"]
code-examples = 1

[kinds.stack.files."conventions.md"]
sections = [
  { heading = "Do / Don't", aliases = ["Dos and Don'ts"], content = "do-dont" },
  { heading = "Checklist", content = "tasks", min-items = 5 },
]

[kinds.stack.files."*.md"]
title = true
"""
SECTION = 'kinds.stack.files."conventions.md".sections'


def error_of(old: str, new: str) -> str:
    assert old in TEMPLATE, old
    with pytest.raises(TemplateError) as raised:
        parse_template(TEMPLATE.replace(old, new, 1))
    return str(raised.value)


def test_the_template_of_these_tests_is_valid():
    kinds = parse_template(TEMPLATE).kinds
    assert kinds[0].file_spec("conventions.md").sections[1].min_items == 5


def test_an_unknown_key_names_its_line_and_the_closest_allowed_key():
    message = error_of("min-items = 5", "min_items = 5")
    assert message == (
        f"library.toml:15: {SECTION}[1].min_items: unknown key (did you mean 'min-items'?)"
    )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "title = true",
            "titel = true",
            "kinds.stack.files.\"*.md\".titel: unknown key (did you mean 'title'?)",
        ),
        ("[library]", "[libary]", "libary: unknown key (did you mean 'library'?)"),
        ("schema = 1", "schema = 1\nowner = 'me'", "library.owner: unknown key"),
        ("code-examples = 1", "code-example = 1", "did you mean 'code-examples'?"),
        ('title = "Stacks"', 'colour = "red"', "kinds.stack.colour: unknown key (allowed: "),
    ],
)
def test_every_table_has_a_closed_set_of_keys(old, new, expected):
    assert expected in error_of(old, new)


@pytest.mark.parametrize(
    ("old", "new", "line", "expected"),
    [
        (
            'aliases = ["Dos and Don\'ts"]',
            'aliases = "Dos"',
            14,
            f"{SECTION}[0].aliases: must be a list of strings, not the string 'Dos'",
        ),
        (
            "code-examples = 1",
            "code-examples = true",
            10,
            "kinds.stack.code-examples: must be a whole number, not the boolean true",
        ),
        (
            'name = "^[a-z0-9]+(-[a-z0-9]+)*$"',
            "name = 5",
            8,
            "kinds.stack.name: must be a string, not the number 5",
        ),
        (
            "min-items = 5",
            "min-items = 1.5",
            15,
            f"{SECTION}[1].min-items: must be a whole number, not the number 1.5",
        ),
        (
            "min-items = 5",
            'min-items = "many"',
            15,
            f"{SECTION}[1].min-items: must be a whole number, not the string 'many'",
        ),
        (
            "min-items = 5",
            "min-items = -1",
            15,
            f"{SECTION}[1].min-items: must be at least 0, not -1",
        ),
        ("code-examples = 1", "code-examples = -2", 10, "must be at least 0, not -2"),
        ("title = true", "title = 1", 19, "must be true or false, not the number 1"),
        ("title = true", 'title = "yes"', 19, "must be true or false, not the string 'yes'"),
        ('title = "Stacks"', "title = false", 6, "kinds.stack.title: must be a string"),
        (
            'content = "tasks"',
            'content = "task"',
            15,
            "content: must be one of table, do-dont, bullets, numbered, tasks, any, not 'task'",
        ),
        (
            'name = "^[a-z0-9]+(-[a-z0-9]+)*$"',
            'name = "(["',
            8,
            "kinds.stack.name: is not a valid regular expression",
        ),
        (
            'required-files = ["conventions.md"]',
            'required-files = "conventions.md"',
            9,
            "must be a list of strings, not the string 'conventions.md'",
        ),
        (
            'required-files = ["conventions.md"]',
            "required-files = [1]",
            9,
            "kinds.stack.required-files[0]: must be a string, not the number 1",
        ),
        ('{ heading = "Checklist",', '{ heading = "",', 15, "heading: must not be empty"),
        ('{ heading = "Checklist",', "{", 15, f"{SECTION}[1].heading: is required"),
        ("schema = 1", "schema = 2", 3, "library.schema: this Foundry reads schema 1, not 2"),
        ('folder = "stacks"', "folder = []", 7, "must be a folder name or a list of"),
        ('folder = "stacks"', 'folder = ".hidden"', 7, "must be a plain folder name"),
        ('folder = "stacks"', "", 5, "kinds.stack.folder: is required"),
        (
            'content = "tasks", min-items = 5',
            'content = "any", min-items = 5',
            15,
            'min-items: applies only to a section with content = "tasks" or content = "bullets"',
        ),
        (
            'content = "do-dont"',
            'content = "do-dont", columns = ["A"]',
            14,
            'columns: applies only to a section with content = "table"',
        ),
        ("title = true", 'summary = { style = "box" }', 19, "summary.style: must be one of"),
        (
            "title = true",
            "summary = { max-lines = 0 }",
            19,
            "summary.max-lines: must be at least 1, not 0",
        ),
        (
            "title = true",
            "front-matter = { keys = [{ key = 'id', value = 'number' }] }",
            19,
            "front-matter.keys[0].value: must be one of any, text, item-name, date, boolean",
        ),
        (
            "title = true",
            "front-matter = { keys = [{ value = 'text' }] }",
            19,
            "front-matter.keys[0].key: is required",
        ),
        (
            "title = true",
            "front-matter = { keys = [{ key = 'id', requird = false }] }",
            19,
            "unknown key (did you mean 'required'?)",
        ),
    ],
)
def test_types_and_ranges_are_strict_and_nothing_is_coerced(old, new, line, expected):
    message = error_of(old, new)
    assert message.startswith(f"library.toml:{line}: "), message
    assert expected in message


def test_rules_and_overrides_are_let_through_for_their_own_reader():
    text = TEMPLATE + '\n[rules]\nplaceholder = "off"\n\n[[overrides]]\nfiles = ["x/*.md"]\n'
    assert parse_template(text).name == "demo"


def test_invalid_toml_names_its_line(tmp_path: Path):
    path = tmp_path / "library.toml"
    path.write_text("[library]\nname = \n", encoding="utf-8")
    with pytest.raises(TemplateError, match=rf"^{path}:2: invalid TOML: "):
        load_template(path)


# pins: arrays nested thousands deep are a template error, not a RecursionError traceback
def test_toml_nested_thousands_deep_is_a_template_error():
    with pytest.raises(TemplateError, match="nested too deeply"):
        parse_template("a = " + "[" * 5000 + "]" * 5000 + "\n")


def test_a_real_file_is_named_in_the_message(tmp_path: Path):
    path = tmp_path / "library.toml"
    path.write_text(TEMPLATE.replace("title = true", "titel = true"), encoding="utf-8")
    with pytest.raises(TemplateError, match=rf"^{path}:19: "):
        load_template(path)


def test_the_built_in_and_the_shipped_templates_load():
    assert {kind.key for kind in builtin_template().kinds} == {"stack", "persona"}
    shipped = load_template(ROOT / "ai-team-library" / "library.toml")
    assert shipped.kinds[0].required_files[0] == "conventions.md"
    assert Library.open(ROOT / "ai-team-library").items


# --- paths stay inside the item ------------------------------------------------------------


def assert_refused(old: str, new: str, where: str, expected: str) -> None:
    """The template with `old` replaced by `new` is refused at `where`, saying `expected`."""
    message = error_of(old, new)
    assert message.startswith(where), message
    assert expected in message


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ('["/etc/passwd.md"]', "is an absolute path"),
        ('["../../../x.md"]', "leads out of the item ('..')"),
        ('["sub/../../x.md"]', "leads out of the item ('..')"),
        ('["C:x.md"]', "starts with a drive letter"),
        ('["c:/x.md"]', "starts with a drive letter"),
        ('["..\\\\x.md"]', "holds a backslash"),
        ('["sub\\\\x.md"]', "holds a backslash"),
        ('["./x.md"]', "has an empty or '.' part"),
        ('["sub//x.md"]', "has an empty or '.' part"),
        ('["x.md/"]', "has an empty or '.' part"),
        ('["*.md"]', "is a pattern"),
        ('["a\\u0000.md"]', "holds a control character"),
        ('["conventions.md", "/tmp/x.md"]', "required-files[1]:"),
    ],
)
def test_required_files_stay_inside_the_item(files, expected):
    old, new = 'required-files = ["conventions.md"]', f"required-files = {files}"
    assert_refused(old, new, "library.toml:9: kinds.stack.required-files[", expected)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ('"../*.md"', "leads out of the item"),
        ('"/abs/*.md"', "is an absolute path"),
        ('"sub/*.md"', "cannot hold '/'"),
        ('"D:*.md"', "starts with a drive letter"),
    ],
)
def test_files_patterns_stay_inside_the_item(pattern, expected):
    old, new = '[kinds.stack.files."*.md"]', f"[kinds.stack.files.{pattern}]"
    assert_refused(old, new, "library.toml:18: kinds.stack.files.", expected)


@pytest.mark.parametrize(
    ("folder", "expected"),
    [
        ('"../stacks"', "leads out of the library"),
        ('"/srv/stacks"', "is an absolute path"),
        ('["stacks", "a/b"]', "folder[1]: 'a/b' must be a plain folder name"),
        ('"C:stacks"', "starts with a drive letter"),
    ],
)
def test_item_folders_stay_inside_the_library(folder, expected):
    assert_refused(
        'folder = "stacks"', f"folder = {folder}", "library.toml:7: kinds.stack.folder", expected
    )


def test_a_sub_folder_in_required_files_is_allowed():
    text = TEMPLATE.replace('["conventions.md"]', '["conventions.md", "guides/intro.md"]')
    assert parse_template(text).kinds[0].required_files == ("conventions.md", "guides/intro.md")


@pytest.mark.skipif(not hasattr(__import__("os"), "symlink"), reason="symlinks")
def test_a_new_item_is_never_written_through_a_kind_folder_linked_out(tmp_path: Path):
    from foundry_app.core.new_item import NewItemError, create_item

    outside = tmp_path / "outside"
    outside.mkdir()
    root = tmp_path / "lib"
    root.mkdir()
    (root / "library.toml").write_text(TEMPLATE, encoding="utf-8")
    (root / "stacks").symlink_to(outside)
    with pytest.raises(NewItemError, match="leads out of the library; nothing was written"):
        create_item(Library.open(root), "stack", "feature-flags")
    assert list(outside.iterdir()) == []


def test_a_name_pattern_that_backtracks_for_ever_answers_the_new_item_dialog(tmp_path: Path):
    from helpers import make_library

    from foundry_app.core.new_item import name_problem

    root = make_library(tmp_path / "lib")
    toml = (root / "library.toml").read_text(encoding="utf-8")
    (root / "library.toml").write_text(
        toml.replace('name = "^[a-z0-9]+(-[a-z0-9]+)*$"', 'name = "^(a|aa)+$"'), "utf-8"
    )
    library = Library.open(root)
    assert name_problem(library, "stack", "aaaa") is None
    problem = name_problem(library, "stack", "a" * 60 + "b")  # `re` would take years here
    assert problem is not None and problem.startswith("Cannot check 'aaaa")
    assert "simplify it in library.toml" in problem


def test_a_kind_with_its_name_pattern_crosses_to_a_child_process():
    import pickle

    kind = parse_template(TEMPLATE).kinds[0]
    copy = pickle.loads(pickle.dumps(kind))
    assert copy.name_pattern.search("ml-ops") and not copy.name_pattern.search("ML_Ops")


def test_an_integer_of_thousands_of_digits_is_a_template_error_at_its_line():
    message = error_of("min-items = 5", "min-items = " + "5" * 5000)
    assert message == "library.toml:15: invalid TOML: a number of more than 4,300 digits"


def test_a_name_pattern_that_pythons_re_refuses_is_refused():
    message = error_of('name = "^[a-z0-9]+(-[a-z0-9]+)*$"', r'name = "^\\p{L}+$"')
    assert "kinds.stack.name: is not a valid regular expression" in message
