"""Rules that hold for every Markdown file: title, headings, sections, code fences, placeholders."""

from __future__ import annotations

import ast
import json
import re
import tomllib
from collections.abc import Iterator

from foundry_app.core.diagnostics import Fix, Severity, TextEdit
from foundry_app.core.document import Fence
from foundry_app.core.rules.registry import FileContext, Finding, line_span, rule

_PLACEHOLDER = re.compile(r"\b(TODO|TBD|FIXME|XXX)\b")
_TOML_POSITION = re.compile(r"at line (\d+), column (\d+)")
# An opening fence with whatever container markers precede it on its line (> quotes, - items).
_FENCE_OPEN = re.compile(r"^(?:[ \t]*>|[ \t]*(?:[-*+]|\d{1,9}[.)])(?=[ \t]))*[ \t]*(?:`{3,}|~{3,})")


@rule("FT001", "title")
def check_title(ctx: FileContext) -> Iterator[Finding]:
    """A file has exactly one H1 title, and it comes first.

    The title names the file in the tree and in every generated index, so it must be
    the first block and the only H1.

    Bad:

        Some intro text.
        # Python

    Good:

        # Python

        Some intro text.
    """
    if not ctx.spec.title:
        return
    doc = ctx.doc
    titles = [h for h in doc.headings if h.level == 1]
    if not titles:
        yield Finding(1, 1, 1, len(doc.line_text(1)) + 1, "the file has no H1 title (`# Title`)")
        return
    first_block = doc.blocks[0]
    if first_block.kind != "heading" or first_block.line != titles[0].line:
        yield line_span(
            first_block.line,
            doc.line_text(first_block.line),
            f"the H1 title must come first; it is on line {titles[0].line}",
        )
    for extra in titles[1:]:
        yield line_span(
            extra.line,
            doc.line_text(extra.line),
            f"a second H1 title; the file's title is on line {titles[0].line} (use ## here)",
        )


@rule("FT002", "heading-increment")
def check_heading_increment(ctx: FileContext) -> Iterator[Finding]:
    """Heading levels go down one step at a time.

    Skipping a level (H2 straight to H4) breaks the outline that the tree and the
    preview show.

    Bad:

        ## Defaults
        #### Serving

    Good:

        ## Defaults
        ### Serving
    """
    previous = None
    for heading in ctx.doc.headings:
        if previous is not None and heading.level > previous + 1:
            yield line_span(
                heading.line,
                ctx.doc.line_text(heading.line),
                f"heading level jumps from H{previous} to H{heading.level}; use H{previous + 1}",
            )
        previous = heading.level


@rule("FT003", "empty-section")
def check_empty_section(ctx: FileContext) -> Iterator[Finding]:
    """Every heading has content before the next heading of its level or higher.

    A heading with nothing under it is usually a section someone meant to write.
    A heading followed by a sub-heading is fine as long as the sub-section has content.

    Bad:

        ## Monitoring
        ## Checklist

    Good:

        ## Monitoring

        Alert on drift in the top ten features.

        ## Checklist
    """
    doc = ctx.doc
    blocks = doc.blocks
    levels = doc.heading_at
    for index, block in enumerate(blocks):
        if block.kind != "heading":
            continue
        heading = levels[block.start]
        empty = True
        for following in blocks[index + 1 :]:
            if following.kind != "heading":
                empty = False
                break
            if levels[following.start].level <= heading.level:
                break
        if empty:
            yield line_span(
                heading.line, doc.line_text(heading.line), f"section '{heading.text}' is empty"
            )


@rule("FT004", "fence-language")
def check_fence_language(ctx: FileContext) -> Iterator[Finding]:
    """Every fenced code block names its language.

    The language drives highlighting in the preview and the syntax check of the
    example; use `text` for output or prose.

    Bad:

        ```
        uv run pytest
        ```

    Good:

        ```bash
        uv run pytest
        ```
    """
    doc = ctx.doc
    for fence in doc.fences:
        if fence.language:
            continue
        source = doc.line_text(fence.line)
        opening = _FENCE_OPEN.match(source)
        marker_end = opening.end() if opening else len(source.rstrip())
        fix = Fix(
            "Mark the block as plain text",
            (TextEdit(fence.line, marker_end + 1, fence.line, len(source) + 1, "text"),),
        )
        yield Finding(
            fence.line,
            1,
            fence.line,
            len(source) + 1,
            "code block has no language (e.g. ```python, ```bash, ```text)",
            fix,
        )


