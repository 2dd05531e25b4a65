"""A per-library cache of file facts, keyed by path, size and change time (the later of
mtime and ctime), kept outside the library."""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import sys
import time
from pathlib import Path

from foundry_app import __version__
from foundry_app.core.blake import blake2b
from foundry_app.core.facts import FileFacts
from foundry_app.core.library import Library
from foundry_app.core.xdg import linux_folder

CACHE_ENV = "FOUNDRY_CACHE_DIR"
_FORMAT = 3  # 2: facts carry the file's suppression comments; 3: the day of dated facts
# a front matter date found "in the future" is so only until that day comes: such facts
# are kept for the day they were made on
_DATED_RULE = "FT108"


def cache_dir() -> Path:
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit)
    linux = linux_folder("XDG_CACHE_HOME", ".cache")
    if linux is not None:
        return linux
    import platformdirs  # loads tempfile and more: only where the XDG rule below does not apply

    return Path(platformdirs.user_cache_dir("foundry", appauthor=False))


def _code_stamp() -> int:
    """Newest change to the core's code, so edited rules never read stale results."""
    newest, folders = 0, [os.path.dirname(__file__)]
    while folders:  # os.scandir, not Path.rglob: this runs on every lint
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        folders.append(entry.path)
                elif entry.name.endswith(".py"):
                    newest = max(newest, entry.stat().st_mtime_ns)
    return newest


class LintCache:
    """Loaded once per lint, written back only when something changed."""

    def __init__(self, file: Path, key: str) -> None:
        self.file = file
        self.key = key  # template, rules and program version: any change empties the cache
        self.entries: dict[str, list] = {}
        self.dirty = False
        self._load()

    @classmethod
    def for_library(cls, library: Library) -> LintCache:
        name = blake2b(str(library.root).encode(), digest_size=8).hexdigest()
        # The Python version is part of the key: code-syntax results depend on the interpreter.
        python = ".".join(map(str, sys.version_info[:3]))
        template = library.template
        # The rule settings are part of library.toml's digest; named too, to say they count.
        settings = f"{template.digest}:{template.rules.digest}"
        key = f"{_FORMAT}:{__version__}:{python}:{_code_stamp()}:{settings}"
        return cls(cache_dir() / f"lint-{name}.json", key)

    def _load(self) -> None:
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if not isinstance(data, dict) or data.get("key") != self.key:
            return
        files = data.get("files")
        if isinstance(files, dict):
            self.entries = files

    def get(self, path: Path, size: int, changed_ns: int) -> FileFacts | None:
        entry = self.entries.get(str(path))
        if not isinstance(entry, list) or len(entry) != 4:
            return None  # absent, or written by something else: recompute
        if entry[0] != size or entry[1] != changed_ns:
            return None
        if entry[3] and entry[3] != _today():
            return None
        try:
            return FileFacts.from_json(path, entry[2])
        except (KeyError, TypeError, ValueError):
            return None

    def put(self, path: Path, size: int, changed_ns: int, facts: FileFacts) -> None:
        dated = any(d.rule == _DATED_RULE for d in facts.diagnostics)
        self.entries[str(path)] = [size, changed_ns, facts.to_json(), _today() if dated else ""]
        self.dirty = True

    def save(self) -> None:
        """Atomic replace; a cache that cannot be written is simply not kept."""
        if not self.dirty:
            return
        import tempfile  # only a lint that changed something writes the cache

        with contextlib.suppress(OSError):
            self.file.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=self.file.parent, prefix=".lint-", suffix=".tmp")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    json.dump(
                        {"key": self.key, "files": self.entries}, handle, separators=(",", ":")
                    )
                os.replace(temp, self.file)
            except OSError:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
            _remove_abandoned_temps(self.file.parent)
        self.dirty = False


def _today() -> str:
    return datetime.date.today().isoformat()


_ABANDONED_SECONDS = 3600  # a temp file this old is no write in progress: its lint was killed


def _remove_abandoned_temps(folder: Path) -> None:
    """Temp files of lints killed mid-write (each a few MB), never renamed into place."""
    cutoff = time.time() - _ABANDONED_SECONDS
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith(".lint-") and entry.name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    if entry.stat(follow_symlinks=False).st_mtime < cutoff:
                        os.unlink(entry.path)
