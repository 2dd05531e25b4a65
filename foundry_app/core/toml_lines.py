"""The line of each key, table header and array item in a TOML text.

tomllib returns values without positions, so messages about library.toml find their
line here. A key path is a tuple of keys and array indexes, the way the value is
reached in tomllib's result: ("kinds", "stack", "files", "conventions.md", "sections", 0).
The scanner expects text tomllib has already accepted; on anything else it keeps what it
found so far rather than fail.
"""

from __future__ import annotations

import bisect
import contextlib
import re
import tomllib

KeyPath = tuple[str | int, ...]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_SCALAR_END = re.compile(r"[,\]}\n#]")


def dotted(path: KeyPath) -> str:
    """A key path as TOML would write it: kinds.stack.files."conventions.md".sections[0]."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
            continue
        key = part if _BARE_KEY.fullmatch(part) else '"' + _escaped(part) + '"'
        text += f".{key}" if text else key
    return text


def _escaped(key: str) -> str:
    return key.replace("\\", "\\\\").replace('"', '\\"')


class KeyLines:
    """Lines of every key path of one TOML text, scanned once, on the first question
    (a template that loads without an error never needs them)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._found: dict[KeyPath, int] | None = None

    @property
    def _lines(self) -> dict[KeyPath, int]:
        if self._found is None:
            self._found = key_lines(self._text)
        return self._found

    def line(self, path: KeyPath) -> int:
        """The 1-based line of `path`, or of the nearest enclosing key or table that is
        written in the text (a missing key: its table's line); 1 when none is."""
        for end in range(len(path), 0, -1):
            found = self._lines.get(tuple(path[:end]))
            if found is not None:
                return found
        return 1


def line_of(text: str, path: KeyPath) -> int:
    """The line of one key path; build a KeyLines to look up many."""
    return KeyLines(text).line(path)


def key_lines(text: str) -> dict[KeyPath, int]:
    scanner = _Scanner(text)
    # not valid TOML: the lines found so far still help
    with contextlib.suppress(IndexError, ValueError, tomllib.TOMLDecodeError):
        scanner.document()
    return scanner.lines


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.lines: dict[KeyPath, int] = {}
        self._starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
        self._array_tables: dict[KeyPath, int] = {}  # header path -> tables so far

    # --- positions ---------------------------------------------------------------------

    def _line(self) -> int:
        return bisect.bisect_right(self._starts, self.pos)

    def _note(self, path: KeyPath, line: int) -> None:
        for end in range(1, len(path) + 1):
            self.lines.setdefault(tuple(path[:end]), line)

    # --- structure ---------------------------------------------------------------------

    def document(self) -> None:
        table: KeyPath = ()
        while True:
            self._skip(newlines=True)
            if self.pos >= len(self.text):
                return
            if self.text[self.pos] == "[":
                table = self._header()
            else:
                self._key_value(table)

    def _header(self) -> KeyPath:
        line = self._line()
        is_array = self.text.startswith("[[", self.pos)
        self.pos += 2 if is_array else 1
        keys = self._key()
        self._skip()
        self.pos += 2 if is_array else 1
        if is_array:
            base = (*self._resolve(keys[:-1]), keys[-1])
            index = self._array_tables.get(base, 0)
            self._array_tables[base] = index + 1
            path = (*base, index)
        else:
            path = self._resolve(keys)
        self._note(path, line)
        return path

    def _resolve(self, keys: KeyPath) -> KeyPath:
        """A header's keys with the index of the latest [[table]] each prefix names."""
        path: KeyPath = ()
        for key in keys:
            path += (key,)
            if path in self._array_tables:
                path += (self._array_tables[path] - 1,)
        return path

    def _key_value(self, table: KeyPath) -> None:
        line = self._line()
        path = table + self._key()
        self._skip()
        self.pos += 1  # the "="
        self._skip()
        self._note(path, line)
        self._value(path)

    def _key(self) -> KeyPath:
        """A dotted key: bare or quoted parts joined by dots."""
        parts: list[str | int] = []
        while True:
            self._skip()
            char = self.text[self.pos]
            if char in "\"'":
                start = self.pos
                self._string()
                parts.append(tomllib.loads("k = " + self.text[start : self.pos])["k"])
            else:
                match = _BARE_KEY.match(self.text, self.pos)
                if match is None:
                    raise ValueError("not a key")
                parts.append(match.group())
                self.pos = match.end()
            self._skip()
            if self.pos < len(self.text) and self.text[self.pos] == ".":
                self.pos += 1
                continue
            return tuple(parts)

    def _value(self, path: KeyPath) -> None:
        char = self.text[self.pos]
        if char == "[":
            self._array(path)
        elif char == "{":
            self._inline_table(path)
        elif char in "\"'":
            self._string()
        else:
            end = _SCALAR_END.search(self.text, self.pos)
            self.pos = end.start() if end else len(self.text)

    def _array(self, path: KeyPath) -> None:
        self.pos += 1
        index = 0
        while True:
            self._skip(newlines=True)
            if self.text[self.pos] == "]":
                self.pos += 1
                return
            item = (*path, index)
            self._note(item, self._line())
            self._value(item)
            self._skip(newlines=True)
            if self.text[self.pos] == ",":
                self.pos += 1
            index += 1

    def _inline_table(self, path: KeyPath) -> None:
        self.pos += 1
        while True:
            self._skip(newlines=True)
            if self.text[self.pos] == "}":
                self.pos += 1
                return
            self._key_value(path)
            self._skip(newlines=True)
            if self.text[self.pos] == ",":
                self.pos += 1

    # --- tokens ------------------------------------------------------------------------

    def _skip(self, *, newlines: bool = False) -> None:
        """Past spaces and tabs (and newlines and comments when asked)."""
        text = self.text
        while self.pos < len(text):
            char = text[self.pos]
            if char in " \t" or (newlines and char in "\r\n"):
                self.pos += 1
            elif char == "#":
                end = text.find("\n", self.pos)
                self.pos = len(text) if end < 0 else end
            else:
                return

    def _string(self) -> None:
        text = self.text
        quote = text[self.pos]
        if text.startswith(quote * 3, self.pos):
            self.pos += 3
            while not text.startswith(quote * 3, self.pos):
                self.pos += 2 if quote == '"' and text[self.pos] == "\\" else 1
                if self.pos >= len(text):
                    raise ValueError("unterminated string")
            self.pos += 3
            # a closing run may hold up to two more quotes that belong to the string
            for _ in range(2):
                if text.startswith(quote, self.pos):
                    self.pos += 1
            return
        self.pos += 1
        while text[self.pos] != quote:
            self.pos += 2 if quote == '"' and text[self.pos] == "\\" else 1
        self.pos += 1
