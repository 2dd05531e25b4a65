"""The library on disk: where it is, its template, its kinds, items and Markdown files."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from foundry_app.core.storage import write_new_file
from foundry_app.core.template import (
    FileSpec,
    KindSpec,
    Template,
    TemplateError,
    builtin_template,
    builtin_template_text,
    load_template,
)

TEMPLATE_FILE = "library.toml"
ENV_VARIABLE = "FOUNDRY_LIBRARY"
MARKDOWN_SUFFIXES = (".md", ".markdown")
TEXT_SUFFIXES = (".yml", ".yaml", ".json", ".toml")  # listed and edited as plain text


class LibraryError(Exception):
    """The folder is not a usable library; the message names the path and the reason."""


@dataclass(frozen=True)
class Item:
    """One item of a kind (a stack): its folder and its Markdown files, sorted."""

    kind: KindSpec = field(repr=False)
    name: str
    path: Path
    files: tuple[Path, ...]


@dataclass(frozen=True)
class ScanProblem:
    path: Path
    reason: str


@dataclass
class Library:
    root: Path
    template: Template
    items: list[Item] = field(default_factory=list)
    other_files: list[Path] = field(default_factory=list)  # Markdown outside any item
    text_files: list[Path] = field(default_factory=list)  # .yml, .json, .toml anywhere
    problems: list[ScanProblem] = field(default_factory=list)
    uses_builtin_template: bool = False  # no library.toml: Foundry's standard template

    @classmethod
    def open(cls, root: Path | str) -> Library:
        root = Path(root).expanduser()
        if not root.is_dir():
            raise LibraryError(f"{root}: not a folder")
        toml = root / TEMPLATE_FILE
        builtin = not toml.is_file()
        try:
            template = builtin_template() if builtin else load_template(toml)
        except TemplateError as error:
            raise LibraryError(str(error)) from error
        if builtin and not _has_kind_folder(root, template):
            raise LibraryError(
                f"{root}: not a library (no {TEMPLATE_FILE} in it, and none of the folders "
                f"an ai-team-library has: {', '.join(_kind_folder_names(template))})"
            )
        library = cls(root.resolve(), template, uses_builtin_template=builtin)
        library.rescan()
        return library

    def save_template(self) -> Path:
        """Write the standard template into the library as library.toml (atomically, never
        over an existing file), so the authors can customise it."""
        path = self.root / TEMPLATE_FILE
        write_new_file(path, builtin_template_text())
        self.uses_builtin_template = False
        return path

    def rescan(self) -> None:
        """Walk the folder again: items, other Markdown files and unreadable places."""
        scanner = _Scanner(self.root)
        kind_folders = {
            name: kind for kind in self.template.kinds for name in _kind_folder_names_of(kind)
        }
        self.items, self.other_files = [], []
        for entry in scanner.entries(self.root):
            kind = kind_folders.get(entry.name)
            if kind is not None and entry.is_dir():
                self.items.extend(scanner.items(kind, entry))
            elif entry.is_dir():
                self.other_files.extend(scanner.markdown_under(entry))
            elif _is_markdown(entry):
                self.other_files.append(entry)
            elif _is_text(entry):
                scanner.text_files.append(entry)
        self.text_files = scanner.text_files
        self.problems = scanner.problems

    def items_of(self, kind_key: str) -> list[Item]:
        return [item for item in self.items if item.kind.key == kind_key]

    def item_for(self, path: Path) -> Item | None:
        path = Path(path).resolve()
        for item in self.items:
            if path == item.path or item.path in path.parents:
                return item
        return None

    def file_spec(self, path: Path) -> FileSpec:
        item = self.item_for(path)
        if item is None:
            return FileSpec()
        return item.kind.file_spec(Path(path).name)

    def markdown_files(self) -> list[Path]:
        files = [file for item in self.items for file in item.files]
        return files + self.other_files

    def relative(self, path: Path) -> str:
        try:
            return Path(path).resolve().relative_to(self.root).as_posix()
        except ValueError:
            return str(path)


class _Scanner:
    """Directory walking that skips hidden entries and escaping symlinks, and never raises."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[ScanProblem] = []
        self.text_files: list[Path] = []  # met on the way, in walk order

    def entries(self, folder: Path) -> list[Path]:
        try:
            names = sorted(os.listdir(folder))
        except OSError as error:
            self.problems.append(ScanProblem(folder, error.strerror or str(error)))
            return []
        paths = []
        for name in names:
            if name.startswith("."):
                continue
            path = folder / name
            if path.is_symlink() and not self._inside(path):
                continue
            paths.append(path)
        return paths

    def _inside(self, path: Path) -> bool:
        try:
            path.resolve().relative_to(self.root)
        except (ValueError, OSError):
            return False
        return True

    def markdown_under(self, folder: Path, depth: int = 0) -> list[Path]:
        if depth > 32:  # a symlink loop inside the library must not hang the scan
            return []
        found = []
        for entry in self.entries(folder):
            if entry.is_dir():
                found.extend(self.markdown_under(entry, depth + 1))
            elif _is_markdown(entry):
                found.append(entry)
            elif _is_text(entry):
                self.text_files.append(entry)
        return found

    def items(self, kind: KindSpec, folder: Path) -> list[Item]:
        found = []
        for entry in self.entries(folder):
            if not entry.is_dir():
                continue
            if kind.groups and self._is_group(kind, entry):
                found.extend(
                    Item(kind, sub.name, sub, tuple(self.markdown_under(sub)))
                    for sub in self.entries(entry)
                    if sub.is_dir()
                )
            else:
                found.append(Item(kind, entry.name, entry, tuple(self.markdown_under(entry))))
        return found

    def _is_group(self, kind: KindSpec, folder: Path) -> bool:
        """A folder that is not an item itself but holds items (personas/core/)."""
        entry_file = kind.required_files[0] if kind.required_files else None
        if entry_file is None or (folder / entry_file).exists():
            return False
        return any(sub.is_dir() and (sub / entry_file).exists() for sub in self.entries(folder))


def _kind_folder_names_of(kind: KindSpec) -> tuple[str, ...]:
    return kind.folders or (kind.folder,)


def _kind_folder_names(template: Template) -> list[str]:
    return [name for kind in template.kinds for name in _kind_folder_names_of(kind)]


def _has_kind_folder(root: Path, template: Template) -> bool:
    return any((root / name).is_dir() for name in _kind_folder_names(template))


def _is_text(path: Path) -> bool:
    return path.suffix.lower() in TEXT_SUFFIXES and path.is_file()


def _is_markdown(path: Path) -> bool:
    return path.suffix.lower() in MARKDOWN_SUFFIXES and path.is_file()


def bundled_library() -> Path:
    """The ai-team-library that ships beside the foundry_app package."""
    return Path(__file__).resolve().parents[2] / "ai-team-library"


def find_library_root(explicit: str | Path | None = None) -> Path:
    """--library PATH, then $FOUNDRY_LIBRARY, then the bundled library."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(ENV_VARIABLE)
    if from_env:
        return Path(from_env).expanduser()
    return bundled_library()


def find_enclosing_library(path: Path) -> Path | None:
    """The nearest folder at or above `path` that holds a library.toml, else the nearest
    that looks like an ai-team-library (it has one of the standard template's folders)."""
    path = Path(path).resolve()
    folders = (path, *path.parents)
    for folder in folders:
        if (folder / TEMPLATE_FILE).is_file():
            return folder
    standard = builtin_template()
    for folder in folders:
        if _has_kind_folder(folder, standard):
            return folder
    return None
