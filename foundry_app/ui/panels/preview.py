"""The rendered preview: a QTextBrowser that fetches nothing from outside the library and
routes every link click.

`task:<line>` ticks a checkbox, a relative link opens a library file, http(s)/mailto go
to the desktop, `#slug` scrolls here. A click on text moves the editor to that block's
source line. Re-rendering keeps the reader where they were. The only resources it
loads are images given by a relative path that resolves inside the library.
"""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

from PySide6.QtCore import QByteArray, QPoint, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QDesktopServices,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QTextBlock,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QTextBrowser, QWidget

from foundry_app.core.large_file import (
    PREVIEW_WINDOW_CHARS,
    moved_window,
    page_chars,
    preview_window,
    window_holds,
)
from foundry_app.core.render import REFUSED_SCHEME, RenderedBlock, is_local_image, page_html
from foundry_app.ui.focus_keys import moves_focus

_EMPTY_BODY = "<body></body>"

_LINE_ANCHOR = re.compile(r"""<a\s[^>]*?name\s*=\s*["']?L(\d+)\b""", re.IGNORECASE)
_EXTERNAL_SCHEMES = {"http", "https", "mailto"}
_IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp", ".svg"}
_MAX_IMAGE_BYTES = 20 * 1024 * 1024
_MAX_IMAGE_WIDTH = 900  # a photo straight from a camera must not push the text aside


