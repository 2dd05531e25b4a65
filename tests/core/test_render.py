"""Preview HTML: Qt-friendly, escaped, nothing fetched, one checkbox per task."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st
from pygments.styles import get_style_by_name
from pygments.token import Comment

from foundry_app.core.document import Document
from foundry_app.core.render import (
    CHECKED,
    UNCHECKED,
    PreviewStyle,
    preview_css,
    render_html,
)


def render(text: str) -> str:
    return render_html(Document(text))


def body(text: str) -> str:
    return render(text).split("<body>", 1)[1].removesuffix("</body></html>")


def test_page_embeds_the_default_style():
    html = render("x")
    assert html.startswith("<html><head><style>")
    assert preview_css() in html
    assert not re.search(r"(^|\s)\.\w", preview_css())  # tag selectors only, no classes


def test_raw_html_is_shown_escaped():
    html = render(
        'Hi <script>alert("x")</script> <img src=http://evil.example/x.png>\n\n'
        "<div onclick=x>\n<img src='http://evil.example/y.png'>\n</div>\n"
    )
    assert "<script" not in html and "<img" not in html and "<div" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;img src=http://evil.example/x.png&gt;" in html
    assert "&lt;div onclick=x&gt;" in html


def test_remote_images_are_never_loaded():
    html = render(
        "See ![the *logo*](http://cdn.example/logo.png), ![](//cdn.example/x.png),"
        " ![](/etc/x.png) and ![](file:///x.png).\n"
    )
    assert "<img" not in html
    assert "logo.png" not in html  # not even as text
    assert "[image: the logo]" in html and "[image]" in html


def test_relative_images_become_img_tags_for_the_preview_to_check():
    html = render('![a "diagram"](img/flow%20chart.png)\n')
    assert '<img src="img/flow%20chart.png" alt="a &quot;diagram&quot;"/>' in html


def test_kbd_br_and_details_are_shown_other_html_stays_text():
    html = render(
        "Press <kbd>Ctrl</kbd>+<kbd>S</kbd><br>now <span>x</span>\n\n"
        "<details>\n<summary>More <b>info</b></summary>\n\nInside.\n\n</details>\n"
    )
    assert "<kbd>Ctrl</kbd>+<kbd>S</kbd><br/>now" in html
    assert "&lt;span&gt;" in html
    assert "<p><b>▾ More &lt;b&gt;info&lt;/b&gt;</b></p>" in html
    assert "Inside." in html and "details" not in html


def test_links_keep_their_target():
    html = body("[docs](https://example.com/a?b=1&c=2) [local](other.md#part)\n")
    assert re.search(r'<a href="https://example.com/a\?b=1&amp;c=2"[^>]*>docs</a>', html)
    assert re.search(r'<a href="other.md#part"[^>]*>local</a>', html)


def test_inline_markup():
    html = body("*em* **strong** ~~gone~~ `a<b` line  \nbreak\n")
    assert "<em>em</em>" in html and "<strong>strong</strong>" in html and "<s>gone</s>" in html
    assert re.search(r"<code[^>]*>a&lt;b</code>", html)
    assert "<br/>" in html


def test_headings_have_slug_anchors():
    html = body("# Hello, World!\n\n## Hello, World!\n")
    assert '<h1><a name="L1"></a><a name="hello-world"></a>Hello, World!</h1>' in html
    assert '<a name="hello-world-1"></a>' in html


def test_every_top_level_block_has_a_line_anchor():
    text = (
        "# T\n\npara\n\n- a\n- b\n\n---\n\n| x |\n|---|\n| 1 |\n\n```\ncode\n```\n\n"
        "> quote\n\n<div>\n</div>\n\n    indented\n\n3. c\n"
    )
    doc = Document(text)
    names = re.findall(r'<a name="(L\d+)"></a>', render_html(doc))
    assert names == [f"L{block.line}" for block in doc.blocks]
    assert len(doc.blocks) == 10


def test_lists_nest_and_ordered_lists_keep_their_start():
    html = body("3. three\n4. four\n   - inner\n     - deeper\n\ntext\n\n1. one\n")
    assert '<ol start="3">' in html
    assert html.count("<ul>") == 2
    assert "<ol>" in html  # a list starting at 1 needs no start
    assert html.index("inner") < html.index("deeper") < html.index("</ol>") < html.index("text")


def test_loose_list_items_keep_paragraphs_tight_ones_do_not():
    assert "<p>" not in body("- a\n- b\n")
    assert "<li><p>" in body("- a\n\n- b\n")


def test_blockquote_and_rule():
    html = body("> quoted *text*\n\n---\n")
    assert re.search(r"<blockquote[^>]*><p>.*quoted <em>text</em></p></blockquote>", html)
    assert "<hr/>" in html


def test_tables_have_explicit_borders_and_alignment():
    html = body("| Left | Middle | Right |\n|:-----|:------:|------:|\n| a | b | c |\n")
    assert '<table border="1" cellspacing="0" cellpadding="4"' in html
    assert '<th align="left">' in html and '<td align="center">b</td>' in html
    assert '<td align="right">c</td>' in html
    assert "</tbody></table>" in html


def test_python_is_highlighted_with_inline_styles():
    html = body("```python\ndef f(x):\n    return x < 1\n```\n")
    pre = re.search(r"<pre[^>]*>(.*?)</pre>", html, re.S)
    assert pre is not None
    assert re.search(r'<span style="[^"]+">def</span>', pre.group(1))
    assert "class=" not in html
    assert "&lt;" in pre.group(1)
    assert not pre.group(1).endswith("\n")


def test_unknown_or_missing_language_falls_back_to_plain_pre():
    for fence in ("```no-such-language-xyz\n", "```\n", "~~~ \n"):
        html = body(fence + "a < b\n\tc\n" + fence.strip()[:3] + "\n")
        assert re.search(r'<pre style="[^"]*"><a name="L1"></a>a &lt; b\n\tc</pre>', html), html
        assert "<span" not in html


def test_indented_code_is_plain():
    assert "<pre" in body("    x = <1>\n") and "x = &lt;1&gt;" in body("    x = <1>\n")


def test_nbsp_and_tabs_survive():
    html = body("a\u00a0b\tc &nbsp; &amp;\n")
    assert "a\u00a0b\tc \u00a0 &amp;" in html


def test_task_items_become_task_links():
    text = "# List\n\n- [ ] open\n- [x] done\n  - [X] nested\n\n```\n- [ ] fake\n```\n"
    html = body(text)
    box = '<a href="task:{}" style="text-decoration:none[^"]*">{}</a>'
    assert re.search(box.format(3, UNCHECKED) + " open", html)
    assert re.search(box.format(4, CHECKED) + " done", html)
    assert 'href="task:5"' in html
    assert "[ ]" not in html.replace("- [ ] fake", "")  # the marker is replaced, the fake kept
    assert html.count('href="task:') == 3
    assert '<ul style="list-style-type:none">' in html  # a list of tasks needs no bullets


def test_task_marker_that_is_also_a_reference_link():
    text = "- [x] done\n- [ ] open\n\n[x]: /somewhere\n"
    html = body(text)
    assert html.count('href="task:') == 2
    assert "/somewhere" not in html


def test_mixed_list_keeps_bullets():
    html = body("- [ ] task\n- plain\n")
    assert "<ul>" in html and html.count('href="task:') == 1


def test_render_does_not_import_pygments():
    code = (
        "import sys\n"
        "from foundry_app.core import render, checklist, storage, document\n"
        "render.render_html(document.Document('# x\\n\\n- [ ] a\\n'))\n"
        "assert 'pygments' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- property: one checkbox per task, balanced tags, nothing executable ---

_WORDS = st.text(alphabet=st.sampled_from(list("ab yz09*_~`<>&\"'[]()!\\\t\xa0é-#|:")), max_size=14)
_LINE = st.one_of(
    st.builds(
        "{}{} [{}] {}".format,
        st.sampled_from(["", "  ", "    ", "> ", "\t"]),
        st.sampled_from(["-", "*", "1.", "3)"]),
        st.sampled_from(" xX"),
        _WORDS,
    ),
    _WORDS,
    _WORDS.map("# {}".format),
    _WORDS.map("> {}".format),
    _WORDS.map("| {} | b |".format),
    st.sampled_from(
        [
            "",
            "",
            "---",
            "```",
            "```python",
            "~~~",
            "<div>",
            "</div>",
            "|---|:-:|",
            "<script>",
            "[x]: /ref",
            "![img](http://x/y.png)",
            "<img src=http://x/y.png>",
            "    code",
        ]
    ),
)


class _TagBalance(HTMLParser):
    VOID = frozenset({"br", "hr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.add(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack.pop() == tag, f"unbalanced </{tag}>"


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, max_size=25), st.sampled_from(["\n", ""]))
def test_rendered_checkboxes_match_tasks(lines: list[str], last: str):
    doc = Document("\n".join(lines) + last)
    html = render_html(doc)
    lines_linked = [int(n) for n in re.findall(r'<a href="task:(\d+)"', html)]
    assert lines_linked == [task.line for task in doc.tasks]
    glyphs = re.findall(rf'<a href="task:\d+" style="[^"]*">([{UNCHECKED}{CHECKED}])</a>', html)
    assert glyphs == [CHECKED if task.checked else UNCHECKED for task in doc.tasks]
    checker = _TagBalance()
    checker.feed(html)
    checker.close()
    assert checker.stack == []
    assert not checker.tags & {"img", "script", "div", "iframe"}


def test_a_first_page_renders_only_the_blocks_that_start_by_the_given_line():
    doc = Document("# Title\n\nfirst\n\n- [ ] task\n\n## Later\n\nsecond\n")
    page = render_html(doc, until_line=5)
    assert "first" in page and 'href="task:5"' in page
    assert "Later" not in page and "second" not in page
    assert render_html(doc, until_line=100) == render_html(doc)


def test_every_library_file_renders_one_checkbox_per_task():
    from helpers import SHIPPED_LIBRARY

    files = sorted(SHIPPED_LIBRARY.rglob("*.md"))
    assert len(files) >= 15
    total = 0
    for path in files:
        doc = Document(path.read_text(encoding="utf-8"))
        page = render_html(doc)
        boxes = page.count('href="task:')
        assert boxes == len(doc.tasks), path
        total += boxes
    assert total >= 100  # the shipped checklists are real


def test_the_caller_chooses_the_colours_and_the_code_style():
    dark = PreviewStyle(
        text="#e6edf3",
        background="#161b22",
        code_text="#e6edf3",
        code_background="#0d1117",
        muted="#9198a1",
        link="#58a6ff",
        checkbox="#58a6ff",
        table_header="#21262d",
        border="#3d444d",
        pygments_style="github-dark",
    )
    text = "Body `x` [a](b.md)\n\n- [ ] task\n\n```python\nimport os  # note\n```\n"
    light_page, dark_page = render_html(Document(text)), render_html(Document(text), style=dark)
    assert preview_css(dark) in dark_page and "#e6edf3" in preview_css(dark)
    assert "#58a6ff" in dark_page and "#0d1117" in dark_page
    assert "#58a6ff" not in light_page and "#0d1117" not in light_page
    # each page paints the comment in its own pygments style's colour
    for page, name in ((light_page, "xcode"), (dark_page, "github-dark")):
        comment = get_style_by_name(name).style_for_token(Comment)["color"]
        assert f"#{comment}" in page.lower()


def test_an_unknown_code_style_falls_back_to_plain_code():
    style = PreviewStyle(pygments_style="no-such-style")
    html = render_html(Document("```python\nx = 1\n```\n"), style=style)
    assert "x = 1" in html


def test_front_matter_is_a_compact_key_value_block_not_a_heading():
    html = body("---\nid: demo\ntags: [a, b]\nreviewed: 2025-01-31\n---\n# Demo\n")
    assert "<h2>" not in html and "<hr/>" not in html
    assert "<td" in html and ">id</td><td>demo</td>" in html
    assert "<td>a, b</td>" in html and "<td>2025-01-31</td>" in html
    assert '<a name="L1"></a>' in html
    assert html.index(">id<") < html.index("<h1>")


def test_invalid_front_matter_is_shown_as_its_source():
    html = body("---\nid: [demo\n---\n# Demo\n")
    assert "<pre" in html and "id: [demo" in html and "<h2>" not in html


def test_front_matter_values_are_escaped_and_bounded():
    lines = ["---", "a: &a [x, x, x, x, x, x, x, x, x]"]
    previous = "a"
    for name in "bcdefghi":  # aliases that nest nine lists deep: 9^9 leaves
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
        previous = name
    html = body("\n".join([*lines, "html: <script>x</script>", "---", "# T", ""]))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert len(html) < 5000


def test_cells_past_the_header_are_shown_not_dropped():
    html = body("| A | B |\n|---|---|\n| a | b | extra <c> |\n| d |\n")
    assert '<td style="color:#cf222e">extra &lt;c&gt;</td></tr>' in html
    assert html.count("<td") == 5  # a, b, the extra cell, d and the empty cell GFM adds


def test_only_a_rendered_checkbox_links_to_task_an_authors_task_link_is_refused():
    html = render("- [ ] Ship\n\nSee [notes](task:1), <TASK:1> and [ref].\n\n[ref]: task:1\n")
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs.count("task:1") == 1  # the checkbox
    assert sorted(h for h in hrefs if h != "task:1") == [
        "refused:TASK:1",
        "refused:task:1",
        "refused:task:1",
    ]
