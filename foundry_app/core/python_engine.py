"""The pure-Python engine (markdown-it-py), for the rare text the Rust engine cannot parse.

markdown-it-pyrs 0.4.0 panics on an unclosed code span inside a link label (`[\\``, which
anyone typing `` [`code`](link) `` passes through). Such a text is parsed here instead; the
tokens come out in the same shape, each inline child with the line it starts on, so no
consumer can tell which engine served a document. The agreement tests compare the two.
"""

from __future__ import annotations

import re
import threading
from functools import cache
from typing import TYPE_CHECKING

from foundry_app.core.tokens import Token, new_token

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_BACKTICKS = re.compile(r"`+")
_BREAKS = ("softbreak", "hardbreak")
# markdown-it-py builds its rule lists lazily, on the first parse, and a second thread can
# read them half built; the live lint's worker and the window both parse. These parses are
# rare, so one at a time costs nothing.
_ONE_AT_A_TIME = threading.Lock()


@cache
def python_parser() -> MarkdownIt:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    parser = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    return parser.use(front_matter_plugin)


def parse_in_python(text: str) -> list[Token]:
    with _ONE_AT_A_TIME:
        tokens = python_parser().parse(text)
    return [_converted(token) for token in tokens]


def _converted(token, line: int = 0) -> Token:
    ours = new_token(
        token.type,
        token.tag,
        token.nesting,
        token.level,
        list(token.map) if token.map else None,
        token.content,
        token.markup,
        token.info,
        dict(token.attrs),
        None,
        token.hidden,
        line,
    )
    if token.children is not None:
        if token.type == "inline":
            first = token.map[0] + 1 if token.map else 0
            ours.children = [_converted(c, at) for at, c in _lines_of_children(token, first)]
        else:  # an image's alt text
            ours.children = [_converted(c, line) for c in token.children]
    return ours


def _lines_of_children(token, line: int):
    """(line, child) for the children of an inline token, breaks included, counting the
    lines that code spans, inline HTML and image alt texts run over."""
    source, cursor = token.content, 0  # cursor: where the current line starts in source
    for child in token.children or []:
        if child.type in _BREAKS:
            yield line, child
            line += 1
            cursor = source.find("\n", cursor) + 1
            continue
        yield line, child
        if child.type == "code_inline":
            cursor, lines = _skip_code_span(source, cursor, child.markup)
            line += lines
        elif child.type == "html_inline" and "\n" in child.content:
            at = source.find(child.content, cursor)
            line += child.content.count("\n")
            cursor = at + len(child.content) if at >= 0 else cursor
        elif child.type == "image" and child.children:
            for _ in range(sum(c.type in _BREAKS for c in child.children)):
                line += 1
                cursor = source.find("\n", cursor) + 1


def _skip_code_span(source: str, start: int, fence: str) -> tuple[int, int]:
    """(offset after the code span opened by `fence` at or after `start`, newlines inside).

    A code span opens and closes with backtick runs of the same length (CommonMark)."""
    opening = _backtick_run(source, start, len(fence), skip_escaped=True)
    if opening < 0:
        return start, 0
    closing = _backtick_run(source, opening + len(fence), len(fence), skip_escaped=False)
    if closing < 0:
        return start, 0
    return closing + len(fence), source.count("\n", opening, closing)


def _backtick_run(source: str, start: int, length: int, *, skip_escaped: bool) -> int:
    """Offset of the next run of exactly `length` backticks at or after `start`, or -1."""
    for match in _BACKTICKS.finditer(source, start):
        escaped = skip_escaped and match.start() > 0 and source[match.start() - 1] == "\\"
        if len(match.group()) == length and not escaped:
            return match.start()
    return -1
