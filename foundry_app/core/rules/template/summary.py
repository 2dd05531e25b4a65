"""The summary rule: a short summary sits right under the title."""

from __future__ import annotations

from collections.abc import Iterator

from foundry_app.core.rules.registry import FileContext, Finding, line_span, rule
from foundry_app.core.suppressions import is_directive_block

_WORDS = {
    "blockquote": "a `> ` blockquote",
    "paragraph": "a paragraph",
    "any": "a paragraph or blockquote",
}


@rule("FT109", "summary")
def check_summary(ctx: FileContext) -> Iterator[Finding]:
    """The first block after the H1 is a short summary, before any H2.

    The template says whether the summary is a blockquote or a paragraph and how many
    source lines it may take; readers and indexes show it as the file's description.

    Bad:

        # Python

        ## Defaults

    Good:

        # Python

        > How this team writes, tests and ships Python.

        ## Defaults
    """
    summary = ctx.spec.summary
    if summary is None:
        return
    doc = ctx.doc
    blocks = doc.blocks
    title = next(
        (
            i
            for i, b in enumerate(blocks)
            if b.kind == "heading" and doc.heading_at[b.start].level == 1
        ),
        None,
    )
    if title is None:
        return  # the title rule reports it
    wanted = _WORDS[summary.style]
    allowed = ("blockquote", "paragraph") if summary.style == "any" else (summary.style,)
    heading_line = blocks[title].line
    # Suppression comments render as nothing: the summary is the first block after them.
    rest = [b for b in blocks[title + 1 :] if not is_directive_block(doc.tokens[b.start])]
    after = rest[0] if rest else None
    if after is None or after.kind not in allowed:
        yield line_span(
            heading_line,
            doc.line_text(heading_line),
            f"the title needs a summary right under it: {wanted} of at most "
            f"{summary.max_lines} lines, before any ## section",
        )
        return
    length = after.end_line - after.line + 1
    if length > summary.max_lines:
        yield line_span(
            after.line,
            doc.line_text(after.line),
            f"the summary takes {length} lines; keep it to {summary.max_lines}",
        )
