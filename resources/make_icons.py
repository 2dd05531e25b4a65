"""Regenerate the PNG icons and the Windows .ico from the SVG sources in this folder.

Run from the repository: `uv run python resources/make_icons.py`. Only Qt is needed (the
app's own dependency), so the generated files are committed and this script is kept for
when the drawing changes.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no display needed

from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from foundry_app.ui.theme.icons import PNG_NAME, PNG_SIZES

HERE = Path(__file__).resolve().parent
LARGE_SOURCE = HERE / "foundry.svg"
SMALL_SOURCE = HERE / "foundry-small.svg"  # drawn on a 16 px grid for the smallest sizes
SMALL_UP_TO = 24
ICO_SIZES = tuple(size for size in PNG_SIZES if size <= 256)  # an .ico entry says at most 256
ICO_FILE = HERE / "foundry.ico"


def png_path(size: int) -> Path:
    return HERE / PNG_NAME.format(size=size)


def source_for(size: int) -> Path:
    return SMALL_SOURCE if size <= SMALL_UP_TO else LARGE_SOURCE


def render(size: int) -> QImage:
    """The icon at `size` × `size` pixels, transparent outside the tile."""
    renderer = QSvgRenderer(str(source_for(size)))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {source_for(size)}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def ico_bytes(images: dict[int, bytes]) -> bytes:
    """A multi-size .ico holding each size as PNG data (read by Windows Vista and later)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    directory, data = b"", b""
    offset = len(header) + 16 * len(images)
    for size, png in sorted(images.items()):
        side = 0 if size >= 256 else size  # 0 stands for 256 in the entry's one byte
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset + len(data))
        data += png
    return header + directory + data


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (kept alive)
    pngs = {size: png_bytes(render(size)) for size in PNG_SIZES}
    for size, data in pngs.items():
        png_path(size).parent.mkdir(exist_ok=True)
        png_path(size).write_bytes(data)
    ICO_FILE.write_bytes(ico_bytes({size: pngs[size] for size in ICO_SIZES}))
    print(f"wrote {len(pngs)} PNG files and {ICO_FILE.name} in {HERE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
