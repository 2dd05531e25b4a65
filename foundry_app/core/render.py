"""Preview HTML for QTextBrowser, written straight from the document's tokens.

Qt's rich-text engine understands a subset of HTML 4 and simple CSS, so everything here
uses plain tags, attributes and inline styles. Nothing is fetched (images become text),
no raw HTML is interpreted (it is shown escaped), and each task item becomes a
`task:<line>` link so the preview can tick the very line the checklist would.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import asdict, dataclass
from functools import cache, lru_cache
from html import escape
from itertools import pairwise
from urllib.parse import urlsplit

from foundry_app.core.bundled import style_template
from foundry_app.core.document import Document, TaskItem, inline_plain_text
from foundry_app.core.front_matter import brief_value
from foundry_app.core.parser import may_define_references
from foundry_app.core.table_source import cell_count, source_cells
from foundry_app.core.tokens import Token

UNCHECKED = "☐"
CHECKED = "☑"


@dataclass(frozen=True)
class PreviewStyle:
    """The colours of a preview page as plain CSS colour strings; the window passes its
    theme's, and the default (a light page) serves callers without one."""

    text: str = "#1f2328"
    background: str = "#ffffff"
    code_text: str = "#1f2328"
    code_background: str = "#f6f8fa"
    muted: str = "#59636e"
    link: str = "#0550ae"
    checkbox: str = "#0550ae"
    table_header: str = "#eaeef2"
    border: str = "#d0d7de"
    extra_cell: str = "#cf222e"  # table cells past the header's count, which others drop
    pygments_style: str = "xcode"  # every token of it reads at 4.5:1 or better on light ground


DEFAULT_STYLE = PreviewStyle()


PREVIEW_STYLE_SHEET = "preview.css"  # in resources/, with the colours left as $names


@lru_cache(maxsize=8)
def _css(style: PreviewStyle) -> str:
    return style_template(PREVIEW_STYLE_SHEET).substitute(asdict(style))


# Tokens that map one-to-one onto a fixed tag.
_SIMPLE_TAGS = {
    "bullet_list_close": "</ul>",
    "ordered_list_close": "</ol>",
    "list_item_open": "<li>",
    "list_item_close": "</li>",
    "blockquote_close": "</blockquote>",
    "table_close": "</table>",
    "thead_open": "<thead>",
    "thead_close": "</thead>",
    "tbody_open": "<tbody>",
    "tbody_close": "</tbody>",
    "tr_open": "<tr>",
    "tr_close": "</tr>",
    "th_close": "</th>",
    "td_close": "</td>",
    "hr": "<hr/>",
}

_INLINE_TAGS = {
    "em_open": "<em>",
    "em_close": "</em>",
    "strong_open": "<strong>",
    "strong_close": "</strong>",
    "s_open": "<s>",
    "s_close": "</s>",
    "link_close": "</a>",
    "hardbreak": "<br/>",
    "softbreak": "\n",
}


# Raw HTML the preview understands; everything else stays escaped text.
# an author's own link in the checkboxes' scheme: given this prefix, so it ticks nothing
REFUSED_SCHEME = "refused"
_TASK_SCHEME = re.compile(r"\s*task:", re.IGNORECASE)
_SAFE_INLINE = re.compile(r"^<(/?kbd|br\s*/?)>$", re.IGNORECASE)
_DETAILS_LINE = re.compile(
    r"^\s*(?:<details(?:\s+open)?>|</details>|<summary>(?P<summary>.*?)</summary>|<br\s*/?>)\s*$",
    re.IGNORECASE,
)


def is_local_image(src: str) -> bool:
    """A relative path with no scheme or host: the only images the preview shows."""
    if not src or src.startswith(("/", "\\")) or "\\" in src:
        return False
    parts = urlsplit(src)
    return not parts.scheme and not parts.netloc


def preview_css(style: PreviewStyle = DEFAULT_STYLE) -> str:
    """Tag-level default styles (also embedded by `render_html`); no classes, Qt ignores them."""
    return _css(style)


