"""Reading and writing the user's Markdown files without surprising them.

A file is read once into a `TextFile`: '\\n' text for the parser plus everything needed to
write it back byte for byte (BOM, newline style, the original line endings of a file that
mixes them) and to notice that someone else changed it in the meantime (size, mtime,
digest). Writes are atomic and refuse to overwrite changes made behind our back.
"""

from __future__ import annotations

import codecs
import contextlib
import dataclasses
import errno
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from foundry_app.core.blake import blake2b

_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # the same breaks markdown-it recognises
_CHUNK = 1 << 16


class NotUtf8Error(ValueError):
    """The file's bytes are not UTF-8; it can be shown read-only but not edited."""

    def __init__(self, path: Path, reason: str, offset: int | None = None) -> None:
        super().__init__(f"{path} is not UTF-8 text: {reason}")
        self.path = path
        self.reason = reason
        self.offset = offset


class FileConflictError(Exception):
    """The file changed (or vanished) on disk since it was read; writing would lose that."""

    def __init__(self, path: Path, *, deleted: bool = False) -> None:
        what = "was deleted" if deleted else "was changed by another program"
        super().__init__(f"{path} {what} since it was opened")
        self.path = path
        self.deleted = deleted


@dataclass(frozen=True)
class TextFile:
    """One version of a file on disk: its text with '\\n' newlines, and how to write it back."""

    path: Path
    text: str  # '\n' newlines, no BOM
    encoding: str  # "utf-8" or "utf-8-sig" (with BOM)
    newline: str  # "\n" or "\r\n": the dominant style, used for lines we cannot match
    size: int
    mtime_ns: int
    digest: str  # blake2b of the raw bytes
    # The original ending of every line, kept only when they are not all `newline`.
    line_endings: tuple[str, ...] = ()
    # the file the name led to when read, links followed ("" when not read from disk)
    real_path: str = ""

    @property
    def has_bom(self) -> bool:
        return self.encoding == "utf-8-sig"


def digest_bytes(data: bytes) -> str:
    return blake2b(data, digest_size=32).hexdigest()


def decode(
    path: str | os.PathLike[str], data: bytes, *, mtime_ns: int = 0, real_path: str = ""
) -> TextFile:
    """A `TextFile` for raw `data` as read from `path` (no disk access)."""
    path = Path(path)
    raw, has_bom = _utf8_text(path, data)
    endings = _LINE_BREAK.findall(raw)
    crlf, lf = endings.count("\r\n"), endings.count("\n")
    newline = "\r\n" if crlf > lf else "\n"
    mixed = any(ending != newline for ending in endings)
    return TextFile(
        path=path,
        text=_with_newlines(raw),
        encoding="utf-8-sig" if has_bom else "utf-8",
        newline=newline,
        size=len(data),
        mtime_ns=mtime_ns,
        digest=digest_bytes(data),
        line_endings=tuple(endings) if mixed else (),
        real_path=real_path,
    )


def moved_file(file: TextFile, path: Path) -> TextFile:
    """`file` after Foundry itself renamed it (or its folder) to `path`."""
    real_path = os.path.realpath(path) if file.real_path else ""
    return dataclasses.replace(file, path=path, real_path=real_path)


def _with_newlines(raw: str) -> str:
    """Every line break as '\\n'."""
    return _LINE_BREAK.sub("\n", raw) if "\r" in raw else raw


def _utf8_text(path: Path, data: bytes) -> tuple[str, bool]:
    """The bytes decoded (line endings as they are), and whether a BOM was dropped."""
    has_bom = data.startswith(codecs.BOM_UTF8)
    body = data[len(codecs.BOM_UTF8) :] if has_bom else data
    try:
        return body.decode("utf-8"), has_bom
    except UnicodeDecodeError as error:
        offset = error.start + (len(codecs.BOM_UTF8) if has_bom else 0)
        bad = body[error.start : error.start + 1].hex()
        reason = f"invalid byte 0x{bad} at byte offset {offset} ({error.reason})"
        raise NotUtf8Error(path, reason, offset) from None


