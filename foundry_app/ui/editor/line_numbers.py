"""The editor's gutter: line numbers plus a severity dot on every line with a problem."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QToolTip, QWidget

from foundry_app.ui.editor.diagnostic_marks import severity_color, tooltip_html

if TYPE_CHECKING:
    from foundry_app.ui.editor.editor import MarkdownEditor

_PADDING = 4


class LineNumberGutter(QWidget):
    """Painted by the editor's geometry; owns no state of its own."""

    def __init__(self, editor: MarkdownEditor) -> None:
        super().__init__(editor)
        self._editor = editor
        self.setObjectName("editorGutter")

    def marker_size(self) -> int:
        return max(6, self._editor.fontMetrics().height() - 6)

    def width_for_lines(self, line_count: int) -> int:
        digits = len(str(max(1, line_count)))
        number_width = self._editor.fontMetrics().horizontalAdvance("9") * max(digits, 2)
        return _PADDING + self.marker_size() + _PADDING + number_width + _PADDING * 2

    def sizeHint(self) -> QSize:
        return QSize(self.width_for_lines(self._editor.blockCount()), 0)

    def line_at(self, y: int) -> int:
        """1-based line shown at gutter height `y`."""
        return self._editor.cursorForPosition(QPoint(0, y)).blockNumber() + 1

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            text = self._editor.tooltip_for_line(self.line_at(event.pos().y()))
            if text:
                QToolTip.showText(event.globalPos(), tooltip_html(text), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        editor = self._editor
        painter = QPainter(self)
        painter.fillRect(event.rect(), self.palette().window())
        block = editor.firstVisibleBlock()
        # only the marks of the lines on screen: a big file has thousands
        bottom = editor.cursorForPosition(QPoint(0, editor.viewport().height())).block()
        markers = editor.marker_lines(block.position(), bottom.position() + bottom.length())
        current = editor.textCursor().blockNumber()
        size = self.marker_size()
        line_height = editor.fontMetrics().height()
        number_right = self.width() - _PADDING * 2
        offset = editor.contentOffset()
        top = editor.blockBoundingGeometry(block).translated(offset).top()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        while block.isValid() and top <= event.rect().bottom():
            height = editor.blockBoundingRect(block).height()
            if block.isVisible() and top + height >= event.rect().top():
                number = block.blockNumber()
                severity = markers.get(number + 1)
                if severity is not None:
                    painter.setPen(Qt.PenStyle.NoPen)
                    painter.setBrush(severity_color(severity))
                    dot_top = top + (line_height - size) / 2
                    painter.drawEllipse(QRectF(_PADDING, dot_top, size, size))
                font = QFont(editor.font())
                font.setBold(number == current)
                painter.setFont(font)
                painter.setPen(
                    self.palette().text().color()
                    if number == current
                    else self.palette().placeholderText().color()
                )
                painter.drawText(
                    0,
                    int(top),
                    number_right,
                    line_height,
                    Qt.AlignmentFlag.AlignRight,
                    str(number + 1),
                )
            block = block.next()
            top += height
        painter.end()
