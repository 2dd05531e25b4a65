"""Foundry's per-user folders on Linux, by the XDG rule platformdirs follows, worked out
without importing platformdirs (about 20 ms at start-up, and every lint asks)."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def linux_folder(variable: str, under_home: str) -> Path | None:
    """`$variable/foundry`, else `~/<under_home>/foundry`, each only when absolute, as
    platformdirs gives them on Linux; None on other systems or without either."""
    if sys.platform != "linux" or hasattr(sys, "getandroidapilevel"):
        return None
    xdg = os.environ.get(variable, "")
    if os.path.isabs(xdg):
        return Path(xdg, "foundry")
    home = os.environ.get("HOME", "")
    if os.path.isabs(home):
        return Path(home.rstrip("/") or "/", *under_home.split("/"), "foundry")
    return None
