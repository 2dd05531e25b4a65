"""The incremental parser gives exactly the tokens a whole parse gives, edit after edit,
and re-parses only the chunks an edit touched."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foundry_app.core import incremental_parse
from foundry_app.core.document import Document
from foundry_app.core.incremental_parse import IncrementalParser
from foundry_app.core.lint import check_document
from foundry_app.core.parser import normalized, whole_text_tokens
from foundry_app.core.render import DEFAULT_STYLE, BlockReuse, render_blocks


def fields(tokens) -> list:
    """Every field of every token, children included, as plain data."""
    out = []
    for token in tokens or []:
        row = {name: getattr(token, name) for name in token.__slots__ if name != "children"}
        row["attrs"] = dict(row["attrs"])
        row["children"] = fields(token.children)
        out.append(row)
    return out


def whole(text: str) -> list:
    """The reference: the text parsed in one piece, however long it is."""
    return whole_text_tokens(normalized(text))


def assert_whole(parser: IncrementalParser, text: str) -> None:
    assert fields(parser.tokens(text)) == fields(whole(text))


@pytest.fixture
def small_texts_chunked(monkeypatch):
    """Chunk texts of any size, in chunks of any size, so that short test texts take the
    chunked path with a chunk per section."""
    monkeypatch.setattr(incremental_parse, "_MIN_CHUNKED_CHARS", 0)
    monkeypatch.setattr(incremental_parse, "_MIN_CHUNK_CHARS", 0)


def sections(count: int, body: str = "Some text with `code` and a [link](x.md).\n") -> str:
    return "".join(f"## Part {n}\n\n{body}\n- [ ] task {n}\n\n" for n in range(count))


def test_a_one_line_edit_reparses_one_chunk_and_matches_the_whole_parse(small_texts_chunked):
    parser = IncrementalParser()
    text = sections(50)
    assert_whole(parser, text)
    assert parser.reparsed == 50
    edited = text.replace("task 20", "task twenty")
    assert_whole(parser, edited)
    assert parser.reparsed == 1


def test_lines_added_above_move_every_later_chunk_down(small_texts_chunked):
    parser = IncrementalParser()
    text = sections(20)
    parser.tokens(text)
    edited = text.replace("task 3\n", "task 3\n\nmore\nlines\n")
    assert_whole(parser, edited)
    assert parser.reparsed == 1
    assert_whole(parser, text)  # and back up again


@pytest.mark.parametrize(
    "opener",
    [
        "```\n",  # an unclosed fence swallows every later heading
        "~~~~py\n",
        "<!-- open comment\n",  # HTML blocks of kinds 1-5 run past blank lines
        "<pre>\n",
        "<script>\n",
        "<?php\n",
    ],
)
def test_a_block_opened_in_one_chunk_runs_on_through_the_next(small_texts_chunked, opener):
    parser = IncrementalParser()
    text = sections(10)
    parser.tokens(text)
    assert_whole(parser, text.replace("task 4\n", "task 4\n\n" + opener))


def test_a_reference_definition_in_a_later_chunk_resolves_an_earlier_link(small_texts_chunked):
    parser = IncrementalParser()
    text = "# A\n\nsee [the guide]\n\n" + sections(5) + "[the guide]: guide.md\n"
    tokens = parser.tokens(text)
    assert fields(tokens) == fields(whole(text))
    assert any(c.type == "link_open" for t in tokens for c in t.children or [])


def test_front_matter_with_a_comment_after_a_blank_line_stays_front_matter(small_texts_chunked):
    parser = IncrementalParser()
    text = "---\ntitle: x\n\n# a yaml comment\nkey: v\n---\n\n" + sections(5)
    tokens = parser.tokens(text)
    assert tokens[0].type == "front_matter"
    assert fields(tokens) == fields(whole(text))


def test_unclosed_front_matter_is_parsed_whole(small_texts_chunked):
    assert_whole(IncrementalParser(), "---\ntitle: x\n\n# not a heading?\n\n" + sections(3))


def test_repeated_identical_chunks_each_get_their_own_lines(small_texts_chunked):
    parser = IncrementalParser()
    text = "## Same\n\nbody\n\n" * 30
    assert_whole(parser, text)
    assert_whole(parser, "intro\n\n" + text)  # every copy moves down, each once


def test_a_chunk_for_the_python_engine_sends_the_whole_text_there(small_texts_chunked):
    parser = IncrementalParser()
    text = sections(5)
    parser.tokens(text)
    deep = "> " * 25 + "deep\n"  # nested past the Rust engine's safe depth
    assert_whole(parser, text.replace("task 2\n", "task 2\n\n" + deep))


def test_a_text_the_rust_engine_panics_on_still_parses(small_texts_chunked):
    parser = IncrementalParser()
    text = sections(5)
    parser.tokens(text)
    assert_whole(parser, text.replace("task 2\n", "task 2\n\nx [`` y\n"))


def test_line_endings_and_nul_are_read_as_the_whole_parse_reads_them(small_texts_chunked):
    parser = IncrementalParser()
    assert_whole(parser, sections(6).replace("\n", "\r\n") + "a\0b\n")


def test_many_tiny_sections_are_parsed_in_chunks_of_a_few_thousand_characters():
    parser = IncrementalParser()
    text = "# h\n\nx\n\n" * 20_000  # 160 KB, 20,000 headings
    assert fields(parser.tokens(text)) == fields(whole(text))
    assert parser.reparsed <= len(text) // incremental_parse._MIN_CHUNK_CHARS + 1
    assert_whole(parser, text[:5000] + "y" + text[5000:])
    assert parser.reparsed == 1


def test_small_texts_are_parsed_whole():
    parser = IncrementalParser()
    parser.tokens(sections(3))
    parser.tokens(sections(3) + "x")
    assert parser.reparsed == 1


_PIECES = st.sampled_from(
    [
        "a",
        " ",
        "\n",
        "\n\n",
        "\n\n# H\n",
        "\n\n## H2\n",
        "\n\n###### h6",
        "#",
        "[",
        "]",
        "]:",
        "[r]: /u\n",
        "(x.md)",
        "`",
        "``",
        "*",
        "_",
        "<b>",
        "<!--",
        "-->",
        "<pre>",
        "</pre>",
        "- ",
        "1. ",
        "> ",
        "    ",
        "[ ] ",
        "| a | b |\n|---|---|\n| 1 | 2 |\n",
        "```\n",
        "~~~\n",
        "---\n",
        "===\n",
        "\t",
        "é",
        "\r\n",
        "TODO ",
        "&#88;XX",
        "| 1 | 2 | 3 |\n",
        "```python\ndef f(:\n```\n",
        "<!-- foundry-disable placeholder -->\n",
    ]
)
_DOCUMENTS = st.lists(_PIECES, max_size=60).map("".join)
_EDITS = st.lists(
    st.tuples(st.floats(0, 1), st.integers(0, 8), st.lists(_PIECES, max_size=4).map("".join)),
    min_size=1,
    max_size=6,
)


def edited_versions(text: str, edits) -> Iterator[str]:
    """The text, then the text after each edit, with chunks of any size meanwhile."""
    saved = incremental_parse._MIN_CHUNKED_CHARS, incremental_parse._MIN_CHUNK_CHARS
    incremental_parse._MIN_CHUNKED_CHARS = incremental_parse._MIN_CHUNK_CHARS = 0
    try:
        yield text
        for where, removed, inserted in edits:
            at = int(where * len(text))
            text = text[:at] + inserted + text[at + removed :]
            yield text
    finally:
        incremental_parse._MIN_CHUNKED_CHARS, incremental_parse._MIN_CHUNK_CHARS = saved


@settings(max_examples=300, deadline=None)
@given(_DOCUMENTS, _EDITS)
def test_edit_after_edit_the_tokens_are_those_of_a_whole_parse(text, edits):
    parser = IncrementalParser()
    for version in edited_versions(text, edits):
        assert_whole(parser, version)


def assert_same_preview(reuse: BlockReuse, parser: IncrementalParser, text: str) -> None:
    doc = Document.reusing_chunks(parser, text)
    assert reuse.blocks(doc) == render_blocks(Document(text))


def test_a_one_line_edit_renders_one_block_again(small_texts_chunked):
    parser, reuse = IncrementalParser(), BlockReuse()
    text = sections(30)
    assert_same_preview(reuse, parser, text)
    assert_same_preview(reuse, parser, text.replace("task 7", "task seven"))
    assert reuse.rendered == 1


def test_blocks_below_new_lines_keep_their_html_at_their_new_lines(small_texts_chunked):
    parser, reuse = IncrementalParser(), BlockReuse()
    text = "---\ntitle: t\n---\n\n" + sections(10)
    assert_same_preview(reuse, parser, text)
    assert_same_preview(reuse, parser, text.replace("task 2\n", "task 2\n\n\nnew\n"))
    # the new paragraph and the list above it, whose lines run on over the new blank
    # lines; every block below only moved down
    assert reuse.rendered == 2
    assert_same_preview(reuse, parser, text)


def test_a_link_written_like_a_checkbox_is_not_moved(small_texts_chunked):
    parser, reuse = IncrementalParser(), BlockReuse()
    text = sections(3) + '## Links\n\n[x](task:3) and <a name="L9"></a>\n'
    assert_same_preview(reuse, parser, text)
    assert_same_preview(reuse, parser, "new\n\n" + text)


@settings(max_examples=200, deadline=None)
@given(_DOCUMENTS, _EDITS)
def test_edit_after_edit_the_preview_is_that_of_a_whole_render(text, edits):
    parser, reuse = IncrementalParser(), BlockReuse()
    for version in edited_versions(text, edits):
        assert_same_preview(reuse, parser, version)


def test_a_heading_with_stray_emphasis_marks_has_its_text_as_written(small_texts_chunked):
    # the engine places the inline nodes of `*h6**` past the heading's end
    parser = IncrementalParser()
    text = "aa\n\n###### *h6**[ ] "
    assert_whole(parser, text.replace("*h6", "h6"))
    assert_whole(parser, text)
    assert Document(text).tokens[4].content == "*h6**[ ]"


def test_a_block_the_other_engine_rendered_is_not_reused(small_texts_chunked):
    parser, reuse = IncrementalParser(), BlockReuse()
    # "[``" sends the whole text to the Python engine, which reads "<!--<!--" otherwise
    assert_same_preview(reuse, parser, "a<!--<!-- x -->\n\n[``")
    assert_same_preview(reuse, parser, "a<!--<!-- x -->\n\n``")


def test_blank_lines_at_the_end_of_an_unclosed_comment_reach_the_preview(small_texts_chunked):
    parser, reuse = IncrementalParser(), BlockReuse()
    assert_same_preview(reuse, parser, "<!--\n")
    assert_same_preview(reuse, parser, "<!--\n\n")  # the same first line, one more blank


def test_carriage_returns_never_let_one_block_pass_for_another(small_texts_chunked):
    parser, reuse = IncrementalParser(), BlockReuse()
    assert_same_preview(reuse, parser, "\r\na\n\n<b>")  # "<b>" is an HTML block here
    assert_same_preview(reuse, parser, "\ra\n<b>")  # and paragraph text here


def test_a_new_preview_style_renders_every_block_in_it(small_texts_chunked):
    parser, reuse = IncrementalParser(), BlockReuse()
    text = sections(5)
    doc = Document(text, parser.tokens(text))
    reuse.blocks(doc)
    dark = replace(DEFAULT_STYLE, link="#79c0ff", muted="#8b949e")
    assert reuse.blocks(doc, dark) == render_blocks(Document(text), dark)
    assert reuse.rendered == len(doc.blocks)


# --- what the document derives, kept per chunk ------------------------------------------------

_TOKEN_TYPES = ("fence", "inline", "list_item_open", "table_open", "tr_open", "html_block", "")
_CHILD_TYPES = ("link_open", "image", "html_inline", "text", "code_inline")


def derived(doc: Document) -> dict:
    """Everything rules, checklist and preview read from a document, as plain data."""
    return {
        "blocks": doc.blocks,
        "headings": doc.headings,
        "tasks": doc.tasks,
        "links": doc.links,
        "fences": doc.fences,
        "indices": {kind: list(doc.token_indices(kind)) for kind in _TOKEN_TYPES},
        "children": [(line, id(child)) for line, child in doc.inline_children()],
        "children by type": {k: [id(c) for c in doc.inline_children_of(k)] for k in _CHILD_TYPES},
        "links and images": [id(c) for c in doc.inline_children_of("link_open", "image")],
        "diagnostics": check_document(None, Path("stacks/x/conventions.md"), doc),
    }


def assert_same_derived(parser: IncrementalParser, text: str) -> None:
    doc = Document.reusing_chunks(parser, text)
    whole = Document(text, doc.tokens)  # the same tokens, derived in one piece
    assert derived(doc) == derived(whole)


@settings(max_examples=300, deadline=None)
@given(_DOCUMENTS, _EDITS)
def test_edit_after_edit_what_a_document_derives_is_that_of_the_whole_text(text, edits):
    parser = IncrementalParser()
    for version in edited_versions(text, edits):
        assert_same_derived(parser, version)


def test_an_edit_derives_the_lists_of_its_own_chunk_again(small_texts_chunked, monkeypatch):
    parser = IncrementalParser()
    body = "Some TODO with <b>raw</b> and a [link](x.md).\n\n| a |\n|---|\n| 1 | 2 |\n"
    text = sections(40, body)
    assert_same_derived(parser, text)
    calls = []  # the chunks whose tasks were worked out again (not the whole text's)
    tasks_between = Document._tasks_between

    def counted(self, start, stop):
        if stop - start < len(self.tokens):
            calls.append(start)
        return tasks_between(self, start, stop)

    monkeypatch.setattr(Document, "_tasks_between", counted)
    text = text.replace("task 20", "task twenty")
    assert_same_derived(parser, text)
    assert len(calls) == 1
    calls.clear()
    assert_same_derived(parser, text.replace("## Part 30", "new\n\n## Part 30"))
    assert len(calls) == 1  # the chunk the new line is in; the ten below only moved down


@pytest.mark.parametrize("odd", ["\0", "\r\n", "\ud800"])
def test_a_text_that_normalizing_changes_derives_everything_afresh(small_texts_chunked, odd):
    # the memos hold columns read from a text's own lines; these change under normalizing
    parser = IncrementalParser()
    text = sections(12, "A TODO and <b>html</b> with a [link](x.md).\n")
    assert_same_derived(parser, text)
    odd_text = text.replace("task 5\n", f"task 5{odd}\n")
    assert Document.reusing_chunks(parser, odd_text).spans == ()
    assert_same_derived(parser, odd_text)
    assert_same_derived(parser, text)  # and back: the chunks' memos still hold


@settings(max_examples=200, deadline=None)
@given(_DOCUMENTS, _EDITS, st.lists(st.sets(st.sampled_from(_TOKEN_TYPES)), min_size=7, max_size=7))
def test_token_indices_asked_for_now_and_then_are_those_of_the_whole_text(text, edits, asked):
    """A version asks for some types only, per span or merged, so a chunk's memo of one
    type may come from a version where the chunk started at another token."""
    parser = IncrementalParser()
    for version, kinds in zip(edited_versions(text, edits), asked, strict=False):
        doc = Document.reusing_chunks(parser, version)
        whole = Document(version, doc.tokens)
        for kind in sorted(kinds):
            for span in doc.spans:
                expected = [i for i in whole.token_indices(kind) if span.start <= i < span.stop]
                assert doc.token_indices_between(kind, span.start, span.stop) == expected
            assert doc.token_indices(kind) == whole.token_indices(kind)


def test_a_long_text_is_parsed_in_chunks_to_the_tokens_of_one_whole_parse():
    from foundry_app.core.document import parse_tokens
    from foundry_app.core.incremental_parse import CHUNKED_PARSE_CHARS

    section = "## Part\n\nSome *text* with `code`, a [link](#part) and:\n\n- [ ] a task\n\n"
    text = "# Long\n\n" + section * (CHUNKED_PARSE_CHARS // len(section) + 1)
    assert len(text) >= CHUNKED_PARSE_CHARS
    assert fields(parse_tokens(text)) == fields(whole(text))
