"""The window acts on what the author sees, and never loses or rewrites work behind
their back (issue 9's window items)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import GOOD_CONVENTIONS
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QTextCursor
from window_helpers import click_anchor, conventions, line_of, make_window, open_file, type_text

from foundry_app.core.recovery import RecoveryStore
from foundry_app.core.wording import counted
from foundry_app.ui import dialogs
from foundry_app.ui.editor.editor import EditorPane
from foundry_app.ui.workers.children import CHILDREN


def _type_at_line(qtbot, window, line: int, text: str) -> None:
    """Real key presses at the start of 1-based `line`."""
    editor = window.editor
    editor.setFocus()
    editor.setTextCursor(QTextCursor(editor.document().findBlockByNumber(line - 1)))
    type_text(qtbot, editor, text)


def test_stale_click_ticks_the_item_the_user_sees(qtbot, window, library):
    path = conventions(library)
    open_file(qtbot, window, path)
    seen_line = line_of(GOOD_CONVENTIONS, "- [ ] Three")
    _type_at_line(qtbot, window, 3, "New line one\nNew line two\n\n")
    assert window.save()
    # no wait: the preview still shows the links of the text before the typing
    click_anchor(qtbot, window.preview, f"task:{seen_line}")
    on_disk = path.read_text(encoding="utf-8")
    assert "- [x] Three" in on_disk
    assert "- [ ] One" in on_disk and "- [ ] Four" in on_disk and "- [ ] Five" in on_disk


def test_stale_click_while_dirty_ticks_the_item_the_user_sees_once_saved(qtbot, window, library):
    path = conventions(library)
    open_file(qtbot, window, path)
    seen_line = line_of(GOOD_CONVENTIONS, "- [ ] One")
    _type_at_line(qtbot, window, 3, "Above\n")
    click_anchor(qtbot, window.preview, f"task:{seen_line}")
    assert window.save()
    on_disk = path.read_text(encoding="utf-8")
    assert "- [x] One" in on_disk and "- [ ] Three" in on_disk and "Above\n" in on_disk


def test_stale_click_on_an_item_edited_since_ticks_nothing(qtbot, window, library):
    path = conventions(library)
    open_file(qtbot, window, path)
    line = line_of(GOOD_CONVENTIONS, "- [ ] One")
    editor = window.editor
    cursor = QTextCursor(editor.document().findBlockByNumber(line - 1))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    editor.setTextCursor(cursor)
    type_text(qtbot, editor, " more")
    click_anchor(qtbot, window.preview, f"task:{line}")
    assert "- [ ] One more" in editor.text() and "[x] One" not in editor.text()


def test_stale_checklist_panel_tick_acts_on_the_item_the_user_sees(qtbot, window, library):
    path = conventions(library)
    open_file(qtbot, window, path)
    seen_line = line_of(GOOD_CONVENTIONS, "- [ ] Four")
    qtbot.waitUntil(lambda: window.checklist.task_item(path, seen_line) is not None)
    _type_at_line(qtbot, window, 3, "Above\n")
    window.checklist.task_item(path, seen_line).setCheckState(0, Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: "- [x] Four" in window.editor.text())
    assert "- [x] Four" in window.editor.text() and "- [ ] Five" in window.editor.text()


def test_stale_jump_to_problem_goes_to_the_line_the_user_sees(qtbot, window, library):
    path = library / "stacks" / "example" / "notes.md"
    path.write_text("# Notes\n\nSome text.\n\nSee [gone](missing.md).\n", encoding="utf-8")
    window.refresh_library(relint=True)
    open_file(qtbot, window, path)
    qtbot.waitUntil(lambda: any(d.line == 5 for d in window.results.diagnostics_for(path)))
    problem = next(d for d in window.results.diagnostics_for(path) if d.line == 5)
    _type_at_line(qtbot, window, 1, "<!-- a -->\n\n")
    window.go_to_problem(problem)
    assert window.editor.textCursor().block().text() == "See [gone](missing.md)."


def test_clean_buffer_not_written_on_ctrl_s(qtbot, window, library):
    path = conventions(library)
    open_file(qtbot, window, path)
    before = path.stat()
    assert window.save()
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def _lint_processes(library) -> list[int]:
    """Live processes (children and their pool workers) linting `library`, from /proc."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            command = Path(f"/proc/{entry}/cmdline").read_bytes().split(b"\0")
            state = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        ours = (
            b"foundry_app.ui.workers.lint_process" in command and str(library).encode() in command
        )
        if ours and state != "Z":
            found.append(int(entry))
    return found


