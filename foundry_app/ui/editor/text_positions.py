"""Map core's 1-based line/column (Python code points) onto QTextDocument positions.

Qt counts UTF-16 units, Python counts code points: they differ on characters outside the
BMP (emoji), so every conversion between the two goes through here.
"""

from __future__ import annotations

from PySide6.QtGui import QTextBlock, QTextDocument

_ASTRAL = 0xFFFF


def utf16_length(text: str) -> int:
    """Length of `text` in UTF-16 units, which is what Qt positions count."""
    if text.isascii():
        return len(text)
    return len(text) + sum(1 for ch in text if ord(ch) > _ASTRAL)


def utf16_offsets(text: str) -> list[int] | None:
    """UTF-16 offset of every code-point index (len+1 entries), or None when they coincide."""
    if text.isascii() or all(ord(ch) <= _ASTRAL for ch in text):
        return None
    offsets = [0]
    for ch in text:
        offsets.append(offsets[-1] + (2 if ord(ch) > _ASTRAL else 1))
    return offsets


def document_position(document: QTextDocument, line: int, column: int) -> int:
    """Position of 1-based (line, column); clamped like core's apply_edits (past end → end)."""
    return _position(document, _block(document, line), column)


def document_span(
    document: QTextDocument, line: int, column: int, end_line: int, end_column: int
) -> tuple[int, int]:
    """Positions of two 1-based (line, column) places; the line is looked up once when
    both are on it, as most diagnostics are (a big file pins thousands)."""
    block = _block(document, line)
    end_block = block if end_line == line else _block(document, end_line)
    return (
        _position(document, block, column),
        _position(document, end_block, end_column),
    )


def _block(document: QTextDocument, line: int) -> QTextBlock | None:
    return document.findBlockByNumber(line - 1) if line >= 1 else None


def _position(document: QTextDocument, block: QTextBlock | None, column: int) -> int:
    if block is None:  # before the first line
        return 0
    if not block.isValid():  # past the last line
        return document.characterCount() - 1
    text = block.text()
    index = min(max(column - 1, 0), len(text))
    return block.position() + utf16_length(text[:index])


def line_of(document: QTextDocument, position: int) -> int:
    """1-based line (block) that holds `position`."""
    return document.findBlock(position).blockNumber() + 1


def document_text(document: QTextDocument) -> str:
    """The exact text, '\\n' newlines (toPlainText turns non-breaking spaces into spaces)."""
    return document.toRawText().replace("\u2029", "\n")


def changed_region(old: str, new: str) -> tuple[int, int, int]:
    """(prefix, old_stop, new_stop): old[prefix:old_stop] became new[prefix:new_stop]."""
    limit = min(len(old), len(new))
    prefix = 0
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    return prefix, len(old) - suffix, len(new) - suffix
