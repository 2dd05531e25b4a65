"""A synthetic library for benchmarks: many stacks, some following the template, some not."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "ai-team-library" / "library.toml"

_WORDS = [
    "model",
    "feature",
    "pipeline",
    "registry",
    "drift",
    "latency",
    "budget",
    "token",
    "prompt",
    "retrieval",
    "batch",
    "serving",
    "canary",
    "rollback",
    "lineage",
    "dataset",
    "schema",
    "contract",
    "owner",
    "metric",
    "threshold",
]


def _sentence(rng: random.Random, words: int = 14) -> str:
    chosen = [rng.choice(_WORDS) for _ in range(words)]
    if words > 6:  # real prose carries inline markup, which costs the parser more
        chosen[2] = f"**{chosen[2]}**"
        chosen[4] = f"`{chosen[4]}_id`"
        if rng.random() < 0.25:
            chosen[6] = f"[{chosen[6]}](conventions.md#checklist)"
    text = " ".join(chosen)
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(5))


def conventions(rng: random.Random, name: str, broken: bool) -> str:
    rows = "\n".join(
        f"| {rng.choice(_WORDS)} {i} | {rng.choice(_WORDS)} | "
        f"{'' if broken and i == 3 else rng.choice(_WORDS) + ', ' + rng.choice(_WORDS)} |"
        for i in range(12)
    )
    dos = "\n".join(f"- **{'Do' if i % 2 else 'Don’t'}** {_sentence(rng)}" for i in range(10))
    pitfalls = "\n".join(f"{i}. **{_sentence(rng, 3)}** {_sentence(rng)}" for i in range(1, 9))
    tasks = "\n".join(
        f"- [{'x' if rng.random() < 0.3 else ' '}] {_sentence(rng, 8)}" for _ in range(12)
    )
    fence = "```" if broken else "```python"
    code = "def run(x)\n    return x" if broken else "def run(x):\n    return x * 2"
    body = "\n\n".join(_paragraph(rng) for _ in range(6))
    sections = [
        f"# {name}\n\n{_paragraph(rng)}",
        f"## Defaults\n\n| Concern | Default | Alternatives |\n|---|---|---|\n{rows}",
        f"## Do / Don't\n\n{dos}",
        f"## Details\n\n{body}\n\n{fence}\n{code}\n```",
        f"## Common Pitfalls\n\n{pitfalls}",
        f"## Checklist\n\n{tasks}",
    ]
    if broken:
        sections.pop(2)  # a missing required section
    return "\n\n".join(sections) + "\n"


def topic(rng: random.Random, name: str, index: int) -> str:
    parts = [f"# {name} topic {index}\n"]
    for section in range(5):
        parts.append(f"## Part {section}\n\n" + "\n\n".join(_paragraph(rng) for _ in range(3)))
        parts.append(f"```python\nvalue_{section} = {section} * 2\n```")
    parts.append("See [the conventions](conventions.md#checklist).")
    return "\n\n".join(parts) + "\n"


def make_synthetic_library(root: Path, files: int = 1000, seed: int = 7) -> Path:
    """Write about `files` Markdown files (~10 KB each) under root; return the library root."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(TEMPLATE, root / "library.toml")
    per_stack = 10
    for stack in range(max(1, files // per_stack)):
        name = f"stack-{stack:03d}"
        folder = root / "stacks" / name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "conventions.md").write_text(conventions(rng, name, stack % 5 == 0), "utf-8")
        for index in range(1, per_stack):
            (folder / f"topic-{index}.md").write_text(topic(rng, name, index), "utf-8")
    return root


def library_size(root: Path) -> tuple[int, int]:
    files = list(root.rglob("*.md"))
    return len(files), sum(f.stat().st_size for f in files)


def big_document(size: int, seed: int = 11) -> str:
    """One long conventions file of about `size` bytes (a generated reference, a long
    runbook): the required sections, then many parts of prose, tables, tasks and code."""
    rng = random.Random(seed)
    head = conventions(rng, "big", broken=False)
    parts = [head]
    total, index = len(head), 0
    while total < size:
        index += 1
        rows = "\n".join(
            f"| {_sentence(rng, 3)} | `{rng.choice(_WORDS)}` | {_sentence(rng, 4)} |"
            for _ in range(6)
        )
        tasks = "\n".join(f"- [ ] {_sentence(rng, 7)}" for _ in range(4))
        part = (
            f"### Reference {index}\n\n{_paragraph(rng)}\n\n| Name | Kind | Notes |\n"
            f"|---|---|---|\n{rows}\n\n{tasks}\n\n```python\nvalue_{index} = {index} * 2\n```\n\n"
            f"- {_sentence(rng)}\n- {_sentence(rng)}\n\n{_paragraph(rng)}\n"
        )
        parts.append(part)
        total += len(part) + 1
    return "\n".join(parts)
