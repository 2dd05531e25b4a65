"""Crash recovery: the unsaved text of an open file, kept where a crash cannot take it.

While a buffer has unsaved edits, the window writes a record of it every few seconds to
the recovery folder in the user's data directory (never inside a library). A clean exit
removes the records; records left behind by a process that is gone are what the next
window offers to restore. This module decides what a record holds and which ones count;
it knows nothing of Qt.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from foundry_app.core.blake import blake2b
from foundry_app.core.xdg import linux_folder

RECOVERY_ENV = "FOUNDRY_RECOVERY_DIR"
_FORMAT = 1
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
            if not isinstance(raw, dict) or raw.get("format") != _FORMAT:
                return None
            library, path, text = raw["library"], raw["path"], raw["text"]
            pid, saved_at = raw["pid"], raw["saved_at"]
        except (ValueError, KeyError):
            return None
        fields_ok = (
            (library is None or isinstance(library, str))
            and isinstance(path, str)
            and isinstance(text, str)
            and isinstance(pid, int)
            and isinstance(saved_at, int | float)
        )
        if not fields_ok:
            return None
        return cls(Path(library) if library else None, Path(path), text, pid, float(saved_at))


def record_name(path: Path) -> str:
    """One record per file: the name is a digest of the file's absolute path."""
    digest = blake2b(str(path).encode("utf-8", "surrogatepass"), digest_size=16)
    return f"{digest.hexdigest()}.json"


class RecoveryStore:
    """The recovery folder of this process (`folder`, for tests)."""

    def __init__(self, folder: Path | None = None, pid: int | None = None) -> None:
        self.folder = Path(folder) if folder is not None else recovery_dir()
        self.pid = os.getpid() if pid is None else pid

    def write(self, library: Path | None, path: Path, text: str) -> Path | None:
        """Keep `text` as the unsaved state of `path`; None when the folder would lie in
        the library itself (a record must never become part of a library) or fails."""
        if library is not None and _inside(self.folder, library):
            return None
        record = RecoveryRecord(library, Path(path), text, self.pid, time.time())
        target = self.folder / record_name(Path(path))
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                for piece in record.json_pieces():
                    handle.write(piece)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, target)  # a crash mid-write leaves the last whole record
        except OSError:
            return None
        return target

    def remove(self, path: Path) -> None:
        """`path` is saved, discarded or closed: its record goes (if it is ours)."""
        target = self.folder / record_name(Path(path))
        record = _read(target)
        if record is None or record.pid == self.pid:
            with contextlib.suppress(OSError):
                target.unlink()

    def remove_own(self) -> None:
        """A clean exit: every record this process wrote goes."""
        for target, record in self._records():
            if record is None or record.pid == self.pid:
                with contextlib.suppress(OSError):
                    target.unlink()

    def left_behind(self) -> list[RecoveryRecord]:
        """Records of processes that are gone (a crash, a kill), newest first."""
        found = [
            record
            for _target, record in self._records()
            if record is not None and record.pid != self.pid and not _alive(record.pid)
        ]
        return sorted(found, key=lambda record: record.saved_at, reverse=True)

    def discard(self, record: RecoveryRecord) -> None:
        with contextlib.suppress(OSError):
            (self.folder / record_name(record.path)).unlink()

    def _records(self) -> list[tuple[Path, RecoveryRecord | None]]:
        try:
            entries = sorted(self.folder.glob("*.json"))
        except OSError:
            return []
        return [(entry, _read(entry)) for entry in entries]


def _read(target: Path) -> RecoveryRecord | None:
    try:
        return RecoveryRecord.from_json(target.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None


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
