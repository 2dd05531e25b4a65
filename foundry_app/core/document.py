"""A parsed Markdown document: one parse, plain data with 1-based source lines.

Everything that needs structure (rules, checklist, preview) reads it from here, so a
line number means the same thing everywhere.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING
from urllib.parse import unquote

from foundry_app.core.front_matter import FrontMatter, read_front_matter
from foundry_app.core.incremental_parse import (
    CHUNKED_PARSE_CHARS,
    IncrementalParser,
    TokenSpan,
    chunked_tokens,
)
from foundry_app.core.link import Link
from foundry_app.core.parser import normalized, whole_text_tokens

if TYPE_CHECKING:
    from foundry_app.core.tokens import Token

_BREAKS = ("softbreak", "hardbreak")
_TOP_LEVEL = ""  # no token type is empty: the key of the top-level tokens' indices
_SLUG_DROP = re.compile(r"[^\w\- ]", re.UNICODE)

_BLOCK_KINDS = {
    "paragraph_open": "paragraph",
    "heading_open": "heading",
    "bullet_list_open": "bullet_list",
    "ordered_list_open": "ordered_list",
    "table_open": "table",
    "blockquote_open": "blockquote",
    "fence": "fence",
    "code_block": "code_block",
    "html_block": "html_block",
    "hr": "hr",
}


def slugify(text: str) -> str:
    """GitHub-style heading anchor: lowercase, punctuation dropped, spaces become hyphens."""
    return _SLUG_DROP.sub("", text.strip().lower()).replace(" ", "-")


def heading_slug(inline: Token) -> str:
    """The anchor GitHub gives a heading: inline HTML tags are dropped, the text between kept."""
    kept = [c for c in inline.children or [] if c.type != "html_inline"]
    text = _plain_text(kept) if kept else inline.content
    return _SLUG_DROP.sub("", text.lower()).replace(" ", "-")


def inline_plain_text(token: Token) -> str:
    """The visible text of an inline token (markup stripped, code spans kept)."""
    if not token.children:
        return token.content
    return _plain_text(token.children)


def _plain_text(children: list[Token]) -> str:
    parts = []
    for child in children:
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(inline_plain_text(child))
    return "".join(parts)


def _task_state_column(source: str, content: str) -> int | None:
    """0-based index of the state char of the "[ ]" that starts `content` in its source line.

    The paragraph's first line ends the source line whatever precedes it (list markers,
    quote markers, nested lists such as `* - [ ]`), so it is found from the end."""
    first = content.split("\n", 1)[0].rstrip()
    start = len(source.rstrip()) - len(first)
    if start < 0 or source[start : start + 3] != first[:3]:
        return None
    return start + 1


@dataclass(frozen=True)
class Block:
    """A top-level block: its kind, 1-based first and last source line, and token span."""

    kind: str
    line: int
    end_line: int
    start: int  # index of the block's first token
    stop: int  # index one past its last token


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int
    slug: str
    token_index: int


@dataclass(frozen=True)
class Fence:
    """A fenced code block; `line` is the opening fence, code starts on `line + 1`."""

    line: int
    end_line: int
    info: str
    language: str
    content: str
    closed: bool


@dataclass(frozen=True)
class TaskItem:
    """A `- [ ]` item: its line, checked state, text, and the state char's offset in the line."""

    line: int
    checked: bool
    text: str
    column: int  # 0-based index of the ' ' / 'x' inside the line
    level: int  # nesting depth of the list item token


@dataclass
class Section:
    """A heading and everything up to the next heading of the same or a higher level."""

    heading: Heading
    end_line: int  # last source line that belongs to the section
    blocks: list[Block] = field(default_factory=list)  # top-level blocks, sub-headings included


def parse_tokens(text: str) -> list[Token]:
    """The tokens of a text: from CHUNKED_PARSE_CHARS on parsed chunk by chunk (the same
    tokens in a fraction of the memory), else in one piece."""
    text = normalized(text)
    if len(text) >= CHUNKED_PARSE_CHARS:
        return chunked_tokens(text)
    return whole_text_tokens(text)