MAX_FILE_BYTES = 32 * 1024 * 1024  # far above any real library file; /dev/zero stops here


def unreadable_reason(info: os.stat_result) -> str | None:
    """Why a file with this stat is not read as text (a FIFO would block, a device never ends)."""
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file (a device, pipe or socket)"
    if info.st_size > MAX_FILE_BYTES:
        return f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB"
    return None


def read_text_file(path: str | os.PathLike[str]) -> TextFile:
    """Read `path`; raises `NotUtf8Error` for non-UTF-8 bytes, `OSError` as it comes."""
    real_path = os.path.realpath(path)
    data, info = _read_bytes(real_path)  # what is read is the file real_path names
    return decode(path, data, mtime_ns=info.st_mtime_ns, real_path=real_path)


def read_text(path: str | os.PathLike[str]) -> str:
    """Only the text of `path` ('\\n' newlines, no BOM), for reading it and never writing
    it back: a lint reads every file of a library, and needs no digest or line endings.
    Raises as read_text_file does."""
    data, _info = _read_bytes(path)
    raw, _has_bom = _utf8_text(Path(path), data)
    return _with_newlines(raw)


def _read_bytes(path: str | os.PathLike[str]) -> tuple[bytes, os.stat_result]:
    info = os.stat(path)
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    reason = unreadable_reason(info)
    if reason:
        raise OSError(errno.EINVAL, reason, str(path))
    with open(path, "rb") as handle:
        # stat before reading: if the file changes meanwhile, the digest check catches it
        info = os.fstat(handle.fileno())
        data = handle.read()
    return data, info


def encode(file: TextFile, text: str) -> bytes:
    """`text` ('\\n' newlines) as bytes in the file's own encoding, BOM and newline style."""
    body = _restore_line_endings(file, text)
    return (codecs.BOM_UTF8 if file.has_bom else b"") + body.encode("utf-8")


def _restore_line_endings(file: TextFile, text: str) -> str:
    if not file.line_endings:
        return text if file.newline == "\n" else text.replace("\n", file.newline)
    if text == file.text:
        new_endings = list(file.line_endings)
    else:
        new_endings = _match_line_endings(file.text.split("\n"), text.split("\n"), file)
    lines = text.split("\n")
    body = "".join(line + ending for line, ending in zip(lines[:-1], new_endings, strict=True))
    return body + lines[-1]


def _match_line_endings(old: list[str], new: list[str], file: TextFile) -> list[str]:
    """Each new line keeps the ending of the old line it came from; new lines get the default."""
    import difflib  # only saving a file that mixes line endings needs it; a lint never does

    endings = [file.newline] * (len(new) - 1)

    def keep(old_index: int, new_index: int) -> None:
        if old_index < len(file.line_endings) and new_index < len(endings):
            endings[new_index] = file.line_endings[old_index]

    # Pin the unchanged head and tail first: a diff alone may pair repeated lines wrongly.
    limit = min(len(old), len(new))
    head = 0
    while head < limit and old[head] == new[head]:
        keep(head, head)
        head += 1
    tail = 0
    while tail < limit - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
        keep(len(old) - tail, len(new) - tail)
    matcher = difflib.SequenceMatcher(
        None, old[head : len(old) - tail], new[head : len(new) - tail], autojunk=False
    )
    for tag, old_start, old_stop, new_start, new_stop in matcher.get_opcodes():
        if tag in ("equal", "replace"):
            for step in range(min(old_stop - old_start, new_stop - new_start)):
                keep(head + old_start + step, head + new_start + step)
    return endings


def changed_on_disk(file: TextFile) -> bool:
    """True if the file on disk is no longer the one `file` was read as (or is gone)."""
    try:
        info = os.stat(file.path)
    except FileNotFoundError:
        return True
    if not stat.S_ISREG(info.st_mode):  # a folder or a pipe now: never opened to compare
        return True
    if (info.st_size, info.st_mtime_ns) == (file.size, file.mtime_ns):
        return False
    # stat differs (a touch, a copy, a clock jump): only the content decides
    return info.st_size != file.size or _digest_file(file.path) != file.digest


