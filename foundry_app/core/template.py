"""The library's template, read from `library.toml`: kinds of items and what their files hold."""

from __future__ import annotations

import fnmatch
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from foundry_app.core.blake import blake2b
from foundry_app.core.long_numbers import TOO_LONG_MESSAGE, long_number_at
from foundry_app.core.name_pattern import NamePattern
from foundry_app.core.rule_config import RuleConfig, parse_rule_config
from foundry_app.core.template_values import (
    Place,
    TemplateError,
    boolean,
    choice,
    integer,
    relative_path,
    shown,
    string,
    strings,
    table,
    tables,
)
from foundry_app.core.toml_lines import KeyLines

CONTENT_KINDS = ("table", "do-dont", "bullets", "numbered", "tasks", "any")
VALUE_KINDS = ("any", "text", "item-name", "date", "boolean")  # what a front matter key holds
SUMMARY_STYLES = ("blockquote", "paragraph", "any")
__all__ = ["TemplateError"]  # raised here, defined beside the value checks


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
    name_pattern: NamePattern
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
    """The template in `raw`; TemplateError, naming the key and its line, when it does not
    follow the schema in docs/template.md."""
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as error:
        raise TemplateError(f"{path}:{_toml_error_line(error)}invalid TOML: {error}") from error
    except RecursionError as error:  # arrays or tables nested thousands deep
        raise TemplateError(f"{path}: invalid TOML: nested too deeply") from error
    except ValueError as error:  # an integer of thousands of digits
        line, _column = long_number_at(raw) or (1, 1)
        raise TemplateError(f"{path}:{line}: invalid TOML: {TOO_LONG_MESSAGE}") from error
    root = Place(str(path), KeyLines(raw))
    # [rules] and [[overrides]] are read by core.rule_config, not here
    table(data, root, ("library", "kinds", "rules", "overrides"))
    library = table(data.get("library", {}), root / "library", ("name", "schema"))
    name = string(library, root / "library", "name", "library")
    if integer(library, root / "library", "schema", SCHEMA, 1) != SCHEMA:
        raise (root / "library" / "schema").error(
            f"this Foundry reads schema {SCHEMA}, not {library['schema']}"
        )
    kinds_table = table(data.get("kinds", {}), root / "kinds")
    if not kinds_table:
        raise TemplateError(f"{path}: declares no [kinds.*] table")
    kinds = tuple(_parse_kind(key, spec, root / "kinds" / key) for key, spec in kinds_table.items())
    rules = parse_rule_config(data, raw, str(path))  # raises TemplateError with the line
    return Template(name, kinds, text_digest(raw), rules)


def text_digest(raw: str) -> str:
    """The digest a template made from the TOML text `raw` carries."""
    return blake2b(raw.encode("utf-8"), digest_size=16).hexdigest()


SCHEMA = 1  # the version of the schema this code reads
_KIND_KEYS = ("title", "folder", "groups", "name", "required-files", "code-examples", "files")
_FILE_KEYS = ("title", "sections", "summary", "front-matter")
_SECTION_KEYS = (
    "heading",
    "aliases",
    "content",
    "columns",
    "prefixes",
    "bold-lead",
    "min-items",
    "optional",
)
# keys that mean something for one content kind only: elsewhere they would be ignored
_CONTENT_OF_KEY = {
    "columns": ("table",),
    "prefixes": ("do-dont",),
    "bold-lead": ("numbered",),
    "min-items": ("tasks", "bullets"),
}


def _toml_error_line(error: tomllib.TOMLDecodeError) -> str:
    """ "LINE: " from tomllib's "(at line 3, column 5)", or "" when it gives none."""
    found = re.search(r"at line (\d+)", str(error))
    return f"{found.group(1)}: " if found else " "


