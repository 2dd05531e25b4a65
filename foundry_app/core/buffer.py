"""The state of one open file, without Qt: what is on disk, what the author typed, and
what to do when the two drift apart.

The UI owns the widgets; this owns the decisions (dirty or not, read-only or not, reload
or ask), so they are tested without a display.
"""

from __future__ import annotations

import dataclasses
import os
import re
import stat
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from foundry_app.core import storage
from foundry_app.core.storage import NotUtf8Error, TextFile, moved_file

_LINE_BREAK = re.compile(r"\r\n|\r")

# A text widget that splits blocks at U+2029 (Qt does) would turn a paragraph separator in
# a file into a newline. In the editor it stands in as a private-use character that the
# text does not contain, and becomes U+2029 again when the text is read back.
PARAGRAPH_SEPARATOR = "\u2029"
_STAND_INS = tuple(chr(code) for code in range(0xF8E0, 0xF900))


def paragraph_stand_in(text: str) -> str:
    """A private-use character absent from `text`, to hold U+2029 in the editor."""
    return next((ch for ch in _STAND_INS if ch not in text), _STAND_INS[0])


def to_editor_text(text: str, stand_in: str) -> str:
    return text.replace(PARAGRAPH_SEPARATOR, stand_in) if PARAGRAPH_SEPARATOR in text else text


def from_editor_text(text: str, stand_in: str) -> str:
    return text.replace(stand_in, PARAGRAPH_SEPARATOR) if stand_in in text else text


class ExternalChange(StrEnum):
    """What to do after the file may have changed on disk behind our back."""

    NONE = "none"  # disk still holds what we last read or wrote
    RELOAD = "reload"  # changed, and no unsaved edits would be lost: reload silently
    ASK = "ask"  # changed while the author has unsaved edits: ask, never overwrite
    MISSING = "missing"  # the file is gone (deleted or renamed away)


@dataclass
class Buffer:
    """One open file: its last read/written version (`file`) and the current `text`."""

    path: Path
    file: TextFile | None  # None when the file could not be read as UTF-8
    saved_text: str  # the text as of the last load or committed save
    text: str
    read_only_reason: str | None = None
    deleted: bool = False  # deleted from Foundry while open: the text is all that is left

    @classmethod
    def load(cls, path: Path | str) -> Buffer:
        """Read `path`; a file that is not UTF-8 opens read-only with the reason.

        OSError (missing, unreadable) propagates: there is nothing to show.
        """
        path = Path(path)
        try:
            file = storage.read_text_file(path)
        except NotUtf8Error as error:
            text = _LINE_BREAK.sub("\n", path.read_bytes().decode("utf-8", errors="replace"))
            return cls(path, None, text, text, read_only_reason=str(error))
        return cls(path, file, file.text, file.text)

    @property
    def dirty(self) -> bool:
        return self.deleted or self.text != self.saved_text

    def mark_deleted(self) -> None:
        """The file was deleted on purpose: keep the text, unsaved, until saved back or closed."""
        self.deleted = True

    def moved_to(self, path: Path) -> None:
        """The file was renamed (or its folder was): the same file under a new path."""
        self.path = path
        if self.file is not None:
            self.file = moved_file(self.file, path)

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    def edit(self, text: str) -> None:
        self.text = text

    def save(self, *, force: bool = False) -> None:
        """Write atomically; the buffer counts as saved only once the write has committed.

        Raises FileConflictError when the file changed on disk since it was read (unless
        `force`), PermissionError for a read-only buffer, and OSError from the write.
        """
        if self.file is None or self.read_only_reason is not None:
            raise PermissionError(self.read_only_reason or f"{self.path}: read-only")
        text = self.text  # the text being written, even if edited while the write runs
        # a file deleted on purpose is written back without a conflict only while nothing
        # else has taken its name (another program's file, or one renamed onto it)
        recreate = self.deleted and not os.path.lexists(self.path)
        if recreate:  # writing it back: its folder may have gone with it
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.file = storage.write_text_file(self.file, text, force=force or recreate)
        self.saved_text = text
        self.deleted = False

    def save_as(self, path: Path | str) -> None:
        """Write the text to `path` (same encoding and newlines) and go on editing it there."""
        if self.file is None:
            raise PermissionError(self.read_only_reason or f"{self.path}: read-only")
        text = self.text
        self.file = storage.write_text_file_as(self.file, text, path)
        self.path = Path(path)
        self.saved_text = text
        self.deleted = False

    def external_change(self) -> ExternalChange:
        """Decide what a change on disk means for this buffer."""
        if not self.path.exists():
            return ExternalChange.NONE if self.deleted else ExternalChange.MISSING
        if self.file is None:  # read-only: nothing of ours to lose
            return ExternalChange.RELOAD if self._bytes_differ() else ExternalChange.NONE
        if not storage.changed_on_disk(self.file):
            return ExternalChange.NONE
        return ExternalChange.ASK if self.dirty else ExternalChange.RELOAD

    def reload(self) -> None:
        """Replace the text with what is on disk now (unsaved edits are dropped)."""
        fresh = Buffer.load(self.path)
        file = fresh.file and self._still_the_opened_file(fresh.file)
        self.file, self.saved_text, self.text = file, fresh.saved_text, fresh.text
        self.read_only_reason = fresh.read_only_reason

    @classmethod
    def missing(cls, path: Path | str, text: str) -> Buffer:
        """A file that is not on disk (its text recovered after a crash): unsaved, and
        Save writes it there."""
        path = Path(path)
        return cls(path, storage.decode(path, b""), "", text, deleted=True)

    def typed_over(self, base_digest: str) -> bool:
        """The text was typed over the file version `base_digest`: when the disk holds
        another one now, True, and the next save asks before it overwrites that."""
        if not base_digest or self.file is None or self.file.digest == base_digest:
            return False
        self.file = dataclasses.replace(self.file, size=-1, digest=base_digest)
        return True

    def keep_mine(self) -> None:
        """The author keeps their edits over a change on disk: the disk version becomes the
        base, so the next save is a deliberate overwrite rather than a conflict."""
        try:
            disk = storage.read_text_file(self.path)
        except (OSError, NotUtf8Error):
            return  # gone or unreadable: the next save recreates or reports it
        self.file, self.saved_text = self._still_the_opened_file(disk), disk.text

    def _still_the_opened_file(self, disk: TextFile) -> TextFile:
        """`disk` as the base for saving: when the name now leads to another file (a link
        swapped in since it was opened), saving must still refuse to write there."""
        if self.file is not None and storage.leads_elsewhere(self.file, disk.real_path):
            return dataclasses.replace(disk, real_path=self.file.real_path)
        return disk

    def _bytes_differ(self) -> bool:
        try:
            if not stat.S_ISREG(os.stat(self.path).st_mode):  # a pipe would block the read
                return True
            data = self.path.read_bytes()
        except OSError:
            return True
        text = _LINE_BREAK.sub("\n", data.decode("utf-8", errors="replace"))
        return text != self.saved_text
