"""Where the window remembers itself between runs, and a stand-in that remembers nothing.

Tests pass their own QSettings(ini, IniFormat) or False, so the real user's settings are
never read or written by a test or a screenshot run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

GEOMETRY = "window/geometry"
STATE = "window/state"  # docks and toolbars
SPLITTER = "window/splitter"
LIBRARY = "library/root"
LAST_FILE = "library/lastFile"  # relative to the library root


class NoSettings:
    """Reads nothing, writes nothing (settings=False)."""

    def value(self, _key: str, default: Any = None) -> Any:
        return default

    def setValue(self, _key: str, _value: Any) -> None:
        pass

    def sync(self) -> None:
        pass


def settings_for(settings: QSettings | bool | None) -> QSettings | NoSettings:
    """None: the user's own settings; False: none at all; a QSettings: exactly that one."""
    if settings is None:
        return QSettings("Foundry", "Foundry")
    if settings is False or settings is True:
        return NoSettings()
    return settings


def read_bytes(settings: QSettings | NoSettings, key: str) -> QByteArray | None:
    value = settings.value(key)
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def read_path(settings: QSettings | NoSettings, key: str) -> Path | None:
    value = settings.value(key)
    return Path(value) if isinstance(value, str) and value else None
