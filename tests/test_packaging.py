"""The wheel: built with `uv build`, installed into a fresh venv, and used from there with no
clone in sight — the app starts offscreen with its icon and style sheets, opens the bundled
library, and `foundry lint` passes on it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from helpers import ROOT

UV = shutil.which("uv")
pytestmark = pytest.mark.skipif(UV is None, reason="uv is not on PATH: cannot build the wheel")

BUNDLED = "foundry_app/_bundled"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
EXPECTED_FILES = [
    *(f"{BUNDLED}/resources/icons/foundry-{size}.png" for size in PNG_SIZES),
    f"{BUNDLED}/resources/foundry.svg",
    f"{BUNDLED}/resources/foundry.ico",
    f"{BUNDLED}/resources/foundry.desktop",
    f"{BUNDLED}/resources/io.github.foundry.Foundry.metainfo.xml",
    f"{BUNDLED}/resources/preview.css",
    f"{BUNDLED}/resources/message-bar.qss",
    f"{BUNDLED}/ai-team-library/library.toml",
    f"{BUNDLED}/ai-team-library/stacks/mlops/conventions.md",
]

# Run inside the venv: what the installed app found, as one JSON line.
PROBE = """
import json, os
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
app = QApplication([])
import foundry_app
from foundry_app.core import bundled
from foundry_app.ui.theme import current_theme
from foundry_app.ui.window.main_window import MainWindow

window = MainWindow(None, settings=False)  # no argument: the bundled library
opened = window.open_path("stacks/mlops/conventions.md")
ground = current_theme().roles["Base"]
for _ in range(400):  # the preview is rendered off the GUI thread
    app.processEvents()
    if f'bgcolor="{ground}"' in window.preview.document().toHtml():
        break
    app.thread().msleep(25)
window.read_only_bar.show_message("probe")
print(json.dumps({
    "package": foundry_app.__file__,
    "resources": str(bundled.resources_folder()),
    "library": str(window.library.root) if window.library else None,
    "opened": opened,
    "icon_null": window.windowIcon().isNull(),
    "icon_sizes": sorted(s.width() for s in window.windowIcon().availableSizes()),
    "preview_ground": f'bgcolor="{ground}"' in window.preview.document().toHtml(),
    "bar_style": window.read_only_bar.styleSheet(),
    "bar_ground": current_theme().accents["bar_warning"],
}))
window.close()
"""


def run(*command: str | Path, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True,
        timeout=180,
    )  # fmt: skip


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> dict:
    """The wheel and a venv with it installed; the environment shares no folder with the clone."""
    base = tmp_path_factory.mktemp("wheel")
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env.pop("FOUNDRY_LIBRARY", None)
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        env[name] = str(base / name.lower())
    env["FOUNDRY_CACHE_DIR"] = str(base / "lint-cache")
    env["FOUNDRY_THEME"] = "dark"  # colours unlike Qt's defaults, so the sheets show
    env["QT_QPA_PLATFORM"] = "offscreen"
    built = run(UV, "build", "--wheel", "--out-dir", base / "dist", cwd=ROOT, env=env)
    assert built.returncode == 0, built.stderr
    (wheel,) = (base / "dist").glob("foundry-*.whl")
    venv = base / "venv"
    made = run(UV, "venv", "--quiet", "--python", sys.executable, venv, cwd=base, env=env)
    assert made.returncode == 0, made.stderr
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    added = run(UV, "pip", "install", "--quiet", "--python", python, wheel, cwd=base, env=env)
    assert added.returncode == 0, added.stderr
    scripts = python.parent
    return {"wheel": wheel, "venv": venv, "python": python, "scripts": scripts, "env": env,
            "cwd": base}  # fmt: skip


def test_the_wheel_carries_resources_and_the_library(installed):
    names = set(zipfile.ZipFile(installed["wheel"]).namelist())
    assert [name for name in EXPECTED_FILES if name not in names] == []
    assert not any(name.startswith(("resources/", "ai-team-library/")) for name in names)


def test_the_installed_app_starts_with_its_icon_styles_and_bundled_library(installed):
    probe = run(installed["python"], "-c", PROBE, cwd=installed["cwd"], env=installed["env"])
    assert probe.returncode == 0, probe.stderr
    found = json.loads(probe.stdout.strip().splitlines()[-1])
    venv = installed["venv"].resolve()
    assert venv in Path(found["package"]).resolve().parents  # not the clone's package
    package_folder = Path(found["package"]).resolve().parent
    assert Path(found["resources"]).resolve() == package_folder / "_bundled" / "resources"
    assert venv in Path(found["library"]).resolve().parents
    assert Path(found["library"]).name == "ai-team-library" and found["opened"]
    assert not found["icon_null"] and found["icon_sizes"] == list(PNG_SIZES)
    assert found["preview_ground"], "the preview style sheet did not reach the page"
    assert found["bar_ground"] in found["bar_style"] and "QLabel" in found["bar_style"]


def test_the_installed_command_lints_the_bundled_library(installed):
    foundry = installed["scripts"] / "foundry"
    whole = run(foundry, "lint", cwd=installed["cwd"], env=installed["env"])
    assert whole.returncode == 0, whole.stdout + whole.stderr
    shipped = len(list((ROOT / "ai-team-library").rglob("*.md")))
    assert f"in {shipped} files" in whole.stdout  # the whole bundled library, from the venv
    site_copy = next(installed["venv"].rglob(f"{BUNDLED}/ai-team-library"))
    stack = run(foundry, "lint", site_copy / "stacks" / "mlops", cwd=installed["cwd"],
                env=installed["env"])  # fmt: skip
    assert stack.returncode == 0, stack.stdout + stack.stderr


def test_the_installed_command_takes_a_screenshot(installed):
    picture = installed["cwd"] / "shot.png"
    shot = run(installed["scripts"] / "foundry", "--screenshot", picture, cwd=installed["cwd"],
               env=installed["env"])  # fmt: skip
    assert shot.returncode == 0, shot.stderr
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
