"""FT401 data-syntax: the library's YAML, JSON and TOML files parse and are UTF-8.

Bad: an unclosed YAML list, a trailing comma in JSON, a TOML key without a value, bytes
that are not UTF-8. Good: files that parse (YAML custom tags included).
"""

from __future__ import annotations

import pytest

from foundry_app.core.diagnostics import Severity
from foundry_app.core.lint import check_data_file, lint_library

from .conftest import only

RULE = "data-syntax"


def place(diagnostics) -> list[tuple[int, int, str]]:
    return [(d.line, d.column, d.message) for d in only(diagnostics, RULE)]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("defaults.yml", "role: dev\nlevel: 1\nitems:\n  - a\n  - b\n"),
        ("template.yaml", "Resources:\n  Bucket: !Ref Name\n---\nsecond: doc\n"),
        ("contracts.json", '{"a": [1, 2], "b": {"c": null}}\n'),
        ("settings.toml", '[tool]\nname = "x"\n'),
        ("empty.yml", ""),
    ],
)
def test_good_files_parse(tmp_path, name, text):
    assert check_data_file(None, tmp_path / name, text) == []


def test_bad_yaml_is_reported_at_the_line_and_column_where_the_parser_stopped(tmp_path):
    text = "owner: platform\nreviewers: [alice, bob\nnext: 1\n"
    [found] = check_data_file(None, tmp_path / "contracts.yml", text)
    assert (found.name, found.rule, found.severity) == (RULE, "FT401", Severity.ERROR)
    assert found.line == 3 and found.column == 5
    assert found.message.startswith("YAML does not parse: ")


def test_bad_yaml_indentation(tmp_path):
    text = "a:\n  b: 1\n c: 2\n"
    assert place(check_data_file(None, tmp_path / "x.yaml", text))[0][:2] == (3, 2)


def test_bad_json_names_line_and_column(tmp_path):
    text = '{\n  "a": 1,\n  "b": 2,\n}\n'
    assert place(check_data_file(None, tmp_path / "x.json", text)) == [
        (4, 1, "JSON does not parse: Expecting property name enclosed in double quotes")
    ]


def test_bad_toml_names_line_and_column(tmp_path):
    text = '[tool]\nname = "x"\nbroken =\n'
    [(line, column, message)] = place(check_data_file(None, tmp_path / "x.toml", text))
    assert line == 3 and column >= 1
    assert message.startswith("TOML does not parse: ") and "(at line" not in message


# pins: a data file nested thousands deep is a diagnostic, in TOML as in JSON and YAML
@pytest.mark.parametrize(("name", "text"), [("deep.toml", "a = " + "[" * 5000 + "]" * 5000)])
def test_a_data_file_nested_thousands_deep_is_reported(tmp_path, name, text):
    [(line, _column, message)] = place(check_data_file(None, tmp_path / name, text + "\n"))
    assert line == 1 and "nested too deeply" in message


def test_column_stays_inside_the_line(tmp_path):
    [found] = check_data_file(None, tmp_path / "x.json", '{"a": 1')
    assert found.line == 1 and 1 <= found.column <= 7 and found.end_column == found.column + 1


def test_the_library_lint_checks_data_files_and_a_non_utf8_one_gets_a_diagnostic(make_library):
    library = make_library(
        {
            "personas/dev/contracts.yml": "a: [1, 2\n",
            "stacks/demo/conventions.md": "",
            "workflows/ok.json": "[1, 2]\n",
        }
    )
    binary = library.root / "personas" / "dev" / "defaults.yml"
    binary.write_bytes(b"\xff\xfe\x00b\x00i\x00n")
    library.rescan()
    report = lint_library(library, use_cache=False)
    found = [(d.path.name, d.line, d.name) for d in report.diagnostics if d.name == RULE]
    assert found == [("contracts.yml", 2, RULE), ("defaults.yml", 1, RULE)]
    [not_text] = [d for d in report.diagnostics if d.path == binary]
    assert "not UTF-8" in not_text.message
    assert report.unreadable == []


def test_the_rule_can_be_turned_off_in_library_toml(make_library):
    library = make_library({"workflows/bad.json": "{", "stacks/demo/conventions.md": ""})
    toml = library.root / "library.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + '\n[rules]\ndata-syntax = "off"\n', "utf-8")
    from foundry_app.core.library import Library

    reopened = Library.open(library.root)
    assert only(lint_library(reopened, use_cache=False).diagnostics, RULE) == []


def test_a_huge_data_file_is_reported_as_too_large_not_parsed(tmp_path):
    # parsing a 20 MB YAML list took most of a minute; past the cap the file is named, not parsed
    text = '{"k": [' + "1," * 3_000_000 + "1]}\n"
    found = place(check_data_file(None, tmp_path / "huge.json", text))
    assert len(found) == 1
    line, column, message = found[0]
    assert (line, column) == (1, 1)
    assert "too large to check" in message and "5,000,000" in message


def test_a_json_integer_of_thousands_of_digits_is_json(tmp_path):
    # Python reads 4,300 digits at most; JSON sets no limit, and the check raised before
    assert check_data_file(None, tmp_path / "x.json", '{"n": ' + "9" * 5000 + "}\n") == []


def test_nan_and_infinity_are_not_json_and_are_found_where_they_are(tmp_path):
    text = '{\n  "note": "NaN in a string is text",\n  "n": -Infinity\n}\n'
    assert place(check_data_file(None, tmp_path / "x.json", text)) == [
        (3, 8, "JSON does not parse: -Infinity is not JSON (JavaScript writes it)")
    ]


def test_a_toml_integer_of_thousands_of_digits_is_reported_at_its_place(tmp_path):
    text = '[tool]\nname = "x"\nbig = ' + "9" * 5000 + "\n"
    assert place(check_data_file(None, tmp_path / "x.toml", text)) == [
        (3, 7, "TOML does not parse: a number of more than 4,300 digits (TOML integers are 64-bit)")
    ]


def test_a_front_matter_integer_of_thousands_of_digits_is_valid_yaml():
    from foundry_app.core.document import Document

    front = Document("---\nserial: " + "7" * 5000 + "\n---\n# T\n").front_matter
    assert front is not None and front.error is None
    assert front.data["serial"] == "7" * 5000


def test_a_control_character_is_reported_where_it_is_on_one_line(tmp_path):
    text = "name: café\nnote: a\x07b\n"  # after a two-byte letter: libyaml counts bytes
    [(line, column, message)] = place(check_data_file(None, tmp_path / "x.yml", text))
    assert (line, column) == (2, 8)
    assert message == "YAML does not parse: control characters are not allowed (U+0007)"


@pytest.mark.parametrize("separator", ["\u2028", "\u0085"])
def test_a_line_separator_inside_a_value_shifts_no_line(tmp_path, separator):
    # libyaml breaks lines at these too (and stops at `b`); the file's lines do not
    text = f"a: x{separator}y\nb: [1\nc: 2\n"
    [(line, column, _message)] = place(check_data_file(None, tmp_path / "x.yml", text))
    assert (line, column) == (2, 1)  # it used to say line 3, or a line past the end