def _big_library(library):
    """Enough files and bytes that the child lints with a process pool, for a while."""
    folder = library / "stacks" / "example"
    paragraph = "Plain prose for the lint to parse, line after line. " * 6 + "\n\n"
    for number in range(80):
        (folder / f"page-{number:02}.md").write_text(
            f"# Page {number}\n\n" + paragraph * 60, encoding="utf-8"
        )


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="counts through /proc")
def test_children_never_outlive_the_window(qtbot, library, settings):
    _big_library(library)
    window = make_window(qtbot, library, settings)
    reload_action = window.findChild(QAction, "reloadLibraryAction")
    for _ in range(4):
        qtbot.waitUntil(lambda: bool(CHILDREN.running()), timeout=10_000)
        reload_action.trigger()
    qtbot.waitUntil(lambda: bool(_lint_processes(library)), timeout=10_000)
    assert len({os.getpgid(pid) for pid in _lint_processes(library)}) <= 1  # one lint at a time
    started = time.perf_counter()
    window.close()
    print(f"\nwindow closed in {1000 * (time.perf_counter() - started):.0f} ms during a lint")
    assert _lint_processes(library) == []
    assert CHILDREN.running() == []


def test_read_only_file_is_refused_kept_dirty_and_offered_save_as(
    qtbot, window, library, monkeypatch, tmp_path
):
    path = conventions(library)
    open_file(qtbot, window, path)
    path.chmod(0o444)
    asked, copy = [], tmp_path / "copy.md"
    monkeypatch.setattr(
        dialogs, "ask_save_failed", lambda _p, name, why: asked.append(why) or "save_as"
    )
    monkeypatch.setattr(dialogs, "ask_save_as_path", lambda _p, _start: str(copy))
    type_text(qtbot, window.editor, "Edited ")
    assert window.save()  # refused, then saved under the chosen name
    assert path.read_text(encoding="utf-8") == GOOD_CONVENTIONS
    assert asked and "read-only" in asked[0]
    assert copy.read_text(encoding="utf-8").startswith("Edited ")
    assert window.documents.path == copy and not window.documents.is_dirty()


def test_read_only_file_save_cancelled_keeps_the_buffer_dirty(qtbot, window, library, monkeypatch):
    path = conventions(library)
    open_file(qtbot, window, path)
    path.chmod(0o444)
    monkeypatch.setattr(dialogs, "ask_save_failed", lambda *_args: "cancel")
    type_text(qtbot, window.editor, "Edited ")
    assert not window.save()
    assert window.documents.is_dirty() and window.isWindowModified()
    assert path.read_text(encoding="utf-8") == GOOD_CONVENTIONS


def test_save_as_when_the_folder_was_renamed_under_a_dirty_file(
    qtbot, window, library, monkeypatch
):
    path = conventions(library)
    open_file(qtbot, window, path)
    type_text(qtbot, window.editor, "Keep me ")
    moved = library / "stacks" / "renamed"
    path.parent.rename(moved)
    target = moved / "conventions.md"
    offered = []
    monkeypatch.setattr(dialogs, "ask_save_failed", lambda *_a: offered.append(1) or "save_as")
    monkeypatch.setattr(dialogs, "ask_save_as_path", lambda _p, _start: str(target))
    assert window.save() and offered
    assert target.read_text(encoding="utf-8").startswith("Keep me ")
    assert window.documents.path == target and not window.documents.is_dirty()


def test_save_as_shortcut_is_ctrl_shift_s(window):
    action = window.findChild(QAction, "saveAsAction")
    assert action.shortcut().toString() == "Ctrl+Shift+S"