def render_html(
    doc: Document, until_line: int | None = None, style: PreviewStyle = DEFAULT_STYLE
) -> str:
    """The preview page for `doc` in `style`'s colours; with `until_line`, only the blocks
    that start by then (a first screenful, shown while the rest is still being checked)."""
    return page_html(_Renderer(doc, style).render(until_line), style)


def page_html(body: str, style: PreviewStyle = DEFAULT_STYLE) -> str:
    """A whole preview page around rendered blocks."""
    return f"<html><head><style>{_css(style)}</style></head><body>{body}</body></html>"


@dataclass(frozen=True)
class RenderedBlock:
    """One top-level block's preview HTML and its 1-based source lines."""

    line: int
    end_line: int
    html: str


def render_blocks(doc: Document, style: PreviewStyle = DEFAULT_STYLE) -> list[RenderedBlock]:
    """The preview cut at top-level blocks: joined in order they make `render_html`'s body,
    and any run of them is a page of its own (a big file's preview shows only a part)."""
    renderer = _Renderer(doc, style)
    body = renderer.render(None)
    cuts = renderer.cuts
    blocks = doc.blocks
    pieces = []
    for number, (block, start) in enumerate(zip(blocks, cuts, strict=True)):
        stop = cuts[number + 1] if number + 1 < len(cuts) else len(body)
        pieces.append(RenderedBlock(block.line, block.end_line, body[start:stop]))
    if pieces and cuts[0] > 0:  # nothing renders before the first block, but keep it if so
        first = pieces[0]
        pieces[0] = RenderedBlock(first.line, first.end_line, body[: cuts[0]] + first.html)
    return pieces


# The line numbers a rendered block carries: its anchor, and its checkboxes' task links
# (a link the text writes has another style, so it never matches).
_BLOCK_LINES = re.compile(r'(<a name="L|<a href="task:)(\d+)(?="></a>|" style="text-decoration)')