def _parse_kind(key: str, value: object, place: Place) -> KindSpec:
    data = table(value, place, _KIND_KEYS)
    folders = _folders(data, place)
    pattern_text = string(data, place, "name", r"^[^/]+$")
    try:
        pattern = NamePattern(pattern_text)
    except ValueError as error:
        raise (place / "name").error(f"is not a valid regular expression: {error}") from None
    required = strings(data, place, "required-files")
    for index, filename in enumerate(required):
        relative_path(filename, place / "required-files" / index)
    files_place = place / "files"
    files = {}
    for pattern_key, spec in table(data.get("files", {}), files_place).items():
        relative_path(pattern_key, files_place / pattern_key, pattern=True)
        files[pattern_key] = _parse_file(spec, files_place / pattern_key)
    return KindSpec(
        key,
        string(data, place, "title", key.title() + "s"),
        folders[0],
        pattern,
        required,
        integer(data, place, "code-examples", 0, 0),
        files,
        folders,
        boolean(data, place, "groups", False),
    )


def _folders(data: dict, place: Place) -> tuple[str, ...]:
    """`folder`: one plain folder name under the library root, or a list of them."""
    if "folder" not in data:
        raise (place / "folder").error("is required")
    value = data["folder"]
    if isinstance(value, str):
        folders, places = (value,), [place / "folder"]
    elif isinstance(value, list) and value:
        folders = strings(data, place, "folder")
        places = [place / "folder" / index for index in range(len(folders))]
    else:
        raise (place / "folder").error("must be a folder name or a list of folder names")
    for folder, where in zip(folders, places, strict=True):
        relative_path(folder, where, within="library")
        if "/" in folder or folder.startswith("."):
            raise where.error(f"{shown(folder)} must be a plain folder name (no '/', not hidden)")
    return folders


def _parse_file(value: object, place: Place) -> FileSpec:
    data = table(value, place, _FILE_KEYS)
    sections = tuple(_parse_section(item, where) for item, where in tables(data, place, "sections"))
    front, only_in = (), ()
    if "front-matter" in data:
        front, only_in = _parse_front_matter(data["front-matter"], place / "front-matter")
    summary = None
    if "summary" in data:
        summary = _parse_summary(data["summary"], place / "summary")
    return FileSpec(boolean(data, place, "title", False), sections, front, only_in, summary)


def _parse_front_matter(
    value: object, place: Place
) -> tuple[tuple[FrontMatterKey, ...], tuple[str, ...]]:
    data = table(value, place, ("keys", "only-in"))
    keys = tables(data, place, "keys")
    return tuple(_parse_front_matter_key(*key) for key in keys), strings(data, place, "only-in")


def _parse_front_matter_key(value: object, place: Place) -> FrontMatterKey:
    data = table(value, place, ("key", "value", "one-of", "required"))
    return FrontMatterKey(
        string(data, place, "key").strip(),
        choice(data, place, "value", VALUE_KINDS, "any"),
        strings(data, place, "one-of"),
        boolean(data, place, "required", True),
    )


def _parse_summary(value: object, place: Place) -> SummarySpec:
    data = table(value, place, ("style", "max-lines"))
    return SummarySpec(
        choice(data, place, "style", SUMMARY_STYLES, "blockquote"),
        integer(data, place, "max-lines", 8, 1),
    )


def _parse_section(value: object, place: Place) -> SectionSpec:
    data = table(value, place, _SECTION_KEYS)
    content = choice(data, place, "content", CONTENT_KINDS, "any")
    for key, kinds in _CONTENT_OF_KEY.items():
        if key in data and content not in kinds:
            wanted = " or ".join(f'content = "{kind}"' for kind in kinds)
            raise (place / key).error(f"applies only to a section with {wanted}")
    return SectionSpec(
        heading=string(data, place, "heading").strip(),
        content=content,
        aliases=strings(data, place, "aliases"),
        columns=strings(data, place, "columns"),
        prefixes=strings(data, place, "prefixes"),
        bold_lead=boolean(data, place, "bold-lead", False),
        min_items=integer(data, place, "min-items", 0, 0),
        optional=boolean(data, place, "optional", False),
    )
