"""Export to one HTML or Markdown file, parsed back."""

from __future__ import annotations

from html.parser import HTMLParser

from helpers import GOOD_CONVENTIONS, make_library

from foundry_app.core.export import collect, export_html, export_markdown, tree_order
from foundry_app.core.library import Library

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
    "0000000c4944415408d763f8ffff3f0005fe02fea7d6a4f90000000049454e44ae426082"
)
NOTES = (
    "# Notes\n\nSee [the checklist](conventions.md#checklist), [docs](https://docs.example)"
    " and [elsewhere](../../README.md).\n\n![diagram](pic.png) ![remote](https://x.example/a.png)\n"
)


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.h1: list[str] = []
        self.toc: list[str] = []
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.sources: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self._in.append(tag)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "href" in attrs:
            self.hrefs.append(attrs["href"])
        for name in ("src", "data", "srcset"):
            if name in attrs:
                self.sources.append(attrs[name])
        if tag == "link":
            self.sources.append(attrs.get("href", ""))

    def handle_endtag(self, tag):
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data):
        if self._in and self._in[-1] == "h1" and data.strip():
            self.h1.append(data.strip())
        if "nav" in self._in and self._in[-1] == "a":
            self.toc.append(data.strip())


def make(tmp_path):
    root = make_library(
        tmp_path / "lib",
        {
            "alpha": {"conventions.md": GOOD_CONVENTIONS, "notes.md": NOTES},
            "beta": {"conventions.md": GOOD_CONVENTIONS.replace("# Example", "# Beta")},
        },
    )
    (root / "stacks" / "alpha" / "pic.png").write_bytes(PNG)
    (root / "README.md").write_text("# Readme\n", encoding="utf-8")
    return Library.open(root)


def test_html_export_has_a_toc_every_h1_and_no_external_resources(tmp_path):
    library = make(tmp_path)
    files = collect(library, tree_order(library))
    html = export_html(files, "The library", library.root)
    page = Page()
    page.feed(html)
    assert page.toc == ["Example", "Notes", "Beta", "Readme"]  # tree order
    assert page.h1 == ["The library", "Example", "Notes", "Beta", "Readme"]
    # every TOC entry and internal link lands on an id in the page
    internal = [href for href in page.hrefs if href.startswith("#")]
    assert internal and all(href[1:] in page.ids for href in internal)
    # nothing is loaded from anywhere: the image is embedded, the remote one is text
    assert page.sources and all(src.startswith("data:image/png;base64,") for src in page.sources)
    assert "x.example" not in html
    assert "http" not in html.replace('href="https://docs.example"', "")
    assert "task:" not in html and "☐" in html
    assert 'style="color:' in html  # pygments' inline colours, as in the preview


def test_links_between_exported_files_point_inside_the_page(tmp_path):
    library = make(tmp_path)
    stack = library.items[0]
    files = collect(library, tree_order(library, list(stack.files)))
    html = export_html(files, "alpha", library.root)
    assert [f.relative for f in files] == ["stacks/alpha/conventions.md", "stacks/alpha/notes.md"]
    assert 'href="#f1-checklist"' in html
    assert "README.md</a>" not in html and "<a>elsewhere</a>" in html  # not exported


def test_markdown_export_concatenates_in_order(tmp_path):
    library = make(tmp_path)
    files = collect(library, tree_order(library))
    text = export_markdown(files, "The library")
    assert text.startswith("# The library\n")
    order = [text.index(f"<!-- file: {f.relative} -->") for f in files]
    assert order == sorted(order)
    assert text.count("\n# Example\n") == 1 and "\n# Readme\n" in text


def test_unreadable_files_are_left_out(tmp_path):
    library = make(tmp_path)
    (library.root / "stacks" / "alpha" / "bad.md").write_bytes(b"# Bad \xff\n")
    library.rescan()
    files = collect(library, tree_order(library))
    assert "stacks/alpha/bad.md" not in [f.relative for f in files]
