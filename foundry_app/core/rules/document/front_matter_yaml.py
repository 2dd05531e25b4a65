"""The front-matter-yaml rule: a front matter block at the top of a file is valid YAML."""

from __future__ import annotations

from collections.abc import Iterator

from foundry_app.core.rules.registry import FileContext, Finding, line_span, rule


@rule("FT008", "front-matter-yaml")
def check_front_matter_yaml(ctx: FileContext) -> Iterator[Finding]:
    """The front matter between the opening `---` lines is valid YAML key/value pairs.

    Tools that index the library read the front matter as data; a block that does not
    parse loses every key in it. The finding is on the line where the YAML goes wrong.

    Bad:

        ---
        id: python
        tags: [packaging, testing
        ---

    Good:

        ---
        id: python
        tags: [packaging, testing]
        ---
    """
    front = ctx.doc.front_matter
    if front is None or front.error is None:
        return
    line = front.error.line
    yield line_span(line, ctx.doc.line_text(line), front.error.message)
