"""The lint runner: whole-library results, the facts cache and the one-buffer check."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from helpers import GOOD_CONVENTIONS, GOOD_FRONT_MATTER, make_library

from foundry_app.core.diagnostics import Severity
from foundry_app.core.document import Document
from foundry_app.core.library import Library
from foundry_app.core.lint import check_document, lint_library
from foundry_app.core.lint_cache import CACHE_ENV, LintCache


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    return folder


@pytest.fixture
def library(tmp_path: Path) -> Library:
    root = make_library(
        tmp_path / "lib",
        {
            "good": {
                "conventions.md": GOOD_CONVENTIONS,
                "topic.md": GOOD_FRONT_MATTER
                + "# Topic\n\n> One topic.\n\nSee [x](conventions.md#checklist).\n",
            },
            "other": {"conventions.md": GOOD_CONVENTIONS.replace("## Checklist", "## Checks")},
        },
    )
    return Library.open(root)


def names(diagnostics) -> list[tuple[str, int, str]]:
    return [(d.path.parent.name + "/" + d.path.name, d.line, d.name) for d in diagnostics]


def test_library_lint_finds_problems_per_file(library: Library, cache_dir: Path):
    report = lint_library(library)
    assert names(report.diagnostics) == [("other/conventions.md", 23, "missing-section")]
    assert report.count(Severity.ERROR) == 1
    good = library.items_of("stack")[0]
    assert str(report.progress_for_item(good)) == "1/5"


def test_unchanged_relint_parses_nothing(library: Library, cache_dir: Path):
    first = lint_library(library)
    assert first.parsed == 3
    second = lint_library(library)
    assert second.parsed == 0
    assert second.diagnostics == first.diagnostics
    assert list(cache_dir.iterdir()), "the cache lives in the cache folder"
    assert not list(library.root.rglob("*.json")), "the library is never written to"


# pins: a chmod since the last lint (size and mtime unchanged) reads the file again, so a
# file made unreadable is reported as such instead of answered from the cache
def test_a_file_whose_permissions_changed_is_read_again(library: Library, cache_dir: Path):
    lint_library(library)
    path = library.root / "stacks" / "other" / "conventions.md"
    before = path.stat()
    path.chmod(0o600)
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    report = lint_library(library)
    assert report.parsed == 1


def test_changed_file_is_parsed_again(library: Library, cache_dir: Path):
    lint_library(library)
    path = library.root / "stacks" / "other" / "conventions.md"
    path.write_text(GOOD_CONVENTIONS, encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    report = lint_library(library)
    assert report.parsed == 1
    assert report.diagnostics == []


def test_link_rules_see_changes_in_other_files_even_from_cache(library: Library, cache_dir: Path):
    assert lint_library(library).for_path(library.root / "stacks" / "good" / "topic.md") == []
    target = library.root / "stacks" / "good" / "conventions.md"
    target.write_text(GOOD_CONVENTIONS.replace("## Checklist", "## Tasks"), encoding="utf-8")
    stat = target.stat()
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    report = lint_library(library)
    topic = report.for_path(library.root / "stacks" / "good" / "topic.md")
    assert [(d.name, d.line) for d in topic] == [("broken-link", 8)]


def test_template_change_empties_the_cache(library: Library, cache_dir: Path):
    lint_library(library)
    toml = library.root / "library.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace("min-items = 5", "min-items = 6"), encoding="utf-8"
    )
    reopened = Library.open(library.root)
    report = lint_library(reopened)
    assert report.parsed == 3
    assert ("good/conventions.md", 23, "checklist") in names(report.diagnostics)


def test_corrupt_cache_is_ignored(library: Library, cache_dir: Path):
    lint_library(library)
    cache = LintCache.for_library(library)
    cache.file.write_text("{not json", encoding="utf-8")
    assert lint_library(library).parsed == 3


# pins: a temp file left by a lint killed while writing the cache is removed by a later
# lint once it is old; a fresh one (a lint writing right now) is left alone
def test_temp_files_of_killed_lints_are_cleared_later(library: Library, cache_dir: Path):
    lint_library(library)
    [cache] = [p for p in cache_dir.rglob("*") if p.is_file()]
    old, fresh = cache.parent / ".lint-old.tmp", cache.parent / ".lint-fresh.tmp"
    for temp in (old, fresh):
        temp.write_text("{", encoding="utf-8")
    os.utime(old, (1_000_000, 1_000_000))
    (library.root / "stacks" / "other" / "conventions.md").write_text("# Changed\n", "utf-8")
    lint_library(library)
    assert not old.exists() and fresh.exists()


def test_no_cache_neither_reads_nor_writes(library: Library, cache_dir: Path):
    lint_library(library, use_cache=False)
    assert not cache_dir.exists()


def test_progress_is_reported_to_the_end(library: Library, cache_dir: Path):
    seen: list[tuple[int, int]] = []
    lint_library(library, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (3, 3)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_parallel_and_serial_lint_agree(tmp_path: Path, cache_dir: Path):
    stacks = {f"s{i}": {"conventions.md": GOOD_CONVENTIONS * 40} for i in range(70)}
    library = Library.open(make_library(tmp_path / "big", stacks))
    serial = lint_library(library, use_cache=False, jobs=1)
    parallel = lint_library(library, use_cache=False, jobs=2)
    assert serial.diagnostics == parallel.diagnostics
    assert len(serial.diagnostics) > 70


def test_check_document_lints_the_buffer_not_the_disk(library: Library):
    path = library.root / "stacks" / "good" / "conventions.md"
    text = GOOD_CONVENTIONS.replace("```python", "```") + "\nSee [gone](missing.md).\n"
    diagnostics = check_document(library, path, Document(text))
    assert [(d.name, d.line) for d in diagnostics] == [("fence-language", 33), ("broken-link", 37)]
    fix = diagnostics[0].fix
    assert fix is not None and fix.edits[0].new_text == "text"


def test_check_document_outside_a_library_uses_generic_rules(tmp_path: Path):
    diagnostics = check_document(None, tmp_path / "notes.md", Document("## A\n\n#### B\n\ntext\n"))
    assert [d.name for d in diagnostics] == ["heading-increment"]


def _rewrite_cache(library: Library, change) -> None:
    import json

    cache = LintCache.for_library(library)
    data = json.loads(cache.file.read_text(encoding="utf-8"))
    change(data)
    cache.file.write_text(json.dumps(data), encoding="utf-8")


WRONG_SHAPES = {
    "files is a list": lambda d: d.update(files=[1, 2]),
    "entry is a number": lambda d: d["files"].update(dict.fromkeys(d["files"], 7)),
    "entry too short": lambda d: d["files"].update({k: v[:1] for k, v in d["files"].items()}),
    "facts is a list": lambda d: [v.__setitem__(2, []) for v in d["files"].values()],
    "diagnostic row short": lambda d: [
        v[2].__setitem__("diagnostics", [[1, 2]]) for v in d["files"].values()
    ],
    "line is a string": lambda d: [
        v[2].__setitem__("diagnostics", [["3", 1, 3, 2, "FT001", "title", "error", "m", None]])
        for v in d["files"].values()
    ],
    "links are strings": lambda d: [v[2].__setitem__("links", ["x"]) for v in d["files"].values()],
    "link row short": lambda d: [
        v[2].__setitem__("links", [["missing.md", 1, 1]]) for v in d["files"].values()
    ],
    "link line is a bool": lambda d: [
        v[2].__setitem__("links", [["missing.md", True, 1, 2]]) for v in d["files"].values()
    ],
    "link href is a number": lambda d: [
        v[2].__setitem__("links", [[7, 1, 1, 2]]) for v in d["files"].values()
    ],
    "link line is huge": lambda d: [
        v[2].__setitem__("links", [["missing.md", 10**30, 1, 2]]) for v in d["files"].values()
    ],
    "link line is zero": lambda d: [
        v[2].__setitem__("links", [["missing.md", 0, 1, 2]]) for v in d["files"].values()
    ],
    "link column is negative": lambda d: [
        v[2].__setitem__("links", [["missing.md", 3, -1, 2]]) for v in d["files"].values()
    ],
    "diagnostic line is zero": lambda d: [
        v[2].__setitem__("diagnostics", [[0, 1, 3, 2, "FT001", "title", "error", "m", None]])
        for v in d["files"].values()
    ],
    "diagnostic end column is huge": lambda d: [
        v[2].__setitem__("diagnostics", [[3, 1, 3, 10**30, "FT001", "title", "error", "m", None]])
        for v in d["files"].values()
    ],
    "fix edit column is negative": lambda d: [
        v[2].__setitem__(
            "diagnostics",
            [[3, 1, 3, 2, "FT001", "title", "error", "m", ["t", [[3, -4, 3, 2, "x"]]]]],
        )
        for v in d["files"].values()
    ],
    "suppression line is negative": lambda d: [
        v[2].__setitem__("suppressions", [["next-line", -2, 1, -2, 5, ["broken-link"]]])
        for v in d["files"].values()
    ],
    "tasks missing": lambda d: [v[2].pop("tasks") for v in d["files"].values()],
    "fix is a number": lambda d: [
        v[2].__setitem__("diagnostics", [[3, 1, 3, 2, "FT001", "title", "error", "m", 5]])
        for v in d["files"].values()
    ],
}


@pytest.mark.parametrize("change", WRONG_SHAPES.values(), ids=WRONG_SHAPES.keys())
def test_a_cache_of_the_wrong_shape_is_discarded_not_trusted(
    library: Library, cache_dir: Path, change
):
    fresh = lint_library(library, use_cache=False)
    expected = names(fresh.diagnostics)
    lint_library(library)
    _rewrite_cache(library, change)
    report = lint_library(library)  # must neither crash nor serve the forged entries
    assert report.parsed == fresh.parsed  # every forged entry was parsed again
    assert names(report.diagnostics) == expected
    assert names(lint_library(library).diagnostics) == expected  # and the next run too


def test_the_cache_key_names_the_python_version(library: Library, cache_dir: Path):
    import sys

    version = ".".join(map(str, sys.version_info[:3]))
    assert f":{version}:" in LintCache.for_library(library).key


def test_lint_restores_the_collector_threshold(library: Library, cache_dir: Path):
    import gc

    before = gc.get_threshold()
    lint_library(library, use_cache=False)
    assert gc.get_threshold() == before


def test_item_for_finds_scanned_files_and_other_spellings_of_them(library: Library):
    conventions = library.root / "stacks" / "good" / "conventions.md"
    good = next(item for item in library.items if item.path.name == "good")
    assert library.item_for(conventions) is good
    spelled_otherwise = library.root / "stacks" / "other" / ".." / "good" / "conventions.md"
    assert library.item_for(spelled_otherwise) is good
    assert library.item_for(library.root / "README.md") is None


def test_suppression_comments_hold_for_results_served_from_the_cache(tmp_path: Path, cache_dir):
    text = (
        GOOD_FRONT_MATTER + "# Topic\n\n> One topic.\n\n"
        "<!-- foundry-disable-next-line broken-link -->\nSee [x](gone.md).\n\n"
        "<!-- foundry-disable-next-line fence-language -->\n```\nx\n```\n\n"
        "<!-- foundry-disable-next-line placeholder -->\nDone.\n"
    )
    root = make_library(
        tmp_path / "lib", {"good": {"conventions.md": GOOD_CONVENTIONS, "topic.md": text}}
    )
    library = Library.open(root)
    first = lint_library(library)
    assert names(first.diagnostics) == [("good/topic.md", 16, "unused-suppression")]
    second = lint_library(library)
    assert second.parsed == 0
    assert second.diagnostics == first.diagnostics


# pins: "the date is in the future" holds only until the day comes; the cache served the
# error of the 14th on the 16th for the unchanged file
def test_a_future_date_error_is_cached_for_its_day_only(
    library: Library, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
):
    import datetime

    from foundry_app.core import lint_cache
    from foundry_app.core.rules.template import front_matter_keys

    topic = library.root / "stacks" / "good" / "topic.md"
    text = topic.read_text(encoding="utf-8")
    topic.write_text(re.sub(r"last-reviewed: \S+", "last-reviewed: 2030-01-15", text), "utf-8")
    real = front_matter_keys._date_problem

    def lint_on(day: str) -> list:
        today = datetime.date.fromisoformat(day)
        monkeypatch.setattr(front_matter_keys, "_date_problem", lambda v, _t: real(v, today))
        monkeypatch.setattr(lint_cache, "_today", lambda: day)
        found = lint_library(library).diagnostics
        return [d.message for d in found if d.path == topic]

    assert any("in the future" in message for message in lint_on("2030-01-14"))
    assert lint_on("2030-01-16") == []
    assert lint_library(library).parsed == 0  # the same day again: everything from the cache
