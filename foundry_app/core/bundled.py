"""Where the files that ship with Foundry are: the app's `resources/` and the bundled
`ai-team-library/`.

In a clone they are the repository's top-level folders beside the package. A wheel cannot
hold files outside its packages, so the build copies both into `foundry_app/_bundled/`
(pyproject.toml, `force-include`), and an installed Foundry finds them there, beside its
own modules (wheels install unpacked; `importlib.resources` gave the same folder and cost
10 ms of every `foundry lint`'s start).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from string import Template

PACKAGED_FOLDER = "_bundled"  # the wheel's copy; must match pyproject.toml's force-include
RESOURCES = "resources"
LIBRARY = "ai-team-library"
_PACKAGE = Path(__file__).resolve().parents[1]  # foundry_app/
_REPOSITORY = _PACKAGE.parent  # a clone's top level


def bundled_folder(name: str) -> Path:
    """The installed package's copy of `name` if there is one, else the clone's folder
    (which may not exist: callers report a missing folder with its path)."""
    packaged = _PACKAGE / PACKAGED_FOLDER / name
    return packaged if packaged.is_dir() else _REPOSITORY / name


def resources_folder() -> Path:
    return bundled_folder(RESOURCES)


def library_folder() -> Path:
    return bundled_folder(LIBRARY)


@cache
def resource_text(name: str) -> str:
    """A text file of resources/ (read once per process)."""
    return (resources_folder() / name).read_text(encoding="utf-8")


@cache
def style_template(name: str) -> Template:
    """A style sheet of resources/ whose `$names` stand for a theme's colours; its
    comments are dropped, they are for whoever edits the file."""
    text = resource_text(name)
    while "/*" in text:
        start = text.index("/*")
        end = text.index("*/", start) + 2
        text = text[:start] + text[end:]
    return Template("\n".join(line for line in text.splitlines() if line.strip()))
