"""The data-syntax rule: a YAML, JSON or TOML file parses."""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterator

import yaml

from foundry_app.core.front_matter import safe_loader_class, yaml_error_place
from foundry_app.core.long_numbers import TOO_LONG_MESSAGE, long_number_at
from foundry_app.core.offsets import line_and_column
from foundry_app.core.rules.data.context import DataContext
from foundry_app.core.rules.registry import Finding, rule

# the loader front matter uses too, so a YAML file and a file's header accept the same texts
_YAML_LOADER = safe_loader_class()
_TOML_PLACE = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
MAX_DATA_CHARS = 5_000_000  # far above any persona's YAML; a 20 MB file took ~50 s to parse


@rule("FT401", "data-syntax", scope="data")
def check_data_syntax(ctx: DataContext) -> Iterator[Finding]:
    """YAML, JSON and TOML files parse, and are UTF-8 text.

    Personas keep `contracts.yml` and `defaults.yml` beside their Markdown, and tools
    read them; a file that does not parse is reported at the line (and column) where
    the parser stopped. YAML is only parsed, not built, so custom tags are fine. A file
    over 5,000,000 characters is reported as too large to check instead of parsed.

    Bad:

        owner: platform
        reviewers: [alice, bob

    Good:

        owner: platform
        reviewers: [alice, bob]
    """
    if ctx.text is None:
        yield Finding(1, 1, 1, 2, f"not UTF-8 text ({ctx.not_text}); save it as UTF-8")
        return
    if len(ctx.text) > MAX_DATA_CHARS:
        message = f"too large to check ({len(ctx.text):,} characters; the limit is "
        yield Finding(1, 1, 1, 2, message + f"{MAX_DATA_CHARS:,})")
        return
    place = _problem(ctx.kind, ctx.text)
    if place is None:
        return
    line, column, message = place
    lines = ctx.text.split("\n")
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    column = max(1, min(column, len(source)))
    yield Finding(line, column, line, column + 1, f"{ctx.kind} does not parse: {message}")


class _NotJson(ValueError):
    """NaN, Infinity or -Infinity: Python's json reads them, JSON has no such values."""


def _not_json(name: str) -> object:
    raise _NotJson(name)


# a JSON string (skipped whole) or one of the names JSON does not have
_JSON_STRING_OR_CONSTANT = re.compile(r'"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)')


def _json_constant_at(text: str) -> tuple[int, int]:
    for found in _JSON_STRING_OR_CONSTANT.finditer(text):
        if found[1]:
            return line_and_column(text, found.start(1))
    return 1, 1


def _problem(kind: str, text: str) -> tuple[int, int, str] | None:
    """(1-based line, column, what is wrong) where the parser stopped, or None if it parses."""
    if kind == "JSON":
        try:
            # integers kept as digits: JSON allows any length, Python reads 4,300 digits
            json.loads(text, parse_int=str, parse_constant=_not_json)
        except json.JSONDecodeError as error:
            return error.lineno, error.colno, error.msg
        except _NotJson as error:
            return (*_json_constant_at(text), f"{error} is not JSON (JavaScript writes it)")
        except RecursionError:
            return 1, 1, "nested too deeply"
        return None
    if kind == "TOML":
        try:
            tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            message = str(error)
            found = _TOML_PLACE.search(message)
            if found:
                return int(found[1]), int(found[2]), message[: found.start()]
            return text.count("\n") + 1, 1, message.replace(" (at end of document)", "")
        except RecursionError:
            return 1, 1, "nested too deeply"
        except ValueError:  # an integer Python will not read: TOML's are 64-bit anyway
            line, column = long_number_at(text) or (1, 1)
            return line, column, f"{TOO_LONG_MESSAGE} (TOML integers are 64-bit)"
        return None
    if kind == "YAML":
        try:
            for _ in yaml.compose_all(text, Loader=_YAML_LOADER):
                pass
        except yaml.YAMLError as error:
            return yaml_error_place(text, error)
        except RecursionError:
            return 1, 1, "nested too deeply"
        return None
    return None
