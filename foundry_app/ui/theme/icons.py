"""The app's own icon, from resources/ (see core.bundled for where that folder is)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from foundry_app.core.bundled import resources_folder

ICON_FILE = "foundry.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)  # resources/make_icons.py draws these
PNG_NAME = "icons/foundry-{size}.png"


def png_file(size: int) -> Path:
    return resources_folder() / PNG_NAME.format(size=size)


def app_icon() -> QIcon:
    """Foundry's icon: the drawn PNG for each size (the small ones are hinted to the pixel
    grid), else the SVG; an empty icon if the resources are missing, never an error."""
    icon = QIcon()
    for size in PNG_SIZES:
        if png_file(size).is_file():
            icon.addFile(str(png_file(size)), QSize(size, size))
    if icon.isNull() and (resources_folder() / ICON_FILE).is_file():
        icon.addFile(str(resources_folder() / ICON_FILE))
    return icon