def _digest_file(path: Path) -> str:
    hasher = blake2b(digest_size=32)
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            hasher.update(chunk)
    return hasher.hexdigest()


def write_text_file(file: TextFile, text: str, *, force: bool = False) -> TextFile:
    """Atomically replace `file` with `text`; returns the new on-disk state.

    Raises `FileConflictError` if the file changed or vanished since `file` was read,
    unless `force` is set.
    """
    if not force and changed_on_disk(file):
        raise FileConflictError(file.path, deleted=not file.path.exists())
    data = encode(file, text)
    # write through a symlink to its target, so the link itself survives
    real_path = os.path.realpath(file.path)
    if leads_elsewhere(file, real_path):  # even when forced: see LinkChangedError
        raise LinkChangedError(file.path, real_path)
    target = Path(real_path)
    try:
        info = os.stat(target)
    except FileNotFoundError:  # forced write of a deleted file: recreate it
        mtime_ns = _atomic_write(target, data, _default_mode(), replace=True, shown=file.path)
        return decode(file.path, data, mtime_ns=mtime_ns, real_path=real_path)
    mode = stat.S_IMODE(info.st_mode)
    if is_read_only(target, mode):
        raise ReadOnlyFileError(file.path)
    if info.st_nlink > 1:  # a rename would leave the other names on the old text
        mtime_ns = _write_in_place(target, data, shown=file.path)
    else:
        mtime_ns = _atomic_write(target, data, mode, replace=True, shown=file.path)
    return decode(file.path, data, mtime_ns=mtime_ns, real_path=real_path)


def write_text_file_as(file: TextFile, text: str, path: str | os.PathLike[str]) -> TextFile:
    """Save As: `text` in `file`'s encoding and newline style at `path`, created or
    replaced (the caller asked the author first) and atomic."""
    path = Path(path)
    data = encode(file, text)
    target = Path(os.path.realpath(path))
    try:
        info = os.stat(target)
    except FileNotFoundError:
        mode = _default_mode()
    else:
        mode = stat.S_IMODE(info.st_mode)
        if is_read_only(target, mode):
            raise ReadOnlyFileError(path)
    mtime_ns = _atomic_write(target, data, mode, replace=True, shown=path)
    return decode(path, data, mtime_ns=mtime_ns, real_path=str(target))


def leads_elsewhere(file: TextFile, real_path: str | None = None) -> bool:
    """The name is a link now, to another file than the one `file` was read from. A name
    that is a plain file again (a link replaced by a file, or deleted) writes only itself."""
    if not file.real_path or not os.path.islink(file.path):
        return False
    return (real_path or os.path.realpath(file.path)) != file.real_path


class LinkChangedError(OSError):
    """The name now leads to another file than the one read (a link made or re-pointed
    since): writing would change that other file, which the author never saw."""

    def __init__(self, path: Path, now: str) -> None:
        super().__init__(
            errno.EEXIST, f"it now leads to {now}, not to the file that was opened", str(path)
        )


class ReadOnlyFileError(PermissionError):
    """The file is read-only (no write permission bit, or no access): it is not replaced."""

    def __init__(self, path: Path) -> None:
        super().__init__(errno.EACCES, "the file is read-only", str(path))


_WRITE_BITS = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH


def is_read_only(path: Path, mode: int) -> bool:
    """No write bit at all (honoured even for root, who could write anyway), or no access."""
    return not mode & _WRITE_BITS or not os.access(path, os.W_OK)


def _write_in_place(path: Path, data: bytes, *, shown: Path) -> int:
    """Rewrite a hard-linked file through its inode, so every name sees the new text.

    The new text goes to a temp file first (fsynced): if the rewrite is cut short, that
    copy is left beside the file rather than lost."""
    fd, copy = _temp_beside(path, shown)
    try:
        with _named(shown), os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(copy)
        raise
    with _named(shown), open(path, "r+b") as handle:
        handle.write(data)
        handle.truncate()
        handle.flush()
        os.fsync(handle.fileno())
        mtime_ns = os.fstat(handle.fileno()).st_mtime_ns
    os.unlink(copy)
    return mtime_ns