class Document:
    """One version of a Markdown text, parsed once."""

    def __init__(
        self,
        text: str,
        tokens: list[Token] | None = None,
        spans: Sequence[TokenSpan] = (),
    ) -> None:
        """`tokens`, when given, are the parse of `text` already made (incrementally, by
        the live lint); otherwise the text is parsed here. `spans`, when given, cut the
        tokens into stretches parsed on their own, in order and end to end: the lists
        derived from a span that the last text shared are taken from its memo."""
        self.text = text
        self.tokens: list[Token] = parse_tokens(text) if tokens is None else tokens
        self._spans = spans
        self._merged_by_type: dict[str, list[int]] = {}
        self._merged_children: dict[str, list[Token]] = {}
        self._sections: dict[int, list[Section]] = {}

    @classmethod
    def reusing_chunks(cls, parser: IncrementalParser, text: str) -> Document:
        """`Document(text)`, made from the chunks `parser`'s last text shared with it: their
        tokens, and the lists the last document derived from them."""
        clean = normalized(text)
        tokens, spans = parser.tokens_and_spans(clean)
        # The memos hold columns read from the document's own lines, and two texts that
        # normalize alike may not have the same lines ("\r\n" against "\n"): none then.
        return cls(text, tokens, spans if clean is text else ())

    @property
    def spans(self) -> Sequence[TokenSpan]:
        """The stretches of the tokens parsed on their own (none for a whole parse)."""
        return self._spans

    def per_span(
        self,
        name: str,
        derive: Callable[[int, int], list],
        move: Callable[[list, int, int], list] | None = None,
    ) -> list:
        """`derive(start, stop)` over all the tokens. With spans, it is the concatenation of
        `derive` over each span, and a span's result is reused while its tokens are the
        same: so `derive` must read only the tokens in [start, stop) and the lines they
        cover, and `name` must say what it derives (it keys the memo). When the span has
        moved, `move(result, lines, indices)` shifts the result by that many lines and
        token indices; without one, the span's result is derived again."""
        if not self._spans:
            return derive(0, len(self.tokens))
        out: list = []
        for span in self._spans:
            out.extend(self._span_memo(span, name, derive, move))
        return out

    @staticmethod
    def _span_memo(span: TokenSpan, name: str, derive: Callable, move: Callable | None = None):
        where = (span.start, span.first_line)
        kept = span.memo.get(name)
        if kept is not None and kept[0] != where and move is not None:
            (start, first_line), value = kept
            kept = span.memo[name] = (
                where,
                move(value, span.first_line - first_line, span.start - start),
            )
        if kept is None or kept[0] != where:
            kept = span.memo[name] = (where, derive(span.start, span.stop))
        return kept[1]

    def token_indices(self, kind: str) -> list[int]:
        """Indices of the tokens of one type, in order: a rule after fences or tables jumps
        straight to them instead of walking a big file's 50,000 tokens."""
        if not self._spans:
            return self._whole_by_type.get(kind, [])
        merged = self._merged_by_type.get(kind)
        if merged is None:  # one type at a time: most rules ask for two or three
            merged = self._merged_by_type[kind] = []
            for span in self._spans:
                merged.extend(self._span_indices(span, kind))
        return merged

    def token_indices_between(self, kind: str, start: int, stop: int) -> list[int]:
        """Indices of the tokens of one type in [start, stop)."""
        span = self._span_at.get(start)
        if span is not None and span.stop == stop:
            return self._span_indices(span, kind)
        indices = self.token_indices(kind)
        if start == 0 and stop == len(self.tokens):
            return indices
        return indices[bisect_left(indices, start) : bisect_left(indices, stop)]

    @cached_property
    def _whole_by_type(self) -> dict[str, list[int]]:
        return self._indices_by_type(0, len(self.tokens))

    def _span_by_type(self, span: TokenSpan) -> dict[str, list[int]]:
        """A span's indices by type, counted from its first token: they stay true when
        tokens before it come or go (moving them all cost more than the rules that read
        them, whenever an edit changed the number of tokens)."""
        return self._span_memo(span, "indices by type", self._relative_indices, _as_is)

    def _span_indices(self, span: TokenSpan, kind: str) -> list[int]:
        """A span's indices of one type where the span now starts: kept per type asked
        for, and worked out again only for a span that has moved."""
        key = ("indices", kind)
        kept = span.memo.get(key)
        if kept is None or kept[0] != span.start:
            indices = _offset(self._span_by_type(span).get(kind, []), span.start)
            kept = span.memo[key] = (span.start, indices)
        return kept[1]

    @cached_property
    def _span_at(self) -> dict[int, TokenSpan]:
        return {span.start: span for span in self._spans}

    def _relative_indices(self, start: int, stop: int) -> dict[str, list[int]]:
        return self._indices_by_type(start, stop, base=start)

    def _indices_by_type(self, start: int, stop: int, base: int = 0) -> dict[str, list[int]]:
        """Token type -> indices (less `base`) of its tokens in [start, stop), and
        _TOP_LEVEL -> those of the top-level ones, from one pass."""
        by_type: dict[str, list[int]] = {_TOP_LEVEL: []}
        top = by_type[_TOP_LEVEL]
        tokens = self.tokens
        for index in range(start, stop):
            token = tokens[index]
            kind = token.type
            if kind in by_type:
                by_type[kind].append(index - base)
            else:
                by_type[kind] = [index - base]
            if not token.level:
                top.append(index - base)
        return by_type

    @cached_property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    @property
    def line_count(self) -> int:
        return len(self.lines)

    def line_text(self, line: int) -> str:
        """Source line by 1-based number ('' past the end)."""
        lines = self.lines
        return lines[line - 1] if 0 < line <= len(lines) else ""

    @cached_property
    def front_matter(self) -> FrontMatter | None:
        """The YAML block at the top of the file, parsed; None when there is none."""
        first = self.tokens[0] if self.tokens else None
        if first is None or first.type != "front_matter" or not first.map:
            return None
        start, stop = first.map  # 0-based: opening fence, one past the closing fence
        return read_front_matter(first.content, start + 1, stop)

    @property
    def body_line(self) -> int:
        """The first line after the front matter (1 without one): where the body starts."""
        front = self.front_matter
        return min(front.end_line + 1, self.line_count) if front else 1

    @cached_property
    def blocks(self) -> list[Block]:
        return self.per_span("blocks", self._blocks_between, _moved_blocks)

    def _blocks_between(self, start: int, stop: int) -> list[Block]:
        blocks: list[Block] = []
        tokens = self.tokens
        top = self.token_indices_between(_TOP_LEVEL, start, stop)
        # Between a top-level opener and its closer every token is nested deeper, so the
        # closer is the next top-level token.
        at = 0
        while at < len(top):
            first_token = top[at]
            token = tokens[first_token]
            if token.nesting == 1:
                end = top[at + 1] + 1 if at + 1 < len(top) else stop
                at += 2
            else:
                end = first_token + 1
                at += 1
            kind = _BLOCK_KINDS.get(token.type)
            if kind is None:
                continue
            first, last = token.map if token.map else (0, 1)
            blocks.append(Block(kind, first + 1, max(first + 1, last), first_token, end))
        return blocks

    @cached_property
    def headings(self) -> list[Heading]:
        headings: list[Heading] = []
        seen: dict[str, int] = {}
        for level, text, base, line, index in self.per_span(
            "headings", self._headings_between, _moved_headings
        ):
            slug = base
            # Like GitHub: a repeat gets -1, -2 …, skipping any suffix an earlier heading took.
            while slug in seen:
                seen[base] += 1
                slug = f"{base}-{seen[base]}"
            seen[slug] = 0
            headings.append(Heading(level, text, line, slug, index))
        return headings

    def _headings_between(self, start: int, stop: int) -> list[tuple[int, str, str, int, int]]:
        """(level, text, slug before repeats are told apart, line, token index) of each."""
        found = []
        tokens = self.tokens
        for index in self.token_indices_between("heading_open", start, stop):
            token = tokens[index]
            text = inline_plain_text(tokens[index + 1]).strip()
            line = token.map[0] + 1 if token.map else 1
            found.append((int(token.tag[1]), text, heading_slug(tokens[index + 1]), line, index))
        return found

    @cached_property
    def anchors(self) -> set[str]:
        return {heading.slug for heading in self.headings}

    @cached_property
    def heading_at(self) -> dict[int, Heading]:
        """Each heading by the index of its heading_open token (a heading Block's `start`)."""
        return {heading.token_index: heading for heading in self.headings}

    def sections(self, level: int = 2) -> list[Section]:
        """Sections opened by headings of exactly `level`; they end at a heading <= level.
        Computed once per level: every template rule asks for the H2 sections."""
        if level not in self._sections:
            self._sections[level] = self._split_sections(level)
        return self._sections[level]

    def _split_sections(self, level: int) -> list[Section]:
        sections: list[Section] = []
        current: Section | None = None
        for block in self.blocks:
            if block.kind == "heading":
                heading = self.heading_at[block.start]
                if heading.level <= level:
                    if current is not None:
                        current.end_line = block.line - 1
                        current = None
                    if heading.level == level:
                        current = Section(heading, self.line_count)
                        sections.append(current)
                    continue
            if current is not None:
                current.blocks.append(block)
        return sections

    @cached_property
    def fences(self) -> list[Fence]:
        return self.per_span("fences", self._fences_between, _moved_fences)

    def _fences_between(self, start: int, stop: int) -> list[Fence]:
        fences = []
        for index in self.token_indices_between("fence", start, stop):
            token = self.tokens[index]
            first, last = token.map if token.map else (0, 1)
            info = token.info.strip()
            language = info.split(maxsplit=1)[0] if info else ""
            closing = self.line_text(last).strip()
            closed = closing.startswith(token.markup) and set(closing) <= set(token.markup[0])
            fences.append(Fence(first + 1, last, info, language, token.content, closed))
        return fences

    def inline_children(self) -> Iterator[tuple[int, Token]]:
        """(1-based source line, token) for every inline child token, breaks excluded;
        the line is where the child starts, from the parser's byte ranges."""
        for token in self._inline_children:
            yield token.line, token

    def inline_children_of(self, *kinds: str) -> list[Token]:
        """The inline child tokens of these types, in order (each has its `line`)."""
        if len(kinds) == 1:
            return self._children_of(kinds[0])
        if not any(self._children_of(kind) for kind in kinds):
            return []
        return [child for child in self._inline_children if child.type in kinds]

    def _children_of(self, kind: str) -> list[Token]:
        if not self._spans:
            return self._whole_children_by_type.get(kind, [])
        merged = self._merged_children.get(kind)
        if merged is None:  # one type at a time: most rules want links or HTML, a few of 60,000
            merged = self._merged_children[kind] = []
            for by_type in self.per_span("children by type", self._children_by_type, _as_is):
                merged.extend(by_type.get(kind, ()))
        return merged

    @cached_property
    def _whole_children_by_type(self) -> dict[str, list[Token]]:
        # one pass for every type a rule asks for
        return self._children_by_type(0, len(self.tokens))[0]

    def _children_by_type(self, start: int, stop: int) -> list[dict[str, list[Token]]]:
        by_type: dict[str, list[Token]] = {}
        for child in self.inline_children_between(start, stop):
            kind = child.type
            if kind in by_type:
                by_type[kind].append(child)
            else:
                by_type[kind] = [child]
        return [by_type]

    @cached_property
    def _inline_children(self) -> list[Token]:
        # Worked out once: the links, the placeholder and the raw-HTML rules all walk it.
        return self.per_span("inline children", self._inline_children_between, _as_is)

    def inline_children_between(
        self, start: int, stop: int, kind: str | None = None
    ) -> list[Token]:
        """The inline children (breaks excluded) of the tokens in [start, stop); only those
        of type `kind` when it is given."""
        span = self._span_at.get(start)
        if start == 0 and stop == len(self.tokens):
            return self._inline_children if kind is None else self._children_of(kind)
        if span is not None and span.stop == stop:
            if kind is not None:
                by_type = self._span_memo(span, "children by type", self._children_by_type, _as_is)
                return by_type[0].get(kind, [])
            return self._span_memo(span, "inline children", self._inline_children_between, _as_is)
        children = self._inline_children_between(start, stop)
        return children if kind is None else [child for child in children if child.type == kind]

    def _inline_children_between(self, start: int, stop: int) -> list[Token]:
        tokens = self.tokens
        return [
            child
            for index in self.token_indices_between("inline", start, stop)
            if tokens[index].children and tokens[index].map
            for child in tokens[index].children
            if child.type not in _BREAKS
        ]

    @cached_property
    def links(self) -> list[Link]:
        return self.per_span("links", self._links_between, _moved_links)

    def _links_between(self, start: int, stop: int) -> list[Link]:
        links: list[Link] = []
        searched_to: dict[int, int] = {}  # per line: where the next link's search starts
        # (line, needle) -> where it was last found, -1 for nowhere: no needle is looked
        # for twice over the same stretch, which keeps many links on one line linear.
        found_at: dict[tuple[int, str], int] = {}
        for child in self.inline_children_between(start, stop):
            if child.type != "link_open" and child.type != "image":  # images must exist too
                continue
            line = child.line
            href = str(child.attrs.get("href" if child.type == "link_open" else "src", ""))
            link, end = self._locate_link(href, line, searched_to.get(line, 0), found_at)
            searched_to[line] = end
            links.append(link)
        return links

    def _locate_link(
        self, href: str, line: int, start: int, found_at: dict[tuple[int, str], int]
    ) -> tuple[Link, int]:
        """Where the link's target is written on its line (the whole line when it is not),
        and where the search for the next link on that line starts."""
        source = self.line_text(line)
        # The parse percent-encodes targets (café.md -> caf%C3%A9.md); the source does not.
        targets = dict.fromkeys((href, unquote(href)))
        candidates = [(f"{p}{t}", len(p), t) for t in targets for p in ("](", "](<")]
        candidates += [(t, 0, t) for t in targets if t]
        for needle, skip, target in candidates:
            column = found_at.get((line, needle))
            if column is None or 0 <= column < start:
                column = found_at[line, needle] = source.find(needle, start)
            if column >= 0:
                column += skip
                end = column + len(target)
                return Link(href, line, column + 1, end + 1), end
        return Link(href, line, 1, max(1, len(source)) + 1), start

    @cached_property
    def tasks(self) -> list[TaskItem]:
        return self.per_span("tasks", self._tasks_between, _moved_tasks)

    def _tasks_between(self, start: int, stop: int) -> list[TaskItem]:
        tasks: list[TaskItem] = []
        tokens = self.tokens
        for index in self.token_indices_between("list_item_open", start, stop):
            if index + 2 >= len(tokens):
                continue
            token = tokens[index]
            paragraph, inline = tokens[index + 1], tokens[index + 2]
            if paragraph.type != "paragraph_open" or inline.type != "inline" or not inline.map:
                continue
            content = inline.content
            if len(content) < 3 or content[0] != "[" or content[2] != "]":
                continue
            if content[1] not in " xX" or (len(content) > 3 and content[3] not in " \t"):
                continue
            line = inline.map[0] + 1
            column = _task_state_column(self.line_text(line), content)
            if column is None:
                continue
            plain = inline_plain_text(inline)
            # A "[x]" that is also a reference link loses its brackets in the plain text.
            text = (plain[3:] if plain.startswith(content[:3]) else content[3:]).strip()
            tasks.append(TaskItem(line, content[1] != " ", text, column, token.level))
        return tasks