class BlockReuse:
    """`render_blocks` for one text after another (the open file as it is edited, parsed in
    spans by core.incremental_parse): a span that the last text shared keeps its blocks'
    HTML, moved to its new line; in the other spans, a block whose source lines and heading
    anchors are those of a block of the last text keeps its HTML, and only the others are
    rendered. A text parsed whole is rendered whole."""

    def __init__(self) -> None:
        self._last: dict[tuple[str, tuple[str, ...]], list[tuple[int, str]]] = {}
        self._style: PreviewStyle | None = None
        self.rendered = 0  # blocks the last call rendered (the rest were reused)

    def blocks(self, doc: Document, style: PreviewStyle = DEFAULT_STYLE) -> list[RenderedBlock]:
        blocks = doc.blocks
        tiled = all(a.stop == b.start for a, b in pairwise(blocks))
        # A reference definition anywhere can change what a block's links point to, and
        # a "\r" makes the text's lines differ from the lines the parse counted. A text
        # parsed whole may have gone to the other engine, which renders a few blocks
        # differently (an HTML comment inside a comment).
        text = doc.text
        if (
            not blocks
            or not doc.spans
            or not tiled
            or blocks[-1].stop != len(doc.tokens)
            or may_define_references(text)
            or "\r" in text
        ):
            self._last = {}
            self.rendered = len(blocks)
            return render_blocks(doc, style)
        if style != self._style:
            self._last, self._style = {}, style
        renderer = _Renderer(doc, style, whole=False)
        tasks = {task.line: task for task in doc.tasks}
        lines = doc.lines
        slugs = renderer.slugs
        headings = list(slugs)  # their tokens' indices, in order
        starts = [block.start for block in blocks]
        kept: dict[tuple[str, tuple[str, ...]], list[tuple[int, str]]] = {}
        pieces: list[RenderedBlock] = []
        self.rendered = 0

        def anchors_in(start: int, stop: int) -> tuple[str, ...]:
            first = bisect_left(headings, start)
            return tuple(slugs[i] for i in headings[first : bisect_left(headings, stop, first)])

        def rendered(number: int) -> RenderedBlock:
            block = blocks[number]
            # Up to the next block: an unclosed HTML comment's token holds the blank lines
            # after its last line, and the page shows them.
            until = blocks[number + 1].line - 1 if number + 1 < len(blocks) else len(lines)
            source = "\n".join(lines[block.line - 1 : max(until, block.end_line)])
            key = (source, anchors_in(block.start, block.stop))
            earlier = self._last.get(key)
            if earlier:
                line, html = earlier.pop()
                if line != block.line:
                    html = _moved(html, block.line - line)
            else:
                html = renderer.render_span(block.start, block.stop, block.line, tasks)
                self.rendered += 1
            kept.setdefault(key, []).append((block.line, html))
            return RenderedBlock(block.line, block.end_line, html)

        for span in doc.spans:
            # A stretch parsed on its own keeps its blocks' HTML while its headings keep
            # their anchors (a repeated heading's suffix depends on the ones above it).
            anchors = anchors_in(span.start, span.stop)
            memo = span.memo.get("preview")
            if memo is not None and memo[1] == style and memo[2] == anchors:
                moved_by = span.first_line - memo[0]
                done = memo[3] if not moved_by else [_moved_block(b, moved_by) for b in memo[3]]
            else:
                first, stop = bisect_left(starts, span.start), bisect_left(starts, span.stop)
                done = [rendered(number) for number in range(first, stop)]
            span.memo["preview"] = (span.first_line, style, anchors, done)
            pieces.extend(done)
        if blocks[0].start > 0:  # front matter: rendered each time, before the first block
            before = renderer.render_span(0, blocks[0].start, None, tasks)
            first = pieces[0]
            pieces[0] = RenderedBlock(first.line, first.end_line, before + first.html)
        self._last = kept
        return pieces


def _moved_block(block: RenderedBlock, delta: int) -> RenderedBlock:
    return RenderedBlock(block.line + delta, block.end_line + delta, _moved(block.html, delta))


def _moved(html: str, delta: int) -> str:
    return _BLOCK_LINES.sub(lambda m: f"{m.group(1)}{int(m.group(2)) + delta}", html)


