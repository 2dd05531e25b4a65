"""Read colours off rendered widgets: the ground of a region and the contrast of its ink."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QRect
from PySide6.QtGui import QImage, QTextCursor, QTextDocument
from PySide6.QtWidgets import QWidget

from foundry_app.ui.theme import contrast_ratio

Rgb = tuple[int, int, int]


def _rgb(pixel: int) -> Rgb:
    return (pixel >> 16) & 0xFF, (pixel >> 8) & 0xFF, pixel & 0xFF


def ground_and_ink(image: QImage, rect: QRect) -> tuple[Rgb, Rgb]:
    """The most common colour in `rect` (the ground) and the colour that stands out most
    from it (the core of the glyphs drawn on it)."""
    rect = rect.intersected(image.rect())
    assert rect.width() > 2 and rect.height() > 2, f"region {rect} is off the image"
    counts: Counter[Rgb] = Counter()
    for y in range(rect.top(), rect.bottom() + 1):
        for x in range(rect.left(), rect.right() + 1):
            counts[_rgb(image.pixel(x, y))] += 1
    ground = counts.most_common(1)[0][0]
    ink = max(counts, key=lambda color: contrast_ratio(color, ground))
    return ground, ink


def ink_contrast(image: QImage, rect: QRect) -> float:
    ground, ink = ground_and_ink(image, rect)
    return contrast_ratio(ground, ink)


def text_rect(widget, needle: str) -> QRect:
    """Where `needle` is drawn in the viewport of a QTextEdit or QPlainTextEdit."""
    document: QTextDocument = widget.document()
    found: QTextCursor = document.find(needle)
    assert not found.isNull(), f"{needle!r} is not in the document"
    start, end = QTextCursor(found), QTextCursor(found)
    start.setPosition(found.selectionStart())
    end.setPosition(found.selectionEnd())
    first, last = widget.cursorRect(start), widget.cursorRect(end)
    return QRect(first.left() - 2, first.top(), last.right() - first.left() + 4, first.height())


def viewport_image(widget) -> QImage:
    viewport: QWidget = widget.viewport()
    return viewport.grab().toImage()
