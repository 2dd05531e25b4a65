"""The library's rule settings: `[rules]` severities and `[[overrides]]` per path.

library.toml may say, for example:

    [rules]
    fence-language = "warning"
    FT006 = "off"

    [[overrides]]
    files = ["claude/**/*.md"]
    ignore = ["title"]
    rules = { placeholder = "warning" }

A rule's level for a file is its registered severity, then the level documents outside
any kind get (`OUTSIDE_KINDS`), then `[rules]`, then every override whose globs match
the file's path relative to the library root, later ones last.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path, PurePosixPath

from foundry_app.core.blake import blake2b
from foundry_app.core.diagnostics import Diagnostic, Severity

OFF = "off"
LEVELS = (str(Severity.ERROR), str(Severity.WARNING), OFF)
OVERRIDE_KEYS = ("files", "ignore", "rules")

# Documents no kind covers (a Claude command, a workflow) are free-form: these rules
# keep reporting there, but as style warnings rather than errors.
OUTSIDE_KINDS: Mapping[str, str] = {
    "FT002": "warning",  # heading-increment
    "FT003": "warning",  # empty-section
    "FT004": "warning",  # fence-language
    "FT009": "warning",  # table-column-count
}


class RuleConfigError(ValueError):
    """A `[rules]` or `[[overrides]]` entry names an unknown rule or a bad value."""


@dataclass(frozen=True)
class Override:
    """Settings for the files one list of globs matches."""

    files: tuple[str, ...]
    levels: Mapping[str, str]  # rule id -> "error" / "warning" / "off"

    @cached_property
    def _patterns(self) -> tuple[re.Pattern[str], ...]:
        return tuple(glob_pattern(glob) for glob in self.files)

    def matches(self, relative: str) -> bool:
        """The path, or a folder it is in, matches one of the globs (a folder covers its files)."""
        parts = relative.split("/")
        candidates = ["/".join(parts[:end]) for end in range(len(parts), 0, -1)]
        return any(p.fullmatch(c) for p in self._patterns for c in candidates)


@dataclass(frozen=True)
class RuleConfig:
    levels: Mapping[str, str] = field(default_factory=dict)  # from [rules], by rule id
    overrides: tuple[Override, ...] = ()

    @cached_property
    def digest(self) -> str:
        """Changes whenever a setting does: part of the lint cache's key."""
        data = [sorted(self.levels.items())]
        data += [[list(o.files), sorted(o.levels.items())] for o in self.overrides]
        text = json.dumps(data, separators=(",", ":"))
        return blake2b(text.encode(), digest_size=8).hexdigest()

    def level(self, rule_id: str, default: Severity, relative: str | None, in_kind: bool) -> str:
        """The level of one rule for one file (`relative` None: a file outside the library)."""
        level = str(default) if in_kind else OUTSIDE_KINDS.get(rule_id, str(default))
        if relative is None:
            return level
        level = self.levels.get(rule_id, level)
        for override in self.overrides:
            if rule_id in override.levels and override.matches(relative):
                level = override.levels[rule_id]
        return level

    def apply(self, diagnostics: Iterable[Diagnostic], relative: str | None, in_kind: bool):
        """The diagnostics of one file with their configured severity; rules set off dropped."""
        kept = []
        for diagnostic in diagnostics:
            level = self.level(diagnostic.rule, diagnostic.severity, relative, in_kind)
            if level == OFF:
                continue
            if level != diagnostic.severity:
                diagnostic = replace(diagnostic, severity=Severity(level))
            kept.append(diagnostic)
        return kept


def glob_pattern(glob: str) -> re.Pattern[str]:
    """A path glob as a regex: `*` and `?` stay inside one folder, `**` spans folders."""
    out, i = [], 0
    while i < len(glob):
        if glob.startswith("**/", i):
            out.append("(?:[^/]+/)*")
            i += 3
        elif glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif glob[i] == "*":
            out.append("[^/]*")
            i += 1
        elif glob[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(glob[i]))
            i += 1
    return re.compile("".join(out))


def relative_path(path: Path, root: Path) -> str | None:
    """The path as override globs see it (library-relative, '/'), None when outside."""
    try:
        return PurePosixPath(Path(path).relative_to(root)).as_posix()
    except ValueError:
        return None


