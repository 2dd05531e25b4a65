"""The library's template, read from `library.toml`: kinds of items and what their files hold."""

from __future__ import annotations

import fnmatch
import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

CONTENT_KINDS = ("table", "do-dont", "bullets", "numbered", "tasks", "any")


class TemplateError(ValueError):
    """library.toml is missing, unreadable or does not follow the schema."""


@dataclass(frozen=True)
class SectionSpec:
    heading: str
    content: str = "any"
    aliases: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()
    bold_lead: bool = False
    min_items: int = 0

    @property
    def names(self) -> tuple[str, ...]:
        return (self.heading, *self.aliases)

    def matches(self, heading_text: str) -> bool:
        key = normalise_heading(heading_text)
        return any(normalise_heading(name) == key for name in self.names)


@dataclass(frozen=True)
class FileSpec:
    title: bool = False
    sections: tuple[SectionSpec, ...] = ()


@dataclass(frozen=True)
class KindSpec:
    key: str
    title: str
    folder: str
    name_pattern: re.Pattern[str]
    required_files: tuple[str, ...] = ()
    code_examples: int = 0
    files: dict[str, FileSpec] = field(default_factory=dict)
    folders: tuple[str, ...] = ()  # every candidate folder; `folder` is the first
    groups: bool = False  # items may sit one level deeper, in group folders

    def file_spec(self, filename: str) -> FileSpec:
        """Merge every files-pattern that matches: title from any, sections from the exact name."""
        title = False
        sections: tuple[SectionSpec, ...] = ()
        for pattern, spec in self.files.items():
            if fnmatch.fnmatchcase(filename, pattern):
                title = title or spec.title
                sections = sections or spec.sections
        return FileSpec(title, sections)


@dataclass(frozen=True)
class Template:
    name: str
    kinds: tuple[KindSpec, ...]
    digest: str  # of the toml text, so caches know when the template changed


def normalise_heading(text: str) -> str:
    """Compare headings loosely: case, spacing and apostrophe style do not matter."""
    text = text.replace("’", "'").replace("&", "and").lower()
    return re.sub(r"[\s/]+", " ", text).strip()


BUILTIN_NAME = "standard.toml"


def builtin_template_text() -> str:
    """Foundry's standard template, shipped in the package."""
    return (resources.files("foundry_app.templates") / BUILTIN_NAME).read_text(encoding="utf-8")


def builtin_template() -> Template:
    return parse_template(builtin_template_text(), f"<Foundry's {BUILTIN_NAME}>")


def load_template(path: Path) -> Template:
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as error:
        raise TemplateError(f"{path}: cannot read: {error.strerror or error}") from error
    except UnicodeDecodeError as error:
        raise TemplateError(f"{path}: not UTF-8 text") from error
    return parse_template(raw, path)


def parse_template(raw: str, path: Path | str = "library.toml") -> Template:
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as error:
        raise TemplateError(f"{path}: invalid TOML: {error}") from error
    library = _table(data.get("library", {}), f"{path}: [library]")
    kinds_table = _table(data.get("kinds", {}), f"{path}: [kinds]")
    if not kinds_table:
        raise TemplateError(f"{path}: declares no [kinds.*] table")
    kinds = tuple(_parse_kind(key, value, path) for key, value in kinds_table.items())
    digest = hashlib.blake2b(raw.encode("utf-8"), digest_size=16).hexdigest()
    return Template(str(library.get("name", "library")), kinds, digest)


def _table(value: object, where: str) -> dict:
    if not isinstance(value, dict):
        raise TemplateError(f"{where} must be a table")
    return value


def _parse_kind(key: str, value: object, path: Path | str) -> KindSpec:
    where = f"{path}: [kinds.{key}]"
    table = _table(value, where)
    folder = table.get("folder")
    folders = folder if isinstance(folder, list) and folder else [folder]
    for candidate in folders:
        if (
            not isinstance(candidate, str)
            or not candidate
            or "/" in candidate
            or "\\" in candidate
            or candidate.startswith(".")
        ):
            raise TemplateError(f"{where}: 'folder' must be a plain folder name or a list of them")
    try:
        pattern = re.compile(str(table.get("name", r"^[^/]+$")))
    except re.error as error:
        raise TemplateError(
            f"{where}: 'name' is not a valid regular expression: {error}"
        ) from error
    files = {
        name: _parse_file(spec, f'{where}.files."{name}"')
        for name, spec in _table(table.get("files", {}), f"{where}.files").items()
    }
    required = table.get("required-files", [])
    if not isinstance(required, list) or not all(isinstance(f, str) for f in required):
        raise TemplateError(f"{where}: 'required-files' must be a list of file names")
    examples = table.get("code-examples", 0)
    if not isinstance(examples, int) or examples < 0:
        raise TemplateError(f"{where}: 'code-examples' must be a whole number >= 0")
    title = str(table.get("title", key.title() + "s"))
    groups = table.get("groups", False)
    if not isinstance(groups, bool):
        raise TemplateError(f"{where}: 'groups' must be true or false")
    return KindSpec(
        key, title, folders[0], pattern, tuple(required), examples, files, tuple(folders), groups
    )


def _parse_file(value: object, where: str) -> FileSpec:
    table = _table(value, where)
    sections = table.get("sections", [])
    if not isinstance(sections, list):
        raise TemplateError(f"{where}: 'sections' must be a list of tables")
    return FileSpec(
        bool(table.get("title", False)),
        tuple(
            _parse_section(item, f"{where}.sections[{index}]")
            for index, item in enumerate(sections)
        ),
    )


def _parse_section(value: object, where: str) -> SectionSpec:
    table = _table(value, where)
    heading = table.get("heading")
    if not isinstance(heading, str) or not heading.strip():
        raise TemplateError(f"{where}: 'heading' is required")
    content = table.get("content", "any")
    if content not in CONTENT_KINDS:
        raise TemplateError(f"{where}: 'content' must be one of {', '.join(CONTENT_KINDS)}")
    return SectionSpec(
        heading=heading.strip(),
        content=content,
        aliases=tuple(str(a) for a in table.get("aliases", [])),
        columns=tuple(str(c) for c in table.get("columns", [])),
        prefixes=tuple(str(p) for p in table.get("prefixes", [])),
        bold_lead=bool(table.get("bold-lead", False)),
        min_items=int(table.get("min-items", 0)),
    )
