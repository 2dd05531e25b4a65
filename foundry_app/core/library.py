"""The library on disk: where it is, its template, its kinds, items and Markdown files."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from foundry_app.core.bundled import library_folder
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
MAX_FILES = 50_000  # files one library walk lists; past it the walk stops and says so
MAX_DEPTH = 32  # folders deep below the library
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
    unreadable: bool = True  # False: read fine, but the walk stopped there (depth, size)

    @property
    def message(self) -> str:
        return f"cannot read: {self.reason}" if self.unreadable else self.reason


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

    def rescan(self, max_files: int = MAX_FILES, max_depth: int = MAX_DEPTH) -> None:
        """Walk the folder again: items, other Markdown files and unreadable places.

        The app, `foundry lint` and every lint read the library through this one walk."""
        scanner = _Scanner(self.root, max_files, max_depth)
        kind_folders = {
            name: kind for kind in self.template.kinds for name in _kind_folder_names_of(kind)
        }
        # Built aside and taken over at the end: a live lint reads the library from a
        # worker thread meanwhile, and must see the last whole walk, never half of one.
        items: list[Item] = []
        other_files: list[Path] = []
        root_real = scanner.root_text
        for entry in scanner.entries(self.root):
            kind = kind_folders.get(entry.name)
            if kind is not None and entry.is_dir:
                items.extend(scanner.items(kind, entry, 1, root_real))
            elif entry.is_dir:
                other_files.extend(scanner.markdown_under(entry, 1, root_real))
            else:
                scanner.loose_file(entry, scanner.root_text, other_files)
        # Markdown right in a kind folder (stacks/README.md) belongs to no item: plain rules.
        other_files.extend(scanner.loose_markdown)
        self.items, self.other_files = items, other_files
        self.text_files = scanner.text_files
        self.problems = scanner.problems

    def _item_by_file(self) -> dict[Path, Item]:
        items = self.items
        mapped = getattr(self, "_items_by_file", None)
        # keyed by the list itself: each scan makes a new one, and a reader thread that
        # mapped the old one must not leave its map behind for the new
        if mapped is None or mapped[0] is not items:
            mapped = self._items_by_file = (items, {f: item for item in items for f in item.files})
        return mapped[1]

    def items_of(self, kind_key: str) -> list[Item]:
        return [item for item in self.items if item.kind.key == kind_key]

    def item_for(self, path: Path) -> Item | None:
        item = self._item_by_file().get(Path(path))
        if item is not None:  # a file the scan found: no resolve(), no walk over every item
            return item
        path = Path(path).resolve()
        for item in self.items:
            if path == item.path or item.path in path.parents:
                return item
        return None

    def file_spec(self, path: Path) -> FileSpec:
        """What the template asks of this file, with the item's name filled in (and the
        front matter keys dropped where the template limits them to other kind folders)."""
        item = self.item_for(path)
        if item is None:
            return FileSpec()
        spec = item.kind.file_spec(Path(path).name)
        if spec.front_matter_only_in and self.kind_folder_of(item) not in spec.front_matter_only_in:
            spec = replace(spec, front_matter=())
        return replace(spec, item=item.name)

    def kind_folder_of(self, item: Item) -> str:
        """The top folder the item sits in (stacks or expertise, personas)."""
        try:
            return item.path.relative_to(self.root).parts[0]
        except (ValueError, IndexError):
            return ""

    def data_files(self) -> list[Path]:
        """The YAML, JSON and TOML files a lint checks: library.toml is checked on opening."""
        template = self.root / TEMPLATE_FILE
        return [path for path in self.text_files if path != template]

    def markdown_files(self) -> list[Path]:
        files = [file for item in self.items for file in item.files]
        return files + self.other_files

    def relative(self, path: Path) -> str:
        try:
            return Path(path).resolve().relative_to(self.root).as_posix()
        except ValueError:
            return str(path)


class _Scanner:
    """The one walk of a library: skips hidden entries and links that leave the library,
    enters each real folder once (a symlink loop is walked once), lists each real file
    once, stops at MAX_DEPTH folders deep and MAX_FILES files, and never raises."""

    def __init__(self, root: Path, max_files: int, max_depth: int) -> None:
        self.root = root
        self.root_text = os.fspath(root)
        self.max_files = max_files
        self.max_depth = max_depth
        self.problems: list[ScanProblem] = []
        self.text_files: list[Path] = []  # met on the way, in walk order
        self.loose_markdown: list[Path] = []  # directly in a kind or group folder
        self.seen_folders = {self.root_text}
        self.seen_files: set[str] = set()
        self.file_count = 0
        self.full = False

    def entries(self, folder: Path) -> list[_Entry]:
        """The folder's visible entries by name, real ones first, with what one `scandir`
        tells of each (no stat per entry, except to follow a symlink)."""
        try:
            with os.scandir(folder) as listing:
                found = [entry for entry in listing if not entry.name.startswith(".")]
        except OSError as error:
            self.problems.append(ScanProblem(folder, error.strerror or str(error)))
            return []
        found.sort(key=_entry_name)
        paths, links = [], []
        for entry in found:
            if not _is_link(entry):
                paths.append(_Entry(folder / entry.name, entry, None))
            else:
                real = os.path.realpath(entry.path)
                if self._inside(real):
                    links.append(_Entry(folder / entry.name, entry, real))
        return paths + links  # real entries first: a link to one of them is the duplicate

    def _inside(self, real: str) -> bool:
        return real == self.root_text or real.startswith(self.root_text + os.sep)

    def enter(self, folder: Path, depth: int, real: str | None = None) -> str | None:
        """The folder's real path if it is to be walked now: inside, new and not too deep.
        `real` is that path when the caller knows it (a folder met in a walked folder)."""
        if real is None:
            real = os.path.realpath(folder)
        if real in self.seen_folders or not self._inside(real):
            return None  # a loop, a second link to a folder already walked, or an escape
        if depth > self.max_depth:
            reason = f"more than {self.max_depth} folders deep; the folders below are not read"
            self.problems.append(ScanProblem(folder, reason, unreadable=False))
            return None
        self.seen_folders.add(real)
        return real

    def take(self, entry: _Entry, folder_real: str) -> bool:
        """Count a file in, unless its real file was listed already or the walk is full."""
        real = entry.real_in(folder_real)
        if real in self.seen_files:
            return False
        if self.file_count >= self.max_files:
            if not self.full:
                self.full = True
                reason = (
                    f"more than {self.max_files:,} files; the rest of the library is not read "
                    "(open a smaller folder)"
                )
                self.problems.append(ScanProblem(self.root, reason, unreadable=False))
            return False
        self.seen_files.add(real)
        self.file_count += 1
        return True

    def loose_file(self, entry: _Entry, folder_real: str, markdown: list[Path]) -> None:
        """A file met in a folder: Markdown into `markdown`, text files into text_files."""
        if not entry.is_file:
            return
        suffix = os.path.splitext(entry.name)[1].lower()
        if suffix in MARKDOWN_SUFFIXES:
            if self.take(entry, folder_real):
                markdown.append(entry.path)
        elif suffix in TEXT_SUFFIXES and self.take(entry, folder_real):
            self.text_files.append(entry.path)

    def markdown_under(self, folder: _Entry, depth: int = 1, parent_real: str = "") -> list[Path]:
        real = self.enter(folder.path, depth, folder.real_in(parent_real))
        return [] if real is None else self._markdown_in(folder.path, real, depth)

    def _markdown_in(self, folder: Path, real: str, depth: int) -> list[Path]:
        found: list[Path] = []
        for entry in self.entries(folder):
            if entry.is_dir:
                found.extend(self.markdown_under(entry, depth + 1, real))
            else:
                self.loose_file(entry, real, found)
        return found

    def _item(self, kind: KindSpec, folder: _Entry, depth: int, parent_real: str) -> list[Item]:
        real = self.enter(folder.path, depth, folder.real_in(parent_real))
        if real is None:
            return []
        path = folder.path
        return [Item(kind, folder.name, path, tuple(self._markdown_in(path, real, depth)))]

    def items(
        self, kind: KindSpec, folder: _Entry, depth: int = 1, parent_real: str = ""
    ) -> list[Item]:
        """The items of a kind folder (depth 1) or of a persona group inside it (depth 2)."""
        real = self.enter(folder.path, depth, folder.real_in(parent_real))
        if real is None:
            return []
        found = []
        for entry in self.entries(folder.path):
            if not entry.is_dir:
                self.loose_file(entry, real, self.loose_markdown)
            elif depth == 1 and kind.groups and self._is_group(kind, entry.path):
                found.extend(self.items(kind, entry, 2, real))
            else:
                found.extend(self._item(kind, entry, depth + 1, real))
        return found

    def _is_group(self, kind: KindSpec, folder: Path) -> bool:
        """A folder that is not an item itself but holds items (personas/core/)."""
        entry_file = kind.required_files[0] if kind.required_files else None
        if entry_file is None or (folder / entry_file).exists():
            return False
        return any(sub.is_dir and (sub.path / entry_file).exists() for sub in self.entries(folder))


def _entry_name(entry: os.DirEntry) -> str:
    return entry.name


def _is_link(entry: os.DirEntry) -> bool:
    try:
        return entry.is_symlink()
    except OSError:
        return False


def _follows(entry: os.DirEntry, test) -> bool:
    """DirEntry.is_dir / is_file, following a link; an entry that cannot be read is neither."""
    try:
        return test(entry)
    except OSError:
        return False


class _Entry:
    """One visible entry of a walked folder: its path, and whether it is (or, for a link,
    leads to) a folder or a file. `link` is a symlink's real path, None for a real entry."""

    __slots__ = ("is_dir", "is_file", "link", "name", "path")

    def __init__(self, path: Path, entry: os.DirEntry, link: str | None) -> None:
        self.path = path
        self.name = entry.name
        self.is_dir = _follows(entry, os.DirEntry.is_dir)
        self.is_file = not self.is_dir and _follows(entry, os.DirEntry.is_file)
        self.link = link

    def real_in(self, folder_real: str) -> str:
        """Its real path, given the real path of the folder it was listed in."""
        return self.link if self.link is not None else os.path.join(folder_real, self.name)