ODD_FILES = {
    "line separator": "# T\n\nA\u2028B\n".encode(),
    "paragraph separator": "# T\n\nA\u2029B\u2029\n".encode(),
    "next line": "# T\n\nA\u0085B\n".encode(),
    "form feed": b"# T\n\nA\x0cB\n",
    "nul": b"# T\n\nA\x00B\n",
    "lone cr": b"# T\r\rA\rB\r",
    "mixed newlines": b"# T\r\n\nA\rB\r\n",
    "bom": "\ufeff# T\r\n\r\nA\u2029B\r\n".encode(),
    "no final newline": "# T\n\n\u2029".encode(),
}


@pytest.mark.parametrize("name", sorted(ODD_FILES))
def test_byte_exact_open_and_save(qtbot, window, library, name):
    path = library / "stacks" / "example" / "odd.md"
    data = ODD_FILES[name]
    path.write_bytes(data)
    open_file(qtbot, window, path)
    assert not window.documents.is_dirty() and not window.isWindowModified()
    editor = window.editor
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.Start)
    type_text(qtbot, editor, "Z")
    assert window.save()
    assert path.read_bytes() == data.replace(b"# T", b"Z# T", 1)


_CRASHING_WINDOW = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from foundry_app.core.recovery import RecoveryStore
from foundry_app.ui.window.main_window import MainWindow

library, path, ini = sys.argv[1:4]
app = QApplication([])
window = MainWindow(library, settings=QSettings(ini, QSettings.Format.IniFormat))
window.show()
window.open_path(path)
window.editor.setFocus()
window.editor.moveCursor(QTextCursor.MoveOperation.End)
window.editor.insertPlainText("Typed before the crash.\\n")
folder = RecoveryStore().folder
while not list(folder.glob("*.json")):
    app.processEvents()
    time.sleep(0.05)
print("recorded", flush=True)
while True:
    app.processEvents()
    time.sleep(0.05)
