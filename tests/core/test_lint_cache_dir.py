"""The cache folder found without platformdirs is the one platformdirs gives."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from foundry_app.core.lint_cache import CACHE_ENV, cache_dir


@pytest.mark.skipif(sys.platform != "linux", reason="the XDG rule is worked out on Linux only")
@pytest.mark.parametrize(
    ("xdg", "home"),
    [
        (None, "/home/ada"),
        ("/var/tmp/xdg-cache", "/home/ada"),
        ("relative/cache", "/home/ada"),  # a relative XDG value is ignored
        ("", "/home/ada/"),
        (None, "/"),
    ],
)
def test_linux_cache_folder_matches_platformdirs(
    monkeypatch: pytest.MonkeyPatch, xdg: str | None, home: str
):
    monkeypatch.delenv(CACHE_ENV, raising=False)
    monkeypatch.setenv("HOME", home)
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    assert cache_dir() == Path(platformdirs.user_cache_dir("foundry", appauthor=False))


def test_explicit_cache_folder_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "c"))
    monkeypatch.setenv("XDG_CACHE_HOME", "/var/tmp/elsewhere")
    assert cache_dir() == tmp_path / "c"
