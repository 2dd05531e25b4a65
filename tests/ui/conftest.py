"""Fixtures for the window tests: a temp library, temp settings, and the window itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import GOOD_CONVENTIONS, make_library
from PySide6.QtCore import QSettings
from window_helpers import NOTES, README, make_window

from foundry_app.ui.window.main_window import MainWindow


@pytest.fixture
def library(tmp_path) -> Path:
    root = make_library(
        tmp_path / "lib",
        {
            "example": {"conventions.md": GOOD_CONVENTIONS, "notes.md": NOTES},
            "other": {"conventions.md": GOOD_CONVENTIONS},
        },
    )
    (root / "README.md").write_text(README, encoding="utf-8")
    return root


@pytest.fixture
def settings_file(tmp_path) -> Path:
    return tmp_path / "settings" / "foundry.ini"


@pytest.fixture
def settings(settings_file) -> QSettings:
    return QSettings(str(settings_file), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, library, settings) -> MainWindow:
    window = make_window(qtbot, library, settings)
    qtbot.waitUntil(lambda: window.results.complete, timeout=10_000)
    return window
