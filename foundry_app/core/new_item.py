"""Create a new item (a stack) from the template, refusing unsafe or taken names."""

from __future__ import annotations

import contextlib
from pathlib import Path

from foundry_app.core.file_ops import FileOpError, check_name
from foundry_app.core.library import Library
from foundry_app.core.name_pattern import PatternTooSlow
from foundry_app.core.scaffold import item_files
from foundry_app.core.storage import write_new_file
from foundry_app.core.template import KindSpec


class NewItemError(ValueError):
    """The name is not usable; the message says why."""


KEBAB_CASE = "^[a-z0-9]+(-[a-z0-9]+)*$"  # the standard templates' item names
KEBAB_HINT = "use lower-case letters, digits and single hyphens, e.g. 'feature-stores'"


def name_problem(library: Library, kind_key: str, name: str) -> str | None:
    """Why `name` cannot be a new item of the kind, in the words the CLI and the New Stack
    dialog both show; None when it can be created."""
    kind = _kind(library, kind_key)
    name = name.strip()
    if not name:
        return f"Type a name for the new {kind.key}, e.g. 'feature-stores'."
    try:
        check_name(name, markdown=False)  # one set of name rules for every new entry
    except FileOpError as error:
        return str(error)
    try:
        fits = kind.name_pattern.search(name)
    except PatternTooSlow as slow:
        return f"Cannot check '{name}': {slow}."
    if not fits:
        return _pattern_problem(kind, name)
    home = _home(library, kind)
    if (library.root / home / name).exists():
        return f"A {kind.key} named '{name}' already exists."
    if (library.root / home).exists() and not (library.root / home).is_dir():
        return f"{library.root / home} is a file, not the folder of the {kind.key}s."
    return None


def _pattern_problem(kind: KindSpec, name: str) -> str:
    if kind.name_pattern.pattern != KEBAB_CASE:
        # a template's own pattern: only its authors know what it means in words
        pattern = kind.name_pattern.pattern
        return f"'{name}' is not a valid {kind.key} name: the template asks for {pattern}"
    found = []
    if any(ch.isupper() for ch in name):
        found.append("upper-case letters")
    if any(ch.isspace() for ch in name):
        found.append("spaces")
    if name.startswith("-") or name.endswith("-"):
        found.append("a hyphen at the start or end")
    if "--" in name:
        found.append("two hyphens in a row")
    if any(not (ch.isascii() and (ch.isalnum() or ch == "-")) and not ch.isspace() for ch in name):
        found.append("other characters")
    what = f" ({', '.join(found)})" if found else ""
    return f"'{name}' is not a valid {kind.key} name{what}: {KEBAB_HINT}."


def _kind(library: Library, kind_key: str) -> KindSpec:
    kind = next((k for k in library.template.kinds if k.key == kind_key), None)
    if kind is None:
        raise NewItemError(f"the library's template has no kind '{kind_key}'")
    return kind


def _home(library: Library, kind: KindSpec) -> str:
    """The kind folder a new item goes to: where the others are (stacks/ or expertise/)."""
    candidates = kind.folders or (kind.folder,)
    return next((c for c in candidates if (library.root / c).is_dir()), candidates[0])


def create_item(library: Library, kind_key: str, name: str) -> list[Path]:
    kind = _kind(library, kind_key)
    problem = name_problem(library, kind_key, name)
    if problem is not None:
        raise NewItemError(problem)
    name = name.strip()
    home = _home(library, kind)
    folder = library.root / home / name
    if not (library.root / home).resolve().is_relative_to(library.root.resolve()):
        # a kind folder linked out of the library: the walk does not follow it, nor do writes
        raise NewItemError(f"{library.root / home} leads out of the library; nothing was written")
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
