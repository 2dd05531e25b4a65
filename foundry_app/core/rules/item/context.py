"""What an item rule sees: the item and the code examples in its files."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from foundry_app.core.library import Item


@dataclass(frozen=True)
class ItemContext:
    item: Item
    fence_counts: Mapping[Path, int]  # fenced code blocks per Markdown file of the item

    def entry_file(self) -> Path:
        """Where item-wide findings go: the first required file, else the folder."""
        for name in self.item.kind.required_files:
            if (self.item.path / name) in self.item.files:
                return self.item.path / name
        return self.item.path
