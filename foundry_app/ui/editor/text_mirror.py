"""The editor's text as a Python string, patched from Qt's change reports.

Copying a 5 MB document out of Qt is ~30 ms (`toRawText`, then the newline replace), and
the live lint reads the text after every pause in typing. Qt reports each change as
(position, removed, added) in UTF-16 units, so the mirror keeps only how much of each end
is still as last read, and on the next read copies the changed middle alone. Positions
are UTF-16 units and Python's are code points: they agree until the text holds a
character past U+FFFF, and from then on the mirror copies the whole text again.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtGui import QTextCursor, QTextDocument

from foundry_app.ui.editor.text_positions import document_text

_PAST_BMP = re.compile("[\U00010000-\U0010ffff]")


class TextMirror:
    """`text()` is the document's text through `convert` (the editor's own mapping of
    what Qt holds to the buffer's text), read whole once and then patched."""

    def __init__(self, document: QTextDocument, convert: Callable[[str], str]) -> None:
        self._document = document
        self._convert = convert  # applied char by char, so a part converts as the whole
        self._text: str | None = None
        self._changed = False
        self._past_bmp = False
        self._prefix = 0  # UTF-16 units at the start unchanged since the last read
        self._suffix = 0  # and at the end
        self._revision = -1  # the document's revision when last read or changed
        document.contentsChange.connect(self._on_change)

    def text(self) -> str:
        if self._text is None:
            text = self._convert(document_text(self._document))
            self._keep(text, _has_past_bmp(text))
        elif self._changed:
            self._patch()
        assert self._text is not None
        return self._text

    def in_sync(self) -> bool:
        """True when text() needs no copy out of Qt."""
        return self._text is not None and not self._changed

    def forget(self) -> None:
        """Read the whole text next time (the conversion changed, or a new text was loaded)."""
        self._text = None

    def _keep(self, text: str, past_bmp: bool) -> None:
        self._text = text
        self._changed = False
        self._past_bmp = past_bmp
        self._prefix = self._suffix = len(text)
        self._revision = self._document.revision()

    def _on_change(self, position: int, _removed: int, added: int) -> None:
        if self._text is None:
            return
        if self._past_bmp:  # its UTF-16 positions are not the string's indices
            self._text = None
            return
        document = self._document
        # A re-highlight reports its blocks as changed too, at the same revision: with undo
        # on, Qt raises the revision on every edit, so those reports change no text.
        if document.revision() == self._revision and document.isUndoRedoEnabled():
            return
        self._revision = document.revision()
        length = document.characterCount() - 1  # the last block's end is not text
        self._prefix = min(self._prefix, position)
        self._suffix = min(self._suffix, max(0, length - position - added))
        self._changed = True

    def _patch(self) -> None:
        old = self._text
        assert old is not None
        stop = self._document.characterCount() - 1 - self._suffix
        cursor = QTextCursor(self._document)
        cursor.setPosition(self._prefix)
        cursor.setPosition(max(stop, self._prefix), QTextCursor.MoveMode.KeepAnchor)
        middle = self._convert(cursor.selectedText().replace("\u2029", "\n"))
        text = "".join((old[: self._prefix], middle, old[len(old) - self._suffix :]))
        self._keep(text, _has_past_bmp(middle))  # the kept ends had none, or no patch


def _has_past_bmp(text: str) -> bool:
    return not text.isascii() and _PAST_BMP.search(text) is not None
