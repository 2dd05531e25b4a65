"""The library's template, read from `library.toml`: kinds of items and what their files hold."""

from __future__ import annotations

import fnmatch
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from foundry_app.core.blake import blake2b
from foundry_app.core.rule_config import RuleConfig, RuleConfigError, parse_rule_config

CONTENT_KINDS = ("table", "do-dont", "bullets", "numbered", "tasks", "any")
VALUE_KINDS = ("any", "text", "item-name", "date", "boolean")  # what a front matter key holds
SUMMARY_STYLES = ("blockquote", "paragraph", "any")


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
    optional: bool = False  # checked for order when present, never reported missing

    @property
    def names(self) -> tuple[str, ...]:
        return (self.heading, *self.aliases)

    def matches(self, heading_text: str) -> bool:
        key = normalise_heading(heading_text)
        return any(normalise_heading(name) == key for name in self.names)


@dataclass(frozen=True)
class FrontMatterKey:
    """One key the front matter must (or may) hold, and what its value must be."""

    key: str
    value: str = "any"  # one of VALUE_KINDS
    one_of: tuple[str, ...] = ()
    required: bool = True


@dataclass(frozen=True)
class SummarySpec:
    """The block right after the H1: a short blockquote or paragraph, before any H2."""

    style: str = "blockquote"  # one of SUMMARY_STYLES
    max_lines: int = 8


@dataclass(frozen=True)
class FileSpec:
    title: bool = False
    sections: tuple[SectionSpec, ...] = ()
    front_matter: tuple[FrontMatterKey, ...] = ()
    front_matter_only_in: tuple[str, ...] = ()  # kind folders it applies in (empty: all)
    summary: SummarySpec | None = None
    item: str = ""  # the item's name, filled in for the file being checked


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
        """Merge every files-pattern that matches: title from any; sections, front matter
        and summary from the first pattern (in template order) that sets them."""
        title = False
        sections: tuple[SectionSpec, ...] = ()
        front_matter: tuple[FrontMatterKey, ...] = ()
        only_in: tuple[str, ...] = ()
        summary: SummarySpec | None = None
        for pattern, spec in self.files.items():
            if fnmatch.fnmatchcase(filename, pattern):
                title = title or spec.title
                sections = sections or spec.sections
                if not front_matter:
                    front_matter, only_in = spec.front_matter, spec.front_matter_only_in
                summary = summary or spec.summary
        return FileSpec(title, sections, front_matter, only_in, summary)


@dataclass(frozen=True)
class Template:
    name: str
    kinds: tuple[KindSpec, ...]
    digest: str  # of the toml text, so caches know when the template changed
    rules: RuleConfig = field(default_factory=RuleConfig)  # [rules] and [[overrides]]


_HEADING_GAPS = re.compile(r"[\s/]+")


@lru_cache(maxsize=4096)  # every template rule compares the same few headings again
def normalise_heading(text: str) -> str:
    """Compare headings loosely: case, spacing and apostrophe style do not matter."""
    text = text.replace("’", "'").replace("&", "and").lower()
    return _HEADING_GAPS.sub(" ", text).strip()


BUILTIN_NAME = "standard.toml"


def builtin_template_text() -> str:
    """Foundry's standard template, shipped in the package."""
    from importlib import resources  # pulls in tempfile and shutil; most libraries never ask

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
    try:
        rules = parse_rule_config(data, raw, str(path))
    except RuleConfigError as error:
        raise TemplateError(str(error)) from error
    digest = blake2b(raw.encode("utf-8"), digest_size=16).hexdigest()
    return Template(str(library.get("name", "library")), kinds, digest, rules)


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
    front = _table(table.get("front-matter", {}), f"{where}.front-matter")
    keys = front.get("keys", [])
    if not isinstance(keys, list):
        raise TemplateError(f"{where}.front-matter: 'keys' must be a list of tables")
    only_in = front.get("only-in", [])
    if not isinstance(only_in, list) or not all(isinstance(f, str) for f in only_in):
        raise TemplateError(f"{where}.front-matter: 'only-in' must be a list of folder names")
    summary = table.get("summary")
    return FileSpec(
        bool(table.get("title", False)),
        tuple(
            _parse_section(item, f"{where}.sections[{index}]")
            for index, item in enumerate(sections)
        ),
        tuple(
            _parse_front_matter_key(item, f"{where}.front-matter.keys[{index}]")
            for index, item in enumerate(keys)
        ),
        tuple(only_in),
        None if summary is None else _parse_summary(summary, f"{where}.summary"),
    )


def _parse_front_matter_key(value: object, where: str) -> FrontMatterKey:
    table = _table(value, where)
    key = table.get("key")
    if not isinstance(key, str) or not key.strip():
        raise TemplateError(f"{where}: 'key' is required")
    kind = table.get("value", "any")
    if kind not in VALUE_KINDS:
        raise TemplateError(f"{where}: 'value' must be one of {', '.join(VALUE_KINDS)}")
    one_of = table.get("one-of", [])
    if not isinstance(one_of, list) or not all(isinstance(v, str) for v in one_of):
        raise TemplateError(f"{where}: 'one-of' must be a list of strings")
    required = table.get("required", True)
    if not isinstance(required, bool):
        raise TemplateError(f"{where}: 'required' must be true or false")
    return FrontMatterKey(key.strip(), kind, tuple(one_of), required)


def _parse_summary(value: object, where: str) -> SummarySpec:
    table = _table(value, where)
    style = table.get("style", "blockquote")
    if style not in SUMMARY_STYLES:
        raise TemplateError(f"{where}: 'style' must be one of {', '.join(SUMMARY_STYLES)}")
    max_lines = table.get("max-lines", 8)
    if not isinstance(max_lines, int) or isinstance(max_lines, bool) or max_lines < 1:
        raise TemplateError(f"{where}: 'max-lines' must be a whole number >= 1")
    return SummarySpec(style, max_lines)


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
        optional=bool(table.get("optional", False)),
    )
