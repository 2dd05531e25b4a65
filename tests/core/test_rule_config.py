"""`[rules]` and `[[overrides]]` in library.toml: parsing, errors with lines, and their effect
on a lint (through the cache and the one-buffer check alike)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from helpers import GOOD_CONVENTIONS, SHIPPED_LIBRARY, make_library
from hypothesis import given
from hypothesis import strategies as st

from foundry_app.core.diagnostics import Severity
from foundry_app.core.document import Document
from foundry_app.core.library import Library, LibraryError
from foundry_app.core.lint import check_document, lint_library
from foundry_app.core.lint_cache import CACHE_ENV
from foundry_app.core.path_glob import PathGlob
from foundry_app.core.rule_config import parse_rule_config, relative_path
from foundry_app.core.template import TemplateError, parse_template

# A stack with a bare fence (fence-language, an error) and a TODO (placeholder, a warning).
BARE_FENCE = GOOD_CONVENTIONS.replace("```python", "```") + "\nTODO: more examples.\n"


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    return folder


def shipped_toml() -> str:
    return (SHIPPED_LIBRARY / "library.toml").read_text(encoding="utf-8")


def library_with(tmp_path: Path, settings: str, files: dict[str, str] | None = None) -> Library:
    root = make_library(tmp_path / "lib", {"demo": {"conventions.md": BARE_FENCE}})
    (root / "library.toml").write_text(shipped_toml() + "\n" + settings, encoding="utf-8")
    for relative, text in (files or {}).items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
    return Library.open(root)


def found(report_or_list, root: Path) -> list[tuple[str, str, str]]:
    diagnostics = getattr(report_or_list, "diagnostics", report_or_list)
    return sorted(
        (d.path.relative_to(root).as_posix(), d.name, str(d.severity)) for d in diagnostics
    )


def test_without_settings_rules_keep_their_registered_severity(tmp_path: Path):
    library = library_with(tmp_path, "")
    assert found(lint_library(library), library.root) == [
        ("stacks/demo/conventions.md", "fence-language", "error"),
        ("stacks/demo/conventions.md", "placeholder", "warning"),
    ]


def test_rules_table_sets_severity_by_name_and_by_id(tmp_path: Path):
    library = library_with(tmp_path, '[rules]\nfence-language = "warning"\nFT006 = "off"\n')
    assert found(lint_library(library), library.root) == [
        ("stacks/demo/conventions.md", "fence-language", "warning"),
    ]


def test_a_warning_can_be_raised_to_an_error(tmp_path: Path):
    library = library_with(tmp_path, '[rules]\nplaceholder = "error"\n')
    assert ("stacks/demo/conventions.md", "placeholder", "error") in found(
        lint_library(library), library.root
    )


OVERRIDES = """\
[[overrides]]
files = ["claude/**/*.md"]
ignore = ["fence-language"]
rules = { placeholder = "error" }

