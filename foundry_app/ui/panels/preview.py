"""The rendered preview: a QTextBrowser that fetches nothing and routes every link click.

`task:<line>` ticks a checkbox, a relative link opens a library file, http(s)/mailto go
to the desktop, `#slug` scrolls here. Re-rendering keeps the reader where they were.
"""

from __future__ import annotations

import bisect
import re

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QTextBrowser, QWidget

_LINE_ANCHOR = re.compile(r"""<a\s[^>]*?name\s*=\s*["']?L(\d+)\b""", re.IGNORECASE)
_EXTERNAL_SCHEMES = {"http", "https", "mailto"}


class MarkdownPreview(QTextBrowser):
    taskToggled = Signal(int)  # 1-based source line of the clicked checkbox
    fileLinkActivated = Signal(str)  # the href as written, e.g. "../python/conventions.md#x"
    linkRefused = Signal(str)  # why a clicked link does nothing (for the status bar)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preview")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self._html: str | None = None
        # the text the page was rendered from: a click is mapped from it to the buffer
        self.source_text: str | None = None
        self._anchor_lines: list[int] = []
        self.anchorClicked.connect(self.follow_link)

    def show_html(self, html: str, source_text: str | None = None) -> None:
        """Render `html` (made from `source_text`) keeping the scroll position; an unchanged
        page is not re-rendered."""
        self.source_text = source_text
        if html == self._html:
            return
        vertical, horizontal = self.verticalScrollBar(), self.horizontalScrollBar()
        top, left = vertical.value(), horizontal.value()
        self._html = html
        self._anchor_lines = sorted({int(n) for n in _LINE_ANCHOR.findall(html)})
        self.setHtml(html)
        # Lay out the whole page now, or the scroll range is still too short to restore into.
        self.document().documentLayout().documentSize()
        vertical.setValue(top)
        horizontal.setValue(left)

    def anchor_lines(self) -> list[int]:
        """Source lines that have an `L<n>` anchor in the current page, ascending."""
        return list(self._anchor_lines)

    def scroll_to_line(self, line: int) -> None:
        """Show source `line` at the top: inside a long block (a big table or fence), the
        page moves through the block in proportion to the line's place in it."""
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

    def follow_link(self, url: QUrl) -> None:
        """Route a clicked link; nothing is ever loaded into the browser itself."""
        scheme = url.scheme().lower()
        if scheme == "task":
            line = url.path()
            if line.isdigit():
                self.taskToggled.emit(int(line))
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

    def loadResource(self, kind: int, name: QUrl) -> None:
        """Fetch nothing: no images, no stylesheets, no network — the preview is offline."""
        return None
