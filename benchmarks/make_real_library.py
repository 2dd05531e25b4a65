"""A library shaped like a real ai-team-library (≈650 files), in both layouts, linted.

Run: uv run python benchmarks/make_real_library.py [--keep]
Builds, in a temporary folder, the older layout (stacks/, personas/<name>/) and the newer
one (expertise/ packs with front matter, personas/<group>/<name>/, claude/, workflows/),
neither with a library.toml, and prints for each: files, diagnostics per kind and rule,
and the time of a cold lint (no cache). All text is generated here.
"""

from __future__ import annotations

import argparse
import collections
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from foundry_app.core.library import Library  # noqa: E402
from foundry_app.core.lint import lint_library  # noqa: E402

PERSONA_SECTIONS = (
    "Mission", "Scope", "Operating Principles", "Inputs I Expect", "Outputs I Produce",
    "Definition of Done", "Quality Bar", "Collaboration & Handoffs", "Escalation Triggers",
    "Anti-Patterns", "Tone & Communication", "Safety & Constraints",
)  # fmt: skip
PACKS = 47
TOPICS_PER_PACK = 4
PERSONAS = 24
TEMPLATES_PER_PERSONA = 6
COMMANDS = 140


def conventions(name: str, front_matter: bool) -> str:
    head = (
        f"---\nid: {name}\ncategory: Languages\nentry: true\nlast-reviewed: 2025-05\n---\n"
        if front_matter
        else ""
    )
    return head + (
        f"# {name.title()} Conventions\n\n> How the team works with {name}.\n\n"
        "## Defaults\n\n| Concern | Default | Alternatives |\n| --- | --- | --- |\n"
        "| Build | make | just for small repos |\n\n"
        "## Do / Don't\n\n- **Do** pin versions.\n- **Don't** skip review.\n\n"
        "## Common Pitfalls\n\n1. **Drift.** Versions move under you.\n\n"
        "## Checklist\n\n- [ ] Versions pinned.\n- [x] Review on.\n\n"
        "## Examples\n\n```python\nprint('ok')\n```\n"
    )


def topic(pack: str, index: int) -> str:
    body = "\n".join(
        f"Paragraph {n} about {pack}, see [conventions](conventions.md)." for n in range(12)
    )
    return f"# {pack.title()} topic {index}\n\n{body}\n\n```bash\necho {index}\n```\n"


def persona(name: str, newer: bool) -> str:
    parts = [f"# Persona: {name.title()}\n"]
    for heading in PERSONA_SECTIONS:
        if newer and heading == "Mission":
            parts.append("## Category\n\nSoftware Development\n")
        if newer and heading == "Operating Principles":
            parts.append("## Activated When\n\nWork of this kind arrives.\n")
        parts.append(f"## {heading}\n\n- What the {name} does about {heading.lower()}.\n")
    return "\n".join(parts)


def build(root: Path, newer: bool) -> Path:
    files: dict[str, str] = {"README.md": "# Team library\n\nWhat is here.\n"}
    packs = "expertise" if newer else "stacks"
    for p in range(PACKS):
        name = f"pack-{p:02}"
        files[f"{packs}/{name}/conventions.md"] = conventions(name, newer)
        for t in range(TOPICS_PER_PACK):
            files[f"{packs}/{name}/topic-{t}.md"] = topic(name, t)
    for n in range(PERSONAS):
        name = f"role-{n:02}"
        folder = (
            f"personas/{'core' if n < 8 else 'extended'}/{name}" if newer else f"personas/{name}"
        )
        files[f"{folder}/persona.md"] = persona(name, newer)
        files[f"{folder}/outputs.md"] = f"# Outputs\n\nWhat {name} hands over.\n"
        files[f"{folder}/prompts.md"] = f"# Prompts\n\nHow to ask {name}.\n"
        files[f"{folder}/defaults.yml"] = f"role: {name}\nlevel: 1\n"
        for t in range(TEMPLATES_PER_PERSONA):
            files[f"{folder}/templates/form-{t}.md"] = f"# Form {t}\n\n- [ ] Field one\n"
    if newer:
        for c in range(COMMANDS):
            files[f"claude/commands/cmd-{c:03}.md"] = f"# Command {c}\n\n```\nrun {c}\n```\n"
        files["workflows/release.yml"] = "steps:\n  - build\n  - ship\n"
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def report(root: Path, label: str) -> None:
    started = time.perf_counter()
    library = Library.open(root)
    result = lint_library(library, use_cache=False)
    elapsed = time.perf_counter() - started
    markdown = library.markdown_files()
    print(f"{label}: {len(markdown)} Markdown + {len(library.text_files)} other files, "
          f"{len(result.diagnostics)} diagnostics, cold lint {elapsed:.2f} s")  # fmt: skip
    tops = collections.Counter()
    counts = collections.Counter()
    for d in result.diagnostics:
        relative = library.relative(d.path)
        top = relative.split("/")[0] if "/" in relative else "(root)"
        tops[top, str(d.severity)] += 1
        counts[top, d.name, str(d.severity)] += 1
    for top in sorted({top for top, _ in tops}):
        print(f"  {top:<12} {tops[top, 'error']:>5} errors {tops[top, 'warning']:>5} warnings")
    for (top, name, severity), count in sorted(counts.items()):
        print(f"    {top:<12} {name:<20} {severity:<8} {count}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the libraries and print where")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="foundry-real-"))
    for newer in (False, True):
        label = "newer layout" if newer else "older layout"
        report(build(folder / label.replace(" ", "-"), newer), label)
    if args.keep:
        print(f"kept in {folder}")
    else:
        import shutil

        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
