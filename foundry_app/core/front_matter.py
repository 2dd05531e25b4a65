"""YAML front matter: the `---` block at the very top of a file, read as plain data.

The Markdown parser recognises the block (it is never a heading or a rule); this module
turns its text into a mapping with each top-level key's source line, or an error with
the line where the YAML goes wrong. Dates written as YYYY-MM-DD stay `datetime.date`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from foundry_app.core.offsets import line_and_column

MAX_FRONT_MATTER_CHARS = 64_000  # bigger than any real header; past it we do not parse


@dataclass(frozen=True)
class FrontMatterError:
    message: str
    line: int  # 1-based line in the file


@dataclass(frozen=True)
class FrontMatter:
    """The block spans `line` (its opening `---`) to `end_line` (its closing `---`)."""

    line: int
    end_line: int
    source: str  # the YAML between the fences
    data: dict[str, Any] = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict)  # top-level key -> 1-based line
    error: FrontMatterError | None = None

    def line_of(self, key: str) -> int:
        """The key's line, or the opening fence's when the key is absent."""
        return self.key_lines.get(key, self.line)

    def contains_line(self, line: int) -> bool:
        return self.line <= line <= self.end_line


def safe_loader_class() -> type:
    """PyYAML's safe loader in its libyaml build where there is one (about ten times
    faster): front matter and YAML data files are read by the same one, so they accept
    the same texts (the two builds differ on a few, tabs among them)."""
    import yaml

    return getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader


@cache
def _loader_class():
    """The safe loader, except that a date that does not exist (2025-02-30) stays text, so
    the key's own check can say so at its line instead of the whole block failing."""

    class FrontMatterLoader(safe_loader_class()):
        def construct_yaml_timestamp(self, node):
            try:
                return super().construct_yaml_timestamp(node)
            except ValueError:
                return self.construct_scalar(node)

        def construct_yaml_int(self, node):
            try:
                return super().construct_yaml_int(node)
            except ValueError:  # more digits than Python reads: valid YAML, kept as text
                return self.construct_scalar(node)

    FrontMatterLoader.add_constructor(
        "tag:yaml.org,2002:timestamp", FrontMatterLoader.construct_yaml_timestamp
    )
    FrontMatterLoader.add_constructor("tag:yaml.org,2002:int", FrontMatterLoader.construct_yaml_int)
    return FrontMatterLoader


def yaml_error_place(text: str, error: Exception) -> tuple[int, int, str]:
    """(1-based line, 1-based column, what is wrong) of a YAML error in `text`, counted in
    the text's own lines: libyaml also breaks lines at U+2028 and U+0085, and gives a bad
    character's place in bytes."""
    import yaml

    if isinstance(error, yaml.reader.ReaderError):
        index = error.position
        if safe_loader_class() is not yaml.SafeLoader:  # libyaml: a byte offset
            head = text.encode("utf-8", "surrogatepass")[: max(0, index)]
            index = len(head.decode("utf-8", "ignore"))
        character = error.character
        code = ord(character) if isinstance(character, str) else character  # libyaml: a number
        shown = f"U+{code:04X}"
        what = f"{error.reason} ({shown})"
    elif isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        index = mark.index if mark is not None else 0  # characters, in both loaders
        what = error.problem or error.context or "invalid YAML"
    else:
        return 1, 1, str(error).split("\n", 1)[0] or "invalid YAML"
    return (*line_and_column(text, index), what)


def read_front_matter(source: str, line: int, end_line: int) -> FrontMatter:
    """Parse the YAML `source` of a block whose opening fence is on `line`."""
    if not source.strip():
        return FrontMatter(line, end_line, source)
    if len(source) > MAX_FRONT_MATTER_CHARS:
        message = f"front matter is longer than {MAX_FRONT_MATTER_CHARS:,} characters"
        return FrontMatter(line, end_line, source, error=FrontMatterError(message, line))
    import yaml  # lazy: most documents have no front matter

    first_content_line = line + 1
    loader = None
    try:
        loader = _loader_class()(source)  # reads the text at once: bad characters fail here
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except (yaml.reader.ReaderError, yaml.MarkedYAMLError) as exc:
        at, _column, problem = yaml_error_place(source, exc)
        message = f"front matter is not valid YAML: {problem}"
        error = FrontMatterError(message, min(line + at, end_line))  # `at` counts from 1
        return FrontMatter(line, end_line, source, error=error)
    except (yaml.YAMLError, RecursionError, ValueError, TypeError) as exc:
        error = FrontMatterError(f"front matter is not valid YAML: {exc}", first_content_line)
        return FrontMatter(line, end_line, source, error=error)
    finally:
        if loader is not None:
            loader.dispose()
    if data is None:
        return FrontMatter(line, end_line, source)
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        error = FrontMatterError("front matter must be `key: value` lines", first_content_line)
        return FrontMatter(line, end_line, source, error=error)
    key_lines: dict[str, int] = {}
    for key_node, _value in node.value:
        # the last of a repeated key is the value YAML keeps; lines counted in the text's own
        # (libyaml also breaks them at U+2028 and U+0085)
        at = source.count("\n", 0, key_node.start_mark.index)
        key_lines[str(key_node.value)] = first_content_line + at
    plain = {str(key): value for key, value in data.items()}
    return FrontMatter(line, end_line, source, plain, key_lines)


_VALUE_LIMIT = 200  # characters of one value shown (the preview, a finding)


def brief_value(value: object) -> str:
    """One line for a value: lists joined by commas, nested data in brief, long text cut.

    Written piece by piece against a budget, so YAML aliases that nest a short list a
    billion times over still cost only a few hundred characters."""
    pieces: list[str] = []
    budget = [_VALUE_LIMIT + 1]

    def put(text: str) -> bool:
        pieces.append(text[: budget[0]])
        budget[0] -= len(text)
        return budget[0] > 0

    def walk(item: object, depth: int) -> bool:
        if depth > 20:
            return put("…")
        if isinstance(item, list | tuple):
            for position, element in enumerate(item):
                if (position and not put(", ")) or not walk(element, depth + 1):
                    return False
            return True
        if isinstance(item, dict):
            for position, (key, element) in enumerate(item.items()):
                if (position and not put("; ")) or not put(f"{key}: "):
                    return False
                if not walk(element, depth + 1):
                    return False
            return True
        return put("" if item is None else " ".join(_scalar_text(item).split()))

    complete = walk(value, 0)
    text = "".join(pieces)
    return text if complete and len(text) <= _VALUE_LIMIT else text[: _VALUE_LIMIT - 1] + "…"


def _scalar_text(item: object) -> str:
    try:
        return str(item)
    except ValueError:  # an integer of thousands of digits: Python will not write it out
        return "(a number too long to show)"
