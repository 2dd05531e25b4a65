"""The window carries Foundry's own icon, drawn from resources/foundry.svg."""

from __future__ import annotations

from PySide6.QtGui import QImage

from foundry_app.ui.theme.icons import ICON_FILE, app_icon, resources_folder


def test_the_icon_file_is_found_and_renders_at_16_px(qapp):
    folder = resources_folder()
    assert folder is not None and (folder / ICON_FILE).is_file()
    image: QImage = app_icon().pixmap(16, 16).toImage()
    assert image.width() == 16
    opaque = sum(image.pixelColor(x, y).alpha() > 0 for x in range(16) for y in range(16))
    assert opaque > 16 * 16 // 2  # a tile, not an empty or broken image


def test_the_window_sets_its_own_icon(window):
    assert not window.windowIcon().isNull()
    assert window.windowIcon().cacheKey() != 0
    assert not window.windowIcon().pixmap(32, 32).isNull()