[[overrides]]
files = ["claude/commands/keep.md"]
rules = { fence-language = "warning" }
"""

CLAUDE_FILES = {
    "claude/commands/deep/run.md": "# Run\n\n```\nuv run x\n```\n\nTODO\n",
    "claude/commands/keep.md": "# Keep\n\n```\nuv run x\n```\n",
    "workflows/flow.md": "# Flow\n\n```\nuv run x\n```\n",
}


def test_overrides_match_globs_from_the_library_root_and_later_ones_win(tmp_path: Path):
    library = library_with(tmp_path, OVERRIDES, CLAUDE_FILES)
    result = found(lint_library(library), library.root)
    assert ("claude/commands/deep/run.md", "placeholder", "error") in result
    deep = [r for r in result if r[0] == "claude/commands/deep/run.md"]
    assert deep == [("claude/commands/deep/run.md", "placeholder", "error")]
    assert ("claude/commands/keep.md", "fence-language", "warning") in result
    assert ("workflows/flow.md", "fence-language", "warning") in result, "no glob matches it"
    assert ("stacks/demo/conventions.md", "fence-language", "error") in result


def test_overrides_win_over_the_rules_table(tmp_path: Path):
    settings = '[rules]\nfence-language = "off"\n\n' + OVERRIDES
    library = library_with(tmp_path, settings, CLAUDE_FILES)
    result = found(lint_library(library), library.root)
    assert ("claude/commands/keep.md", "fence-language", "warning") in result
    fences = [r for r in result if r[1] == "fence-language"]
    assert fences == [("claude/commands/keep.md", "fence-language", "warning")]


def test_the_buffer_check_of_the_app_uses_the_same_settings(tmp_path: Path):
    library = library_with(tmp_path, OVERRIDES, CLAUDE_FILES)
    path = library.root / "claude" / "commands" / "deep" / "run.md"
    diagnostics = check_document(library, path, Document(path.read_text(encoding="utf-8")))
    assert [(d.name, d.severity) for d in diagnostics] == [("placeholder", Severity.ERROR)]


def test_a_changed_setting_is_not_served_from_the_cache(tmp_path: Path):
    library = library_with(tmp_path, "")
    assert lint_library(library).parsed == 1
    assert lint_library(library).parsed == 0, "the second run reads the cache"
    toml = library.root / "library.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + '[rules]\nFT004 = "off"\n', "utf-8")
    reopened = Library.open(library.root)
    report = lint_library(reopened)
    assert found(report, library.root) == [("stacks/demo/conventions.md", "placeholder", "warning")]
    again = lint_library(reopened)
    assert again.parsed == 0 and found(again, library.root) == found(report, library.root)


def test_item_rules_follow_overrides_by_the_item_folder(tmp_path: Path):
    settings = '[[overrides]]\nfiles = ["stacks/demo"]\nignore = ["FT201"]\n'
    library = library_with(tmp_path, settings)
    (library.root / "stacks" / "demo" / "conventions.md").unlink()
    (library.root / "stacks" / "demo" / "notes.md").write_text("# Notes\n\nText.\n", "utf-8")
    library.rescan()
    names = {d.name for d in lint_library(library).diagnostics}
    assert "missing-file" not in names


@pytest.mark.parametrize(
    ("glob", "path", "matches"),
    [
        ("claude/**/*.md", "claude/commands/run.md", True),
        ("claude/**/*.md", "claude/run.md", True),
        ("claude/**/*.md", "claude/commands/deep/run.md", True),
        ("claude/*.md", "claude/commands/run.md", False),
        ("**/README.md", "README.md", True),
        ("**/README.md", "stacks/x/README.md", True),
        ("stacks/*/conventions.md", "stacks/mlops/conventions.md", True),
        ("stacks/*/conventions.md", "expertise/mlops/conventions.md", False),
        ("stacks/**", "stacks/mlops", True),
        ("notes?.md", "notes1.md", True),
        ("a+b.md", "a+b.md", True),
    ],
)
def test_globs(glob: str, path: str, matches: bool):
    assert PathGlob(glob).matches(path) is matches


def error_of(settings: str) -> str:
    text = shipped_toml() + "\n" + settings
    with pytest.raises(TemplateError) as caught:
        parse_template(text, "library.toml")
    return str(caught.value)


def line_of(settings: str, needle: str) -> int:
    text = shipped_toml() + "\n" + settings
    return text.split("\n").index(needle) + 1


def test_an_unknown_rule_name_is_an_error_at_its_line():
    settings = '[rules]\nplaceholder = "off"\nfence-languag = "warning"\n'
    line = line_of(settings, 'fence-languag = "warning"')
    assert error_of(settings) == (
        f"library.toml:{line}: rules.fence-languag: unknown rule 'fence-languag' "
        "(did you mean 'fence-language'?) (see foundry lint --list-rules)"
    )


def test_a_bad_level_is_an_error_at_its_line():
    settings = '[rules]\nFT004 = "warn"\n'
    message = error_of(settings)
    line = line_of(settings, 'FT004 = "warn"')
    assert message.startswith(f"library.toml:{line}: rules.FT004:")
    assert "'warn' is not a level" in message
    assert "'true' is not" not in error_of("[rules]\nFT004 = true\n")
    assert "True is not a level" in error_of("[rules]\nFT004 = true\n")


def test_override_errors_name_the_entry_and_the_line():
    settings = (
        '[[overrides]]\nfiles = ["a/*.md"]\nignore = ["title"]\n\n'
        '[[overrides]]\nfiles = ["b/*.md"]\nignore = ["no-such-rule"]\n'
    )
    line = line_of(settings, 'ignore = ["no-such-rule"]')
    assert error_of(settings).startswith(
        f"library.toml:{line}: overrides[1].ignore[0]: unknown rule 'no-such-rule'"
    )
    typo = '[[overrides]]\nfiles = ["a/*.md"]\nignores = ["title"]\n'
    typo_line = line_of(typo, 'ignores = ["title"]')
    assert error_of(typo) == (
        f"library.toml:{typo_line}: overrides[0].ignores: unknown key (did you mean 'ignore'?)"
    )
    level = '[[overrides]]\nfiles = ["a/*.md"]\nrules = { title = "loud" }\n'
    level_line = line_of(level, 'rules = { title = "loud" }')
    assert error_of(level).startswith(f"library.toml:{level_line}: overrides[0].rules.title:")
    assert "files" in error_of('[[overrides]]\nignore = ["title"]\n')
    for outside in ("../x/*.md", "./stacks/**", "/abs/*.md"):  # ./ matched nothing, silently
        message = error_of(f'[[overrides]]\nfiles = ["{outside}"]\n')
        assert "a glob is a path from the library root (no ./, ../ or /)" in message
    too_long = error_of(f'[[overrides]]\nfiles = ["{"*" * 1001}"]\n')
    assert too_long.endswith("is 1,001 characters long; a glob may have 1,000")


def test_library_open_refuses_bad_settings(tmp_path: Path):
    root = make_library(tmp_path / "lib")
    (root / "library.toml").write_text(shipped_toml() + '\n[rules]\nnope = "off"\n', "utf-8")
    with pytest.raises(LibraryError, match=re.escape("rules.nope: unknown rule 'nope'")):
        Library.open(root)


def test_digest_follows_the_settings():
    empty = parse_rule_config({}, "", "library.toml")
    one = parse_rule_config({"rules": {"FT004": "off"}}, "", "library.toml")
    same = parse_rule_config({"rules": {"fence-language": "off"}}, "", "library.toml")
    assert empty.digest != one.digest
    assert one.digest == same.digest, "a name and its id are the same setting"


def test_files_outside_the_library_get_no_library_settings(tmp_path: Path):
    library = library_with(tmp_path, '[rules]\nfence-language = "off"\n')
    outside = tmp_path / "elsewhere" / "notes.md"
    outside.parent.mkdir()
    text = "# Notes\n\n```\nx\n```\n"
    outside.write_text(text, encoding="utf-8")
    assert [d.name for d in check_document(library, outside, Document(text))] == ["fence-language"]
    assert os.path.exists(outside)


def test_a_glob_that_names_a_folder_covers_the_files_in_it(tmp_path: Path):
    settings = '[[overrides]]\nfiles = ["claude"]\nignore = ["FT004"]\n'
    result = found(lint_library(library_with(tmp_path, settings, CLAUDE_FILES)), tmp_path / "lib")
    assert [r for r in result if r[0].startswith("claude/")] == [
        ("claude/commands/deep/run.md", "placeholder", "warning")
    ]
    assert ("workflows/flow.md", "fence-language", "warning") in result


OUTSIDE = {
    "claude/commands/run.md": "# Run\n\n```\nuv run x\n```\n\n### Jump\n\nText.\n\n## Empty\n",
    "claude/commands/broken.md": "# Broken\n\nSee [gone](gone.md).\n\n```python\ndef (:\n```\n",
}


def test_outside_any_kind_style_rules_are_warnings_and_real_breaks_stay_errors(tmp_path: Path):
    library = library_with(tmp_path, "", OUTSIDE)
    result = found(lint_library(library), library.root)
    assert [r for r in result if r[0].startswith("claude/")] == [
        ("claude/commands/broken.md", "broken-link", "error"),
        ("claude/commands/broken.md", "code-syntax", "error"),
        ("claude/commands/run.md", "empty-section", "warning"),
        ("claude/commands/run.md", "fence-language", "warning"),
        ("claude/commands/run.md", "heading-increment", "warning"),
    ]
    assert ("stacks/demo/conventions.md", "fence-language", "error") in result, "a kind's file"


def test_the_rules_table_can_make_them_errors_again(tmp_path: Path):
    library = library_with(tmp_path, '[rules]\nfence-language = "error"\n', OUTSIDE)
    result = found(lint_library(library), library.root)
    assert ("claude/commands/run.md", "fence-language", "error") in result
    assert ("claude/commands/run.md", "empty-section", "warning") in result


def test_outside_a_library_the_style_rules_are_warnings_too(tmp_path: Path):
    text = "# Notes\n\n```\nx\n```\n"
    [found_one] = check_document(None, tmp_path / "notes.md", Document(text))
    assert (found_one.name, found_one.severity) == ("fence-language", Severity.WARNING)


@pytest.mark.parametrize(
    ("path", "root"),
    [
        ("/lib/stacks/a/conventions.md", "/lib"),
        ("/lib", "/lib"),
        ("/library/x.md", "/lib"),  # a longer name, not a folder inside
        ("/lib2/x.md", "/lib"),
        ("/x.md", "/"),
        ("/lib/a/../b.md", "/lib"),
        ("/other/x.md", "/lib"),
        ("/lib/sp ace/ünï/x\u2028y.md", "/lib"),
    ],
)
def test_relative_path_is_what_pathlib_says(path: str, root: str):
    from pathlib import PurePosixPath

    try:
        expected = PurePosixPath(Path(path).relative_to(Path(root))).as_posix()
    except ValueError:
        expected = None
    assert relative_path(Path(path), Path(root)) == expected


def _glob_as_regex(glob: str) -> re.Pattern[str]:
    """The glob as the backtracking regex it once was: the reference for what it matches."""
    out = []
    for piece in re.split(r"(\*\*/|\*\*|\*|\?)", glob):
        out.append(
            {"**/": "(?:[^/]+/)*", "**": ".*", "*": "[^/]*", "?": "[^/]"}.get(piece)
            or re.escape(piece)
        )
    return re.compile("".join(out))


@given(
    glob=st.lists(st.sampled_from(["a", "b", "/", "*", "?", "**/", "**"]), max_size=8).map("".join),
    path=st.text(alphabet="ab/", max_size=10),
)
def test_a_glob_matches_what_its_regex_matched(glob: str, path: str):
    assert PathGlob(glob).matches(path) is bool(_glob_as_regex(glob).fullmatch(path))


@pytest.mark.parametrize(
    ("glob", "miss", "hit"),
    [
        ("**/" * 40 + "x", "a/" * 200 + "y", "a/" * 200 + "x"),
        ("*a" * 30 + "b", "a" * 250, "a" * 250 + "b"),
        ("**a" * 30, "a/" * 200, "a/" * 200 + "a"),
    ],
)
def test_a_glob_that_would_backtrack_answers_at_once(glob: str, miss: str, hit: str):
    # as a regex, each of these runs for hours on its first path
    assert PathGlob(glob).matches(miss) is False
    assert PathGlob(glob).matches(hit) is True


def test_a_glob_of_a_thousand_stars_is_one_step():
    assert PathGlob("*" * 1000 + ".md").matches("notes.md")
    assert len(PathGlob("*" * 1000 + "**" + "**/" * 300 + "x")._steps) == 2
