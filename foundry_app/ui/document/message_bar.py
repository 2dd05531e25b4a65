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
            button.setAccessibleName(label.rstrip("…"))
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
    """Shown instead of the workbench when there is no usable library: what Foundry does,
    why nothing is open, and the three ways to a library."""

    bundledLibraryRequested = Signal()
    openLibraryRequested = Signal()
    createLibraryRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        self.setAccessibleName("No library open")
        title = QLabel("<h2>Foundry</h2>", self)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.intro = QLabel(
            "Foundry checks a library of Markdown guidance against the library's own "
            "template as you write, beside a live preview.<br>"
            "Open the bundled ai-team-library to look around, open a library of your own, "
            "or start a new one in an empty folder.",
            self,
        )
        self.intro.setObjectName("emptyStateIntro")
        self.intro.setWordWrap(True)
        self.intro.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error = QLabel(self)
        self.error.setObjectName("emptyStateError")
        self.error.setWordWrap(True)
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.bundled_button = self._button(
            "Open the bundled library",
            "openBundledLibraryButton",
            "The ai-team-library that ships with Foundry",
            self.bundledLibraryRequested,
        )
        self.open_button = self._button(
            "Open a library…",
            "openLibraryButton",
            "A folder with a library.toml, or with an ai-team-library's folders (stacks/ or "
            "expertise/, personas/), checked with Foundry's standard template",
            self.openLibraryRequested,
        )
        self.create_button = self._button(
            "Create a new library…",
            "createLibraryButton",
            "Choose an empty folder: Foundry writes its standard template there as "
            "library.toml (what foundry init does) and opens it",
            self.createLibraryRequested,
        )

        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (title, self.intro, self.error):
            layout.addWidget(widget)
        row = QHBoxLayout()
        row.addStretch(1)
        for button in (self.bundled_button, self.open_button, self.create_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

    def _button(self, text: str, name: str, tip: str, signal) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(text.rstrip("…"))
        button.setToolTip(tip)
        button.clicked.connect(signal)
        return button

    def set_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def set_bundled_available(self, available: bool) -> None:
        """Off when the bundled library is missing (an install without it)."""
        self.bundled_button.setEnabled(available)
