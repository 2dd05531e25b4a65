"""Strict reading of library.toml's values: each table has a closed set of keys, each value
its type and range, nothing is coerced, and every error names the key and its line."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from foundry_app.core.toml_lines import KeyLines, KeyPath, dotted


class TemplateError(ValueError):
    """library.toml is missing, unreadable or does not follow the schema."""


_DRIVE = re.compile(r"^[A-Za-z]:")
_GLOB = set("*?[]")


@dataclass(frozen=True)
class Place:
    """A value's place in library.toml: the file shown in messages, the text's key lines
    and the key path of the value."""

    file: str
    lines: KeyLines
    path: KeyPath = ()

    def __truediv__(self, key: str | int) -> Place:
        return Place(self.file, self.lines, (*self.path, key))

    def at(self, path: KeyPath) -> Place:
        """The place of another key path in the same file."""
        return Place(self.file, self.lines, path)

    def error(self, problem: str) -> TemplateError:
        where = f"{dotted(self.path)}: " if self.path else ""
        return TemplateError(f"{self.file}:{self.lines.line(self.path)}: {where}{problem}")


def table(value: object, place: Place, allowed: Iterable[str] | None = None) -> dict:
    """`value` as a table; with `allowed`, a key outside it is an error that suggests the
    closest allowed one."""
    if not isinstance(value, dict):
        raise place.error(f"must be a table, not {_kind_of(value)}")
    if allowed is not None:
        allowed = tuple(allowed)
        for key in value:
            if key not in allowed:
                raise (place / key).error(f"unknown key ({_suggestion(key, allowed)})")
    return value


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice `word` most likely misspells, or None."""
    import difflib  # only a misspelt key or rule name needs it

    # `min_items` and `Min-Items` are near misses of `min-items`, so compare the spelling loosely
    loose = {name.replace("_", "-").lower(): name for name in choices}
    close = difflib.get_close_matches(word.replace("_", "-").lower(), loose, n=1, cutoff=0.6)
    return loose[close[0]] if close else None


def _suggestion(key: str, allowed: tuple[str, ...]) -> str:
    close = closest(key, allowed)
    if close:
        return f"did you mean '{close}'?"
    return "allowed: " + ", ".join(allowed)


def string(data: dict, place: Place, key: str, default: str | None = None) -> str:
    """A non-empty string; required when there is no default."""
    if key not in data:
        if default is None:
            raise (place / key).error("is required")
        return default
    value = data[key]
    if not isinstance(value, str):
        raise (place / key).error(f"must be a string, not {_kind_of(value)}")
    if not value.strip():
        raise (place / key).error("must not be empty")
    return value


def strings(data: dict, place: Place, key: str) -> tuple[str, ...]:
    """A list of non-empty strings (a single string is not a list of its letters)."""
    value = data.get(key, [])
    if not isinstance(value, list):
        raise (place / key).error(f"must be a list of strings, not {_kind_of(value)}")
    for index, item in enumerate(value):
        if not isinstance(item, str):
            raise (place / key / index).error(f"must be a string, not {_kind_of(item)}")
        if not item.strip():
            raise (place / key / index).error("must not be empty")
    return tuple(value)


def boolean(data: dict, place: Place, key: str, default: bool) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise (place / key).error(f"must be true or false, not {_kind_of(value)}")
    return value


def integer(data: dict, place: Place, key: str, default: int, minimum: int) -> int:
    value = data.get(key, default)
    # bool is an int to Python; to a template author `true` is not a number
    if not isinstance(value, int) or isinstance(value, bool):
        raise (place / key).error(f"must be a whole number, not {_kind_of(value)}")
    if value < minimum:
        raise (place / key).error(f"must be at least {minimum}, not {value}")
    return value


def choice(data: dict, place: Place, key: str, choices: tuple[str, ...], default: str) -> str:
    value = data.get(key, default)
    if not isinstance(value, str) or value not in choices:
        given = shown(value) if isinstance(value, str) else _kind_of(value)
        raise (place / key).error(f"must be one of {', '.join(choices)}, not {given}")
    return value


def tables(data: dict, place: Place, key: str) -> Iterator[tuple[dict, Place]]:
    """Each table of a list of tables, with its place."""
    value = data.get(key, [])
    if not isinstance(value, list):
        raise (place / key).error(f"must be a list of tables, not {_kind_of(value)}")
    for index, item in enumerate(value):
        yield table(item, place / key / index), place / key / index


def relative_path(value: str, place: Place, *, within: str = "item", pattern: bool = False) -> str:
    """A path inside an item (or the library, `within`): relative, forward slashes, no `..`,
    `.` or empty parts, no drive letter; a file-name pattern (`pattern`) holds no folder."""
    relative = f"write it relative to the {within}"
    if "\\" in value:
        raise place.error(f"{shown(value)} holds a backslash; write paths with '/'")
    if value.startswith("/"):
        raise place.error(f"{shown(value)} is an absolute path; {relative}")
    if _DRIVE.match(value):
        raise place.error(f"{shown(value)} starts with a drive letter; {relative}")
    if any(ord(char) < 32 or ord(char) == 127 for char in value):
        raise place.error(f"{shown(value)} holds a control character")
    parts = value.split("/")
    if ".." in parts:
        raise place.error(f"{shown(value)} leads out of the {within} ('..')")
    if any(part in ("", ".") for part in parts):
        raise place.error(f"{shown(value)} has an empty or '.' part; write a plain relative path")
    if pattern and len(parts) > 1:
        raise place.error(f"{shown(value)} is matched against a file's name, so it cannot hold '/'")
    if not pattern and _GLOB.intersection(value):
        raise place.error(f"{shown(value)} is a pattern; required files are plain file names")
    return value


def shown(text: str, limit: int = 40) -> str:
    """A string quoted for a one-line message: escapes visible, long ones cut."""
    quoted = repr(text if len(text) <= limit else text[:limit] + "…")
    return quoted


def _kind_of(value: object) -> str:
    """How TOML would call the value, for messages."""
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the string {shown(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return f"a {type(value).__name__}"
