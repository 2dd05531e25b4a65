"""The keys that move focus out of a pane where Tab itself means something (the editor
indents with it, the preview steps through its links)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent


def moves_focus(event: QKeyEvent) -> bool:
    """Ctrl+Tab (next pane) or Ctrl+Shift+Tab (previous pane)."""
    control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
    return bool(control) and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
