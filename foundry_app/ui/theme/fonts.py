"""Fonts: the system's defaults (sizes in points, so high-DPI scaling is Qt's job), the
families and sizes from the preferences, and zoom as a number of steps on top of them."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

ZOOM_STEP_POINTS = 1.0
MIN_POINTS, MAX_POINTS = 5.0, 72.0


def default_editor_font() -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setStyleHint(QFont.StyleHint.Monospace)  # where "monospace" maps to nothing fixed
    font.setFixedPitch(True)
    return font


def default_preview_font() -> QFont:
    return QFont(QGuiApplication.font())


def chosen_font(base: QFont, family: str = "", points: float = 0) -> QFont:
    """`base` with the preferred family and size where they are set (empty / 0: keep)."""
    font = QFont(base)
    if family:
        font.setFamily(family)
    if points > 0:
        font.setPointSizeF(points)
    return font


def zoomed(font: QFont, steps: int) -> QFont:
    """`font` made `steps` sizes larger (negative: smaller), kept readable."""
    result = QFont(font)
    size = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
    result.setPointSizeF(min(MAX_POINTS, max(MIN_POINTS, size + steps * ZOOM_STEP_POINTS)))
    return result