class MarkdownPreview(QTextBrowser):
    taskToggled = Signal(int)  # 1-based source line of the clicked checkbox
    fileLinkActivated = Signal(str)  # the href as written, e.g. "../python/conventions.md#x"
    linkRefused = Signal(str)  # why a clicked link does nothing (for the status bar)
    sourceLineClicked = Signal(int)  # 1-based source line of the block that was clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preview")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self._html: str | None = None
        # the text the page was rendered from: a click is mapped from it to the buffer
        self.source_text: str | None = None
        self._anchor_lines: list[int] = []
        # (document position, line) of the page's line anchors, found when first asked for
        self._anchor_positions: list[tuple[int, int]] | None = None
        self._base: Path | None = None  # folder of the file shown
        self._root: Path | None = None  # images load only from inside this folder
        self._blocks: list[RenderedBlock] | None = None  # a big file's preview, in parts
        self._window = (0, 0)  # the blocks on the page now
        self._page_chars = PREVIEW_WINDOW_CHARS  # HTML per page, sized to the pane once shown
        self._setting_page = False
        self._shell = page_html("")
        self._top_line = 1
        self.anchorClicked.connect(self.follow_link)
        # the reader's own scrolling (wheel, keys, the bar), not the editor's sync
        self.verticalScrollBar().actionTriggered.connect(self._on_scroll_action)

    def show_html(self, html: str, source_text: str | None = None) -> None:
        """Render the whole page `html` (made from `source_text`), keeping the scroll
        position; an unchanged page is not re-rendered."""
        self._blocks = None
        self._set_page(html, source_text)

    def show_blocks(
        self, blocks: list[RenderedBlock], shell: str | None = None, source_text: str | None = None
    ) -> None:
        """A big file's preview: only the blocks around the editor's top line are laid out
        (inside `shell`, an empty page in the theme's style), and the page moves along as
        the editor scrolls."""
        self._blocks = list(blocks)
        self._shell = shell if shell and _EMPTY_BODY in shell else page_html("")
        self._show_window(self._top_line, source_text)

    def showing_part(self) -> bool:
        return self._blocks is not None

    def printable_document(self) -> QTextDocument:
        """The whole page, to print or export, even while only a window of it is shown; a
        new document then, which the caller deletes (its parent, this preview, is what
        loads the page's images)."""
        if self._blocks is None:
            return self.document()
        whole = QTextDocument(self)
        whole.setDefaultFont(self.document().defaultFont())
        body = "".join(block.html for block in self._blocks)
        whole.setHtml(self._shell.replace(_EMPTY_BODY, f"<body>{body}</body>", 1))
        return whole

    def _show_window(
        self,
        line: int,
        source_text: str | None,
        window: tuple[int, int] | None = None,
        *,
        upward: bool = False,
    ) -> None:
        """The window of blocks for `line` at the top (or `window` itself) on the page; for
        a reader going `upward`, most of it above the line."""
        assert self._blocks is not None
        self._window = window or preview_window(self._blocks, line, self._page_chars, upward=upward)
        first, stop = self._window
        body = "".join(block.html for block in self._blocks[first:stop])
        html = self._shell.replace(_EMPTY_BODY, f"<body>{body}</body>", 1)
        self._set_page(html, source_text)
        height = self.document().size().height()
        self._page_chars = page_chars(len(html), height, self.viewport().height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        taller = event.size().height() > event.oldSize().height()
        if self._blocks is None or self._setting_page or not taller:
            return  # a scroll bar coming and going while a page is set changes only the width
        height = self.document().size().height()
        if height < 2 * self.viewport().height():  # the page was sized for a shorter pane
            self._page_chars = page_chars(len(self._html or ""), height, self.viewport().height())
            self._show_window(self._top_line, self.source_text)

    def _set_page(self, html: str, source_text: str | None) -> None:
        self.source_text = source_text
        if html == self._html:
            return
        vertical, horizontal = self.verticalScrollBar(), self.horizontalScrollBar()
        top, left = vertical.value(), horizontal.value()
        focused = self.focused_link()  # a keyboard user keeps their place on the new page
        self._html = html
        self._anchor_lines = sorted({int(n) for n in _LINE_ANCHOR.findall(html)})
        self._setting_page = True  # the page is not laid out yet: resizes wait till it is
        policy = self.verticalScrollBarPolicy()
        # setHtml empties the page first, so an as-needed scroll bar went and came back and
        # the page was laid out twice, once per width (30 ms for mlops instead of 15)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        try:
            self.setHtml(html)
            if focused:
                self.select_link(focused)
            # walking every fragment of the page took longer than laying it out (150 ms
            # for a 14 KB file with highlighted code): only a click in the page needs it
            self._anchor_positions = None
            # Lay out the whole page now, or the scroll range is still too short to restore into.
            layout = self.document().documentLayout()
            # and give the scroll bars its size now: Qt reports it a turn later, and until
            # then the range is an estimate (a 1,500-line fence: 4,000 px too long)
            layout.documentSizeChanged.emit(layout.documentSize())
        finally:
            self.setVerticalScrollBarPolicy(policy)  # a short page lays out once more, cheaply
            self._setting_page = False
        vertical.setValue(top)
        horizontal.setValue(left)

    def anchor_lines(self) -> list[int]:
        """Source lines that have an `L<n>` anchor in the current page, ascending."""
        return list(self._anchor_lines)

    def scroll_to_line(self, line: int) -> None:
        """Show source `line` at the top: inside a long block (a big table or fence), the
        page moves through the block in proportion to the line's place in it."""
        upward, self._top_line = line < self._top_line, line
        if self._blocks is not None and not window_holds(self._blocks, self._window, line):
            self._show_window(line, self.source_text, upward=upward)
        self._scroll_within(line)

    def _scroll_within(self, line: int) -> None:
        """scroll_to_line on the page as it is, whatever window it holds."""
        index = bisect.bisect_right(self._anchor_lines, line)
        bar = self.verticalScrollBar()
        if index == 0:
            bar.setValue(0)
            return
        start = self._anchor_lines[index - 1]
        self.scrollToAnchor(f"L{start}")
        top = bar.value()
        if index < len(self._anchor_lines):
            end = self._anchor_lines[index]
            self.scrollToAnchor(f"L{end}")
            bottom = bar.value()
        elif self.source_text is not None:  # the last block runs to the end of the page
            end, bottom = self.source_text.count("\n") + 1, bar.maximum()
        else:
            end, bottom = start, top
        if end > start and bottom > top:
            top += round((bottom - top) * (line - start) / (end - start))
        bar.setValue(top)

    def _on_scroll_action(self, _action: int) -> None:
        if self._blocks is not None:
            QTimer.singleShot(0, self, self._move_window_at_an_edge)  # once the value is set

    def _move_window_at_an_edge(self) -> None:
        """A window of a long page scrolled to its end (or start) by the reader moves on,
        the block at the top of the pane staying where it is, so the whole page can be
        read from here as well as by scrolling the editor."""
        if self._blocks is None or self._setting_page:
            return
        bar = self.verticalScrollBar()
        first, stop = self._window
        at_end = bar.value() >= bar.maximum() and stop < len(self._blocks)
        at_start = bar.value() <= bar.minimum() and first > 0
        if not (at_end or at_start):
            return
        near = self._line_near(self.cursorForPosition(QPoint(0, 0)).position())
        if near is None:
            return
        line, position = near
        anchor = QTextCursor(self.document())
        anchor.setPosition(position)
        offset = self.cursorRect(anchor).top()  # the top block's anchor, in the pane
        # a line above the window is what tells moved_window to take in the blocks above
        toward = self._blocks[first - 1].line if at_start else line
        moved = moved_window(self._blocks, self._window, toward, self._page_chars)
        self._show_window(line, self.source_text, moved)
        self._top_line = line
        self._scroll_within(line)  # its anchor at the top of the pane…
        bar.setValue(bar.value() - offset)  # …and back where it was in the pane

    def _line_near(self, position: int) -> tuple[int, int] | None:
        """(source line, document position) of the nearest line anchor at or before document
        `position`, found by walking back a few blocks (line_at's walk over the whole page is
        far slower); else the first after it, as on a page that opens on a table (Qt puts an
        empty block before it)."""
        start = self.document().findBlock(position)
        block = start
        while block.isValid():
            before = [found for found in _line_anchors(block) if found[1] <= position]
            if before:
                return before[-1]
            block = block.previous()
        block = start
        while block.isValid():
            found = next(_line_anchors(block), None)
            if found is not None:
                return found
            block = block.next()
        return None

    def follow_link(self, url: QUrl) -> None:
        """Route a clicked link; nothing is ever loaded into the browser itself."""
        scheme = url.scheme().lower()
        if scheme == "task":
            line = url.path()
            if line.isdigit():
                self.taskToggled.emit(int(line))
        elif scheme == REFUSED_SCHEME:
            self.linkRefused.emit(f"Not opened: {url.path()} is a link, not a checkbox")
        elif scheme in _EXTERNAL_SCHEMES:
            QDesktopServices.openUrl(url)
        elif not scheme and not url.path() and url.hasFragment():
            self.scrollToAnchor(url.fragment())
        elif not scheme and url.path():
            self.fileLinkActivated.emit(url.toString())
        else:
            self.linkRefused.emit(
                f"Not opened: {scheme}: links are not followed (only http, https and mailto)"
            )

    def set_base(self, folder: Path | None, root: Path | None) -> None:
        """Relative image paths resolve against `folder`, and only inside `root`."""
        self._base = Path(folder) if folder else None
        self._root = Path(root) if root else None

    def line_at(self, position: int) -> int | None:
        """Source line of the block that holds document `position` (its nearest anchor)."""
        if self._anchor_positions is None:
            self._anchor_positions = self._collect_anchor_positions()
        starts = [start for start, _ in self._anchor_positions]
        index = bisect.bisect_right(starts, position)
        return self._anchor_positions[index - 1][1] if index else None

    def focused_link(self) -> str:
        """The href of the link Tab moved to (shown selected), else ""."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return ""
        probe = QTextCursor(self.document())
        probe.setPosition(cursor.selectionStart() + 1)  # a format is the one before the cursor
        return probe.charFormat().anchorHref()

    def select_link(self, href: str) -> bool:
        """Give the link `href` the keyboard focus, as Tab would."""
        block = self.document().begin()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                fragment = iterator.fragment()
                if fragment.charFormat().anchorHref() == href:
                    cursor = QTextCursor(self.document())
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(
                        fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor
                    )
                    self.setTextCursor(cursor)
                    return True
                iterator += 1
            block = block.next()
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Tab moves from link to link (and Enter follows one, as Qt does); Space ticks a
        focused checkbox the way a click does; Ctrl+Tab leaves the page at once."""
        plain = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() == Qt.Key.Key_Space and plain == Qt.KeyboardModifier.NoModifier:
            href = self.focused_link()
            if href:
                self.anchorClicked.emit(QUrl(href))  # the very path of a click
                return
        if moves_focus(event):
            QWidget.focusNextPrevChild(self, event.key() == Qt.Key.Key_Tab)  # not link to link
            return
        super().keyPressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        point = event.position().toPoint()
        if self.textCursor().hasSelection() or self.anchorAt(point):
            return  # selecting text or following a link is not a jump
        line = self.line_at(self.cursorForPosition(point).position())
        if line is not None:
            self.sourceLineClicked.emit(line)

    def _collect_anchor_positions(self) -> list[tuple[int, int]]:
        found = []
        block = self.document().begin()
        while block.isValid():
            found.extend((position, line) for line, position in _line_anchors(block))
            block = block.next()
        return found

    def loadResource(self, kind: int, name: QUrl) -> QImage | QByteArray:
        """Only local images inside the library; no stylesheets, no network, no other file.
        A refusal is an empty resource, not None: given nothing, Qt would open the path
        itself, relative to the working folder."""
        if kind != int(QTextDocument.ResourceType.ImageResource):
            return QByteArray()
        path = self._local_image(name)
        if path is None:
            return QImage()
        image = QImage(str(path))
        if image.isNull():
            return QImage()
        if image.width() > _MAX_IMAGE_WIDTH:
            image = image.scaledToWidth(_MAX_IMAGE_WIDTH)
        return image

    def _local_image(self, name: QUrl) -> Path | None:
        if self._base is None or self._root is None:
            return None
        source = name.toString()
        if name.scheme() or not is_local_image(source):
            return None
        relative = unquote(source.split("#", 1)[0].split("?", 1)[0])
        path = Path(os.path.realpath(self._base / relative))
        root = Path(os.path.realpath(self._root))
        if root not in path.parents or path.suffix.lower() not in _IMAGE_SUFFIXES:
            return None
        try:
            if not path.is_file() or path.stat().st_size > _MAX_IMAGE_BYTES:
                return None
        except OSError:
            return None
        return path


def _line_anchors(block: QTextBlock) -> Iterator[tuple[int, int]]:
    """(source line, document position) of each line anchor in `block`, in order."""
    iterator = block.begin()
    while not iterator.atEnd():
        fragment = iterator.fragment()
        for name in fragment.charFormat().anchorNames():
            if name[:1] == "L" and name[1:].isdigit():
                yield int(name[1:]), fragment.position()
        iterator += 1
