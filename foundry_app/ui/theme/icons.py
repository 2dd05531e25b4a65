"""The app's own icon, read from resources/ in a clone or from the package in a wheel."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from PySide6.QtGui import QIcon

ICON_FILE = "foundry.svg"


def resources_folder() -> Path | None:
    """resources/ as packaged in the wheel (foundry_app/_bundled/resources), else the
    repository's top-level resources/ beside the package."""
    packaged = resources.files("foundry_app") / "_bundled" / "resources"
    if packaged.is_dir():
        return Path(str(packaged))
    clone = Path(__file__).resolve().parents[3] / "resources"
    return clone if clone.is_dir() else None


def app_icon() -> QIcon:
    """Foundry's icon (an empty icon if the resources are missing, never an error)."""
    folder = resources_folder()
    if folder is None or not (folder / ICON_FILE).is_file():
        return QIcon()
    return QIcon(str(folder / ICON_FILE))