class _Renderer:
    def __init__(self, doc: Document, style: PreviewStyle, whole: bool = True) -> None:
        self.doc = doc
        self.style = style
        self.tokens = doc.tokens
        self.out: list[str] = []
        self.cuts: list[int] = []  # offset in the rendered body where each top-level block starts
        # Qt keeps an empty <a name> only when text follows it in the same block, so the
        # anchors of a block wait here until its first text is written.
        self.pending_anchors: list[str] = []
        self.block_lines = {block.start: block.line for block in doc.blocks}
        self.slugs = {heading.token_index: heading.slug for heading in doc.headings}
        self.task_inlines: dict[int, TaskItem] = {}
        self.task_lists: set[int] = set()
        if whole:  # a renderer of single spans finds each span's tasks as it goes
            self.task_inlines = _task_inlines(self.tokens, {task.line: task for task in doc.tasks})
            self.task_lists = _all_task_lists(self.tokens, self.task_inlines)
        self.table_columns = 0
        self.row_line = 0

    def render(self, until_line: int | None = None) -> str:
        stop = len(self.tokens)
        if until_line is not None:
            later = (b.start for b in self.doc.blocks if b.line > until_line)
            stop = next(later, stop)
        written = 0  # characters in self.out so far, up to the last cut
        counted = 0  # how many pieces of self.out `written` covers
        for index, token in enumerate(self.tokens[:stop]):
            if index in self.block_lines:
                self._flush_anchors()  # a block without text (hr) still keeps its anchor
                written += sum(len(piece) for piece in self.out[counted:])
                counted = len(self.out)
                self.cuts.append(written)
                self.pending_anchors.append(f"L{self.block_lines[index]}")
            self._block(index, token)
        self._flush_anchors()
        return "".join(self.out)

    def render_span(self, start: int, stop: int, line: int | None, tasks: dict[int, TaskItem]):
        """tokens[start:stop] alone, as `render` writes them between two cuts: a top-level
        block (its first line `line`), or what comes before the first block (`line` None).
        `tasks` is the document's tasks by line; those found here are taken out of it."""
        self.out = []
        self.task_inlines = _task_inlines(self.tokens, tasks, start, stop)
        self.task_lists = _all_task_lists(self.tokens, self.task_inlines, start, stop)
        self.pending_anchors = [] if line is None else [f"L{line}"]
        for index in range(start, stop):
            self._block(index, self.tokens[index])
        self._flush_anchors()
        return "".join(self.out)

    def _flush_anchors(self) -> None:
        self.out.extend(f'<a name="{escape(name)}"></a>' for name in self.pending_anchors)
        self.pending_anchors.clear()

    def _block(self, index: int, token: Token) -> None:
        kind = token.type
        out = self.out
        if kind == "tr_open" and token.map:
            self.row_line = token.map[0] + 1
        elif kind == "th_open":
            self.table_columns += 1
        if kind == "tr_close":
            out.append(self._extra_cells())
        if kind == "table_open":
            self.table_columns = self.row_line = 0
        if kind in _SIMPLE_TAGS:
            out.append(_SIMPLE_TAGS[kind])
        elif kind == "blockquote_open":
            out.append(f'<blockquote style="color:{self.style.muted}">')
        elif kind == "inline":
            self._flush_anchors()
            task = self.task_inlines.get(index)
            if task is not None:
                out.append(_checkbox(task, self.style))
            children = _without_task_marker(token) if task else token.children
            out.append(_render_inline(children, self.style))
        elif kind in ("paragraph_open", "paragraph_close"):
            if not token.hidden:  # tight list items carry hidden paragraphs
                out.append("<p>" if kind == "paragraph_open" else "</p>")
        elif kind == "heading_open":
            out.append(f"<{token.tag}>")
            if index in self.slugs:
                self.pending_anchors.append(self.slugs[index])
        elif kind == "heading_close":
            out.append(f"</{token.tag}>")
        elif kind == "bullet_list_open":
            plain = ' style="list-style-type:none"' if index in self.task_lists else ""
            out.append(f"<ul{plain}>")
        elif kind == "ordered_list_open":
            start = token.attrs.get("start")
            out.append(f'<ol start="{int(start)}">' if start is not None else "<ol>")
        elif kind == "table_open":
            out.append(
                f'<table border="1" cellspacing="0" cellpadding="4"'
                f' style="border-color:{self.style.border}">'
            )
        elif kind in ("th_open", "td_open"):
            out.append(f"<{token.tag}{_alignment(token)}>")
        elif kind == "fence":
            info = token.info.strip()
            self._code(token.content, info.split(maxsplit=1)[0] if info else "")
        elif kind == "code_block":
            self._code(token.content, "")
        elif kind == "front_matter":
            self._front_matter()
        elif kind == "html_block":  # raw HTML is shown as source, never interpreted
            details = _details_html(token.content)
            if details is not None:
                self._flush_anchors()
                out.append(details)
            else:
                self._pre(escape(_chomp(token.content), quote=False), f"color:{self.style.muted}")

    def _front_matter(self) -> None:
        """A compact key/value table; YAML that does not parse is shown as its source."""
        front = self.doc.front_matter
        if front is None:
            return
        if front.error is not None or not front.data:
            if front.source.strip():
                self.pending_anchors.append(f"L{front.line}")
                self._pre(escape(front.source, quote=False), f"color:{self.style.muted}")
            return
        muted = self.style.muted
        anchor = f'<a name="L{front.line}"></a>'  # in the first cell: Qt drops a bare anchor
        rows = []
        for key, value in front.data.items():
            rows.append(
                f'<tr><td style="color:{muted}">{anchor}{escape(key, quote=False)}</td>'
                f"<td>{escape(brief_value(value), quote=False)}</td></tr>"
            )
            anchor = ""
        table = f'<table cellspacing="0" cellpadding="2" style="color:{muted}">'
        self.out.append(f"{table}{''.join(rows)}</table>")

    def _extra_cells(self) -> str:
        """Cells the parser dropped from this row, shown so that no written text goes missing."""
        if not self.row_line or not self.table_columns:
            return ""
        source = self.doc.line_text(self.row_line)
        if cell_count(source) <= self.table_columns:
            return ""
        cells = source_cells(source)[self.table_columns :]
        return "".join(
            f'<td style="color:{self.style.extra_cell}">{escape(cell.text, quote=False)}</td>'
            for cell in cells
        )

    def _code(self, code: str, language: str) -> None:
        style = self.style
        highlighted = _highlight(code, language, style.pygments_style) if language else None
        html = escape(_chomp(code), quote=False) if highlighted is None else _chomp(highlighted)
        # the theme's code ground, not the pygments style's: its tokens are checked against it
        self._pre(html, f"color:{style.code_text}; background-color:{style.code_background}")

    def _pre(self, html: str, style: str) -> None:
        self.out.append(f'<pre style="{style}">')
        self._flush_anchors()
        self.out.append(f"{html}</pre>")


