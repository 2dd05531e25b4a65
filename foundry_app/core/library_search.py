"""Search and replace across the library's files, without Qt.

The file list is the library's own (`Library.markdown_files`), so a search never walks
the disk by itself and never follows a symlink loop. Open buffers are searched and
replaced in their current text (passed in as `buffers`), never on disk. Writes go
through core.storage, which refuses a file that changed since it was read.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from foundry_app.core import storage
from foundry_app.core.storage import FileConflictError, NotUtf8Error, TextFile
from foundry_app.core.text_search import LineMatch, line_matches, replace_all

if TYPE_CHECKING:
    from foundry_app.core.text_search import Pattern

MAX_MATCHES_PER_FILE = 200


@dataclass(frozen=True)
class FileMatches:
    path: Path
    matches: list[LineMatch]
    truncated: bool = False  # more matches than MAX_MATCHES_PER_FILE


def _text_of(path: Path, buffers: Mapping[Path, str]) -> tuple[str, TextFile | None] | None:
    """The text to search: the open buffer's, else the file's; None when unreadable."""
    if path in buffers:
        return buffers[path], None
    try:
        file = storage.read_text_file(path)
    except (OSError, NotUtf8Error):  # gone, unreadable or not text: nothing to find
        return None
    return file.text, file


def search_files(
    paths: Iterable[Path],
    pattern: Pattern,
    buffers: Mapping[Path, str] | None = None,
    should_stop: Callable[[], bool] = lambda: False,
) -> Iterator[FileMatches]:
    """Files with at least one match, in the order given; stops early when asked."""
    buffers = buffers or {}
    for path in paths:
        if should_stop():
            return
        found = _text_of(path, buffers)
        if found is None:
            continue
        matches = line_matches(found[0], pattern, MAX_MATCHES_PER_FILE + 1)
        if matches:
            truncated = len(matches) > MAX_MATCHES_PER_FILE
            yield FileMatches(path, matches[:MAX_MATCHES_PER_FILE], truncated)


@dataclass(frozen=True)
class FileReplacement:
    """One file's planned change: from `old_text` to `new_text`."""

    path: Path
    old_text: str
    new_text: str
    count: int
    file: TextFile | None  # what was read from disk; None for an open buffer

    @property
    def in_buffer(self) -> bool:
        return self.file is None

    def preview_lines(self, limit: int = 20) -> list[str]:
        """Changed lines as "line: old → new", for the confirmation before it applies."""
        old_lines, new_lines = self.old_text.split("\n"), self.new_text.split("\n")
        shown = []
        if len(old_lines) == len(new_lines):
            for number, (old, new) in enumerate(zip(old_lines, new_lines, strict=True), 1):
                if old != new:
                    shown.append(f"{number}: {old.strip()} → {new.strip()}")
                    if len(shown) >= limit:
                        break
        else:  # the replacement adds or removes lines: show it as a count only
            shown.append(f"{self.count} replacements (the line count changes)")
        return shown


def plan_replacements(
    paths: Iterable[Path],
    pattern: Pattern,
    replacement: str,
    *,
    regex: bool,
    buffers: Mapping[Path, str] | None = None,
) -> list[FileReplacement]:
    """What Replace All would change, file by file; nothing is written."""
    buffers = buffers or {}
    plan = []
    for path in paths:
        found = _text_of(path, buffers)
        if found is None:
            continue
        text, file = found
        new_text, count = replace_all(text, pattern, replacement, regex=regex)
        if count:
            plan.append(FileReplacement(path, text, new_text, count, file))
    return plan


@dataclass
class AppliedReplacement:
    """A replacement written to disk, kept so it can be undone for that one file."""

    path: Path
    before: str
    written: TextFile

    def undo(self) -> TextFile:
        """Write the old text back; FileConflictError if the file changed since."""
        return storage.write_text_file(self.written, self.before)


@dataclass
class ReplaceOutcome:
    applied: list[AppliedReplacement] = field(default_factory=list)
    refused: list[tuple[Path, str]] = field(default_factory=list)  # (path, reason)


def apply_to_disk(plan: Iterable[FileReplacement], within: Path | None = None) -> ReplaceOutcome:
    """Write every planned file that is not an open buffer; a file changed on disk since
    the plan was made is refused, never overwritten, and so is one that leads out of the
    folder `within` (the library) once its links are followed: a name swapped for a link
    to a file elsewhere since the library was read."""
    outcome = ReplaceOutcome()
    top = Path(os.path.realpath(within)) if within is not None else None
    for item in plan:
        if item.file is None:
            continue
        if top is not None and top not in Path(os.path.realpath(item.path)).parents:
            outcome.refused.append((item.path, "it now leads outside the library"))
            continue
        try:
            written = storage.write_text_file(item.file, item.new_text)
        except FileConflictError:
            outcome.refused.append((item.path, "changed on disk since the search"))
            continue
        except OSError as error:
            outcome.refused.append((item.path, error.strerror or str(error)))
            continue
        outcome.applied.append(AppliedReplacement(item.path, item.old_text, written))
    return outcome