def write_new_file(path: str | os.PathLike[str], text: str) -> TextFile:
    """Atomically create `path` with `text` (UTF-8, '\\n'); `FileExistsError` if it exists."""
    path = Path(path)
    data = text.encode("utf-8")
    mtime_ns = _atomic_write(path, data, _default_mode(), replace=False)
    return decode(path, data, mtime_ns=mtime_ns, real_path=os.path.realpath(path))


def write_new_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Atomically create `path` holding exactly `data` (a copy); `FileExistsError` if it exists."""
    _atomic_write(Path(path), data, _default_mode(), replace=False)


def write_generated_file(path: str | os.PathLike[str], text: str) -> None:
    """Atomically create or replace a file Foundry makes for the user (an export), as
    UTF-8 with '\\n' newlines; an existing file keeps its permission bits."""
    target = Path(os.path.realpath(path))
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = _default_mode()
    _atomic_write(target, text.encode("utf-8"), mode, replace=True, shown=Path(path))


def _atomic_write(
    path: Path, data: bytes, mode: int, *, replace: bool, shown: Path | None = None
) -> int:
    """Write `data` to a temp file beside `path`, then move it into place; returns mtime_ns.
    Errors name `shown` (the path the author knows), never the temp file."""
    shown = shown or path
    if not replace and path.exists():
        raise FileExistsError(f"{path} already exists")
    fd, temp_name = _temp_beside(path, shown)
    try:
        with _named(shown):
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
                # a rename keeps mtime, so this stat is the one the file will have in place
                mtime_ns = os.fstat(handle.fileno()).st_mtime_ns
            os.chmod(temp_name, mode)
            if replace:
                os.replace(temp_name, path)
            else:
                _move_exclusive(temp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise
    _fsync_directory(path.parent)
    return mtime_ns


_TEMP_NAME_BYTES = 200  # of a file's name in its temp file's: 255 less dots, random part, suffix


def _temp_beside(path: Path, shown: Path) -> tuple[int, str]:
    import tempfile  # only writes need it; a lint never does

    # the temp name carries the file's name, short enough that a file whose own name is
    # at the file system's limit (255 bytes) can still be saved
    name = path.name if len(os.fsencode(path.name)) <= _TEMP_NAME_BYTES else "foundry-save"
    with _named(shown):
        if not stat.S_IMODE(os.stat(path.parent).st_mode) & _WRITE_BITS:
            # honoured even for root, who could write anyway, as a read-only file is
            raise PermissionError(errno.EACCES, "its folder is read-only", str(shown))
        return tempfile.mkstemp(dir=path.parent, prefix=f".{name}.", suffix=".tmp")


@contextlib.contextmanager
def _named(shown: Path):
    """An OSError about a temp file or the folder is reported against the author's file."""
    try:
        yield
    except FileExistsError:
        raise
    except OSError as error:
        if error.filename is not None and Path(error.filename) == shown:
            raise
        reason = error.strerror or str(error)
        if isinstance(error, PermissionError):
            reason = f"{reason} (the folder {shown.parent} is not writable)"
        raise type(error)(error.errno, reason, str(shown)) from error


def _move_exclusive(temp_name: str, path: Path) -> None:
    """Move into place only if nothing is there: a hard link fails atomically if it exists."""
    try:
        os.link(temp_name, path)
    except FileExistsError:
        raise
    except OSError:  # no hard links on this file system: check-then-replace is the best we get
        if path.exists():
            raise FileExistsError(f"{path} already exists") from None
        os.replace(temp_name, path)
        return
    os.unlink(temp_name)


def _fsync_directory(folder: Path) -> None:
    """Make the rename itself durable (POSIX only; best effort)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _default_mode() -> int:
    """Permission bits a plain new file gets (0o666 minus the umask)."""
    umask = os.umask(0o022)  # reading the umask means setting it; put it straight back
    os.umask(umask)
    return 0o666 & ~umask