"""


def test_crash_recovery_restores_the_text_of_a_killed_window(
    qtbot, library, settings, tmp_path, monkeypatch
):
    path = conventions(library)
    script = tmp_path / "crashing_window.py"
    script.write_text(_CRASHING_WINDOW, encoding="utf-8")
    child = subprocess.Popen(
        [sys.executable, str(script), str(library), str(path), str(tmp_path / "child.ini")],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    try:
        assert child.stdout.readline().strip() == "recorded"
    finally:
        child.kill()  # SIGKILL: no clean exit, the record stays
        child.wait()
    assert path.read_text(encoding="utf-8") == GOOD_CONVENTIONS
    offered = []
    monkeypatch.setattr(
        dialogs, "ask_restore", lambda _parent, name, _count: offered.append(name) or "restore"
    )
    window = make_window(qtbot, library, settings)
    assert offered == [str(path)]
    assert window.documents.path == path and window.documents.is_dirty()
    assert window.editor.text().endswith("Typed before the crash.\n")
    assert path.read_text(encoding="utf-8") == GOOD_CONVENTIONS  # nothing written yet
    window.close()
    assert not list(RecoveryStore().folder.glob("*.json"))  # a clean exit leaves none


def test_crash_recovery_discard_drops_the_records(qtbot, library, settings, monkeypatch):
    store = RecoveryStore(pid=_finished_pid())
    store.write(library, conventions(library), "lost")
    monkeypatch.setattr(dialogs, "ask_restore", lambda *_args: "discard")
    window = make_window(qtbot, library, settings)
    assert not window.documents.is_dirty()
    assert not list(store.folder.glob("*.json"))


def test_crash_recovery_writes_while_dirty_and_removes_once_saved(qtbot, window, library):
    path = conventions(library)
    open_file(qtbot, window, path)
    type_text(qtbot, window.editor, "Draft ")
    window.recovery.write_now()
    window.recovery.wait()  # records are written off the window's thread
    records = list(window.recovery.store.folder.glob("*.json"))
    assert len(records) == 1 and "Draft " in records[0].read_text(encoding="utf-8")
    assert window.save()
    window.recovery.write_now()
    window.recovery.wait()
    assert not list(window.recovery.store.folder.glob("*.json"))


def _finished_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_find_count_says_2000_plus_when_capped(qtbot):
    pane = EditorPane()
    qtbot.addWidget(pane)
    pane.show()
    qtbot.waitExposed(pane)
    pane.editor.load_text("ab " * 2500)
    pane.editor.set_read_only(False)
    pane.open_find()
    qtbot.keyClicks(pane.find_bar.query, "ab")
    assert "2000+" in pane.find_bar.status.text()
    pane.editor.load_text("ab " * 2000)
    pane.find_bar.query.setText("")
    qtbot.keyClicks(pane.find_bar.query, "ab")
    assert "2000+" not in pane.find_bar.status.text() and "2000" in pane.find_bar.status.text()


def test_counts_say_1_error_not_1_errors():
    assert counted(1, "error") == "1 error" and counted(2, "error") == "2 errors"
    assert counted(0, "warning") == "0 warnings"


def test_unknown_scheme_link_click_says_why_nothing_happened(qtbot, window, library):
    path = library / "stacks" / "example" / "links.md"
    path.write_text("# Links\n\nGet it [here](ftp://example.org/file).\n", encoding="utf-8")
    open_file(qtbot, window, path)
    click_anchor(qtbot, window.preview, "ftp://example.org/file")
    message = window.statusBar().currentMessage()
    assert "ftp" in message and "not followed" in message


def test_external_delete_says_deleted_and_offers_save_save_as_close(qtbot, window, library):
    path = conventions(library)
    open_file(qtbot, window, path)
    type_text(qtbot, window.editor, "Mine ")
    path.unlink()
    window.documents.check_external_change()
    bar = window.external_bar
    assert bar.isVisible() and "deleted" in bar.label.text()
    assert all(bar.button(label) for label in ("Save", "Save As…", "Close"))
    qtbot.mouseClick(bar.button("Save"), Qt.MouseButton.LeftButton)
    assert path.read_text(encoding="utf-8").startswith("Mine ")
    assert not window.documents.is_dirty()


def test_preview_scroll_sync_maps_inside_long_blocks(qtbot, window, library):
    path = library / "stacks" / "example" / "long.md"
    fence = "\n".join(f"value_{n} = {n}" for n in range(200))
    path.write_text(f"# Long\n\nIntro.\n\n```python\n{fence}\n```\n\nAfter.\n", encoding="utf-8")
    open_file(qtbot, window, path)
    preview, bar = window.preview, window.preview.verticalScrollBar()
    fence_line = 5
    preview.scroll_to_line(fence_line)
    at_start = bar.value()
    preview.scroll_to_line(fence_line + 100)  # halfway down the fence
    halfway = bar.value()
    preview.scroll_to_line(fence_line + 150)
    assert at_start < halfway < bar.value()


def test_progress_indicator_advances_during_lint(qtbot, library, settings):
    _big_library(library)
    window = make_window(qtbot, library, settings)
    qtbot.waitUntil(lambda: window.results.complete, timeout=30_000)
    for page in (library / "stacks" / "example").glob("page-*.md"):
        page.write_text(page.read_text(encoding="utf-8") + "More.\n", encoding="utf-8")
    seen = []  # every file changed: none comes from the cache, each is parsed again
    window.lint_progress.valueChanged.connect(seen.append)
    window.refresh_library(relint=True)
    qtbot.waitUntil(lambda: not window.lint_running, timeout=30_000)
    total = len(window.library.markdown_files())
    assert any(0 < value < total for value in seen), seen


def test_stale_toggle_task_shortcut_ticks_the_task_on_the_cursor_line(qtbot, window, library):
    path = conventions(library)
    open_file(qtbot, window, path)
    _type_at_line(qtbot, window, 3, "One more line\n\n")
    editor = window.editor
    line = line_of(editor.text(), "- [ ] Three")
    editor.setTextCursor(QTextCursor(editor.document().findBlockByNumber(line - 1)))
    window.findChild(QAction, "toggleTaskAction").trigger()  # no wait for the live lint
    assert "- [x] Three" in editor.text() and "- [ ] Two" not in editor.text()
    assert "- [ ] One" in editor.text() and "- [ ] Four" in editor.text()
