"""Which folders to watch so the tree follows changes made outside Foundry."""

from __future__ import annotations

import os
from collections import deque
from pathlib import Path

WATCH_LIMIT = 4000  # a share of the system's watch budget; beyond it, activation rescans


def folders_to_watch(root: Path | str, limit: int = WATCH_LIMIT) -> list[str]:
    """The library's folders, nearest the top first, at most `limit`: hidden folders are
    skipped, and a symlinked folder is followed only when it stays inside the library and
    has not been seen (a loop is visited once)."""
    root = os.path.realpath(os.fspath(root))
    seen = {root}
    found = [root]
    queue = deque([root])
    while queue and len(found) < limit:
        folder = queue.popleft()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue  # unreadable: nothing to watch inside
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if not entry.is_dir():
                    continue
                real = os.path.realpath(entry.path) if entry.is_symlink() else entry.path
            except OSError:
                continue
            if real in seen or not (real == root or real.startswith(root + os.sep)):
                continue
            seen.add(real)
            found.append(entry.path)
            queue.append(entry.path)
            if len(found) >= limit:
                break
    return found
