"""Regenerate docs/screenshot.png: the real app, offscreen, on a copy of the shipped library
in which the mlops conventions carry two deliberate template breaks, so the picture shows
the inline markers, badges and Problems rows.

Run: uv run python docs/make_screenshot.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def break_template(conventions: Path) -> None:
    text = conventions.read_text(encoding="utf-8")
    lines = text.split("\n")
    row = next(i for i, line in enumerate(lines) if line.startswith("| Model registry |"))
    cells = lines[row].split("|")
    cells[3] = "  "  # an empty Alternatives cell
    lines[row] = "|".join(cells)
    fence = next(i for i, line in enumerate(lines) if line.startswith("```yaml"))
    lines[fence] = "```"  # a fence without a language
    conventions.write_text("\n".join(lines), encoding="utf-8")


def main() -> int:
    with tempfile.TemporaryDirectory() as temp:
        library = Path(temp) / "ai-team-library"
        shutil.copytree(ROOT / "ai-team-library", library)
        break_template(library / "stacks" / "mlops" / "conventions.md")
        env = {**os.environ, "FOUNDRY_CACHE_DIR": str(Path(temp) / "cache")}
        command = [
            sys.executable, "-m", "foundry_app", "--library", str(library),
            "--open", "stacks/mlops/conventions.md",
            "--screenshot", str(ROOT / "docs" / "screenshot.png"),
        ]
        return subprocess.run(command, env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
