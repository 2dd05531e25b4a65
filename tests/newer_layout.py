"""A small library in the newer public layout, written for the tests (no library.toml)."""

from __future__ import annotations

from pathlib import Path

from helpers import GOOD_CONVENTIONS

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


# What a pack's conventions.md opens with in the newer layout.
PACK_FRONT_MATTER = """\
---
id: mlops
category: Data & ML
entry: true
last-reviewed: 2025-06
---
"""


def persona_text(title: str, leave_out: str = "") -> str:
    parts = [f"# {title}\n"]
    for heading in PERSONA_SECTIONS:
        if heading != leave_out:
            parts.append(f"## {heading}\n\nWhat the {title.lower()} does about this.\n")
    return "\n".join(parts)


def make_newer_layout(root: Path) -> Path:
    """expertise/<pack>/, personas/core/<name>/ and personas/extended/<name>/, claude/."""
    files = {
        "expertise/mlops/conventions.md": PACK_FRONT_MATTER + GOOD_CONVENTIONS,
        "personas/core/developer/persona.md": persona_text("Developer"),
        "personas/core/developer/outputs.md": "# Outputs\n\nCode and tests.\n",
        "personas/core/developer/prompts.md": "# Prompts\n\nAsk for the failing test first.\n",
        "personas/core/developer/templates/handoff.md": "# Handoff\n\nWhat changed.\n",
        "personas/core/developer/contracts.yml": "inputs:\n  - story\n",
        "personas/extended/data-analyst/persona.md": persona_text("Data Analyst"),
        "personas/extended/data-analyst/outputs.md": "# Outputs\n\nCharts with sources.\n",
        "personas/extended/data-analyst/prompts.md": "# Prompts\n\nName the metric.\n",
        "claude/commands/review.md": "# Review\n\n```\nno language\n```\n",
        "claude/commands/plan.md": "# Plan\n\n- [x] read the issue\n- [ ] write the steps\n",
        "README.md": "# Team library\n\nWhat is in here.\n",
    }
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root
