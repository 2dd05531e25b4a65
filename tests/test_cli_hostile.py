"""`foundry lint` driven the unkind way, through the real entry point: odd inputs, pipes that
close early, several libraries at once. Each case once gave a wrong exit code or hung."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import GOOD_CONVENTIONS, ROOT, make_library
from test_cli import BROKEN, foundry


@pytest.fixture
def broken_library(tmp_path: Path) -> Path:
    return make_library(tmp_path / "broken", {"bad": {"conventions.md": BROKEN}})


def test_two_libraries_on_one_command_line_each_use_their_own_template(
    tmp_path: Path, broken_library: Path
):
    alone = foundry("lint", "--format", "json", str(broken_library))
    together = foundry(
        "lint", "--format", "json", str(ROOT / "ai-team-library"), str(broken_library)
    )
    assert alone.returncode == together.returncode == 1
    found_alone = {(r["rule"], r["line"]) for r in json.loads(alone.stdout)}
    found_together = {
        (r["rule"], r["line"]) for r in json.loads(together.stdout) if "broken" in r["path"]
    }
    assert found_alone and found_together == found_alone


def test_overlapping_paths_report_each_finding_once(broken_library: Path):
    stack = broken_library / "stacks" / "bad"
    once = json.loads(foundry("lint", "--format", "json", str(broken_library)).stdout)
    twice = json.loads(foundry("lint", "--format", "json", str(stack), str(broken_library)).stdout)
    assert sorted(map(json.dumps, twice)) == sorted(map(json.dumps, once))


def test_a_device_is_refused_not_read(tmp_path: Path):
    result = foundry("lint", "/dev/zero")
    assert result.returncode == 2
    assert "not a regular file" in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_named_like_markdown_is_refused_without_blocking(tmp_path: Path):
    fifo = tmp_path / "x.md"
    os.mkfifo(fifo)
    result = foundry("lint", str(fifo))  # the helper's timeout fails the test if it blocks
    assert result.returncode == 2
    assert "not a regular file" in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_inside_a_library_does_not_block_the_lint(broken_library: Path):
    os.mkfifo(broken_library / "stacks" / "bad" / "pipe.md")
    result = foundry("lint", str(broken_library))  # the helper's timeout fails a hang
    assert result.returncode == 1
    assert "table-cell" in result.stdout  # the real files were checked


def test_a_file_over_the_size_cap_is_refused(tmp_path: Path):
    from foundry_app.core.storage import MAX_FILE_BYTES

    big = tmp_path / "big.md"
    with big.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    result = foundry("lint", str(big))
    assert result.returncode == 2
    assert "larger than" in result.stderr


def test_a_file_that_is_not_markdown_is_refused(tmp_path: Path):
    notes = tmp_path / "notes.txt"
    notes.write_text("# Title\n", encoding="utf-8")
    result = foundry("lint", str(notes))
    assert result.returncode == 2
    assert "not a Markdown file" in result.stderr


def test_errors_piped_into_a_reader_that_leaves_still_exit_one(broken_library: Path):
    command = [sys.executable, "-m", "foundry_app", "lint", str(broken_library)]
    with subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as run:
        assert run.stdout is not None
        run.stdout.close()  # like `| true`: nobody reads
        _, err = run.communicate(timeout=120)
    assert run.returncode == 1
    assert b"Traceback" not in err


def test_an_unreadable_file_never_says_no_problems(tmp_path: Path):
    lib = make_library(tmp_path / "lib")
    bad = lib / "stacks" / "example" / "latin1.md"
    bad.write_bytes("# Caf\xe9\n".encode("latin-1"))
    result = foundry("lint", str(bad))
    assert result.returncode == 2
    assert "No problems" not in result.stdout
    assert "could not be read" in result.stdout


def test_select_that_selects_nothing_is_a_usage_error(broken_library: Path):
    result = foundry("lint", "--select=,", str(broken_library))
    assert result.returncode == 2
    assert "no rule" in result.stderr


def test_a_bad_foundry_library_does_not_block_a_file_outside_any_library(tmp_path: Path):
    outside = tmp_path / "loose" / "notes.md"
    outside.parent.mkdir()
    outside.write_text("# Notes\n\nFine.\n", encoding="utf-8")
    result = foundry("lint", str(outside), env={"FOUNDRY_LIBRARY": str(tmp_path / "missing")})
    assert result.returncode == 0, result.stderr
    assert "No problems in 1 file." in result.stdout


def test_a_file_name_with_a_newline_stays_on_one_output_line(tmp_path: Path):
    lib = make_library(tmp_path / "lib")
    odd = lib / "stacks" / "example" / "two\nlines.md"
    odd.write_text("No title here.\n", encoding="utf-8")
    result = foundry("lint", str(lib), cwd=lib)
    lines = [line for line in result.stdout.splitlines() if "title" in line]
    assert lines and all(line.startswith("stacks/example/two\\nlines.md:") for line in lines)


def test_list_rules_refuses_the_github_format():
    result = foundry("lint", "--list-rules", "--format", "github")
    assert result.returncode == 2
    assert "github" in result.stderr


def test_good_conventions_still_lint_clean(tmp_path: Path):
    lib = make_library(tmp_path / "lib", {"demo": {"conventions.md": GOOD_CONVENTIONS}})
    assert foundry("lint", str(lib)).returncode == 0


@pytest.mark.parametrize("name", ["con", "nul", "aux", "com1", "a" * 300])
def test_new_stack_refuses_reserved_and_overlong_names_clearly(broken_library: Path, name: str):
    result = foundry("new-stack", name, "--library", str(broken_library))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "Errno" not in result.stderr
    assert not (broken_library / "stacks" / name[:255]).exists()


def test_new_stack_when_stacks_is_a_file_says_so(tmp_path: Path):
    lib = make_library(tmp_path / "lib", {})
    (lib / "stacks").rmdir() if (lib / "stacks").is_dir() else None
    (lib / "stacks").write_text("not a folder\n", encoding="utf-8")
    result = foundry("new-stack", "feature-flags", "--library", str(lib))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "is a file" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_new_stack_in_a_read_only_stacks_folder_writes_nothing(broken_library: Path):
    stacks = broken_library / "stacks"
    stacks.chmod(0o555)
    try:
        result = foundry("new-stack", "feature-flags", "--library", str(broken_library))
    finally:
        stacks.chmod(0o755)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert not (stacks / "feature-flags").exists()


def test_github_annotations_use_an_inclusive_end_column_on_one_line():
    from foundry_app.core.diagnostics import Diagnostic, Severity
    from foundry_app.lint_output import _github

    one_line = Diagnostic(Path("a.md"), 3, 5, 3, 9, "FT006", "placeholder", Severity.WARNING, "m")
    assert ",line=3,col=5,endColumn=8," in _github(one_line)  # columns 5..8 are the word
    spanning = Diagnostic(Path("a.md"), 3, 5, 6, 2, "FT003", "empty-section", Severity.ERROR, "m")
    annotation = _github(spanning)
    assert "endLine=6" in annotation and "col=" not in annotation  # GitHub refuses columns here


def _with_template(lib: Path, old: str, new: str) -> None:
    toml = lib / "library.toml"
    text = toml.read_text(encoding="utf-8")
    assert old in text
    toml.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_typo_in_library_toml_stops_lint_with_the_key_and_its_line(broken_library: Path):
    _with_template(broken_library, "min-items = 5", "min_items = 5")
    result = foundry("lint", str(broken_library))
    assert result.returncode == 2 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line == (
        f"foundry: {broken_library / 'library.toml'}:19: "
        'kinds.stack.files."conventions.md".sections[3].min_items: '
        "unknown key (did you mean 'min-items'?)"
    )


@pytest.mark.parametrize(
    "required", ['["conventions.md", "/tmp/escaped.md"]', '["../../../escaped.md"]']
)
def test_new_stack_refuses_template_paths_outside_the_item(tmp_path: Path, required: str):
    lib = make_library(tmp_path / "lib", {})
    _with_template(lib, 'required-files = ["conventions.md"]', f"required-files = {required}")
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    result = foundry("new-stack", "feature-flags", "--library", str(lib), cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "kinds.stack.required-files[" in result.stderr and ":11: " in result.stderr
    assert sorted(str(p) for p in tmp_path.rglob("*")) == before
    assert not Path("/tmp/escaped.md").exists()


def test_new_stack_that_fails_half_way_leaves_nothing_behind(tmp_path: Path):
    lib = make_library(tmp_path / "lib", {})
    old = 'required-files = ["conventions.md"]'
    _with_template(lib, old, 'required-files = ["conventions.md", "sub/x.md"]')
    result = foundry("new-stack", "feature-flags", "--library", str(lib))
    assert result.returncode == 2 and "nothing was written" in result.stderr
    assert not (lib / "stacks" / "feature-flags").exists()


@pytest.mark.parametrize("name", ["My Stack", "bad", "con", "a" * 300, ""])
def test_new_stack_says_what_the_new_stack_dialog_says(broken_library: Path, name: str):
    from foundry_app.core.library import Library
    from foundry_app.core.new_item import name_problem

    words = name_problem(Library.open(broken_library), "stack", name)
    result = foundry("new-stack", name, "--library", str(broken_library))
    assert result.returncode == 2 and words
    assert result.stderr == f"foundry: {words}\n"


def _run_bytes(*args: str, **options) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "foundry_app", *args]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **options}
    return subprocess.run(command, cwd=ROOT, env=env, timeout=120, **streams)


# pins: a file name with a byte that is not UTF-8 gives valid UTF-8 in every format (the
# JSON parses, the byte reads \xff), instead of a raw byte or a UnicodeEncodeError
@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_a_name_with_a_byte_that_is_not_utf8_gives_valid_output(tmp_path: Path, fmt: str):
    lib = make_library(tmp_path / "lib")
    odd = lib / "stacks" / "example" / os.fsdecode(b"odd\xff.md")
    try:
        odd.write_text("No title here.\n", encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system refuses a name that is not UTF-8")
    result = _run_bytes("lint", "--format", fmt, str(lib))
    assert result.returncode == 1, result.stderr
    assert b"Traceback" not in result.stderr
    out = result.stdout.decode("utf-8")  # strict: raises on a raw byte
    if fmt == "json":
        assert any(row["path"].endswith("odd\\xff.md") for row in json.loads(out))
    else:
        assert "odd\\xff.md" in out


# pins: text from a file (a heading) cannot put a terminal escape or a line break into the
# output: one diagnostic stays one line, and ESC is written out
@pytest.mark.parametrize("fmt", ["text", "github"])
def test_control_characters_from_a_file_are_escaped_in_messages(tmp_path: Path, fmt: str):
    lib = make_library(tmp_path / "lib")
    text = "# Title\n\n## Odd \x1b[31mred\x0b\u2028heading\n\n### Skipped level\n"
    (lib / "stacks" / "example" / "notes.md").write_text(text, encoding="utf-8")
    result = _run_bytes("lint", "--format", fmt, str(lib))
    out = result.stdout.decode("utf-8")
    assert "\x1b" not in out and "\x0b" not in out and "\u2028" not in out
    assert len(out.splitlines()) == out.count("\n")


# pins: a report that cannot be written (no stdout, a full disk) is exit 2 with a reason,
# never a traceback and exit 1 that reads like "problems found"
def test_a_report_that_cannot_be_written_is_a_usage_error(tmp_path: Path):
    lib = make_library(tmp_path / "lib")
    if os.path.exists("/dev/full"):
        with open("/dev/full", "wb") as full:
            result = _run_bytes("lint", str(lib), stdout=full, stderr=subprocess.PIPE)
        assert result.returncode == 2 and b"cannot write the report" in result.stderr
        assert b"Traceback" not in result.stderr
    closed = subprocess.run(
        [sys.executable, "-c", "import os, sys; os.close(1); from foundry_app.cli import main;"
         f" sys.exit(main(['lint', {str(lib)!r}]))"],
        cwd=ROOT, capture_output=False, stderr=subprocess.PIPE, timeout=120,
    )  # fmt: skip
    assert closed.returncode == 2 and b"Traceback" not in closed.stderr


# pins: a library whose walk stopped early (here: folders past the depth cap) is exit 2,
# and the summary never says "No problems" over it
def test_a_library_not_read_whole_is_never_reported_clean(tmp_path: Path):
    lib = make_library(tmp_path / "lib")
    (lib / "stacks" / "example" / "conventions.md").write_text(GOOD_CONVENTIONS, "utf-8")
    folder = lib / "notes"
    for level in range(40):
        folder = folder / f"l{level}"
    folder.mkdir(parents=True)
    result = foundry("lint", str(lib))
    assert result.returncode == 2
    assert "folders deep" in result.stderr
    assert "No problems" not in result.stdout
    assert "1 problem reading the library" in result.stdout


# pins: a folder outside any library is walked as a library is: a folder named x.md, a
# pipe and a dangling link are no files to lint (they were "cannot read", exit 2), .MD and
# .markdown files are linted, and a symlink loop is walked once
def test_a_folder_outside_any_library_is_walked_like_a_library(tmp_path: Path):
    loose = tmp_path / "loose"
    loose.mkdir()
    (loose / "folder.md").mkdir()
    os.mkfifo(loose / "pipe.md")
    (loose / "dangling.md").symlink_to(loose / "nowhere.md")
    (loose / "UPPER.MD").write_text("No title here.\n", encoding="utf-8")
    (loose / "long.markdown").write_text("# Fine\n", encoding="utf-8")
    (loose / "sub").mkdir()
    (loose / "sub" / "shallow.md").write_text("# Shallow\n\nText.\n", encoding="utf-8")
    (loose / "sub" / "loop").symlink_to(loose)
    result = foundry("lint", str(loose), cwd=tmp_path)
    assert "Traceback" not in result.stderr and "cannot read" not in result.stderr
    assert result.returncode == 0, result.stderr
    assert "long.markdown:1:1: warning empty-section" in result.stdout  # .markdown is linted
    assert result.stdout.rstrip().endswith("in 3 files.")  # UPPER.MD, long.markdown, shallow


# pins: folders nested past the depth cap end there, and the walk says so as a library's
# does (exit 2, never "No problems"), instead of a RecursionError traceback
def test_a_folder_outside_any_library_nested_too_deep_says_so(tmp_path: Path):
    loose = tmp_path / "loose"
    deep = loose / "deep"
    for _level in range(40):
        deep = deep / "d"
    deep.mkdir(parents=True)
    (deep / "bottom.md").write_text("# Bottom\n", encoding="utf-8")
    (loose / "top.md").write_text("# Top\n\nText.\n", encoding="utf-8")
    result = foundry("lint", str(loose), cwd=tmp_path)
    assert "Traceback" not in result.stderr
    assert result.returncode == 2 and "folders deep" in result.stderr
    assert result.stdout == "Checked 1 file; 1 problem reading the library.\n"


@pytest.mark.skipif(os.sep == "\\", reason="a backslash is the folder separator there")
def test_a_name_with_a_backslash_never_prints_like_an_escaped_name(tmp_path: Path):
    lib = make_library(tmp_path / "lib")
    folder = lib / "stacks" / "example"
    (folder / "two\nlines.md").write_text("No title here.\n", encoding="utf-8")
    (folder / "two\\nlines.md").write_text("No title here.\n", encoding="utf-8")  # a real \
    result = foundry("lint", str(lib), cwd=lib)
    shown = {line.split(":")[0] for line in result.stdout.splitlines() if "title" in line}
    assert shown == {"stacks/example/two\\nlines.md", "stacks/example/two\\\\nlines.md"}


def test_a_library_toml_error_quoting_a_name_with_a_newline_stays_one_line(tmp_path: Path):
    lib = make_library(tmp_path / "lib")
    toml = (lib / "library.toml").read_text(encoding="utf-8")
    (lib / "library.toml").write_text(
        toml + '\n[rules]\n"bad\\nname\\u001b[31m" = "off"\n', "utf-8"
    )
    result = foundry("lint", str(lib))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "\x1b" not in result.stderr, result.stderr
