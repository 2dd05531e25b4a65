"""The list of recently opened libraries: newest first, no repeats, at most ten."""

from __future__ import annotations

import json
import os
from pathlib import Path

LIMIT = 10


def remember(recent: list[str], path: Path | str, limit: int = LIMIT) -> list[str]:
    """`recent` with `path` moved (or added) to the front."""
    key = os.path.normpath(os.fspath(path))
    return [key, *(p for p in recent if os.path.normpath(p) != key)][:limit]


def forget(recent: list[str], path: Path | str) -> list[str]:
    key = os.path.normpath(os.fspath(path))
    return [p for p in recent if os.path.normpath(p) != key]


def forget_missing(recent: list[str]) -> list[str]:
    return [p for p in recent if Path(p).is_dir()]


def load(stored: object) -> list[str]:
    """The list as kept in settings (a JSON list of paths); anything else reads as empty."""
    if not isinstance(stored, str) or not stored:
        return []
    try:
        value = json.loads(stored)
    except ValueError:
        return []
    return [p for p in value if isinstance(p, str) and p][:LIMIT] if isinstance(value, list) else []


def dump(recent: list[str]) -> str:
    return json.dumps(recent)
