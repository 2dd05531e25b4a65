"""resources/: the icons, the desktop entry, the AppStream entry and the style sheets, and
how an installed or cloned Foundry finds them (Qt-free checks; the icon's pixels are in
tests/ui/test_icon.py)."""

from __future__ import annotations

import configparser
import re
import struct
import tomllib
import xml.etree.ElementTree as ET
from dataclasses import fields

import pytest
from helpers import ROOT, SHIPPED_LIBRARY

from foundry_app.core import bundled
from foundry_app.core.render import PreviewStyle

RESOURCES = ROOT / "resources"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?\b")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])  # IHDR's width and height


def test_clone_finds_the_top_level_folders():
    assert bundled.resources_folder() == RESOURCES
    assert bundled.library_folder() == SHIPPED_LIBRARY


def test_an_installed_package_prefers_its_own_copy(monkeypatch, tmp_path):
    package = tmp_path / "site-packages" / "foundry_app"
    (package / bundled.PACKAGED_FOLDER / "resources").mkdir(parents=True)
    monkeypatch.setattr(bundled, "_PACKAGE", package)
    assert bundled.resources_folder() == package / "_bundled" / "resources"
    # a folder the package lacks falls back to the clone's
    assert bundled.library_folder() == SHIPPED_LIBRARY


def test_the_packaged_folder_matches_the_build_config():
    targets = PYPROJECT["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert targets == {
        "resources": f"foundry_app/{bundled.PACKAGED_FOLDER}/{bundled.RESOURCES}",
        "ai-team-library": f"foundry_app/{bundled.PACKAGED_FOLDER}/{bundled.LIBRARY}",
    }


@pytest.mark.parametrize("size", PNG_SIZES)
def test_each_png_has_its_size(size):
    assert png_size((RESOURCES / "icons" / f"foundry-{size}.png").read_bytes()) == (size, size)


def test_the_ico_holds_every_size_up_to_256():
    data = (RESOURCES / "foundry.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = []
    for index in range(count):
        width, height, _, _, planes, bits, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * index : 22 + 16 * index]
        )
        side = width or 256
        assert (height or 256) == side and planes == 1 and bits == 32
        assert png_size(data[offset : offset + length]) == (side, side)
        sizes.append(side)
    assert sizes == [16, 24, 32, 48, 64, 128, 256]


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # keys are case-sensitive
    parser.read(RESOURCES / "foundry.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_desktop_entry_launches_the_installed_command():
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Foundry"
    assert entry["Exec"].split()[0] in PYPROJECT["project"]["scripts"]
    assert entry["Icon"] == "foundry" and (RESOURCES / "icons" / "foundry-48.png").is_file()
    assert entry["Terminal"] == "false"
    categories = entry["Categories"]
    assert categories.endswith(";") and "Development" in categories.split(";")
    # the window's class on X11 is the application name that app.py sets
    app_source = (ROOT / "foundry_app" / "ui" / "window" / "app.py").read_text(encoding="utf-8")
    assert f'setApplicationName("{entry["StartupWMClass"]}")' in app_source
    assert 'setDesktopFileName("foundry")' in app_source


def test_the_desktop_entry_uses_only_known_keys():
    known = {
        "Type", "Name", "GenericName", "Comment", "Exec", "Icon", "Terminal", "Categories",
        "Keywords", "StartupWMClass", "MimeType", "StartupNotify",
    }  # fmt: skip
    assert set(desktop_entry()) <= known


def test_the_metainfo_describes_the_app():
    component = ET.parse(RESOURCES / "io.github.foundry.Foundry.metainfo.xml").getroot()
    assert component.get("type") == "desktop-application"
    assert component.findtext("id") == "io.github.foundry.Foundry"
    assert component.findtext("metadata_license") == "CC0-1.0"
    assert component.findtext("name") == "Foundry"
    assert component.findtext("summary").strip()
    assert component.find("description/p").text.strip()
    launchable = component.find("launchable")
    assert launchable.get("type") == "desktop-id"
    assert (RESOURCES / launchable.text).is_file()
    assert component.find("content_rating").get("type") == "oars-1.1"
    releases = [r.get("version") for r in component.findall("releases/release")]
    assert releases[0] == PYPROJECT["project"]["version"]
    images = [i.text for i in component.findall("screenshots/screenshot/image")]
    assert images and all(i.startswith("https://") for i in images)
    shown = [i.split("/main/", 1)[1] for i in images]
    assert "docs/screenshot-light.png" in shown
    assert all((ROOT / path).is_file() for path in shown)


STYLE_SHEETS = ("preview.css", "export.css", "message-bar.qss")


@pytest.mark.parametrize("name", STYLE_SHEETS)
def test_style_sheets_name_no_colour_of_their_own(name):
    text = (RESOURCES / name).read_text(encoding="utf-8")
    body = re.sub(r"/\*.*?\*/", "", text, flags=re.DOTALL)
    # a selector by object name (#$bar) is not a colour
    assert HEX_COLOUR.findall(body) == []
    assert "$" in body


def test_the_colour_check_would_catch_one():
    assert HEX_COLOUR.findall("a { color: #0550ae; } b { color: #fff; }") == ["#0550ae", "#fff"]
    assert HEX_COLOUR.findall("#$bar { color: $text; }") == []


def test_the_preview_sheet_asks_only_for_colours_a_theme_has():
    names = set(bundled.style_template("preview.css").get_identifiers())
    assert names and names <= {field.name for field in fields(PreviewStyle)}


def test_a_loaded_sheet_keeps_no_comment_and_no_placeholder():
    from foundry_app.core.render import preview_css

    css = preview_css()
    assert "/*" not in css and "$" not in css
    assert f"body {{ color: {PreviewStyle().text};" in css