def parse_rule_config(data: Mapping, raw: str, where: str) -> RuleConfig:
    """The `[rules]` and `[[overrides]]` tables of a parsed library.toml.

    `raw` is the TOML text, used to name the line of a bad entry; `where` names the file."""
    lines = _KeyLines(raw, where)
    rules = data.get("rules", {})
    if not isinstance(rules, dict):
        raise lines.error("rules", "must be a table of rule = level", "[rules]")
    levels = {}
    for name, value in rules.items():
        line = ("[rules]", 0, name)
        levels[_rule_id(name, lines, f"rules.{name}", line)] = _level(
            value, lines, f"rules.{name}", line
        )
    overrides = data.get("overrides", [])
    if not isinstance(overrides, list):
        message = "must be an array of tables ([[overrides]])"
        raise lines.error("overrides", message, "[[overrides]]")
    return RuleConfig(
        levels, tuple(_override(o, index, lines) for index, o in enumerate(overrides))
    )


def _override(value: object, index: int, lines: _KeyLines) -> Override:
    label = f"overrides[{index}]"

    def at(key: str | None) -> tuple[str, int, str | None]:
        return ("[[overrides]]", index, key)

    if not isinstance(value, dict):
        raise lines.error(label, "must be a table", *at(None))
    for key in value:
        if key not in OVERRIDE_KEYS:
            hint = _did_you_mean(key, OVERRIDE_KEYS)
            raise lines.error(f"{label}.{key}", f"unknown key{hint}", *at(key))
    files = value.get("files")
    if not _strings(files) or not files:
        message = 'must be a list of globs, e.g. ["claude/**/*.md"]'
        raise lines.error(f"{label}.files", message, *at("files" if "files" in value else None))
    for glob in files:
        if glob.startswith("/") or ".." in glob.split("/") or "\\" in glob or ":" in glob:
            message = f"'{glob}': a glob is a path relative to the library root"
            raise lines.error(f"{label}.files", message, *at("files"))
    ignore = value.get("ignore", [])
    if not _strings(ignore):
        raise lines.error(f"{label}.ignore", "must be a list of rule names or ids", *at("ignore"))
    levels = {_rule_id(name, lines, f"{label}.ignore", at("ignore")): OFF for name in ignore}
    rules = value.get("rules", {})
    if not isinstance(rules, dict):
        raise lines.error(f"{label}.rules", "must be a table of rule = level", *at("rules"))
    for name, level in rules.items():
        where = f"{label}.rules.{name}"
        levels[_rule_id(name, lines, where, at("rules"))] = _level(level, lines, where, at("rules"))
    return Override(tuple(files), levels)


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _rule_id(name: str, lines: _KeyLines, label: str, line: tuple) -> str:
    from foundry_app.core.rules.registry import all_rules, rule_by_name  # registry imports us

    try:
        return rule_by_name(name).id
    except KeyError:
        hint = _did_you_mean(name, [r.name for r in all_rules()])
        message = f"unknown rule '{name}'{hint} (see foundry lint --list-rules)"
        raise lines.error(label, message, *line) from None


def _level(value: object, lines: _KeyLines, label: str, line: tuple) -> str:
    if isinstance(value, str) and value in LEVELS:
        return value
    message = f'{value!r} is not a level; use "error", "warning" or "off"'
    raise lines.error(label, message, *line)


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    import difflib  # only a misspelt rule name needs it

    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


class _KeyLines:
    """Finds the line of a key in the `[rules]` table or the n-th `[[overrides]]` entry."""

    def __init__(self, raw: str, where: str) -> None:
        self.lines = raw.split("\n")
        self.where = where

    def error(
        self, label: str, message: str, header: str, nth: int = 0, key: str | None = None
    ) -> RuleConfigError:
        line = self.find(header, nth, key)
        place = f"{self.where}:{line}" if line else str(self.where)
        return RuleConfigError(f"{place}: {label}: {message}")

    def find(self, header: str, nth: int, key: str | None) -> int | None:
        """The line of `key` under the nth `header` (the header's line when the key is not
        found there), or None."""
        headers = [
            number
            for number, text in enumerate(self.lines, 1)
            if text.split("#", 1)[0].replace(" ", "").strip() == header
        ]
        if nth >= len(headers):
            return None
        start = headers[nth]
        if key is None:
            return start
        quoted = re.escape(key)
        wanted = re.compile(rf"^\s*(?:\"{quoted}\"|'{quoted}'|{quoted})\s*[=.]")
        for number in range(start + 1, len(self.lines) + 1):
            text = self.lines[number - 1]
            if text.lstrip().startswith("["):
                break
            if wanted.match(text):
                return number
        return start
