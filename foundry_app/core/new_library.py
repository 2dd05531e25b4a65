"""A library of one's own: `foundry init` and the app's "Create a new library…".

Both write Foundry's standard template as the folder's library.toml, never over an
existing one; the app also asks for a folder that is empty, so a new library never
adopts files that were there for another reason.
"""

from __future__ import annotations

from pathlib import Path

from foundry_app.core.library import TEMPLATE_FILE
from foundry_app.core.storage import write_new_file
from foundry_app.core.template import builtin_template_text


class NewLibraryError(Exception):
    """Why no library was made (nothing was written)."""


def init_library(root: str | Path) -> Path:
    """Write the standard template into the folder `root`; returns the library.toml."""
    root = Path(root)
    if not root.is_dir():
        raise NewLibraryError(f"{root}: not a folder")
    target = root / TEMPLATE_FILE
    try:
        write_new_file(target, builtin_template_text())
    except FileExistsError:
        raise NewLibraryError(f"{target} already exists; nothing written") from None
    except OSError as error:
        raise NewLibraryError(f"cannot write {target}: {error.strerror or error}") from error
    return target


def create_library(folder: str | Path) -> Path:
    """A new library in the empty folder `folder` (hidden entries count: nothing is
    adopted); returns the library.toml written."""
    folder = Path(folder)
    if not folder.is_dir():
        raise NewLibraryError(f"{folder}: not a folder")
    try:
        entries = sorted(entry.name for entry in folder.iterdir())
    except OSError as error:
        raise NewLibraryError(f"cannot read {folder}: {error.strerror or error}") from error
    if entries:
        shown = ", ".join(entries[:3]) + (", …" if len(entries) > 3 else "")
        raise NewLibraryError(
            f"{folder} is not empty ({shown}): choose an empty folder for a new library, "
            "or open this one with Open a library…"
        )
    return init_library(folder)
