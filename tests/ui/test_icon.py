"""The window carries Foundry's own icon, drawn from resources/ (the PNG sizes, from the SVGs)."""

from __future__ import annotations

import importlib.util

import pytest
from helpers import ROOT
from PySide6.QtGui import QImage

from foundry_app.ui.theme.icons import PNG_SIZES, app_icon, png_file


def load_make_icons():
    script = ROOT / "resources" / "make_icons.py"
    spec = importlib.util.spec_from_file_location("make_icons", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def opaque_pixels(image: QImage) -> int:
    size = image.width()
    return sum(image.pixelColor(x, y).alpha() > 0 for x in range(size) for y in range(size))


def test_the_icon_renders_at_16_px(qapp):
    image: QImage = app_icon().pixmap(16, 16).toImage()
    assert image.width() == 16
    assert opaque_pixels(image) > 16 * 16 // 2  # a tile, not an empty or broken image


def test_the_icon_offers_every_drawn_size(qapp):
    assert sorted(s.width() for s in app_icon().availableSizes()) == list(PNG_SIZES)


def test_the_16_px_icon_is_the_hand_hinted_drawing(qapp):
    # the page's edges fall on whole pixels: its left column is pure white, not a blend
    image = QImage(str(png_file(16)))
    page_left, middle = 4, 4  # above the tick, left of the fold
    assert image.pixelColor(page_left, middle).name() == "#ffffff"
    assert image.pixelColor(page_left - 1, middle).name() != "#ffffff"


@pytest.mark.parametrize("size", PNG_SIZES)
def test_the_committed_pngs_match_their_svg(qapp, size):
    """A changed SVG without `uv run python resources/make_icons.py` fails here."""
    fresh = load_make_icons().render(size).convertToFormat(QImage.Format.Format_ARGB32)
    committed = QImage(str(png_file(size))).convertToFormat(QImage.Format.Format_ARGB32)
    assert committed.size() == fresh.size()
    worst = 0
    for y in range(0, size, max(1, size // 64)):
        for x in range(0, size, max(1, size // 64)):
            a, b = fresh.pixelColor(x, y), committed.pixelColor(x, y)
            worst = max(worst, *(abs(p - q) for p, q in zip(a.getRgb(), b.getRgb(), strict=True)))
    assert worst <= 8  # room for another Qt version's anti-aliasing, not for another drawing


def test_the_window_sets_its_own_icon(window):
    assert not window.windowIcon().isNull()
    assert window.windowIcon().cacheKey() != 0
    assert not window.windowIcon().pixmap(32, 32).isNull()
