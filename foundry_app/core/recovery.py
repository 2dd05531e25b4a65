"""Crash recovery: the unsaved text of an open file, kept where a crash cannot take it.

While a buffer has unsaved edits, the window writes a record of it every few seconds to
the recovery folder in the user's data directory (never inside a library). A clean exit
removes the records; records left behind by a window that is gone are what the next
window offers to restore. This module decides what a record holds and which ones count;
it knows nothing of Qt.

Each window is a run with an id of its own, and holds a lock on `<run>.lock` in the folder
while it lives. A record is of its run (two windows on one file keep two records), and
its run is gone once nobody holds that lock: the operating system lets go of it when the
process dies, however it dies, so a process id used again (after a reboot, or the same
id in every container) never hides a crashed window's text nor takes it for ours.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from foundry_app.core.blake import blake2b
from foundry_app.core.xdg import linux_folder

RECOVERY_ENV = "FOUNDRY_RECOVERY_DIR"
_FORMAT = 2  # 2: the run and the digest of the file the text was typed over
_READABLE_FORMATS = (1, 2)
_PIECE_CHARS = 1 << 16  # ~0.5 ms of JSON encoding a piece


def recovery_dir() -> Path:
    explicit = os.environ.get(RECOVERY_ENV)
    if explicit:
        return Path(explicit)
    linux = linux_folder("XDG_DATA_HOME", ".local/share")
    if linux is not None:
        return linux / "recovery"
    import platformdirs  # only where the XDG rule below does not apply (~20 ms at start-up)

    return Path(platformdirs.user_data_dir("foundry", appauthor=False)) / "recovery"


@dataclass(frozen=True)
class RecoveryRecord:
    """The unsaved text of one file, and which library and process it belonged to."""

    library: Path | None
    path: Path
    text: str
    pid: int
    saved_at: float  # time.time() of the write
    run: str = ""  # the writing window's run ("" in a record of format 1)
    base_digest: str = ""  # storage digest of the file as the text's edits began ("" unknown)

    def to_json(self) -> str:
        return "".join(self.json_pieces())

    def json_pieces(self) -> Iterator[str]:
        """The record as JSON, the text in pieces: the encoder holds the interpreter lock
        for a whole call (~40 ms for 5 MB), and the window waits for it meanwhile."""
        head = json.dumps(
            {
                "format": _FORMAT,
                "library": str(self.library) if self.library else None,
                "path": str(self.path),
                "pid": self.pid,
                "saved_at": self.saved_at,
                "run": self.run,
                "base_digest": self.base_digest,
                "text": "",  # last, so its value can be written after the rest
            },
            ensure_ascii=False,
        )
        yield head[: -len('"}')]
        text = self.text
        for start in range(0, len(text), _PIECE_CHARS):
            # escaping is char by char: escaped pieces join into the escaped whole
            yield json.dumps(text[start : start + _PIECE_CHARS], ensure_ascii=False)[1:-1]
        yield '"}'

    @classmethod
    def from_json(cls, data: str) -> RecoveryRecord | None:
        """The record, or None for anything that is not a whole record of this format."""
        try:
            raw = json.loads(data)
            if not isinstance(raw, dict) or raw.get("format") not in _READABLE_FORMATS:
                return None
            library, path, text = raw["library"], raw["path"], raw["text"]
            pid, saved_at = raw["pid"], raw["saved_at"]
            run, base = raw.get("run", ""), raw.get("base_digest", "")
        except (ValueError, KeyError):
            return None
        fields_ok = (
            (library is None or isinstance(library, str))
            and isinstance(path, str)
            and isinstance(text, str)
            and isinstance(pid, int)
            and isinstance(saved_at, int | float)
            and isinstance(run, str)
            and isinstance(base, str)
        )
        if not fields_ok or not _plain_name(run):
            return None
        library_path = Path(library) if library else None
        return cls(library_path, Path(path), text, pid, float(saved_at), run, base)

    @property
    def file_name(self) -> str:
        return record_name(self.path, self.run)


def record_name(path: Path, run: str = "") -> str:
    """A record per file and run: a digest of the file's absolute path, then the run."""
    digest = blake2b(str(path).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    return f"{digest}-{run}.json" if run else f"{digest}.json"


def _plain_name(run: str) -> bool:
    return run == "" or (run.isascii() and run.isalnum())  # it names a file in the folder


class RecoveryStore:
    """The recovery folder of this window's run (`folder`, for tests). A store made with a
    `pid` of another process stands for that process in tests: it holds no lock, and is
    judged alive by its process id alone, as records of format 1 are."""

    def __init__(self, folder: Path | None = None, pid: int | None = None) -> None:
        self.folder = Path(folder) if folder is not None else recovery_dir()
        self.pid = os.getpid() if pid is None else pid
        self.run = uuid.uuid4().hex
        self._locks = pid is None
        self._lock: int | None = None  # the open lock file, held while this run lives

    def write(
        self, library: Path | None, path: Path, text: str, base_digest: str = ""
    ) -> Path | None:
        """Keep `text` as the unsaved state of `path`; None when the folder would lie in
        the library itself (a record must never become part of a library). OSError when
        the folder cannot take it."""
        if library is not None and _inside(self.folder, library):
            return None
        record = RecoveryRecord(
            library, Path(path), text, self.pid, time.time(), self.run, base_digest
        )
        target = self.folder / record.file_name
        self.folder.mkdir(parents=True, exist_ok=True)
        self._hold_lock()
        fd, temp = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".tmp")
        try:
            # surrogatepass: a name with a byte that is not UTF-8 holds a lone surrogate
            with os.fdopen(fd, "w", encoding="utf-8", errors="surrogatepass") as handle:
                for piece in record.json_pieces():
                    handle.write(piece)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, target)  # a crash mid-write leaves the last whole record
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
        return target

    def remove(self, path: Path) -> None:
        """`path` is saved, discarded or closed: this run's record of it goes."""
        with contextlib.suppress(OSError):
            (self.folder / record_name(Path(path), self.run)).unlink()

    def remove_own(self) -> None:
        """A clean exit: every record this run wrote goes, and its lock."""
        for target, record in self._records():
            if record is None or self._is_own(record):
                with contextlib.suppress(OSError):
                    target.unlink()
        if self._lock is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.folder / f"{self.run}.lock")
            os.close(self._lock)
            self._lock = None

    def left_behind(self) -> list[RecoveryRecord]:
        """Records of windows that are gone (a crash, a kill), newest first."""
        found = [
            record
            for _target, record in self._records()
            if record is not None and not self._is_own(record) and not self._alive(record)
        ]
        self._sweep_locks()
        return sorted(found, key=lambda record: record.saved_at, reverse=True)

    def discard(self, record: RecoveryRecord) -> None:
        with contextlib.suppress(OSError):
            (self.folder / record.file_name).unlink()
        if record.run and not self._has_records(record.run):
            with contextlib.suppress(OSError):  # its last record gone: so is its lock file
                os.unlink(self.folder / f"{record.run}.lock")

    def _has_records(self, run: str) -> bool:
        """By name alone: reading every record again for each one discarded would not do."""
        return any(self.folder.glob(f"*-{run}.json"))

    def _sweep_locks(self) -> None:
        """Lock files of runs that are gone and left no record (they saved, then crashed)."""
        with contextlib.suppress(OSError):
            for lock in self.folder.glob("*.lock"):
                run = lock.name[: -len(".lock")]
                if run != self.run and not self._has_records(run) and not _locked(lock):
                    with contextlib.suppress(OSError):
                        lock.unlink()

    def _is_own(self, record: RecoveryRecord) -> bool:
        if record.run:
            return record.run == self.run
        # a record without a run is an older version's, or a test store's (given a pid)
        return not self._locks and record.pid == self.pid

    def _alive(self, record: RecoveryRecord) -> bool:
        lock = self.folder / f"{record.run}.lock"
        if record.run and os.path.exists(lock):
            return _locked(lock)
        if self._locks and record.pid == os.getpid():
            return False  # our own process id, but not our run: a window before this one
        return _alive(record.pid)

    def _hold_lock(self) -> None:
        """Take this run's lock before its first record: written to a temp name and locked
        there, then renamed, so no other window ever sees it unlocked."""
        if self._lock is not None or not self._locks:
            return
        lock = self.folder / f"{self.run}.lock"
        fd, temp = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".tmp")
        try:
            if not _try_lock(fd):
                raise OSError("no lock")
            os.replace(temp, lock)
        except OSError:  # Windows renames no open file: lock it under its own name instead
            os.close(fd)
            with contextlib.suppress(OSError):
                os.unlink(temp)
            try:
                fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
            except OSError:
                return  # no lock: this run's records are judged by its process id
            if not _try_lock(fd):
                os.close(fd)
                return
        self._lock = fd

    def _records(self) -> list[tuple[Path, RecoveryRecord | None]]:
        try:
            entries = sorted(self.folder.glob("*.json"))
        except OSError:
            return []
        return [(entry, _read(entry)) for entry in entries]


def _read(target: Path) -> RecoveryRecord | None:
    try:
        text = target.read_text(encoding="utf-8", errors="surrogatepass")
    except (OSError, UnicodeDecodeError):
        return None
    return RecoveryRecord.from_json(text)


def _try_lock(fd: int) -> bool:
    """An exclusive lock on the open file, without waiting; True when taken."""
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _locked(lock: Path) -> bool:
    """Someone holds `lock` (its run lives)."""
    try:
        fd = os.open(lock, os.O_RDWR)
    except OSError:
        return False
    try:
        return not _try_lock(fd)  # taken: nobody held it (closing lets go again)
    finally:
        os.close(fd)


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process: not ours to judge as gone
    return _not_a_zombie(pid)


def _not_a_zombie(pid: int) -> bool:
    """A killed child not yet reaped still answers kill(0); /proc says it is dead."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[-1].split()[:1] != ["Z"]


def _inside(folder: Path, library: Path) -> bool:
    try:
        Path(os.path.realpath(folder)).relative_to(os.path.realpath(library))
    except ValueError:
        return False
    return True
