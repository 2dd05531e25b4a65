"""What a data-file rule sees: the file's text, or why its bytes are not text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class DataContext:
    path: Path
    text: str | None  # None: the bytes are not UTF-8
    not_text: str = ""  # why, when text is None

    @property
    def kind(self) -> str:
        suffix = self.path.suffix.lower()
        return {".yml": "YAML", ".yaml": "YAML", ".json": "JSON", ".toml": "TOML"}.get(suffix, "")
