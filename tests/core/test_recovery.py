"""What a crash-recovery record holds and which records are offered (no Qt)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from foundry_app.core.recovery import RecoveryRecord, RecoveryStore, recovery_dir


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_crash_recovery_record_holds_library_path_and_text(tmp_path):
    store = RecoveryStore(tmp_path / "recovery", pid=_dead_pid())
    library, path = tmp_path / "lib", tmp_path / "lib" / "a.md"
    written = store.write(library, path, "unsaved \u2029 text\n")
    record = RecoveryRecord.from_json(written.read_text(encoding="utf-8"))
    assert (record.library, record.path, record.text) == (library, path, "unsaved \u2029 text\n")
    later = RecoveryStore(tmp_path / "recovery")  # the next process
    assert [r.path for r in later.left_behind()] == [path]


def test_crash_recovery_skips_records_of_live_processes_and_clean_exit_leaves_none(tmp_path):
    folder = tmp_path / "recovery"
    ours = RecoveryStore(folder)
    ours.write(None, tmp_path / "a.md", "x")
    assert RecoveryStore(folder, pid=os.getpid() + 1).left_behind() == []  # we are alive
    ours.remove_own()
    assert list(folder.iterdir()) == []


def test_crash_recovery_never_writes_inside_the_library(tmp_path):
    library = tmp_path / "lib"
    store = RecoveryStore(library / ".recovery")
    assert store.write(library, library / "a.md", "x") is None
    assert not (library / ".recovery").exists()


def test_crash_recovery_ignores_broken_records(tmp_path):
    folder = tmp_path / "recovery"
    folder.mkdir()
    (folder / "bad.json").write_text('{"format": 1, "path": 5}', encoding="utf-8")
    (folder / "worse.json").write_text("[1, 2", encoding="utf-8")
    assert RecoveryStore(folder).left_behind() == []


def test_crash_recovery_folder_is_the_platform_data_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("FOUNDRY_RECOVERY_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    if sys.platform.startswith("linux"):
        assert recovery_dir() == Path(tmp_path / "data" / "foundry" / "recovery")


@pytest.mark.skipif(sys.platform != "linux", reason="the XDG rule is worked out on Linux only")
@pytest.mark.parametrize(
    ("xdg", "home"),
    [
        (None, "/home/ada"),
        ("/var/tmp/xdg-data", "/home/ada"),
        ("relative/data", "/home/ada"),  # a relative XDG value is ignored
        ("", "/home/ada/"),
        (None, "/"),
    ],
)
def test_linux_recovery_folder_matches_platformdirs(monkeypatch, xdg, home):
    import platformdirs

    monkeypatch.delenv("FOUNDRY_RECOVERY_DIR", raising=False)
    monkeypatch.setenv("HOME", home)
    if xdg is None:
        monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_DATA_HOME", xdg)
    expected = Path(platformdirs.user_data_dir("foundry", appauthor=False)) / "recovery"
    assert recovery_dir() == expected


def test_a_big_text_is_encoded_in_pieces_and_read_back_whole(tmp_path, monkeypatch):
    # one encoder call holds the interpreter lock throughout: the window would wait for it
    from foundry_app.core import recovery

    encoded = []
    real = recovery.json.dumps
    monkeypatch.setattr(
        recovery.json, "dumps", lambda value, **kw: encoded.append(value) or real(value, **kw)
    )
    piece = recovery._PIECE_CHARS
    text = ('ab"\\\n\t\x01é😀\u2028' * (piece // 5))[: 3 * piece + 7]
    text = text[: piece - 1] + '😀"' + text[piece + 1 :]  # an escape and a wide char at the seam
    store = RecoveryStore(tmp_path / "recovery")
    written = store.write(None, tmp_path / "a.md", text)
    assert max(len(v) for v in encoded if isinstance(v, str)) <= piece
    assert RecoveryRecord.from_json(written.read_text(encoding="utf-8")).text == text
    for small in ("", "x", '"', "\\"):
        assert (
            RecoveryRecord.from_json(
                store.write(None, tmp_path / "b.md", small).read_text(encoding="utf-8")
            ).text
            == small
        )


def test_where_an_open_file_cannot_be_renamed_the_lock_is_taken_under_its_own_name(
    tmp_path, monkeypatch
):
    # Windows renames no open file: the run still locks, and its records are not offered
    from foundry_app.core import recovery

    real = recovery.os.replace

    def no_rename_of_open_locks(source, target):
        if str(target).endswith(".lock"):
            raise PermissionError(13, "the file is open")
        return real(source, target)

    monkeypatch.setattr(recovery.os, "replace", no_rename_of_open_locks)
    folder = tmp_path / "recovery"
    ours = RecoveryStore(folder)
    assert ours.write(None, tmp_path / "a.md", "x") is not None
    assert (folder / f"{ours.run}.lock").exists()
    assert RecoveryStore(folder).left_behind() == []  # we live: the lock says so
    ours.remove_own()
    assert list(folder.iterdir()) == []


def test_an_older_versions_record_with_this_process_id_is_offered_and_kept(tmp_path):
    # in a container every run is pid 1: a record without a run is a window before this one
    import json

    from foundry_app.core.recovery import record_name

    folder = tmp_path / "recovery"
    folder.mkdir()
    path = tmp_path / "n.md"
    record = {"format": 1, "library": "", "path": str(path), "pid": os.getpid()}
    target = folder / record_name(path)
    target.write_text(json.dumps({**record, "saved_at": 1.0, "text": "unsaved"}), "utf-8")
    store = RecoveryStore(folder)
    assert [r.text for r in store.left_behind()] == ["unsaved"]
    store.remove_own()  # this window's clean exit
    assert target.exists()


def test_the_lock_file_of_a_run_that_left_no_record_is_swept(tmp_path):
    folder = tmp_path / "recovery"
    folder.mkdir()
    (folder / "0123abcd.lock").write_text("")  # a run that saved its work, then crashed
    live = RecoveryStore(folder)
    live.write(None, tmp_path / "a.md", "x")  # a live run's lock: held, kept
    assert RecoveryStore(folder).left_behind() == []
    assert sorted(p.name for p in folder.glob("*.lock")) == [f"{live.run}.lock"]