def _task_inlines(
    tokens: list[Token], by_line: dict[int, TaskItem], start: int = 0, stop: int | None = None
) -> dict[int, TaskItem]:
    """Index of each task item's inline token -> the task (same test as Document.tasks),
    among tokens[start:stop]; the tasks found are taken out of `by_line`."""
    found: dict[int, TaskItem] = {}
    stop = len(tokens) if stop is None else stop
    for index in range(start, stop):
        token = tokens[index]
        if token.type != "list_item_open" or index + 2 >= len(tokens):
            continue
        paragraph, inline = tokens[index + 1], tokens[index + 2]
        if paragraph.type == "paragraph_open" and inline.type == "inline" and inline.map:
            task = by_line.pop(inline.map[0] + 1, None)  # pop: one checkbox per task, ever
            if task is not None:
                found[index + 2] = task
    return found


def _all_task_lists(
    tokens: list[Token], task_inlines: dict[int, TaskItem], start: int = 0, stop: int | None = None
) -> set[int]:
    """Bullet lists whose items are all tasks (among tokens[start:stop]): they drop the
    bullet, like GitHub does."""
    lists: set[int] = set()
    stack: list[tuple[int, bool]] = []  # (list_open index, every item so far is a task)
    for index in range(start, len(tokens) if stop is None else stop):
        token = tokens[index]
        if token.type == "bullet_list_open":
            stack.append((index, True))
        elif token.type == "ordered_list_open":
            stack.append((-1, False))
        elif token.type == "list_item_open" and stack:
            start, all_tasks = stack[-1]
            stack[-1] = (start, all_tasks and index + 2 in task_inlines)
        elif token.type in ("bullet_list_close", "ordered_list_close") and stack:
            start, all_tasks = stack.pop()
            if all_tasks:
                lists.add(start)
    return lists


def _checkbox(task: TaskItem, style: PreviewStyle) -> str:
    glyph = CHECKED if task.checked else UNCHECKED
    look = f"text-decoration:none; color:{style.checkbox}"
    return f'<a href="task:{task.line}" style="{look}">{glyph}</a>'


def _without_task_marker(inline: Token) -> list[Token]:
    """The inline's children minus the leading "[ ]" / "[x]" that the checkbox replaces."""
    children = list(inline.children or [])
    first = children[0] if children else None
    if first is not None and first.type == "text" and first.content[:1] == "[":
        return [first.copy(content=first.content[3:]), *children[1:]]
    # "[x]" becomes a link when the document defines a reference named "x"
    if len(children) >= 3 and [c.type for c in children[:3]] == ["link_open", "text", "link_close"]:
        return children[3:]
    return children


