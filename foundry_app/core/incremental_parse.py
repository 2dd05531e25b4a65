"""Parse one text after another (the open file as it is typed into), re-parsing only the
stretches of it that changed since the last text.

The text is cut into chunks in front of ATX headings that follow a blank line. Each chunk
is parsed on its own together with the next chunk's heading line (the probe): when the
probe comes back as a top-level heading, nothing the chunk opened (a fence, an HTML block
of the kinds that run past blank lines) reaches into the next chunk, and since a heading
closes every container, the next chunk starts from a clean state too. So the chunks'
tokens, each moved down to its first line, are the tokens of the whole text. A chunk whose
probe fails is parsed together with the rest of the text. Chunks whose text and probe are
unchanged keep their tokens from the last parse.

Whatever does not split this way is parsed whole: reference definitions (a link in one
chunk can name a definition in another), front matter that runs past its first blank line,
and any chunk that needs the Python engine or that the Rust engine fails on.

Each chunk also keeps what documents derived from it (Document.per_span), moved with it.

The parser owns its tokens and moves them in place when a chunk's first line changes, so
only the Document of the latest text may be read: the live lint, which reads each text
once, is its user.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from foundry_app.core.engine_choice import needs_python_engine
from foundry_app.core.parser import (
    may_define_references,
    normalized,
    rust_tokens,
    whole_text_tokens,
)

if TYPE_CHECKING:
    from foundry_app.core.tokens import Token

# A blank line, then an ATX heading at the start of a line: where a chunk may start.
_CUT = re.compile(r"\n[ \t]*\n(?=#{1,6}(?:[ \t]|\n|$))")
_FRONT_MATTER_CLOSE = re.compile(r"^(?:-{3,}|\.{3})[ \t]*$", re.MULTILINE)
_MIN_CHUNKED_CHARS = 20_000  # below this a whole parse costs less than the bookkeeping
_MIN_CHUNK_CHARS = 2_000
# From this size on every parse goes by chunks (core.document.parse_tokens): the same tokens,
# but the Rust engine's tree of a whole 5 MB text alone takes 400 MB, a chunk's next to none.
CHUNKED_PARSE_CHARS = 200_000


@dataclass(slots=True)
class TokenSpan:
    """A stretch of the tokens, `tokens[start:stop]`, that was parsed on its own (a chunk
    of the live lint's incremental parse): nothing in it refers to a token or a line outside
    it. So what the document derives from it stays true while the same tokens start at the
    same index and line, and is kept in `memo`, which the parser keeps with the chunk."""

    start: int
    stop: int
    first_line: int  # 0-based line of the span's first token
    memo: dict


class _WholeTextOnly(Exception):
    """A chunk that only the whole-text parse reads right."""


class _Chunk:
    """One chunk's tokens, with the 0-based line they were last moved to start on, and what
    the documents read from them (TokenSpan.memo)."""

    __slots__ = ("first_line", "memo", "tokens")

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.first_line = 0
        self.memo: dict = {}


class IncrementalParser:
    def __init__(self) -> None:
        # (chunk text, probe) -> the chunks of the last text with them (a text can repeat)
        self._chunks: dict[tuple[str, str], list[_Chunk]] = {}
        self.reparsed = 0  # chunks parsed by the last call (the rest were kept)

    def tokens(self, text: str) -> list[Token]:
        """The tokens `parse_tokens(text)` gives, reusing the chunks the last text shared."""
        return self.tokens_and_spans(normalized(text))[0]

    def tokens_and_spans(self, text: str) -> tuple[list[Token], list[TokenSpan]]:
        """The normalized text's tokens, and the span of each chunk in them (none for a
        whole parse)."""
        cuts = _cuts(text)
        self.reparsed = 0
        if cuts is None:
            return self._whole(text), []
        kept: dict[tuple[str, str], list[_Chunk]] = {}
        out: list[Token] = []
        spans: list[TokenSpan] = []
        line = 0
        try:
            for start, stop in pairwise(cuts):
                key = (text[start:stop], _probe(text, stop))
                chunk = self._take(key) or self._parse(key)
                if chunk is None:  # something runs on past the next heading: take the rest
                    key = (text[start:], "")
                    chunk = self._take(key) or self._parse(key)
                _move(chunk, line)
                kept.setdefault(key, []).append(chunk)
                spans.append(TokenSpan(len(out), len(out) + len(chunk.tokens), line, chunk.memo))
                out.extend(chunk.tokens)
                if not key[1]:
                    break
                line += key[0].count("\n")
        except _WholeTextOnly:
            return self._whole(text), []
        self._chunks = kept
        return out, spans

    def _take(self, key: tuple[str, str]) -> _Chunk | None:
        """A chunk of the last text with this text and probe, used at most once."""
        chunks = self._chunks.get(key)
        return chunks.pop() if chunks else None

    def _whole(self, text: str) -> list[Token]:
        self._chunks = {}
        self.reparsed += 1
        return whole_text_tokens(text)

    def _parse(self, key: tuple[str, str]) -> _Chunk | None:
        """A chunk's tokens from its text and probe, the probe's heading dropped; None when
        the probe is not a top-level heading. Raises _WholeTextOnly for a chunk only the
        whole-text parse reads right (the Python engine's, or one the Rust engine fails on):
        mixing engines would give a stream a whole parse never gives."""
        body, probe = key
        text = body + probe
        self.reparsed += 1
        tokens = None if needs_python_engine(text) else rust_tokens(text)
        if tokens is None:
            raise _WholeTextOnly
        if probe:
            opener = tokens[-3] if len(tokens) >= 3 else None
            if (
                opener is None
                or opener.type != "heading_open"
                or opener.level != 0
                or not opener.map
                or opener.map[0] != body.count("\n")
            ):
                return None
            del tokens[-3:]
        return _Chunk(tokens)


def chunked_tokens(text: str) -> list[Token]:
    """A normalized text's tokens, parsed chunk by chunk once (nothing kept for a next text)."""
    return IncrementalParser().tokens_and_spans(text)[0]


def _cuts(text: str) -> list[int] | None:
    """Offsets where chunks start, the text's end last; None when the text is parsed whole."""
    if len(text) < _MIN_CHUNKED_CHARS or may_define_references(text):
        return None
    cuts = [0]
    for match in _CUT.finditer(text):  # chunks of a few KB at least: many tiny ones cost more
        if match.end() - cuts[-1] >= _MIN_CHUNK_CHARS:
            cuts.append(match.end())
    cuts.append(len(text))
    if text.lstrip(" \t").startswith("---"):  # no chunk may start inside front matter
        closing = _FRONT_MATTER_CLOSE.search(text, text.find("\n") + 1)
        if closing is None:
            return None
        cuts = [0, *(cut for cut in cuts[1:] if cut > closing.end())]
    return cuts if len(cuts) > 2 else None


def _probe(text: str, start: int) -> str:
    """The next chunk's heading line, with its newline ('' at the text's end)."""
    if start >= len(text):
        return ""
    end = text.find("\n", start)
    return text[start:] if end < 0 else text[start : end + 1]


def _move(chunk: _Chunk, first_line: int) -> None:
    """Shift a chunk's tokens so that it starts on `first_line`."""
    delta = first_line - chunk.first_line
    if delta:
        _shift(chunk.tokens, delta)
        chunk.first_line = first_line


def _shift(tokens: list[Token], delta: int) -> None:
    for token in tokens:
        if token.map is not None:
            # a fresh list: a paragraph and its inline token can share one
            token.map = [token.map[0] + delta, token.map[1] + delta]
        if token.line:
            token.line += delta
        if token.children:
            _shift(token.children, delta)