def _kind_folder_names_of(kind: KindSpec) -> tuple[str, ...]:
    return kind.folders or (kind.folder,)


def _kind_folder_names(template: Template) -> list[str]:
    return [name for kind in template.kinds for name in _kind_folder_names_of(kind)]


def _has_kind_folder(root: Path, template: Template) -> bool:
    return any(_is(Path.is_dir, root / name) for name in _kind_folder_names(template))


def _is(test, path: Path) -> bool:
    """`test(path)`, False where the path cannot even be looked at (a folder above it
    without permission): such a folder cannot be the library, and must not stop the search."""
    try:
        return test(path)
    except OSError:
        return False


def bundled_library() -> Path:
    """The ai-team-library that ships with Foundry: inside an installed package, else the
    clone's top-level folder."""
    return library_folder()


def find_library_root(explicit: str | Path | None = None) -> Path:
    """--library PATH, then $FOUNDRY_LIBRARY, then the bundled library."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(ENV_VARIABLE)
    if from_env:
        return Path(from_env).expanduser()
    return bundled_library()


def markdown_files_below(folder: Path) -> tuple[list[Path], list[ScanProblem]]:
    """The Markdown files below a folder that is no library, sorted, by the library's own
    walk (hidden entries, loops and links out of the folder left out, only files, the depth
    and file caps), and what stopped that walk short."""
    real = os.path.realpath(folder)
    scanner = _Scanner(Path(real), MAX_FILES, MAX_DEPTH)
    found = scanner._markdown_in(Path(folder), real, 0)
    return sorted(found), scanner.problems


def find_enclosing_library(path: Path) -> Path | None:
    """The nearest folder at or above `path` that holds a library.toml, else the nearest
    that looks like an ai-team-library (it has one of the standard template's folders)."""
    path = Path(path).resolve()
    folders = (path, *path.parents)
    for folder in folders:
        if _is(Path.is_file, folder / TEMPLATE_FILE):
            return folder
    standard = builtin_template()
    for folder in folders:
        if _has_kind_folder(folder, standard):
            return folder
    return None
