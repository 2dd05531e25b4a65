"""The checklist panel's reading of a stack: each file's tasks and the read behind them."""

from __future__ import annotations

from pathlib import Path

from foundry_app.core import stack_tasks
from foundry_app.core.large_file import LARGE_FILE_BYTES
from foundry_app.core.stack_tasks import read_stack_tasks


def test_each_file_gets_its_tasks_its_label_under_the_base_and_its_read(tmp_path):
    (tmp_path / "sub").mkdir()
    one, two = tmp_path / "a.md", tmp_path / "sub" / "b.md"
    one.write_text("# A\n\n- [ ] first\n- [x] second\n", encoding="utf-8")
    two.write_text("No tasks here.\n", encoding="utf-8")
    loaded = read_stack_tasks([one, two], tmp_path)
    assert [(tasks.label, len(tasks.tasks)) for tasks, _ in loaded] == [
        ("a.md", 2),
        ("sub/b.md", 0),
    ]
    assert [task.checked for task in loaded[0][0].tasks] == [False, True]
    assert loaded[0][1].text == one.read_text(encoding="utf-8")


def test_unreadable_and_non_utf8_files_are_noted_not_raised(tmp_path):
    missing, latin = tmp_path / "gone.md", tmp_path / "latin.md"
    latin.write_bytes(b"- [ ] caf\xe9\n")
    outside = Path("/elsewhere/x.md")
    loaded = read_stack_tasks([missing, latin, outside], tmp_path)
    assert [tasks.note for tasks, _ in loaded] == ["(unreadable)", "(not UTF-8)", "(unreadable)"]
    assert [read for _, read in loaded] == [None, None, None]
    assert loaded[2][0].label == "x.md"  # not under the base: its name


def test_a_large_file_is_read_but_not_parsed(tmp_path, monkeypatch):
    small, big = tmp_path / "small.md", tmp_path / "big.md"
    small.write_text("- [ ] one\n", encoding="utf-8")
    big.write_text("- [ ] task\n" * (LARGE_FILE_BYTES // 10), encoding="utf-8")
    parsed = []
    real = stack_tasks.Document
    monkeypatch.setattr(stack_tasks, "Document", lambda text: parsed.append(text) or real(text))
    loaded = read_stack_tasks([small, big], tmp_path)
    assert parsed == ["- [ ] one\n"]
    assert [len(file.tasks) for file, _ in loaded] == [1, 0] and loaded[1][0].note
    assert loaded[1][1] is not None  # still read, so a tick in it is checked against the disk
