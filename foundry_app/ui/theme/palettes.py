"""The two themes: every colour Foundry paints is named here and nowhere else.

A theme is Qt palette roles (what standard widgets draw with) plus named accents (what
Foundry itself paints: syntax, problem marks, bars, badges, the preview page). Colours
meant to be read are chosen to reach 4.5:1 against the ground they sit on; the tests
check that from the numbers and from rendered pixels.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from PySide6.QtGui import QColor, QPalette

from foundry_app.core.render import PreviewStyle

# accents whose colour is read as text against the editor's base colour
EDITOR_TEXT_ACCENTS = (
    "heading",
    "emphasis",
    "strike",
    "marker",
    "quote",
    "link_text",
    "link_target",
    "code",
    "fence",
    "comment",
)


@dataclass(frozen=True)
class Theme:
    name: str  # "light" or "dark": the value stored in the settings
    title: str
    dark: bool
    roles: Mapping[str, str]  # QPalette.ColorRole name → colour
    accents: Mapping[str, str]
    pygments_style: str  # its tokens are read against accents["code_background"]

    def color(self, accent: str) -> QColor:
        return QColor(self.accents[accent])

    def role(self, name: str) -> QColor:
        return QColor(self.roles[name])

    def palette(self) -> QPalette:
        palette = QPalette()
        for name, value in self.roles.items():
            palette.setColor(QPalette.ColorRole[name], QColor(value))
        disabled = QColor(self.accents["disabled"])
        for role in ("WindowText", "Text", "ButtonText", "HighlightedText"):
            palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole[role], disabled)
        return palette

    def preview_style(self) -> PreviewStyle:
        a = self.accents
        return PreviewStyle(
            text=self.roles["Text"],
            background=self.roles["Base"],
            code_text=a["code_text"],
            code_background=a["code_background"],
            muted=a["muted"],
            link=self.roles["Link"],
            checkbox=a["checkbox"],
            table_header=a["table_header"],
            border=a["border"],
            extra_cell=a["error"],
            pygments_style=self.pygments_style,
        )


def _frozen(values: dict[str, str]) -> Mapping[str, str]:
    return MappingProxyType(values)


LIGHT = Theme(
    name="light",
    title="Light",
    dark=False,
    roles=_frozen(
        {
            "Window": "#f3f4f6",
            "WindowText": "#1f2328",
            "Base": "#ffffff",
            "AlternateBase": "#f6f8fa",
            "Text": "#1f2328",
            "PlaceholderText": "#59636e",
            "Button": "#e9ecef",
            "ButtonText": "#1f2328",
            "BrightText": "#ffffff",
            "Highlight": "#0969da",
            "HighlightedText": "#ffffff",
            "ToolTipBase": "#ffffff",
            "ToolTipText": "#1f2328",
            "Link": "#0550ae",
            "LinkVisited": "#6639ba",
            "Light": "#ffffff",
            "Midlight": "#eaeef2",
            "Mid": "#c5ccd3",
            "Dark": "#8c959f",
            "Shadow": "#6e7781",
        }
    ),
    accents=_frozen(
        {
            "heading": "#0550ae",
            "emphasis": "#6f42c1",
            "strike": "#59636e",
            "marker": "#a3400c",
            "quote": "#2f6b3a",
            "link_text": "#0a6660",
            "link_target": "#57606a",
            "code": "#9a2a2a",
            "fence": "#6b4f10",
            "comment": "#59636e",
            "error": "#cf222e",
            "warning": "#b06f00",
            "badge": "#59636e",
            "disabled": "#8c959f",
            "muted": "#59636e",
            "checkbox": "#0550ae",
            "indicator_border": "#6e7781",
            "focus_frame": "#0969da",
            "code_text": "#1f2328",
            "code_background": "#f6f8fa",
            "table_header": "#eaeef2",
            "border": "#d0d7de",
            "bar_text": "#1f2328",
            "bar_warning": "#fff8c5",
            "bar_warning_border": "#d4a72c",
            "bar_info": "#ddf4ff",
            "bar_info_border": "#54aeff",
        }
    ),
    pygments_style="xcode",
)

DARK = Theme(
    name="dark",
    title="Dark",
    dark=True,
    roles=_frozen(
        {
            "Window": "#1f2329",
            "WindowText": "#e6edf3",
            "Base": "#161b22",
            "AlternateBase": "#1c2128",
            "Text": "#e6edf3",
            "PlaceholderText": "#9198a1",
            "Button": "#2d333b",
            "ButtonText": "#e6edf3",
            "BrightText": "#ffffff",
            "Highlight": "#2f6fd0",
            "HighlightedText": "#ffffff",
            "ToolTipBase": "#2d333b",
            "ToolTipText": "#e6edf3",
            "Link": "#58a6ff",
            "LinkVisited": "#bc8cff",
            "Light": "#3d444d",
            "Midlight": "#30363d",
            "Mid": "#262c34",
            "Dark": "#0d1117",
            "Shadow": "#010409",
        }
    ),
    accents=_frozen(
        {
            "heading": "#79c0ff",
            "emphasis": "#d2a8ff",
            "strike": "#9198a1",
            "marker": "#ffa657",
            "quote": "#8ddb8c",
            "link_text": "#56d4dd",
            "link_target": "#9198a1",
            "code": "#ff9492",
            "fence": "#e3b341",
            "comment": "#9198a1",
            "error": "#ff6a69",
            "warning": "#d29922",
            "badge": "#9198a1",
            "disabled": "#6e7681",
            "muted": "#9198a1",
            "checkbox": "#58a6ff",
            "indicator_border": "#8b949e",
            "focus_frame": "#4493f8",
            "code_text": "#e6edf3",
            "code_background": "#0d1117",
            "table_header": "#21262d",
            "border": "#3d444d",
            "bar_text": "#e6edf3",
            "bar_warning": "#3a2e12",
            "bar_warning_border": "#9e6a03",
            "bar_info": "#0f2942",
            "bar_info_border": "#1f6feb",
        }
    ),
    pygments_style="github-dark",
)

THEMES = {theme.name: theme for theme in (LIGHT, DARK)}
