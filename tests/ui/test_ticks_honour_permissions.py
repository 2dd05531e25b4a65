"""Ticks honour read-only files and folders (even for root), and links."""

from __future__ import annotations

import os
import stat

from helpers import GOOD_CONVENTIONS
from PySide6.QtCore import Qt, QUrl
from window_helpers import conventions, line_of, notes, open_file

from foundry_app.ui import dialogs


def test_tick_in_a_read_only_folder_replaces_nothing(qtbot, window, library, monkeypatch):
    """The file is writable but its folder is read-only (0555): a tick must not replace
    the file (as a non-root user the rename is refused; Foundry honours a read-only
    file even for root, so a read-only folder too)."""
    asked = []
    monkeypatch.setattr(dialogs, "ask_save_failed", lambda *a: asked.append(a) or "cancel")
    path = conventions(library)
    open_file(qtbot, window, path)
    inode = path.stat().st_ino
    folder = path.parent
    os.chmod(folder, 0o555)
    try:
        line = line_of(GOOD_CONVENTIONS, "- [ ] One")
        window.preview.anchorClicked.emit(QUrl(f"task:{line}"))
        assert (
            path.stat().st_ino == inode and path.read_text(encoding="utf-8") == GOOD_CONVENTIONS
        ), "the file in a read-only folder was replaced"
    finally:
        os.chmod(folder, 0o755)


def test_checklist_tick_in_a_read_only_folder_replaces_nothing(qtbot, window, library):
    path = conventions(library)
    open_file(qtbot, window, path)
    other = notes(library)
    line = 10
    qtbot.waitUntil(lambda: window.checklist.task_item(other, line) is not None)
    before = other.read_bytes()
    inode = other.stat().st_ino
    os.chmod(other.parent, 0o555)
    try:
        window.checklist.task_item(other, line).setCheckState(0, Qt.CheckState.Checked)
        qtbot.wait(100)
        assert other.stat().st_ino == inode and other.read_bytes() == before, (
            "the stack file in a read-only folder was replaced"
        )
    finally:
        os.chmod(other.parent, 0o755)


def test_checklist_tick_of_a_read_only_stack_file_is_refused(qtbot, window, library):
    path = conventions(library)
    open_file(qtbot, window, path)
    other = notes(library)
    qtbot.waitUntil(lambda: window.checklist.task_item(other, 10) is not None)
    before = other.read_bytes()
    os.chmod(other, 0o444)
    window.checklist.task_item(other, 10).setCheckState(0, Qt.CheckState.Checked)
    qtbot.wait(100)
    assert other.read_bytes() == before
    assert stat.S_IMODE(other.stat().st_mode) == 0o444


def test_tick_through_a_symlink_keeps_the_link(qtbot, window, library, tmp_path):
    real = tmp_path / "real.md"
    real.write_bytes(notes(library).read_bytes())
    link = library / "stacks" / "example" / "linked.md"
    link.symlink_to(real)
    window.refresh_library()
    qtbot.waitUntil(lambda: window.results.complete, timeout=10_000)
    open_file(qtbot, window, link)
    qtbot.waitUntil(lambda: window.preview.source_text is not None)
    window.preview.anchorClicked.emit(QUrl("task:10"))
    assert link.is_symlink() and "- [x] alpha" in real.read_text(encoding="utf-8")


def test_checklist_tick_through_a_symlinked_stack_file_keeps_the_link(
    qtbot, window, library, tmp_path
):
    (library / "zzz").mkdir()
    real = library / "zzz" / "real.md"
    real.write_bytes(notes(library).read_bytes())
    link = library / "stacks" / "example" / "linked.md"
    link.symlink_to(real)
    window.refresh_library()
    qtbot.waitUntil(lambda: window.results.complete, timeout=10_000)
    open_file(qtbot, window, conventions(library))
    qtbot.waitUntil(lambda: window.checklist.task_item(link, 10) is not None)
    window.checklist.task_item(link, 10).setCheckState(0, Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: "- [x] alpha" in real.read_text(encoding="utf-8"))
    assert link.is_symlink()
