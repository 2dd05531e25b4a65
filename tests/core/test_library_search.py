"""Library-wide search and replace, without Qt, on real files."""

from __future__ import annotations

import os

import pytest

from foundry_app.core.library_search import apply_to_disk, plan_replacements, search_files
from foundry_app.core.storage import FileConflictError
from foundry_app.core.text_search import Query, compile_query


@pytest.fixture
def files(tmp_path):
    a = tmp_path / "a.md"
    b = tmp_path / "b.md"
    c = tmp_path / "c.md"
    a.write_bytes(b"# A\r\n\r\nuse MLflow here\r\n")
    b.write_text("# B\n\nnothing\n", encoding="utf-8")
    c.write_text("# C\n\nMLflow and mlflow\n", encoding="utf-8")
    return a, b, c


def pattern(text, **options):
    return compile_query(Query(text, **options))


def test_search_finds_files_and_lines(files):
    a, _b, c = files
    found = list(search_files(files, pattern("mlflow")))
    assert [f.path for f in found] == [a, c]
    assert [(m.line, m.start, m.end) for m in found[1].matches] == [(3, 0, 6), (3, 11, 17)]


def test_an_open_buffer_is_searched_instead_of_the_disk(files):
    _a, b, _c = files
    found = list(search_files(files, pattern("nothing"), buffers={b: "# B\n\nchanged\n"}))
    assert found == []


def test_unreadable_and_binary_files_are_skipped(files, tmp_path):
    binary = tmp_path / "bin.md"
    binary.write_bytes(b"\xff\xfe mlflow")
    missing = tmp_path / "gone.md"
    assert [f.path for f in search_files([binary, missing, files[2]], pattern("mlflow"))] == [
        files[2]
    ]


def test_a_stop_request_ends_the_search(files):
    assert list(search_files(files, pattern("mlflow"), should_stop=lambda: True)) == []


def test_replace_keeps_newlines_and_can_be_undone_per_file(files):
    a, _b, c = files
    plan = plan_replacements(files, pattern("mlflow", case_sensitive=True), "MLflow", regex=False)
    assert [(p.path, p.count) for p in plan] == [(c, 1)]
    plan = plan_replacements(files, pattern("mlflow"), "Tracking", regex=False)
    assert plan[0].preview_lines() == ["3: use MLflow here → use Tracking here"]
    outcome = apply_to_disk(plan)
    assert a.read_bytes() == b"# A\r\n\r\nuse Tracking here\r\n"
    assert c.read_text(encoding="utf-8") == "# C\n\nTracking and Tracking\n"
    by_path = {item.path: item for item in outcome.applied}
    by_path[a].undo()
    assert a.read_bytes() == b"# A\r\n\r\nuse MLflow here\r\n"
    assert c.read_text(encoding="utf-8") == "# C\n\nTracking and Tracking\n"


def test_a_file_changed_after_the_plan_is_refused(files):
    a, _b, c = files
    plan = plan_replacements(files, pattern("mlflow"), "X", regex=False)
    temp = c.with_name("c.tmp")
    temp.write_text("# C\n\nsomeone else's mlflow\n", encoding="utf-8")
    os.replace(temp, c)
    outcome = apply_to_disk(plan)
    assert [item.path for item in outcome.applied] == [a]
    assert outcome.refused[0][0] == c
    assert c.read_text(encoding="utf-8") == "# C\n\nsomeone else's mlflow\n"


# pins: a file swapped for a link to a file outside the library after the library was read
# is refused, and the outside file is left as it was
def test_a_file_that_now_links_outside_the_library_is_not_written(files, tmp_path):
    a, _b, c = files
    outside = tmp_path.parent / f"{tmp_path.name}-outside.md"
    outside.write_text("mlflow outside\n", encoding="utf-8")
    c.unlink()
    c.symlink_to(outside)
    plan = plan_replacements(files, pattern("mlflow"), "X", regex=False)
    outcome = apply_to_disk(plan, within=a.parent)
    assert [item.path for item in outcome.applied] == [a]
    assert outcome.refused == [(c, "it now leads outside the library")]
    assert outside.read_text(encoding="utf-8") == "mlflow outside\n"


def test_undo_refuses_a_file_changed_since_the_replace(files):
    a, _, _ = files
    outcome = apply_to_disk(plan_replacements([a], pattern("mlflow"), "X", regex=False))
    a.write_text("edited elsewhere\n", encoding="utf-8")
    with pytest.raises(FileConflictError):
        outcome.applied[0].undo()


def test_open_buffers_are_planned_but_not_written(files):
    a, _, _ = files
    plan = plan_replacements([a], pattern("mlflow"), "X", regex=False, buffers={a: "mlflow\n"})
    assert plan[0].in_buffer and plan[0].new_text == "X\n"
    assert apply_to_disk(plan).applied == []
    assert b"MLflow" in a.read_bytes()
