"""The one place Foundry's colours and fonts come from (see palettes.py)."""

from foundry_app.ui.theme.contrast import contrast_ratio
from foundry_app.ui.theme.manager import CHOICES, DEFAULT_CHOICE, current_theme, themes
from foundry_app.ui.theme.palettes import DARK, LIGHT, THEMES, Theme

__all__ = [
    "CHOICES",
    "DARK",
    "DEFAULT_CHOICE",
    "LIGHT",
    "THEMES",
    "Theme",
    "contrast_ratio",
    "current_theme",
    "themes",
]