@rule("FT005", "code-syntax")
def check_code_syntax(ctx: FileContext) -> Iterator[Finding]:
    """Python, JSON and TOML examples parse.

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
    language = fence.language.lower()
    code = fence.content
    if language in ("python", "py", "python3"):
        try:
            ast.parse(code)
        except SyntaxError as error:
            return (error.lineno or 1), (error.offset or 1), f"Python does not parse: {error.msg}"
        except ValueError as error:  # e.g. a NUL byte in the source
            return 1, 1, f"Python does not parse: {error}"
    elif language == "json":
        try:
            json.loads(code)
        except json.JSONDecodeError as error:
            return error.lineno, error.colno, f"JSON does not parse: {error.msg}"
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


@rule("FT006", "placeholder", Severity.WARNING)
def check_placeholder(ctx: FileContext) -> Iterator[Finding]:
    """Prose has no placeholder markers (TODO, TBD, FIXME, XXX).

    `foundry new-stack` fills a new stack with TODO markers; this rule keeps them
    visible until real guidance replaces them. Code blocks and code spans are ignored.

    Bad:

        - **Do** TODO.

    Good:

        - **Do** pin every dependency in a lock file.
    """
    cursors: dict[int, int] = {}  # per line: where the next text can start (skips code spans)
    for line, child in ctx.doc.inline_children():
        source, cursor = ctx.doc.line_text(line), cursors.get(line, 0)
        found = source.find(child.content, cursor) if child.content else -1
        if found >= 0:
            cursor = cursors[line] = found + len(child.content)
        if child.type != "text" or not _PLACEHOLDER.search(child.content):
            continue
        if found >= 0:
            words = list(_PLACEHOLDER.finditer(source, found, cursor))
        else:  # the text differs from its source (escapes, entities): search the line
            count = len(_PLACEHOLDER.findall(child.content))
            words = list(_PLACEHOLDER.finditer(source, cursor))[:count]
        if not words:
            yield line_span(line, source, "placeholder left in the text")
        for word in words:
            yield Finding(
                line,
                word.start() + 1,
                line,
                word.end() + 1,
                f"placeholder '{word[0]}' left in the text",
            )


_HTML_COMMENT = re.compile(r"^\s*<!--.*?-->\s*$", re.DOTALL)


@rule("FT007", "raw-html", Severity.WARNING)
def check_raw_html(ctx: FileContext) -> Iterator[Finding]:
    """Files are plain Markdown, without raw HTML (comments are fine).

    The preview shows raw HTML as text and never runs it, and the agents that read the
    library get markup instead of guidance; write the Markdown equivalent.

    Bad:

        <details><summary>More</summary>Text</details>

    Good:

        ### More

        Text
    """
    doc = ctx.doc
    for token in doc.tokens:
        if token.type == "html_block" and token.map and not _HTML_COMMENT.match(token.content):
            line = token.map[0] + 1
            yield line_span(line, doc.line_text(line), "raw HTML block; write Markdown instead")
    seen: dict[int, int] = {}  # per line: where the next inline tag's search starts
    for line, child in doc.inline_children():
        if child.type != "html_inline" or _HTML_COMMENT.match(child.content):
            continue
        source = doc.line_text(line)
        start = source.find(child.content, seen.get(line, 0))
        if start < 0:
            yield line_span(line, source, "raw HTML tag; write Markdown instead")
            continue
        seen[line] = start + len(child.content)
        yield Finding(
            line,
            start + 1,
            line,
            start + len(child.content) + 1,
            f"raw HTML tag {child.content}; write Markdown instead",
        )
