"""The task items of a stack's files, as the checklist panel lists them, each with the one
read of its file that a later tick is checked against. No Qt: the window's parse child
runs this, so the parses never hold the window's interpreter lock."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from foundry_app.core.document import Document, TaskItem
from foundry_app.core.large_file import is_large
from foundry_app.core.storage import NotUtf8Error, TextFile, read_text_file


@dataclass(frozen=True)
class FileTasks:
    path: Path
    label: str
    tasks: tuple[TaskItem, ...]
    note: str = ""  # why there are no tasks to show (unreadable file…)


def read_stack_tasks(files: list[Path], base: Path) -> list[tuple[FileTasks, TextFile | None]]:
    """Each file's tasks, labelled by its path under `base`, and the read they came from
    (None when the file could not be read)."""
    loaded = []
    for path in files:
        label = relative_label(path, base)
        try:
            text_file = read_text_file(path)
        except (OSError, NotUtf8Error) as error:
            note = "(not UTF-8)" if isinstance(error, NotUtf8Error) else "(unreadable)"
            loaded.append((FileTasks(path, label, (), note), None))
            continue
        if is_large(text_file.text):  # its parse would take seconds and hundreds of MB
            note = "(large file: its tasks are listed while it is open)"
            loaded.append((FileTasks(path, label, (), note), text_file))
            continue
        tasks = tuple(Document(text_file.text).tasks)
        loaded.append((FileTasks(path, label, tasks), text_file))
    return loaded


def relative_label(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.name
