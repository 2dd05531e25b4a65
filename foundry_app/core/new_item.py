"""Create a new item (a stack) from the template, refusing unsafe or taken names."""

from __future__ import annotations

from pathlib import Path

from foundry_app.core.library import Library
from foundry_app.core.scaffold import item_files
from foundry_app.core.storage import write_new_file


class NewItemError(ValueError):
    """The name is not usable; the message says why."""


def create_item(library: Library, kind_key: str, name: str) -> list[Path]:
    kind = next((k for k in library.template.kinds if k.key == kind_key), None)
    if kind is None:
        raise NewItemError(f"the library's template has no kind '{kind_key}'")
    if not name or "/" in name or "\\" in name or name in (".", "..") or name.startswith("."):
        raise NewItemError(
            f"'{name}' is not a folder name; use a kebab-case name like 'feature-flags'"
        )
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
    folder.mkdir(parents=True)
    created = []
    for filename, text in item_files(kind, name).items():
        write_new_file(folder / filename, text)
        created.append(folder / filename)
    library.rescan()
    return created
