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
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path, PurePosixPath

from foundry_app.core.blake import blake2b
from foundry_app.core.diagnostics import Diagnostic, Severity
from foundry_app.core.path_glob import MAX_GLOB_CHARS, PathGlob
from foundry_app.core.template_values import Place, closest, shown
from foundry_app.core.toml_lines import KeyLines, KeyPath

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


@dataclass(frozen=True)
class Override:
    """Settings for the files one list of globs matches."""

    files: tuple[str, ...]
    levels: Mapping[str, str]  # rule id -> "error" / "warning" / "off"

    @cached_property
    def _globs(self) -> tuple[PathGlob, ...]:
        return tuple(PathGlob(glob) for glob in self.files)

    def matches(self, relative: str) -> bool:
        """The path, or a folder it is in, matches one of the globs (a folder covers its files)."""
        parts = relative.split("/")
        candidates = ["/".join(parts[:end]) for end in range(len(parts), 0, -1)]
        return any(g.matches(c) for g in self._globs for c in candidates)


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
        levels: dict[tuple[str, str], str] = {}  # a big file repeats a few rules many times
        for diagnostic in diagnostics:
            key = (diagnostic.rule, diagnostic.severity)
            level = levels.get(key)
            if level is None:
                level = levels[key] = self.level(*key, relative, in_kind)
            if level == OFF:
                continue
            if level != diagnostic.severity:
                diagnostic = replace(diagnostic, severity=Severity(level))
            kept.append(diagnostic)
        return kept


def relative_path(path: Path, root: Path) -> str | None:
    """The path as override globs see it (library-relative, '/'), None when outside."""
    text, base = str(path), str(root)
    # the common case in plain string steps: a lint asks this once per file with findings
    if text.startswith(base) and text[len(base) : len(base) + 1] == os.sep and base != os.sep:
        return text[len(base) + 1 :].replace(os.sep, "/")
    try:
        return PurePosixPath(Path(path).relative_to(root)).as_posix()
    except ValueError:
        return None


def parse_rule_config(data: Mapping, raw: str, where: str) -> RuleConfig:
    """The `[rules]` and `[[overrides]]` tables of a parsed library.toml.

    `raw` is the TOML text, used to name the line of a bad entry; `where` names the file."""
    place = Place(where, KeyLines(raw))
    rules = data.get("rules", {})
    if not isinstance(rules, dict):
        raise place.at(("rules",)).error("must be a table of rule = level")
    levels = {}
    for name, value in rules.items():
        key = ("rules", name)
        levels[_rule_id(name, place, key)] = _level(value, place, key)
    overrides = data.get("overrides", [])
    if not isinstance(overrides, list):
        raise place.at(("overrides",)).error("must be an array of tables ([[overrides]])")
    entries = (_override(o, ("overrides", index), place) for index, o in enumerate(overrides))
    return RuleConfig(levels, tuple(entries))


def _override(value: object, at: KeyPath, place: Place) -> Override:
    if not isinstance(value, dict):
        raise place.at(at).error("must be a table")
    for key in value:
        if key not in OVERRIDE_KEYS:
            hint = _did_you_mean(key, OVERRIDE_KEYS)
            raise place.at((*at, key)).error(f"unknown key{hint}")
    files = value.get("files")
    if not _strings(files) or not files:
        raise place.at((*at, "files")).error('must be a list of globs, e.g. ["claude/**/*.md"]')
    for index, glob in enumerate(files):
        parts = glob.split("/")
        if glob.startswith("/") or ".." in parts or "." in parts or "\\" in glob or ":" in glob:
            message = f"{shown(glob)}: a glob is a path from the library root (no ./, ../ or /)"
            raise place.at((*at, "files", index)).error(message)
        if len(glob) > MAX_GLOB_CHARS:
            message = f"is {len(glob):,} characters long; a glob may have {MAX_GLOB_CHARS:,}"
            raise place.at((*at, "files", index)).error(message)
    ignore = value.get("ignore", [])
    if not _strings(ignore):
        raise place.at((*at, "ignore")).error("must be a list of rule names or ids")
    levels = {
        _rule_id(name, place, (*at, "ignore", index)): OFF for index, name in enumerate(ignore)
    }
    rules = value.get("rules", {})
    if not isinstance(rules, dict):
        raise place.at((*at, "rules")).error("must be a table of rule = level")
    for name, level in rules.items():
        key = (*at, "rules", name)
        levels[_rule_id(name, place, key)] = _level(level, place, key)
    return Override(tuple(files), levels)


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _rule_id(name: str, place: Place, key: KeyPath) -> str:
    from foundry_app.core.rules.registry import all_rules, rule_by_name  # registry imports us

    try:
        return rule_by_name(name).id
    except KeyError:
        hint = _did_you_mean(name, [r.name for r in all_rules()])
        message = f"unknown rule '{name}'{hint} (see foundry lint --list-rules)"
        raise place.at(key).error(message) from None


def _level(value: object, place: Place, key: KeyPath) -> str:
    if isinstance(value, str) and value in LEVELS:
        return value
    raise place.at(key).error(f'{value!r} is not a level; use "error", "warning" or "off"')


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = closest(word, choices)
    return f" (did you mean '{close}'?)" if close else ""
