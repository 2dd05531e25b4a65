"""Create a new item (a stack) from the template, refusing unsafe or taken names."""

from __future__ import annotations

import contextlib
from pathlib import Path

from foundry_app.core.file_ops import FileOpError, check_name
from foundry_app.core.library import Library
from foundry_app.core.scaffold import item_files
from foundry_app.core.storage import write_new_file


class NewItemError(ValueError):
    """The name is not usable; the message says why."""


def create_item(library: Library, kind_key: str, name: str) -> list[Path]:
    kind = next((k for k in library.template.kinds if k.key == kind_key), None)
    if kind is None:
        raise NewItemError(f"the library's template has no kind '{kind_key}'")
    try:
        check_name(name, markdown=False)  # one set of name rules for every new entry
    except FileOpError as error:
        raise NewItemError(f"{error} Use a kebab-case name like 'feature-flags'.") from None
    if not kind.name_pattern.search(name):
        raise NewItemError(
            f"'{name}' is not a valid {kind.key} name: it must match {kind.name_pattern.pattern} "
            "(lowercase words joined by hyphens, e.g. 'feature-flags')"
        )
    # the newer layout keeps stacks in expertise/: new ones go where the others are
    candidates = kind.folders or (kind.folder,)
    home = next((c for c in candidates if (library.root / c).is_dir()), candidates[0])
    folder = library.root / home / name
    if folder.exists():
        raise NewItemError(f"{kind.key} '{name}' already exists at {folder}")
    if (library.root / home).exists() and not (library.root / home).is_dir():
        raise NewItemError(f"{library.root / home} is a file, not the folder of the {kind.key}s")
    created: list[Path] = []
    try:
        folder.mkdir(parents=True)
        for filename, text in item_files(kind, name, home).items():
            write_new_file(folder / filename, text)
            created.append(folder / filename)
    except OSError as error:
        _remove(created, folder)  # a half-made item is worse than none
        reason = error.strerror or str(error)
        raise NewItemError(f"cannot create {folder}: {reason}; nothing was written") from None
    library.rescan()
    return created


def _remove(files: list[Path], folder: Path) -> None:
    for path in files:
        with contextlib.suppress(OSError):
            path.unlink()
    with contextlib.suppress(OSError):
        folder.rmdir()
