"""Lists sent between processes as several small pickles instead of one big one.

One `pickle.loads` of tens of thousands of objects is a single call that holds the
interpreter lock for a tenth of a second or more (a 5 MB file's blocks, a 10,000-file
library's diagnostics), and the window waits for it; between parts the window gets its
turn. No Qt, so a lint child can import it.

Paths can travel as their names and come back as the receiver's own `Path` objects: a
10,000-file report otherwise brought 20,000 new paths (and a list inside each) into the
window, a fifth of the objects every full garbage collection walks there.
"""

from __future__ import annotations

import io
import os
import pickle
from collections.abc import Mapping
from pathlib import Path, PurePath

PART_ITEMS = 250  # items per pickled part: one part unpickles in about a millisecond


class _PathsAsNames(pickle.Pickler):
    def persistent_id(self, obj: object) -> str | None:
        return os.fspath(obj) if isinstance(obj, PurePath) else None


class _PathsFromNames(pickle.Unpickler):
    def __init__(self, data: bytes, paths: dict[str, Path]) -> None:
        super().__init__(io.BytesIO(data))
        self._paths = paths

    def persistent_load(self, name: str) -> Path:
        path = self._paths.get(name)
        if path is None:  # not one the receiver knows: made once, then shared
            path = self._paths[name] = Path(name)
        return path


def pickle_parts(items: list, *, paths_as_names: bool = False) -> list[bytes]:
    """`paths_as_names`: every path is sent as its name (read back with `paths`)."""
    chunks = [items[i : i + PART_ITEMS] for i in range(0, len(items), PART_ITEMS)]
    if not paths_as_names:
        return [pickle.dumps(chunk, protocol=pickle.HIGHEST_PROTOCOL) for chunk in chunks]
    parts = []
    for chunk in chunks:
        buffer = io.BytesIO()
        _PathsAsNames(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(chunk)
        parts.append(buffer.getvalue())
    return parts


def unpickle_parts(parts: list[bytes], *, paths: Mapping[str, Path] | None = None) -> list:
    """`paths`: name -> the receiver's Path, for parts pickled with `paths_as_names`."""
    items: list = []
    if paths is None:
        for part in parts:
            items.extend(pickle.loads(part))
        return items
    known = dict(paths)  # grows by the names the receiver did not know
    for part in parts:
        items.extend(_PathsFromNames(part, known).load())
    return items
