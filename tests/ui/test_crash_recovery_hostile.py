"""Crash recovery the unkind way: the file or library gone since the crash, a process id
used again, two windows on one file, a file changed since, a second crash right after a
restore, names that are not UTF-8, and a folder that cannot take records."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import GOOD_CONVENTIONS
from window_helpers import conventions, make_window, open_file, show_new_files, type_at_end

from foundry_app.core.recovery import RecoveryStore
from foundry_app.core.storage import read_text_file
from foundry_app.ui import dialogs

UNSAVED = GOOD_CONVENTIONS + "\nUNSAVED WORK THAT MUST SURVIVE\n"
ROOT = Path(__file__).resolve().parents[2]

_CRASHING_RUN = """
import sys, time
from pathlib import Path
from foundry_app.core.recovery import RecoveryStore
folder, library, path, text, base = sys.argv[1:6]
RecoveryStore(Path(folder)).write(Path(library), Path(path), text, base)
print("written", flush=True)
time.sleep(60)
"""


@pytest.fixture
def rec_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "recovery"
    monkeypatch.setenv("FOUNDRY_RECOVERY_DIR", str(folder))
    return folder


def running_window(rec_dir: Path, library: Path, path: Path, text: str, base: str = ""):
    """A real window's run (another process) that has written its record and lives on."""
    child = subprocess.Popen(
        [sys.executable, "-c", _CRASHING_RUN, str(rec_dir), str(library), str(path), text, base],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    if child.stdout.readline().strip() != "written":
        crash(child)
        raise AssertionError("the other window wrote no record")
    return child


def crash(child) -> None:
    child.send_signal(signal.SIGKILL)  # no clean exit: its record stays
    child.wait()


def crashed_window(rec_dir: Path, library: Path, path: Path, text: str, base: str = "") -> None:
    crash(running_window(rec_dir, library, path, text, base))


def records_holding(rec_dir: Path, words: str) -> int:
    texts = (r.read_text(encoding="utf-8", errors="surrogatepass") for r in rec_dir.glob("*.json"))
    return sum(words in text for text in texts)


def restore_when_asked(monkeypatch) -> list:
    offered: list = []
    monkeypatch.setattr(dialogs, "ask_restore", lambda *a: offered.append(a[1]) or "restore")
    return offered


def test_a_text_whose_file_was_deleted_since_the_crash_opens_unsaved(
    qtbot, library, settings, rec_dir, monkeypatch
):
    path = conventions(library)
    crashed_window(rec_dir, library, path, UNSAVED)
    path.unlink()
    restore_when_asked(monkeypatch)
    window = make_window(qtbot, library, settings)
    assert window.editor.text() == UNSAVED and window.documents.is_dirty()
    assert window.documents.path == path
    assert window.save()  # Save writes it back where it was
    assert path.read_text(encoding="utf-8") == UNSAVED


def test_a_text_whose_library_was_renamed_since_the_crash_survives(
    qtbot, library, settings, rec_dir, monkeypatch, tmp_path
):
    crashed_window(rec_dir, library, conventions(library), UNSAVED)
    moved = tmp_path / "lib-renamed"
    library.rename(moved)
    restore_when_asked(monkeypatch)
    window = make_window(qtbot, moved, settings)
    window.recovery.wait()
    assert "UNSAVED WORK" in window.editor.text() and window.documents.is_dirty()
    assert records_holding(rec_dir, "UNSAVED WORK") == 1  # this window's record of it


@pytest.mark.parametrize("pid_now", ["another program's", "this window's"])
def test_a_crashed_run_is_offered_whoever_has_its_process_id_now(
    qtbot, library, settings, rec_dir, monkeypatch, pid_now
):
    path = conventions(library)
    crashed_window(rec_dir, library, path, UNSAVED)
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        [record] = rec_dir.glob("*.json")
        data = json.loads(record.read_text(encoding="utf-8"))
        data["pid"] = other.pid if pid_now == "another program's" else os.getpid()
        record.write_text(json.dumps(data), encoding="utf-8")
        offered = restore_when_asked(monkeypatch)
        window = make_window(qtbot, library, settings)
        assert offered == [str(path)] and "UNSAVED WORK" in window.editor.text()
    finally:
        other.kill()
        other.wait()


def test_two_windows_on_one_file_keep_a_record_each(qtbot, library, settings, rec_dir):
    path = conventions(library)
    window_a = running_window(rec_dir, library, path, GOOD_CONVENTIONS + "A's UNSAVED WORK")
    try:
        window_b = make_window(qtbot, library, settings)  # A lives: nothing to offer
        open_file(qtbot, window_b, path)
        type_at_end(qtbot, window_b, "B's edit")
        window_b.recovery.write_now()
        window_b.recovery.wait()
    finally:
        crash(window_a)
    assert window_b.save()
    window_b.recovery.write_now()
    window_b.recovery.wait()
    assert records_holding(rec_dir, "A's UNSAVED WORK") == 1


def test_a_restored_text_over_a_file_changed_since_the_crash_asks_before_saving(
    qtbot, library, settings, rec_dir, monkeypatch
):
    path = conventions(library)
    crashed_window(rec_dir, library, path, UNSAVED, read_text_file(path).digest)
    path.write_text(GOOD_CONVENTIONS + "\nA CHANGE PULLED AFTER THE CRASH\n", encoding="utf-8")
    restore_when_asked(monkeypatch)
    window = make_window(qtbot, library, settings)
    asked = []
    window.ask_conflict = lambda p: asked.append(p) or "cancel"
    assert not window.save()
    assert asked == [path] and "A CHANGE PULLED" in path.read_text(encoding="utf-8")


def test_a_restored_text_is_on_disk_again_before_the_old_record_goes(
    qtbot, library, settings, rec_dir, monkeypatch
):
    crashed_window(rec_dir, library, conventions(library), UNSAVED)
    restore_when_asked(monkeypatch)
    window = make_window(qtbot, library, settings)
    window.recovery.wait()  # a second crash now: the text is in this window's record
    assert records_holding(rec_dir, "UNSAVED WORK") == 1
    assert "UNSAVED WORK" in window.editor.text()


def test_a_file_whose_name_is_not_utf8_gets_its_record(qtbot, library, settings, rec_dir):
    path = library / "stacks" / "example" / os.fsdecode(b"caf\xe9.md")
    path.write_text(GOOD_CONVENTIONS, encoding="utf-8")
    window = make_window(qtbot, library, settings)
    show_new_files(qtbot, window)
    open_file(qtbot, window, path)
    type_at_end(qtbot, window, "UNSAVED WORK THAT MUST SURVIVE")
    window.recovery.write_now()
    window.recovery.wait()
    assert RecoveryStore(rec_dir, pid=1).left_behind() == []  # its window lives on
    assert records_holding(rec_dir, "UNSAVED WORK") == 1
    assert not list(rec_dir.glob(".*.tmp"))


def test_a_recovery_folder_that_cannot_take_records_is_said(
    qtbot, library, settings, tmp_path, monkeypatch
):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("FOUNDRY_RECOVERY_DIR", str(blocker / "recovery"))
    window = make_window(qtbot, library, settings)
    messages = []
    window.statusBar().messageChanged.connect(messages.append)
    open_file(qtbot, window, conventions(library))
    type_at_end(qtbot, window, "typing that crash recovery should keep")
    window.recovery.write_now()
    window.recovery.wait()
    qtbot.waitUntil(lambda: any("Crash recovery is off" in m for m in messages))


def test_the_old_record_stays_when_this_windows_record_of_the_text_cannot_be_written(
    qtbot, library, settings, rec_dir, monkeypatch
):
    crashed_window(rec_dir, library, conventions(library), UNSAVED)
    restore_when_asked(monkeypatch)

    def full_disk(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(RecoveryStore, "write", full_disk)
    window = make_window(qtbot, library, settings)
    window.recovery.wait()
    assert "UNSAVED WORK" in window.editor.text()
    assert records_holding(rec_dir, "UNSAVED WORK") == 1  # the crashed window's, kept