def _render_inline(children: list[Token] | None, style: PreviewStyle) -> str:
    parts: list[str] = []
    for child in children or []:
        kind = child.type
        if kind in _INLINE_TAGS:
            parts.append(_INLINE_TAGS[kind])
        elif kind == "code_inline":
            code = escape(child.content, quote=False)
            look = f"color:{style.code_text}; background-color:{style.code_background}"
            parts.append(f'<code style="{look}">{code}</code>')
        elif kind == "link_open":
            href = str(child.attrs.get("href", ""))
            if _TASK_SCHEME.match(href):  # only a rendered checkbox is a task: link
                href = f"{REFUSED_SCHEME}:{href}"
            href = escape(href)
            parts.append(f'<a href="{href}" style="color:{style.link}">')
        elif kind == "image":
            alt = inline_plain_text(child).strip()
            src = str(child.attrs.get("src", ""))
            if is_local_image(src):  # the preview loads it only from inside the library
                parts.append(f'<img src="{escape(src)}" alt="{escape(alt)}"/>')
            else:  # never fetched: the alt text stands where the image would be
                label = escape(f"[image: {alt}]" if alt else "[image]", quote=False)
                parts.append(f'<span style="color:{style.link}">{label}</span>')
        elif kind == "html_inline" and _SAFE_INLINE.match(child.content.strip()):
            tag = child.content.strip()[1:-1].rstrip("/").strip().lower()
            parts.append("<br/>" if tag.startswith("br") else f"<{tag}>")
        elif kind == "html_inline":
            source = escape(child.content, quote=False)
            parts.append(f'<span style="color:{style.muted}">{source}</span>')
        else:  # text, text_special and anything unknown: its content, as text
            parts.append(escape(child.content, quote=False))
    return "".join(parts)


def _details_html(source: str) -> str | None:
    """`<details>` / `<summary>` blocks: the summary as a bold line, the body shown open
    (the preview has no script to fold it). None when the block holds anything else."""
    lines = [line for line in source.split("\n") if line.strip()]
    if not lines or not all(_DETAILS_LINE.match(line) for line in lines):
        return None
    out = []
    for line in lines:
        match = _DETAILS_LINE.match(line)
        summary = match["summary"] if match else None
        if summary is not None:
            out.append(f"<p><b>▾ {escape(summary, quote=False)}</b></p>")
        elif "br" in line.lower():
            out.append("<br/>")
    return "".join(out)


def _alignment(cell: Token) -> str:
    style = str(cell.attrs.get("style", ""))
    for align in ("left", "center", "right"):
        if style == f"text-align:{align}":
            return f' align="{align}"'
    return ""


def _chomp(text: str) -> str:
    """Drop the one final newline a code block ends with; Qt would show it as an empty line."""
    return text[:-1] if text.endswith("\n") else text


@lru_cache(maxsize=512)
def _highlight(code: str, language: str, style_name: str) -> str | None:
    """Inline-styled HTML, or None when pygments has no such lexer (or style).

    Cached: while an author types, most code blocks of the document are unchanged."""
    from pygments import highlight  # lazy: `foundry lint` must not pay for pygments

    lexer = _lexer(language)
    formatter = _formatter(style_name)
    if lexer is None or formatter is None:
        return None
    return highlight(code, lexer, formatter)


@cache
def _lexer(language: str):
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        # stripnl=False: leading and trailing blank lines of the example are the author's
        return get_lexer_by_name(language, stripnl=False)
    except ClassNotFound:
        return None


@cache
def _formatter(style_name: str):
    from pygments.formatters import HtmlFormatter
    from pygments.util import ClassNotFound

    try:
        return HtmlFormatter(noclasses=True, nowrap=True, style=style_name)
    except ClassNotFound:
        return None
