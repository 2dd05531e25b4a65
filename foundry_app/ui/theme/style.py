"""The application's widget style: the platform's own, with check box frames and the focus
frame of a pane drawn in the theme's colours.

Fusion (and some platform styles) outline a check box in a shade of the window colour,
which on a dark theme all but vanishes against the dark ground of a list or a dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QWidget,
)

_BOXES = (
    QStyle.PrimitiveElement.PE_IndicatorCheckBox,
    QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
)


class ThemedStyle(QProxyStyle):
    """The theme manager sets the two colours whenever the theme changes."""

    box_frame: QColor | None = None
    focus_frame: QColor | None = None

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element == QStyle.PrimitiveElement.PE_Frame:
            self._draw_focus_frame(option, painter, widget)
            return
        if element not in _BOXES or self.box_frame is None:
            return
        state = option.state
        if state & QStyle.StateFlag.State_HasFocus and state & (
            QStyle.StateFlag.State_KeyboardFocusChange
        ):
            return  # the style's own focus outline is the cue that matters then
        _outline(painter, option.rect, self.box_frame)

    def _draw_focus_frame(
        self, option: QStyleOption, painter: QPainter, widget: QWidget | None
    ) -> None:
        """A pane with keyboard focus (tree, editor, preview, tables) is outlined in the
        selection colour, so the reader sees where keys go."""
        if self.focus_frame is None or not isinstance(widget, QAbstractScrollArea):
            return
        if not option.state & QStyle.StateFlag.State_HasFocus:
            return
        _outline(painter, option.rect, self.focus_frame)


def _outline(painter: QPainter, rect: QRect, colour: QColor) -> None:
    """A crisp one-pixel frame just inside `rect`."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setPen(QPen(colour, 1))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(rect.adjusted(0, 0, -1, -1))
    painter.restore()


_installed: ThemedStyle | None = None  # kept alive here: the application only borrows it


def themed_style() -> ThemedStyle | None:
    """The application's style, wrapped once (None without a widgets application)."""
    global _installed
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return None
    if _installed is None or app.style() is not _installed:
        _installed = ThemedStyle(app.style().name())
        app.setStyle(_installed)
    return _installed