# --- a span's derived lists, moved with it (Document.per_span) ---------------------------------


def _as_is(kept, _lines: int, _indices: int):
    """What does not change when its span moves: tokens (the parser moves them in place),
    indices counted from the span's first token."""
    return kept


def _offset(indices: list[int], by: int) -> list[int]:
    return [index + by for index in indices] if by else indices


def _moved_headings(headings: list[tuple], lines: int, indices: int) -> list[tuple]:
    return [(h[0], h[1], h[2], h[3] + lines, h[4] + indices) for h in headings]


def _moved_blocks(blocks: list[Block], lines: int, indices: int) -> list[Block]:
    return [
        Block(b.kind, b.line + lines, b.end_line + lines, b.start + indices, b.stop + indices)
        for b in blocks
    ]


def _moved_fences(fences: list[Fence], lines: int, _indices: int) -> list[Fence]:
    if not lines:
        return fences
    return [replace(f, line=f.line + lines, end_line=f.end_line + lines) for f in fences]


def _moved_links(links: list[Link], lines: int, _indices: int) -> list[Link]:
    if not lines:
        return links
    return [Link(k.href, k.line + lines, k.column, k.end_column) for k in links]


def _moved_tasks(tasks: list[TaskItem], lines: int, _indices: int) -> list[TaskItem]:
    if not lines:
        return tasks
    return [TaskItem(t.line + lines, t.checked, t.text, t.column, t.level) for t in tasks]
