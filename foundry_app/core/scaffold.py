"""Skeleton text for template sections and new items, generated from the template itself."""

from __future__ import annotations

from foundry_app.core.template import KindSpec, SectionSpec

PLACEHOLDER = "TODO"


def section_body(spec: SectionSpec) -> str:
    """Placeholder content of the right shape for a required section."""
    if spec.content == "table":
        columns = spec.columns or ("Column",)
        header = "| " + " | ".join(columns) + " |"
        rule = "|" + "|".join("---" for _ in columns) + "|"
        row = "| " + " | ".join(PLACEHOLDER for _ in columns) + " |"
        return "\n".join((header, rule, row))
    if spec.content == "do-dont":
        prefixes = spec.prefixes or ("Do", "Don't")
        return "\n".join(f"- **{prefix}** {PLACEHOLDER}." for prefix in prefixes)
    if spec.content == "numbered":
        lead = f"**{PLACEHOLDER}.** " if spec.bold_lead else ""
        return f"1. {lead}{PLACEHOLDER}."
    if spec.content == "tasks":
        return "\n".join(f"- [ ] {PLACEHOLDER}." for _ in range(max(1, spec.min_items)))
    if spec.content == "bullets":
        return f"- {PLACEHOLDER}."
    return f"{PLACEHOLDER}."


def section_text(spec: SectionSpec) -> str:
    """The heading and body of a section, ending with one newline."""
    return f"## {spec.heading}\n\n{section_body(spec)}\n"


def item_files(kind: KindSpec, name: str) -> dict[str, str]:
    """The files a new item starts with: each required file with its required sections."""
    files = {}
    for filename in kind.required_files:
        spec = kind.file_spec(filename)
        parts = [f"# {_title_from(name)}\n", f"{PLACEHOLDER}: say what this {kind.key} covers.\n"]
        parts.extend(section_text(section) for section in spec.sections)
        if kind.code_examples and filename == kind.required_files[0]:
            parts.append(f"## Examples\n\n```text\n{PLACEHOLDER}: a worked example.\n```\n")
        files[filename] = "\n".join(parts)
    return files


def _title_from(name: str) -> str:
    return " ".join(word.capitalize() for word in name.split("-"))
