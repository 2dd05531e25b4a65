"""The code-syntax rule: Python, JSON and TOML examples parse."""

from __future__ import annotations

import ast
import json
import re
import tomllib
from collections.abc import Iterator
from functools import lru_cache

from foundry_app.core.document import Fence
from foundry_app.core.rules.registry import FileContext, Finding, rule

_TOML_POSITION = re.compile(r"at line (\d+), column (\d+)")
# Examples are checked against the oldest Python Foundry supports, whatever runs the check.
OLDEST_PYTHON = (3, 11)


@rule("FT005", "code-syntax")
def check_code_syntax(ctx: FileContext) -> Iterator[Finding]:
    """Python, JSON and TOML examples parse.

    Python is checked against the grammar of the oldest supported Python (3.11) and
    compiled, so `break` outside a loop or a module-level `return` fail too; top-level
    `await` is allowed, as notebooks and REPLs accept it. JSON must be strict: `NaN`
    and `Infinity` are not JSON.

    Readers copy examples; one that does not parse teaches the wrong thing. The
    problem is reported at the line inside the block where the parser stopped.

    Bad:

        ```python
        def train(config)
            return fit(config)
        ```

    Good:

        ```python
        def train(config):
            return fit(config)
        ```
    """
    for fence in ctx.doc.fences:
        problem = _syntax_problem(fence)
        if problem is None:
            continue
        offset, column, message = problem
        last_code_line = fence.end_line - 1 if fence.closed else fence.end_line
        line = max(fence.line, min(fence.line + offset, last_code_line))
        source = ctx.doc.line_text(line)
        code_lines = fence.content.split("\n")
        index = line - fence.line - 1
        if 0 <= index < len(code_lines) and source.endswith(code_lines[index]):
            # An indented or quoted fence: its content lost the prefix its source line has.
            column += len(source) - len(code_lines[index])
        width = len(source)
        column = max(1, min(column, width + 1))
        yield Finding(line, column, line, max(column + 1, width + 1), message)


def _syntax_problem(fence: Fence) -> tuple[int, int, str] | None:
    """(line within the block, 1-based column, message) of the first parse error, if any."""
    return _problem_in(fence.language.lower(), fence.content)


# A big file's examples are the same from one keystroke to the next: each is checked once.
@lru_cache(maxsize=4096)
def _problem_in(language: str, code: str) -> tuple[int, int, str] | None:
    if language in ("python", "py", "python3"):
        try:
            tree = ast.parse(code, feature_version=OLDEST_PYTHON)
            # Compiling catches what the grammar allows but Python refuses (`break` outside a loop).
            compile(tree, "<example>", "exec", ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True)
        except SyntaxError as error:
            return (error.lineno or 1), (error.offset or 1), f"Python does not parse: {error.msg}"
        except ValueError as error:  # e.g. a NUL byte in the source
            return 1, 1, f"Python does not parse: {error}"
    elif language == "json":
        try:
            json.loads(code, parse_constant=_reject_constant)
        except json.JSONDecodeError as error:
            return error.lineno, error.colno, f"JSON does not parse: {error.msg}"
        except _NotJson as error:
            line, column = _position_of(code, str(error))
            return line, column, f"JSON does not parse: {error} is not JSON (only Python reads it)"
    elif language == "toml":
        try:
            tomllib.loads(code)
        except tomllib.TOMLDecodeError as error:
            match = _TOML_POSITION.search(str(error))
            line, column = (int(match[1]), int(match[2])) if match else (1, 1)
            if match is None and "at end of document" in str(error):
                lines = code.removesuffix("\n").split("\n")
                line, column = len(lines), len(lines[-1]) + 1
            reason = _TOML_POSITION.sub("", str(error)).replace("(at end of document)", "")
            reason = reason.strip(" ()")
            return line, column, f"TOML does not parse: {reason}"
    return None


class _NotJson(ValueError):
    """A constant Python's json module accepts but the JSON standard does not."""


def _reject_constant(name: str):
    raise _NotJson(name)


def _position_of(code: str, word: str) -> tuple[int, int]:
    offset = max(code.find(word), 0)
    line = code.count("\n", 0, offset) + 1
    return line, offset - (code.rfind("\n", 0, offset) + 1) + 1
