"""Inline "go to line" bar: type a number, Enter jumps (clamped to the document), Esc closes."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget


class GoToLineBar(QWidget):
    lineChosen = Signal(int)  # 1-based, already within bounds
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("goToLineBar")
        self._line_count = 1
        self.number = QLineEdit(self, objectName="goToLineNumber")
        # Digits only, no range: an out-of-range number is clamped rather than refused silently.
        self.number.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"\d{0,9}"), self.number)
        )
        self.bounds = QLabel(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(QLabel("Go to line:", self))
        layout.addWidget(self.number)
        layout.addWidget(self.bounds)
        layout.addStretch(1)
        self.number.returnPressed.connect(self._choose)
        self.hide()

    def open_bar(self, current_line: int, line_count: int) -> None:
        self._line_count = max(1, line_count)
        self.bounds.setText(f"(1–{self._line_count})")
        self.number.setText(str(current_line))
        self.show()
        self.number.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.number.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)

    def _choose(self) -> None:
        text = self.number.text()
        if not text:
            return
        line = min(max(int(text), 1), self._line_count)
        self.hide()
        self.lineChosen.emit(line)
