"""Lint the open buffer off the GUI thread: one parse feeds the diagnostics, the preview
HTML and the tasks; the window applies the result only if the text is still the same."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, Signal

from foundry_app.core.diagnostics import Diagnostic
from foundry_app.core.document import Document, Heading, TaskItem
from foundry_app.core.large_file import is_large
from foundry_app.core.library import MARKDOWN_SUFFIXES, Library
from foundry_app.core.lint import check_data_file, check_document, is_data_file
from foundry_app.core.render import (
    DEFAULT_STYLE,
    PreviewStyle,
    RenderedBlock,
    page_html,
    render_blocks,
    render_html,
)
from foundry_app.ui.workers.lint_worker import BackgroundRunner
from foundry_app.ui.workers.live_lint_child import ChildFailed, LiveLintChild


@dataclass(frozen=True)
class LiveResult:
    path: Path
    revision: int  # the editor document's revision the text was taken at
    doc: Document | None  # None when a child process did the parse (large files)
    diagnostics: list[Diagnostic]
    html: str  # the whole preview page; "" when `blocks` holds it in parts
    blocks: list[RenderedBlock] | None = None  # a large file's preview, block by block
    tasks: list[TaskItem] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)


@dataclass(frozen=True)
class FirstPage:
    """The top of a newly opened file's preview, shown before its full lint is done."""

    path: Path
    revision: int
    html: str


def is_markdown_path(path: Path) -> bool:
    return Path(path).suffix.lower() in MARKDOWN_SUFFIXES


def plain_text_note(path: Path) -> str:
    """What the preview says for a file that is not Markdown."""
    return (
        f"<p><i>{html.escape(Path(path).name)} is not Markdown: it is edited as plain "
        "text, with no preview.</i></p>"
    )


FIRST_PAGE_LINES = 40  # source lines: about a preview screenful of prose


def analyse(
    library: Library | None,
    path: Path,
    text: str,
    revision: int,
    first_page: Callable[[FirstPage], None] | None = None,
    style: PreviewStyle = DEFAULT_STYLE,
) -> LiveResult:
    if not is_markdown_path(path):  # .yml, .json, .toml: plain text, never parsed as Markdown
        diagnostics = check_data_file(library, path, text) if is_data_file(path) else []
        return LiveResult(path, revision, Document(""), diagnostics, plain_text_note(path))
    doc = Document(text)
    if first_page is not None and doc.line_count > FIRST_PAGE_LINES:
        top = render_html(doc, until_line=FIRST_PAGE_LINES, style=style)
        first_page(FirstPage(path, revision, top))
    diagnostics = check_document(library, path, doc)
    if is_large(text):  # the page is cut into blocks; `html` is its empty shell
        blocks = render_blocks(doc, style)
        shell = page_html("", style)
        return LiveResult(path, revision, doc, diagnostics, shell, blocks, doc.tasks, doc.headings)
    html = render_html(doc, style=style)
    return LiveResult(path, revision, doc, diagnostics, html, None, doc.tasks, doc.headings)


def analyse_in_child(
    child: LiveLintChild,
    library: Library | None,
    path: Path,
    text: str,
    revision: int,
    first_page: Callable[[FirstPage], None] | None = None,
    style: PreviewStyle = DEFAULT_STYLE,
) -> LiveResult:
    """A large file's lint in the child process; in this thread if the child fails."""
    early = None
    if first_page is not None:
        early = lambda html: first_page(FirstPage(path, revision, html))  # noqa: E731
    try:
        root = library.root if library is not None else None
        diagnostics, blocks, tasks, headings = child.analyse(
            root, path, text, revision, early, style
        )
    except ChildFailed:
        if child.closed:  # the window is closing: nobody waits for this result
            return LiveResult(path, revision, None, [], "", [], [])
        return analyse(library, path, text, revision, first_page, style)
    shell = page_html("", style)
    return LiveResult(path, revision, None, diagnostics, shell, blocks, tasks, headings)


_WARM_UP_TEXT = "# Warm-up\n\n## Checklist\n\n- [ ] a task\n\n```python\nvalue = 1\n```\n"
_warmed_up = False


def warm_up(library: Library | None) -> None:
    """Run the lint and the preview once on a tiny text, on the GUI thread before the window
    shows: the lazy imports and first-use caches behind them (rules, pygments lexers) would
    otherwise run in a worker, holding the GIL through every module compile."""
    global _warmed_up
    if _warmed_up:
        return
    _warmed_up = True
    base = library.root if library is not None else Path.cwd()
    analyse(library, base / "warm-up.md", _WARM_UP_TEXT, 0)


def _same_request(old: tuple | None, new: tuple) -> bool:
    return old is not None and old[0] is new[0] and old[1:] == new[1:]


class LiveLinter(QObject):
    """The newest request wins; results of superseded requests are dropped."""

    finished = Signal(object)  # LiveResult
    first_page = Signal(object)  # FirstPage, emitted from the worker: delivered queued
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._runner = BackgroundRunner(self, pool)
        self._runner.finished.connect(self.finished)
        self._runner.failed.connect(self.failed)
        self._child = LiveLintChild()  # started by the first large file
        self._asked: tuple | None = None  # what the pending request checks

    @property
    def pending(self) -> bool:
        return self._runner.running

    def child_pid(self) -> int | None:
        return self._child.pid

    def request(
        self,
        library: Library | None,
        path: Path,
        text: str,
        revision: int,
        *,
        opening=False,
        style: PreviewStyle = DEFAULT_STYLE,
    ) -> None:
        """Lint `text`; when `opening` a file, its first page is previewed as soon as parsed.
        The preview is rendered in `style`'s colours."""
        asked = (library, path, revision, style)
        if self.pending and not opening and _same_request(self._asked, asked):
            return  # that very text is being checked: a second parse would only delay it
        self._asked = asked
        early = self.first_page.emit if opening else None
        if is_markdown_path(path) and is_large(text):
            child = self._child
            self._runner.start(
                lambda _progress: analyse_in_child(
                    child, library, path, text, revision, early, style
                )
            )
            return
        self._runner.start(lambda _progress: analyse(library, path, text, revision, early, style))

    def cancel(self) -> None:
        self._runner.cancel()

    def shutdown(self) -> None:
        self._runner.cancel()
        self._child.close()  # first: a worker waiting on the child is released at once
        self._runner.shutdown()
