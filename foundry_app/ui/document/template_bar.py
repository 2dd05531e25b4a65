"""The bar above the editor that says a library is checked with Foundry's standard
template, and offers to save that template into the library to customise it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from foundry_app.ui.document.message_bar import MessageBar

MESSAGE = "Checked with Foundry's standard template — Save it as library.toml to customise"
BUTTON = "Save as library.toml"


class TemplateBar(MessageBar):
    def __init__(self, parent=None) -> None:
        super().__init__("templateBar", parent)
        self._save: Callable[[], Path] | None = None
        self.saved: Callable[[Path], None] = lambda _path: None
        self.failed: Callable[[str], None] = lambda _text: None

    def show_for(self, uses_builtin: bool, save: Callable[[], Path]) -> None:
        """Shown while the library has no library.toml of its own; `save` writes it."""
        self._save = save
        if uses_builtin:
            self.show_message(MESSAGE, [(BUTTON, self._write)], style="info")
        else:
            self.hide()

    def _write(self) -> None:
        if self._save is None:
            return
        try:
            path = self._save()
        except (OSError, ValueError) as error:
            self.show_message(MESSAGE, [(BUTTON, self._write)], style="info")
            self.failed(f"Could not save the template: {error}")
            return
        self.hide()
        self.saved(path)
