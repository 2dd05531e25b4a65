"""Export a stack, or the whole library, as one file to hand to someone without Foundry.

HTML: every file rendered as the preview renders it (same code highlighting, inline
styles), in tree order, after a table of contents; links between exported files point
inside the page, images from the library are embedded, nothing refers outside the file
except ordinary hyperlinks the authors wrote. Markdown: the files concatenated, each
after a comment naming it.
"""

from __future__ import annotations

import base64
import mimetypes
import os
import re
import stat
from dataclasses import dataclass
from html import escape, unescape
from pathlib import Path
from urllib.parse import unquote

from foundry_app.core import storage
from foundry_app.core.bundled import style_template
from foundry_app.core.document import Document
from foundry_app.core.library_tree import FILE, build_tree
from foundry_app.core.render import DEFAULT_STYLE, is_local_image, preview_css, render_html
from foundry_app.core.storage import NotUtf8Error

_BODY = re.compile(r"<body>(.*)</body>", re.DOTALL)
_LINE_ANCHOR = re.compile(r'<a name="L\d+"></a>')
_NAME_ANCHOR = re.compile(r'<a name="([^"]*)"></a>')
_TASK_LINK = re.compile(r'<a href="task:\d+"(?: style="[^"]*")?>(.)</a>')
_HREF = re.compile(r'<a href="([^"]*)"((?: style="[^"]*")?)>')
_IMG = re.compile(r'<img src="([^"]*)" alt="([^"]*)"/>')
_MAX_EMBEDDED_IMAGE = 5 * 1024 * 1024
_EXTERNAL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//")

EXPORT_STYLE_SHEET = "export.css"  # in resources/, beside the preview's own


def export_css() -> str:
    """The page layout of an exported file, in the light preview's colours."""
    sheet = style_template(EXPORT_STYLE_SHEET)
    return sheet.substitute(border=DEFAULT_STYLE.border, muted=DEFAULT_STYLE.muted)


@dataclass(frozen=True)
class ExportedFile:
    path: Path
    relative: str
    text: str
    title: str  # the file's first H1, else its name


def tree_order(library, files: list[Path] | None = None) -> list[Path]:
    """The Markdown files as the tree lists them (optionally only those in `files`)."""
    markdown = set(library.markdown_files())
    wanted = markdown if files is None else set(files) & markdown
    ordered = []
    for top in build_tree(library):
        for node in top.walk():
            if node.role == FILE and node.path in wanted and node.path not in ordered:
                ordered.append(node.path)
    ordered.extend(sorted(wanted - set(ordered)))  # anything the tree does not show
    return ordered


def collect(library, files: list[Path]) -> list[ExportedFile]:
    """Read the files (non-UTF-8 or unreadable ones are skipped: they cannot be shown)."""
    exported = []
    for path in files:
        try:
            text = storage.read_text_file(path).text
        except (OSError, NotUtf8Error):
            continue
        doc = Document(text)
        title = next((h.text for h in doc.headings if h.level == 1), path.name)
        exported.append(ExportedFile(path, library.relative(path), text, title))
    return exported


def export_markdown(files: list[ExportedFile], title: str) -> str:
    parts = [f"# {title}\n"]
    parts.append("\n".join(f"- {item.relative} — {item.title}" for item in files) + "\n")
    for item in files:
        body = item.text if item.text.endswith("\n") else item.text + "\n"
        parts.append(f"<!-- file: {item.relative} -->\n\n{body}")
    return "\n".join(parts)


def export_html(files: list[ExportedFile], title: str, root: Path) -> str:
    ids = {item.path: f"f{number}" for number, item in enumerate(files, 1)}
    toc = "\n".join(
        f'<li><a href="#{ids[item.path]}">{escape(item.title)}</a> '
        f"<small>{escape(item.relative)}</small></li>"
        for item in files
    )
    sections = [
        f'<section class="file" id="{ids[item.path]}">'
        f'<p class="source">{escape(item.relative)}</p>'
        f"{_file_body(item, ids, root)}</section>"
        for item in files
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>"
        f"<style>{preview_css()}\n{export_css()}</style></head>\n<body>\n"
        f"<h1>{escape(title)}</h1>\n<nav><h2>Contents</h2><ul>\n{toc}\n</ul></nav>\n"
        + "\n".join(sections)
        + "\n</body></html>\n"
    )


def _file_body(item: ExportedFile, ids: dict[Path, str], root: Path) -> str:
    html = render_html(Document(item.text))
    match = _BODY.search(html)
    body = match.group(1) if match else html
    prefix = ids[item.path]
    body = _LINE_ANCHOR.sub("", body)
    body = _TASK_LINK.sub(r"\1", body)  # a checkbox is a glyph on paper
    body = _NAME_ANCHOR.sub(lambda m: f'<a id="{prefix}-{m.group(1)}"></a>', body)
    body = _HREF.sub(lambda m: _link(m.group(1), item.path, ids, prefix, m.group(2)), body)
    return _IMG.sub(lambda m: _image(m.group(1), m.group(2), item.path, root), body)


def _link(href: str, source: Path, ids: dict[Path, str], prefix: str, style: str) -> str:
    raw = unescape(href)
    if raw.startswith("#"):
        return f'<a href="#{prefix}-{escape(raw[1:])}"{style}>'
    if _EXTERNAL.match(raw):
        return f'<a href="{href}"{style}>'
    target, _, fragment = raw.partition("#")
    path = Path(os.path.normpath(source.parent / target))
    if path in ids:
        anchor = f"{ids[path]}-{fragment}" if fragment else ids[path]
        return f'<a href="#{escape(anchor)}"{style}>'
    return "<a>"  # a file that is not in this export: the text stays, the link goes


def _image(src: str, alt: str, source: Path, root: Path) -> str:
    """A library image embedded as data; anything else becomes its alt text."""
    raw = unescape(src)
    label = f"<span>[image: {alt}]</span>" if alt else "<span>[image]</span>"
    if not is_local_image(raw):
        return label
    path = Path(os.path.realpath(source.parent / unquote(raw)))
    real_root = Path(os.path.realpath(root))
    kind = mimetypes.guess_type(path.name)[0] or ""
    if real_root not in path.parents or not kind.startswith("image/"):
        return label
    try:
        info = path.stat()
        # a pipe named like an image would block the read until a writer came
        if not stat.S_ISREG(info.st_mode) or info.st_size > _MAX_EMBEDDED_IMAGE:
            return label
        data = base64.b64encode(path.read_bytes()).decode("ascii")
    except OSError:
        return label
    return f'<img src="data:{kind};base64,{data}" alt="{alt}"/>'
