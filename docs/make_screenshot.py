"""Regenerate docs/screenshot.png: the real app, offscreen, on a copy of the shipped library
in which the mlops conventions carry two deliberate template breaks, so the picture shows
the inline markers, badges and Problems rows; and docs/screenshot-personas.png: a team
library in the newer layout (expertise/, grouped personas, claude/) with no library.toml.

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
    fence = next(i for i, line in enumerate(lines) if line.startswith("```") and len(line) > 3)
    lines[fence] = "```"  # a fence without a language
    conventions.write_text("\n".join(lines), encoding="utf-8")


PERSONA_SECTIONS = (
    "Mission",
    "Scope",
    "Operating Principles",
    "Inputs I Expect",
    "Outputs I Produce",
    "Definition of Done",
    "Quality Bar",
    "Collaboration & Handoffs",
    "Escalation Triggers",
    "Anti-Patterns",
    "Tone & Communication",
    "Safety & Constraints",
)


def persona(title: str, skip: str = "") -> str:
    body = [f"# {title}\n", f"The {title.lower()} of the team, as the team agreed it.\n"]
    for heading in PERSONA_SECTIONS:
        if heading != skip:
            body.append(f"## {heading}\n\n- The {title.lower()}'s {heading.lower()}.\n")
    return "\n".join(body)


def make_team_library(root: Path) -> None:
    """A made-up library in the newer layout, with one persona missing a section."""
    shutil.copytree(ROOT / "ai-team-library" / "stacks", root / "expertise")
    files = {
        "personas/core/developer/persona.md": persona("Developer"),
        "personas/core/developer/outputs.md": "# Outputs\n\nCode, tests and a short change note.\n",
        "personas/core/developer/templates/change-note.md": "# Change Note\n\nWhat and why.\n",
        "personas/core/developer/contracts.yml": "inputs:\n  - story\noutputs:\n  - pull-request\n",
        "personas/core/reviewer/persona.md": persona("Reviewer", skip="Quality Bar"),
        "personas/extended/data-analyst/persona.md": persona("Data Analyst"),
        "claude/commands/review.md": "# Review\n\nRun the review.\n\n```\nreview --all\n```\n",
        "claude/commands/plan.md": "# Plan\n\n- [x] Read the story\n- [ ] Write the steps\n",
        "claude/skills/handoff/SKILL.md": "# Handoff\n\nHow work moves between personas.\n",
        "workflows/release.md": "# Release\n\n1. Tag\n2. Ship\n",
        "README.md": "# Team Library\n\nWhat the team is made of.\n",
    }
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def shoot(library: Path, open_path: str, picture: Path, cache: Path) -> int:
    env = {**os.environ, "FOUNDRY_CACHE_DIR": str(cache)}
    command = [
        sys.executable,
        "-m",
        "foundry_app",
        "--library",
        str(library),
        "--open",
        open_path,
        "--screenshot",
        str(picture),
    ]
    return subprocess.run(command, env=env, check=False).returncode


def main() -> int:
    with tempfile.TemporaryDirectory() as temp:
        team = Path(temp) / "team-library"
        make_team_library(team)
        status = shoot(
            team,
            "personas/core/reviewer/persona.md",
            ROOT / "docs" / "screenshot-personas.png",
            Path(temp) / "cache",
        )
        if status:
            return status
    with tempfile.TemporaryDirectory() as temp:
        library = Path(temp) / "ai-team-library"
        shutil.copytree(ROOT / "ai-team-library", library)
        break_template(library / "stacks" / "mlops" / "conventions.md")
        return shoot(
            library,
            "stacks/mlops/conventions.md",
            ROOT / "docs" / "screenshot.png",
            Path(temp) / "cache",
        )


if __name__ == "__main__":
    sys.exit(main())
