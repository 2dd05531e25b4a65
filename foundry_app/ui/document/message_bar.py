"""Small non-modal surfaces: a message bar above the editor and the no-library empty state."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from foundry_app.core.bundled import style_template
from foundry_app.ui.theme import Theme, current_theme, themes

BAR_STYLE_SHEET = "message-bar.qss"  # in resources/, with the colours left as $names


def bar_style_sheet(object_name: str, style: str, theme: Theme) -> str:
    """The bar's ground, border and text colour in `theme` ("warning" or "info")."""
    return style_template(BAR_STYLE_SHEET).substitute(
        bar=object_name,
        ground=theme.accents[f"bar_{style}"],
        border=theme.accents[f"bar_{style}_border"],
        text=theme.accents["bar_text"],
    )


class MessageBar(QWidget):
    """A hidden-by-default strip with a message and a few buttons; a button hides it."""

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(8, 4, 8, 4)
        self._layout.addWidget(self.label, 1)
        self._buttons: list[QPushButton] = []
        self._style = "warning"
        themes().changed.connect(self._apply_theme)
        self.hide()

    def show_message(
        self,
        text: str,
        actions: Sequence[tuple[str, Callable[[], None]]] = (),
        *,
        style: str = "warning",
    ) -> None:
        for button in self._buttons:
            button.deleteLater()
        self._buttons = []
        self.label.setText(text)
        self._style = style
        self._apply_theme(current_theme())
        for label, callback in actions:
            button = QPushButton(label, self)
            button.setObjectName(label.replace(" ", "").replace("…", "") + "Button")
            button.clicked.connect(lambda _=False, run=callback: self._run(run))
            self._layout.addWidget(button)
            self._buttons.append(button)
        self.show()

    def _apply_theme(self, theme: Theme) -> None:
        self.setStyleSheet(bar_style_sheet(self.objectName(), self._style, theme))

    def button(self, label: str) -> QPushButton | None:
        return next((b for b in self._buttons if b.text() == label), None)

    def _run(self, callback: Callable[[], None]) -> None:
        self.hide()
        callback()


class EmptyState(QWidget):
    """Shown instead of the workbench when there is no usable library."""

    openLibraryRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        title = QLabel("<h2>No library open</h2>", self)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error = QLabel(self)
        self.error.setObjectName("emptyStateError")
        self.error.setWordWrap(True)
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        hint = QLabel(
            "A library is a folder with a <code>library.toml</code> that declares its "
            "template, e.g. the bundled <code>ai-team-library</code>, or a folder with an "
            "ai-team-library's folders (<code>stacks/</code> or <code>expertise/</code>, "
            "<code>personas/</code>), checked with Foundry's standard template.",
            self,
        )
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.open_button = QPushButton("Open Library…", self)
        self.open_button.setObjectName("openLibraryButton")
        self.open_button.clicked.connect(self.openLibraryRequested)

        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (title, self.error, hint):
            layout.addWidget(widget)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.open_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

    def set_error(self, text: str) -> None:
        self.error.setText(text)
