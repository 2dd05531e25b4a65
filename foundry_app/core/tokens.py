"""The parse as a flat stream of light tokens, built from markdown-it-pyrs's node tree.

The stream has the shape every consumer was written against (open/close pairs with a
nesting, a level, 0-based line maps; an `inline` token per paragraph, heading or cell
whose children are the inline tokens), so no rule and no widget sees which engine runs.
Each inline child also carries `line`, the 1-based source line it starts on, read from
the engine's byte ranges instead of being counted back out of the text.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections.abc import Mapping
from itertools import accumulate
from types import MappingProxyType

_INLINE_NODES = frozenset(
    {
        "text",
        "text_special",
        "softbreak",
        "hardbreak",
        "code_inline",
        "em",
        "strong",
        "strikethrough",
        "link",
        "autolink",
        "image",
        "html_inline",
    }
)

# Node name -> (opening type, closing type, tag, marker characters) for open/close pairs.
_PAIRED_INLINE = {
    "em": ("em_open", "em_close", "em", 1),
    "strong": ("strong_open", "strong_close", "strong", 2),
    "strikethrough": ("s_open", "s_close", "s", 2),
}
# Inline nodes written as an opening token, their children's tokens and a closing token.
_WRAPPING = frozenset({*_PAIRED_INLINE, "link", "autolink"})
_NO_ATTRS: Mapping = MappingProxyType({})  # read-only: one shared empty set of attributes
_ITEM_NUMBER = re.compile(rb"[ \t]*(\d{1,9})")
_ITEM_MARKER = re.compile(rb"[ \t]*(?:[-+*]|\d{1,9}[.)])[ \t]*")
_ALIGN = {"left": "text-align:left", "center": "text-align:center", "right": "text-align:right"}
# a table cell's tag and token types, by whether it is in the header row
_CELLS = {True: ("th", "th_open", "th_close"), False: ("td", "td_open", "td_close")}


class RangeOutsideText(Exception):
    """The engine gave a node a byte range outside the text (seen: an emphasis starting at
    2**64 - 1 in a quote); the caller reads such a text with the other engine."""


class Token:
    """One token of the stream: what the preview, the rules and the checklist read. Made
    with `new_token` (the class has no constructor of its own: see there why)."""

    __slots__ = (
        "attrs",
        "children",
        "content",
        "hidden",
        "info",
        "level",
        "line",
        "map",
        "markup",
        "nesting",
        "tag",
        "type",
    )

    def copy(self, **changes: object) -> Token:
        twin = _new_token(Token)
        for name in self.__slots__:
            setattr(twin, name, changes.get(name, getattr(self, name)))
        return twin

    def __repr__(self) -> str:
        return f"Token({self.type!r}, map={self.map}, content={self.content[:30]!r})"


_new_token = object.__new__


def new_token(
    type_: str,
    tag: str = "",
    nesting: int = 0,
    level: int = 0,
    map_: list[int] | None = None,
    content: str = "",
    markup: str = "",
    info: str = "",
    attrs: dict | None = None,
    children: list[Token] | None = None,
    hidden: bool = False,
    line: int = 0,
) -> Token:
    """A token. A plain function, not the class's constructor: a class call with keywords
    packs them into a dict first, which cost more than the token (580 against 370 ns)."""
    token = _new_token(Token)
    token.type = type_
    token.tag = tag
    token.nesting = nesting
    token.level = level
    token.map = map_
    token.content = content
    token.markup = markup
    token.info = info
    token.attrs = attrs if attrs is not None else _NO_ATTRS
    token.children = children
    token.hidden = hidden
    token.line = line
    return token


class _Builder:
    """Walks the node tree once, writing tokens in document order."""

    def __init__(self, source: bytes) -> None:
        self.source = source
        self.size = len(source)
        # byte offset where each 0-based line starts
        self.starts = [0, *accumulate(len(line) + 1 for line in source.split(b"\n")[:-1])]
        # the same and an end past the last line, so a line's end is always bounds[line]
        self.bounds = [*self.starts, sys.maxsize]
        # lines as the parser counts them: a final newline ends a line, it opens none
        self.line_count = len(self.starts) - (1 if source.endswith(b"\n") else 0)
        self.quotes = 0  # how many block quotes the walk is inside
        # the text after the final newline ('' when the file ends with one)
        self.last_line = self.text(self.starts[-1], len(source))
        self.out: list[Token] = []

    def line_of(self, offset: int) -> int:
        """0-based line of a byte offset."""
        return bisect_right(self.starts, offset) - 1

    def span(self, srcmap: tuple[int, int] | None) -> list[int] | None:
        """The 0-based [first line, one past the last line) a byte range covers."""
        if srcmap is None:
            return None
        start, end = srcmap
        if not 0 <= start <= end <= self.size:
            raise RangeOutsideText(srcmap)
        starts = self.starts
        last = end - 1 if end > start else start  # its last byte; an empty range: its start
        return [bisect_right(starts, start) - 1, bisect_right(starts, last)]

    def text(self, start: int, end: int) -> str:
        return self.source[start:end].decode("utf-8", "replace")

    # blocks

    def blocks(self, nodes: list, level: int, item_text: int | None = None) -> None:
        """Block nodes in order; `item_text` is where a list item's text starts on its
        marker line, for the paragraph a tight item holds without a node of its own."""
        run: list = []  # inline nodes straight inside a list item: a tight item's paragraph
        for node in nodes:
            name = node.name
            if name in _INLINE_NODES:
                run.append(node)
                continue
            if run:
                self.tight_paragraph(run, level, item_text)
                run = []
            item_text = None
            self.block(node, name, level)
        if run:
            self.tight_paragraph(run, level, item_text)

    def tight_paragraph(self, run: list, level: int, item_text: int | None) -> None:
        first = run[0].srcmap
        on_marker_line = (
            item_text is not None and first and self.line_of(first[0]) == self.line_of(item_text)
        )
        self.paragraph(run, level, hidden=True, start=item_text if on_marker_line else None)

    def paragraph(
        self, children: list, level: int, *, hidden: bool, srcmap=None, start: int | None = None
    ) -> None:
        out = self.out
        opener = new_token("paragraph_open", "p", 1, level, None, hidden=hidden)
        out.append(opener)
        if srcmap:
            opener.map = self.span(srcmap)
            self.inline(children, level + 1, opener.map, start=srcmap[0])
        else:  # a tight item's text: its lines are those of the inline nodes
            reach = self.inline(children, level + 1, None, start=start)
            opener.map = out[-1].map = self.span(reach)
        out.append(new_token("paragraph_close", "p", -1, level, hidden=hidden))

    def block(self, node, name: str, level: int) -> None:
        out = self.out
        if name == "paragraph":
            self.paragraph(node.children, level, hidden=False, srcmap=node.srcmap)
        elif name in ("heading", "lheading"):
            meta = node.meta
            srcmap = node.srcmap
            tag = f"h{meta['level']}"
            markup = "#" * meta["level"] if name == "heading" else meta.get("marker", "=")
            span = self.span(srcmap)
            out.append(new_token("heading_open", tag, 1, level, span, markup=markup))
            written = None
            if name == "heading" and srcmap:
                written = _atx_text(self.text(*srcmap))
            reach = self.inline(node.children, level + 1, span, written=written)
            if name == "lheading" and reach:  # a setext heading's text stops above its underline
                out[-1].map = self.span(reach)
            out.append(new_token("heading_close", tag, -1, level, markup=markup))
        elif name in ("bullet_list", "ordered_list"):
            self.list_(node, name == "ordered_list", level)
        elif name == "blockquote":
            out.append(
                new_token(
                    "blockquote_open", "blockquote", 1, level, self.span(node.srcmap), markup=">"
                )
            )
            self.quotes += 1
            self.blocks(node.children, level + 1)
            self.quotes -= 1
            out.append(new_token("blockquote_close", "blockquote", -1, level, markup=">"))
        elif name == "fence":
            meta = node.meta
            srcmap = node.srcmap
            markup = meta.get("marker", "`") * meta.get("marker_len", 3)
            code = self.code(meta, srcmap)
            span = self.fence_span(srcmap, code)
            out.append(
                new_token("fence", "code", 0, level, span, code, markup, meta.get("info", ""))
            )
        elif name in ("code_block", "html_block"):
            tag = "code" if name == "code_block" else ""
            srcmap = node.srcmap
            code = self.code(node.meta, srcmap, name)
            out.append(new_token(name, tag, 0, level, self.span(srcmap), code))
        elif name == "hr":
            meta = node.meta
            markup = meta.get("marker", "-") * meta.get("marker_len", 3)
            out.append(new_token("hr", "hr", 0, level, self.span(node.srcmap), markup=markup))
        elif name == "table":
            self.table(node, level)
        elif name == "front_matter":
            out.append(
                new_token(
                    "front_matter",
                    "",
                    0,
                    level,
                    self.span(node.srcmap),
                    node.meta.get("content", "").removesuffix("\n"),
                    "---",
                    hidden=True,
                )
            )
        # reference definitions ("definition") leave no token, as in CommonMark renderers

    def code(self, meta: dict, srcmap, name: str = "fence") -> str:
        """A fence's or HTML block's text; the engine ends it with a newline even when the
        file's last line, which it reaches, has none (an indented block always has one)."""
        content = meta.get("content", "")
        if name == "code_block" or not self.last_line or not content.endswith("\n"):
            return content
        if srcmap and srcmap[1] < len(self.source):  # it stops before the last line
            return content
        last = content[:-1].rsplit("\n", 1)[-1]
        return content[:-1] if last and self.last_line.endswith(last) else content

    def fence_span(self, srcmap, code: str) -> list[int] | None:
        """The opening line, the code's lines and the closing line if there is one; the
        engine's range can stop short of blank lines at the end of an unclosed fence."""
        span = self.span(srcmap)
        if span is not None:
            code_lines = code.count("\n") + (1 if code and not code.endswith("\n") else 0)
            span[1] = max(span[1], span[0] + 1 + code_lines)
        return span

    def list_(self, node, ordered: bool, level: int) -> None:
        meta = node.meta
        kind, tag = ("ordered_list", "ol") if ordered else ("bullet_list", "ul")
        marker = meta.get("marker", "-")
        start = meta.get("start", 1)
        attrs = {"start": start} if ordered and start != 1 else None
        out = self.out
        out.append(
            new_token(
                f"{kind}_open",
                tag,
                1,
                level,
                self.list_span(node.srcmap),
                markup=marker,
                attrs=attrs,
            )
        )
        for item in node.children:
            srcmap = item.srcmap
            info = self.item_number(srcmap) if ordered else ""
            span = self.list_span(srcmap)
            out.append(new_token("list_item_open", "li", 1, level + 1, span, "", marker, info))
            self.blocks(item.children, level + 2, self.item_text(srcmap))
            out.append(new_token("list_item_close", "li", -1, level + 1, None, "", marker))
        out.append(new_token(f"{kind}_close", tag, -1, level, markup=marker))

    def list_span(self, srcmap) -> list[int] | None:
        """A list's or item's lines run on over the blank lines after it, up to the next
        line with text: where the next item, or whatever ends the list, starts."""
        span = self.span(srcmap)
        if span is None:
            return None
        end, lines = span[1], self.line_count
        while end < lines and self.blank(end):
            end += 1
        span[1] = end
        return span

    def blank(self, line: int) -> bool:
        """A line with nothing on it but spaces, or quote markers when inside a quote."""
        text = self.line_bytes(line).strip(b" \t")
        if not self.quotes:
            return not text
        return text.startswith(b">") and not text.strip(b" \t>")  # a bare line ends the quote

    def line_bytes(self, line: int) -> bytes:
        starts = self.starts
        end = starts[line + 1] - 1 if line + 1 < len(starts) else len(self.source)
        return self.source[starts[line] : end]

    def item_text(self, srcmap) -> int | None:
        """Byte offset of an item's text on its marker line: past the marker and the spaces."""
        if srcmap is None:
            return None
        start = srcmap[0]
        marker = _ITEM_MARKER.match(self.source, start)
        return marker.end() if marker else None

    def item_number(self, srcmap) -> str:
        """An ordered item's number as written (`003` stays `003`)."""
        if srcmap is None:
            return ""
        digits = _ITEM_NUMBER.match(self.source, srcmap[0])
        return digits.group(1).decode() if digits else ""

    def table(self, node, level: int) -> None:
        out = self.out
        # each column's style, or None; a cell past the delimiter row's columns has none
        styles = [_ALIGN.get(align) for align in node.meta.get("alignments", [])]
        columns = len(styles)
        out.append(new_token("table_open", "table", 1, level, self.span(node.srcmap)))
        for part in node.children:  # thead, tbody
            section = part.name
            span = self.span(part.srcmap)
            if section == "thead" and span:  # the header row only, not the delimiter row
                span[1] = span[0] + 1
            out.append(new_token(f"{section}_open", section, 1, level + 1, span))
            cell, cell_open, cell_close = _CELLS[section == "thead"]
            for row in part.children:
                row_span = self.span(row.srcmap)
                out.append(new_token("tr_open", "tr", 1, level + 2, row_span))
                for column, tcell in enumerate(row.children):
                    style = styles[column] if column < columns else None
                    attrs = {"style": style} if style else None  # each cell its own
                    out.append(new_token(cell_open, cell, 1, level + 3, None, "", "", "", attrs))
                    span = list(row_span) if row_span else None  # a row is one line
                    self.inline(tcell.children, level + 4, span, cell=True)
                    out.append(new_token(cell_close, cell, -1, level + 3))
                out.append(new_token("tr_close", "tr", -1, level + 2))
            out.append(new_token(f"{section}_close", section, -1, level + 1))
        out.append(new_token("table_close", "table", -1, level))

    # inline

    def inline(
        self,
        nodes: list,
        level: int,
        span: list[int] | None,
        *,
        start: int | None = None,
        cell: bool = False,
        written: str | None = None,
    ) -> tuple[int, int] | None:
        """Writes the inline token (its text `written`, when known); returns the byte range
        its nodes cover (None if none)."""
        children: list[Token] = []
        reach = self.inline_children(nodes, children, 0)
        source = self.inline_source(reach, start) if written is None else written
        if cell:  # a table cell's text as the table reads it: `\|` is a written pipe
            source = source.replace("\\|", "|")
        self.out.append(new_token("inline", "", 0, level, span, source, children=children))
        return reach

    def inline_source(self, reach: tuple[int, int] | None, start: int | None = None) -> str:
        """The inline text as written: its first line exactly, later lines without the
        indentation in front of them (a quote's `>` on a continuation line stays).
        `start`, when known, is where the text begins: the engine's range for an inline
        node that spans lines can begin before it, at its list item's marker."""
        if reach is None:
            return ""
        raw = self.text(reach[0] if start is None else start, reach[1])
        if "\n" not in raw:
            return raw
        first, *rest = raw.split("\n")
        return "\n".join([first, *(line.lstrip(" \t") for line in rest)])

    def inline_children(
        self,
        nodes: list,
        out: list[Token],
        level: int,
        here: int = 0,
        here_from: int = 0,
        here_to: int = 0,
    ) -> tuple[int, int] | None:
        """Writes the tokens of inline nodes; returns the byte range they cover.

        `here` is the 1-based line of the last start looked up and [here_from, here_to) the
        bytes it spans: most nodes start on the line of the node before them, or of their
        parent, and need no search.

        The hottest loop of a parse: each node's name, range and fields are read once (every
        read crosses into Rust and makes a new object). Emphasis and links recurse straight
        back into this loop, one frame a level, and every token is built in one call, so
        the walk reaches Python's recursion limit at the same depth as ever (texts nested
        deeper go to the Python engine)."""
        append = out.append
        bounds = self.bounds
        first = last = None
        # the text token a text node adds to (adjacent text reads as one)
        text = out[-1] if out and out[-1].type == "text" else None
        for node in nodes:
            name = node.name
            srcmap = node.srcmap
            if srcmap:
                if first is None:
                    first = srcmap
                last = srcmap
                start = srcmap[0]
                if not here_from <= start < here_to:
                    if not 0 <= start <= self.size:
                        raise RangeOutsideText(srcmap)
                    here = bisect_right(bounds, start)
                    here_from = bounds[here - 1]
                    here_to = bounds[here]
                line = here
            else:
                line = 0
            if name == "text" or name == "text_special":
                content = node.meta.get("content", "")
                if text is None:
                    text = new_token(
                        "text", "", 0, level, None, content, "", "", None, None, False, line
                    )
                    append(text)
                else:
                    text.content += content
                continue
            if name == "code_inline":
                meta = node.meta
                kids = node.children
                if len(kids) == 1:  # the usual span: one text node
                    code = kids[0].meta.get("content", "")
                else:
                    code = "".join(kid.meta.get("content", "") for kid in kids)
                markup = meta.get("marker", "`") * meta.get("marker_len", 1)
                if srcmap and not code.strip(" "):  # CommonMark keeps a span of only spaces whole
                    inner = self.text(start + len(markup), srcmap[1] - len(markup))
                    code = inner.replace("\n", " ") if not inner.strip(" \n") else code
                append(
                    new_token(
                        "code_inline",
                        "code",
                        0,
                        level,
                        None,
                        code,
                        markup,
                        "",
                        None,
                        None,
                        False,
                        line,
                    )
                )
            elif name in _WRAPPING:  # emphasis, strikethrough, links: opener, children, closer
                if name in _PAIRED_INLINE:
                    open_type, close_type, tag, width = _PAIRED_INLINE[name]
                    markup = node.meta.get("marker", "*") * width
                    info = ""
                    attrs = None
                else:
                    open_type, close_type, tag = "link_open", "link_close", "a"
                    meta = node.meta
                    attrs = {"href": meta.get("url", "")}
                    if meta.get("title"):
                        attrs["title"] = meta["title"]
                    markup, info = ("autolink", "auto") if name == "autolink" else ("", "")
                opener = new_token(
                    open_type, tag, 1, level, None, "", markup, info, attrs, None, False, line
                )
                at = len(out)
                append(opener)
                self.inline_children(node.children, out, level + 1, here, here_from, here_to)
                # the engine's range for emphasis or a link that spans lines can start a line
                # late; its marker sits on the line of its first child at the latest
                if len(out) > at + 1:
                    child_line = out[at + 1].line
                    if child_line and (not line or child_line < line):
                        opener.line = child_line
                if srcmap:  # the closer's line: where the range's last byte is
                    end = srcmap[1] - 1
                    if end < start:
                        end = start
                    end_line = here if here_from <= end < here_to else bisect_right(bounds, end)
                else:
                    end_line = 0
                append(
                    new_token(
                        close_type,
                        tag,
                        -1,
                        level,
                        None,
                        "",
                        markup,
                        info,
                        None,
                        None,
                        False,
                        end_line,
                    )
                )
            elif name == "softbreak" or name == "hardbreak":
                tag = "br" if name == "hardbreak" else ""
                append(new_token(name, tag, 0, level, None, "", "", "", None, None, False, line))
            elif name == "image":
                meta = node.meta
                alt: list[Token] = []
                label_reach = self.inline_children(node.children, alt, 0)
                attrs = {"src": meta.get("url", ""), "alt": ""}
                if meta.get("title"):
                    attrs["title"] = meta["title"]
                label = self.inline_source(label_reach)
                append(
                    new_token(
                        "image", "img", 0, level, None, label, "", "", attrs, alt, False, line
                    )
                )
            elif name == "html_inline":
                content = node.meta.get("content", "")
                append(
                    new_token(
                        "html_inline", "", 0, level, None, content, "", "", None, None, False, line
                    )
                )
            else:  # a kind of node this stream has no token for: it writes nothing
                continue
            text = None  # a token other than text was written last
        return (first[0], last[1]) if first is not None else None


def tokens_from_tree(root, source: bytes) -> list[Token]:
    builder = _Builder(source)
    builder.blocks(root.children, 0)
    return builder.out


def _atx_text(written: str) -> str:
    """An ATX heading's text as markdown-it reads it from the heading as written (`## a ##`):
    past the opening hashes, without a closing run of hashes that follows a blank. The
    engine's ranges for the heading's inline nodes can lie past the heading (a stray `**`)."""
    text = written.strip(" \t").lstrip("#").rstrip(" \t")
    unclosed = text.rstrip("#")
    if unclosed != text and (not unclosed or unclosed[-1] in " \t"):
        text = unclosed
    return text.strip(" \t")
