"""The status bar's note that the open file is in large-file mode (see core.large_file)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from foundry_app.core.large_file import is_large, status_text


class LargeFileNote(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Large file", parent)
        self.setObjectName("largeFileNote")
        self.hide()

    def update_for(self, text: str | None) -> None:
        """Shown, with the reason as its tooltip, while `text` is a large file's."""
        large = text is not None and is_large(text)
        self.setVisible(large)
        if large:
            self.setToolTip(status_text(len(text.encode("utf-8"))))
