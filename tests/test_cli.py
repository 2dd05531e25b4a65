"""`foundry` through its real entry point: formats, exit codes, new-stack."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import GOOD_CONVENTIONS, ROOT, make_library


def foundry(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "foundry_app", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


BROKEN = GOOD_CONVENTIONS.replace(
    "| Tracking | MLflow | Weights & Biases for hosted dashboards; Neptune |",
    "| Tracking | MLflow |  |",
).replace("```python", "```")


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return make_library(
        tmp_path / "lib",
        {
            "good": {"conventions.md": GOOD_CONVENTIONS},
            "bad": {"conventions.md": BROKEN},
        },
    )


def test_version():
    result = foundry("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("foundry ")


def test_clean_library_exits_zero(tmp_path: Path):
    lib = make_library(tmp_path / "lib")
    result = foundry("lint", str(lib))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No problems in 1 file." in result.stdout


def test_text_output_names_path_line_column_rule(library: Path):
    result = foundry("lint", str(library), cwd=library)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "stacks/bad/conventions.md:12:22: error table-cell " in "\n".join(lines)
    assert any(
        line.startswith("stacks/bad/conventions.md:12:") and line.endswith("[FT104]")
        for line in lines
    )
    assert any(":33:1: error fence-language" in line for line in lines)
    assert lines[-1] == "Found 2 errors and 0 warnings in 2 files."


def test_json_output(library: Path):
    result = foundry("lint", "--format", "json", str(library / "stacks" / "bad"), cwd=library)
    assert result.returncode == 1
    rows = json.loads(result.stdout)
    assert {row["name"] for row in rows} == {"table-cell", "fence-language"}
    keys = {
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "rule",
        "name",
        "severity",
        "message",
    }
    assert all(set(row) == keys for row in rows)
    cell = next(row for row in rows if row["name"] == "table-cell")
    assert (cell["path"], cell["line"], cell["rule"]) == ("stacks/bad/conventions.md", 12, "FT104")


def test_github_output(library: Path):
    result = foundry("lint", "--format", "github", str(library / "stacks" / "bad"), cwd=library)
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith("::error file=stacks/bad/conventions.md,line=12,col=22,")
    assert "title=table-cell [FT104]::" in first


def test_single_good_file_is_clean(library: Path):
    result = foundry("lint", str(library / "stacks" / "good" / "conventions.md"))
    assert result.returncode == 0, result.stdout


def test_missing_path_is_usage_error(tmp_path: Path):
    result = foundry("lint", str(tmp_path / "nope"))
    assert result.returncode == 2
    assert "no such file or folder" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_folder_without_library_toml_is_usage_error(tmp_path: Path):
    result = foundry("lint", "--library", str(tmp_path))
    assert result.returncode == 2
    assert "not a library (no library.toml" in result.stderr


def test_invalid_template_is_usage_error(tmp_path: Path):
    lib = make_library(tmp_path / "lib")
    (lib / "library.toml").write_text("[kinds.stack\n", encoding="utf-8")
    result = foundry("lint", "--library", str(lib))
    assert result.returncode == 2
    assert "invalid TOML" in result.stderr


def test_non_utf8_file_is_unreadable_input(library: Path):
    (library / "stacks" / "good" / "latin1.md").write_bytes("# Caf\xe9\n".encode("latin-1"))
    result = foundry("lint", str(library))
    assert result.returncode == 2
    assert "latin1.md: cannot read: " in result.stderr
    assert "UTF-8" in result.stderr


def test_bad_format_is_usage_error(library: Path):
    assert foundry("lint", "--format", "xml", str(library)).returncode == 2


def test_env_variable_selects_library(library: Path):
    result = foundry("lint", env={"FOUNDRY_LIBRARY": str(library)}, cwd=library)
    assert result.returncode == 1
    assert "stacks/bad/conventions.md" in result.stdout


def test_list_rules_names_every_required_rule():
    result = foundry("lint", "--list-rules")
    assert result.returncode == 0
    for name in (
        "missing-file",
        "stack-name",
        "title",
        "missing-section",
        "section-order",
        "table-columns",
        "table-cell",
        "list-prefix",
        "numbered-list",
        "checklist",
        "fence-language",
        "code-syntax",
        "code-examples",
        "broken-link",
        "empty-section",
        "heading-increment",
    ):
        assert f" {name} " in result.stdout


def test_rules_doc_is_generated_from_registry():
    result = foundry("lint", "--list-rules", "--format", "markdown")
    assert result.returncode == 0
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == result.stdout, (
        "docs/rules.md is stale: run `uv run foundry lint --list-rules --format markdown "
        "> docs/rules.md`"
    )


def test_new_stack_scaffolds_a_stack_that_only_warns(library: Path):
    result = foundry("new-stack", "feature-flags", "--library", str(library))
    assert result.returncode == 0, result.stderr
    created = library / "stacks" / "feature-flags" / "conventions.md"
    assert created.is_file()
    lint = foundry("lint", "--format", "json", str(created.parent), cwd=library)
    rows = json.loads(lint.stdout)
    assert rows, "placeholders must be flagged"
    assert {row["name"] for row in rows} == {"placeholder"}
    assert {row["severity"] for row in rows} == {"warning"}
    assert lint.returncode == 0


@pytest.mark.parametrize(
    "name, reason",
    [
        ("../x", "cannot contain /"),
        ("My Stack", "not a valid stack name"),
        ("good", "already exists"),
        ("", "Type a name for the new stack"),
        ("x-", "a hyphen at the start or end"),
        ("My--Stack", "use lower-case letters, digits and single hyphens, e.g. 'feature-stores'"),
    ],
)
def test_new_stack_refuses_bad_names(library: Path, name: str, reason: str):
    before = sorted(p.name for p in (library / "stacks").iterdir())
    result = foundry("new-stack", name, "--library", str(library))
    assert result.returncode == 2
    assert reason in result.stderr
    assert sorted(p.name for p in (library / "stacks").iterdir()) == before
    assert not (library.parent / "x").exists()


def test_shipped_library_is_clean():
    result = foundry("lint", "ai-team-library")
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("No problems in ")


def test_select_and_ignore_filter_rules(library: Path):
    only = foundry("lint", "--format", "json", "--select", "table-cell", str(library))
    assert {row["name"] for row in json.loads(only.stdout)} == {"table-cell"}
    assert only.returncode == 1
    rest = foundry("lint", "--format", "json", "--ignore", "FT104,fence-language", str(library))
    assert json.loads(rest.stdout) == []
    assert rest.returncode == 0
    bad = foundry("lint", "--select", "no-such-rule", str(library))
    assert bad.returncode == 2
    assert "unknown rule 'no-such-rule'" in bad.stderr


def test_a_folder_outside_any_library_gets_the_generic_rules(tmp_path: Path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.md").write_text("# A\n\n```\ncode\n```\n", encoding="utf-8")
    (notes / ".hidden.md").write_text("# H\n\n```\nx\n```\n", encoding="utf-8")
    result = foundry("lint", "--format", "json", str(notes), cwd=tmp_path)
    rows = json.loads(result.stdout)
    assert [(row["path"], row["name"]) for row in rows] == [("notes/a.md", "fence-language")]


def test_init_writes_the_standard_template_once(tmp_path: Path):
    (tmp_path / "personas" / "dev").mkdir(parents=True)
    result = foundry("init", str(tmp_path))
    assert result.returncode == 0, result.stderr
    from foundry_app.core.template import builtin_template_text

    assert (tmp_path / "library.toml").read_text(encoding="utf-8") == builtin_template_text()
    again = foundry("init", str(tmp_path))
    assert again.returncode == 2 and "already exists" in again.stderr


def test_lint_inside_a_library_without_library_toml_uses_the_standard_template(tmp_path: Path):
    from newer_layout import make_newer_layout, persona_text

    root = make_newer_layout(tmp_path / "team")
    persona = root / "personas" / "core" / "developer" / "persona.md"
    persona.write_text(persona_text("Developer", leave_out="Scope"), encoding="utf-8")
    before = foundry("lint", "--no-cache", "--format", "json", str(root / "personas"), cwd=root)
    rows = json.loads(before.stdout)
    assert [(r["path"], r["name"]) for r in rows] == [
        ("personas/core/developer/persona.md", "missing-section")
    ]
    assert foundry("init", str(root)).returncode == 0
    after = foundry("lint", "--no-cache", "--format", "json", str(root / "personas"), cwd=root)
    assert json.loads(after.stdout) == rows, "the saved template lints identically"


def test_rule_settings_in_library_toml_apply_and_cli_options_apply_on_top(library: Path):
    toml = library / "library.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8") + '\n[rules]\nfence-language = "warning"\n', "utf-8"
    )
    result = foundry("lint", "--format", "json", str(library))
    rows = {(row["name"], row["severity"]) for row in json.loads(result.stdout)}
    assert rows == {("fence-language", "warning"), ("table-cell", "error")}
    assert result.returncode == 1
    ignored = foundry("lint", "--format", "json", "--ignore", "table-cell", str(library))
    assert [row["name"] for row in json.loads(ignored.stdout)] == ["fence-language"]
    assert ignored.returncode == 0, "a warning alone does not fail the lint"


def test_an_unknown_rule_in_library_toml_is_a_usage_error_with_its_line(library: Path):
    toml = library / "library.toml"
    text = toml.read_text(encoding="utf-8") + '\n[rules]\nfence-lang = "off"\n'
    toml.write_text(text, encoding="utf-8")
    result = foundry("lint", str(library))
    assert result.returncode == 2
    line = text.split("\n").index('fence-lang = "off"') + 1
    assert f"library.toml:{line}: rules.fence-lang: unknown rule 'fence-lang'" in result.stderr
    assert result.stdout == ""


def test_suppression_comments_in_foundry_lint(library: Path):
    path = library / "stacks" / "bad" / "conventions.md"
    text = (
        path.read_text(encoding="utf-8")
        .replace("## Defaults", "<!-- foundry-disable-file table-cell -->\n\n## Defaults")
        .replace(
            "```\nprint", "<!-- foundry-disable-next-line fence-language, nope -->\n```\nprint"
        )
    )
    path.write_text(text, encoding="utf-8")
    result = foundry("lint", "--format", "json", str(library))
    rows = [(row["name"], row["line"], row["message"]) for row in json.loads(result.stdout)]
    comment = text.split("\n").index("<!-- foundry-disable-next-line fence-language, nope -->")
    assert rows == [("unused-suppression", comment + 1, "unknown rule 'nope' in the comment")]
    assert result.returncode == 0


def test_data_files_that_do_not_parse_are_reported_by_foundry_lint(library: Path):
    persona = library / "personas" / "dev"
    persona.mkdir(parents=True)
    (persona / "contracts.yml").write_text("owner: a\nlist: [1, 2\nnext: 3\n", encoding="utf-8")
    (persona / "defaults.yml").write_bytes(b"name: caf\xe9\n")
    (library / "stacks" / "good" / "data.json").write_text('{"a": 1,}\n', encoding="utf-8")
    whole = foundry("lint", "--format", "json", "--select", "data-syntax", str(library))
    rows = [(Path(r["path"]).name, r["line"], r["column"]) for r in json.loads(whole.stdout)]
    assert sorted(rows) == [("contracts.yml", 3, 5), ("data.json", 1, 9), ("defaults.yml", 1, 1)]
    assert whole.returncode == 1 and "Traceback" not in whole.stderr
    one = foundry("lint", str(persona / "contracts.yml"))
    assert one.returncode == 1
    assert ":3:5: error data-syntax YAML does not parse: " in one.stdout
    assert "in 1 file." in one.stdout


def test_overlapping_paths_select_each_file_and_item_once(library: Path):
    from foundry_app.cli import select
    from foundry_app.core.library import Library

    opened = Library.open(library)
    everything = select(opened, None)
    bad = library / "stacks" / "bad"
    for paths in ([library], [library, bad], [bad, library, library / "stacks"]):
        files, items = select(opened, paths)
        assert sorted(files) == sorted(everything[0])
        assert sorted(i.path for i in items) == sorted(i.path for i in everything[1])
        assert len({id(i) for i in items}) == len(items)
    files, items = select(opened, [bad, bad / "conventions.md"])
    assert files == [bad / "conventions.md"]
    assert [i.path for i in items] == [bad]


# pins: a folder that holds libraries but lies in none (a repository, `foundry lint .`) is
# walked whole, and each file is linted by the library it is in; it used to lint only the
# bundled library when that lay below it, and nothing of a library of its own below it
def test_a_folder_holding_a_library_lints_every_file_by_its_own_library(tmp_path: Path):
    repo = tmp_path / "repo"
    library = make_library(repo / "team", {"ML_Ops": {"conventions.md": GOOD_CONVENTIONS}})
    (repo / "README.md").write_text("# Repo\n\n```\ncode\n```\n", encoding="utf-8")
    (repo / "docs").mkdir()
    (repo / "docs" / "guide.md").write_text("# Guide\n\n## Empty\n", encoding="utf-8")
    result = foundry("lint", "--format", "json", ".", cwd=repo)
    found = {(row["path"], row["name"]) for row in json.loads(result.stdout)}
    assert ("team/stacks/ML_Ops/conventions.md", "stack-name") in found  # the library's rules
    assert ("README.md", "fence-language") in found  # generic rules outside it
    assert ("docs/guide.md", "empty-section") in found
    assert not any(path.startswith(("ai-team-library", "..")) for path, _name in found)
    assert library.is_dir() and result.returncode == 1


def test_a_folder_with_nothing_to_lint_is_an_empty_clean_run(tmp_path: Path):
    empty = tmp_path / "empty"
    (empty / "sub").mkdir(parents=True)
    (empty / "sub" / "data.bin").write_bytes(b"\x00")
    result = foundry("lint", str(empty), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "No problems in 0 files.\n"


def test_a_library_inside_another_ones_folder_is_checked_once_by_its_own(tmp_path: Path):
    repo = tmp_path / "repo"
    make_library(repo / "outer", {"ml-ops": {"conventions.md": GOOD_CONVENTIONS}})
    make_library(repo / "outer" / "examples" / "inner", {"Bad_Name": {"conventions.md": "# X\n"}})
    result = foundry("lint", "--format", "json", ".", cwd=repo)
    rows = json.loads(result.stdout)
    inner = [row for row in rows if row["path"].startswith("outer/examples/inner/")]
    assert any(row["name"] == "stack-name" for row in inner)  # the inner library's template
    assert len(inner) == len({(r["path"], r["line"], r["rule"], r["message"]) for r in inner})
    summary = foundry("lint", ".", cwd=repo).stdout.rstrip().rsplit(" in ", 1)[1]
    assert summary == "2 files."  # each conventions.md once


def test_naming_a_file_of_a_library_inside_another_drops_none_of_the_outer_check(
    tmp_path: Path,
):
    outer = make_library(tmp_path / "outer", {"ok": {"conventions.md": GOOD_CONVENTIONS}})
    inner = make_library(outer / "examples" / "inner", {"ex": {"conventions.md": "# Ex\n"}})
    broken = inner / "stacks" / "ex" / "conventions.md"
    broken.write_text(GOOD_CONVENTIONS + "\nSee [gone](gone.md).\n", encoding="utf-8")
    (inner / "stacks" / "ex" / "bad.md").write_text("# Bad\n", encoding="utf-8")

    def broken_links(*paths: Path) -> set:
        result = foundry("lint", "--format", "json", *map(str, paths), cwd=tmp_path)
        return {r["path"] for r in json.loads(result.stdout) if r["name"] == "broken-link"}

    expected = {"outer/examples/inner/stacks/ex/conventions.md"}
    assert broken_links(outer) == expected
    assert broken_links(outer, broken.parent / "bad.md") == expected  # one more path adds
