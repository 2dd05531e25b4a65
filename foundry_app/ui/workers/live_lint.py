"""Lint the open buffer off the GUI thread: one parse feeds the diagnostics, the preview
HTML and the tasks; the window applies the result only if the text is still the same."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThreadPool, QTimer, Signal

from foundry_app.core.diagnostics import Diagnostic
from foundry_app.core.document import Document, Heading, TaskItem
from foundry_app.core.large_file import fits_one_page
from foundry_app.core.library import MARKDOWN_SUFFIXES, Library
from foundry_app.core.render import (
    DEFAULT_STYLE,
    PreviewStyle,
    RenderedBlock,
    page_html,
    render_blocks,
    render_html,
)
from foundry_app.ui.workers.lint_worker import BackgroundRunner
from foundry_app.ui.workers.live_lint_child import (
    FIRST_PAGE_LINES,
    ChildFailed,
    LiveLintChild,
    wants_first_page,
)


@dataclass(frozen=True)
class LiveResult:
    path: Path
    revision: int  # the editor document's revision the text was taken at
    doc: Document | None  # None when the child process did the parse
    diagnostics: list[Diagnostic]
    html: str  # the whole preview page; "" when `blocks` holds it in parts
    blocks: list[RenderedBlock] | None = None  # a long page, shown a window at a time
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


def analyse(
    library: Library | None,
    path: Path,
    text: str,
    revision: int,
    first_page: Callable[[FirstPage], None] | None = None,
    style: PreviewStyle = DEFAULT_STYLE,
) -> LiveResult:
    from foundry_app.core.lint import check_data_file, check_document, is_data_file

    if not is_markdown_path(path):  # .yml, .json, .toml: plain text, never parsed as Markdown
        diagnostics = check_data_file(library, path, text) if is_data_file(path) else []
        return LiveResult(path, revision, Document(""), diagnostics, plain_text_note(path))
    doc = Document(text)
    if first_page is not None and wants_first_page(text, doc.line_count):
        top = render_html(doc, until_line=FIRST_PAGE_LINES, style=style)
        first_page(FirstPage(path, revision, top))
    diagnostics = check_document(library, path, doc)
    html, blocks = preview_page(render_blocks(doc, style), style)
    return LiveResult(path, revision, doc, diagnostics, html, blocks, doc.tasks, doc.headings)


def preview_page(
    blocks: list[RenderedBlock], style: PreviewStyle
) -> tuple[str, list[RenderedBlock] | None]:
    """The preview of these blocks: one whole page when it is short enough, else the empty
    page and the blocks, shown a window at a time (core.large_file.fits_one_page)."""
    if fits_one_page(blocks):
        return page_html("".join(block.html for block in blocks), style), None
    return page_html("", style), blocks


# From about this size a file's parse, check and render are over 20 ms of Python (14 KB:
# 14 ms here); in a worker thread they would hold the window's interpreter lock that long
# on every lint, and a 90 KB file stalled typing for 230 ms. So they go to the child.
CHILD_PARSE_CHARS = 20_000


def analyse_in_child(
    child: LiveLintChild,
    library: Library | None,
    path: Path,
    text: str,
    revision: int,
    first_page: Callable[[FirstPage], None] | None = None,
    style: PreviewStyle = DEFAULT_STYLE,
) -> LiveResult:
    """The lint of a file in the child process (CHILD_PARSE_CHARS or more, or any file once
    a child has run); in this thread if the child fails."""
    early = None
    if first_page is not None:
        early = lambda html: first_page(FirstPage(path, revision, html))  # noqa: E731
    try:
        diagnostics, blocks, tasks, headings = child.analyse(
            library, path, text, revision, early, style
        )
    except ChildFailed:
        if child.closed:  # the window is closing: nobody waits for this result
            return LiveResult(path, revision, None, [], "", [], [])
        return analyse(library, path, text, revision, first_page, style)
    html, shown_blocks = preview_page(blocks, style)
    return LiveResult(path, revision, None, diagnostics, html, shown_blocks, tasks, headings)


_WARM_UP_TEXT = "# Warm-up\n\n## Checklist\n\n- [ ] a task\n\n```python\nvalue = 1\n```\n"


class _WarmUp:
    """The first live lint's lazy imports and first-use caches (the file rules, pygments and
    its Python lexer), paid on the GUI thread after the window is shown, one piece per turn
    of the event loop.

    In a worker they would hold the GIL through every module compile, and the window
    with it; all at once before the window showed they were 0.1-0.2 s of the time to the
    first paint. Each piece is one import or first use, about 20 ms or less without .pyc
    files. The open file's live lint and the checklist's reading of its stack wait for the
    last piece (`when_warmed_up`): a worker thread running Python beside the pieces would
    take half of the interpreter lock and double each piece."""

    def __init__(self) -> None:
        self.started = False
        self.done = False
        self._steps: list[Callable[[], object]] = []
        self._waiting: list[Callable[[], None]] = []
        self._timer: QTimer | None = None

    def start(self, library: Library | None) -> None:
        if self.started:
            return
        self.started = True
        base = library.root if library is not None else Path.cwd()
        imports = (
            "foundry_app.core.lint",  # facts, suppressions, the registry, item and link rules
            "foundry_app.core.rules.document",
            "foundry_app.core.rules.template",
            "pygments.lexer",
            "pygments.lexers._mapping",
            "pygments.lexers",
            "pygments.formatters.html",
            "pygments.lexers.python",
        )
        self._steps = [
            lambda: Document(_WARM_UP_TEXT),  # the parser
            *(lambda name=name: import_module(name) for name in imports),
            *_python_lexer_pieces(),
            lambda: analyse(library, base / "warm-up.md", _WARM_UP_TEXT, 0),  # the rest
        ]
        # one piece a millisecond, not back to back: a chain of singleShot(0) calls is
        # queued as posted events, and a 0 ms timer is due again at once; either let
        # several pieces run before a timer that was already due (a repaint, an animation)
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(1)
        self._timer.timeout.connect(self._next)
        self._timer.start()

    def then(self, callback: Callable[[], None]) -> None:
        """Call `callback` once the warm-up is over."""
        self._waiting.append(callback)

    def _next(self) -> None:
        step = self._steps.pop(0)
        with suppress(Exception):  # only a head start: the real lint reports its own error
            step()
        if self._steps:
            return
        self._timer.stop()
        self.done = True
        waiting, self._waiting = self._waiting, []
        for callback in waiting:
            with suppress(RuntimeError):  # its window is gone (Qt deleted the object)
                callback()

    @property
    def running(self) -> bool:
        return self.started and not self.done


def _python_lexer_pieces(states_per_piece: int = 4, pieces: int = 9) -> list[Callable[[], object]]:
    """Pygments compiles all of a lexer's regular expressions the first time one is made
    (~40 ms for Python's 33 states); compiled a few states at a time here, they are in
    `re`'s cache when `PythonLexer()` (the last piece) asks for them. States past the
    pieces, if a newer pygments has more, are compiled by that last piece."""

    def compile_states(first: int) -> None:
        from pygments.lexer import Future

        lexer = import_module("pygments.lexers.python").PythonLexer
        tokendefs = lexer.get_tokendefs()
        for state in list(tokendefs)[first : first + states_per_piece]:
            for rule in tokendefs[state]:
                if type(rule) is tuple:  # (regex, action[, new state]); not include/default
                    regex = rule[0].get() if isinstance(rule[0], Future) else rule[0]
                    re.compile(regex, lexer.flags)

    steps: list[Callable[[], object]] = [
        lambda first=first: compile_states(first)
        for first in range(0, pieces * states_per_piece, states_per_piece)
    ]
    steps.append(lambda: import_module("pygments.lexers.python").PythonLexer())
    return steps


_warm_up = _WarmUp()


def warm_up(library: Library | None) -> None:
    """Start the warm-up (once per process); it runs after the window is shown."""
    _warm_up.start(library)


def warming_up() -> bool:
    return _warm_up.running


def when_warmed_up(callback: Callable[[], None]) -> None:
    """Call `callback` after the warm-up's last piece (only while `warming_up()`)."""
    _warm_up.then(callback)


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
        self._child = LiveLintChild()  # started by the first large file or stack read
        self._asked: tuple | None = None  # what the pending request checks
        self._held: Callable[[], None] | None = None  # the request waiting for the warm-up

    @property
    def pending(self) -> bool:
        return self._held is not None or self._runner.running

    @property
    def child(self) -> LiveLintChild:
        """The window's parse child (it also reads the checklist panel's files)."""
        return self._child

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
        if is_markdown_path(path) and (len(text) >= CHILD_PARSE_CHARS or self._child.in_use):
            # a child once up takes small files too (a new one after a crash): on another
            # core, it leaves the interpreter lock to the window, which is loading and
            # highlighting the text
            child = self._child
            work = lambda _progress: analyse_in_child(  # noqa: E731
                child, library, path, text, revision, early, style
            )
        else:
            work = lambda _progress: analyse(library, path, text, revision, early, style)  # noqa: E731
        if _warm_up.running:  # the newest request waits for the warm-up's last piece
            if self._held is None:
                _warm_up.then(self._start_held)
            self._runner.cancel()
            self._held = lambda: self._runner.start(work)
            return
        self._runner.start(work)

    def _start_held(self) -> None:
        held, self._held = self._held, None
        if held is not None:
            held()

    def cancel(self) -> None:
        self._held = None
        self._runner.cancel()

    def shutdown(self) -> None:
        self._held = None
        self._runner.cancel()
        self._child.close()  # first: a worker waiting on the child is released at once
        self._runner.shutdown()
